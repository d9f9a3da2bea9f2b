using System.Net;
using HelloWork.Web.Features.Jobs;
using static HelloWork.Tests.Features.Jobs.PublishedJobs;

namespace HelloWork.Tests.Features.Jobs;

/// <summary>A job's public page: every public JOB-1 field, nothing internal; a closed job says so (200); anything else is 404.</summary>
public abstract class JobPageTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_job_page_shows_every_public_field_of_the_posting_and_the_employer()
    {
        var employer = await EmployerAsync(app, "株式会社みどり介護");
        var job = await AcceptedAsync(app, employer, Posting("介護職員（デイサービス）") with { Address = "西新宿1-2-3" });

        var page = await app.Anonymous().PageAsync($"/jobs/{job.Number}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("介護職員（デイサービス）", page.Text(".job-detail h1"));
        Assert.Equal("株式会社みどり介護", page.Text(".employer-name"));
        Assert.Equal("（東京都 新宿区）", page.Text(".employer-place"));
        Assert.Equal(job.Number, page.Text(".job-detail .job-number"));
        Assert.Equal(["Occupation", "Description", "Workplace", "Schedule", "EmploymentType", "Wage", "Hours", "DaysOff", "RequiredExperience",
            "RequiredLicenses", "Openings", "DocumentMethods", "SelectionMethods", "SelectionNote", "ReferralDeadline", "SelfApplication", "AcceptedAt", "ValidUntil"],
            page.Document.QuerySelectorAll(".job-item").Select(e => e.GetAttribute("data-item")!));
        string Item(string key) => page.Text($"[data-item={key}] dd");
        Assert.Equal("介護職員（福祉・介護の職業）", Item("Occupation"));
        Assert.Equal("デイサービスでの入浴・食事介助。未経験歓迎。", Item("Description"));
        Assert.Equal("東京都 新宿区 西新宿1-2-3", Item("Workplace"));
        Assert.Equal("フルタイム", Item("Schedule"));
        Assert.Equal("正社員", Item("EmploymentType"));
        Assert.Equal("210,000円〜260,000円/月", Item("Wage"));
        Assert.Equal("09:00〜18:00\n休憩60分", Item("Hours"));
        Assert.Equal("土日祝", Item("DaysOff"));
        Assert.Equal("不問", Item("RequiredExperience"));
        Assert.Equal("普通自動車免許", Item("RequiredLicenses"));
        Assert.Equal("2人", Item("Openings"));
        Assert.Equal("郵送、マイページから送付", Item("DocumentMethods"));
        Assert.Equal("書類選考、面接", Item("SelectionMethods"));
        Assert.Equal("面接は1回です。", Item("SelectionNote"));
        Assert.Equal("2027/01/15", Item("ReferralDeadline"));
        Assert.StartsWith("可", Item("SelfApplication"));
        Assert.Equal("2026/11/24", Item("AcceptedAt"));
        Assert.Equal("2027/01/31", Item("ValidUntil"));
        // Nothing internal: who accepted it, the office's data, the stored document.
        Assert.DoesNotContain(job.AcceptedBy!.Value.ToString(), page.Html);
        Assert.DoesNotContain("飯田橋", page.Html);
        Assert.DoesNotContain("WorkplaceNamed", page.Html);
        Assert.DoesNotContain(employer.Establishment.Number, page.Html);
        Assert.Equal("/jobs", page.Document.QuerySelector(".back-link a")!.GetAttribute("href"));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task The_link_back_keeps_the_search_conditions()
    {
        var job = await AcceptedAsync(app, await EmployerAsync(app), Posting("一般事務"));

        var page = await app.Anonymous().PageAsync($"/jobs/{job.Number}?kw=%E4%BA%8B%E5%8B%99&pref=13&size=10&page=2");

        Assert.Equal("/jobs?kw=%E4%BA%8B%E5%8B%99&pref=13&size=10&page=2", page.Document.QuerySelector(".back-link a")!.GetAttribute("href"));
        Assert.Equal("検索結果に戻る", page.Text(".back-link a"));
    }

    public static TheoryData<string> Closings => new() { "withdrawn", "invalid", "past its validity" };

    [Theory, Trait("Rule", "JOB-3"), Trait("Rule", "JOB-1")]
    [MemberData(nameof(Closings))]
    public async Task A_closed_job_says_so_with_its_number_and_title_only(string how)
    {
        var employer = await EmployerAsync(app);
        var ago = how == "withdrawn" ? TimeSpan.FromDays(1) : TimeSpan.FromDays(120);
        var job = await AcceptedAsync(app, employer, Posting("介護職員（終了）", "秘密ではないが閉じた求人の説明"), ago, (j, now) =>
        {
            if (how == "withdrawn") j.Withdraw(now);
            if (how == "invalid") j.Expire(now);
        });

        var page = await app.Anonymous().PageAsync($"/jobs/{job.Number}");
        var search = await app.Anonymous().PageAsync($"/jobs?no={job.Number}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("この求人は受付を終了しました（無効/取下げ）", page.Text("main h1"));
        Assert.Equal(job.Number, page.Text(".job-closed .job-number"));
        Assert.Equal("介護職員（終了）", page.Text(".job-closed .job-title"));
        Assert.DoesNotContain("閉じた求人の説明", page.Html);
        Assert.DoesNotContain("210,000", page.Html);
        Assert.Equal("0件", search.Text("#search-count"));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Unpublished_unknown_and_malformed_numbers_answer_404()
    {
        var employer = await EmployerAsync(app);
        var open = await AcceptedAsync(app, employer, Posting("公開中"));
        await UnacceptedAsync(app, employer, Posting("下書きの求人"), submit: false);
        await UnacceptedAsync(app, employer, Posting("提出済みの求人"), submit: true);
        var unknown = Job.NumberOf(employer.Office.Code, 99_999_999);

        foreach (var number in new[] { unknown, "abc", "13010-1234567", "1301012345678", "１3010-12345678", open.Number + "0", "0" })
        {
            var page = await app.Anonymous().PageAsync($"/jobs/{Uri.EscapeDataString(number)}");
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{number}: {page.Status}");
            Assert.DoesNotContain("下書きの求人", page.Html);
            Assert.DoesNotContain("提出済みの求人", page.Html);
        }
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().PageAsync($"/jobs/{open.Number}")).Status);
    }
}

public sealed class JobPageTestsOnSqlite(SqliteApp app) : JobPageTests(app), IClassFixture<SqliteApp>;

public sealed class JobPageTestsOnPostgres(PostgresApp app) : JobPageTests(app), IClassFixture<PostgresApp>;
