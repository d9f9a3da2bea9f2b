using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Notices;
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
        var staffId = Guid.NewGuid();
        var seekerId = Guid.NewGuid();
        await using (var v1 = Open(options))
        {
            await migrator.MigrateAsync(v1, upTo: "0001_initial");
            Assert.DoesNotContain("Notices", await TablesAsync(v1));
            // Rows as version 1 wrote them (today's model has columns version 1 did not).
            await InsertVersion1UserAsync(v1, staffId, UserKind.Staff, "staff@old.example", "職員", now);
            await InsertVersion1UserAsync(v1, seekerId, UserKind.Seeker, "seeker@old.example", "旧 利用者", now);
        }

        await using (var current = Open(options))
        {
            await migrator.MigrateAsync(current);

            var kept = await current.Users.SingleAsync(u => u.Id == seekerId);
            var staff = await current.Users.SingleAsync(u => u.Id == staffId);
            Assert.Equal(("seeker@old.example", "旧 利用者", UserKind.Seeker, now), (kept.Email, kept.DisplayName, kept.Kind, kept.CreatedAt));
            // 0004 gives existing seekers a registration valid to the end of the second month after (Japan time).
            Assert.Equal(JapanTime.EndOfSecondMonthAfter(now), kept.RegistrationValidUntil!.Value, TimeSpan.FromMilliseconds(1));
            Assert.Null(staff.RegistrationValidUntil);
            current.Add(Notice.Send(staff, kept, "移行後のお知らせ", "本文", now));
            await current.SaveChangesAsync();
            Assert.Equal(1, await current.Set<Notice>().CountAsync(n => n.RecipientId == seekerId));
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

    private Task InsertVersion1UserAsync(AppDb db, Guid id, UserKind kind, string email, string name, DateTime at)
    {
        object Id(Guid g) => provider == DatabaseProvider.Sqlite ? g.ToString().ToUpperInvariant() : g;
        object At(DateTime d) => provider == DatabaseProvider.Sqlite ? d.ToString("yyyy-MM-dd HH:mm:ss") : d;
        object Bool(bool b) => provider == DatabaseProvider.Sqlite ? (b ? 1 : 0) : b;
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "AspNetUsers" ("Id", "Kind", "DisplayName", "CreatedAt", "UserName", "NormalizedUserName", "Email",
                "NormalizedEmail", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {4}, {5}, {6}, {7}, {7}, {6}, 0)
            """,
            Id(id), (int)kind, name, At(at), email, email.ToUpperInvariant(), Bool(true), Bool(false));
    }

    private static Task<List<string>> AppliedAsync(AppDb db) =>
        db.Database.SqlQueryRaw<string>("SELECT id AS \"Value\" FROM schema_migrations ORDER BY id").ToListAsync();

    private async Task<List<string>> TablesAsync(AppDb db) => provider == DatabaseProvider.Sqlite
        ? await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync()
        : await db.Database.SqlQueryRaw<string>("SELECT table_name::text AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
}

public sealed class SchemaTestsOnSqlite() : SchemaTests(DatabaseProvider.Sqlite);

public sealed class SchemaTestsOnPostgres() : SchemaTests(DatabaseProvider.Postgres);
