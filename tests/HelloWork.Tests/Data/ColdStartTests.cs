using System.Collections.Concurrent;
using HelloWork.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace HelloWork.Tests.Data;

/// <summary>
/// A first start on an empty database is clean: the schema is made before the mail dispatcher,
/// the timed rules or the data-protection key ring read it, so nothing logs a missing table.
/// </summary>
public abstract class ColdStartTests(DatabaseProvider provider)
{
    [Fact, Trait("Rule", "OPS-1")]
    public async Task A_first_start_on_an_empty_database_logs_no_error()
    {
        await using var app = new LoggedApp(provider);
        await app.InitializeAsync();
        // The background services' first passes start with the host; give them time to run, then
        // run one more of each (each waits for a pass in progress to end).
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await app.DispatchMailAsync();
        await app.RunTimedRulesAsync();
        using var login = await app.Anonymous().GetAsync("/login"); // protects an antiforgery token with the key ring

        Assert.True(login.IsSuccessStatusCode);
        // The capture saw the start from its beginning: the migrations were applied in it.
        Assert.Contains(app.Logs, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Migrations", StringComparison.Ordinal));
        var bad = app.Logs.Where(e => e.Level >= LogLevel.Error
                                      || e.Text.Contains("no such table", StringComparison.OrdinalIgnoreCase)
                                      || e.Text.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{e.Level} {e.Category}: {e.Text}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
    }

    public sealed record Entry(LogLevel Level, string Category, string Text);

    private sealed class LoggedApp(DatabaseProvider provider) : HelloWorkApp
    {
        private readonly ConcurrentQueue<Entry> _logs = new();

        public override DatabaseProvider Provider => provider;
        public IReadOnlyCollection<Entry> Logs => _logs.ToArray();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new Capture(_logs)));
        }
    }

    private sealed class Capture(ConcurrentQueue<Entry> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string category) => new Logger(logs, category);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<Entry> logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel level) => level != LogLevel.None;

            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? e, Func<TState, Exception?, string> format) =>
                logs.Enqueue(new(level, category, format(state, e) + (e is null ? "" : " " + e.Message)));
        }
    }
}

public sealed class ColdStartTestsOnSqlite() : ColdStartTests(DatabaseProvider.Sqlite);

public sealed class ColdStartTestsOnPostgres() : ColdStartTests(DatabaseProvider.Postgres);
