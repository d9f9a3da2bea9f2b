using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HelloWork.Web.Data;

/// <summary>AppDb on SQLite; owns the migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

/// <summary>AppDb on PostgreSQL; owns the migrations in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        JsonDocuments.UseJsonb(builder);
    }
}

/// <summary>
/// What `dotnet ef` uses to build each context (tools/add-migration.sh). Adding a migration needs
/// only the provider, not a database nor the app's start-up, so these never connect.
/// </summary>
public sealed class SqliteAppDbFactory : IDesignTimeDbContextFactory<SqliteAppDb>
{
    public SqliteAppDb CreateDbContext(string[] args) =>
        new(DataSetup.Configure(new DbContextOptionsBuilder<SqliteAppDb>(), new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = args.Length > 0 ? args[0] : "Data Source=:memory:",
        }).Options);
}

public sealed class PostgresAppDbFactory : IDesignTimeDbContextFactory<PostgresAppDb>
{
    public PostgresAppDb CreateDbContext(string[] args) =>
        new(DataSetup.Configure(new DbContextOptionsBuilder<PostgresAppDb>(), new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = args.Length > 0 ? args[0] : "Host=localhost;Database=hellowork_design_time",
        }).Options);
}
