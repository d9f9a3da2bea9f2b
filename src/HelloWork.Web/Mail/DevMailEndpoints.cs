using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Mail;

/// <summary>
/// The developer's mailbox: what the app mailed (the outbox, with its delivery state; a mail's page
/// shows the .eml as written to the pickup folder, see DevMailView), so the auth keys and sign-in
/// codes of demo accounts can be read without a mailbox. It shows everyone's mail, so it is not
/// mapped outside Development, and in Development it answers only when DevTools:MailInbox is on and
/// the request comes from this machine (SEC-1, see DevTools); otherwise 404.
/// </summary>
public static class DevMailEndpoints
{
    public static void MapDevMails(this IEndpointRouteBuilder app, IHostEnvironment env)
    {
        if (!env.IsDevelopment())
        {
            return;
        }
        app.MapGet("/staff/dev/mails", () => Results.Redirect("/dev/mails")).RequireAuthorization(Policies.Staff).RequireMailInbox();
        var group = app.MapGroup("/dev/mails").RequireMailInbox();
        group.MapGet("", async (HttpContext c, AppDb db, Pages p, MailSender sender, CancellationToken ct) =>
        {
            var mails = await db.Set<OutboxMail>().OrderByDescending(m => m.Id).Take(100)
                .Select(m => new { m.Id, m.To, m.Subject, m.CreatedAt, m.SentAt, m.FailedAt, m.Attempts, m.LastError })
                .ToListAsync(ct);
            return p.Page(c, "staff/dev/mails", new { Mails = mails, Folder = sender.PickupDirectory }, "mail.dev.title");
        });
        group.MapGet("/{id:long}", async (HttpContext c, long id, AppDb db, Pages p, MailSender sender, IOptions<MailOptions> options, CancellationToken ct) =>
        {
            var mail = await db.Set<OutboxMail>().SingleOrDefaultAsync(m => m.Id == id, ct);
            return mail is null ? Results.NotFound() : p.Page(c, "staff/dev/mail", await DevMailView.LoadAsync(mail, sender, options.Value, ct), "mail.dev.title");
        });
    }
}
