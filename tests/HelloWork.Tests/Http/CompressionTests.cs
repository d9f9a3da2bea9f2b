using System.IO.Compression;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Features.Notices;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Http;

/// <summary>
/// Pages and htmx fragments travel compressed when the browser accepts it, and every main fragment
/// of a busy person (a full page of messages, threads, notices) stays within 10 KB on the wire.
/// The BREACH decision behind compressing over HTTPS (see Compression) is checked too.
/// </summary>
public abstract class CompressionTests(HelloWorkApp app)
{
    public const int FragmentMaxBytes = 10 * 1024;

    public sealed record Busy(UserClient Seeker, long Thread);

    private static readonly ConditionalWeakTable<HelloWorkApp, Task<Busy>> People = new();

    public static TheoryData<string> Fragments => new(
        "/messages/{thread}/messages", "/messages/{thread}/messages?after=0", "/messages/{thread}/state",
        "/messages/list", "/messages/badge", "/notices/list", "/notices/badge");

    [Theory]
    [MemberData(nameof(Fragments))]
    public async Task Each_main_fragment_of_a_busy_person_is_at_most_10_KB_compressed(string fragment)
    {
        var busy = await People.GetValue(app, a => BusyAsync(a));
        var url = fragment.Replace("{thread}", busy.Thread.ToString());

        var (encoding, wire, text) = await GetAsync(busy.Seeker, url, "gzip");

        TestContext.Current.TestOutputHelper?.WriteLine($"{url}: {Encoding.UTF8.GetByteCount(text)} bytes, {wire} gzipped");
        Assert.Equal("gzip", encoding);
        Assert.True(wire <= FragmentMaxBytes, $"{url}: {wire} bytes compressed");
    }

    [Fact]
    public async Task A_fragment_asked_with_gzip_comes_gzipped_and_reads_as_the_plain_one()
    {
        var busy = await People.GetValue(app, a => BusyAsync(a));
        var url = $"/messages/{busy.Thread}/messages";

        var plain = await GetAsync(busy.Seeker, url, null);
        var gzipped = await GetAsync(busy.Seeker, url, "gzip");
        var brotli = await GetAsync(busy.Seeker, url, "br");

        Assert.Null(plain.Encoding);
        Assert.Equal("gzip", gzipped.Encoding);
        Assert.Equal("br", brotli.Encoding);
        Assert.Equal(plain.Text, gzipped.Text);
        Assert.Equal(plain.Text, brotli.Text);
        Assert.True(gzipped.Wire * 3 < plain.Wire, $"{plain.Wire} bytes plain, {gzipped.Wire} gzipped");
    }

    [Fact]
    public async Task The_antiforgery_token_on_a_page_is_new_on_every_response_so_compression_leaks_no_stable_secret()
    {
        var busy = await People.GetValue(app, a => BusyAsync(a));

        var first = Token((await GetAsync(busy.Seeker, "/messages/settings", "gzip")).Text);
        var second = Token((await GetAsync(busy.Seeker, "/messages/settings", "gzip")).Text);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_message_search_which_echoes_the_query_beside_private_messages_is_never_compressed()
    {
        var busy = await People.GetValue(app, a => BusyAsync(a));

        var search = await GetAsync(busy.Seeker, "/messages/search?q=%E9%9D%A2%E6%8E%A5", "gzip, br");

        Assert.Null(search.Encoding);
        Assert.Contains("面接", search.Text);
    }

    private static string Token(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value is { Length: > 0 } token
            ? token : throw new InvalidOperationException("no token");

    /// <summary>A GET as htmx asks it, accepting <paramref name="acceptEncoding"/>: the encoding answered, the bytes on the wire, and the text.</summary>
    private static async Task<(string? Encoding, int Wire, string Text)> GetAsync(UserClient client, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!url.StartsWith("/messages/settings") && !url.StartsWith("/messages/search")) request.Headers.Add("HX-Request", "true");
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        using var body = encoding switch
        {
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            _ => (Stream)new MemoryStream(bytes),
        };
        using var reader = new StreamReader(body, Encoding.UTF8);
        return (encoding, bytes.Length, await reader.ReadToEndAsync());
    }

    /// <summary>A seeker with a hundred threads (each with an unread message), a thread of 40 long messages, and 40 notices.</summary>
    private static async Task<Busy> BusyAsync(HelloWorkApp app)
    {
        var est = await EstablishmentAsync(app, "社会福祉法人 みどりの森 特別養護老人ホーム");
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker, "山田 花子");
        var employer = await EmployerAsync(app, est.Id, "採用担当 佐藤");
        var staff = await app.CreateUserAsync(UserKind.Staff, "職員");
        var threads = new List<long>();
        for (var i = 0; i < ListThreads.Limit; i++)
        {
            threads.Add((await OpenAsync(app, seeker.Id, est.Id, $"介護職員（正社員・夜勤あり）への応募 {i}")).Id);
        }
        await app.WithDbAsync(async db =>
        {
            var s = await db.Users.SingleAsync(u => u.Id == seeker.Id);
            var e = await db.Users.SingleAsync(u => u.Id == employer.Id);
            var now = app.Clock.UtcNow;
            var tracked = await db.Set<MessageThread>().Where(t => threads.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync();
            foreach (var thread in tracked)
            {
                db.Add(thread.Post(e, $"ご応募ありがとうございます。書類を拝見しました（{thread.Id}）。", Guid.NewGuid().ToString("N"), false, now));
            }
            for (var i = 0; i < 40; i++)
            {
                var body = $"{i}: 面接の日程についてご相談です。来週の火曜日 10 時、水曜日 14 時、木曜日 16 時のいずれかでご都合はいかがでしょうか。"
                    + "当日は履歴書と職務経歴書をお持ちください。場所は本館 2 階の会議室です。ご不明な点があればこちらのメッセージでお知らせください。";
                db.Add(tracked[0].Post(i % 2 == 0 ? e : s, body, Guid.NewGuid().ToString("N"), false, now));
            }
            var staffUser = await db.Users.SingleAsync(u => u.Id == staff.Id);
            for (var i = 0; i < 40; i++)
            {
                db.Add(Notice.Send(staffUser, s, $"合同就職面接会のご案内（{i}）", "本文", now));
            }
            await db.SaveChangesAsync();
        });
        return new Busy(seekerClient, threads[0]);
    }
}

public sealed class CompressionTestsOnSqlite(SqliteApp app) : CompressionTests(app), IClassFixture<SqliteApp>;

public sealed class CompressionTestsOnPostgres(PostgresApp app) : CompressionTests(app), IClassFixture<PostgresApp>;
