using System.Text.RegularExpressions;
using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Accounts;

/// <summary>ACC-1 and ACC-2 end to end in Chromium, on a 375 px phone, the keys read from the mail the SMTP sink received.</summary>
public abstract partial class OpenMyPageBrowserTests(HelloWorkApp app, string db)
{
    private const string Password = "Yuzuha-77ki";

    private async Task<string> KeyFromMailAsync(string email, string subject)
    {
        var mail = await app.Mail.WaitForAsync(m => m.To == email && m.Subject == subject, TimeSpan.FromSeconds(10));
        return KeyPattern().Match(mail.Text).Groups[1].Value;
    }

    private static async Task SignInWithCodeAsync(HelloWorkApp app, IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#login-email", email);
        await page.FillAsync("#login-password", Password);
        var before = app.LoginCodesTo(email);
        await page.ClickAsync("#login button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/login/code"));
        await Expect(page.Locator("#code-code")).ToBeVisibleAsync();
        await page.FillAsync("#code-code", await app.NextLoginCodeAsync(email, before));
        await page.ClickAsync("#login-code button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/mypage"));
    }

    [Fact, Trait("Rule", "ACC-1")]
    public async Task Staff_register_a_seeker_who_opens_the_MyPage_on_a_phone_with_the_mailed_key_and_signs_in()
    {
        var staffUser = await app.CreateUserAsync(UserKind.Staff, "職員 次郎");
        var email = $"counter-{Guid.NewGuid():N}@test.example";
        await using var staff = await Person.SignInAsync(app, staffUser);
        await staff.Page.GotoAsync("/staff/seekers/new");
        await staff.Page.FillAsync("#seeker-name", "窓口 花子");
        await staff.Page.FillAsync("#seeker-email", email);
        await staff.Page.FillAsync("#seeker-birth", "1988-07-07");
        await staff.Page.ClickAsync("#register-seeker button[type=submit]");
        await Expect(staff.Page.Locator("#register-seeker .success")).ToContainTextAsync(email);

        await using var seeker = await Person.AnonymousAsync(app, 375, 740);
        var page = seeker.Page;
        await page.GotoAsync("/login");
        await page.ClickAsync("text=ハローワークをご利用中の方のマイページ開設");
        await page.ClickAsync("#open-mypage button[type=submit]"); // nothing ticked: told why, nothing lost
        await Expect(page.Locator("#open-privacy-error")).ToHaveTextAsync("プライバシーポリシーへの同意が必要です。");
        Assert.Empty(await seeker.AccessibilityViolationsAsync());
        await page.CheckAsync("input[name=AgreePrivacy]");
        await page.CheckAsync("input[name=AgreeTerms]");
        await page.FillAsync("#open-email", email);
        await page.FillAsync("#open-birth", "1988-07-07");
        await page.ClickAsync("#open-mypage button[type=submit]");
        await Expect(page.Locator("#auth-key .success")).ToBeVisibleAsync();

        Assert.Empty(await seeker.AccessibilityViolationsAsync());
        await page.FillAsync("#key-key", await KeyFromMailAsync(email, "【ハローワーク】アカウント仮登録完了通知"));
        await page.FillAsync("#key-password", Password);
        await page.FillAsync("#key-confirm", Password);
        await page.ClickAsync("#auth-key button[type=submit]");
        await Expect(page.Locator("#login .success")).ToHaveTextAsync("マイページを開設しました。メールアドレスとパスワードでログインしてください。");

        await SignInWithCodeAsync(app, page, email);
        await Expect(page.Locator("main h1")).ToHaveTextAsync("求職者マイページ");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "no sideways scrolling on a phone");
        await seeker.ScreenshotAsync($"open-mypage-counter-{db}");
    }

    [Fact, Trait("Rule", "ACC-2")]
    public async Task A_seeker_signs_up_online_files_the_registration_step_by_step_on_a_phone_and_reaches_the_MyPage()
    {
        var email = $"online-{Guid.NewGuid():N}@test.example";
        await using var seeker = await Person.AnonymousAsync(app, 375, 740);
        var page = seeker.Page;
        await page.GotoAsync("/signup");
        await page.CheckAsync("input[name=AgreePrivacy]");
        await page.CheckAsync("input[name=AgreeTerms]");
        await page.FillAsync("#signup-email", email);
        await page.FillAsync("#signup-birth", "1996-02-29");
        await page.ClickAsync("#signup button[type=submit]");
        await page.FillAsync("#key-key", await KeyFromMailAsync(email, "【ハローワーク】アカウント仮登録完了通知"));
        await page.FillAsync("#key-password", Password);
        await page.FillAsync("#key-confirm", Password);
        await page.ClickAsync("#auth-key button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/registration"));

        await page.FillAsync("#reg-fullname", "オンライン 太郎");
        await page.FillAsync("#reg-fullnamekana", "おんらいん"); // hiragana: refused, kept
        await page.FillAsync("#reg-prefecture", "神奈川県");
        await page.FillAsync("#reg-phone", "045-123-4567");
        await page.ClickAsync("#registration-next");
        await Expect(page.Locator("#reg-fullnamekana-error")).ToHaveTextAsync("フリガナは全角カタカナで入力してください。");
        Assert.Empty(await seeker.AccessibilityViolationsAsync());
        await Expect(page.Locator("#reg-fullname")).ToHaveValueAsync("オンライン 太郎");
        await page.FillAsync("#reg-fullnamekana", "オンライン タロウ");
        await page.ClickAsync("#registration-next");
        await Expect(page.Locator(".step-counter")).ToHaveTextAsync("ステップ 2 / 7");
        await page.FillAsync("#reg-desiredjob", "倉庫内作業");
        await page.CheckAsync("input[name=EmploymentType][value=PartTime]");
        await page.ClickAsync("#registration-save");
        await Expect(page.Locator("#registration .success")).ToContainTextAsync("一時保存しました");
        await app.Mail.WaitForAsync(m => m.To == email && m.Subject == "【ハローワーク】求職情報の一時保存通知", TimeSpan.FromSeconds(10));
        await page.ClickAsync("#registration-next");
        await page.FillAsync("#reg-desiredplace", "横浜市");
        await page.ClickAsync("#registration-next");
        await page.FillAsync("#reg-education", "高校卒業");
        for (var step = 4; step < 7; step++)
        {
            await page.ClickAsync("#registration-next");
            await Expect(page.Locator(".step-counter")).ToHaveTextAsync($"ステップ {step + 1} / 7");
        }
        await page.FillAsync("#reg-selfpr", "体力に自信があります。");
        await page.ClickAsync("#registration-complete");
        await page.WaitForURLAsync(url => url.EndsWith("/mypage"));

        await Expect(page.Locator("main h1")).ToHaveTextAsync("求職者マイページ");
        await Expect(page.Locator(".user-name")).ToHaveTextAsync("オンライン 太郎");
        await app.Mail.WaitForAsync(m => m.To == email && m.Subject == "【ハローワーク】求職登録完了通知", TimeSpan.FromSeconds(10));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "no sideways scrolling on a phone");
        await seeker.ScreenshotAsync($"open-mypage-online-{db}");
    }

    [GeneratedRegex("認証キー：([A-Z0-9]{8})")]
    private static partial Regex KeyPattern();
}

public sealed class OpenMyPageBrowserTestsOnSqlite(KestrelSqliteApp app) : OpenMyPageBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class OpenMyPageBrowserTestsOnPostgres(KestrelPostgresApp app) : OpenMyPageBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
