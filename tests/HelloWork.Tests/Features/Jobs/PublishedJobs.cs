using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Jobs;

/// <summary>
/// Jobs for tests, made through the domain as the app makes them: an office and an establishment,
/// then Start, Submit and Accept under a serial taken by <see cref="JobSerials.TakeAsync"/>.
/// </summary>
public static class PublishedJobs
{
    private static int _addresses;

    private static int _offices = 100;

    /// <summary>A word no other test's job contains: searching for it finds only this test's jobs.</summary>
    public static string Marker() => "zq" + Guid.NewGuid().ToString("N")[..8];

    public sealed record Employer(Office Office, Establishment Establishment);

    public static async Task<Employer> EmployerAsync(HelloWorkApp app, string name = "株式会社みどり介護")
    {
        var office = Office.Create("13" + Interlocked.Increment(ref _offices).ToString("D3"), "飯田橋公共職業安定所", "Iidabashi", "13");
        var est = Establishment.Create($"1301-{Random.Shared.Next(100000, 999999)}-1", name, "東京都", "新宿区", app.Clock.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Add(office);
            await db.SaveChangesAsync();
            est.AssignOffice(office.Id);
            db.Add(est);
            await db.SaveChangesAsync();
        });
        return new Employer(office, est);
    }

    public static JobPosting Posting(string title, string? description = null) => new()
    {
        Title = title,
        OccupationCode = "0801",
        Description = description ?? "デイサービスでの入浴・食事介助。未経験歓迎。",
        PrefectureCode = "13",
        CityCode = "13104",
        Address = $"西新宿1-2-{Interlocked.Increment(ref _addresses)}", // one job per occupation × workplace × type (JOB-1): each posting its own workplace
        Schedule = JobSchedule.FullTime,
        EmploymentType = EmploymentType.Regular,
        WageMin = 210000,
        WageMax = 260000,
        WageUnit = WageUnit.Monthly,
        HoursFrom = "09:00",
        HoursTo = "18:00",
        HoursNote = "休憩60分",
        DaysOff = "土日祝",
        RequiredExperience = "不問",
        RequiredLicenses = "普通自動車免許",
        Openings = 2,
        DocumentMethods = DocumentMethods.MyPage | DocumentMethods.Post,
        SelectionMethods = SelectionMethods.Documents | SelectionMethods.Interview,
        SelectionNote = "面接は1回です。",
        ReferralDeadline = new DateOnly(2027, 1, 15),
        SelfApplication = true,
    };

    /// <summary>An accepted (open) job, accepted <paramref name="ago"/> before the test clock's now.</summary>
    public static async Task<Job> AcceptedAsync(HelloWorkApp app, Employer employer, JobPosting posting, TimeSpan? ago = null, Action<Job, DateTime>? then = null)
    {
        var at = app.Clock.UtcNow - (ago ?? TimeSpan.Zero);
        return await app.WithDbAsync(async db =>
        {
            var job = Job.Start(employer.Establishment, employer.Office.Id, posting, at);
            job.Submit(at);
            job.Accept(Job.NumberOf(employer.Office.Code, await JobSerials.TakeAsync(db, employer.Office.Id, default)), Guid.NewGuid(), employer.Establishment.Name, at);
            then?.Invoke(job, app.Clock.UtcNow);
            db.Add(job);
            await db.SaveChangesAsync();
            return job;
        });
    }

    /// <summary>A job saved but never accepted (a draft, or submitted): it has no number and is never public.</summary>
    public static Task<Job> UnacceptedAsync(HelloWorkApp app, Employer employer, JobPosting posting, bool submit) =>
        app.WithDbAsync(async db =>
        {
            var job = Job.Start(employer.Establishment, employer.Office.Id, posting, app.Clock.UtcNow);
            if (submit) job.Submit(app.Clock.UtcNow);
            db.Add(job);
            await db.SaveChangesAsync();
            return job;
        });

    /// <summary>A seeker signed in whose registration is invalid (ACC-9): it ended yesterday.</summary>
    public static async Task<(AppUser Seeker, UserClient Client)> InvalidSeekerAsync(HelloWorkApp app)
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker, "無効 太郎");
        var yesterday = app.Clock.UtcNow.AddDays(-1);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == seeker.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.RegistrationValidUntil, yesterday)));
        return (seeker, client);
    }
}
