using System.Net;
using System.Threading.Channels;
using HelloWork.Web.Audit;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Jobs.JobFiling;

namespace HelloWork.Tests.Features.Jobs;

public abstract class ReviewJobTests(JobsApp app)
{
    /// <summary>The same instant as far as the database keeps it (PostgreSQL: microseconds).</summary>
    private static void Same(DateTime expected, DateTime? stored) =>
        Assert.True(stored is { } s && Math.Abs((s - expected).Ticks) < 10, $"{stored:O} is not {expected:O}");

    [Fact, Trait("Rule", "JOB-1")]
    public async Task Staff_of_the_office_see_the_submitted_job_and_accept_it_under_a_number_with_the_office_code()
    {
        var employer = await EmployerAsync(app);
        var (staffUser, staff) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);

        var queue = await staff.PageAsync("/staff/jobs");
        Assert.Equal(["介護職員（デイサービス）"], queue.Texts($"#job-queue .job-line[data-job='{id}'] a"));
        var review = await staff.PageAsync($"/staff/jobs/{id}");
        Assert.Equal("西新宿2-8-1", review.Text(".job-field[data-field='Address'] dd"));
        Assert.Equal("普通自動車免許", review.Text(".job-field[data-field='RequiredLicenses'] dd"));
        Assert.Equal(21, review.Document.QuerySelectorAll(".job-field").Length);

        var done = await AcceptAsync(staff, id);

