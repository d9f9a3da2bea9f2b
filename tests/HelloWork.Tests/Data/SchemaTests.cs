using HelloWork.Web.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Jobs;
using HelloWork.Web.Notices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelloWork.Tests.Data;

/// <summary>The versioned schema upgrades itself on both databases without losing data (OPS-1).</summary>
public abstract class SchemaTests(DatabaseProvider provider)
{
    private async Task<DatabaseOptions> EmptyDatabaseAsync() => new()
    {
        Provider = provider,
        ConnectionString = provider == DatabaseProvider.Postgres
            ? await TestServices.CreatePostgresDatabaseAsync()
            : DataSetup.ResolveSqlitePath($"Data Source={Path.Combine(TestServices.ArtifactsDirectory, $"schema-{Guid.NewGuid():N}.db")}", "/"),
    };

    private static AppDb Open(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<AppDb>();
        DataSetup.Configure(builder, options);
        return new AppDb(builder.Options);
    }

    [Fact, Trait("Rule", "OPS-1")]
    public async Task A_database_made_by_the_first_schema_version_is_upgraded_keeping_its_data()
    {
        var options = await EmptyDatabaseAsync();
        var migrator = new SchemaMigrator(options, NullLogger<SchemaMigrator>.Instance);
        var now = new DateTime(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);
        var staff = AppUser.Create(UserKind.Staff, "staff@old.example", "職員", now);
        var seeker = AppUser.Create(UserKind.Seeker, "seeker@old.example", "旧 利用者", now);
        await using (var v1 = Open(options))
        {
            await migrator.MigrateAsync(v1, upTo: "0001_initial");
            Assert.DoesNotContain("Notices", await TablesAsync(v1));
            var establishment = Establishment.Create("1301-999999-9", "旧事業所", "東京都", "千代田区", now);
            v1.AddRange(establishment, staff, seeker);
            await v1.SaveChangesAsync();
        }

        await using (var current = Open(options))
        {
            await migrator.MigrateAsync(current);

            var kept = await current.Users.SingleAsync(u => u.Id == seeker.Id);
            Assert.Equal(("seeker@old.example", "旧 利用者", UserKind.Seeker, now), (kept.Email, kept.DisplayName, kept.Kind, kept.CreatedAt));
            Assert.Equal("旧事業所", (await current.Set<Establishment>().SingleAsync()).Name);
            current.Add(Notice.Send(staff, kept, "移行後のお知らせ", "本文", now));
            await current.SaveChangesAsync();
            Assert.Equal(1, await current.Set<Notice>().CountAsync(n => n.RecipientId == seeker.Id));
            Assert.Equal(SchemaMigrator.AvailableMigrations(provider), await AppliedAsync(current));
        }
    }

    [Fact, Trait("Rule", "OPS-1")]
    public async Task Every_mapped_column_exists_after_the_migrations()
    {
        var options = await EmptyDatabaseAsync();
        await using var db = Open(options);
        await new SchemaMigrator(options, NullLogger<SchemaMigrator>.Instance).MigrateAsync(db);

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
        var migrator = new SchemaMigrator(options, NullLogger<SchemaMigrator>.Instance);
        await using var db = Open(options);
        await migrator.MigrateAsync(db);
        var before = await AppliedAsync(db);

        await migrator.MigrateAsync(db);

        Assert.Equal(before, await AppliedAsync(db));
        Assert.Equal(SchemaMigrator.AvailableMigrations(provider), before);
    }

    private static Task<List<string>> AppliedAsync(AppDb db) =>
        db.Database.SqlQueryRaw<string>("SELECT id AS \"Value\" FROM schema_migrations ORDER BY id").ToListAsync();

    private async Task<List<string>> TablesAsync(AppDb db) => provider == DatabaseProvider.Sqlite
        ? await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync()
        : await db.Database.SqlQueryRaw<string>("SELECT table_name::text AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
}

public sealed class SchemaTestsOnSqlite() : SchemaTests(DatabaseProvider.Sqlite);

public sealed class SchemaTestsOnPostgres() : SchemaTests(DatabaseProvider.Postgres);
