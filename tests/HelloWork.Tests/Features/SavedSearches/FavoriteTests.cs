using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using HelloWork.Web.Features.SavedSearches;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.SavedSearches.SavedSearchSteps;

namespace HelloWork.Tests.Features.SavedSearches;

/// <summary>JOB-4 for favorites: the toggle in place and without script, the list with each job's state now, the limit.</summary>
public abstract class FavoriteTests(HelloWorkApp app)
{
    private static Task<Page> ToggleAsync(UserClient client, long jobId, bool add, bool htmx, string returnUrl = "/mypage/favorites") =>
        client.PostFormPageAsync($"/mypage/favorites/{jobId}{(add ? "" : "/remove")}", [new("ReturnUrl", returnUrl)], formPage: "/mypage/favorites", htmx: htmx);

    private Task<bool> IsFavoriteAsync(AppUser seeker, long jobId) =>
        app.WithDbAsync(db => db.Set<Favorite>().AnyAsync(f => f.SeekerId == seeker.Id && f.JobId == jobId));

    [Fact, Trait("Rule", "JOB-4")]
    public async Task The_favorite_button_toggles_in_place_with_htmx()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var job = await AcceptedJobAsync(app, Posting("お気に入りテストの求人"));

        var added = await ToggleAsync(client, job.Id, add: true, htmx: true, returnUrl: "/jobs/" + job.Number);
        var addedTwice = await ToggleAsync(client, job.Id, add: true, htmx: true);
        var inDb = await IsFavoriteAsync(seeker, job.Id);
        var removed = await ToggleAsync(client, job.Id, add: false, htmx: true);

        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("true", added.Document.QuerySelector($"#favorite-slot-{job.Id} button")!.GetAttribute("aria-pressed"));
        Assert.Equal($"/mypage/favorites/{job.Id}/remove", added.Document.QuerySelector("form")!.GetAttribute("hx-post"));
        Assert.Equal("/jobs/" + job.Number, added.Document.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.OK, addedTwice.Status);
        Assert.True(inDb);
        Assert.Equal("false", removed.Document.QuerySelector($"#favorite-slot-{job.Id} button")!.GetAttribute("aria-pressed"));
        Assert.Equal($"/mypage/favorites/{job.Id}", removed.Document.QuerySelector("form")!.GetAttribute("action"));
        Assert.False(await IsFavoriteAsync(seeker, job.Id));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task Without_script_the_toggle_goes_back_to_the_page_it_came_from_on_this_site_only()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var job = await AcceptedJobAsync(app, Posting("戻り先テストの求人"));

        var back = await ToggleAsync(client, job.Id, add: true, htmx: false, returnUrl: "/jobs?kw=%E4%BB%8B%E8%AD%B7");
        var elsewhere = await ToggleAsync(client, job.Id, add: false, htmx: false, returnUrl: "https://evil.example/");

