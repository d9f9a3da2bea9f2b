using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
        builder.Services.AddDbContext<AppDb>(db => Configure(db, options));
        builder.Services.AddSingleton<SchemaMigrator>();
        return builder;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder db, DatabaseOptions options) =>
        options.Provider == DatabaseProvider.Postgres
            ? db.UseNpgsql(options.ConnectionString)
            : db.UseSqlite(options.ConnectionString);

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
