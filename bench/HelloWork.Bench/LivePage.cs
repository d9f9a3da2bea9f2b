using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelloWork.Bench;

/// <summary>
/// A person's open thread page, as messages.js behaves: the SignalR client (negotiate, then
/// WebSockets) with the person's cookie; on every MessageReceived for its thread it fetches
/// /messages/{id}/messages?after=last, one fetch at a time (a push during a fetch fetches again after).
/// </summary>
public sealed partial class LivePage : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly HttpClient _http;
    private readonly Uri _fragment;
    private readonly Session _session;
    private int _fetching;
    private int _dirty;

    public long Thread { get; }
    public long Last;
    public readonly List<long> Pushes = [];
    public readonly ConcurrentDictionary<long, long> Fetched = new();
    public int Duplicates;
    public int Reordered;
    public int FetchErrors;

    public LivePage(ServerProcess app, int index, HttpClient http, Session session, long thread, long last)
    {
        _http = http;
        _session = session;
        Thread = thread;
        Last = last;
        _fragment = app.Url(index, $"/messages/{thread}/messages");
        _connection = new HubConnectionBuilder()
            .WithUrl(app.Url(index, "/hubs/live"), HttpTransportType.WebSockets, o => o.Headers["Cookie"] = session.Cookie)
            .Build();
        _connection.On<long>("MessageReceived", id =>
        {
            if (id != Thread) return;
            lock (Pushes) Pushes.Add(Stopwatch.GetTimestamp());
            Kick();
        });
        foreach (var other in new[] { "MessageDelivered", "ThreadRead", "NoticeReceived", "NoticeRead" }) _connection.On<long>(other, _ => { });
        _connection.On("SessionEnded", () => { });
    }

    public Task StartAsync() => _connection.StartAsync();

    public int PushCount
    {
        get { lock (Pushes) return Pushes.Count; }
    }

    private void Kick()
    {
        Interlocked.Exchange(ref _dirty, 1);
        if (Interlocked.CompareExchange(ref _fetching, 1, 0) == 0) _ = Task.Run(FetchLoopAsync);
    }

    private async Task FetchLoopAsync()
    {
        while (Interlocked.Exchange(ref _dirty, 0) == 1)
        {
            try
            {
                await FetchOnceAsync();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref FetchErrors);
            }
        }
        Interlocked.Exchange(ref _fetching, 0);
        if (Volatile.Read(ref _dirty) == 1) Kick();
    }

    private async Task FetchOnceAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fragment + $"?after={Last}"));
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("Cookie", _session.Cookie);
        using var response = await _http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        var now = Stopwatch.GetTimestamp();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Interlocked.Increment(ref FetchErrors);
            return;
        }
        foreach (Match m in Seq().Matches(html))
        {
            var seq = long.Parse(m.Groups[1].Value);
            if (seq <= Last) Reordered++;
            if (!Fetched.TryAdd(seq, now)) Duplicates++;
            Last = Math.Max(Last, seq);
        }
    }

    [GeneratedRegex("data-seq=\"(\\d+)\"")]
    private static partial Regex Seq();

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

/// <summary>Posts into one thread, one request at a time, as the send box does; remembers when each sequence number's send began.</summary>
public sealed class Sender(ServerProcess app, int index, HttpClient http, Session session, long thread, long last)
{
    private readonly Uri _url = app.Url(index, $"/messages/{thread}");
    public long Thread => thread;
    public long Last = last;
    public readonly ConcurrentDictionary<long, long> Started = new();
    public readonly Latencies Post = new();
    public int Refused;

    /// <summary>True when stored.</summary>
    public async Task<bool> SendAsync(string body)
    {
        var seq = Last + 1;
        var start = Stopwatch.GetTimestamp();
        Started[seq] = start;
        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new FormUrlEncodedContent([new("Body", body), new("Key", Guid.NewGuid().ToString("N"))]),
        };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", session.Token);
        request.Headers.Add("Cookie", session.Cookie);
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            Post.Add(start, Stopwatch.GetTimestamp());
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Last = seq;
                return true;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // counted as refused
        }
        Started.TryRemove(seq, out _);
        Interlocked.Increment(ref Refused);
        return false;
    }
}
