using System.Net;
using System.Text.RegularExpressions;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using HelloWork.Web.Mail;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Mail;

/// <summary>SEC-5: a key or code mail of one kind goes to one address at most 5 times an hour, counted in the outbox.</summary>
public abstract class MailLimitTests(HelloWorkApp app)
{
    private static readonly int Limit = new RateLimitOptions().MailsPerAddressPerHour;

    private Task<int> QueuedAsync(string email, string template) =>
        app.WithDbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.To == email && m.Template == template));

    private async Task<Page> AskResetAsync(string email)
    {
        var page = await app.Anonymous().PostFormPageAsync("/password/reset", [new("Email", email)], formPage: "/password/reset");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page;
    }

    [Fact, Trait("Rule", "SEC-5")]
    public async Task The_6th_reset_mail_within_an_hour_to_one_address_is_not_sent_and_the_answer_looks_the_same()
    {
        Assert.Equal(5, Limit);
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var answers = new List<string>();
        for (var i = 0; i <= Limit; i++)
        {
            if (i > 0) app.Clock.Advance(TimeSpan.FromMinutes(11)); // six asks within 55 minutes
            answers.Add((await AskResetAsync(user.Email!)).Document.Body!.TextContent);
        }

        Assert.Single(answers.Distinct()); // the 6th answer is the 1st answer
        Assert.Equal(Limit, await QueuedAsync(user.Email!, "password-reset"));
        // No key came with the mail that did not go: the last key mailed is still the one that works.
        var lastMailed = await app.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == user.Email && m.Template == "password-reset")
            .OrderByDescending(m => m.Id).Select(m => m.TextBody).FirstAsync());
        var key = Regex.Match(lastMailed, "認証キー：([A-Z0-9]{8})").Groups[1].Value;
        using var reset = await app.Anonymous().PostFormAsync("/password/reset/key",
            [new("Email", user.Email!), new("Key", key), new("Password", "Hoshi-zora42"), new("PasswordConfirm", "Hoshi-zora42")], formPage: "/password/reset/key", htmx: false);
        Assert.Equal("/login?done=reset", reset.Headers.Location!.OriginalString);

        // An hour after the first, one more may go.
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await AskResetAsync(user.Email!);
        Assert.Equal(Limit + 1, await QueuedAsync(user.Email!, "password-reset"));
    }

    [Fact, Trait("Rule", "SEC-5")]
    public async Task The_limit_counts_an_address_however_its_letters_were_typed()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        for (var i = 0; i <= Limit; i++)
        {
            await AskResetAsync(i % 2 == 0 ? user.Email! : user.Email!.ToUpperInvariant());
        }

        Assert.Equal(Limit, await QueuedAsync(user.Email!, "password-reset"));
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-13")]
    public async Task Resets_used_up_by_someone_else_do_not_stop_the_sign_in_code()
    {
        var user = await app.CreateUserAsync(UserKind.Employer);
        for (var i = 0; i <= Limit; i++)
        {
            await AskResetAsync(user.Email!);
        }

        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
        Assert.Equal(1, await QueuedAsync(user.Email!, "login-code"));
    }
}

public sealed class MailLimitTestsOnSqlite(SqliteApp app) : MailLimitTests(app), IClassFixture<SqliteApp>;

public sealed class MailLimitTestsOnPostgres(PostgresApp app) : MailLimitTests(app), IClassFixture<PostgresApp>;
