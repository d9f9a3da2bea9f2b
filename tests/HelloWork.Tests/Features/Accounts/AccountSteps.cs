using System.Text.RegularExpressions;
using HelloWork.Web.Features.Accounts;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>Steps the account tests share: the mails' subjects, reading an auth key from a real mail.</summary>
public static partial class AccountSteps
{
    public const string Mail1 = "【ハローワーク】アカウント仮登録完了通知";
    public const string Mail2 = "【ハローワーク】アカウント更新通知";
    public const string Mail3 = "【ハローワーク】アカウント再登録通知";
    public const string Mail4 = "【ハローワーク】パスワード再登録申込受付通知";

    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(10);

    public static string NewEmail(string prefix = "acc") => $"{prefix}-{Guid.NewGuid():N}@test.example";

    public static async Task<ReceivedMail> MailAsync(this HelloWorkApp app, string to, string subject) =>
        await app.Mail.WaitForAsync(m => m.To == to && m.Subject == subject, MailWait);

    public static string KeyIn(ReceivedMail mail) =>
        KeyPattern().Match(mail.Text) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No auth key in:\n" + mail.Text);

    public static KeyValuePair<string, string>[] Login(string email, string password) => [new("Email", email), new("Password", password)];

    /// <summary>Signs in through the real form; returns the client when it worked (a redirect), null otherwise.</summary>
    public static async Task<UserClient?> TrySignInAsync(this HelloWorkApp app, string email, string password)
    {
        var client = app.Anonymous();
        var codesBefore = app.LoginCodesTo(email);
        using var response = await client.PostFormAsync("/login", Login(email, password), formPage: "/login", htmx: false);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect) return null;
        if (response.Headers.Location!.OriginalString == "/login/code")
        {
            using var confirmed = await app.EnterLoginCodeAsync(client, email, codesBefore);
            if (confirmed.StatusCode != System.Net.HttpStatusCode.Redirect) return null;
        }
        client.ForgetToken();
        return client;
    }

    /// <summary>Staff register a seeker at the counter (ACC-1); returns the seeker's e-mail.</summary>
    public static async Task<string> RegisterAtCounterAsync(this HelloWorkApp app, UserClient staff, string birthDate = "1990-04-01", string? email = null)
    {
        email ??= NewEmail("counter");
        var page = await staff.PostFormPageAsync("/staff/seekers",
            [new("DisplayName", "窓口 太郎"), new("Email", email), new("BirthDate", birthDate), new("School", nameof(SchoolStatus.NotStudent))],
            formPage: "/staff/seekers/new");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
        return email;
    }

    public static KeyValuePair<string, string>[] OpenFields(string email, string birthDate, bool privacy = true, bool terms = true) =>
    [
        .. privacy ? new KeyValuePair<string, string>[] { new("AgreePrivacy", "true") } : [],
        .. terms ? new KeyValuePair<string, string>[] { new("AgreeTerms", "true") } : [],
        new("Email", email), new("BirthDate", birthDate),
    ];

    [GeneratedRegex("認証キー：([A-Z0-9]{8})")]
    private static partial Regex KeyPattern();
}
