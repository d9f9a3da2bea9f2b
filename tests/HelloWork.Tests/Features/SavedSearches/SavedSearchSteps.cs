using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using HelloWork.Web.Features.SavedSearches;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.Features.SavedSearches;

/// <summary>Test helpers: accepted jobs made through the domain (as the demo seeder does), saved searches saved through the page.</summary>
public static class SavedSearchSteps
{
    private static int _addresses;

    public static JobPosting Posting(string title, string prefecture = "13", string? city = "13104", string description = "仕事内容です。",
        JobSchedule schedule = JobSchedule.FullTime, string? occupation = "0801") => new()
    {
        Title = title,
        Description = description,
        OccupationCode = occupation,
        PrefectureCode = prefecture,
        CityCode = city,
        Address = $"テスト町1-2-{Interlocked.Increment(ref _addresses)}", // one job per occupation × workplace × type (JOB-1): each posting its own workplace
        Schedule = schedule,
        EmploymentType = EmploymentType.Regular,
        WageMin = 200000,
        WageMax = 250000,
        WageUnit = WageUnit.Monthly,
        WorkplaceNamed = true,
    };

    /// <summary>A job filed, submitted and accepted now (Job.Start, Submit, Accept with a serial from JobSerials), not yet told to anyone.</summary>
    public static async Task<Job> AcceptedJobAsync(HelloWorkApp app, JobPosting posting, string employerName = "株式会社テスト介護")
    {
        var now = app.Clock.UtcNow;
        return await app.WithDbAsync(async db =>
        {
            var office = await db.Set<Office>().SingleOrDefaultAsync(o => o.Code == "13010");
            if (office is null)
            {
                office = Office.Create("13010", "飯田橋公共職業安定所", "Iidabashi", "13");
                db.Add(office);
                await db.SaveChangesAsync();
            }
            var est = Establishment.Create($"9{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-{Random.Shared.Next(0, 9)}", employerName, "東京都", "新宿区", now);
            est.AssignOffice(office.Id);
            db.Add(est);
            var job = Job.Start(est, office.Id, posting, now);
            job.Submit(now);
            job.Accept(Job.NumberOf(office.Code, await JobSerials.TakeAsync(db, office.Id, default)), Guid.NewGuid(), est.Name, now);
            db.Add(job);
            await db.SaveChangesAsync();
            return job;
        });
    }

    /// <summary>The acceptance hook as the acceptance endpoint calls it: every registered IJobAccepted, in a request-like scope.</summary>
    public static async Task TellAcceptedAsync(HelloWorkApp app, Job job)
    {
        using var scope = app.Services.CreateScope();
        foreach (var hook in scope.ServiceProvider.GetServices<IJobAccepted>())
        {
            await hook.JobAcceptedAsync(job.Id, app.Clock.UtcNow, default);
        }
    }

    /// <summary>An accepted job, told to the hooks.</summary>
    public static async Task<Job> AcceptAsync(HelloWorkApp app, JobPosting posting, string employerName = "株式会社テスト介護")
    {
        var job = await AcceptedJobAsync(app, posting, employerName);
        await TellAcceptedAsync(app, job);
        return job;
    }

    public static Task<Page> SaveAsync(UserClient client, string query, string name) =>
        client.PostFormPageAsync("/mypage/searches", [new("Name", name), new("Query", query)], formPage: "/mypage/searches/new?" + query, htmx: false);

    /// <summary>Saves a search through the page and gives its id (asserting it worked).</summary>
    public static async Task<long> SavedAsync(HelloWorkApp app, AppUser seeker, UserClient client, string query, string name)
    {
        var page = await SaveAsync(client, query, name);
        Assert.True(page.Status == HttpStatusCode.Redirect, $"{page.Status}: {page.Html}");
        return await app.WithDbAsync(db => db.Set<SavedSearch>().Where(s => s.SeekerId == seeker.Id && s.Name == name).Select(s => s.Id).SingleAsync());
    }

    public static Task<SavedSearch> SearchAsync(HelloWorkApp app, long id) =>
        app.WithDbAsync(db => db.Set<SavedSearch>().AsNoTracking().SingleAsync(s => s.Id == id));

    public static Task InvalidateRegistrationAsync(HelloWorkApp app, AppUser seeker) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == seeker.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.RegistrationValidUntil, app.Clock.UtcNow.AddDays(-1))));
}
