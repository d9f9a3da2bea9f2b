using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace HelloWork.Web.Data;

/// <summary>
/// Brings a database to the newest migration of its provider (Data/Migrations/Sqlite or
/// Data/Migrations/Postgres). EF takes its own migration lock (a lock row on SQLite, a table lock on
/// PostgreSQL), so several instances starting at once apply each migration once.
/// </summary>
public static class Schema
{
    /// <param name="target">A migration id or name to stop at (tests); null for the newest.</param>
    public static async Task MigrateAsync(AppDb db, string? target = null, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while the dispatcher and requests write; it is a property of the
            // file, kept once set. It cannot be switched inside a transaction, so not in a migration.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        else
        {
            await CreateHistoryTableAsync(db, ct);
        }
        await db.GetService<IMigrator>().MigrateAsync(target, ct);
    }

    /// <summary>
    /// On an empty PostgreSQL database EF's migrator reads __EFMigrationsHistory before it makes it
    /// and logs the failed SELECT as an error ("relation does not exist"; npgsql/efcore.pg#3407,
    /// dotnet/efcore#37328), which a first start must not show. Making the table first avoids it.
    /// </summary>
    private static async Task CreateHistoryTableAsync(AppDb db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        try
        {
            if (!await creator.ExistsAsync(ct))
            {
                await creator.CreateAsync(ct);
            }
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation
                                              or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance made it at the same moment (neither CREATE is atomic with its check).
        }
    }
}
