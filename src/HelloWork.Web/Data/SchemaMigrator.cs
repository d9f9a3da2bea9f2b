using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Data;

/// <summary>
/// Applies the versioned SQL scripts in Data/Migrations/{sqlite|postgres}/ in name order, each
/// once, each in its own transaction, and records them in schema_migrations. Several instances
/// starting together are serialised (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
/// EF's design-time package does not restore here, so scripts are written by hand; the first was
/// made with GenerateCreateScript() (see README "Changing the schema").
/// </summary>
public sealed class SchemaMigrator(DatabaseOptions options, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x48656c6c6f576bL; // "HelloWk"

    public static IReadOnlyList<string> AvailableMigrations(DatabaseProvider provider) =>
        Scripts(provider).Select(s => s.Id).ToList();

    public async Task MigrateAsync(AppDb db, string? upTo = null, CancellationToken ct = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                await ExecAsync(connection, null, "PRAGMA journal_mode=WAL;", ct);
            }
            else
            {
                await ExecAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey});", ct);
            }
            try
            {
                await ExecAsync(connection, null, options.Provider == DatabaseProvider.Sqlite
                    ? "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);"
                    : "CREATE TABLE IF NOT EXISTS schema_migrations (id text NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL);", ct);
                foreach (var script in Scripts(options.Provider))
                {
                    if (upTo is not null && string.CompareOrdinal(script.Id, upTo) > 0)
                    {
                        break;
                    }
                    await ApplyAsync(connection, script, ct);
                }
            }
            finally
            {
                if (options.Provider == DatabaseProvider.Postgres)
                {
                    await ExecAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey});", ct);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ApplyAsync(DbConnection connection, Script script, CancellationToken ct)
    {
        await using var tx = options.Provider == DatabaseProvider.Sqlite
            ? await BeginImmediateAsync(connection, ct)
            : await connection.BeginTransactionAsync(ct);
        await using (var check = connection.CreateCommand())
        {
            check.Transaction = tx;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE id = @id";
            AddParameter(check, "@id", script.Id);
            if (Convert.ToInt64(await check.ExecuteScalarAsync(ct)) > 0)
            {
                await tx.CommitAsync(ct);
                return;
            }
        }
        logger.LogInformation("Applying schema migration {Id}", script.Id);
        await ExecAsync(connection, tx, script.Sql, ct);
        await using (var record = connection.CreateCommand())
        {
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)";
            AddParameter(record, "@id", script.Id);
            AddParameter(record, "@at", options.Provider == DatabaseProvider.Sqlite ? DateTime.UtcNow.ToString("O") : DateTime.UtcNow);
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite: deferred=false takes the write lock at once (BEGIN IMMEDIATE),
        // so two processes migrating the same file cannot interleave.
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<DbTransaction>(((Microsoft.Data.Sqlite.SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    private static async Task ExecAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed record Script(string Id, string Sql);

    private static IEnumerable<Script> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"migrations/{(provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres")}/";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => new Script(n[prefix.Length..^4], Read(assembly, n)))
            .OrderBy(s => s.Id, StringComparer.Ordinal);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
