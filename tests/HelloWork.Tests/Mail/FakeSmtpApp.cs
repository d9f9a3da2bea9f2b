using HelloWork.Web.Data;
using HelloWork.Web.Mail;
using Microsoft.AspNetCore.Hosting;

namespace HelloWork.Tests.Mail;

/// <summary>
/// An app that mails through a <see cref="FakeSmtpServer"/> of its own. The dispatcher's own poll
/// is an hour, so only the test's passes (and those an action wakes) send: connections can be counted.
/// </summary>
public abstract class FakeSmtpApp : HelloWorkApp
{
    public FakeSmtpServer Smtp { get; } = FakeSmtpServer.Start();

    protected override int? SmtpPortOverride => Smtp.Port;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Mail:PollSeconds", "3600");
        builder.UseSetting("Mail:TimeoutSeconds", "10");
    }

    /// <summary>Puts mails in the outbox without waking the dispatcher; returns their ids.</summary>
    public async Task<long[]> QueueAsync(params string[] recipients)
    {
        var mails = recipients.Select(to => OutboxMail.Create(to, "test-mail", new RenderedMail("テスト", $"{to} 様", $"<p>{to} 様</p>"), Clock.UtcNow)).ToList();
        await WithDbAsync(async db => { db.AddRange(mails); await db.SaveChangesAsync(); });
        return mails.Select(m => m.Id).ToArray();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class SqliteFakeSmtpApp : FakeSmtpApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFakeSmtpApp : FakeSmtpApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
