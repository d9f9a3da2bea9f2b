using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>SEC-5: what can be guessed (sign-in codes, invitation keys) is counted in the database, across rounds.</summary>
public abstract class GuessingTests(HelloWorkApp app)
{
    private const string WrongCode = "確認コードが正しくないか、有効期限（10分）が切れています。";

    /// <summary>The right password: a new code is mailed. Returns it (to know what a wrong one is).</summary>
    private static async Task<string> PasswordStepAsync(HelloWorkApp on, UserClient client, AppUser user, string password = HelloWorkApp.Password)
    {
        var codesBefore = on.LoginCodesTo(user.Email!);
        using var response = await client.PostFormAsync("/login", Login(user.Email!, password), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", response.Headers.Location!.OriginalString);
        return await on.NextLoginCodeAsync(user.Email!, codesBefore);
    }

    private static string NotThe(string code) => ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static Task<Page> EnterAsync(UserClient client, string code) =>
        client.PostFormPageAsync("/login/code", [new("Code", code)], formPage: "/login/code");

    private string LockedMessage(HelloWorkApp on) =>
        $"確認コードの誤りが続いたため、{JapanTime.ToJst(on.Clock.GetUtcNow().UtcDateTime + AppUser.LockoutTime):HH:mm}ごろまでログインできません。パスワードを再設定すると、すぐにログインできるようになります。";

    /// <summary>Five wrong codes in one round: the login locks.</summary>
    private async Task LockWithWrongCodesAsync(AppUser user)
    {
        var client = app.Anonymous();
        var code = await PasswordStepAsync(app, client, user);
        for (var i = 0; i < AppUser.MaxWrongCodes; i++)
        {
            await EnterAsync(client, NotThe(code));
        }
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id && u.LockoutEnd != null)));
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-13")]
    public async Task Five_wrong_codes_across_two_rounds_lock_the_login_since_a_new_code_does_not_start_the_count_again()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();

        var first = await PasswordStepAsync(app, client, user);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(WrongCode, (await EnterAsync(client, NotThe(first))).Text("#code-code-error"));
        }
        var second = await PasswordStepAsync(app, client, user);
        var fourth = await EnterAsync(client, NotThe(second));
        var fifth = await EnterAsync(client, NotThe(second));
        var right = await EnterAsync(client, second);

        Assert.Equal(WrongCode, fourth.Text("#code-code-error"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fifth.Status);
        Assert.Equal(LockedMessage(app), fifth.Text("#code-code-error"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.Status); // not even the right code while locked
        Assert.Equal(LockedMessage(app), right.Text("#code-code-error"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/mypage")).StatusCode);

        // The password step is locked too: no new code, so no new round of guesses.
        var codesBefore = app.LoginCodesTo(user.Email!);
        using var again = await client.PostFormAsync("/login", Login(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        await app.DispatchMailAsync();
        Assert.Equal(codesBefore, app.LoginCodesTo(user.Email!));
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-3")]
    public async Task A_lock_by_wrong_codes_ends_by_itself_after_15_minutes()
    {
        var user = await app.CreateUserAsync(UserKind.Employer);
        await LockWithWrongCodesAsync(user);
        Assert.Null(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));

        app.Clock.Advance(AppUser.LockoutTime);

        Assert.NotNull(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-3")]
    public async Task A_password_reset_ends_a_lock_by_wrong_codes_at_once()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        await LockWithWrongCodesAsync(user);
        var client = app.Anonymous();

        await client.PostFormAsync("/password/reset", [new("Email", user.Email!)], formPage: "/password/reset");
        var key = KeyIn(await app.MailAsync(user.Email!, Mail4));
        using var reset = await client.PostFormAsync("/password/reset/key",
            [new("Email", user.Email!), new("Key", key), new("Password", "Hoshi-zora42"), new("PasswordConfirm", "Hoshi-zora42")], formPage: "/password/reset/key", htmx: false);

        Assert.Equal("/login?done=reset", reset.Headers.Location!.OriginalString);
        Assert.NotNull(await app.TrySignInAsync(user.Email!, "Hoshi-zora42"));
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-13")]
    public async Task A_right_code_starts_the_count_again_so_a_person_who_mistypes_now_and_then_is_never_locked()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        foreach (var round in new[] { 1, 2 })
        {
            var client = app.Anonymous();
            var code = await PasswordStepAsync(app, client, user);
            for (var i = 0; i < AppUser.MaxWrongCodes - 1; i++)
            {
                Assert.Equal(WrongCode, (await EnterAsync(client, NotThe(code))).Text("#code-code-error"));
            }
            using var right = await client.PostFormAsync("/login/code", [new("Code", code)], formPage: "/login/code", htmx: false);
            Assert.Equal("/mypage", right.Headers.Location!.OriginalString);
        }
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-13")]
    public async Task The_count_of_wrong_codes_is_kept_in_the_database_so_another_instance_goes_on_counting()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();
        var code = await PasswordStepAsync(app, client, user);
        for (var i = 0; i < 3; i++) await EnterAsync(client, NotThe(code));

        await using var other = new SameDatabaseApp(app.Provider, app.ConnectionString);
        other.Clock.SetUtcNow(app.Clock.GetUtcNow());
        await other.InitializeAsync();
        var there = other.Anonymous();
        var next = await PasswordStepAsync(other, there, user);
        await EnterAsync(there, NotThe(next));
        var fifth = await EnterAsync(there, NotThe(next));

        Assert.Equal(LockedMessage(other), fifth.Text("#code-code-error"));
    }

    [Fact, Trait("Rule", "SEC-5"), Trait("Rule", "ACC-10")]
    public async Task Wrong_invitation_keys_are_saved_request_after_request_and_spend_the_invitation()
    {
        var (_, owner) = await EmployerSignedUpAsync("招待 元");
        var number = $"13{Random.Shared.Next(10, 99)}-{Random.Shared.Next(100000, 999999)}-{Random.Shared.Next(0, 9)}";
        using var created = await owner.PostFormAsync("/employer/establishment/create",
            [new("Number", number), new("Name", "株式会社かえで"), new("Prefecture", "東京都"), new("City", "港区")], formPage: EstablishmentMembership.Path, htmx: false);
        var (colleagueEmail, colleague) = await EmployerSignedUpAsync("招待 先");
        using var invited = await owner.PostFormAsync("/employer/establishment/invite", [new("Email", colleagueEmail)], formPage: EstablishmentMembership.Path);
        var key = Regex.Match((await app.MailAsync(colleagueEmail, "【ハローワーク】求人者マイページへの招待")).Text, "招待キー：([A-Z0-9]{8})").Groups[1].Value;

        for (var i = 0; i < AuthKey.MaxAttempts; i++)
        {
            var wrong = await colleague.PostFormPageAsync("/employer/establishment/join", [new("JoinNumber", number), new("InviteKey", "WRONG" + i)], formPage: EstablishmentMembership.Path);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        }
        var tries = await app.WithDbAsync(db => db.Set<EstablishmentInvite>().Where(i => i.NormalizedEmail == colleagueEmail.ToUpperInvariant()).Select(i => i.Attempts).SingleAsync());
        var right = await colleague.PostFormPageAsync("/employer/establishment/join", [new("JoinNumber", number), new("InviteKey", key)], formPage: EstablishmentMembership.Path);

        Assert.Equal(AuthKey.MaxAttempts, tries);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.Status);
        Assert.Equal("事業所番号または招待キーが正しくないか、招待の有効期限が切れています。", right.Text("#join-key-error"));
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == colleagueEmail).Select(u => u.EstablishmentId).SingleAsync()));
    }

    private async Task<(string Email, UserClient Client)> EmployerSignedUpAsync(string name)
    {
        const string password = "Minato-ku88";
        var email = NewEmail("employer");
        var client = app.Anonymous();
        using var sent = await client.PostFormAsync("/employer/signup", [new("AgreeTerms", "true"), new("Email", email)], formPage: "/employer/signup");
        var key = KeyIn(await app.MailAsync(email, "【ハローワーク】求人者マイページ メールアドレス確認"));
        using var done = await client.PostFormAsync("/employer/signup/key",
            [new("Email", email), new("Key", key), new("DisplayName", name), new("Password", password), new("PasswordConfirm", password)],
            formPage: "/employer/signup", htmx: false);
        Assert.Equal(EstablishmentMembership.Path, done.Headers.Location!.OriginalString);
        client.ForgetToken();
        return (email, client);
    }
}

public sealed class GuessingTestsOnSqlite(SqliteApp app) : GuessingTests(app), IClassFixture<SqliteApp>;

public sealed class GuessingTestsOnPostgres(PostgresApp app) : GuessingTests(app), IClassFixture<PostgresApp>;
