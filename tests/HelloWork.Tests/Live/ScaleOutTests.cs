using System.Diagnostics;
using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Mail;
using HelloWork.Web.TimedRules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using HelloWork.Tests.Features.Messages;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Live;

/// <summary>
/// OPS-2 with two real instances (each on its own port), one PostgreSQL and one Redis, a fresh
/// pair of instances and database per test. Several instances are a PostgreSQL deployment (the
/// embedded SQLite default is one instance, see SingleInstanceTests), so these run on PostgreSQL.
/// Browsers reach the instances through a <see cref="StickyRoute"/>, as through the proxy.
/// </summary>
[Collection(SeveralInstances.Name)]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private Cluster _cluster = null!;
    private readonly GateRule _gateOnA = new();
    private readonly GateRule _gateOnB = new();

    private AppInstance A => _cluster.A;
    private AppInstance B => _cluster.B;

    public async ValueTask InitializeAsync()
    {
        var gates = new Queue<GateRule>([_gateOnA, _gateOnB]);
        _cluster = await Cluster.StartAsync(services: s => s.AddSingleton<ITimedRule>(gates.Dequeue()));
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact, Trait("Rule", "OPS-2")]
    public async Task A_message_sent_through_one_instance_reaches_the_recipients_page_on_the_other()
    {
        var (p, seekerOnB, employerOnA) = await ConversationAsync(seekerOn: B, employerOn: A);
        await using var seekerPage = await ThreadPage.OpenAsync(seekerOnB, p.SeekerClient, p.ThreadId);

        await SendAsync(p.EmployerClient, p.ThreadId, "面接は12月3日です");

        Assert.Equal(("MessageReceived", p.ThreadId), await seekerPage.NextAsync("MessageReceived"));
        await Cluster.WaitUntilAsync(async () => (await seekerPage.ShownAsync()).Length == 1, "the message shown");
        Assert.Same(B, seekerOnB.Current);
        Assert.Same(A, employerOnA.Current);
    }

    [Fact, Trait("Rule", "OPS-2")]
    public async Task A_sign_in_and_a_form_made_on_one_instance_are_honoured_by_the_other()
    {
        var seeker = await A.CreateUserAsync(UserKind.Seeker, "山田 花子");
        var onA = await A.SignInAsync(seeker);
        var tokenFromA = await FormTokenAsync(onA, "/messages/settings");
        using var toB = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = B.Address };

        using var page = new HttpRequestMessage(HttpMethod.Get, "/mypage") { Headers = { { "Cookie", onA.CookieHeader } } };
        using var shown = await toB.SendAsync(page);
        using var form = new HttpRequestMessage(HttpMethod.Post, "/messages/settings")
        {
            Headers = { { "Cookie", onA.CookieHeader } },
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", tokenFromA), new("ReadReceipts", "false")]),
        };
        using var posted = await toB.SendAsync(form);

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("山田 花子", await shown.Content.ReadAsStringAsync());
        Assert.True(posted.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
    }

    [Fact, Trait("Rule", "OPS-2")]
    public async Task A_timed_rule_runs_on_one_instance_at_a_time()
    {
        var passOnA = A.RunTimedRulesAsync();
        await _gateOnA.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10)); // A holds the rule's lease now

        var passOnB = await B.RunTimedRulesAsync();
        _gateOnA.Release.TrySetResult();
        var doneOnA = await passOnA;

        Assert.False(passOnB.ContainsKey(GateRule.RuleName));
        Assert.Equal(0, _gateOnB.Runs);
        Assert.Equal(1, doneOnA[GateRule.RuleName]);
    }

    [Fact, Trait("Rule", "OPS-2")]
    public async Task Each_mail_goes_out_once_when_both_instances_send_the_outbox_at_the_same_time()
    {
        var batch = Guid.NewGuid().ToString("N")[..8];
        const int count = 40;
        await A.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.Add(OutboxMail.Create($"scale-{batch}-{i}@test.example", "test", new RenderedMail($"{batch} #{i}", "本文", "<p>本文</p>"), A.Clock.UtcNow));
            }
            await db.SaveChangesAsync();
        });

        await Task.WhenAll(A.DispatchMailAsync(), B.DispatchMailAsync(), A.DispatchMailAsync(), B.DispatchMailAsync());
        await Cluster.WaitUntilAsync(() => A.WithDbAsync(db => db.Set<OutboxMail>().AllAsync(m => !m.To.StartsWith($"scale-{batch}") || m.SentAt != null)), "every mail sent");

        var received = A.Mail.All().Where(m => m.Subject.StartsWith(batch, StringComparison.Ordinal)).Select(m => m.Subject).Order().ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{batch} #{i}").Order(), received);
    }

    [Fact, Trait("Rule", "OPS-2")]
    public async Task When_an_instance_dies_while_messages_flow_its_pages_move_to_the_other_and_show_every_message_once_in_order()
    {
        var (p, seekerOnB, _) = await ConversationAsync(seekerOn: B, employerOn: A);
        await using var seekerPage = await ThreadPage.OpenAsync(seekerOnB, p.SeekerClient, p.ThreadId);
        const int total = 30;
        Task? killing = null;

        for (var i = 1; i <= total; i++)
        {
            if (i == 12) killing = B.KillAsync(); // while the next messages are being sent
            // Every third from the seeker, whose browser is stuck to B until B is gone.
            var (client, body) = i % 3 == 0 ? (p.SeekerClient, $"返信{i}") : (p.EmployerClient, $"メッセージ{i}");
            await SendUntilStoredAsync(client, p.ThreadId, body);
        }
        await killing!;

        await Cluster.WaitUntilAsync(async () => (await seekerPage.ShownAsync()).Length >= total, "all messages shown");
        Assert.Same(A, seekerOnB.Current);
        Assert.True(seekerPage.Reconnects >= 1, $"reconnected {seekerPage.Reconnects} times");
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), await seekerPage.ShownAsync());
        Assert.Equal(Enumerable.Range(1, total).Select(i => i % 3 == 0 ? $"返信{i}" : $"メッセージ{i}"), await BodiesAsync(A, p.ThreadId));
    }

    [Fact, Trait("Rule", "OPS-2"), Trait("Rule", "SEC-4")]
    public async Task Ending_a_session_on_one_instance_closes_its_live_connection_held_by_the_other()
    {
        var seeker = await A.CreateUserAsync(UserKind.Seeker, "山田 花子");
        var pc = await _cluster.SignInAsync(seeker, _cluster.RouteTo(A));
        var phone = await _cluster.SignInAsync(seeker, _cluster.RouteTo(B));
        var phoneClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var phoneTab = LiveConnections.OverNetwork(B.Address, phone.CookieHeader);
        phoneTab.Closed += _ => { phoneClosed.TrySetResult(); return Task.CompletedTask; };
        await phoneTab.StartAsync();

        var page = await pc.PostFormPageAsync("/account/sessions/end-others", [], formPage: "/account/sessions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The phone's connection is on B; only A ended the session. A raw client ignores "SessionEnded",
        // so only B aborting the connection closes it.
        Assert.Same(phoneClosed.Task, await Task.WhenAny(phoneClosed.Task, Task.Delay(TimeSpan.FromSeconds(10))));
    }

    /// <summary>A seeker and an employer, each signed in through a browser stuck to one instance, and their thread.</summary>
    private Task<(Pair Pair, StickyRoute SeekerRoute, StickyRoute EmployerRoute)> ConversationAsync(AppInstance seekerOn, AppInstance employerOn) =>
        ConversationAsync(_cluster, seekerOn, employerOn);

    internal static async Task<(Pair Pair, StickyRoute SeekerRoute, StickyRoute EmployerRoute)> ConversationAsync(Cluster cluster, AppInstance seekerOn, AppInstance employerOn)
    {
        var est = await EstablishmentAsync(cluster.A);
        var seeker = await cluster.A.CreateUserAsync(UserKind.Seeker, "山田 花子");
        var employer = await EmployerAsync(cluster.A, est.Id, "みどり介護 採用担当");
        var seekerRoute = cluster.RouteTo(seekerOn);
        var employerRoute = cluster.RouteTo(employerOn);
        var seekerClient = await cluster.SignInAsync(seeker, seekerRoute);
        var employerClient = await cluster.SignInAsync(employer, employerRoute);
        var thread = await OpenAsync(cluster.A, seeker.Id, est.Id);
        return (new Pair(seeker, seekerClient, employer, employerClient, est, thread.Id), seekerRoute, employerRoute);
    }

    /// <summary>Like the send box: a send whose answer was lost (the instance died under it) is sent again with the same key.</summary>
    private static async Task SendUntilStoredAsync(UserClient client, long threadId, string body)
    {
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var page = await SendAsync(client, threadId, body, key);
                Assert.Equal(HttpStatusCode.OK, page.Status);
                return;
            }
            catch (HttpRequestException) when (attempt < 5)
            {
            }
        }
    }

    private static async Task<string> FormTokenAsync(UserClient client, string page)
    {
        var html = (await client.PageAsync(page)).Html;
        var match = System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]+)\"");
        Assert.True(match.Success);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

