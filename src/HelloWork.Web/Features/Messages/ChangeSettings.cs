using HelloWork.Web.Http;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Messages;

/// <summary>A person's messaging settings: read receipts (BEY-3) and the unread digest mail (BEY-4).</summary>
public static class ChangeSettings
{
    public sealed record Form
    {
        public bool ReadReceipts { get; set; }
        public bool DigestOptIn { get; set; }
    }

    public sealed record View(bool ReadReceipts, bool DigestOptIn, bool Saved, IReadOnlyDictionary<string, string> Errors);

    private static readonly Dictionary<string, string> NoErrors = [];

    public static async Task<MessagingSettings> LoadAsync(AppDb db, Guid userId, CancellationToken ct) =>
        await db.Set<MessagingSettings>().SingleOrDefaultAsync(s => s.UserId == userId, ct) ?? MessagingSettings.Default(userId);

    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, CancellationToken ct)
    {
        var settings = await LoadAsync(db, CurrentUser.Of(context).Id, ct);
        return pages.Page(context, "messages/settings", new View(settings.ReadReceipts, settings.DigestOptIn, false, NoErrors), "messages.settings.title");
    }

    public static async Task<IResult> Handle(HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        if (errors.Any)
        {
            return pages.Page(context, "messages/settings", new View(form.ReadReceipts, form.DigestOptIn, false, errors.Fields), "messages.settings.title", 422);
        }
        var userId = CurrentUser.Of(context).Id;
        var settings = await db.Set<MessagingSettings>().SingleOrDefaultAsync(s => s.UserId == userId, ct);
        if (settings is null)
        {
            settings = MessagingSettings.Default(userId);
            db.Add(settings);
        }
        settings.ReadReceipts = form.ReadReceipts;
        settings.DigestOptIn = form.DigestOptIn;
        await db.SaveChangesAsync(ct);
        return pages.Page(context, "messages/settings", new View(settings.ReadReceipts, settings.DigestOptIn, true, NoErrors), "messages.settings.title");
    }
}
