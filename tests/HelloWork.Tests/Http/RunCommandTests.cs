using System.Data.Common;
using System.Net;
using HelloWork.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace HelloWork.Tests.Http;

/// <summary>
/// SEC-1: the app as the README starts it, each time a real `dotnet run` process with its launch
/// profile. The environment given in the shell is the one that runs; the demo command with
/// nothing given is the demo (Development, demo accounts, the mail inbox for this machine).
/// </summary>
public abstract class RunCommandTests(DatabaseProvider provider)
{
    private const string DemoDomain = "@demo.hellowork.example";

    private sealed record Started(AppProcess App, string ConnectionString) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private async Task<Started> RunAsync(params (string Name, string Value)[] shell)
    {
        var connectionString = provider == DatabaseProvider.Postgres
            ? await TestServices.CreatePostgresDatabaseAsync()
            : $"Data Source={Path.Combine(TestServices.ArtifactsDirectory, $"run-{Guid.NewGuid():N}.db")}";
        // Where the data goes, so that a run does not write into the checkout; nothing about the environment.
        var variables = new Dictionary<string, string>
        {
            ["Database__Provider"] = provider.ToString(),
            ["Database__ConnectionString"] = connectionString,
            ["Mail__PickupDirectory"] = Path.Combine(TestServices.ArtifactsDirectory, $"run-mail-{Guid.NewGuid():N}"),
        };
        foreach (var (name, value) in shell)
        {
            variables[name] = value;
        }
        return new Started(await AppProcess.StartAsync(variables), connectionString);
    }

    private async Task<long> DemoAccountsAsync(string connectionString)
    {
        await using DbConnection connection = provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"Email\" LIKE '%{DemoDomain}'";
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task Started_the_production_way_it_runs_Production_with_no_mail_inbox_and_no_demo_accounts()
    {
        await using var run = await RunAsync(("ASPNETCORE_ENVIRONMENT", "Production"));
        var visitor = run.App.Client();

        Assert.Equal("Production", run.App.Environment);
        using (var inbox = await visitor.GetAsync("/dev/mails")) Assert.Equal(HttpStatusCode.NotFound, inbox.StatusCode);
        using (var mail = await visitor.GetAsync("/dev/mails/1")) Assert.Equal(HttpStatusCode.NotFound, mail.StatusCode);
        var login = await visitor.PageAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.False(login.Has(".demo"), "no demo logins listed");
        Assert.DoesNotContain(DemoDomain, login.Html);
        Assert.Equal(0, await DemoAccountsAsync(run.ConnectionString));
    }

    [Fact, Trait("Rule", "SEC-1")]
    public async Task The_demo_command_runs_Development_with_demo_accounts_and_the_mail_inbox_whose_links_use_the_port_it_listens_on()
    {
        await using var run = await RunAsync();
        var developer = run.App.Client();

        Assert.Equal("Development", run.App.Environment);
        Assert.Equal(5, await DemoAccountsAsync(run.ConnectionString));
        Assert.Contains("seeker1" + DemoDomain, (await developer.PageAsync("/login")).Text(".demo"));

        using var reset = await developer.PostFormAsync("/password/reset", [new("Email", "seeker1" + DemoDomain)], formPage: "/password/reset");
        Assert.True(reset.IsSuccessStatusCode, $"{reset.StatusCode}");
        var inbox = await developer.PageAsync("/dev/mails");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        var row = inbox.Document.QuerySelectorAll("table.data tr").First(r => r.TextContent.Contains("seeker1" + DemoDomain));
        var mail = await developer.PageAsync(row.QuerySelector("a")!.GetAttribute("href")!);
        // No Mail:PublicBaseUrl in the demo: the link is the address this run listens on (a free port, not 5080).
        var site = run.App.Url.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"{site}/password/reset/key", mail.Text(".mail-text"));
    }
}

public sealed class RunCommandTestsOnSqlite() : RunCommandTests(DatabaseProvider.Sqlite);

public sealed class RunCommandTestsOnPostgres() : RunCommandTests(DatabaseProvider.Postgres);
