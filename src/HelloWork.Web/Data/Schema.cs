using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace HelloWork.Web.Data;

/// <summary>
/// Brings a database to the newest migration of its provider (Data/Migrations/Sqlite or
/// Data/Migrations/Postgres), so that several instances starting at once apply each migration once.
/// On SQLite EF's own lock row holds for the whole run. On PostgreSQL EF's lock is a table lock that
/// ends with each migration's transaction, while the list of applied migrations was read once at the
/// start: a second instance could slip in between two migrations and both would apply the next one
/// ("column already exists"). A session advisory lock, held on the migrating connection across all
/// transactions, closes that gap.
/// </summary>
public static class Schema
{
    /// <param name="target">A migration id or name to stop at (tests); null for the newest.</param>
    /// <param name="then">Run after migrating, still under the lock (the demo data: two instances
    /// starting together must not both seed it).</param>
    public static async Task MigrateAsync(AppDb db, string? target = null, CancellationToken ct = default, Func<Task>? then = null)
    {
        if (!db.Database.IsSqlite())
        {
            await MigrateUnderAdvisoryLockAsync(db, target, ct, then);
            return;
        }
        // WAL lets readers go on while the dispatcher and requests write; it is a property of the
        // file, kept once set. It cannot be switched inside a transaction, so not in a migration.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.GetService<IMigrator>().MigrateAsync(target, ct);
        if (then is not null) await then();
    }

    /// <summary>Any fixed number; it names this application's migration lock among advisory locks.</summary>
    private const long MigrationLockKey = 0x48656C6C6F57; // "HelloW"

    private static async Task MigrateUnderAdvisoryLockAsync(AppDb db, string? target, CancellationToken ct, Func<Task>? then)
    {
        await CreateDatabaseIfMissingAsync(db, ct);
        // EF leaves a connection it did not open alone, so the lock's session lasts the whole run.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock({0})", [MigrationLockKey], ct);
            try
            {
                // On an empty database EF's migrator reads __EFMigrationsHistory before it makes it
                // and logs the failed SELECT as an error ("relation does not exist"; npgsql/efcore.pg#3407,
                // dotnet/efcore#37328), which a first start must not show. Making the table first avoids it.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
                await db.GetService<IMigrator>().MigrateAsync(target, ct);
                if (then is not null) await then();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [MigrationLockKey], CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(AppDb db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        try
        {
            if (!await creator.ExistsAsync(ct))
            {
                await creator.CreateAsync(ct);
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance made it at the same moment (CREATE DATABASE is not atomic with its check).
        }
    }
}
