using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Audit;
using HelloWork.Web.Data;
using HelloWork.Web.Live;
using HelloWork.Web.Mail;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Notices;

/// <summary>Staff send a notice to one seeker or employer (MSG-2), optionally telling them by mail (MAIL-1).</summary>
public static class SendNotice
{
    public sealed record Form
    {
        public string? RecipientEmail { get; set; }
        public string? Title { get; set; }
        public string? Body { get; set; }
        public bool AlsoMail { get; set; }
    }

    public sealed record View(Form Values, IReadOnlyDictionary<string, string> Errors, string? SentTo, int TitleMax, int BodyMax);

    private static View Empty(string? sentTo = null) =>
        new(new Form(), new Dictionary<string, string>(), sentTo, Notice.TitleMax, Notice.BodyMax);

    public static IResult Show(HttpContext context, Pages pages, string? to) =>
        pages.Page(context, "staff/notices/new", Empty() with { Values = new Form { RecipientEmail = to } }, "notices.send.title");

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock,
        LiveNotifier live, MailQueue mail, CancellationToken ct)
    {
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(Form.RecipientEmail), form.RecipientEmail);
        var title = errors.Text(nameof(Form.Title), form.Title, Notice.TitleMax);
        var body = errors.Text(nameof(Form.Body), form.Body, Notice.BodyMax);

        AppUser? recipient = null;
        if (!errors.Fields.ContainsKey(nameof(Form.RecipientEmail)))
        {
            var normalized = email.ToUpperInvariant();
            recipient = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && u.Kind != UserKind.Staff, ct);
            if (recipient is null)
            {
                errors.Add(nameof(Form.RecipientEmail), "notices.error.no-such-recipient");
            }
        }
        if (errors.Any || recipient is null)
        {
            return pages.Page(context, "staff/notices/new", new View(form, errors.Fields, null, Notice.TitleMax, Notice.BodyMax), "notices.send.title", 422);
        }

        var staffId = context.User.Id();
        var staff = await db.Users.SingleAsync(u => u.Id == staffId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var notice = Notice.Send(staff, recipient, title, body, now);
        db.Set<Notice>().Add(notice);
        db.Audit(staff.Id, "notice.send", recipient.Id, title, now);
        if (form.AlsoMail)
        {
            mail.Enqueue(db, recipient.Email!, "notice-arrived", new { recipient.DisplayName }, now);
        }
        await db.SaveChangesAsync(ct);

        await live.PushAsync(c => c.NoticeReceived(notice.Id), recipient.Id);
        if (form.AlsoMail)
        {
            mail.Wake();
        }
        context.Response.Htmx(h => h.WithTrigger("notice-sent"));
        return pages.Page(context, "staff/notices/new", Empty(recipient.Email), "notices.send.title");
    }
}
