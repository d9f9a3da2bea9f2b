using System.Net;
using System.Runtime.CompilerServices;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Features.Notices;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using HelloWork.Web.Features.Profiles;
using HelloWork.Web.Features.SavedSearches;
using HelloWork.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Http;

/// <summary>
/// Every main page and fragment has a budget of SQL statements, the same for a person with one
/// thread, message, notice and session as for one with twenty: a later feature that adds a query
/// per row, or a second read of the signed-in user, fails here (OPS-1: on both databases). Each
/// request also uses one database connection, however many statements it runs.
/// </summary>
public abstract class StatementBudgetTests(CountingApp app)
{
    /// <summary>
    /// The pages and fragments, who asks, and how many statements each may run at most. Every
    /// signed-in request starts with one: the session and its login, read together (the
    /// security-stamp check and the page reuse that login). A thread's pages then read the thread
    /// with all around it in one statement (<see cref="ThreadAsSeen"/>), its messages in one, and
    /// move the read mark in one upsert; the badge and the inbox read the threads behind in one and
    /// mark them delivered in one upsert, whatever their number. Sending saves the message, the
    /// thread's last number and the sender's read mark: one batch on PostgreSQL, three commands on
    /// SQLite (whose EF provider does not batch), hence 5.
    /// </summary>
    public static TheoryData<string> Pages => new(Budgets.Keys.ToArray());

    private static readonly Dictionary<string, (int Budget, Func<World, Visit> Visit)> Budgets = new()
    {
        ["inbox page"] = (4, w => new(w.SeekerClient, "/messages")),
        ["inbox list fragment"] = (4, w => new(w.SeekerClient, "/messages/list", Htmx: true)),
        ["message badge"] = (4, w => new(w.SeekerClient, "/messages/badge", Htmx: true)),
        ["message badge of one application"] = (2, w => new(w.EmployerClient, $"/messages/badge?subject=Application&subjectId={w.SubjectId}", Htmx: true)),
        ["thread page"] = (4, w => new(w.SeekerClient, $"/messages/{w.Thread}")),
        ["thread fragment (catch-up)"] = (4, w => new(w.SeekerClient, $"/messages/{w.Thread}/messages?after=0", Htmx: true)),
        ["thread fragment (older page)"] = (3, w => new(w.SeekerClient, $"/messages/{w.Thread}/messages?before=1000", Htmx: true)),
        ["delivery state fragment"] = (2, w => new(w.EmployerClient, $"/messages/{w.Thread}/state", Htmx: true)),
        ["send a message"] = (5, w => new(w.SeekerClient, $"/messages/{w.Thread}", Htmx: true, Send: true)),
        ["message search"] = (2, w => new(w.SeekerClient, "/messages/search?q=%E3%81%94%E9%80%A3%E7%B5%A1")),
        ["messaging settings"] = (2, w => new(w.SeekerClient, "/messages/settings")),
        ["notice badge"] = (2, w => new(w.SeekerClient, "/notices/badge", Htmx: true)),
        ["notices page"] = (2, w => new(w.SeekerClient, "/notices")),
        ["notices list fragment"] = (2, w => new(w.SeekerClient, "/notices/list", Htmx: true)),
        // The notices, the profile box's publication state, the saved searches with their counts,
        // and the favorites box (the latest few with the count riding on each row).
        ["seeker's MyPage"] = (5, w => new(w.SeekerClient, "/mypage")),
        ["saved searches page"] = (2, w => new(w.SeekerClient, "/mypage/searches")),
        ["saved searches box"] = (2, w => new(w.SeekerClient, "/mypage/searches/box", Htmx: true)),
        ["favorites page"] = (2, w => new(w.SeekerClient, "/mypage/favorites")),
        ["favorites box"] = (2, w => new(w.SeekerClient, "/mypage/favorites/box", Htmx: true)),
        // The profile (its document is one column) and the notes staff added.
        ["seeker's profile page"] = (3, w => new(w.SeekerClient, "/mypage/profile")),
        ["profile section's form"] = (2, w => new(w.SeekerClient, "/mypage/profile/desired/edit", Htmx: true)),
        ["profile notes fragment"] = (2, w => new(w.SeekerClient, "/mypage/profile/notes", Htmx: true)),
        ["profile preview"] = (2, w => new(w.SeekerClient, "/mypage/profile/preview")),
        // The profile with its seeker's validity, in one statement.
        ["employer's view of a published seeker"] = (2, w => new(w.EmployerClient, $"/seekers/{w.PublicId}")),
        ["employer's home"] = (4, w => new(w.EmployerClient, "/employer")),
        ["employer's inbox"] = (4, w => new(w.EmployerClient, "/messages")),
        ["account settings"] = (1, w => new(w.SeekerClient, "/account/settings")),
        ["sessions page"] = (2, w => new(w.SeekerClient, "/account/sessions")),
        // The public job search: the capped count and the page (with the employers' names joined), nothing per row;
        // a signed-in seeker adds the session read (which also gives the registration's validity, ACC-9).
        ["job search, signed out"] = (4, w => new(w.Visitor, "/jobs?kw=%E4%BB%8B%E8%AD%B7&pref=13")),
        ["job search, seeker"] = (6, w => new(w.SeekerClient, "/jobs?kw=%E4%BB%8B%E8%AD%B7&pref=13")),
        ["job search results fragment"] = (6, w => new(w.SeekerClient, "/jobs?kw=%E4%BB%8B%E8%AD%B7&size=10&page=2", Htmx: true)),
        // The job with its employer's name, in one statement.
        ["job page, signed out"] = (1, w => new(w.Visitor, $"/jobs/{w.JobNumber}")),
        ["job page, seeker"] = (3, w => new(w.SeekerClient, $"/jobs/{w.JobNumber}")),
    };

