using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Messages;

/// <summary>Test helpers: employers with an establishment, threads opened the way applications will, and sends the way the page sends.</summary>
public static class Messaging
{
    public static async Task<Establishment> EstablishmentAsync(HelloWorkApp app, string name = "株式会社テスト介護")
    {
        var est = Establishment.Create($"9{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-{Random.Shared.Next(0, 9)}", name, "東京都", "新宿区", app.Clock.UtcNow);
        await app.WithDbAsync(async db => { db.Add(est); await db.SaveChangesAsync(); });
        return est;
    }

    public static async Task<AppUser> EmployerAsync(HelloWorkApp app, Guid establishmentId, string? name = null)
    {
        var user = await app.CreateUserAsync(UserKind.Employer, name);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EstablishmentId, establishmentId)));
        user.JoinEstablishment(establishmentId); // the copy in hand matches the row
        return user;
    }

    /// <summary>A seeker and an employer (signed in), and the thread of one application between them.</summary>
    public static async Task<Pair> PairAsync(HelloWorkApp app, string title = "介護職員への応募")
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker, "山田 花子");
        var employer = await EmployerAsync(app, est.Id, "みどり介護 採用担当");
        var employerClient = await app.SignInAsync(employer);
        var thread = await OpenAsync(app, seeker.Id, est.Id, title);
        return new Pair(seeker, seekerClient, employer, employerClient, est, thread.Id);
    }

    public static Task<MessageThread> OpenAsync(HelloWorkApp app, Guid seekerId, Guid establishmentId, string title = "応募", DateTime? opensAt = null) =>
        app.WithDbAsync(db => OpenThread.ForAsync(db, ThreadSubject.Application, Guid.NewGuid().ToString("N"), title,
            new(seekerId, establishmentId), app.Clock.UtcNow, default, opensAt));

    public static KeyValuePair<string, string>[] Fields(string body, string? key = null) =>
        [new("Body", body), new("Key", key ?? Guid.NewGuid().ToString("N"))];

    /// <summary>Posts like the send box does (the token comes from a page without side effects).</summary>
    public static Task<Page> SendAsync(UserClient client, long threadId, string body, string? key = null) =>
        client.PostFormPageAsync($"/messages/{threadId}", Fields(body, key), formPage: "/messages/settings");

    public static async Task<long[]> SeqsAsync(HelloWorkApp app, long threadId) =>
        await app.WithDbAsync(db => db.Set<Message>().Where(m => m.ThreadId == threadId).OrderBy(m => m.Seq).Select(m => m.Seq).ToArrayAsync());

    public static async Task<string[]> BodiesAsync(HelloWorkApp app, long threadId) =>
        await app.WithDbAsync(db => db.Set<Message>().Where(m => m.ThreadId == threadId).OrderBy(m => m.Seq).Select(m => m.Body).ToArrayAsync());
}

public sealed record Pair(AppUser Seeker, UserClient SeekerClient, AppUser Employer, UserClient EmployerClient, Establishment Establishment, long ThreadId);
