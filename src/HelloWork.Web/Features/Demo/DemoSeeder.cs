using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Demo;

public sealed record DemoAccount(string Kind, string Email, string Password, string Name);

/// <summary>The demo logins; listed on the login pages only where DevTools.DemoLogins allows (SEC-1).</summary>
public sealed class DemoAccounts
{
    public const string Password = "Demo-pass1";

    public IReadOnlyList<DemoAccount> All { get; } =
    [
        new("staff", "staff@demo.hellowork.example", Password, "職員 一郎"),
        new("seeker", "seeker1@demo.hellowork.example", Password, "山田 花子"),
        new("seeker", "seeker2@demo.hellowork.example", Password, "佐藤 健太"),
        new("employer", "employer1@demo.hellowork.example", Password, "株式会社みどり介護 採用担当"),
        new("employer", "employer2@demo.hellowork.example", Password, "東西物流株式会社 人事部"),
    ];

    public IReadOnlyList<DemoAccount> For(bool staff) => All.Where(a => (a.Kind == "staff") == staff).ToList();
}

/// <summary>Seeds the demo data once (it does nothing when the demo staff login exists).</summary>
public sealed class DemoSeeder(AppDb db, UserManager<AppUser> users, DemoAccounts demo, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Email == demo.All[0].Email, ct))
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var tokyo = Office.Create("13010", "飯田橋公共職業安定所", "Iidabashi Public Employment Security Office", "13");
        var osaka = Office.Create("27010", "大阪東公共職業安定所", "Osaka-Higashi Public Employment Security Office", "27");
        db.Set<Office>().AddRange(tokyo, osaka);
        await db.SaveChangesAsync(ct);
        var care = Establishment.Create("1301-000001-1", "株式会社みどり介護", "東京都", "新宿区", now);
        var logistics = Establishment.Create("2701-000002-2", "東西物流株式会社", "大阪府", "大阪市", now);
        care.AssignOffice(tokyo.Id);
        logistics.AssignOffice(osaka.Id);
        db.Set<Establishment>().AddRange(care, logistics);
        await db.SaveChangesAsync(ct);

        AppUser? staff = null;
        foreach (var account in demo.All)
        {
            var kind = account.Kind switch { "staff" => UserKind.Staff, "seeker" => UserKind.Seeker, _ => UserKind.Employer };
            var user = AppUser.Create(kind, account.Email, account.Name, now);
            if (kind == UserKind.Employer)
            {
                user.JoinEstablishment(account.Email.StartsWith("employer1", StringComparison.Ordinal) ? care.Id : logistics.Id);
            }
            else
            {
                user.AssignOffice(tokyo.Id);
            }
            staff ??= kind == UserKind.Staff ? user : null;
            var result = await users.CreateAsync(user, account.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account not created: " + string.Join(", ", result.Errors.Select(e => e.Code)));
            }
        }

        var postings = new (Establishment Where, Office Office, JobPosting Posting)[]
        {
            (care, tokyo, Demo("介護職員（デイサービス）", "0801", "デイサービスでの入浴・食事介助、レクリエーション。未経験歓迎、資格取得支援あり。", "13", "13104", JobSchedule.FullTime, EmploymentType.Regular, 210000, 260000, WageUnit.Monthly, now)),
            (care, tokyo, Demo("介護職員（パート・日勤のみ）", "0801", "特別養護老人ホームでの生活援助。週3日から可。", "13", "13104", JobSchedule.PartTime, EmploymentType.NonRegular, 1250, 1400, WageUnit.Hourly, now)),
            (care, tokyo, Demo("一般事務", "0601", "請求書作成、電話応対、データ入力。", "13", "13104", JobSchedule.FullTime, EmploymentType.Regular, 190000, 220000, WageUnit.Monthly, now)),
            (logistics, osaka, Demo("倉庫内軽作業", "1501", "ピッキング、検品、梱包。空調完備。", "27", "27128", JobSchedule.PartTime, EmploymentType.NonRegular, 1150, 1300, WageUnit.Hourly, now)),
            (logistics, osaka, Demo("配送ドライバー（中型）", "1301", "ルート配送。中型免許必須。", "27", "27100", JobSchedule.FullTime, EmploymentType.Regular, 260000, 320000, WageUnit.Monthly, now)),
        };
        var jobs = new Job[postings.Length];
        for (var i = 0; i < postings.Length; i++)
        {
            var (where, office, posting) = postings[i];
            var job = Job.Start(where, office.Id, posting, now);
            job.Submit(now);
            job.Accept(Job.NumberOf(office.Code, await JobSerials.TakeAsync(db, office.Id, ct)), staff!.Id, where.Name, now);
            jobs[i] = job;
        }
        db.Set<Job>().AddRange(jobs);
        // One job submitted and not yet accepted, so that the demo staff's queue (飯田橋) is not empty.
        var waiting = Job.Start(care, tokyo.Id, Demo("看護職員（訪問看護）", "0401", "利用者宅を訪問しての健康管理、医療的ケア。", "13", "13104",
            JobSchedule.FullTime, EmploymentType.Regular, 280000, 340000, WageUnit.Monthly, now), now);
        waiting.Submit(now);
        db.Set<Job>().Add(waiting);
        await db.SaveChangesAsync(ct);
        await SeedThreadsAsync(care, jobs, now, ct);
    }

    /// <summary>Two threads between seeker1 and employer1 (care), opened the way applications will open them.</summary>
    private static JobPosting Demo(string title, string occupation, string description, string prefecture, string city, JobSchedule schedule,
        EmploymentType type, int wageMin, int wageMax, WageUnit unit, DateTime now) => new()
    {
        Title = title,
        OccupationCode = occupation,
        Description = description,
        PrefectureCode = prefecture,
        CityCode = city,
        Address = "デモ町1-2-3",
        Schedule = schedule,
        EmploymentType = type,
        WageMin = wageMin,
        WageMax = wageMax,
        WageUnit = unit,
        HoursFrom = "09:00",
        HoursTo = "18:00",
        DaysOff = "土日祝",
        Openings = 2,
        DocumentMethods = DocumentMethods.MyPage | DocumentMethods.Post,
        SelectionMethods = SelectionMethods.Documents | SelectionMethods.Interview,
        ReferralDeadline = Domain.JapanTime.Today(now).AddDays(60),
        SelfApplication = true,
    };

    private async Task SeedThreadsAsync(Establishment care, Job[] jobs, DateTime now, CancellationToken ct)
    {
        var seeker = await db.Users.SingleAsync(u => u.Email == "seeker1@demo.hellowork.example", ct);
        var employer = await db.Users.SingleAsync(u => u.Email == "employer1@demo.hellowork.example", ct);
        var conversations = new[]
        {
            (Job: jobs[0], Lines: new[]
            {
                (employer, "ご応募ありがとうございます。面接の日程を調整させてください。"),
                (seeker, "ありがとうございます。平日の午前であれば伺えます。"),
                (employer, "では12月3日（水）10時はいかがでしょうか。場所は https://example.jp/access をご覧ください。"),
            }),
            (Job: jobs[1], Lines: new[] { (employer, "週3日勤務のご希望について確認させてください。") }),
        };
        foreach (var (job, lines) in conversations)
        {
            var thread = await Messages.OpenThread.ForAsync(db, Messages.ThreadSubject.Application, $"demo-{job.Id}",
                $"{job.Title}への応募", new(seeker.Id, care.Id), now, ct);
            foreach (var (from, text) in lines)
            {
                db.Add(thread.Post(from, text, Guid.NewGuid().ToString("N"), senderBlocked: false, now));
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
