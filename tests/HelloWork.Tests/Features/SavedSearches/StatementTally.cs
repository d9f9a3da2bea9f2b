using System.Data.Common;
using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.Features.SavedSearches;

/// <summary>
/// Counts the SQL statements run inside <see cref="Start"/>'s async flow, for work that is not an
/// HTTP request (the acceptance hook, called as the acceptance endpoint will call it).
/// </summary>
public sealed class StatementTally : DbCommandInterceptor
{
    private static readonly AsyncLocal<List<string>?> Current = new();

    public static List<string> Start() => Current.Value = [];

    public static void Stop() => Current.Value = null;

    private static void Seen(DbCommand command)
    {
        var list = Current.Value;
        if (list is null) return;
        lock (list) list.Add(command.CommandText);
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
}

/// <summary>The app with <see cref="StatementTally"/> on every AppDb.</summary>
public abstract class TallyApp : HelloWorkApp
{
    protected override void AddTestServices(IServiceCollection services)
    {
        services.AddSingleton<StatementTally>();
        void Count(IServiceProvider sp, DbContextOptionsBuilder db) => db.AddInterceptors(sp.GetRequiredService<StatementTally>());
        if (Provider == DatabaseProvider.Sqlite) services.ConfigureDbContext<SqliteAppDb>(Count);
        else services.ConfigureDbContext<PostgresAppDb>(Count);
    }
}

public sealed class TallySqliteApp : TallyApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class TallyPostgresApp : TallyApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
