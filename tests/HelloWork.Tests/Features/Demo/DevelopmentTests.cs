using System.Net;
using HelloWork.Tests.Features.Notices;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Demo;
using HelloWork.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Demo;

/// <summary>The app as `dotnet run` starts it: Development, with demo data.</summary>
public abstract class DevelopmentApp : HelloWorkApp
{
    protected override string EnvironmentName => "Development";
    protected override bool? SeedDemoData => true;
}

public sealed class SqliteDevelopmentApp : DevelopmentApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresDevelopmentApp : DevelopmentApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class DevelopmentTests(HelloWorkApp app)
{
    private async Task<UserClient> DemoSignInAsync(string email)
    {
        var user = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        return await app.SignInAsync(user, DemoAccounts.Password);
    }

    [Fact]
    public async Task The_demo_has_one_staff_two_seekers_and_two_employers_with_jobs_and_lists_them_on_the_login_pages()
    {
        var kinds = await app.WithDbAsync(db => db.Users.Where(u => u.Email!.EndsWith("@demo.hellowork.example")).Select(u => u.Kind).ToListAsync());
        Assert.Equal(1, kinds.Count(k => k == UserKind.Staff));
        Assert.Equal(2, kinds.Count(k => k == UserKind.Seeker));
        Assert.Equal(2, kinds.Count(k => k == UserKind.Employer));
        Assert.True(await app.WithDbAsync(db => db.Set<Job>().CountAsync(j => j.Status == JobStatus.Open)) >= 4);

        var login = await app.Anonymous().PageAsync("/login");
        Assert.Contains("seeker1@demo.hellowork.example", login.Text(".demo"));
        Assert.Contains("employer1@demo.hellowork.example", login.Text(".demo"));
        Assert.Contains("staff@demo.hellowork.example", (await app.Anonymous().PageAsync("/staff/login")).Text(".demo"));

        var employer = await DemoSignInAsync("employer1@demo.hellowork.example");
        var home = await employer.PageAsync("/employer");
        Assert.Contains("株式会社みどり介護", home.Text("main"));
        Assert.Contains(home.Texts(".job-list li"), job => job.Contains("介護職員（デイサービス）"));
    }

    [Fact]
    public async Task What_the_app_mailed_is_readable_at_the_development_mail_page()
    {
        var staff = await DemoSignInAsync("staff@demo.hellowork.example");
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields("seeker2@demo.hellowork.example", "メール確認", mail: true), formPage: "/staff/notices/new");
        await app.DispatchMailAsync();

        var list = await staff.PageAsync("/dev/mails");
        Assert.Contains("【ハローワーク】マイページにお知らせが届きました", list.Text("table.data"));
        var link = list.Document.QuerySelector("table.data a")!.GetAttribute("href")!;
        var mail = await staff.PageAsync(link);
        Assert.Contains("佐藤 健太 様", mail.Text(".mail-text"));

    }
}

public sealed class DevelopmentTestsOnSqlite(SqliteDevelopmentApp app) : DevelopmentTests(app), IClassFixture<SqliteDevelopmentApp>;

public sealed class DevelopmentTestsOnPostgres(PostgresDevelopmentApp app) : DevelopmentTests(app), IClassFixture<PostgresDevelopmentApp>;
