using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Accounts;

public abstract class SessionAcrossInstancesTests(HelloWorkApp app)
{
    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_honoured_by_another_and_after_a_restart()
    {
        var (_, seeker) = await app.SignedInAsync(UserKind.Seeker, "山田 花子");
        await using var other = new SameDatabaseApp(app.Provider, app.ConnectionString);
        await other.InitializeAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/mypage");
        request.Headers.Add("Cookie", seeker.CookieHeader);
        using var response = await other.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("山田 花子", await response.Content.ReadAsStringAsync());

        // The keys live in the database, not on this machine: without them a fresh instance cannot
        // read the cookie (were they in a local folder, it still could).
        await app.WithDbAsync(db => db.DataProtectionKeys.ExecuteDeleteAsync());
        await using var fresh = new SameDatabaseApp(app.Provider, app.ConnectionString);
        await fresh.InitializeAsync();
        using var again = new HttpRequestMessage(HttpMethod.Get, "/mypage");
        again.Headers.Add("Cookie", seeker.CookieHeader);
        using var rejected = await fresh.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(again);
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
    }
}

public sealed class SessionAcrossInstancesTestsOnSqlite(SqliteApp app) : SessionAcrossInstancesTests(app), IClassFixture<SqliteApp>;

public sealed class SessionAcrossInstancesTestsOnPostgres(PostgresApp app) : SessionAcrossInstancesTests(app), IClassFixture<PostgresApp>;
