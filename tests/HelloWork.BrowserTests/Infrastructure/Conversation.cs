using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.BrowserTests.Infrastructure;

/// <summary>A seeker and an employer with the thread of an application between them.</summary>
public sealed record Conversation(AppUser Seeker, AppUser Employer, long ThreadId)
{
    public static async Task<Conversation> StartAsync(HelloWorkApp app, string employerName = "みどり介護 採用担当")
    {
        var est = Establishment.Create($"8{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-1", "株式会社みどり介護", "東京都", "新宿区", app.Clock.UtcNow);
        await app.WithDbAsync(async d => { d.Add(est); await d.SaveChangesAsync(); });
        var seeker = await app.CreateUserAsync(UserKind.Seeker, "山田 花子");
        var employer = await app.CreateUserAsync(UserKind.Employer, employerName);
        await app.WithDbAsync(d => d.Users.Where(u => u.Id == employer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EstablishmentId, est.Id)));
        var thread = await app.WithDbAsync(d => OpenThread.ForAsync(d, ThreadSubject.Application, Guid.NewGuid().ToString("N"),
            "介護職員（デイサービス）への応募", new(seeker.Id, est.Id), app.Clock.UtcNow));
        return new(seeker, employer, thread.Id);
    }

    /// <summary>The thread's messages as stored, in sequence order.</summary>
    public Task<string[]> StoredAsync(HelloWorkApp app) =>
        app.WithDbAsync(d => d.Set<Message>().Where(m => m.ThreadId == ThreadId).OrderBy(m => m.Seq).Select(m => m.Body).ToArrayAsync());

    /// <summary>Types into the send box and presses its button, as a person does.</summary>
    public static async Task SendAsync(Person person, string text)
    {
        await person.Page.FillAsync("#message-body", text);
        await person.Page.ClickAsync("#send-box button[type=submit]");
    }
}
