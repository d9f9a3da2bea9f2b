using System.Net;
using System.Text.RegularExpressions;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

public abstract class EmployerAccountTests(HelloWorkApp app)
{
    private const string Verify = "【ハローワーク】求人者マイページ メールアドレス確認";
    private const string Invite = "【ハローワーク】求人者マイページへの招待";
    private const string Password = "Minato-ku88";

    private async Task<(string Email, UserClient Client)> EmployerSignedUpAsync(string name)
    {
        var email = NewEmail("employer");
        var client = app.Anonymous();
        var sent = await client.PostFormPageAsync("/employer/signup", [new("AgreeTerms", "true"), new("Email", email)], formPage: "/employer/signup");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var key = KeyIn(await app.MailAsync(email, Verify));
        using var done = await client.PostFormAsync("/employer/signup/key",
            [new("Email", email), new("Key", key), new("DisplayName", name), new("Password", Password), new("PasswordConfirm", Password)],
            formPage: "/employer/signup", htmx: false);
        Assert.Equal(EstablishmentMembership.Path, done.Headers.Location!.OriginalString);
        client.ForgetToken();
        return (email, client);
    }

    private static string NewNumber() => $"13{Random.Shared.Next(10, 99)}-{Random.Shared.Next(100000, 999999)}-{Random.Shared.Next(0, 9)}";

    [Fact, Trait("Rule", "ACC-10")]
    public async Task An_employer_verifies_the_address_creates_the_establishment_and_an_invited_colleague_joins_it()
    {
        var (_, owner) = await EmployerSignedUpAsync("採用 一郎");
        var number = NewNumber();
        using var created = await owner.PostFormAsync("/employer/establishment/create",
            [new("Number", number), new("Name", "株式会社さくら"), new("Prefecture", "東京都"), new("City", "港区")], formPage: EstablishmentMembership.Path, htmx: false);
        Assert.Equal("/employer", created.Headers.Location!.OriginalString);
        Assert.Contains(number, (await owner.PageAsync("/employer")).Html);

        var (colleagueEmail, colleague) = await EmployerSignedUpAsync("採用 二郎");
        var invited = await owner.PostFormPageAsync("/employer/establishment/invite", [new("Email", colleagueEmail)], formPage: EstablishmentMembership.Path);
        Assert.Equal(HttpStatusCode.OK, invited.Status);
        var mail = await app.MailAsync(colleagueEmail, Invite);
        var key = Regex.Match(mail.Text, "招待キー：([A-Z0-9]{8})").Groups[1].Value;

        var wrong = await colleague.PostFormPageAsync("/employer/establishment/join", [new("JoinNumber", number), new("InviteKey", "WRONGKEY")], formPage: EstablishmentMembership.Path);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.Status);
        using var joined = await colleague.PostFormAsync("/employer/establishment/join", [new("JoinNumber", number), new("InviteKey", key)], formPage: EstablishmentMembership.Path, htmx: false);
        Assert.Equal("/employer", joined.Headers.Location!.OriginalString);

        var members = (await owner.PageAsync(EstablishmentMembership.Path)).Texts("#establishment-members li").Order().ToList();
        Assert.Equal(["採用 一郎", "採用 二郎"], members); // (both made at the same instant of the fake clock: order not asserted)
        Assert.Contains(number, (await colleague.PageAsync("/employer")).Html); // what the establishment has, both see
    }

    [Fact, Trait("Rule", "ACC-10")]
    public async Task Knowing_an_establishment_number_is_not_enough_to_join_it_and_a_taken_number_cannot_be_registered_again()
    {
        var (_, owner) = await EmployerSignedUpAsync("採用 三郎");
        var number = NewNumber();
        await owner.PostFormAsync("/employer/establishment/create",
            [new("Number", number), new("Name", "有限会社もみじ"), new("Prefecture", "京都府"), new("City", "京都市")], formPage: EstablishmentMembership.Path, htmx: false);
        var (_, stranger) = await EmployerSignedUpAsync("部外 者");

        var join = await stranger.PostFormPageAsync("/employer/establishment/join", [new("JoinNumber", number), new("InviteKey", "ABCDEFGH")], formPage: EstablishmentMembership.Path);
        var again = await stranger.PostFormPageAsync("/employer/establishment/create",
            [new("Number", number), new("Name", "偽物"), new("Prefecture", "京都府"), new("City", "京都市")], formPage: EstablishmentMembership.Path);

        Assert.Equal("事業所番号または招待キーが正しくないか、招待の有効期限が切れています。", join.Text("#join-key-error"));
        Assert.Equal("この事業所番号はすでに登録されています。事業所の担当者に招待を依頼してください。", again.Text("#est-number-error"));
        Assert.Equal("偽物", again.Document.QuerySelector("#est-name")!.GetAttribute("value"));
    }

    [Theory, Trait("Rule", "ACC-10")]
    [InlineData("")]
    [InlineData("1301000001")]
    [InlineData("１３０１-０００００１-１")]
    public async Task A_badly_typed_establishment_number_is_refused_with_the_expected_form(string number)
    {
        var (_, owner) = await EmployerSignedUpAsync("採用 四郎");

        var page = await owner.PostFormPageAsync("/employer/establishment/create",
            [new("Number", number), new("Name", "株式会社テスト"), new("Prefecture", "大阪府"), new("City", "大阪市")], formPage: EstablishmentMembership.Path);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.NotEmpty(page.Text("#est-number-error"));
        Assert.Equal(number, page.Document.QuerySelector("#est-number")!.GetAttribute("value") ?? "");
        Assert.False(await app.WithDbAsync(db => db.Set<Establishment>().AnyAsync(e => e.Name == "株式会社テスト")));
    }

    [Fact, Trait("Rule", "ACC-10")]
    public async Task Employer_passwords_follow_the_same_rules_and_a_used_address_gets_no_mail()
    {
        var taken = await app.CreateUserAsync(UserKind.Seeker);
        var email = NewEmail("weak");
        var client = app.Anonymous();
        await client.PostFormAsync("/employer/signup", [new("AgreeTerms", "true"), new("Email", email)], formPage: "/employer/signup");
        var takenPage = await app.Anonymous().PostFormPageAsync("/employer/signup", [new("AgreeTerms", "true"), new("Email", taken.Email!)], formPage: "/employer/signup");
        var key = KeyIn(await app.MailAsync(email, Verify));

        var weak = await client.PostFormPageAsync("/employer/signup/key",
            [new("Email", email), new("Key", key), new("DisplayName", "弱い 人"), new("Password", "password1!"), new("PasswordConfirm", "password1!")], formPage: "/employer/signup");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.Status);
        Assert.Equal("このパスワードはよく使われているため使えません。", weak.Text("#ekey-password-error"));
        Assert.Equal(HttpStatusCode.OK, takenPage.Status);
        await app.DispatchMailAsync();
        Assert.DoesNotContain(app.Mail.All(), m => m.To == taken.Email && m.Subject == Verify);
    }
}

public sealed class EmployerAccountTestsOnSqlite(SqliteApp app) : EmployerAccountTests(app), IClassFixture<SqliteApp>;

public sealed class EmployerAccountTestsOnPostgres(PostgresApp app) : EmployerAccountTests(app), IClassFixture<PostgresApp>;
