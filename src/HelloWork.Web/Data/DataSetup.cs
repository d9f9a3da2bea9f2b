using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelloWork.Web.Data;

public static class DataSetup
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            options.ConnectionString = ResolveSqlitePath(options.ConnectionString, builder.Environment.ContentRootPath);
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<IInterceptor, RequestConnection.KeepOpen>();
        // Features inject AppDb; the provider's subclass behind it picks the migrations set.
        // Features add their EF interceptors to DI (as IInterceptor); every AppDb gets them.
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<AppDb, PostgresAppDb>((sp, db) => Configure(db, options).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContext<AppDb, SqliteAppDb>((sp, db) => Configure(db, options).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        return builder;
    }

    public static T Configure<T>(T db, DatabaseOptions options) where T : DbContextOptionsBuilder
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            db.UseNpgsql(options.ConnectionString);
        }
        else
        {
            db.UseSqlite(options.ConnectionString);
        }
        return db;
    }

    /// <summary>An AppDb outside DI (tests, tools): the provider's own subclass.</summary>
    public static AppDb Open(DatabaseOptions options) => options.Provider == DatabaseProvider.Postgres
        ? new PostgresAppDb(Configure(new DbContextOptionsBuilder<PostgresAppDb>(), options).Options)
        : new SqliteAppDb(Configure(new DbContextOptionsBuilder<SqliteAppDb>(), options).Options);

    /// <summary>Makes a relative SQLite file absolute and makes sure its folder exists.</summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource != ":memory:" && !string.IsNullOrEmpty(csb.DataSource))
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(contentRoot, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        csb.Pooling = true;
        if (csb.DefaultTimeout < 30)
        {
            csb.DefaultTimeout = 30; // waits on a busy database instead of failing at once
        }
        return csb.ToString();
    }
}