    public sealed record Visit(UserClient Client, string Url, bool Htmx = false, bool Send = false);

    /// <summary>A seeker and an employer with <c>Rows</c> of everything: threads each with a message not yet delivered to the seeker, messages in one thread, notices, sessions, staff notes on the seeker's published profile.</summary>
    public sealed record World(int Rows, AppUser Seeker, UserClient SeekerClient, UserClient EmployerClient, long Thread, string SubjectId, string PublicId,
        UserClient Visitor, string JobNumber);

    private static readonly ConditionalWeakTable<CountingApp, Task<World[]>> Worlds = new();

    [Theory, Trait("Rule", "OPS-1")]
    [MemberData(nameof(Pages))]
    public async Task Each_page_runs_a_few_statements_whatever_the_number_of_rows_on_one_connection(string page)
    {
        var (budget, visit) = Budgets[page];
        var worlds = await Worlds.GetValue(app, a => BuildWorldsAsync((CountingApp)a));

        var one = await MeasureAsync(worlds[0], visit(worlds[0]));
        var twenty = await MeasureAsync(worlds[1], visit(worlds[1]));

        TestContext.Current.TestOutputHelper?.WriteLine($"{page}: {one.Statements} statements with 1 row, {twenty.Statements} with 20; budget {budget}");
        Assert.True(one.Page.Status is HttpStatusCode.OK, $"{page}: {one.Page.Status}");
        Assert.True(twenty.Statements <= budget, $"{page} ran {twenty}\n(budget {budget})");
        Assert.True(one.Statements == twenty.Statements, $"{page}: {one.Statements} statements with one row, {twenty.Statements} with twenty:\n{twenty}");
        Assert.Equal(1, one.ConnectionsOpened);
        Assert.Equal(1, twenty.ConnectionsOpened);
    }

