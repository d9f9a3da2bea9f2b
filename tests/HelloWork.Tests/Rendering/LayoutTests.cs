namespace HelloWork.Tests.Rendering;

/// <summary>The layout around every page: what the browser tab and a bookmark show.</summary>
public abstract class LayoutTests(HelloWorkApp app)
{
    private const string AppName = "ハローワークインターネットサービス";

    [Fact]
    public async Task The_home_page_title_names_the_service_once()
    {
        var page = await app.Anonymous().PageAsync("/");

        Assert.Equal(AppName, page.Document.Title);
    }

    [Fact]
    public async Task Other_pages_put_their_own_title_before_the_service_name()
    {
        var page = await app.Anonymous().PageAsync("/login");

        Assert.EndsWith(" | " + AppName, page.Document.Title);
        Assert.False(page.Document.Title!.StartsWith(AppName, StringComparison.Ordinal), page.Document.Title);
    }
}

public sealed class LayoutTestsOnSqlite(SqliteApp app) : LayoutTests(app), IClassFixture<SqliteApp>;

public sealed class LayoutTestsOnPostgres(PostgresApp app) : LayoutTests(app), IClassFixture<PostgresApp>;
