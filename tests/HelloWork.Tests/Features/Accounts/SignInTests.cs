using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Audit;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Accounts;

public abstract class SignInTests(HelloWorkApp app)
{
    private static KeyValuePair<string, string>[] Credentials(string email, string password) => [new("Email", email), new("Password", password)];

    [Theory]
    [InlineData(UserKind.Seeker, "/mypage", "求職者マイページ")]
    [InlineData(UserKind.Employer, "/employer", "求人者マイページ")]
    public async Task A_user_signs_in_and_lands_on_their_MyPage(UserKind kind, string home, string heading)
    {
        var user = await app.CreateUserAsync(kind, "田中 一郎");
        var client = app.Anonymous();

        using var password = await client.PostFormAsync("/login", Credentials(user.Email!, HelloWorkApp.Password), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", password.Headers.Location!.OriginalString);
        using var response = await app.EnterLoginCodeAsync(client, user.Email!, 0);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(home, response.Headers.Location!.OriginalString);
        var page = await client.PageAsync(home);
        Assert.Equal(heading, page.Text("main h1"));
        Assert.Equal("田中 一郎", page.Text(".user-name"));
    }

    [Fact]
    public async Task A_failed_sign_in_does_not_say_whether_the_address_or_the_password_was_wrong()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);

        var wrongPassword = await app.Anonymous().PostFormPageAsync("/login", Credentials(user.Email!, "Wrong-pass1"), formPage: "/login");
        var unknownAddress = await app.Anonymous().PostFormPageAsync("/login", Credentials("nobody@test.example", "Wrong-pass1"), formPage: "/login");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongPassword.Status);
        Assert.Equal(wrongPassword.Status, unknownAddress.Status);
        Assert.Equal("メールアドレスまたはパスワードが正しくありません。", wrongPassword.Text(".error-summary"));
        Assert.Equal(wrongPassword.Text(".error-summary"), unknownAddress.Text(".error-summary"));
        Assert.Equal(user.Email, wrongPassword.Document.QuerySelector("#login-email")!.GetAttribute("value"));
        Assert.DoesNotContain("Wrong-pass1", wrongPassword.Html);
    }

    [Fact, Trait("Rule", "ACC-11")]
    public async Task Staff_sign_in_separately_and_users_cannot_use_the_staff_sign_in()
    {
        var staff = await app.CreateUserAsync(UserKind.Staff);
        var seeker = await app.CreateUserAsync(UserKind.Seeker);

        var staffAtUserLogin = await app.Anonymous().PostFormPageAsync("/login", Credentials(staff.Email!, HelloWorkApp.Password), formPage: "/login");
        var seekerAtStaffLogin = await app.Anonymous().PostFormPageAsync("/staff/login", Credentials(seeker.Email!, HelloWorkApp.Password), formPage: "/staff/login");
        using var staffAtStaffLogin = await app.Anonymous().PostFormAsync("/staff/login", Credentials(staff.Email!, HelloWorkApp.Password), formPage: "/staff/login", htmx: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, staffAtUserLogin.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, seekerAtStaffLogin.Status);
        Assert.Equal("/staff", staffAtStaffLogin.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_htmx_sign_in_redirects_the_whole_page()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);

        using var response = await app.Anonymous().PostFormAsync("/login", Credentials(user.Email!, HelloWorkApp.Password), formPage: "/login");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("/login/code", response.Headers.GetValues("HX-Redirect").Single());
    }

    [Theory]
    [InlineData("/notices", "/notices")]
    [InlineData("//evil.example/phish", "/mypage")]
    [InlineData("https://evil.example/", "/mypage")]
    public async Task Sign_in_returns_only_to_pages_of_this_site(string returnUrl, string expected)
    {
        var user = await app.CreateUserAsync(UserKind.Seeker);
        var client = app.Anonymous();

        using var password = await client.PostFormAsync("/login",
            [.. Credentials(user.Email!, HelloWorkApp.Password), new("ReturnUrl", returnUrl)], formPage: "/login", htmx: false);
        using var response = await app.EnterLoginCodeAsync(client, user.Email!, 0);

        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);

        using var signOut = await client.PostFormAsync("/logout", [], formPage: "/mypage", htmx: false);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/mypage")).StatusCode);
    }

    [Fact]
    public async Task Passwords_are_kept_only_as_a_salted_hash()
    {
        var a = await app.CreateUserAsync(UserKind.Seeker);
        var b = await app.CreateUserAsync(UserKind.Seeker);

        var hashes = await app.WithDbAsync(db => db.Users.Where(u => u.Id == a.Id || u.Id == b.Id).Select(u => u.PasswordHash!).ToListAsync());

        Assert.All(hashes, h => Assert.DoesNotContain(HelloWorkApp.Password, h));
        Assert.NotEqual(hashes[0], hashes[1]); // same password, different salt
        Assert.All(hashes, h => Assert.Equal(0x01, Convert.FromBase64String(h)[0])); // Identity v3 format: PBKDF2, 100,000+ iterations
    }

    [Fact, Trait("Rule", "ACC-11")]
    public async Task Staff_create_an_account_that_can_sign_in_and_the_action_is_audited()
    {
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff);
        var email = $"new-{Guid.NewGuid():N}@test.example";

        var page = await staff.PostFormPageAsync("/staff/accounts",
            [new("Kind", "Employer"), new("Email", email), new("DisplayName", "新規 事業所"), new("Password", "Start-pass9")], formPage: "/staff/accounts/new");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(email, page.Text(".success"));
        var employer = app.Anonymous();
        using var signIn = await employer.PostFormAsync("/login", Credentials(email, "Start-pass9"), formPage: "/login", htmx: false);
        Assert.Equal("/login/code", signIn.Headers.Location!.OriginalString);
        using var confirmed = await app.EnterLoginCodeAsync(employer, email, 0);
        Assert.Equal("/employer", confirmed.Headers.Location!.OriginalString);
        var audit = await app.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(e => e.ActorId == staffUser.Id && e.Action == "account.create"));
        Assert.Contains(email, audit.Detail);
    }

    [Fact]
    public async Task A_refused_account_form_says_why_in_Japanese_and_keeps_what_was_typed()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var taken = await app.CreateUserAsync(UserKind.Seeker);

        var weak = await staff.PostFormPageAsync("/staff/accounts",
            [new("Kind", "Seeker"), new("Email", "weak@test.example"), new("DisplayName", "弱い パスワード"), new("Password", "abcdefgh")], formPage: "/staff/accounts/new");
        var duplicate = await staff.PostFormPageAsync("/staff/accounts",
            [new("Kind", "Seeker"), new("Email", taken.Email!), new("DisplayName", "重複"), new("Password", "Start-pass9")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.Status);
        Assert.Contains("パスワードには数字を含めてください。", weak.Text("#acc-password-error"));
        Assert.Contains("パスワードには記号を含めてください。", weak.Text("#acc-password-error"));
        Assert.Equal("弱い パスワード", weak.Document.QuerySelector("#acc-name")!.GetAttribute("value"));
        Assert.Equal("このメールアドレスはすでに使われています。", duplicate.Text("#acc-email-error"));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "weak@test.example")));
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
