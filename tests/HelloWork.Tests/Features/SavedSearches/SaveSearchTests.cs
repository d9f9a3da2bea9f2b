using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.SavedSearches;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.SavedSearches.SavedSearchSteps;

namespace HelloWork.Tests.Features.SavedSearches;

/// <summary>JOB-4 for saved searches: save with a name, list, rename, rerun, delete; bad input answered with the form kept; ACC-9.</summary>
public abstract class SaveSearchTests(HelloWorkApp app)
{
    // 介護, Tokyo and Osaka, the care-worker occupation, full-time.
    private const string Query = "kw=%E4%BB%8B%E8%AD%B7&pref=13&pref=27&occ=0801&sched=fulltime";

    [Fact, Trait("Rule", "JOB-4")]
    public async Task The_save_page_shows_the_conditions_in_words_and_suggests_a_name()
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);

        var page = await client.PageAsync("/mypage/searches/new?" + Query + "&page=3");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var conditions = page.Texts(".conditions div").ToList();
        Assert.Contains("キーワード介護", conditions);
        Assert.Contains("都道府県東京都、大阪府", conditions);
        Assert.Contains("職種介護職員", conditions);
        Assert.Contains("求人区分フルタイム", conditions);
        Assert.Equal("介護 東京都 大阪府 介護職員 フルタイム", page.Document.QuerySelector("#save-search-name")!.GetAttribute("value"));
        Assert.Equal(Query, page.Document.QuerySelector("input[name=Query]")!.GetAttribute("value"));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task A_saved_search_is_listed_with_its_name_conditions_and_no_new_matches_yet()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);

        var saved = await SaveAsync(client, Query, "東京と大阪の介護");
        var list = await client.PageAsync(saved.Response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("「東京と大阪の介護」を保存しました。", list.Text("#saved-search-saved"));
        Assert.Equal(["東京と大阪の介護"], list.Texts(".saved-search-name"));
        Assert.Contains("都道府県東京都、大阪府", list.Texts(".saved-search .conditions div"));
        Assert.Equal("新着 0件", list.Text(".saved-search .new-matches"));
        var stored = await app.WithDbAsync(db => db.Set<SavedSearch>().Include(s => s.Prefectures).SingleAsync(s => s.SeekerId == seeker.Id));
        Assert.Equal(Query, stored.Query);
        Assert.Equal(["13", "27"], stored.Prefectures.Select(p => p.PrefectureCode).Order());
        Assert.False(stored.AnyPlace);
        Assert.Equal("08", stored.OccupationGroup);
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task A_saved_search_can_be_renamed_and_a_bad_name_is_refused_with_the_form_kept()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var id = await SavedAsync(app, seeker, client, Query, "元の名前");

        var tooLong = await client.PostFormPageAsync($"/mypage/searches/{id}/rename", [new("Name", new string('あ', 51))], formPage: $"/mypage/searches/{id}/rename", htmx: false);
        var empty = await client.PostFormPageAsync($"/mypage/searches/{id}/rename", [new("Name", "  ")], formPage: $"/mypage/searches/{id}/rename", htmx: false);
        var renamed = await client.PostFormPageAsync($"/mypage/searches/{id}/rename", [new("Name", "新しい名前")], formPage: $"/mypage/searches/{id}/rename", htmx: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Equal("50文字以内で入力してください（現在51文字）。", tooLong.Text("#rename-search-name-error"));
        Assert.Equal(new string('あ', 51), tooLong.Document.QuerySelector("#rename-search-name")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Equal("入力してください。", empty.Text("#rename-search-name-error"));
        Assert.Equal(HttpStatusCode.Redirect, renamed.Status);
        Assert.Equal("新しい名前", (await SearchAsync(app, id)).Name);
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task Saving_refuses_a_51_character_name_an_empty_name_and_a_query_with_errors_keeping_what_was_typed()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);

        var tooLong = await SaveAsync(client, Query, new string('名', 51));
        var empty = await SaveAsync(client, Query, "");
        var badQuery = await SaveAsync(client, "pref=99&no=123", "都道府県がおかしい");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Equal("50文字以内で入力してください（現在51文字）。", tooLong.Text("#save-search-name-error"));
        Assert.Equal(new string('名', 51), tooLong.Document.QuerySelector("#save-search-name")!.GetAttribute("value"));
        Assert.Equal(Query, tooLong.Document.QuerySelector("input[name=Query]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Equal("入力してください。", empty.Text("#save-search-name-error"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badQuery.Status);
        Assert.Contains("都道府県の指定が正しくありません。", badQuery.Text("#save-search-query-error"));
        Assert.Contains("求人番号は「13010-12345678」の形（5桁-8桁）で入力してください。", badQuery.Text("#save-search-query-error"));
        Assert.Equal("都道府県がおかしい", badQuery.Document.QuerySelector("#save-search-name")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SavedSearch>().CountAsync(s => s.SeekerId == seeker.Id)));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task The_same_conditions_are_not_saved_twice_whatever_their_order_or_page()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        await SavedAsync(app, seeker, client, Query, "最初");

        // The same conditions typed in another order, on page 2: the canonical query is the same.
        var again = await SaveAsync(client, "sched=fulltime&occ=0801&pref=13&pref=27&kw=%E4%BB%8B%E8%AD%B7&page=2", "二度目");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.Status);
        Assert.Equal("同じ検索条件が「最初」としてすでに保存されています。", again.Text(".error-summary"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SavedSearch>().CountAsync(s => s.SeekerId == seeker.Id)));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task A_seeker_keeps_at_most_twenty_saved_searches_and_is_told_why()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        for (var i = 0; i < SavedSearch.MaxPerSeeker; i++)
        {
            await SavedAsync(app, seeker, client, $"wage={150000 + i}", $"条件{i}");
        }

        var over = await SaveAsync(client, "wage=999999", "21件目");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.Status);
        Assert.Equal("検索条件は20件まで保存できます。不要な条件を削除してから保存してください。", over.Text(".error-summary"));
        Assert.Equal("21件目", over.Document.QuerySelector("#save-search-name")!.GetAttribute("value"));
        Assert.Equal(20, await app.WithDbAsync(db => db.Set<SavedSearch>().CountAsync(s => s.SeekerId == seeker.Id)));
    }

    [Fact, Trait("Rule", "JOB-4"), Trait("Rule", "BEY-11")]
    public async Task Rerunning_records_the_run_resets_the_new_count_and_opens_the_search()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var id = await SavedAsync(app, seeker, client, "kw=%E5%86%8D%E5%AE%9F%E8%A1%8C%E7%94%A8", "再実行"); // 再実行用
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await AcceptAsync(app, Posting("再実行用の求人"));
        Assert.Equal(1, (await SearchAsync(app, id)).NewMatches);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        using var run = await client.PostFormAsync($"/mypage/searches/{id}/run", [], formPage: "/mypage/searches", htmx: false);

        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Equal("/jobs?kw=%E5%86%8D%E5%AE%9F%E8%A1%8C%E7%94%A8", run.Headers.Location!.OriginalString);
        var search = await SearchAsync(app, id);
        Assert.Equal(0, search.NewMatches);
        Assert.Equal(app.Clock.UtcNow, search.LastRunAt);
        var list = await client.PageAsync("/mypage/searches");
        Assert.Equal("新着 0件", list.Text(".new-matches"));
        Assert.StartsWith("前回の検索：", list.Text(".last-run"));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task Deleting_asks_first_then_removes_the_search_and_its_place_rows()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var id = await SavedAsync(app, seeker, client, Query, "消す条件");

        var confirm = await client.PageAsync($"/mypage/searches/{id}/delete");
        using var deleted = await client.PostFormAsync($"/mypage/searches/{id}/delete", [], formPage: $"/mypage/searches/{id}/delete", htmx: false);

        Assert.Equal("「消す条件」を削除します。よろしいですか。", confirm.Text("#delete-search p"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SavedSearch>().CountAsync(s => s.Id == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SavedSearchPrefecture>().CountAsync(p => p.SavedSearchId == id)));
        Assert.Equal("検索条件を削除しました。", (await client.PageAsync("/mypage/searches?deleted=1")).Text(".success"));
    }

    [Fact, Trait("Rule", "JOB-4"), Trait("Rule", "BEY-11")]
    public async Task The_MyPage_has_a_live_box_of_saved_searches_and_a_box_of_favorites_each_fetching_its_own_fragment()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        await SavedAsync(app, seeker, client, Query, "箱に出る条件");

        var home = await client.PageAsync("/mypage");

        var searches = home.Document.QuerySelector("#saved-searches-box-items")!;
        Assert.Equal("/mypage/searches/box", searches.GetAttribute("hx-get"));
        Assert.Equal("saved-search-matched from:body, live-reconnected from:body", searches.GetAttribute("hx-trigger"));
        Assert.Contains("箱に出る条件", searches.TextContent);
        Assert.Equal("新着 0件", home.Text("#saved-searches-box .new-matches"));
        Assert.Equal("/mypage/favorites/box", home.Document.QuerySelector("#favorites-box-items")!.GetAttribute("hx-get"));
        Assert.Equal("0件", home.Text("#favorites-box .favorites-count"));
    }

    [Fact, Trait("Rule", "JOB-4")]
    public async Task The_conditions_read_in_English_with_the_English_names()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        await SavedAsync(app, seeker, client, Query, "English");

        var page = await client.PageAsync("/mypage/searches?lang=en");

        var conditions = page.Texts(".saved-search .conditions div").ToList();
        Assert.Contains("PrefectureTokyo, Osaka", conditions);
        Assert.Contains("OccupationCare worker", conditions);
        Assert.Contains("ScheduleFull-time", conditions);
        Assert.Equal("0 new", page.Text(".new-matches"));
    }

    [Fact, Trait("Rule", "ACC-9")]
    public async Task While_the_registration_is_invalid_saving_and_rerunning_are_refused_with_the_reason()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var id = await SavedAsync(app, seeker, client, Query, "無効になる前");
        await InvalidateRegistrationAsync(app, seeker);
        const string Reason = "求職登録が無効のため、求人検索（検索条件の保存・再検索）はできません。お気に入りの一覧は引き続きご覧になれます。設定から求職登録を有効にしてください。";

        var form = await client.PageAsync("/mypage/searches/new?kw=%E4%BA%8B%E5%8B%99");
        var save = await SaveAsync(client, "kw=%E4%BA%8B%E5%8B%99", "事務");
        using var run = await client.PostFormAsync($"/mypage/searches/{id}/run", [], formPage: "/mypage/searches", htmx: false);
        var runPage = await Page.ReadAsync(run);

        Assert.Equal(Reason, form.Text(".error-summary"));
        Assert.False(form.Has("#save-search-submit"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, save.Status);
        Assert.Equal(Reason, save.Text(".error-summary"));
        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Equal(Reason, runPage.Text("#saved-search-refused"));
        Assert.Null((await SearchAsync(app, id)).LastRunAt);
        Assert.Equal(HttpStatusCode.OK, (await client.PageAsync("/mypage/searches")).Status);
    }
}

public sealed class SaveSearchTestsOnSqlite(SqliteApp app) : SaveSearchTests(app), IClassFixture<SqliteApp>;

public sealed class SaveSearchTestsOnPostgres(PostgresApp app) : SaveSearchTests(app), IClassFixture<PostgresApp>;
