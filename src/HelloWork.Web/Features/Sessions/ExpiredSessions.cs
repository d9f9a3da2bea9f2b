using HelloWork.Web.Data;
using HelloWork.Web.TimedRules;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Sessions;

/// <summary>Deletes sessions that ended or ran past either end (SEC-4): nothing can bring them back, and the list shows only live ones.</summary>
public sealed class ExpiredSessions : ITimedRule
{
    public string Name => "sessions.expired";

    public Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct) =>
        db.Set<UserSession>().Where(UserSession.OverAt(now)).ExecuteDeleteAsync(ct);
}
