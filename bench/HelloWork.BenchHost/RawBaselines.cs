using HelloWork.Web.Data;
using Npgsql;

namespace HelloWork.BenchHost;

/// <summary>The raw Npgsql baselines, in the app's own process and pipeline (bench only).</summary>
public sealed class RawDatabase(DatabaseOptions options)
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(options.ConnectionString);

    public NpgsqlDataSource Source => _source;

    /// <summary>All statements PostgreSQL ran in this database, and how many were DISCARD ALL (pg_stat_statements; -1 when absent).</summary>
    public async Task<object> StatementCountsAsync()
    {
        try
        {
            await using var command = _source.CreateCommand(
                "SELECT coalesce(sum(calls), 0)::bigint, coalesce(sum(calls) FILTER (WHERE query ILIKE 'DISCARD ALL%'), 0)::bigint " +
                "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new { all = reader.GetInt64(0), discard = reader.GetInt64(1) };
        }
        catch (PostgresException)
        {
            return new { all = -1L, discard = -1L };
        }
    }
}

public static class RawBaselines
{
    public static void MapRawBaselines(this IEndpointRouteBuilder app)
    {
        var raw = app.ServiceProvider.GetRequiredService<RawDatabase>();

        app.MapPost("/bench/raw/setup", async () =>
        {
            await using var command = raw.Source.CreateCommand(
                "CREATE TABLE IF NOT EXISTS bench_fragments (key text PRIMARY KEY, body bytea NOT NULL);" +
                "CREATE TABLE IF NOT EXISTS bench_messages (id bigserial PRIMARY KEY, thread_id bigint NOT NULL, body text NOT NULL, sent_at timestamptz NOT NULL DEFAULT now())");
            await command.ExecuteNonQueryAsync();
            return Results.Ok();
        });

        // Stores the bytes a fragment answered, for the raw endpoint to write back.
        app.MapPut("/bench/raw/{key}", async (string key, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            await using var command = raw.Source.CreateCommand("INSERT INTO bench_fragments (key, body) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET body = excluded.body");
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            command.Parameters.Add(new NpgsqlParameter { Value = body.ToArray() });
            await command.ExecuteNonQueryAsync();
            return Results.Ok();
        });

        // The fragments' baseline: the same bytes from one statement.
        app.MapGet("/bench/raw/{key}", async (string key, HttpContext context) =>
        {
            await using var command = raw.Source.CreateCommand("SELECT body FROM bench_fragments WHERE key = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            if (await command.ExecuteScalarAsync(context.RequestAborted) is not byte[] bytes) return Results.NotFound();
            return Results.Bytes(bytes, "text/html; charset=utf-8");
        });

        // The throughput's baseline: one message stored by one statement (committed, durable), nothing else.
        app.MapPost("/bench/raw/send/{thread:long}", async (long thread, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            await using var command = raw.Source.CreateCommand("INSERT INTO bench_messages (thread_id, body) VALUES ($1, $2) RETURNING id");
            command.Parameters.Add(new NpgsqlParameter { Value = thread });
            command.Parameters.Add(new NpgsqlParameter { Value = body });
            return Results.Ok(new { id = (long)(await command.ExecuteScalarAsync())! });
        });
    }
}
