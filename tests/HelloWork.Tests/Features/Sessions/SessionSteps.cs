using HelloWork.Tests.Live;
using HelloWork.Web.Features.Sessions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Sessions;

/// <summary>Steps the session tests share: replaying a copied cookie, reading the session rows, watching a live tab close.</summary>
public static class SessionSteps
{
    public const string ChromeOnAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    public const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    public const string SafariOnIPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    /// <summary>A request carrying <paramref name="cookieHeader"/> as copied earlier (no cookie jar: nothing the answer sets is kept).</summary>
    public static async Task<HttpResponseMessage> ReplayAsync(this HelloWorkApp app, string cookieHeader, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookieHeader);
        return await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request);
    }

    public static Task<List<UserSession>> SessionsOfAsync(this HelloWorkApp app, Guid userId) =>
        app.WithDbAsync(db => db.Set<UserSession>().AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.Id).ToListAsync());

    /// <summary>The active session of a client signed in just now (the newest row of the person).</summary>
    public static async Task<UserSession> NewestSessionAsync(this HelloWorkApp app, Guid userId) => (await app.SessionsOfAsync(userId))[^1];

    /// <summary>True when the server closes the tab's connection within 10 seconds.</summary>
    public static async Task<bool> ClosesAsync(this LiveTab tab) =>
        await Task.WhenAny(tab.Closed, Task.Delay(TimeSpan.FromSeconds(10))) == tab.Closed;

    /// <summary>POSTs /logout like the header's button does.</summary>
    public static async Task LogOutAsync(this UserClient client, string formPage)
    {
        using var response = await client.PostFormAsync("/logout", [], formPage: formPage, htmx: false);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