/// <summary>OPS-2: Redis goes away under two instances and comes back (its own redis-server, killed on purpose).</summary>
[Collection(SeveralInstances.Name)]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private Cluster? _cluster;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _cluster?.DisposeAsync() ?? ValueTask.CompletedTask;

    [Fact, Trait("Rule", "OPS-2")]
    public async Task While_Redis_is_down_sending_works_health_says_degraded_and_pushes_resume_by_themselves_when_it_is_back()
    {
        var cluster = _cluster = await Cluster.StartAsync(redis: await RedisServer.StartAsync());
        var (p, seekerOnB, _) = await ScaleOutTests.ConversationAsync(cluster, seekerOn: cluster.B, employerOn: cluster.A);
        await using var seekerPage = await ThreadPage.OpenAsync(seekerOnB, p.SeekerClient, p.ThreadId);
        await SendAsync(p.EmployerClient, p.ThreadId, "1");
        await seekerPage.NextAsync("MessageReceived");

        cluster.Redis.Kill();
        foreach (var instance in cluster.Instances)
        {
            await Cluster.WaitUntilAsync(async () => await Cluster.HealthAsync(instance) == (HttpStatusCode.OK, "degraded", "unavailable"), $"{instance.Name} degraded");
        }
        var sending = Stopwatch.StartNew();
        for (var i = 2; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(p.EmployerClient, p.ThreadId, $"{i}")).Status);
        }
        sending.Stop();
        await cluster.Redis.StartAgainAsync();

        foreach (var instance in cluster.Instances)
        {
            await Cluster.WaitUntilAsync(async () => await Cluster.HealthAsync(instance) == (HttpStatusCode.OK, "ok", "ok"), $"{instance.Name} healthy again");
        }
        // The instance closed its live connections when Redis came back: the page reconnected and caught up.
        await Cluster.WaitUntilAsync(async () => (await seekerPage.ShownAsync()).Length >= 4, "the messages sent while Redis was down shown");
        await SendAsync(p.EmployerClient, p.ThreadId, "5");
        Assert.Equal(("MessageReceived", p.ThreadId), await seekerPage.NextAsync("MessageReceived"));
        await Cluster.WaitUntilAsync(async () => (await seekerPage.ShownAsync()).Length >= 5, "the message after shown");

        Assert.True(sending.Elapsed < TimeSpan.FromSeconds(4), $"3 sends took {sending.Elapsed} while Redis was down (a push must not wait for Redis)");
        Assert.True(seekerPage.Reconnects >= 1, $"reconnected {seekerPage.Reconnects} times");
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, await seekerPage.ShownAsync());
    }

    [Fact, Trait("Rule", "OPS-2")]
    public async Task Instances_started_while_Redis_is_down_work_and_carry_pushes_once_it_is_up()
    {
        var redis = await RedisServer.StartAsync();
        redis.Kill();
        var cluster = _cluster = await Cluster.StartAsync(redis: redis);
        await Cluster.WaitUntilAsync(async () => await Cluster.HealthAsync(cluster.A) == (HttpStatusCode.OK, "degraded", "unavailable"), "A degraded");
        var (p, seekerOnB, _) = await ScaleOutTests.ConversationAsync(cluster, seekerOn: cluster.B, employerOn: cluster.A);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(p.EmployerClient, p.ThreadId, "1")).Status);

        await redis.StartAgainAsync();
        foreach (var instance in cluster.Instances)
        {
            await Cluster.WaitUntilAsync(async () => await Cluster.HealthAsync(instance) == (HttpStatusCode.OK, "ok", "ok"), $"{instance.Name} healthy");
        }
        await using var seekerPage = await ThreadPage.OpenAsync(seekerOnB, p.SeekerClient, p.ThreadId);
        await SendAsync(p.EmployerClient, p.ThreadId, "2");

        Assert.Equal(("MessageReceived", p.ThreadId), await seekerPage.NextAsync("MessageReceived"));
        await Cluster.WaitUntilAsync(async () => (await seekerPage.ShownAsync()).Length >= 2, "both messages shown");
        Assert.Equal(new long[] { 1, 2 }, await seekerPage.ShownAsync());
    }
}

