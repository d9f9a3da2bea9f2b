using System.Runtime.CompilerServices;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelloWork.Web.Features.Sessions;

/// <summary>
/// A login's new security stamp ends its other sessions in the same save (SEC-4). Every rule that
/// should sign a person out elsewhere renews the stamp (<see cref="AppUser.EndOtherSessions"/>:
/// a password change or reset, a new e-mail, withdrawal, suspension, reopening), so none of them
/// has to remember the sessions, and no new one can forget them. The session of the request that
/// made the change stays (its page signs in again with the new stamp); after the save commits, the
/// ended sessions' live connections are closed.
/// </summary>
public sealed class EndSessionsOnNewStamp(IHttpContextAccessor http, TimeProvider clock, LiveSessions live) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<long>> _ended = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData data, InterceptionResult<int> result)
    {
        if (data.Context is { } db && NewStamps(db) is { Count: > 0 } users)
        {
            End(db, SessionsOf(db, users).ToList());
        }
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData data, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (data.Context is { } db && NewStamps(db) is { Count: > 0 } users)
        {
            End(db, await SessionsOf(db, users).ToListAsync(ct));
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData data, int result)
    {
        Tell(data.Context).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData data, int result, CancellationToken ct = default)
    {
        await Tell(data.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData data) => Forget(data.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData data, CancellationToken ct = default)
    {
        Forget(data.Context);
        return Task.CompletedTask;
    }

    /// <summary>Logins whose stamp differs from the one loaded (tracked entities; every stamp change goes through one).</summary>
    private static List<Guid> NewStamps(DbContext db) =>
        db.ChangeTracker.Entries<AppUser>()
            .Where(e => e.State == EntityState.Modified && e.Property(u => u.SecurityStamp).OriginalValue != e.Entity.SecurityStamp)
            .Select(e => e.Entity.Id)
            .ToList();

    private IQueryable<UserSession> SessionsOf(DbContext db, List<Guid> users)
    {
        var keep = SessionClaim.IdOf(http.HttpContext?.User);
        return db.Set<UserSession>().Where(s => users.Contains(s.UserId) && s.EndedAt == null && s.Id != keep);
    }

    private void End(DbContext db, List<UserSession> sessions)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ended = sessions.Where(s => s.End(now)).Select(s => s.Id).ToList();
        if (ended.Count > 0) _ended.AddOrUpdate(db, ended);
    }

    private Task Tell(DbContext? db) =>
        db is not null && _ended.TryGetValue(db, out var ended) && _ended.Remove(db) ? live.EndAsync(ended) : Task.CompletedTask;

    private void Forget(DbContext? db)
    {
        if (db is not null) _ended.Remove(db);
    }
}
