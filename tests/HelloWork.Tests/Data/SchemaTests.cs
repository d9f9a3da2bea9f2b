using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace HelloWork.Tests.Data;

/// <summary>The generated migrations build and upgrade the schema on both databases without losing data (OPS-1).</summary>
public abstract class SchemaTests(DatabaseProvider provider)
{
    private async Task<DatabaseOptions> EmptyDatabaseAsync() => new()
    {
        Provider = provider,
        ConnectionString = provider == DatabaseProvider.Postgres
            ? await TestServices.CreatePostgresDatabaseAsync()
            : DataSetup.ResolveSqlitePath($"Data Source={Path.Combine(TestServices.ArtifactsDirectory, $"schema-{Guid.NewGuid():N}.db")}", "/"),
    };

    [Fact, Trait("Rule", "OPS-1")]
    public void The_migrations_cover_the_whole_model()
    {
        // Fails when an entity or mapping changed without tools/add-migration.sh (no database needed).
        using var db = DataSetup.Open(new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=:memory:",
        });
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} model has changes no migration makes: run tools/add-migration.sh <Name>");
    }

    [Fact, Trait("Rule", "OPS-1")]
    public async Task A_database_made_by_the_previous_migration_is_upgraded_keeping_its_data()
    {
        var options = await EmptyDatabaseAsync();
        var now = new DateTime(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);
        var staffId = Guid.NewGuid();
        var seekerId = Guid.NewGuid();
        await using (var previous = DataSetup.Open(options))
        {
            var all = previous.Database.GetMigrations().ToList();
            // The second-newest migration; while the baseline is the only one, the baseline itself
            // (then this proves that stopping at a named migration and carrying on works).
            var target = all.Count >= 2 ? all[^2] : all[0];
            await Schema.MigrateAsync(previous, target);
            Assert.Equal(all.TakeWhile(m => m != target).Append(target), await previous.Database.GetAppliedMigrationsAsync());
            Assert.Equal(all.SkipWhile(m => m != target).Skip(1), await previous.Database.GetPendingMigrationsAsync());
            // Rows written as the older schema had them: only columns the baseline made.
            await InsertBaselineUserAsync(previous, staffId, UserKind.Staff, "staff@old.example", "職員", now);
            await InsertBaselineUserAsync(previous, seekerId, UserKind.Seeker, "seeker@old.example", "旧 利用者", now);
        }

        await using (var current = DataSetup.Open(options))
        {
            await Schema.MigrateAsync(current);

            var kept = await current.Users.SingleAsync(u => u.Id == seekerId);
            var staff = await current.Users.SingleAsync(u => u.Id == staffId);
            Assert.Equal(("seeker@old.example", "旧 利用者", UserKind.Seeker, now), (kept.Email, kept.DisplayName, kept.Kind, kept.CreatedAt));
            current.Add(Notice.Send(staff, kept, "移行後のお知らせ", "本文", now));
            await current.SaveChangesAsync();
            Assert.Equal(1, await current.Set<Notice>().CountAsync(n => n.RecipientId == seekerId));
            Assert.Equal(current.Database.GetMigrations(), await current.Database.GetAppliedMigrationsAsync());
        }
    }

    [Fact, Trait("Rule", "OPS-1")]
    public async Task Every_mapped_column_exists_after_the_migrations()
    {
        var options = await EmptyDatabaseAsync();
        await using var db = DataSetup.Open(options);
        await Schema.MigrateAsync(db);

        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Select(p => $"\"{p.GetColumnName(table)}\"");
            // Throws (and fails the test) if the table or any column the model maps is missing.
            // The names come from the model itself, not from input.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync($"SELECT {string.Join(", ", columns)} FROM \"{table.Name}\" WHERE 1 = 0");
#pragma warning restore EF1002
        }
    }

    [Fact, Trait("Rule", "OPS-1")]
    public async Task Migrating_again_changes_nothing()
    {
        var options = await EmptyDatabaseAsync();
        await using var db = DataSetup.Open(options);
        await Schema.MigrateAsync(db);
        var applied = await db.Database.GetAppliedMigrationsAsync();
        var columns = await ColumnsAsync(db);

        await Schema.MigrateAsync(db);

        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Equal(applied, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(columns, await ColumnsAsync(db));
    }

    [Fact, Trait("Rule", "OPS-1")]
    public async Task Instances_starting_together_apply_each_migration_once()
    {
        var options = await EmptyDatabaseAsync();

        // EF's migration lock serialises them; without it two would create the same tables and fail.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await using var db = DataSetup.Open(options);
            await Schema.MigrateAsync(db);
        })));

        await using var check = DataSetup.Open(options);
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        var history = await check.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"" + HistoryRepository.DefaultTableName + "\"").ToListAsync();
        Assert.Equal(check.Database.GetMigrations().Order(), history.Order());
    }

    // WrongSignInCodes (migration CountGuesses) is given too: on SQLite, AddOfficesAndJobs rebuilt
    // "AspNetUsers" without its default, and every previous migration from now on is later than both.
    private Task InsertBaselineUserAsync(AppDb db, Guid id, UserKind kind, string email, string name, DateTime at)
    {
        object Id(Guid g) => provider == DatabaseProvider.Sqlite ? g.ToString().ToUpperInvariant() : g;
        object At(DateTime d) => provider == DatabaseProvider.Sqlite ? d.ToString("yyyy-MM-dd HH:mm:ss") : d;
        object Bool(bool b) => provider == DatabaseProvider.Sqlite ? (b ? 1 : 0) : b;
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "AspNetUsers" ("Id", "Kind", "DisplayName", "CreatedAt", "UserName", "NormalizedUserName", "Email",
                "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "WrongSignInCodes")
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {4}, {5}, {6}, {7}, {7}, {6}, 0, 0)
            """,
            Id(id), (int)kind, name, At(at), email, email.ToUpperInvariant(), Bool(true), Bool(false));
    }

    /// <summary>Every table.column in the database, to tell whether a second run touched anything.</summary>
    private async Task<List<string>> ColumnsAsync(AppDb db) => provider == DatabaseProvider.Sqlite
        ? await db.Database.SqlQueryRaw<string>(
            "SELECT m.name || '.' || p.name || ' ' || p.type AS \"Value\" FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY 1").ToListAsync()
        : await db.Database.SqlQueryRaw<string>(
            "SELECT (table_name || '.' || column_name || ' ' || data_type)::text AS \"Value\" FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1").ToListAsync();
}

public sealed class SchemaTestsOnSqlite() : SchemaTests(DatabaseProvider.Sqlite);

public sealed class SchemaTestsOnPostgres() : SchemaTests(DatabaseProvider.Postgres);
