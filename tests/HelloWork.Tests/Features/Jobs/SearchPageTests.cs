using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using static HelloWork.Tests.Features.Jobs.PublishedJobs;

namespace HelloWork.Tests.Features.Jobs;

/// <summary>JOB-3's search page: the GET form and its URL, the results, paging, and bad input answered beside its field.</summary>
public abstract class SearchPageTests(HelloWorkApp app)
{
    private static string E(string s) => Uri.EscapeDataString(s);

    /// <summary>What a browser would send for the page's search form as it stands (the query it would GET).</summary>
    public static string Submitted(Page page)
    {
        var form = (IHtmlFormElement)page.Document.QuerySelector("form#search-form")!;
        var fields = new List<string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name:
                    if (input.Type is "checkbox" or "radio") { if (input.IsChecked) fields.Add($"{E(name)}={E(input.Value)}"); }
                    else if (input.Type is not ("submit" or "button")) fields.Add($"{E(name)}={E(input.Value)}");
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    foreach (var option in select.Options.Where(o => o.IsSelected)) fields.Add($"{E(name)}={E(option.Value)}");
                    break;
            }
        }
        return string.Join('&', fields);
    }

    private static JobSearchConditions Conditions(string query)
    {
        var (c, errors) = JobSearchConditions.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));
        Assert.Empty(errors);
        return c;
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task The_form_round_trips_every_condition_through_the_URL()
    {
        var query = "kw=" + E("介護 送迎") + "&nkw=" + E("夜勤") + "&pref=13&pref=27&city=13104&city=27100&occ=08&sched=fulltime"
            + "&type=regular&type=fixedterm&wage=200000&unit=monthly&self=1&new=1&no=13010-00000001&no=27010-00000002&sort=deadline&size=10";
        var expected = Conditions(query).ToQueryString();

        var page = await app.Anonymous().PageAsync("/jobs?" + query);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("介護 送迎", page.Document.QuerySelector<IHtmlInputElement>("#search-kw")!.Value);
        Assert.Equal(["13", "27", ""], page.Document.QuerySelectorAll<IHtmlSelectElement>("select[name=pref]").Select(s => s.Value));
        Assert.Equal(["13104", "27100"], page.Document.QuerySelectorAll<IHtmlInputElement>("input[name=city]").Where(c => c.IsChecked).Select(c => c.Value));
        Assert.Equal("08", page.Document.QuerySelector<IHtmlSelectElement>("#search-occ")!.Value);
        Assert.Equal("deadline", page.Document.QuerySelector<IHtmlSelectElement>("#search-sort")!.Value);
        // What the browser sends back from this page is the same search.
        Assert.Equal(expected, Conditions(Submitted(page)).ToQueryString());
        // The form is a plain GET form to the page itself: its URL is the search.
        var form = page.Document.QuerySelector<IHtmlFormElement>("form#search-form")!;
        Assert.Equal("get", form.Method);
        Assert.Equal("/jobs", form.GetAttribute("action"));
        Assert.Equal("true", form.GetAttribute("hx-push-url"));
        // Every field has a label.
        foreach (var field in form.Elements.Where(e => e is IHtmlSelectElement || e is IHtmlInputElement { Type: "text" or "search" }))
        {
            Assert.True(page.Has($"label[for='{field.Id}']"), $"a label for #{field.Id}");
        }
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Results_show_the_count_and_each_job_with_its_public_facts()
    {
        var marker = Marker();
        var employer = await EmployerAsync(app, "株式会社みどり介護");
        var older = await AcceptedAsync(app, employer, Posting($"介護職員（デイサービス）{marker}"), TimeSpan.FromDays(2));
        var newer = await AcceptedAsync(app, employer, Posting($"生活支援員 {marker}") with
        {
            OccupationCode = "0803", SelfApplication = false, WageMin = 1200, WageMax = null, WageUnit = WageUnit.Hourly,
            Schedule = JobSchedule.PartTime, EmploymentType = EmploymentType.NonRegular, ReferralDeadline = null,
        });
        await AcceptedAsync(app, employer, Posting("関係のない求人"));

        var page = await app.Anonymous().PageAsync("/jobs?kw=" + E(marker));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("2件", page.Text("#search-count"));
        Assert.Equal("polite", page.Document.QuerySelector("#search-count")!.GetAttribute("aria-live"));
        Assert.Equal([newer.Number!, older.Number!], page.Document.QuerySelectorAll(".job-result").Select(r => r.GetAttribute("data-job")!));
        var first = page.Document.QuerySelector($".job-result[data-job='{older.Number}']")!;
        Assert.Equal($"介護職員（デイサービス）{marker}", first.QuerySelector(".job-title")!.TextContent.Trim());
        Assert.Equal("株式会社みどり介護", first.QuerySelector(".job-employer")!.TextContent.Trim());
        Assert.Equal(older.Number, first.QuerySelector(".job-number")!.TextContent.Trim());
        Assert.Equal("東京都 新宿区", first.QuerySelector(".job-place")!.TextContent.Trim());
        Assert.Equal("正社員（フルタイム）", first.QuerySelector(".job-type")!.TextContent.Trim());
        Assert.Equal("210,000円〜260,000円/月", first.QuerySelector(".job-wage")!.TextContent.Trim());
        Assert.Equal("2026/11/22", first.QuerySelector(".job-accepted")!.TextContent.Trim());
        Assert.Equal("2027/01/15", first.QuerySelector(".job-deadline")!.TextContent.Trim());
        Assert.NotNull(first.QuerySelector(".self-mark"));
        Assert.StartsWith($"/jobs/{older.Number}?kw=", first.QuerySelector(".job-title a")!.GetAttribute("href"));
        var second = page.Document.QuerySelector($".job-result[data-job='{newer.Number}']")!;
        Assert.Equal("1,200円〜/時間", second.QuerySelector(".job-wage")!.TextContent.Trim());
        Assert.Equal("正社員以外（パート）", second.QuerySelector(".job-type")!.TextContent.Trim());
        Assert.Null(second.QuerySelector(".self-mark"));
        Assert.Null(second.QuerySelector(".job-deadline"));

        var english = await app.Anonymous().PageAsync("/jobs?kw=" + E(marker) + "&lang=en");
        Assert.Equal("2 found", english.Text("#search-count"));
        Assert.Equal("¥210,000–¥260,000 / month", english.Text($".job-result[data-job='{older.Number}'] .job-wage"));
        Assert.Equal("Tokyo Shinjuku", english.Text($".job-result[data-job='{older.Number}'] .job-place"));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task The_deadline_order_puts_the_nearest_referral_deadline_first()
    {
        var marker = Marker();
        var employer = await EmployerAsync(app);
        var late = await AcceptedAsync(app, employer, Posting($"遅い {marker}") with { ReferralDeadline = new DateOnly(2027, 1, 20) });
        var soon = await AcceptedAsync(app, employer, Posting($"近い {marker}") with { ReferralDeadline = new DateOnly(2026, 12, 10) }, TimeSpan.FromDays(1));

        var page = await app.Anonymous().PageAsync($"/jobs?kw={marker}&sort=deadline");

        Assert.Equal([soon.Number!, late.Number!], page.Document.QuerySelectorAll(".job-result").Select(r => r.GetAttribute("data-job")!));
        Assert.Equal([late.Number!, soon.Number!], (await app.Anonymous().PageAsync($"/jobs?kw={marker}")).Document.QuerySelectorAll(".job-result").Select(r => r.GetAttribute("data-job")!));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Paging_links_go_through_the_results_and_never_past_the_end()
    {
        var marker = Marker();
        var employer = await EmployerAsync(app);
        for (var i = 0; i < 12; i++) await AcceptedAsync(app, employer, Posting($"求人{i} {marker}"), TimeSpan.FromMinutes(i));

        var first = await app.Anonymous().PageAsync($"/jobs?kw={marker}&size=10");
        Assert.Equal("12件", first.Text("#search-count"));
        Assert.Equal(10, first.Document.QuerySelectorAll(".job-result").Length);
        Assert.False(first.Has(".paging-prev"));
        Assert.Equal($"/jobs?kw={marker}&size=10&page=2", first.Document.QuerySelector(".paging-next")!.GetAttribute("href"));
        Assert.Equal(["1", "2"], first.Texts(".paging-page, .paging-current"));
        Assert.Equal("page", first.Document.QuerySelector(".paging-current")!.GetAttribute("aria-current"));

        var second = await app.Anonymous().PageAsync($"/jobs?kw={marker}&size=10&page=2");
        Assert.Equal(2, second.Document.QuerySelectorAll(".job-result").Length);
        Assert.False(second.Has(".paging-next"));
        Assert.Equal($"/jobs?kw={marker}&size=10", second.Document.QuerySelector(".paging-prev")!.GetAttribute("href"));

        var past = await app.Anonymous().PageAsync($"/jobs?kw={marker}&size=10&page=5");
        Assert.Equal(HttpStatusCode.OK, past.Status);
        Assert.Empty(past.Document.QuerySelectorAll(".job-result"));
        Assert.Equal("5ページ目はありません（結果は2ページまでです）。 最後のページへ", past.Text(".search-past-end"));
        Assert.Equal($"/jobs?kw={marker}&size=10&page=2", past.Document.QuerySelector(".search-past-end a")!.GetAttribute("href"));
        Assert.False(past.Has(".paging-next"));

        var none = await app.Anonymous().PageAsync($"/jobs?kw={Marker()}");
        Assert.Equal("0件", none.Text("#search-count"));
        Assert.True(none.Has(".search-none"));
        Assert.False(none.Has(".paging"));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public void A_capped_count_says_at_least_so_many_and_offers_the_next_page()
    {
        var texts = app.Service<HelloWork.Web.Rendering.Texts>();
        var conditions = Conditions("kw=" + E("介護") + "&size=50&page=20");
        var hit = new JobSearchHit(1, "13010-00000001", "介護職員", "みどり介護", "13", "13104", "0801", JobSchedule.FullTime, EmploymentType.Regular,
            210000, 260000, WageUnit.Monthly, true, null, app.Clock.UtcNow, app.Clock.UtcNow.AddDays(30));
        var result = new JobSearchResult(Enumerable.Repeat(hit, 50).ToList(), JobSearch.CountCap, true, 20, 50);

        var results = SearchJobs.ResultsOf(texts, conditions, result, seeker: false);
        var html = app.Service<HelloWork.Web.Rendering.Templates>().Render("search/_results", results);

        Assert.Equal("1,000件以上", results.CountText);
        Assert.Contains("page=21", results.NextUrl);
        Assert.Contains("href=\"/jobs?kw=%E4%BB%8B%E8%AD%B7&amp;size=50&amp;page=21\"", html);
    }

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        { "kw=" + new string('あ', 51), "kw", "キーワードは50文字以内で入力してください。", "Keywords can be at most 50 characters." },
        { "nkw=" + E("夜勤 早番"), "nkw", "除外キーワードは1語だけ入力してください。", "Enter just one word to exclude." },
        { "pref=99", "pref", "都道府県の指定が正しくありません。", "That prefecture is not one we know." },
        { "pref=13&pref=14&pref=27&pref=01", "pref", "都道府県は3つまで選べます。", "Choose at most 3 prefectures." },
        { "city=99999", "city", "市区町村の指定が正しくありません。", "That city is not one we know." },
        { "occ=9999", "occ", "職種の指定が正しくありません。", "That occupation is not one we know." },
        { "type=seasonal", "type", "雇用形態の指定が正しくありません。", "That employment type is not one we know." },
        { "wage=abc", "wage", "賃金は半角数字で入力してください（例: 200000）。", "Enter the wage in digits (e.g. 200000)." },
        { "no=1301012345678", "no", "求人番号は「13010-12345678」の形（5桁-8桁）で入力してください。", "A job number looks like 13010-12345678 (5 digits, a hyphen, 8 digits)." },
        { "size=20", "size", "表示件数は10件・30件・50件から選んでください。", "Show 10, 30 or 50 per page." },
        { "sort=salary", "sort", "並び順の指定が正しくありません。", "That sort order is not one we know." },
    };

    [Theory, Trait("Rule", "JOB-3")]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_answered_beside_its_field_in_Japanese_or_English_with_the_form_as_typed(string query, string field, string ja, string en)
    {
        var client = app.Anonymous();

        var page = await client.PageAsync("/jobs?" + query);
        var english = await client.PageAsync("/jobs?" + query + "&lang=en");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(ja, page.Text($"#search-error-{field}"));
        Assert.Equal(en, english.Text($"#search-error-{field}"));
        Assert.Equal("入力内容を確認してください。", page.Text("#search-count"));
        Assert.Empty(page.Document.QuerySelectorAll(".job-result"));
        Assert.DoesNotContain("Exception", page.Html);
        // The form sends back exactly what was typed.
        var typed = QueryHelpers.ParseQuery(query);
        var sent = QueryHelpers.ParseQuery(Submitted(page));
        Assert.Equal(typed[field].SelectMany(v => v!.Split(' ')), sent[field].Where(v => v!.Length > 0).SelectMany(v => v!.Split(' ')));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task A_page_number_that_is_not_one_is_answered_in_the_results_with_the_conditions_kept()
    {
        var page = await app.Anonymous().PageAsync("/jobs?kw=" + E("介護") + "&page=0");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("ページの指定が正しくありません。", page.Text("#search-results #search-error-page"));
        Assert.Equal("介護", page.Document.QuerySelector<IHtmlInputElement>("#search-kw")!.Value);
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task The_cities_offered_are_those_of_the_chosen_prefectures_with_or_without_script()
    {
        var page = await app.Anonymous().PageAsync("/jobs?pref=13&pref=27");
        var fragment = await app.Anonymous().PageAsync("/jobs/cities?pref=27", htmx: true);

        Assert.Equal(["東京都", "大阪府"], page.Texts(".city-group legend"));
        Assert.Contains("新宿区", page.Texts(".city-group label"));
        Assert.True(page.Has("input[name=city][value='27100']"));
        Assert.All(page.Document.QuerySelectorAll("input[name=city]"), c => Assert.True(c.GetAttribute("value")![..2] is "13" or "27"));
        Assert.Equal(["大阪府"], fragment.Texts(".city-group legend"));
        Assert.Contains("大阪市", fragment.Texts(".city-group label"));
        Assert.DoesNotContain("<html", fragment.Html);
        // Without a prefecture there is nothing to choose yet, and the page says so.
        Assert.False((await app.Anonymous().PageAsync("/jobs")).Has("input[name=city]"));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task A_city_of_a_prefecture_no_longer_chosen_is_dropped_from_the_search()
    {
        var marker = Marker();
        var employer = await EmployerAsync(app);
        var osaka = await AcceptedAsync(app, employer, Posting($"倉庫 {marker}") with { PrefectureCode = "27", CityCode = "27100" });

        var page = await app.Anonymous().PageAsync($"/jobs?kw={marker}&pref=27&city=13104");

        Assert.Equal([osaka.Number!], page.Document.QuerySelectorAll(".job-result").Select(r => r.GetAttribute("data-job")!));
        Assert.False(page.Has("input[name=city][value='13104']"));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Htmx_gets_the_page_fragment_with_the_results_and_the_field_messages()
    {
        var marker = Marker();
        var employer = await EmployerAsync(app);
        await AcceptedAsync(app, employer, Posting($"事務 {marker}"));

        var fragment = await app.Anonymous().PageAsync($"/jobs?kw={marker}", htmx: true);
        var bad = await app.Anonymous().PageAsync("/jobs?pref=99", htmx: true);

        Assert.DoesNotContain("<html", fragment.Html);
        Assert.Contains("HX-Request", fragment.Header("Vary"));
        Assert.Equal("1件", fragment.Text("#search-count"));
        Assert.Single(fragment.Document.QuerySelectorAll("#search-results .job-result"));
        // The ids the form's hx-select-oob names are all in the answer, so every message beside a field is refreshed.
        var oob = fragment.Document.QuerySelector("#search-form")!.GetAttribute("hx-select-oob")!;
        foreach (var id in oob.Split(',').Select(s => s.Split(':')[0]))
        {
            Assert.True(fragment.Has(id), $"{id} is in the fragment");
        }
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        Assert.Equal("都道府県の指定が正しくありません。", bad.Text("#search-error-pref"));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Employer_typed_text_is_shown_as_text_never_as_markup()
    {
        var marker = Marker();
        var employer = await EmployerAsync(app, "<b>悪い会社</b>");
        var job = await AcceptedAsync(app, employer, Posting($"<script>alert(1)</script>{marker}", "<img src=x onerror=alert(2)>"));

        var results = await app.Anonymous().PageAsync($"/jobs?kw={marker}");
        var detail = await app.Anonymous().PageAsync($"/jobs/{job.Number}");
        var typed = await app.Anonymous().PageAsync("/jobs?kw=" + E("<script>x</script>"));

        foreach (var page in new[] { results, detail, typed })
        {
            Assert.DoesNotContain("<script>alert", page.Html);
            Assert.DoesNotContain("<script>x", page.Html);
            Assert.DoesNotContain("<b>悪い会社", page.Html);
            Assert.DoesNotContain("<img src=x", page.Html);
        }
        Assert.Equal($"<script>alert(1)</script>{marker}", results.Text(".job-title"));
        Assert.Equal("<b>悪い会社</b>", detail.Text(".employer-name"));
        Assert.Equal("<script>x</script>", typed.Document.QuerySelector<IHtmlInputElement>("#search-kw")!.Value);
    }
}

public sealed class SearchPageTestsOnSqlite(SqliteApp app) : SearchPageTests(app), IClassFixture<SqliteApp>;

public sealed class SearchPageTestsOnPostgres(PostgresApp app) : SearchPageTests(app), IClassFixture<PostgresApp>;
