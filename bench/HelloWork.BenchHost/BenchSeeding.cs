using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace HelloWork.BenchHost;

/// <summary>
/// Bench-only endpoints: people, threads and signed-in sessions straight into the database.
/// A session is made by the app's own SignInManager and session store (the same rows and cookie a
/// sign-in with the mailed code ends in, ACC-13), with an antiforgery token for that person.
/// </summary>
public static class BenchSeeding
{
    public sealed record Session(string Cookie, string Token);
    public sealed record Pair(Session Seeker, Session Employer, long ToSeeker, long ToEmployer);
    public sealed record Reader(Session Session, long Thread, int Threads);

    public static void MapBenchSeeding(this IEndpointRouteBuilder app)
    {
        // Pair i: a seeker and an employer of their own establishment with two threads, one per direction,
        // so every thread has a single sender and its sequence numbers follow that sender's sends.
        app.MapPost("/bench/pairs", async (int from, int count, IServiceProvider sp) =>
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var now = DateTime.UtcNow;
            var people = new List<(AppUser Seeker, AppUser Employer, Establishment Est)>();
            for (var i = from; i < from + count; i++)
            {
                var est = Establishment.Create($"9999-{i:D6}-1", $"ベンチ株式会社 {i}", "東京都", "新宿区", now);
                var employer = AppUser.Create(UserKind.Employer, $"employer{i}@bench.example", $"採用担当 {i}", now);
                employer.JoinEstablishment(est.Id);
                var seeker = AppUser.Create(UserKind.Seeker, $"seeker{i}@bench.example", $"求職者 {i}", now);
                db.Add(est);
                Add(db, employer);
                Add(db, seeker);
                people.Add((seeker, employer, est));
            }
            await db.SaveChangesAsync();
            var threads = new List<(long, long)>();
            foreach (var (seeker, _, est) in people)
            {
                var a = await OpenThread.ForAsync(db, ThreadSubject.Application, $"bench-{seeker.Email}-a", "ベンチの応募", new(seeker.Id, est.Id), now);
                var b = await OpenThread.ForAsync(db, ThreadSubject.Application, $"bench-{seeker.Email}-b", "ベンチの応募", new(seeker.Id, est.Id), now);
                threads.Add((a.Id, b.Id));
            }
            var pairs = new Pair[people.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                pairs[i] = new Pair(await MintAsync(sp, people[i].Seeker), await MintAsync(sp, people[i].Employer), threads[i].Item1, threads[i].Item2));
            return Results.Ok(pairs);
        });

        // Idle connections: seekers with a session each, nothing else.
        app.MapPost("/bench/idle", async (int from, int count, IServiceProvider sp) =>
        {
            var now = DateTime.UtcNow;
            var users = Enumerable.Range(from, count).Select(i => AppUser.Create(UserKind.Seeker, $"idle{i}@bench.example", $"待機 {i}", now)).ToArray();
            await using (var scope = sp.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                foreach (var user in users) Add(db, user);
                await db.SaveChangesAsync();
            }
            var sessions = new Session[users.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                sessions[i] = await MintAsync(sp, users[i]));
            return Results.Ok(sessions.Select(s => s.Cookie));
        });

        // The fragments' reader: one thread of `messages` messages, and `unread` more threads that
        // each hold one message from the employer not yet delivered (the header badge counts them).
        app.MapPost("/bench/reader", async (int messages, int unread, IServiceProvider sp) =>
        {
            await using var scope = sp.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var now = DateTime.UtcNow;
            var est = Establishment.Create("9998-000001-1", "読み手株式会社", "東京都", "千代田区", now);
            var employer = AppUser.Create(UserKind.Employer, "reader-employer@bench.example", "採用担当", now);
            employer.JoinEstablishment(est.Id);
            var seeker = AppUser.Create(UserKind.Seeker, "reader@bench.example", "読み手", now);
            db.Add(est);
            Add(db, employer);
            Add(db, seeker);
            await db.SaveChangesAsync();
            var main = await OpenThread.ForAsync(db, ThreadSubject.Application, "reader-main", "面接日程のご相談", new(seeker.Id, est.Id), now);
            for (var i = 1; i <= messages; i++)
            {
                var from = i % 2 == 0 ? seeker : employer;
                db.Add(main.Post(from, $"{i}通目: 面接の日程についてご連絡します。来週の火曜日か水曜日の午後はいかがでしょうか。", $"reader-{i}", false, now.AddMinutes(i - messages)));
            }
            await db.SaveChangesAsync();
            for (var t = 0; t < unread; t++)
            {
                var thread = await OpenThread.ForAsync(db, ThreadSubject.Application, $"reader-unread-{t}", $"応募 {t}", new(seeker.Id, est.Id), now);
                db.Add(thread.Post(employer, "書類選考の結果をお知らせします。", $"reader-unread-{t}", false, now));
                await db.SaveChangesAsync();
            }
            return Results.Ok(new Reader(await MintAsync(sp, seeker), main.Id, unread + 1));
        });

        app.MapPost("/bench/broadcast", async (IHubContext<LiveHub, ILiveClient> hub) =>
        {
            await hub.Clients.All.NoticeReceived(0);
            return Results.Ok();
        });
        app.MapPost("/bench/gc", BenchStats.Collect);
        app.MapGet("/bench/stats", async (CommandCounter counter, RawDatabase raw) =>
            Results.Ok(new { commands = counter.Count, statements = await raw.StatementCountsAsync() }));
    }

    // One hash for everyone (a person who can sign in has a password; hashing is not what is measured).
    private static readonly Lazy<string> PasswordHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), "Bench-pass1"));

    private static void Add(AppDb db, AppUser user)
    {
        user.PasswordHash = PasswordHash.Value;
        user.NormalizedEmail = user.Email!.ToUpperInvariant();
        user.NormalizedUserName = user.UserName!.ToUpperInvariant();
        db.Users.Add(user);
    }

    /// <summary>Signs <paramref name="user"/> in as the app does, on a request of our own, and returns the cookies and the antiforgery token.</summary>
    private static async Task<Session> MintAsync(IServiceProvider root, AppUser user)
    {
        await using var scope = root.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Request.Headers.UserAgent = "HelloWork bench";
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        signIn.Context = context;
        await signIn.SignInAsync(user, isPersistent: false);
        var cookies = context.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).ToList();
        context.User = await signIn.CreateUserPrincipalAsync(user);
        var tokens = scope.ServiceProvider.GetRequiredService<IAntiforgery>().GetTokens(context);
        cookies.Add($"hw.af={tokens.CookieToken}");
        return new Session(string.Join("; ", cookies), tokens.RequestToken!);
    }
}
