using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// The app's command `generate-jobs`: fills the configured database (after bringing it to the newest
/// migration) with N realistic open jobs from <see cref="JobGenerator"/>, their establishments and
/// the offices of all 47 prefectures, for scale tests and the search bench:
/// <code>dotnet run --project src/HelloWork.Web -- generate-jobs --count 1000000 --seed 1</code>
/// PostgreSQL: binary COPY, with the table's secondary indexes dropped first and built again after
/// (faster than keeping a GIN in step row by row), then ANALYZE. SQLite: one prepared INSERT per
/// row in one transaction (the FTS5 triggers index each), then ANALYZE.
/// </summary>
public static class GenerateJobs
{
    public const string Command = "generate-jobs";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (!int.TryParse(Arg("--count") ?? "100000", NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
            || !int.TryParse(Arg("--seed") ?? "1", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
        {
            await Console.Error.WriteLineAsync("usage: generate-jobs [--count N (100000)] [--seed S (1)]");
            return 2;
        }
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var watch = Stopwatch.StartNew();
        await Schema.MigrateAsync(db, ct: ct);
        var written = await FillAsync(db, count, seed, clock.GetUtcNow().UtcDateTime, Console.Out, ct);
        Console.WriteLine($"generate-jobs: {written:N0} open jobs in {watch.Elapsed.TotalSeconds:0} s ({(db.Database.IsSqlite() ? "SQLite" : "PostgreSQL")}, seed {seed})");
        return 0;
    }

    /// <summary>Writes <paramref name="count"/> generated jobs into <paramref name="db"/>; returns how many.</summary>
    public static async Task<int> FillAsync(AppDb db, int count, int seed, DateTime now, TextWriter? log, CancellationToken ct)
    {
        var generator = new JobGenerator(seed);
        var offices = await EnsureOfficesAsync(db, ct);
        var establishmentStart = await db.Set<Establishment>().CountAsync(ct) + 1;
        var owners = generator.Establishments(count, now, offices, establishmentStart);
        var serials = new Dictionary<int, long>();
        var jobs = generator.Jobs(owners, now, offices, serials, Guid.CreateVersion7(now));

        var postgres = !db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var watch = Stopwatch.StartNew();
            int written;
            if (postgres)
            {
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await CopyAsync(db, connection, owners.Select(o => o.Establishment), ct);
                log?.WriteLine($"  {owners.Count:N0} establishments ({watch.Elapsed.TotalSeconds:0} s)");
                var indexes = await DropSecondaryIndexesAsync(connection, "Jobs", ct);
                written = await CopyAsync(db, connection, jobs, ct);
                log?.WriteLine($"  {written:N0} jobs copied ({watch.Elapsed.TotalSeconds:0} s); building {indexes.Count} indexes");
                await ExecuteAsync(connection, null, "SET maintenance_work_mem = '512MB'", ct);
                foreach (var index in indexes) await ExecuteAsync(connection, null, index, ct);
                await ExecuteAsync(connection, null, "RESET maintenance_work_mem", ct);
            }
            else
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var connection = db.Database.GetDbConnection();
                await InsertAsync(db, connection, tx.GetDbTransaction(), owners.Select(o => o.Establishment), ct);
                written = await InsertAsync(db, connection, tx.GetDbTransaction(), jobs, ct);
                await tx.CommitAsync(ct);
            }
            foreach (var (officeId, serial) in serials)
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "Offices" SET "LastJobSerial" = {serial} WHERE "Id" = {officeId} AND "LastJobSerial" < {serial}""", ct);
            }
            await db.Database.ExecuteSqlRawAsync(postgres ? "ANALYZE \"Jobs\"; ANALYZE \"Establishments\"; ANALYZE \"Offices\"" : "ANALYZE", ct);
            log?.WriteLine($"  indexes built and analyzed ({watch.Elapsed.TotalSeconds:0} s)");
            return written;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One office per prefecture: the one there is (the first by code), else a new {pref}010.</summary>
    private static async Task<IReadOnlyDictionary<string, Office>> EnsureOfficesAsync(AppDb db, CancellationToken ct)
    {
        var existing = (await db.Set<Office>().OrderBy(o => o.Code).ToListAsync(ct))
            .GroupBy(o => o.PrefectureCode).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var p in Domain.Prefectures.All.Where(p => !existing.ContainsKey(p.Code)))
        {
            var shortName = p.Name.Length > 2 && p.Name != "北海道" ? p.Name[..^1] : p.Name;
            var office = Office.Create(p.Code + "010", shortName + "公共職業安定所", p.NameEn + " Public Employment Security Office", p.Code);
            db.Add(office);
            existing[p.Code] = office;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return existing;
    }

    /// <summary>The columns EF maps for <typeparamref name="T"/>, without a database-numbered key (a GUID key is the entity's own).</summary>
    private static List<IProperty> Columns<T>(AppDb db, out string table)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        table = entity.GetTableName()!;
        return entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ClrType == typeof(long) || p.IsPrimaryKey() && p.ClrType == typeof(int))).ToList();
    }

    private static object? ProviderValue<T>(IProperty p, T row)
    {
        var value = p.PropertyInfo!.GetValue(row);
        var converter = p.GetValueConverter() ?? p.GetTypeMapping().Converter;
        return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
    }

    private static async Task<int> CopyAsync<T>(AppDb db, NpgsqlConnection connection, IEnumerable<T> rows, CancellationToken ct)
    {
        var columns = Columns<T>(db, out var table);
        var types = columns.Select(p => p.GetColumnType()).ToArray();
        var names = string.Join(", ", columns.Select(p => $"\"{p.GetColumnName()}\""));
        var n = 0;
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct))
        {
            writer.Timeout = TimeSpan.FromHours(1); // a million rows on a busy machine take minutes, not the usual 30 s
            foreach (var row in rows)
            {
                await writer.StartRowAsync(ct);
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = ProviderValue(columns[i], row);
                    var task = value switch
                    {
                        null => writer.WriteNullAsync(ct),
                        string s when types[i] == "jsonb" => writer.WriteAsync(s, NpgsqlDbType.Jsonb, ct),
                        string s => writer.WriteAsync(s, NpgsqlDbType.Text, ct),
                        int v => writer.WriteAsync(v, NpgsqlDbType.Integer, ct),
                        long v => writer.WriteAsync(v, NpgsqlDbType.Bigint, ct),
                        bool v => writer.WriteAsync(v, NpgsqlDbType.Boolean, ct),
                        Guid v => writer.WriteAsync(v, NpgsqlDbType.Uuid, ct),
                        DateTime v => writer.WriteAsync(DateTime.SpecifyKind(v, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, ct),
                        DateOnly v => writer.WriteAsync(v, NpgsqlDbType.Date, ct),
                        _ => throw new NotSupportedException($"{table}.{columns[i].Name}: {value.GetType()}"),
                    };
                    await task;
                }
                n++;
            }
            await writer.CompleteAsync(ct);
        }
        return n;
    }

    private static async Task<int> InsertAsync<T>(AppDb db, DbConnection connection, DbTransaction tx, IEnumerable<T> rows, CancellationToken ct)
    {
        var columns = Columns<T>(db, out var table);
        var mappings = columns.Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping()).ToArray();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(p => $"\"{p.GetColumnName()}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var n = 0;
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                // The type mapping converts as EF does (enums to numbers, EF's date text, upper-case GUID text).
                command.Parameters.Add(mappings[i].CreateParameter(command, "@p" + i, columns[i].PropertyInfo!.GetValue(row), columns[i].IsNullable));
            }
            await command.ExecuteNonQueryAsync(ct);
            n++;
        }
        return n;
    }

    /// <summary>Drops every index of the table but its primary key and unique ones; returns their definitions.</summary>
    private static async Task<List<string>> DropSecondaryIndexesAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand("""
            SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = @table::regclass AND NOT x.indisprimary AND NOT x.indisunique
            """, connection))
        {
            command.Parameters.AddWithValue("table", $"\"{table}\"");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions) await ExecuteAsync(connection, null, $"DROP INDEX \"{name}\"", ct);
        return definitions.Select(d => d.Definition).ToList();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}
