using System.Net;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>
/// ACC-3: a password is never cut. No password box limits what is typed (a password manager's
/// 33 characters arrive whole), and the server refuses more than 32 with the reason, saving nothing.
/// </summary>
public abstract class LongPasswordTests(HelloWorkApp app)
{
    private const string ThirtyThree = "Sora-iro-no-kumo-ga-nagareru-2026";
    private const string Reason = "パスワードは32文字以内にしてください。";

    private static KeyValuePair<string, string>[] KeyFields(string email, string key, string password) =>
        [new("Email", email), new("Key", key), new("Password", password), new("PasswordConfirm", password)];

    [Theory, Trait("Rule", "ACC-3")]
    [InlineData("/login", null)]
    [InlineData("/staff/login", null)]
    [InlineData("/account/reregister", null)]
    [InlineData("/mypage/open/key", null)]
    [InlineData("/signup/key", null)]
    [InlineData("/password/reset/key", null)]
    [InlineData("/employer/signup/key", null)]
    [InlineData("/account/settings", UserKind.Seeker)]
    [InlineData("/staff/accounts/new", UserKind.Staff)]
    public async Task No_password_box_cuts_what_is_typed(string url, UserKind? signedInAs)
    {
        var client = signedInAs is { } kind ? (await app.SignedInAsync(kind)).Client : app.Anonymous();

        var page = await client.PageAsync(url);

        var boxes = page.Document.QuerySelectorAll("input[type=password]");
        Assert.NotEmpty(boxes);
        Assert.All(boxes, box => Assert.Null(box.GetAttribute("maxlength")));
    }

    [Fact, Trait("Rule", "ACC-3")]
    public async Task Thirty_three_characters_are_refused_with_the_reason_where_a_MyPage_is_opened_and_nothing_is_saved()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var counter = await app.RegisterAtCounterAsync(staff, "1990-04-01");
        await app.Anonymous().PostFormAsync("/mypage/open", OpenFields(counter, "1990-04-01"), formPage: "/mypage/open");
        var online = NewEmail("online");
        await app.Anonymous().PostFormAsync("/signup", [.. OpenFields(online, "1995-06-15"), new("School", "NotStudent")], formPage: "/signup");
        var employer = NewEmail("employer");
        await app.Anonymous().PostFormAsync("/employer/signup", [new("AgreeTerms", "true"), new("Email", employer)], formPage: "/employer/signup");
        var counterKey = KeyIn(await app.MailAsync(counter, Mail1));
        var onlineKey = KeyIn(await app.MailAsync(online, Mail1));
        var employerKey = KeyIn(await app.MailAsync(employer, "【ハローワーク】求人者マイページ メールアドレス確認"));

        var pages = new[]
        {
            await app.Anonymous().PostFormPageAsync("/mypage/open/key", KeyFields(counter, counterKey, ThirtyThree), formPage: "/mypage/open/key"),
            await app.Anonymous().PostFormPageAsync("/signup/key", KeyFields(online, onlineKey, ThirtyThree), formPage: "/signup/key"),
            await app.Anonymous().PostFormPageAsync("/employer/signup/key", [.. KeyFields(employer, employerKey, ThirtyThree), new("DisplayName", "長文 太郎")],
                formPage: "/employer/signup/key"),
        };

        Assert.All(pages, page =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
            Assert.Contains(Reason, page.Text(".field-error[id$=password-error]"));
            Assert.DoesNotContain(ThirtyThree, page.Html);
        });
        var hashes = await app.WithDbAsync(db => db.Users.Where(u => u.Email == counter || u.Email == online || u.Email == employer).Select(u => u.PasswordHash).ToListAsync());
        Assert.Equal([null, null, null], hashes);
        using var keyStillGood = await app.Anonymous().PostFormAsync("/mypage/open/key", KeyFields(counter, counterKey, ThirtyThree[..32]), formPage: "/mypage/open/key", htmx: false);
        Assert.Equal("/login?done=opened", keyStillGood.Headers.Location!.OriginalString); // the refusal did not use the key up
    }

    [Fact, Trait("Rule", "ACC-3")]
    public async Task Thirty_three_characters_are_refused_in_the_settings_and_at_a_reset_and_the_old_password_stays()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);

        var settings = await client.PostFormPageAsync("/account/settings/password",
            [new("CurrentPassword", HelloWorkApp.Password), new("Password", ThirtyThree), new("PasswordConfirm", ThirtyThree)], formPage: "/account/settings");
        await app.Anonymous().PostFormAsync("/password/reset", [new("Email", user.Email!)], formPage: "/password/reset");
        var reset = await app.Anonymous().PostFormPageAsync("/password/reset/key",
            KeyFields(user.Email!, KeyIn(await app.MailAsync(user.Email!, Mail4)), ThirtyThree), formPage: "/password/reset/key");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, settings.Status);
        Assert.Equal(Reason, settings.Text("#set-password-error"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reset.Status);
        Assert.Equal(Reason, reset.Text("#key-password-error"));
        Assert.Null(await app.TrySignInAsync(user.Email!, ThirtyThree[..32]));
        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
    }

    [Fact, Trait("Rule", "ACC-3")]
    public async Task The_reason_is_given_in_English_too()
    {
        var (_, client) = await app.SignedInAsync(UserKind.Employer);
        await client.PageAsync("/account/settings?lang=en");

        var page = await client.PostFormPageAsync("/account/settings/password",
            [new("CurrentPassword", HelloWorkApp.Password), new("Password", ThirtyThree), new("PasswordConfirm", ThirtyThree)], formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("Use at most 32 characters.", page.Text("#set-password-error"));
    }
}

public sealed class LongPasswordTestsOnSqlite(SqliteApp app) : LongPasswordTests(app), IClassFixture<SqliteApp>;

public sealed class LongPasswordTestsOnPostgres(PostgresApp app) : LongPasswordTests(app), IClassFixture<PostgresApp>;
