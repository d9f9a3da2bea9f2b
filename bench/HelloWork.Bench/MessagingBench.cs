using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HelloWork.Tests.Infrastructure;
using HelloWork.Web;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Messages;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Bench;

/// <summary>
/// N seekers, each with a thread with one establishment and a live connection (a thread page:
/// push, then fetch ?after=seq, like messages.js). One employer posts round-robin into those
/// threads as fast as the server accepts for a fixed time. Reports accepted messages per second
/// and the time from the start of the send request until the recipient's page holds the message.
/// Loopback only; every loop is bounded by the duration or a count.
///
///   dotnet run -c Release --project bench/HelloWork.Bench -- --db sqlite --clients 200 --seconds 20
/// </summary>
public static partial class MessagingBench
{
    private const string Password = "Bench-pass1";

    public static async Task<int> Main(string[] args)
    {
        var db = Arg(args, "--db", "sqlite");
        var clients = int.Parse(Arg(args, "--clients", "200"));
        var seconds = int.Parse(Arg(args, "--seconds", "20"));
        var provider = db == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var work = Path.Combine(Path.GetTempPath(), $"hellowork-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        Environment.SetEnvironmentVariable("HELLOWORK_TEST_ARTIFACTS", work);
        var connectionString = provider == DatabaseProvider.Postgres
            ? await TestServices.CreatePostgresDatabaseAsync()
            : $"Data Source={Path.Combine(work, "bench.db")}";

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = connectionString,
            ["Database:SeedDemoData"] = "false",
            ["Mail:Delivery"] = "Pickup",
            ["Mail:PickupDirectory"] = Path.Combine(work, "mail"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddHelloWork();
        await using var app = builder.Build();
        app.MapHelloWork();
        await app.StartAsync();
        var baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Console.WriteLine($"server {baseUrl} on {provider}; {clients} clients, {seconds} s");

        // People and threads, straight into the database (hashing is the slow part of sign-up, not of messaging).
        var (employer, seekers, threads) = await SeedAsync(app.Services, clients);

        var sw = Stopwatch.StartNew();
        var employerClient = await SignInAsync(baseUrl, employer.Email!);
        var pages = new ThreadPage[clients];
        var received = new ConcurrentDictionary<(long Thread, long Seq), long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var client = await SignInAsync(baseUrl, seekers[i].Email!);
            pages[i] = await ThreadPage.OpenAsync(baseUrl, client, threads[i], received);
        });
        Console.WriteLine($"{clients} seekers signed in and connected in {sw.Elapsed.TotalSeconds:F1} s");

        // One sender, one request at a time, as fast as the server accepts.
        var sentAt = new ConcurrentDictionary<(long Thread, long Seq), long>();
        var perThread = new long[clients];
        var accepted = 0;
        var refused = 0;
        var token = await TokenAsync(employerClient, baseUrl);
        var run = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        for (var n = 0; run.Elapsed < until; n++)
        {
            var i = n % clients;
            var start = Stopwatch.GetTimestamp();
            var seq = perThread[i] + 1;
            sentAt[(threads[i], seq)] = start;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"/messages/{threads[i]}"))
            {
                Content = new FormUrlEncodedContent([new("Body", $"ベンチマーク {n}: 面接の日程についてご連絡します。"), new("Key", Guid.NewGuid().ToString("N"))]),
            };
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("RequestVerificationToken", token);
            using var response = await employerClient.Http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                accepted++;
                perThread[i] = seq;
            }
            else
            {
                refused++;
                sentAt.TryRemove((threads[i], seq), out _);
            }
        }
        var elapsed = run.Elapsed;

        // Let the last pushes and fetches land (bounded).
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(15) && received.Count < accepted) await Task.Delay(100);

        var latencies = sentAt
            .Select(s => received.TryGetValue(s.Key, out var at) ? Stopwatch.GetElapsedTime(s.Value, at).TotalMilliseconds : double.NaN)
            .Where(ms => !double.IsNaN(ms)).Order().ToArray();
        var duplicates = pages.Sum(p => p.Duplicates);
        var outOfOrder = pages.Sum(p => p.OutOfOrder);
        Console.WriteLine($"db={provider} clients={clients} seconds={seconds}");
        Console.WriteLine($"accepted={accepted} refused={refused} rate={accepted / elapsed.TotalSeconds:F1} msg/s");
        Console.WriteLine($"received={latencies.Length} missing={accepted - latencies.Length} duplicates={duplicates} out-of-order={outOfOrder}");
        if (latencies.Length > 0)
        {
            Console.WriteLine($"send→recipient's page: p50={Percentile(latencies, 0.50):F1} ms p99={Percentile(latencies, 0.99):F1} ms max={latencies[^1]:F1} ms");
        }
        foreach (var page in pages) await page.DisposeAsync();
        await app.StopAsync();
        try { Directory.Delete(work, recursive: true); } catch (IOException) { /* a file still open; it is in /tmp */ }
        return accepted > 0 && latencies.Length == accepted && duplicates == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static async Task<(AppUser Employer, AppUser[] Seekers, long[] Threads)> SeedAsync(IServiceProvider services, int count)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>();
        var now = DateTime.UtcNow;
        var est = Establishment.Create("9999-000001-1", "ベンチ株式会社", "東京都", "新宿区", now);
        db.Add(est);
        var employer = AppUser.Create(UserKind.Employer, "employer@bench.example", "ベンチ 採用担当", now);
        employer.JoinEstablishment(est.Id);
        var seekers = Enumerable.Range(0, count).Select(i => AppUser.Create(UserKind.Seeker, $"seeker{i}@bench.example", $"求職者 {i}", now)).ToArray();
        var hash = hasher.HashPassword(employer, Password); // one hash for all: the same password
        foreach (var user in seekers.Append(employer))
        {
            user.PasswordHash = hash;
            user.NormalizedEmail = user.Email!.ToUpperInvariant();
            user.NormalizedUserName = user.UserName!.ToUpperInvariant();
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
        var threads = new long[count];
        for (var i = 0; i < count; i++)
        {
            threads[i] = (await OpenThread.ForAsync(db, ThreadSubject.Application, $"bench-{i}", "ベンチの応募", new(seekers[i].Id, est.Id), now)).Id;
        }
        return (employer, seekers, threads);
    }

    public sealed record Client(HttpClient Http, CookieContainer Cookies);

    private static async Task<Client> SignInAsync(Uri baseUrl, string email)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        var client = new Client(http, cookies);
        var token = await TokenAsync(client, baseUrl, "/login");
        using var login = await http.PostAsync("/login", new FormUrlEncodedContent(
            [new("Email", email), new("Password", Password), new("__RequestVerificationToken", token)]));
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"login of {email}: {login.StatusCode}");
        return client;
    }

    private static async Task<string> TokenAsync(Client client, Uri baseUrl, string page = "/messages/settings")
    {
        var html = await client.Http.GetStringAsync(new Uri(baseUrl, page));
        return WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("data-seq=\"(\\d+)\"")]
    private static partial Regex Seq();

    /// <summary>A seeker's open thread page: on each push, fetch what is after the last sequence held (one fetch at a time).</summary>
    private sealed class ThreadPage : IAsyncDisposable
    {
        private readonly SemaphoreSlim _one = new(1, 1);
        private HubConnection _connection = null!;
        private long _last;
        public int Duplicates;
        public int OutOfOrder;

        public static async Task<ThreadPage> OpenAsync(Uri baseUrl, Client client, long threadId, ConcurrentDictionary<(long, long), long> received)
        {
            var page = new ThreadPage();
            page._connection = LiveConnections.OverNetwork(baseUrl, client.Cookies.GetCookieHeader(baseUrl), withReconnect: true);
            page._connection.On<long>("MessageReceived", id => id == threadId ? page.FetchAsync(baseUrl, client, threadId, received) : Task.CompletedTask);
            page._connection.Reconnected += _ => page.FetchAsync(baseUrl, client, threadId, received);
            await page._connection.StartAsync();
            return page;
        }

        private async Task FetchAsync(Uri baseUrl, Client client, long threadId, ConcurrentDictionary<(long, long), long> received)
        {
            await _one.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, $"/messages/{threadId}/messages?after={_last}"));
                request.Headers.Add("HX-Request", "true");
                using var response = await client.Http.SendAsync(request);
                var html = await response.Content.ReadAsStringAsync();
                var now = Stopwatch.GetTimestamp();
                foreach (Match m in Seq().Matches(html))
                {
                    var seq = long.Parse(m.Groups[1].Value);
                    if (seq <= _last) OutOfOrder++;
                    if (!received.TryAdd((threadId, seq), now)) Duplicates++;
                    _last = Math.Max(_last, seq);
                }
            }
            finally
            {
                _one.Release();
            }
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
