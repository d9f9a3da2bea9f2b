using System.Net;
using HelloWork.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Jobs.JobFiling;

namespace HelloWork.Tests.Features.Jobs;

public abstract class FileJobTests(JobsApp app)
{
    [Fact, Trait("Rule", "JOB-1")]
    public async Task Every_steps_fields_are_saved_and_shown_on_the_job()
    {
        var employer = await EmployerAsync(app);

        var id = await FileAsync(employer.Client);

        var job = await JobAsync(app, id);
        var p = job.Posting;
        Assert.Equal(JobStatus.Draft, job.Status);
        Assert.Equal(employer.Office.Id, job.OfficeId);
        Assert.Equal(("介護職員（デイサービス）", "0801", "入浴・食事介助。\n未経験歓迎。"), (p.Title, p.OccupationCode, p.Description));
        Assert.Equal(("13", "13104", "西新宿2-8-1", true), (p.PrefectureCode, p.CityCode, p.Address, p.WorkplaceNamed));
        Assert.Equal((JobSchedule.FullTime, EmploymentType.Regular, 210000, 260000, WageUnit.Monthly), (p.Schedule, p.EmploymentType, p.WageMin, p.WageMax, p.WageUnit));
        Assert.Equal(("09:00", "18:00", "休憩60分", "土日祝"), (p.HoursFrom, p.HoursTo, p.HoursNote, p.DaysOff));
        Assert.Equal(DocumentMethods.Post | DocumentMethods.MyPage, p.DocumentMethods);
        Assert.Equal(SelectionMethods.Documents | SelectionMethods.Interview, p.SelectionMethods);
        Assert.Equal(("面接は1回です。", new DateOnly(2030, 12, 31), 2, "不問", "普通自動車免許", true),
            (p.SelectionNote, p.ReferralDeadline, p.Openings, p.RequiredExperience, p.RequiredLicenses, p.SelfApplication));
        Assert.Equal(("13104", EmploymentType.Regular, 210000), (job.CityCode, job.EmploymentType, job.WageMin)); // the columns search filters on

        var page = await employer.Client.PageAsync($"/employer/jobs/{id}");
        Assert.Equal("下書き", page.Text(".job-status"));
        string Field(string name) => page.Text($".job-field[data-field='{name}'] dd");
        Assert.Equal("介護職員", Field("OccupationCode"));
        Assert.Equal("東京都", Field("PrefectureCode"));
        Assert.Equal("新宿区", Field("CityCode"));
        Assert.Equal("210,000 〜 260,000 円（月給）", Field("Wage"));
        Assert.Equal("09:00 〜 18:00", Field("WorkingHours"));
        Assert.Equal("郵送、マイページから送付", Field("DocumentMethods"));
        Assert.Equal("書類選考、面接", Field("SelectionMethods"));
        Assert.Equal("2030/12/31", Field("ReferralDeadline"));
        Assert.Equal("受け付ける", Field("SelfApplication"));

        // Each step's form shows what is saved.
        var terms = await employer.Client.PageAsync($"/employer/jobs/{id}/steps/terms");
        Assert.Equal("210000", terms.Document.QuerySelector("#job-wage-min")!.GetAttribute("value"));
        Assert.Equal("Regular", terms.Document.QuerySelector("#job-employment-type option[selected]")!.GetAttribute("value"));
        var apply = await employer.Client.PageAsync($"/employer/jobs/{id}/steps/apply");
        Assert.Equal("2030-12-31", apply.Document.QuerySelector("#job-referral-deadline")!.GetAttribute("value"));
        Assert.True(apply.Document.QuerySelector("#job-doc-mypage")!.HasAttribute("checked"));
        Assert.False(apply.Document.QuerySelector("#job-doc-in-person")!.HasAttribute("checked"));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task A_draft_can_be_saved_at_any_step_and_stays_incomplete()
    {
        var employer = await EmployerAsync(app);

        var id = await StartAsync(employer.Client, [new("Title", "事務スタッフ")], go: "draft");
        using var terms = await PostStepAsync(employer.Client, id, "terms", [new("WageMin", "180000")], go: "draft");

        Assert.Equal(HttpStatusCode.Redirect, terms.StatusCode);
        Assert.Equal($"/employer/jobs/{id}?saved=1", terms.Headers.Location!.OriginalString);
        var job = await JobAsync(app, id);
        Assert.Equal((JobStatus.Draft, "事務スタッフ", 180000, (string?)null), (job.Status, job.Posting.Title, job.Posting.WageMin, job.Posting.OccupationCode));
        var page = await employer.Client.PageAsync($"/employer/jobs/{id}?saved=1");
        Assert.Equal("下書きを保存しました。", page.Text(".success"));
        using var next = await PostStepAsync(employer.Client, id, "place", [new("PrefectureCode", "27")]);
        Assert.Equal($"/employer/jobs/{id}/steps/terms", next.Headers.Location!.OriginalString);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task Submitting_an_incomplete_job_names_every_missing_field_and_links_its_step()
    {
        var employer = await EmployerAsync(app);
        var id = await StartAsync(employer.Client, [new("Title", "事務スタッフ"), new("OccupationCode", "0601")], go: "draft");

        var page = await SubmitAsync(employer.Client, id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.StartsWith("入力されていない項目があるため、申し込めません。", page.Text("#job-error p"));
        var missing = page.Texts("#job-error .missing a").ToList();
        Assert.Contains("「仕事内容」が入力されていません。", missing);
        Assert.Contains("「就業場所の市区町村」が入力されていません。", missing);
        Assert.Contains("「賃金（下限）」が入力されていません。", missing);
        Assert.Contains("「紹介期限日」が入力されていません。", missing);
        Assert.DoesNotContain("「職種名」が入力されていません。", missing);
        Assert.Equal($"/employer/jobs/{id}/steps/work", page.Document.QuerySelector("#job-error .missing a")!.GetAttribute("href"));
        Assert.Equal(JobStatus.Draft, (await JobAsync(app, id)).Status);
    }

    [Theory, Trait("Rule", "JOB-2")]
    [InlineData("Dispatch", false, "派遣の求人は、オンライン自主応募を受け付けられません。")]
    [InlineData("Contract", false, "請負の求人は、オンライン自主応募を受け付けられません。")]
    [InlineData("Regular", true, "就業場所を特定できない求人は、オンライン自主応募を受け付けられません。")]
    public async Task Self_application_is_refused_with_the_reason_for_dispatch_contract_and_unnamed_workplaces(string type, bool unnamed, string reason)
    {
        var employer = await EmployerAsync(app);
        var steps = Steps(type: type, selfApplication: false);
        if (unnamed) steps["place"] = [.. steps["place"], new("WorkplaceUnnamed", "true")];
        var id = await FileAsync(employer.Client, steps);

        var page = await PostStepPageAsync(employer.Client, id, "apply", Steps(selfApplication: true)["apply"]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(reason, page.Text("#job-self-application-error"));
        Assert.True(page.Document.QuerySelector("#job-self-application")!.HasAttribute("checked"));
        Assert.Equal("面接は1回です。", page.Text("#job-selection-note"));
        Assert.False((await JobAsync(app, id)).SelfApplication);
    }

    [Fact, Trait("Rule", "JOB-2")]
    public async Task A_job_taking_self_application_cannot_become_a_dispatch_job()
    {
        var employer = await EmployerAsync(app);
        var id = await FileAsync(employer.Client);

        var page = await PostStepPageAsync(employer.Client, id, "terms", Steps(type: "Dispatch")["terms"]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("派遣の求人は、オンライン自主応募を受け付けられません。", page.Text(".error-summary"));
        Assert.Equal(EmploymentType.Regular, (await JobAsync(app, id)).EmploymentType);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task A_wage_minimum_above_the_maximum_is_refused_clearly_and_the_form_keeps_what_was_typed()
    {
        var employer = await EmployerAsync(app);
        var id = await StartAsync(employer.Client, Steps()["work"]);

        var page = await PostStepPageAsync(employer.Client, id, "terms",
            [new("Schedule", "PartTime"), new("EmploymentType", "NonRegular"), new("WageMin", "1500"), new("WageMax", "1200"), new("WageUnit", "Hourly")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("賃金の下限が上限を超えています。下限は上限以下にしてください。", page.Text("#job-wage-max-error"));
        Assert.Equal("true", page.Document.QuerySelector("#job-wage-max")!.GetAttribute("aria-invalid"));
        Assert.Equal("1500", page.Document.QuerySelector("#job-wage-min")!.GetAttribute("value"));
        Assert.Equal("1200", page.Document.QuerySelector("#job-wage-max")!.GetAttribute("value"));
        Assert.Equal("Hourly", page.Document.QuerySelector("#job-wage-unit option[selected]")!.GetAttribute("value"));
        Assert.Equal("PartTime", page.Document.QuerySelector("#job-schedule option[selected]")!.GetAttribute("value"));
        Assert.Null((await JobAsync(app, id)).WageMin);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task Bad_input_is_answered_in_English_when_English_was_chosen()
    {
        var employer = await EmployerAsync(app);
        var id = await StartAsync(employer.Client, Steps()["work"]);
        await employer.Client.PageAsync("/employer?lang=en");

        var page = await PostStepPageAsync(employer.Client, id, "terms", [new("WageMin", "300000"), new("WageMax", "200000")]);

        Assert.Equal("The minimum wage is above the maximum. Make the minimum at most the maximum.", page.Text("#job-wage-max-error"));
    }

    [Theory, Trait("Rule", "JOB-1")]
    [InlineData("place", "CityCode", "27128", "job-city", "市区町村は、選んだ都道府県の一覧から選んでください。")] // 大阪市中央区 is not in 東京都
    [InlineData("work", "OccupationCode", "9999", "job-occupation", "職業分類は一覧から選んでください。")]
    [InlineData("hours", "HoursFrom", "9時", "job-hours-from", "時刻は 09:00 のように入力してください。")]
    [InlineData("apply", "Openings", "0", "job-openings", "募集人数は1人以上にしてください。")]
    [InlineData("work", "Title", "{101}", "job-title", "100文字以内で入力してください（現在101文字）。")]
    [InlineData("apply", "SelectionNote", "{301}", "job-selection-note", "300文字以内で入力してください（現在301文字）。")]
    public async Task Bad_input_on_a_step_gets_a_clear_message_and_is_not_saved(string step, string field, string value, string id, string message)
    {
        var employer = await EmployerAsync(app);
        var job = await StartAsync(employer.Client, [new("Title", "元の職種名")], go: "draft");
        value = value == "{101}" ? new string('職', 101) : value == "{301}" ? new string('選', 301) : value;
        KeyValuePair<string, string>[] fields = step == "place" ? [new("PrefectureCode", "13"), new(field, value)] : [new(field, value)];

        var page = await PostStepPageAsync(employer.Client, job, step, fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text($"#{id}-error"));
        Assert.Equal("元の職種名", (await JobAsync(app, job)).Title);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_city_select_lists_only_the_chosen_prefectures_municipalities()
    {
        var employer = await EmployerAsync(app);

        var osaka = await employer.Client.PageAsync("/employer/jobs/cities?PrefectureCode=27", htmx: true);
        var none = await employer.Client.PageAsync("/employer/jobs/cities", htmx: true);

        var codes = osaka.Document.QuerySelectorAll("#job-city option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Contains("27128", codes);
        Assert.Contains("27100", codes);
        Assert.All(codes, c => Assert.StartsWith("27", c));
        Assert.Equal("先に都道府県を選んでください", none.Text("#job-city option"));
        var place = await employer.Client.PageAsync($"/employer/jobs/{await StartAsync(employer.Client, [new("Title", "x")], "draft")}/steps/place");
        Assert.Equal("/employer/jobs/cities", place.Document.QuerySelector("#job-prefecture")!.GetAttribute("hx-get"));
        Assert.Equal("#job-city", place.Document.QuerySelector("#job-prefecture")!.GetAttribute("hx-target"));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task Only_one_job_per_occupation_workplace_and_employment_type_and_a_withdrawn_one_frees_it()
    {
        var employer = await EmployerAsync(app);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var first = await SubmittedAsync(employer.Client);
        var second = await StartAsync(employer.Client, Steps()["work"]);

        // The same address written with full-width digits and a space is the same workplace.
        var page = await PostStepPageAsync(employer.Client, second, "terms", Steps()["terms"]);
        Assert.Equal(HttpStatusCode.Redirect, page.Status); // no workplace yet: no combination
        page = await PostStepPageAsync(employer.Client, second, "place", [new("PrefectureCode", "13"), new("CityCode", "13104"), new("Address", "西新宿２－８－１ ")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.StartsWith("同じ職業分類・就業場所・雇用形態の求人がすでにあります", page.Text(".error-summary"));
        Assert.Equal("西新宿２－８－１ ", page.Document.QuerySelector("#job-address")!.GetAttribute("value"));

        // Another workplace is another job.
        Assert.Equal(HttpStatusCode.Redirect, (await PostStepPageAsync(employer.Client, second, "place", Steps(address: "西新宿9-9-9")["place"])).Status);

        // Once the first is withdrawn, its combination is free again.
        await AcceptAsync(staff, first);
        await employer.Client.PostFormAsync($"/employer/jobs/{first}/withdraw", [], formPage: "/employer", htmx: false);
        var third = await StartAsync(employer.Client, Steps()["work"]);
        Assert.Equal(HttpStatusCode.Redirect, (await PostStepPageAsync(employer.Client, third, "place", Steps()["place"])).Status);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_database_itself_refuses_a_second_job_of_the_same_combination()
    {
        var employer = await EmployerAsync(app);
        var posting = new JobPosting { Title = "介護職員", OccupationCode = "0801", PrefectureCode = "13", CityCode = "13104", Address = "1-1", EmploymentType = EmploymentType.Regular };

        await app.WithDbAsync(async db => { db.Add(Job.Start(employer.Establishment, employer.Office.Id, posting, app.Clock.UtcNow)); await db.SaveChangesAsync(); });

        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.Add(Job.Start(employer.Establishment, employer.Office.Id, posting with { Title = "別の題" }, app.Clock.UtcNow));
            await db.SaveChangesAsync();
        }));
        // Another establishment may file the same combination.
        var other = await EmployerAsync(app, employer.Office);
        await app.WithDbAsync(async db => { db.Add(Job.Start(other.Establishment, other.Office.Id, posting, app.Clock.UtcNow)); await db.SaveChangesAsync(); });
    }

    [Fact, Trait("Rule", "ACC-10")]
    public async Task Another_establishments_login_gets_404_on_every_job_url()
    {
        var employer = await EmployerAsync(app);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);
        await AcceptAsync(staff, id);
        var stranger = await EmployerAsync(app, employer.Office, "株式会社よそ");

        foreach (var url in new[] { $"/employer/jobs/{id}", $"/employer/jobs/{id}/withdraw" }.Concat(JobSteps.All.Select(s => $"/employer/jobs/{id}/steps/{s.Slug}")))
        {
            Assert.True((await stranger.Client.PageAsync(url)).Status == HttpStatusCode.NotFound, url);
        }
        foreach (var (url, fields) in new (string, KeyValuePair<string, string>[])[]
        {
            ($"/employer/jobs/{id}/submit", []), ($"/employer/jobs/{id}/withdraw", []), ($"/employer/jobs/{id}/steps/work", [new("Title", "乗っ取り")]),
        })
        {
            using var response = await stranger.Client.PostFormAsync(url, fields, formPage: "/employer", htmx: false);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, url);
        }
        var list = await stranger.Client.PageAsync("/employer/jobs/box", htmx: true);
        Assert.DoesNotContain("介護職員（デイサービス）", list.Html);
        Assert.Equal(JobStatus.Open, (await JobAsync(app, id)).Status);
    }

    [Fact, Trait("Rule", "ACC-10")]
    public async Task A_second_login_of_the_establishment_sees_and_edits_the_same_job()
    {
        var employer = await EmployerAsync(app);
        var id = await StartAsync(employer.Client, Steps()["work"], go: "draft");
        var (_, colleague) = await ColleagueAsync(app, employer);

        var box = await colleague.PageAsync("/employer/jobs/box", htmx: true);
        Assert.Equal(["介護職員（デイサービス）"], box.Texts($".job-line[data-job='{id}'] > a:first-child"));
        using var saved = await PostStepAsync(colleague, id, "work", [new("Title", "介護職員（同僚が修正）"), new("OccupationCode", "0801")], go: "draft");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await employer.Client.PageAsync($"/employer/jobs/{id}");
        Assert.Equal("介護職員（同僚が修正）", page.Text("h1"));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_employer_withdraws_an_open_job_after_confirming()
    {
        var employer = await EmployerAsync(app);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);
        Assert.Equal(HttpStatusCode.Redirect, (await employer.Client.GetAsync($"/employer/jobs/{id}/withdraw")).StatusCode); // not open yet
        await AcceptAsync(staff, id);

        var confirm = await employer.Client.PageAsync($"/employer/jobs/{id}/withdraw");
        Assert.Contains("取り下げます", confirm.Text("#job-withdraw-confirm p"));
        Assert.Equal(JobStatus.Open, (await JobAsync(app, id)).Status);
        var done = await employer.Client.PostFormPageAsync($"/employer/jobs/{id}/withdraw", [], formPage: "/employer", htmx: false);

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal("取下げ", done.Text(".job-status"));
        var job = await JobAsync(app, id);
        Assert.Equal(JobStatus.Withdrawn, job.Status);
        Assert.True(Math.Abs((job.ClosedAt!.Value - app.Clock.UtcNow).Ticks) < 10);
        Assert.False(done.Has("#job-withdraw"));
    }
}

public sealed class FileJobTestsOnSqlite(JobsSqliteApp app) : FileJobTests(app), IClassFixture<JobsSqliteApp>;

public sealed class FileJobTestsOnPostgres(JobsPostgresApp app) : FileJobTests(app), IClassFixture<JobsPostgresApp>;
