using HelloWork.Tests.Features.Demo;
using HelloWork.Tests.Features.Notices;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Demo;
using HelloWork.Web.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace HelloWork.Tests.Mail;

/// <summary>The Development app as `dotnet run` starts it, mail written to a pickup folder.</summary>
public abstract class PickupDevelopmentApp : DevelopmentApp
{
    public string PickupDirectory { get; } = Path.Combine(TestServices.ArtifactsDirectory, $"pickup-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:Delivery", "Pickup");
        builder.UseSetting("Mail:PickupDirectory", PickupDirectory);
    }
}

public sealed class SqlitePickupDevelopmentApp : PickupDevelopmentApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresPickupDevelopmentApp : PickupDevelopmentApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public abstract class DevMailPageTests(PickupDevelopmentApp app)
{
    [Fact]
    public async Task The_mail_page_shows_the_eml_file_as_it_was_written()
    {
        var staffUser = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "staff@demo.hellowork.example"));
        var staff = await app.SignInAsync(staffUser, DemoAccounts.Password);
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields("seeker2@demo.hellowork.example", "ピックアップ確認", mail: true), formPage: "/staff/notices/new");
        await app.DispatchMailAsync();

        var outbox = await app.WithDbAsync(db => db.Set<OutboxMail>().AsNoTracking()
            .Where(m => m.To == "seeker2@demo.hellowork.example" && m.Template == "notice-arrived").OrderByDescending(m => m.Id).FirstAsync());
        Assert.NotNull(outbox.SentAt);
        var file = Assert.Single(Directory.GetFiles(app.PickupDirectory, MailMessages.PickupPrefix(outbox) + "*.eml"));
        var written = await MimeMessage.LoadAsync(file);
        Assert.Equal("【ハローワーク】マイページにお知らせが届きました", written.Subject);
        Assert.Contains("佐藤 健太 様", written.TextBody);

        var page = await staff.PageAsync($"/dev/mails/{outbox.Id}");
        Assert.Contains("佐藤 健太 様", page.Text(".mail-text"));
        Assert.Contains(Assert.IsType<string>(written.MessageId), page.Text("dl.meta"));
        Assert.Contains(Path.GetFileName(file), page.Text("dl.meta"));
        // The HTML part is shown as its source, escaped: no element of the mail enters the page.
        Assert.Contains("佐藤 健太 様", page.Text("details .mail-text"));
        Assert.Null(page.Document.QuerySelector("details .mail-text *"));

        // What the page shows comes from the file: change the file and the page follows.
        written.Subject = "書き換えた件名";
        written.BodyParts.OfType<TextPart>().First(p => p.IsPlain).Text = "ファイルから読んだ本文 <b>タグではない</b>";
        await written.WriteToAsync(file);
        page = await staff.PageAsync($"/dev/mails/{outbox.Id}");
        Assert.Contains("書き換えた件名", page.Texts("h1"));
        Assert.Contains("ファイルから読んだ本文 <b>タグではない</b>", page.Text(".mail-text"));
        Assert.Null(page.Document.QuerySelector(".mail-text b")); // shown as text, never as markup
    }
}

public sealed class DevMailPageTestsOnSqlite(SqlitePickupDevelopmentApp app) : DevMailPageTests(app), IClassFixture<SqlitePickupDevelopmentApp>;

public sealed class DevMailPageTestsOnPostgres(PostgresPickupDevelopmentApp app) : DevMailPageTests(app), IClassFixture<PostgresPickupDevelopmentApp>;
