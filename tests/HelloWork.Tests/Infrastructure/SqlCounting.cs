using System.Collections.Concurrent;
using System.Data.Common;
using HelloWork.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.Infrastructure;

/// <summary>
/// Counts what the app does with the database while serving a request that carries
/// <see cref="Header"/>: SQL statements (every AppDb of the request, the session store's included),
/// connections opened, and connections disposed. Requests without the header, the live hub and
/// background work are not counted.
/// </summary>
public sealed class SqlCommandCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Test-Count-Sql";

    private int _opened;
    private int _disposed;
    private readonly ConcurrentQueue<string> _statements = new();

    public int Count => _statements.Count;
    public int Opened => Volatile.Read(ref _opened);
    public int Disposed => Volatile.Read(ref _disposed);
    public IReadOnlyList<string> Statements => [.. _statements];

    public void Reset()
    {
        _statements.Clear();
        Interlocked.Exchange(ref _opened, 0);
        Interlocked.Exchange(ref _disposed, 0);
    }

    private bool Counted => http.HttpContext?.Request.Headers.ContainsKey(Header) == true;

    private void Seen(DbCommand command)
    {
        if (Counted) _statements.Enqueue(command.CommandText);
    }

    internal void Opening()
    {
        if (Counted) Interlocked.Increment(ref _opened);
    }

    internal void Disposing()
    {
        if (Counted) Interlocked.Increment(ref _disposed);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    {
        Seen(command);
        return base.ReaderExecutingAsync(command, eventData, result, ct);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    {
        Seen(command);
        return base.NonQueryExecutingAsync(command, eventData, result, ct);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    {
        Seen(command);
        return base.ScalarExecutingAsync(command, eventData, result, ct);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Seen(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Seen(command);
        return base.NonQueryExecuting(command, eventData, result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Seen(command);
        return base.ScalarExecuting(command, eventData, result);
    }
}

/// <summary>Tells <see cref="SqlCommandCounter"/> when a counted request opens or disposes a connection.</summary>
public sealed class ConnectionCounter(SqlCommandCounter counter) : DbConnectionInterceptor
{
    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        counter.Opening();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken ct = default)
    {
        counter.Opening();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        counter.Disposing();
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        counter.Disposing();
        return ValueTask.FromResult(result);
    }
}

/// <summary>What one request cost the database.</summary>
public sealed record Measured(Page Page, int Statements, int ConnectionsOpened, IReadOnlyList<string> Sql)
{
    public override string ToString() => $"{Statements} statements, {ConnectionsOpened} connections opened:\n" + string.Join("\n---\n", Sql);
}

/// <summary>The app with <see cref="SqlCommandCounter"/> on every AppDb.</summary>
public abstract class CountingApp : HelloWorkApp
{
    public SqlCommandCounter Counter => Service<SqlCommandCounter>();

    protected override void AddTestServices(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<SqlCommandCounter>();
        services.AddSingleton<ConnectionCounter>();
        // AppDb is registered as its provider's class, whose options are the ones read.
        void Count(IServiceProvider sp, DbContextOptionsBuilder db) =>
            db.AddInterceptors(sp.GetRequiredService<SqlCommandCounter>(), sp.GetRequiredService<ConnectionCounter>());
        if (Provider == DatabaseProvider.Sqlite) services.ConfigureDbContext<SqliteAppDb>(Count);
        else services.ConfigureDbContext<PostgresAppDb>(Count);
    }

    /// <summary>Sends <paramref name="request"/> as <paramref name="client"/>, counting what it costs the database.</summary>
    public async Task<Measured> MeasureAsync(UserClient client, HttpRequestMessage request)
    {
        request.Headers.Add(SqlCommandCounter.Header, "1");
        Counter.Reset();
        using var response = await client.Http.SendAsync(request);
        var page = await Page.ReadAsync(response);
        return new Measured(page, Counter.Count, Counter.Opened, Counter.Statements);
    }

    /// <summary>A GET as a page asks it (<paramref name="htmx"/>: as htmx asks for the fragment).</summary>
    public Task<Measured> MeasureGetAsync(UserClient client, string url, bool htmx = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx) request.Headers.Add("HX-Request", "true");
        return MeasureAsync(client, request);
    }
}

public sealed class CountingSqliteApp : CountingApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class CountingPostgresApp : CountingApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
