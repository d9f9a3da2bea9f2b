using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;

namespace HelloWork.Tests.Features.Jobs;

public sealed class JobValidityTests
{
    private static readonly Guid Staff = Guid.NewGuid();

    private static DateTime Jst(int y, int m, int d, int h, int min) =>
        new DateTimeOffset(y, m, d, h, min, 0, TimeSpan.FromHours(9)).UtcDateTime;

    private static Job Submitted(DateTime now, JobPosting? posting = null)
    {
        var establishment = Establishment.Create("1301-000001-1", "テスト介護", "東京都", "新宿区", now);
        var job = Job.Start(establishment, 1, posting ?? new JobPosting { Title = "介護職員", Description = "入浴介助", EmploymentType = EmploymentType.Regular }, now);
        job.Submit(now);
        return job;
    }

    [Theory, Trait("Rule", "JOB-1")]
    [InlineData(2026, 11, 24, 10, 0, 2027, 1, 31)]
    [InlineData(2026, 11, 30, 23, 30, 2027, 1, 31)] // the last minutes of November in Japan
    [InlineData(2026, 12, 1, 0, 30, 2027, 2, 28)]   // 1 Dec 00:30 JST is 30 Nov in UTC: Japan's date decides
    [InlineData(2027, 12, 15, 9, 0, 2028, 2, 29)]   // leap year
    public void An_accepted_job_is_valid_to_the_end_of_the_second_month_after_in_Japan_time(
        int y, int m, int d, int h, int min, int ey, int em, int ed)
    {
        var job = Submitted(Jst(y, m, d, h, min));

        job.Accept("13010-00000001", Staff, "テスト介護", Jst(y, m, d, h, min));

        Assert.Equal(JobStatus.Open, job.Status);
        var lastInstant = new DateTimeOffset(ey, em, ed, 0, 0, 0, TimeSpan.FromHours(9)).AddDays(1).UtcDateTime.AddTicks(-1);
        Assert.Equal(lastInstant, job.ValidUntil);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public void A_job_is_accepted_only_once_and_only_after_it_was_submitted()
    {
        var now = Jst(2026, 11, 24, 10, 0);
        var job = Submitted(now);
        job.Accept("13010-00000001", Staff, "テスト介護", now);

        Assert.Equal("jobs.error.not-submitted", Assert.Throws<DomainException>(() => job.Accept("13010-00000002", Staff, "テスト介護", now)).Key);
        Assert.Equal("13010-00000001", job.Number);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public void A_job_becomes_invalid_only_after_its_validity_ends()
    {
        var now = Jst(2026, 11, 24, 10, 0);
        var job = Submitted(now);
        job.Accept("13010-00000001", Staff, "テスト介護", now);

        Assert.Throws<DomainException>(() => job.Expire(job.ValidUntil!.Value));
        job.Expire(job.ValidUntil!.Value.AddTicks(1));

        Assert.Equal(JobStatus.Invalid, job.Status);
        Assert.False(job.IsPublicAt(job.ValidUntil!.Value));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public void A_returned_job_carries_the_reason_and_can_be_edited_and_submitted_again()
    {
        var now = Jst(2026, 11, 24, 10, 0);
        var job = Submitted(now);

        job.Return("賃金の単位を確認してください。", now);
        job.Edit(job.Posting with { WageUnit = WageUnit.Hourly }, now);
        job.Submit(now);

        Assert.Equal(JobStatus.Submitted, job.Status);
        Assert.Null(job.ReturnReason);
        Assert.Equal(WageUnit.Hourly, job.WageUnit);
    }

    [Theory, Trait("Rule", "JOB-2")]
    [InlineData(EmploymentType.Dispatch, true)]
    [InlineData(EmploymentType.Contract, true)]
    [InlineData(EmploymentType.Regular, false)]
    public void Self_application_is_refused_for_dispatch_contract_and_unnamed_workplace_jobs(EmploymentType type, bool named)
    {
        var now = Jst(2026, 11, 24, 10, 0);
        var establishment = Establishment.Create("1301-000001-1", "テスト", "東京都", "新宿区", now);
        var posting = new JobPosting { Title = "作業員", EmploymentType = type, WorkplaceNamed = named, SelfApplication = true };

        Assert.Equal("jobs.error.self-application-not-allowed",
            Assert.Throws<DomainException>(() => Job.Start(establishment, 1, posting, now)).Key);
        Assert.False(Job.Start(establishment, 1, posting with { SelfApplication = false }, now).SelfApplication);
    }

    [Theory, Trait("Rule", "JOB-1")]
    [InlineData("13010-12345678", true)]
    [InlineData("13010-1234567", false)]
    [InlineData("1301012345678", false)]
    [InlineData("１3010-12345678", false)]
    public void A_job_number_is_five_digits_a_hyphen_and_eight_digits(string text, bool valid)
    {
        Assert.Equal(valid, Job.IsNumber(text));
        Assert.Equal("13010-00000042", Job.NumberOf("13010", 42));
    }
}
