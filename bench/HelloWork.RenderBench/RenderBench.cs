using System.Diagnostics;
using System.Globalization;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace HelloWork.RenderBench;

/// <summary>
/// Renders the thread page (messages/thread with its partials, 50 messages) from one model many
/// times, after a warm-up, and prints the time per render. In-process only; no server, no network.
///
///   dotnet run -c Release --project bench/HelloWork.RenderBench -- --iterations 20000
/// </summary>
public static class RenderBench
{
    public static int Main(string[] args)
    {
        var iterations = int.Parse(Arg(args, "--iterations", "20000"));
        var rounds = int.Parse(Arg(args, "--rounds", "5"));
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");

        var http = new HttpContextAccessor { HttpContext = new DefaultHttpContext() };
        var antiforgery = new FixedAntiforgery();
        var texts = new Texts();
        var model = ThreadModel(50);
        var engines = Engines(texts, http, antiforgery);

        foreach (var (name, render) in engines)
        {
            Console.WriteLine($"{name}: {render(model).Length:N0} characters");
        }
        foreach (var (_, render) in engines)
        {
            for (var i = 0; i < Math.Max(1000, iterations / 10); i++) render(model);
        }

        // Rounds, so a neighbour's build on the shared machine shows as a spread, not as one slow block.
        var samples = engines.ToDictionary(e => e.Name, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, render) in engines)
            {
                var list = samples[name];
                for (var i = 0; i < iterations / rounds; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    render(model);
                    list.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
            }
        }

        Console.WriteLine($"messages/thread, 50 messages, {iterations:N0} renders per engine in {rounds} alternating rounds:");
        foreach (var (name, list) in samples)
        {
            list.Sort();
            var mean = list.Average();
            var median = list[list.Count / 2];
            Console.WriteLine($"  {name,-12} mean {mean,8:F1} µs  median {median,8:F1} µs  p99 {list[(int)(list.Count * 0.99)],8:F1} µs");
        }
        return 0;
    }

    private static List<(string Name, Func<object, string> Render)> Engines(Texts texts, IHttpContextAccessor http, IAntiforgery antiforgery)
    {
        // Handlebars.Net ran beside it once, for the before/after figure in the commit that removed it.
        var templates = new Templates(Options.Create(new RenderingOptions { TemplatesPath = TemplatesRoot() }), texts, http, antiforgery);
        return [("Scriban", m => templates.Render("messages/thread", m))];
    }

    internal static ShowThread.View ThreadModel(int count)
    {
        var now = new DateTime(2026, 12, 5, 1, 0, 0, DateTimeKind.Utc);
        var thread = MessageThread.Open(ThreadSubject.Application, "bench-1", "介護職員（デイサービス）への応募", Guid.NewGuid(), Guid.NewGuid(), null, now.AddDays(-3));
        var rows = Enumerable.Range(1, count).Select(i => new ShowThread.Row(
            i, i % 2 == 0 ? "山田 花子" : "みどり介護 採用担当", now.AddMinutes(i),
            Message.ToHtml($"面接の件、{i}回目のご連絡です。<よろしく> & https://example.jp/a?b={i}&c=2 をご覧ください。"),
            i % 2 == 0, i % 2 == 0 ? "messages.state.read" : null, i % 2 == 0 ? $"key-{i}" : null)).ToList();
        return new ShowThread.View(thread, Guid.NewGuid(), "株式会社みどり介護", new ShowThread.Messages(thread.Id, rows, 1),
            new SendMessage.View(thread.Id, "下書き <b>", "key-1", null, 2000), new ShowThread.State(thread.Id, "messages.state.read", count, count), null);
    }

    internal static string TemplatesRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HelloWork.sln"))) return Path.Combine(dir.FullName, "templates");
        }
        throw new InvalidOperationException("run from inside the repository");
    }

    private static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>Same tokens every time: the bench measures templates, not token generation.</summary>
    private sealed class FixedAntiforgery : IAntiforgery
    {
        private static readonly AntiforgeryTokenSet Tokens = new("request-token", "cookie-token", "__RequestVerificationToken", "RequestVerificationToken");
        public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => Tokens;
        public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => Tokens;
        public Task<bool> IsRequestValidAsync(HttpContext httpContext) => Task.FromResult(true);
        public Task ValidateRequestAsync(HttpContext httpContext) => Task.CompletedTask;
        public void SetCookieTokenAndHeader(HttpContext httpContext) { }
    }
}