    /// <summary>Each measurement starts where a person arrives: nothing delivered, nothing read (the costliest case for the marks).</summary>
    private async Task<Measured> MeasureAsync(World world, Visit visit)
    {
        await app.WithDbAsync(db => db.Set<ThreadReader>().ExecuteDeleteAsync());
        if (!visit.Send) return await app.MeasureGetAsync(visit.Client, visit.Url, visit.Htmx);
        await visit.Client.RefreshTokenAsync("/messages/settings");
        var token = await TokenOfAsync(visit.Client);
        var request = new HttpRequestMessage(HttpMethod.Post, visit.Url)
        {
            Content = new FormUrlEncodedContent([.. Fields($"送信 {world.Rows}"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("HX-Request", "true");
        return await app.MeasureAsync(visit.Client, request);
    }

    private static async Task<string> TokenOfAsync(UserClient client)
    {
        var html = await client.Http.GetStringAsync("/messages/settings");
        var match = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]+)\"");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static async Task<World[]> BuildWorldsAsync(CountingApp app) => [await WorldAsync(app, 1), await WorldAsync(app, 20)];

    private static async Task<World> WorldAsync(CountingApp app, int rows)
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker, "山田 花子");
        var employer = await EmployerAsync(app, est.Id, "採用担当");
        var employerClient = await app.SignInAsync(employer);
        var staff = await app.CreateUserAsync(UserKind.Staff, "職員");
        var threads = new List<MessageThread>();
        var publicId = "";
        for (var i = 0; i < rows; i++)
        {
            threads.Add(await OpenAsync(app, seeker.Id, est.Id, $"応募{i}"));
        }
        await app.WithDbAsync(async db =>
        {
            var s = await db.Users.SingleAsync(u => u.Id == seeker.Id);
            var e = await db.Users.SingleAsync(u => u.Id == employer.Id);
            var ids = threads.Select(t => t.Id).ToList();
            var tracked = await db.Set<MessageThread>().Where(t => ids.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync();
            var now = app.Clock.UtcNow;
            foreach (var thread in tracked)
            {
                db.Add(thread.Post(e, "ご連絡です", Guid.NewGuid().ToString("N"), false, now));
            }
            // The first thread holds as many messages as there are rows, from both sides.
            for (var i = 1; i < rows; i++)
            {
                db.Add(tracked[0].Post(i % 2 == 0 ? e : s, $"ご連絡 {i}", Guid.NewGuid().ToString("N"), false, now));
            }
            var staffUser = await db.Users.SingleAsync(u => u.Id == staff.Id);
            for (var i = 0; i < rows; i++)
            {
                db.Add(Notice.Send(staffUser, s, $"お知らせ{i}", "本文", now));
                db.Add(ProfileNote.Add(staffUser, s, $"追記{i}", now));
            }
            // Saved searches and favorite jobs (JOB-4), as many as the rows.
            var office = Office.Create(rows == 1 ? "13901" : "13920", "テスト公共職業安定所", "Test office", "13");
            db.Add(office);
            await db.SaveChangesAsync();
            var establishment = await db.Set<Establishment>().SingleAsync(x => x.Id == est.Id);
            for (var i = 0; i < rows; i++)
            {
                var job = Job.Start(establishment, office.Id, new JobPosting { Title = $"求人{i}", PrefectureCode = "13" }, now);
                job.Submit(now);
                job.Accept(Job.NumberOf(office.Code, i + 1), staff.Id, establishment.Name, now);
                db.Add(job);
                await db.SaveChangesAsync();
                db.Add(Favorite.Add(s.Id, job, now));
                db.Add(SavedSearch.Create(s, $"条件{i}", JobSearchConditions.Parse(SavedSearch.QueryOf($"pref=13&wage={100000 + i}")).Conditions, now));
            }
            var profile = SeekerProfile.Start(s, new ProfileValues { DesiredJob = "介護職員", DesiredPlace = "新宿区", Education = "大学卒業" }, now);
            profile.Publish(s, now);
            db.Add(profile);
            publicId = profile.PublicId;
            // More signed-in browsers of the seeker (rows in all, this client's included).
            for (var i = 1; i < rows; i++)
            {
                db.Add(UserSession.Start(Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), seeker.Id, [1], "Mozilla/5.0 (Windows NT 10.0) Firefox/133.0",
                    now, now.AddHours(1), TimeSpan.FromHours(12)));
            }
            await db.SaveChangesAsync();
        });
        // Open jobs, as many as there are rows (20 fill a page of 10 twice), all found by the search above.
        var jobEmployer = await Features.Jobs.PublishedJobs.EmployerAsync(app, $"みどり介護{rows}");
        var jobNumber = "";
        for (var i = 0; i < rows; i++)
        {
            var job = await Features.Jobs.PublishedJobs.AcceptedAsync(app, jobEmployer, Features.Jobs.PublishedJobs.Posting($"介護職員 {i}"), TimeSpan.FromMinutes(i));
            jobNumber = job.Number!;
        }
        return new World(rows, seeker, seekerClient, employerClient, threads[0].Id, threads[0].SubjectId, publicId, app.Anonymous(), jobNumber);
    }
}

public sealed class StatementBudgetTestsOnSqlite(CountingSqliteApp app) : StatementBudgetTests(app), IClassFixture<CountingSqliteApp>;

public sealed class StatementBudgetTestsOnPostgres(CountingPostgresApp app) : StatementBudgetTests(app), IClassFixture<CountingPostgresApp>;