/// <summary>A timed rule that, once entered, waits until the test lets it go.</summary>
public sealed class GateRule : ITimedRule
{
    public const string RuleName = "gate";
    private int _runs;

    public string Name => RuleName;
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Runs => _runs;

    public async Task<int> RunAsync(Web.Data.AppDb db, DateTime now, CancellationToken ct)
    {
        Interlocked.Increment(ref _runs);
        Entered.TrySetResult();
        await Release.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        return 1;
    }
}

/// <summary>OPS-2 and OPS-4: instances starting together, and PostgreSQL going away under them.</summary>
[Collection(SeveralInstances.Name)]
public sealed class ScaleOutStartAndRestartTests
{
    [Fact, Trait("Rule", "OPS-2"), Trait("Rule", "OPS-4")]
    public async Task Two_instances_starting_together_on_an_empty_database_make_the_schema_and_the_demo_data_once()
    {
        var redis = await TestServices.RedisAsync();
        var database = await TestServices.CreatePostgresDatabaseAsync();
        await using var a = new AppInstance("A", database, redis.ConnectionString, seedDemoData: true);
        await using var b = new AppInstance("B", database, redis.ConnectionString, seedDemoData: true);

        await Task.WhenAll(Task.Run(async () => await a.InitializeAsync()), Task.Run(async () => await b.InitializeAsync()));

        var demo = new Web.Features.Demo.DemoAccounts().All.Select(d => d.Email).ToList();
        Assert.Equal(demo.Count, await a.WithDbAsync(db => db.Users.CountAsync(u => demo.Contains(u.Email!))));
        Assert.Equal(2, await a.WithDbAsync(db => db.Set<Establishment>().CountAsync()));
    }