        Assert.Equal(HttpStatusCode.Redirect, back.Status);
        Assert.Equal("/jobs?kw=%E4%BB%8B%E8%AD%B7", back.Response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.Status);
        Assert.Equal("/mypage/favorites", elsewhere.Response.Headers.Location!.OriginalString);
        Assert.False(await IsFavoriteAsync(seeker, job.Id));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task The_list_shows_open_jobs_in_full_and_marks_withdrawn_and_invalid_ones_closed_with_a_link()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var open = await AcceptedJobAsync(app, Posting("募集中の求人") with { ReferralDeadline = new DateOnly(2027, 1, 15) }, "株式会社ひらいて");
        var withdrawn = await AcceptedJobAsync(app, Posting("取り下げられる求人"));
        var expiring = await AcceptedJobAsync(app, Posting("無効になる求人"));
        foreach (var job in new[] { expiring, withdrawn, open })
        {
            Assert.Equal(HttpStatusCode.OK, (await ToggleAsync(client, job.Id, add: true, htmx: true)).Status);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        await app.WithDbAsync(async db =>
        {
            (await db.Set<Job>().SingleAsync(j => j.Id == withdrawn.Id)).Withdraw(app.Clock.UtcNow);
            var expired = await db.Set<Job>().SingleAsync(j => j.Id == expiring.Id);
            expired.Expire(expired.ValidUntil!.Value.AddTicks(1));
            await db.SaveChangesAsync();
        });

        var page = await client.PageAsync("/mypage/favorites");

        var rows = page.Document.QuerySelectorAll(".favorite").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal("募集中の求人", rows[0].QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains(open.Number!, rows[0].TextContent);
        Assert.Contains("株式会社ひらいて", rows[0].TextContent);
        Assert.Contains("紹介期限日 2027/01/15", rows[0].TextContent);
        Assert.DoesNotContain("受付終了", rows[0].TextContent);
        foreach (var (row, job) in new[] { (rows[1], withdrawn), (rows[2], expiring) })
        {
            Assert.Equal("受付終了", row.QuerySelector(".closed-mark")!.TextContent.Trim());
            Assert.Equal("/jobs/" + job.Number, row.QuerySelector("h2 a")!.GetAttribute("href"));
        }
        var box = await client.PageAsync("/mypage/favorites/box", htmx: true);
        Assert.Equal("3件", box.Text(".favorites-count"));
        Assert.Equal(["募集中の求人", "取り下げられる求人 受付終了", "無効になる求人 受付終了"],
            box.Texts("li").Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\s+", " ")));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task A_closed_job_cannot_be_added_and_the_refusal_says_why()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var job = await AcceptedJobAsync(app, Posting("すでに終わった求人"));
        await app.WithDbAsync(async db =>
        {
            (await db.Set<Job>().SingleAsync(j => j.Id == job.Id)).Withdraw(app.Clock.UtcNow);
            await db.SaveChangesAsync();
        });

        var refused = await ToggleAsync(client, job.Id, add: true, htmx: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("この求人は受付を終了しているため、お気に入りに追加できません。", refused.Text(".field-error"));
        Assert.False(await IsFavoriteAsync(seeker, job.Id));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task A_seeker_keeps_at_most_a_hundred_favorites_and_is_told_why()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var jobs = await ManyJobsAsync(Favorite.MaxPerSeeker + 1);
        await app.WithDbAsync(async db =>
        {
            foreach (var job in jobs.Take(Favorite.MaxPerSeeker)) db.Add(Favorite.Add(seeker.Id, job, app.Clock.UtcNow));
            await db.SaveChangesAsync();
        });

        var htmx = await ToggleAsync(client, jobs[^1].Id, add: true, htmx: true);
        var plain = await ToggleAsync(client, jobs[^1].Id, add: true, htmx: false);

        const string Reason = "お気に入りは100件まで追加できます。不要なものを外してから追加してください。";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, htmx.Status);
        Assert.Equal(Reason, htmx.Text(".field-error"));
        Assert.Equal("false", htmx.Document.QuerySelector("button")!.GetAttribute("aria-pressed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plain.Status);
        Assert.Equal(Reason, plain.Text(".error-summary"));
        Assert.False(await IsFavoriteAsync(seeker, jobs[^1].Id));
    }

    private async Task<List<Job>> ManyJobsAsync(int count)
    {
        var first = await AcceptedJobAsync(app, Posting("たくさんの求人 0"));
        return await app.WithDbAsync(async db =>
        {
            var est = await db.Set<Establishment>().SingleAsync(e => e.Id == first.EstablishmentId);
            var jobs = new List<Job> { first };
            for (var i = 1; i < count; i++)
            {
                var job = Job.Start(est, first.OfficeId, Posting($"たくさんの求人 {i}", occupation: $"08{i % 5 + 1:D2}") with { CityCode = $"131{i % 23 + 1:D2}" }, app.Clock.UtcNow);
                job.Submit(app.Clock.UtcNow);
                job.Accept(Job.NumberOf("13010", await JobSerials.TakeAsync(db, first.OfficeId, default)), Guid.NewGuid(), est.Name, app.Clock.UtcNow);
                db.Add(job);
                jobs.Add(job);
            }
            await db.SaveChangesAsync();
            return jobs;
        });
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task The_favorite_slot_renders_nothing_unless_the_viewer_is_a_signed_in_seeker()
    {
        var anonymous = await FavoriteSlots.LoadAsync(new DefaultHttpContext(), null!, [1L, 2L], default);
        var slot = app.Service<Templates>().Render("search/_favorite_slot", new { Id = 1L, Number = "13010-00000001", Favorites = anonymous });

        Assert.Null(anonymous);
        Assert.Equal("", slot.Trim());
    }

    [Fact, Trait("Rule", "ACC-9"), Trait("Rule", "JOB-4")]
    public async Task Favorites_stay_readable_while_the_registration_is_invalid()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var job = await AcceptedJobAsync(app, Posting("登録が切れても見られる求人"));
        await ToggleAsync(client, job.Id, add: true, htmx: true);
        await InvalidateRegistrationAsync(app, seeker);

        var page = await client.PageAsync("/mypage/favorites");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["登録が切れても見られる求人"], page.Texts(".favorite h2"));
    }
}

public sealed class FavoriteTestsOnSqlite(SqliteApp app) : FavoriteTests(app), IClassFixture<SqliteApp>;

public sealed class FavoriteTestsOnPostgres(PostgresApp app) : FavoriteTests(app), IClassFixture<PostgresApp>;
