using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.SavedSearches;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.SavedSearches.SavedSearchSteps;

namespace HelloWork.Tests.Features.SavedSearches;

/// <summary>Only the owner sees or changes a saved search or favorite; a deleted account's are erased with it.</summary>
public abstract class OwnershipAndErasureTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "JOB-4")]
    public async Task Another_seeker_gets_404_on_every_url_of_a_saved_search_and_changes_nothing()
    {
        var (owner, ownerClient) = await app.SignedInAsync(UserKind.Seeker);
        var (_, stranger) = await app.SignedInAsync(UserKind.Seeker);
        var id = await SavedAsync(app, owner, ownerClient, "kw=%E7%A7%81%E3%81%AE", "私の条件");

        var answers = new Dictionary<string, HttpStatusCode>
        {
            [$"GET /mypage/searches/{id}/rename"] = (await stranger.PageAsync($"/mypage/searches/{id}/rename")).Status,
            [$"GET /mypage/searches/{id}/delete"] = (await stranger.PageAsync($"/mypage/searches/{id}/delete")).Status,
            [$"POST /mypage/searches/{id}/run"] = (await stranger.PostFormPageAsync($"/mypage/searches/{id}/run", [], formPage: "/mypage/searches", htmx: false)).Status,
            [$"POST /mypage/searches/{id}/rename"] = (await stranger.PostFormPageAsync($"/mypage/searches/{id}/rename", [new("Name", "乗っ取り")], formPage: "/mypage/searches", htmx: false)).Status,
            [$"POST /mypage/searches/{id}/delete"] = (await stranger.PostFormPageAsync($"/mypage/searches/{id}/delete", [], formPage: "/mypage/searches", htmx: false)).Status,
        };
        var strangersList = await stranger.PageAsync("/mypage/searches");
        var strangersBox = await stranger.PageAsync("/mypage/searches/box", htmx: true);

        Assert.All(answers, a => Assert.True(a.Value == HttpStatusCode.NotFound, $"{a.Key}: {a.Value}"));
        var search = await SearchAsync(app, id);
        Assert.Equal("私の条件", search.Name);
        Assert.Null(search.LastRunAt);
        Assert.DoesNotContain("私の条件", strangersList.Html);
        Assert.DoesNotContain("私の条件", strangersBox.Html);
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task A_seekers_favorites_are_theirs_alone()
    {
        var (owner, ownerClient) = await app.SignedInAsync(UserKind.Seeker);
        var (_, stranger) = await app.SignedInAsync(UserKind.Seeker);
        var job = await AcceptedJobAsync(app, Posting("私だけのお気に入り"));
        await ownerClient.PostFormPageAsync($"/mypage/favorites/{job.Id}", [], formPage: "/mypage/favorites");

        // The stranger's "remove" acts on the stranger's own favorites: the owner's stays.
        var removed = await stranger.PostFormPageAsync($"/mypage/favorites/{job.Id}/remove", [], formPage: "/mypage/favorites");
        var strangersList = await stranger.PageAsync("/mypage/favorites");
        var strangersBox = await stranger.PageAsync("/mypage/favorites/box", htmx: true);
        var unknown = await stranger.PostFormPageAsync("/mypage/favorites/999999999", [], formPage: "/mypage/favorites");

        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.True(await app.WithDbAsync(db => db.Set<Favorite>().AnyAsync(f => f.SeekerId == owner.Id && f.JobId == job.Id)));
        Assert.DoesNotContain("私だけのお気に入り", strangersList.Html);
        Assert.Equal("0件", strangersBox.Text(".favorites-count"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task Employers_and_signed_out_visitors_cannot_reach_saved_searches_or_favorites()
    {
        var (_, employer) = await app.SignedInAsync(UserKind.Employer);
        var visitor = app.Anonymous();

        foreach (var url in new[] { "/mypage/searches", "/mypage/searches/new?kw=a", "/mypage/favorites", "/mypage/favorites/box", "/mypage/searches/box" })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await employer.PageAsync(url)).Status);
            Assert.NotEqual(HttpStatusCode.OK, (await visitor.PageAsync(url)).Status);
        }
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task Erasing_a_seekers_personal_data_removes_their_saved_searches_and_favorites_and_nobody_elses()
    {
        var (gone, goneClient) = await app.SignedInAsync(UserKind.Seeker);
        var (kept, keptClient) = await app.SignedInAsync(UserKind.Seeker);
        var job = await AcceptedJobAsync(app, Posting("消去テストの求人"));
        var goneSearch = await SavedAsync(app, gone, goneClient, "pref=13&kw=%E6%B6%88", "消える");
        var keptSearch = await SavedAsync(app, kept, keptClient, "pref=13&kw=%E6%B6%88", "残る");
        await goneClient.PostFormPageAsync($"/mypage/favorites/{job.Id}", [], formPage: "/mypage/favorites");
        await keptClient.PostFormPageAsync($"/mypage/favorites/{job.Id}", [], formPage: "/mypage/favorites");
        Assert.Contains(app.Service<IEnumerable<IPersonalDataEraser>>(), e => e is SavedSearchDataEraser);

        await app.WithDbAsync(db => new SavedSearchDataEraser().EraseAsync(db, [gone.Id], default));

        var left = await app.WithDbAsync(async db => new
        {
            Searches = await db.Set<SavedSearch>().Where(s => s.Id == goneSearch || s.Id == keptSearch).Select(s => s.Id).ToListAsync(),
            Places = await db.Set<SavedSearchPrefecture>().Where(p => p.SavedSearchId == goneSearch || p.SavedSearchId == keptSearch).Select(p => p.SavedSearchId).ToListAsync(),
            Favorites = await db.Set<Favorite>().Where(f => f.JobId == job.Id).Select(f => f.SeekerId).ToListAsync(),
        });
        Assert.Equal([keptSearch], left.Searches);
        Assert.Equal([keptSearch], left.Places);
        Assert.Equal([kept.Id], left.Favorites);
    }
}

public sealed class OwnershipAndErasureTestsOnSqlite(SqliteApp app) : OwnershipAndErasureTests(app), IClassFixture<SqliteApp>;

public sealed class OwnershipAndErasureTestsOnPostgres(PostgresApp app) : OwnershipAndErasureTests(app), IClassFixture<PostgresApp>;
