using System.Net;
using HelloWork.Web.Features.Accounts;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>Steps of the SEC-6 tests: the mails that only an address's owner reads, a withdrawn seeker.</summary>
public static partial class AccountSteps
{
    public const string AccountExistsMail = "【ハローワーク】アカウント登録のお申込みについて";
    public const string LockedMail = "【ハローワーク】ログインを一時的に停止しました";
    public const string EmailChangeKeyMail = "【ハローワーク】メールアドレス変更の確認";
    public const string EmailInUseMail = "【ハローワーク】メールアドレス変更のお申込みについて";
    public const string Mismatch = "メールアドレスまたはパスワードが正しくありません。";

    /// <summary>A seeker who signed in and withdrew through the real pages (ACC-6).</summary>
    public static async Task<AppUser> WithdrawnSeekerAsync(this HelloWorkApp app, string? name = null)
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker, name);
        using var done = await client.PostFormAsync("/account/withdraw", [], formPage: "/account/withdraw", htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        return user;
    }

    /// <summary>Fails the sign-in <see cref="AppUser.MaxFailedSignIns"/> times, which locks the login (ACC-3).</summary>
    public static async Task LockOutAsync(this HelloWorkApp app, string email)
    {
        for (var i = 0; i < AppUser.MaxFailedSignIns; i++)
        {
            Assert.Null(await app.TrySignInAsync(email, "Wrong-pass" + i));
        }
    }

    /// <summary>Waits until every mail due now reached the sink, then the mails to <paramref name="to"/> with <paramref name="subject"/>.</summary>
    public static async Task<IReadOnlyList<ReceivedMail>> MailsSentAsync(this HelloWorkApp app, string to, string subject)
    {
        await app.DispatchMailAsync();
        return app.Mail.All().Where(m => m.To == to && m.Subject == subject).ToList();
    }
}
