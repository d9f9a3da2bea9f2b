using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Domain;
using HelloWork.Web;
using HelloWork.Web.Features.Jobs;

namespace HelloWork.Tests.Features.Jobs;

public sealed class JobValidityTests
{
    private static DateTime Jst(int y, int m, int d, int h, int min) =>
        new DateTimeOffset(y, m, d, h, min, 0, TimeSpan.FromHours(9)).UtcDateTime;

    [Theory, Trait("Rule", "JOB-1")]
    [InlineData(2026, 11, 24, 10, 0, 2027, 1, 31)]
    [InlineData(2026, 11, 30, 23, 30, 2027, 1, 31)] // the last minutes of November in Japan
    [InlineData(2026, 12, 1, 0, 30, 2027, 2, 28)]   // 1 Dec 00:30 JST is 30 Nov in UTC: Japan's date decides
    [InlineData(2027, 12, 15, 9, 0, 2028, 2, 29)]   // leap year
    public void An_accepted_job_is_valid_to_the_end_of_the_second_month_after_in_Japan_time(
        int y, int m, int d, int h, int min, int ey, int em, int ed)
    {
        var establishment = Establishment.Create("1301-000001-1", "テスト", "東京都", "新宿区", Jst(y, m, d, h, min));
        var job = Job.Draft(establishment, "13010-00000001", "介護職員", "説明", EmploymentType.FullTime, 200000, 250000, WageUnit.Monthly, Jst(y, m, d, h, min));

        job.Accept(Jst(y, m, d, h, min));

        Assert.Equal(JobStatus.Open, job.Status);
        var lastInstant = new DateTimeOffset(ey, em, ed, 0, 0, 0, TimeSpan.FromHours(9)).AddDays(1).UtcDateTime.AddTicks(-1);
        Assert.Equal(lastInstant, job.ValidUntil);
    }

    [Fact, Trait("Rule", "JOB-1")]
    public void A_job_is_accepted_only_once()
    {
        var now = Jst(2026, 11, 24, 10, 0);
        var establishment = Establishment.Create("1301-000001-1", "テスト", "東京都", "新宿区", now);
        var job = Job.Draft(establishment, "13010-00000001", "介護職員", "説明", EmploymentType.FullTime, 200000, 250000, WageUnit.Monthly, now);
        job.Accept(now);

        Assert.Equal("jobs.error.not-draft", Assert.Throws<DomainException>(() => job.Accept(now)).Key);
    }
}