        Assert.Equal(HttpStatusCode.OK, done.Status);
        var job = await JobAsync(app, id);
        Assert.Matches($"^{employer.Office.Code}-[0-9]{{8}}$", job.Number);
        Assert.True(Job.IsNumber(job.Number));
        Assert.Equal($"受理しました。求人番号は {job.Number} です。", done.Text(".success"));
        Assert.Equal((JobStatus.Open, staffUser.Id), (job.Status, job.AcceptedBy));
        Same(app.Clock.UtcNow, job.AcceptedAt);
        Same(HelloWork.Web.Domain.JapanTime.EndOfSecondMonthAfter(app.Clock.UtcNow), job.ValidUntil); // 翌々月末
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(e => e.ActorId == staffUser.Id && e.Action == "job.accept"));
        Assert.Contains(job.Number!, audit.Detail);
        var employerPage = await employer.Client.PageAsync($"/employer/jobs/{id}");
        Assert.Equal(("公開中", job.Number), (employerPage.Text(".job-status"), employerPage.Text(".job-number")));
        Assert.Empty((await staff.PageAsync("/staff/jobs")).Texts($".job-line[data-job='{id}']"));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task Two_acceptances_give_two_numbers_that_follow_each_other()
    {
        var employer = await EmployerAsync(app);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var a = await SubmittedAsync(employer.Client);
        var b = await SubmittedAsync(employer.Client, Steps(occupation: "0601"));

        await AcceptAsync(staff, a);
        await AcceptAsync(staff, b);

        var numbers = new[] { (await JobAsync(app, a)).Number!, (await JobAsync(app, b)).Number! };
        Assert.Equal(long.Parse(numbers[0][6..]) + 1, long.Parse(numbers[1][6..]));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_IJobAccepted_hooks_are_called_once_after_the_acceptance_is_committed()
    {
        var employer = await EmployerAsync(app);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);

        await AcceptAsync(staff, id);
        await AcceptAsync(staff, id); // a second try is refused and calls nothing

        Assert.Equal([(id, JobStatus.Open)], app.Hook.Calls.Where(c => c.JobId == id));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task Two_staff_accepting_the_same_job_at_once_give_it_one_number_and_call_the_hooks_once()
    {
        var employer = await EmployerAsync(app);
        var (_, first) = await StaffAsync(app, employer.Office);
        var (_, second) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);
        var serialBefore = await app.WithDbAsync(db => db.Set<Office>().Where(o => o.Id == employer.Office.Id).Select(o => o.LastJobSerial).SingleAsync());

        var pages = await Task.WhenAll(AcceptAsync(first, id), AcceptAsync(second, id));

        var job = await JobAsync(app, id);
        var serialAfter = await app.WithDbAsync(db => db.Set<Office>().Where(o => o.Id == employer.Office.Id).Select(o => o.LastJobSerial).SingleAsync());
        Assert.Equal(JobStatus.Open, job.Status);
        Assert.Equal(serialBefore + 1, serialAfter); // the loser took no serial
        Assert.Equal(Job.NumberOf(employer.Office.Code, serialAfter), job.Number);
        Assert.Single(pages, p => p.Html.Contains(job.Number!, StringComparison.Ordinal) && p.Status == HttpStatusCode.OK);
        // The other is refused: 409 when the two overlapped (its claim found the job taken), 422 when it
        // came after the first had committed (the job was no longer submitted when it was read).
        Assert.Single(pages, p => p.Status is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity);
        Assert.Equal([(id, JobStatus.Open)], app.Hook.Calls.Where(c => c.JobId == id));
    }

    [Fact, Trait("Rule", "ACC-11")]
    public async Task Staff_of_another_office_get_404_for_the_job_and_do_not_see_it_queued()
    {
        var employer = await EmployerAsync(app);
        var id = await SubmittedAsync(employer.Client);
        var (_, other) = await StaffAsync(app, await OfficeAsync(app));

        Assert.Equal(HttpStatusCode.NotFound, (await other.PageAsync($"/staff/jobs/{id}")).Status);
        using var accept = await other.PostFormAsync($"/staff/jobs/{id}/accept", [], formPage: "/staff", htmx: false);
        using var back = await other.PostFormAsync($"/staff/jobs/{id}/return", [new("Reason", "理由")], formPage: "/staff", htmx: false);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (accept.StatusCode, back.StatusCode));
        Assert.Empty((await other.PageAsync("/staff/jobs/list", htmx: true)).Texts($".job-line[data-job='{id}']"));
        Assert.Equal(JobStatus.Submitted, (await JobAsync(app, id)).Status);
        // Employers cannot reach the staff's pages at all.
        Assert.Equal(HttpStatusCode.NotFound, (await employer.Client.PageAsync($"/staff/jobs/{id}")).Status);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task A_returned_job_shows_the_staffs_reason_and_can_be_edited_and_submitted_again()
    {
        var employer = await EmployerAsync(app);
        var (staffUser, staff) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);
        Assert.Equal(HttpStatusCode.Redirect, (await employer.Client.GetAsync($"/employer/jobs/{id}/steps/work")).StatusCode); // not editable while submitted

        var empty = await ReturnAsync(staff, id, "  ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.Status);
        Assert.Equal("入力してください。", empty.Text("#job-return-reason-error"));
        var returned = await ReturnAsync(staff, id, "賃金の上限を実態に合わせてください。");
        Assert.Equal(HttpStatusCode.OK, returned.Status);

        var page = await employer.Client.PageAsync($"/employer/jobs/{id}");
        Assert.Equal("差し戻し", page.Text(".job-status"));
        Assert.Equal("賃金の上限を実態に合わせてください。", page.Text("#job-return-reason .reason"));
        var form = await employer.Client.PageAsync($"/employer/jobs/{id}/steps/terms");
        Assert.Equal("賃金の上限を実態に合わせてください。", form.Text("#job-return-reason .reason"));
        using var edited = await PostStepAsync(employer.Client, id, "terms",
            [new("Schedule", "FullTime"), new("EmploymentType", "Regular"), new("WageMin", "210000"), new("WageMax", "240000"), new("WageUnit", "Monthly")], go: "draft");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(employer.Client, id)).Status);

        var job = await JobAsync(app, id);
        Assert.Equal((JobStatus.Submitted, 240000, (string?)null), (job.Status, job.WageMax, job.ReturnReason));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.ActorId == staffUser.Id && e.Action == "job.return")));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task An_open_job_becomes_invalid_only_after_the_end_of_the_second_month_after_acceptance()
    {
        var employer = await EmployerAsync(app);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);
        await AcceptAsync(staff, id);
        var validUntil = (await JobAsync(app, id)).ValidUntil!.Value;

        app.Clock.Advance(validUntil - app.Clock.GetUtcNow().UtcDateTime); // the last tick of 翌々月末
        await app.RunTimedRulesAsync();
        Assert.Equal(JobStatus.Open, (await JobAsync(app, id)).Status);

        // The sign-in of two months ago has ended: the employer's page of now is a new one.
        var client = await app.SignInAsync(employer.User);
        var pushes = Channel.CreateUnbounded<long>();
        await using var connection = LiveConnections.OverTestServer(app.Server, client.CookieHeader);
        connection.On<long>("JobChanged", j => pushes.Writer.TryWrite(j));
        await connection.StartAsync();
        app.Clock.Advance(TimeSpan.FromMicroseconds(1)); // the first instant of the month after (as finely as PostgreSQL keeps time)
        await app.RunTimedRulesAsync();
        var job = await JobAsync(app, id);
        Assert.Equal(JobStatus.Invalid, job.Status);
        Same(app.Clock.UtcNow, job.ClosedAt);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(id, await pushes.Reader.ReadAsync(timeout.Token));
        var box = await client.PageAsync("/employer/jobs/box", htmx: true);
        Assert.Equal("無効", box.Text($".job-line[data-job='{id}'] .job-status"));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_expiry_rule_works_through_more_jobs_than_one_batch()
    {
        var employer = await EmployerAsync(app);
        var count = JobExpiry.BatchSize + 3;
        var now = app.Clock.UtcNow;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var job = Job.Start(employer.Establishment, employer.Office.Id, new JobPosting { Title = $"大量{i}" }, now);
                job.Submit(now);
                job.Accept(Job.NumberOf(employer.Office.Code, 90_000_000 + i), Guid.NewGuid(), "テスト", now);
                db.Add(job);
            }
            await db.SaveChangesAsync();
        });
        var until = JobStatus.Open;
        app.Clock.Advance(TimeSpan.FromDays(100));

        var acted = await app.RunTimedRulesAsync();

        Assert.True(acted["jobs.expire"] >= count);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Job>().CountAsync(j => j.EstablishmentId == employer.Establishment.Id && j.Status == until)));
    }

    [Fact, Trait("Rule", "ACC-10")]
    public async Task Submitting_and_accepting_are_pushed_to_every_login_of_the_establishment_and_the_offices_staff()
    {
        var employer = await EmployerAsync(app);
        var (_, colleague) = await ColleagueAsync(app, employer);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var (_, otherStaff) = await StaffAsync(app, await OfficeAsync(app));
        var changed = Channel.CreateUnbounded<long>();
        var queued = Channel.CreateUnbounded<long>();
        var strayQueued = Channel.CreateUnbounded<long>();
        await using var colleagueLive = LiveConnections.OverTestServer(app.Server, colleague.CookieHeader);
        await using var staffLive = LiveConnections.OverTestServer(app.Server, staff.CookieHeader);
        await using var otherLive = LiveConnections.OverTestServer(app.Server, otherStaff.CookieHeader);
        colleagueLive.On<long>("JobChanged", j => changed.Writer.TryWrite(j));
        staffLive.On<long>("JobQueueChanged", j => queued.Writer.TryWrite(j));
        otherLive.On<long>("JobQueueChanged", j => strayQueued.Writer.TryWrite(j));
        await Task.WhenAll(colleagueLive.StartAsync(), staffLive.StartAsync(), otherLive.StartAsync());
        var id = await FileAsync(employer.Client);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (changed.Reader.TryRead(out _)) { } // the saves of the steps were pushed too

        await SubmitAsync(employer.Client, id);
        Assert.Equal(id, await changed.Reader.ReadAsync(timeout.Token));
        Assert.Equal(id, await queued.Reader.ReadAsync(timeout.Token));
        var box = await staff.PageAsync("/staff/jobs/box", htmx: true);
        Assert.Contains("介護職員（デイサービス）", box.Texts($".job-line[data-job='{id}'] a"));

        await AcceptAsync(staff, id);
        Assert.Equal(id, await changed.Reader.ReadAsync(timeout.Token));
        Assert.Equal(id, await queued.Reader.ReadAsync(timeout.Token));
        var employerBox = await colleague.PageAsync("/employer/jobs/box", htmx: true);
        Assert.Equal("公開中", employerBox.Text($".job-line[data-job='{id}'] .job-status"));
        Assert.False(strayQueued.Reader.TryRead(out _));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public async Task The_homes_carry_live_boxes_that_refetch_on_their_own_events()
    {
        var employer = await EmployerAsync(app);
        var (_, staff) = await StaffAsync(app, employer.Office);
        var id = await SubmittedAsync(employer.Client);

        var home = await employer.Client.PageAsync("/employer");
        var box = home.Document.QuerySelector("#employer-jobs")!;
        Assert.Equal("/employer/jobs/box", box.GetAttribute("hx-get"));
        Assert.Contains("job-changed from:body", box.GetAttribute("hx-trigger"));
        Assert.Equal("受理待ち", home.Text($"#employer-jobs .job-line[data-job='{id}'] .job-status"));

        var staffHome = await staff.PageAsync("/staff");
        var queue = staffHome.Document.QuerySelector("#staff-queue")!;
        Assert.Equal("/staff/jobs/box", queue.GetAttribute("hx-get"));
        Assert.Contains("job-queue-changed from:body", queue.GetAttribute("hx-trigger"));
        Assert.Equal("受理待ち 1件", staffHome.Text("#staff-queue .queue-count"));
        Assert.True(staffHome.Has("a[href='/staff/jobs']"));
    }
}

public sealed class ReviewJobTestsOnSqlite(JobsSqliteApp app) : ReviewJobTests(app), IClassFixture<JobsSqliteApp>;

public sealed class ReviewJobTestsOnPostgres(JobsPostgresApp app) : ReviewJobTests(app), IClassFixture<JobsPostgresApp>;
