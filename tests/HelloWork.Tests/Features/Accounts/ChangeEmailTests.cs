using System.Net;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;
using static HelloWork.Tests.Features.Accounts.SameAnswer;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>
/// ACC-5 with SEC-6: the current password is checked first, the answer never tells whether the new
/// address has a login, and a key mailed to the new address proves it before anything changes.
/// </summary>
public abstract class ChangeEmailTests(HelloWorkApp app)
{
    private static KeyValuePair<string, string>[] Change(string newEmail, string password) => [new("NewEmail", newEmail), new("CurrentPassword", password)];

    /// <summary>Two new addresses of the same length, one of them in use by another login.</summary>
    private async Task<(string Taken, string Free)> AddressesAsync()
    {
        var taken = await app.CreateUserAsync(UserKind.Employer, email: NewEmail("taken"));
        return (taken.Email!, NewEmail("freed"));
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-5")]
    public async Task A_wrong_current_password_is_answered_first_and_alike_for_an_address_in_use_and_a_free_one()
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);
        var (taken, free) = await AddressesAsync();

        var inUse = await client.PostFormPageAsync("/account/settings/email", Change(taken, "Wrong-pass1"), formPage: "/account/settings");
        var unused = await client.PostFormPageAsync("/account/settings/email", Change(free, "Wrong-pass1"), formPage: "/account/settings");

        AssertSame(unused, free, inUse, taken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inUse.Status);
        Assert.Equal("現在のパスワードが正しくありません。", inUse.Text("#set-email-password-error"));
        Assert.False(inUse.Has("#set-email-error"));
        Assert.DoesNotContain("すでに使われています", inUse.Html);
        Assert.Empty(await app.MailsSentAsync(taken, EmailInUseMail));
        Assert.Empty(await app.MailsSentAsync(free, EmailChangeKeyMail));
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-5")]
    public async Task With_the_right_password_an_address_in_use_and_a_free_one_get_the_same_answer_and_only_their_owners_are_mailed()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);
        var (taken, free) = await AddressesAsync();

        var inUse = await client.PostAtTheFloorAsync("/account/settings/email", Change(taken, HelloWorkApp.Password), formPage: "/account/settings");
        var unused = await client.PostAtTheFloorAsync("/account/settings/email", Change(free, HelloWorkApp.Password), formPage: "/account/settings");

        AssertSame(unused, free, inUse, taken);
        Assert.Equal(HttpStatusCode.OK, inUse.Status);
        Assert.Equal(taken, inUse.Text("#email-confirm-address"));
        var key = await app.MailAsync(free, EmailChangeKeyMail);
        Assert.Matches("認証キー：[A-Z0-9]{8}", key.Text);
        Assert.DoesNotContain(user.DisplayName, key.Text); // the new address is not proven yet: no name
        var told = await app.MailAsync(taken, EmailInUseMail);
        Assert.Contains("すでに別のアカウントで使われているため", told.Text);
        Assert.DoesNotContain("認証キー：", told.Text);
        Assert.Equal(user.Email, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
    }

    [Fact, Trait("Rule", "ACC-5")]
    public async Task The_mailed_key_changes_the_address_mails_2_to_the_old_and_the_new_one_and_the_new_one_signs_in()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);
        var elsewhere = await app.SignInAsync(user);
        var newEmail = NewEmail("moved");

        await client.PostFormAsync("/account/settings/email", Change(newEmail, HelloWorkApp.Password), formPage: "/account/settings");
        var wrong = await client.PostFormPageAsync("/account/settings/email/confirm", [new("Key", "ABCD2345")], formPage: "/account/settings/email/confirm");
        var key = KeyIn(await app.MailAsync(newEmail, EmailChangeKeyMail));
        var page = await client.PostFormPageAsync("/account/settings/email/confirm", [new("Key", key)], formPage: "/account/settings/email/confirm");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        Assert.Equal("認証キーが正しくないか、有効期限（50分）が切れています。もう一度はじめからやり直してください。", wrong.Text("#email-key-error"));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(newEmail, page.Text(".current-email"));
        Assert.Equal("メールアドレスを変更しました。", page.Text(".success"));
        Assert.Contains("メールアドレス", (await app.MailAsync(user.Email!, Mail2)).Text);
        await app.MailAsync(newEmail, Mail2);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/mypage")).StatusCode);
        Assert.Null(await app.TrySignInAsync(user.Email!, HelloWorkApp.Password));
        Assert.NotNull(await app.TrySignInAsync(newEmail, HelloWorkApp.Password));
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-5")]
    public async Task A_key_works_only_for_the_address_it_was_mailed_to()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker);
        var (taken, free) = await AddressesAsync();

        await client.PostFormAsync("/account/settings/email", Change(free, HelloWorkApp.Password), formPage: "/account/settings");
        var key = KeyIn(await app.MailAsync(free, EmailChangeKeyMail));
        await client.PostFormAsync("/account/settings/email", Change(taken, HelloWorkApp.Password), formPage: "/account/settings");
        var page = await client.PostFormPageAsync("/account/settings/email/confirm", [new("Key", key)], formPage: "/account/settings/email/confirm");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(user.Email, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
    }

    [Fact, Trait("Rule", "ACC-5")]
    public async Task The_confirmation_ends_after_50_minutes_and_the_current_address_is_not_a_new_one()
    {
        var (user, client) = await app.SignedInAsync(UserKind.Employer);
        var newEmail = NewEmail("late");

        var same = await client.PostFormPageAsync("/account/settings/email", Change(user.Email!.ToUpperInvariant(), HelloWorkApp.Password), formPage: "/account/settings");
        await client.PostFormAsync("/account/settings/email", Change(newEmail, HelloWorkApp.Password), formPage: "/account/settings");
        var key = KeyIn(await app.MailAsync(newEmail, EmailChangeKeyMail));
        app.Clock.Advance(AuthKey.Lifetime);
        var late = await client.PostFormPageAsync("/account/settings/email/confirm", [new("Key", key)], formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.Status);
        Assert.Equal("現在と同じメールアドレスです。", same.Text("#set-email-error"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.Status);
        Assert.Equal("メールアドレス変更の確認の有効期限が切れました。もう一度はじめからやり直してください。", late.Text(".error-summary"));
        Assert.Equal(user.Email, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync()));
    }
}

public sealed class ChangeEmailTestsOnSqlite(SqliteApp app) : ChangeEmailTests(app), IClassFixture<SqliteApp>;

public sealed class ChangeEmailTestsOnPostgres(PostgresApp app) : ChangeEmailTests(app), IClassFixture<PostgresApp>;
