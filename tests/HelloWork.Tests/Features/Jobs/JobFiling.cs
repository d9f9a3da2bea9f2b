using System.Collections.Concurrent;
using System.Net;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelloWork.Tests.Features.Jobs;

/// <summary>Records every IJobAccepted call, to prove the hook is called once, after the commit.</summary>
public sealed class RecordingJobAccepted(Func<IServiceProvider> services) : IJobAccepted
{
    public ConcurrentQueue<(long JobId, HelloWork.Web.Features.Jobs.JobStatus StatusSeen)> Calls { get; } = new();

    public async Task JobAcceptedAsync(long jobId, DateTime now, CancellationToken ct)
    {
        // What another connection sees at the call: the acceptance is committed.
        using var scope = services().CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var status = await db.Set<Job>().Where(j => j.Id == jobId).Select(j => j.Status).SingleAsync(ct);
        Calls.Enqueue((jobId, status));
    }
}

/// <summary>The app of the job tests: a recording IJobAccepted hook registered beside the app's own (none yet).</summary>
public abstract class JobsApp : HelloWorkApp
{
    private RecordingJobAccepted? _hook;
    public RecordingJobAccepted Hook => _hook ?? throw new InvalidOperationException("not started");

    protected override void AddTestServices(IServiceCollection services)
    {
        _hook = new RecordingJobAccepted(() => Services);
        services.AddSingleton<IJobAccepted>(_hook);
    }
}

public sealed class JobsSqliteApp : JobsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class JobsPostgresApp : JobsApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed record Employer(AppUser User, UserClient Client, Establishment Establishment, Office Office);

/// <summary>Test helpers: offices, establishments of an office, staff of an office, the step forms as the pages post them.</summary>
public static class JobFiling
{
    private static int _next = Random.Shared.Next(0, 40_000);

    /// <summary>A new office with a code no other test uses (prefecture 01–40, three digits).</summary>
    public static async Task<Office> OfficeAsync(HelloWorkApp app)
    {
        var n = Interlocked.Increment(ref _next) % 40_000;
        var prefecture = (n / 1000 + 1).ToString("D2");
        var office = Office.Create($"{prefecture}{n % 1000:D3}", $"テスト職安{n}", $"Test office {n}", prefecture);
        await app.WithDbAsync(async db => { db.Add(office); await db.SaveChangesAsync(); });
        return office;
    }

    public static async Task<Employer> EmployerAsync(HelloWorkApp app, Office? office = null, string name = "株式会社テスト介護")
    {
        office ??= await OfficeAsync(app);
        var est = Establishment.Create($"9{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-{Random.Shared.Next(0, 9)}", name, "東京都", "新宿区", app.Clock.UtcNow);
        est.AssignOffice(office.Id);
        await app.WithDbAsync(async db => { db.Add(est); await db.SaveChangesAsync(); });
        var user = await Messages.Messaging.EmployerAsync(app, est.Id, name + " 採用担当");
        return new Employer(user, await app.SignInAsync(user), est, office);
    }

    /// <summary>A second login of the same establishment (ACC-10).</summary>
    public static async Task<(AppUser User, UserClient Client)> ColleagueAsync(HelloWorkApp app, Employer employer)
    {
        var user = await Messages.Messaging.EmployerAsync(app, employer.Establishment.Id, "同僚 二郎");
        return (user, await app.SignInAsync(user));
    }

    public static async Task<(AppUser User, UserClient Client)> StaffAsync(HelloWorkApp app, Office office)
    {
        var (user, client) = await app.SignedInAsync(UserKind.Staff, "職員 三郎");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.OfficeId, office.Id)));
        return (user, client);
    }

    public static Dictionary<string, KeyValuePair<string, string>[]> Steps(string occupation = "0801", string type = "Regular", string city = "13104",
        string address = "西新宿2-8-1", bool selfApplication = true) => new()
    {
        ["work"] = [new("Title", "介護職員（デイサービス）"), new("OccupationCode", occupation), new("Description", "入浴・食事介助。\n未経験歓迎。")],
        ["place"] = [new("PrefectureCode", city[..2]), new("CityCode", city), new("Address", address)],
        ["terms"] = [new("Schedule", "FullTime"), new("EmploymentType", type), new("WageMin", "210000"), new("WageMax", "260000"), new("WageUnit", "Monthly")],
        ["hours"] = [new("HoursFrom", "09:00"), new("HoursTo", "18:00"), new("HoursNote", "休憩60分"), new("DaysOff", "土日祝")],
        ["apply"] =
        [
            new("DocPost", "true"), new("DocMyPage", "true"), new("SelDocuments", "true"), new("SelInterview", "true"),
            new("SelectionNote", "面接は1回です。"), new("ReferralDeadline", "2030-12-31"), new("Openings", "2"),
            new("RequiredExperience", "不問"), new("RequiredLicenses", "普通自動車免許"), new("SelfApplication", selfApplication ? "true" : "false"),
        ],
    };

    /// <summary>Posts a step as the page does without script (the redirect is the answer).</summary>
    public static Task<HttpResponseMessage> PostStepAsync(UserClient client, long id, string step, IEnumerable<KeyValuePair<string, string>> fields, string go = "next") =>
        client.PostFormAsync($"/employer/jobs/{id}/steps/{step}", [.. fields, new("Go", go)], formPage: "/employer", htmx: false);

    public static Task<Page> PostStepPageAsync(UserClient client, long id, string step, IEnumerable<KeyValuePair<string, string>> fields, string go = "next") =>
        client.PostFormPageAsync($"/employer/jobs/{id}/steps/{step}", [.. fields, new("Go", go)], formPage: "/employer", htmx: false);

    /// <summary>Starts a job with the first step and gives its id.</summary>
    public static async Task<long> StartAsync(UserClient client, IEnumerable<KeyValuePair<string, string>> work, string go = "next")
    {
        using var response = await client.PostFormAsync("/employer/jobs", [.. work, new("Go", go)], formPage: "/employer", htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location.Split('/')[3].Split('?')[0]);
    }

    /// <summary>Every step filled in as <paramref name="steps"/> says; the job's id.</summary>
    public static async Task<long> FileAsync(UserClient client, Dictionary<string, KeyValuePair<string, string>[]>? steps = null)
    {
        steps ??= Steps();
        var id = await StartAsync(client, steps["work"]);
        foreach (var step in new[] { "place", "terms", "hours", "apply" })
        {
            using var response = await PostStepAsync(client, id, step, steps[step]);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"step {step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return id;
    }

    public static Task<Page> SubmitAsync(UserClient client, long id) =>
        client.PostFormPageAsync($"/employer/jobs/{id}/submit", [], formPage: "/employer", htmx: false);

    public static async Task<long> SubmittedAsync(UserClient client, Dictionary<string, KeyValuePair<string, string>[]>? steps = null)
    {
        var id = await FileAsync(client, steps);
        var page = await SubmitAsync(client, id);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return id;
    }

    public static Task<Page> AcceptAsync(UserClient staff, long id) =>
        staff.PostFormPageAsync($"/staff/jobs/{id}/accept", [], formPage: "/staff", htmx: false);

    public static Task<Page> ReturnAsync(UserClient staff, long id, string reason) =>
        staff.PostFormPageAsync($"/staff/jobs/{id}/return", [new("Reason", reason)], formPage: "/staff", htmx: false);

    public static Task<Job> JobAsync(HelloWorkApp app, long id) => app.WithDbAsync(db => db.Set<Job>().AsNoTracking().SingleAsync(j => j.Id == id));
}
