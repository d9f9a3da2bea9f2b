using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

/// <summary>Only participants read or post; everyone else gets 404 on every thread endpoint and learns nothing.</summary>
public abstract class ThreadAccessTests(HelloWorkApp app)
{
    public enum Who { StrangerSeeker, OtherEstablishment, Staff }

    public static TheoryData<Who, string, string> Cases()
    {
        var data = new TheoryData<Who, string, string>();
        foreach (var who in Enum.GetValues<Who>())
        {
            foreach (var (method, path) in Endpoints)
            {
                data.Add(who, method, path);
            }
        }
        return data;
    }

    public static TheoryData<string, string> EndpointCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in Endpoints) data.Add(method, path);
        return data;
    }

    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("GET", "/messages/{id}"),
        ("GET", "/messages/{id}/messages?after=0"),
        ("GET", "/messages/{id}/messages?before=100"),
        ("GET", "/messages/{id}/state"),
        ("POST", "/messages/{id}"),
        ("POST", "/messages/{id}/unread"),
    ];

    private async Task<UserClient> AsAsync(Who who) => who switch
    {
        Who.StrangerSeeker => (await app.SignedInAsync(UserKind.Seeker)).Client,
        Who.OtherEstablishment => await app.SignInAsync(await EmployerAsync(app, (await EstablishmentAsync(app, "別の事業所")).Id)),
        _ => (await app.SignedInAsync(UserKind.Staff)).Client,
    };

    private static async Task<HttpStatusCode> CallAsync(UserClient client, string method, string path)
    {
        if (method == "GET")
        {
            using var get = await client.GetAsync(path, htmx: true);
            return get.StatusCode;
        }
        using var post = await client.PostFormAsync(path, Fields("覗き見の投稿"), formPage: "/messages/settings");
        return post.StatusCode;
    }

    [Theory, MemberData(nameof(Cases)), Trait("Rule", "MSG-1")]
    public async Task Someone_outside_the_thread_gets_404_and_changes_nothing(Who who, string method, string path)
    {
        var p = await PairAsync(app);
        await SendAsync(p.EmployerClient, p.ThreadId, "本人だけが読める内容");
        var outsider = await AsAsync(who);

        var status = await CallAsync(outsider, method, path.Replace("{id}", p.ThreadId.ToString()));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["本人だけが読める内容"], await BodiesAsync(app, p.ThreadId));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ThreadReader>().CountAsync(r => r.ThreadId == p.ThreadId && r.ReadSeq > 0 && r.UserId != p.Employer.Id)));
    }

    [Theory, MemberData(nameof(EndpointCases)), Trait("Rule", "MSG-1")]
    public async Task The_other_party_may_use_every_endpoint_of_the_thread(string method, string path)
    {
        var p = await PairAsync(app);
        await SendAsync(p.EmployerClient, p.ThreadId, "ご連絡");

        var status = await CallAsync(p.SeekerClient, method, path.Replace("{id}", p.ThreadId.ToString()));

        Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent });
    }

    [Fact, Trait("Rule", "MSG-1")]
    public async Task Lists_badges_and_search_show_an_outsider_nothing_of_other_peoples_threads()
    {
        var p = await PairAsync(app, "秘密の応募");
        await SendAsync(p.EmployerClient, p.ThreadId, "介護の面接について");
        var (_, stranger) = await app.SignedInAsync(UserKind.Seeker);

        Assert.Empty((await stranger.PageAsync("/messages/list", htmx: true)).Texts(".thread-row"));
        Assert.Empty((await stranger.PageAsync("/messages/badge", htmx: true)).Texts(".badge"));
        Assert.Empty((await stranger.PageAsync("/messages/search?q=介護")).Texts(".search-hit"));
        Assert.Equal(["秘密の応募"], (await p.SeekerClient.PageAsync("/messages/list", htmx: true)).Texts(".thread-title"));
    }

    [Fact, Trait("Rule", "MSG-1")]
    public async Task A_staff_conversation_is_open_to_its_staff_member_and_the_seeker_only()
    {
        var (staffUser, staff) = await app.SignedInAsync(UserKind.Staff, "職員 一郎");
        var (_, otherStaff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker);
        var thread = await app.WithDbAsync(db => OpenThread.ForAsync(db, ThreadSubject.Staff, Guid.NewGuid().ToString("N"), "職業相談",
            new(seeker.Id, StaffId: staffUser.Id), app.Clock.UtcNow));

        var sent = await SendAsync(staff, thread.Id, "相談の日程です。");
        await SendAsync(seekerClient, thread.Id, "承知しました。");

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Equal(["相談の日程です。", "承知しました。"], (await seekerClient.PageAsync($"/messages/{thread.Id}")).Texts(".message-body"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PageAsync($"/messages/{thread.Id}")).Status);
        Assert.Equal(["職業相談"], (await staff.PageAsync("/messages/list", htmx: true)).Texts(".thread-title"));
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_the_login()
    {
        var p = await PairAsync(app);

        using var response = await app.Anonymous().GetAsync($"/messages/{p.ThreadId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location!.ToString());
    }
}

public sealed class ThreadAccessTestsOnSqlite(SqliteApp app) : ThreadAccessTests(app), IClassFixture<SqliteApp>;

public sealed class ThreadAccessTestsOnPostgres(PostgresApp app) : ThreadAccessTests(app), IClassFixture<PostgresApp>;
