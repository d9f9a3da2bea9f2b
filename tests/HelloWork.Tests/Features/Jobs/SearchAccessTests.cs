using System.Net;
using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Jobs.PublishedJobs;

namespace HelloWork.Tests.Features.Jobs;

/// <summary>Who may search (JOB-3: anyone; ACC-9: not a seeker whose registration is invalid, who is told why).</summary>
public abstract class SearchAccessTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "ACC-9")]
    public async Task A_seeker_whose_registration_is_invalid_is_refused_the_search_with_the_reason_and_the_way_back()
    {
        var marker = Marker();
        var job = await AcceptedAsync(app, await EmployerAsync(app), Posting($"介護 {marker}"));
        var (_, client) = await InvalidSeekerAsync(app);

        var page = await client.PageAsync($"/jobs?kw={marker}");
        var fragment = await client.PageAsync($"/jobs?kw={marker}", htmx: true);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("求職登録が無効のため、求人検索はご利用いただけません。求職登録を有効にすると、また検索できます。", page.Text(".search-refusal p"));
        Assert.Equal("/account/settings", page.Document.QuerySelector(".search-refusal a")!.GetAttribute("href"));
        Assert.False(page.Has("#search-form"));
        Assert.DoesNotContain(job.Number!, page.Html);
        Assert.DoesNotContain(job.Number!, fragment.Html);
        // Reading stays possible (ACC-9): the job's own page still opens.
        Assert.Equal(HttpStatusCode.OK, (await client.PageAsync($"/jobs/{job.Number}")).Status);
    }

    public static TheoryData<string> Searchers => new() { "signed out", "employer", "staff", "valid seeker" };

    [Theory, Trait("Rule", "JOB-3"), Trait("Rule", "ACC-9")]
    [MemberData(nameof(Searchers))]
    public async Task Everyone_else_searches_freely_and_only_a_seeker_is_offered_to_save_the_conditions(string who)
    {
        var marker = Marker();
        var job = await AcceptedAsync(app, await EmployerAsync(app), Posting($"介護 {marker}"));
        var client = who switch
        {
            "signed out" => app.Anonymous(),
            "employer" => (await app.SignedInAsync(UserKind.Employer)).Client,
            "staff" => (await app.SignedInAsync(UserKind.Staff)).Client,
            _ => (await app.SignedInAsync(UserKind.Seeker)).Client,
        };

        var page = await client.PageAsync($"/jobs?kw={marker}&pref=13&size=10&page=1");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("1件", page.Text("#search-count"));
        Assert.Equal(job.Number, page.Text(".job-result .job-number"));
        Assert.Equal("/jobs", page.Document.QuerySelector("nav.site-nav a[href='/jobs']")?.GetAttribute("href"));
        var save = page.Document.QuerySelector(".search-save a");
        if (who == "valid seeker")
        {
            Assert.Equal($"/mypage/searches/new?kw={marker}&pref=13", save?.GetAttribute("href"));
            Assert.Equal("この条件を保存", save!.TextContent.Trim());
        }
        else
        {
            Assert.Null(save);
        }
    }
}

public sealed class SearchAccessTestsOnSqlite(SqliteApp app) : SearchAccessTests(app), IClassFixture<SqliteApp>;

public sealed class SearchAccessTestsOnPostgres(PostgresApp app) : SearchAccessTests(app), IClassFixture<PostgresApp>;
