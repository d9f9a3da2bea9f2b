using System.Collections.Concurrent;
using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.SignalR.Client;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

/// <summary>
/// The badge is fetched on every page: marking messages delivered there must cost the same
/// whether the person has one thread or many, and tell each sender once (BEY-3, MSG-3).
/// </summary>
public abstract class BadgeCostTests(CountingApp app)
{
    /// <summary>A signed-in seeker with <paramref name="threads"/> threads, each with a message not yet delivered to them.</summary>
    private async Task<UserClient> SeekerWithUndeliveredThreadsAsync(int threads)
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker, "山田 花子");
        var employer = await EmployerAsync(app, est.Id, "採用担当");
        var employerClient = await app.SignInAsync(employer);
        for (var i = 0; i < threads; i++)
        {
            var thread = await OpenAsync(app, seeker.Id, est.Id, $"応募{i}");
            await SendAsync(employerClient, thread.Id, $"ご連絡{i}");
        }
        return seekerClient;
    }

    private async Task<int> BadgeCommandsAsync(UserClient client)
    {
        var badge = await app.MeasureGetAsync(client, "/messages/badge", htmx: true);
        Assert.NotEmpty(badge.Page.Texts(".badge"));
        return badge.Statements;
    }

    [Fact, Trait("Rule", "BEY-3")]
    public async Task Marking_delivered_on_the_badge_issues_as_many_SQL_commands_for_twelve_threads_as_for_one()
    {
        var one = await SeekerWithUndeliveredThreadsAsync(1);
        var twelve = await SeekerWithUndeliveredThreadsAsync(12);

        var forOne = await BadgeCommandsAsync(one);
        var forTwelve = await BadgeCommandsAsync(twelve);

        Assert.True(forOne > 0, "the counter saw the badge's commands");
        Assert.Equal(forOne, forTwelve);
    }

    [Fact, Trait("Rule", "BEY-3")]
    public async Task The_sender_sees_delivered_on_every_thread_after_one_badge_fetch()
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        var employer = await EmployerAsync(app, est.Id);
        var employerClient = await app.SignInAsync(employer);
        var threads = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var thread = await OpenAsync(app, seeker.Id, est.Id, $"応募{i}");
            await SendAsync(employerClient, thread.Id, "面接のご案内");
            threads.Add(thread.Id);
        }

        await seekerClient.PageAsync("/messages/badge", htmx: true);

        foreach (var id in threads)
        {
            Assert.Equal("配信済み", (await employerClient.PageAsync($"/messages/{id}/state", htmx: true)).Text(".delivery-state"));
        }
    }

    [Fact, Trait("Rule", "MSG-3")]
    public async Task Each_login_of_the_sending_establishment_gets_one_delivered_push_for_many_threads()
    {
        var est = await EstablishmentAsync(app);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        var employer = await EmployerAsync(app, est.Id);
        var colleague = await EmployerAsync(app, est.Id);
        var employerClient = await app.SignInAsync(employer);
        var colleagueClient = await app.SignInAsync(colleague);
        for (var i = 0; i < 4; i++)
        {
            var thread = await OpenAsync(app, seeker.Id, est.Id, $"応募{i}");
            await SendAsync(employerClient, thread.Id, "ご連絡");
        }
        var pushes = new ConcurrentBag<(string Who, long Thread)>();
        await using var employerLive = LiveConnections.OverTestServer(app.Server, employerClient.CookieHeader);
        await using var colleagueLive = LiveConnections.OverTestServer(app.Server, colleagueClient.CookieHeader);
        employerLive.On<long>("MessageDelivered", id => pushes.Add(("employer", id)));
        colleagueLive.On<long>("MessageDelivered", id => pushes.Add(("colleague", id)));
        await employerLive.StartAsync();
        await colleagueLive.StartAsync();

        await seekerClient.PageAsync("/messages/badge", htmx: true);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (pushes.Count < 2 && DateTime.UtcNow < until) await Task.Delay(50);
        await Task.Delay(300); // a push per thread would have arrived by now

        Assert.Equal(["colleague", "employer"], pushes.Select(p => p.Who).Order());
    }
}

public sealed class BadgeCostTestsOnSqlite(CountingSqliteApp app) : BadgeCostTests(app), IClassFixture<CountingSqliteApp>;

public sealed class BadgeCostTestsOnPostgres(CountingPostgresApp app) : BadgeCostTests(app), IClassFixture<CountingPostgresApp>;
