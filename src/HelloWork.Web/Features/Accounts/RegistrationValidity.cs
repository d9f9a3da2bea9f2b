using HelloWork.Web.Domain;
using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Features.Notices;
using HelloWork.Web.Rendering;
using HelloWork.Web.TimedRules;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-8: a week before a seeker's registration lapses, a notice warns them (once per validity:
/// the validity warned for is recorded in the same save). The lapse itself needs no action:
/// validity is judged against the clock (AppUser.HasValidRegistration).
/// </summary>
public sealed class RegistrationLapseWarning(LiveNotifier live, Texts texts) : ITimedRule
{
    public string Name => "accounts.registration-lapse-warning";

    public async Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var horizon = now + AppUser.LapseWarningBefore;
        var due = await db.Users
            .Where(u => u.Kind == UserKind.Seeker && u.WithdrawnAt == null && u.SuspendedAt == null
                && u.RegistrationValidUntil != null && u.RegistrationValidUntil > now && u.RegistrationValidUntil <= horizon
                && (u.LapseWarnedFor == null || u.LapseWarnedFor != u.RegistrationValidUntil))
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        var sender = await SystemSender.GetOrCreateAsync(db, now, ct);
        var notices = new List<Notice>();
        foreach (var seeker in due)
        {
            var until = JapanTime.ToJst(seeker.RegistrationValidUntil!.Value).ToString("yyyy年M月d日");
            var notice = Notice.Send(sender, seeker, texts.Get("accounts.lapse.title", Texts.Japanese),
                string.Format(texts.Get("accounts.lapse.body", Texts.Japanese), until), now);
            db.Set<Notice>().Add(notice);
            notices.Add(notice);
            seeker.RecordLapseWarning();
        }
        await db.SaveChangesAsync(ct);
        foreach (var notice in notices)
        {
            await live.PushAsync(c => c.NoticeReceived(notice.Id), notice.RecipientId);
        }
        return due.Count;
    }
}

/// <summary>
/// ACC-8: an account is deleted with all its personal data 5 years after its registration became
/// invalid (or after withdrawal). Rows that belong to the person go with it (cascades).
/// </summary>
public sealed class DeleteLapsedAccounts(IEnumerable<IPersonalDataEraser> erasers) : ITimedRule
{
    public string Name => "accounts.delete-after-5-years";

    public async Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddYears(-AppUser.DeleteAfterInvalidYears);
        var due = await db.Users
            .Where(u => u.Kind == UserKind.Seeker
                && ((u.RegistrationValidUntil != null && u.RegistrationValidUntil < cutoff) || (u.WithdrawnAt != null && u.WithdrawnAt < cutoff)))
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = due.Select(u => u.Id).ToList();
        foreach (var eraser in erasers)
        {
            await eraser.EraseAsync(db, ids, ct);
        }
        db.Users.RemoveRange(due);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }
}

/// <summary>The sender of automatic notices: a staff login that can never sign in (no password).</summary>
public static class SystemSender
{
    public const string Email = "system@hellowork.invalid";

    public static async Task<AppUser> GetOrCreateAsync(AppDb db, DateTime now, CancellationToken ct)
    {
        var normalized = Email.ToUpperInvariant();
        var sender = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (sender is null)
        {
            sender = AppUser.CreateSystemSender(Email, "ハローワーク", now);
            db.Users.Add(sender);
        }
        return sender;
    }
}
