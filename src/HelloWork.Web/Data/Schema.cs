using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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
        await db.GetService<IMigrator>().MigrateAsync(target, ct);
    }
}
