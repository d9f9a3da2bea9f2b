using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Jobs;
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
        var care = Establishment.Create("1301-000001-1", "株式会社みどり介護", "東京都", "新宿区", now);
        var logistics = Establishment.Create("2701-000002-2", "東西物流株式会社", "大阪府", "大阪市", now);
        db.Set<Establishment>().AddRange(care, logistics);
        await db.SaveChangesAsync(ct);

        foreach (var account in demo.All)
        {
            var kind = account.Kind switch { "staff" => UserKind.Staff, "seeker" => UserKind.Seeker, _ => UserKind.Employer };
            var user = AppUser.Create(kind, account.Email, account.Name, now);
            if (kind == UserKind.Employer)
            {
                user.JoinEstablishment(account.Email.StartsWith("employer1", StringComparison.Ordinal) ? care.Id : logistics.Id);
            }
            var result = await users.CreateAsync(user, account.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Demo account not created: " + string.Join(", ", result.Errors.Select(e => e.Code)));
            }
        }

        var jobs = new[]
        {
            Job.Draft(care, "13010-00000001", "介護職員（デイサービス）", "デイサービスでの入浴・食事介助、レクリエーション。未経験歓迎、資格取得支援あり。", EmploymentType.FullTime, 210000, 260000, WageUnit.Monthly, now),
            Job.Draft(care, "13010-00000002", "介護職員（パート・日勤のみ）", "特別養護老人ホームでの生活援助。週3日から可。", EmploymentType.PartTime, 1250, 1400, WageUnit.Hourly, now),
            Job.Draft(care, "13010-00000003", "一般事務", "請求書作成、電話応対、データ入力。", EmploymentType.FullTime, 190000, 220000, WageUnit.Monthly, now),
            Job.Draft(logistics, "27010-00000004", "倉庫内軽作業", "ピッキング、検品、梱包。空調完備。", EmploymentType.PartTime, 1150, 1300, WageUnit.Hourly, now),
            Job.Draft(logistics, "27010-00000005", "配送ドライバー（中型）", "ルート配送。中型免許必須。", EmploymentType.FullTime, 260000, 320000, WageUnit.Monthly, now),
        };
        foreach (var job in jobs)
        {
            job.Accept(now);
        }
        db.Set<Job>().AddRange(jobs);
        await db.SaveChangesAsync(ct);
        await SeedThreadsAsync(care, jobs, now, ct);
    }

    /// <summary>Two threads between seeker1 and employer1 (care), opened the way applications will open them.</summary>
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