    [Fact, Trait("Rule", "OPS-2")]
    public async Task After_PostgreSQL_restarts_both_instances_answer_again_within_5_seconds_and_nobody_sees_a_stack_trace()
    {
        var postgres = await PostgresCluster.StartAsync(); // its own server: the others' connections are left alone
        await using var cluster = await Cluster.StartAsync(postgres.AdminConnectionString);
        var seeker = await cluster.A.CreateUserAsync(UserKind.Seeker, "山田 花子");
        var browsers = new[] { await cluster.A.SignInAsync(seeker), await cluster.B.SignInAsync(seeker) };
        var seen = new List<string>();

        await postgres.StopAsync();
        foreach (var browser in browsers)
        {
            using var down = await browser.GetAsync("/mypage");
            seen.Add(await down.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.InternalServerError, down.StatusCode);
        }
        foreach (var instance in cluster.Instances)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Cluster.HealthAsync(instance)).Code);
        }
        await postgres.StartAgainAsync();
        var back = Stopwatch.StartNew();
        foreach (var browser in browsers)
        {
            await Cluster.WaitUntilAsync(async () =>
            {
                using var response = await browser.GetAsync("/mypage");
                seen.Add(await response.Content.ReadAsStringAsync());
                return response.StatusCode == HttpStatusCode.OK;
            }, "MyPage answers again", seconds: 5);
        }

        Assert.True(back.Elapsed < TimeSpan.FromSeconds(5), $"answered again after {back.Elapsed}");
        foreach (var instance in cluster.Instances)
        {
            Assert.Equal(HttpStatusCode.OK, (await Cluster.HealthAsync(instance)).Code);
        }
        Assert.All(seen, body =>
        {
            Assert.DoesNotContain("Exception", body);
            Assert.DoesNotContain("Npgsql", body);
            Assert.DoesNotContain(" at HelloWork", body);
        });
    }
}

/// <summary>Tests that start several instances run one at a time (each is heavy, and some stop a server on purpose).</summary>
[CollectionDefinition(Name)]
public sealed class SeveralInstances
{
    public const string Name = "Several instances";
}
