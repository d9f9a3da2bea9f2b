using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Messages.Messaging;

namespace HelloWork.Tests.Features.Messages;

public abstract class SearchMessagesTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "BEY-6")]
    public async Task A_two_character_Japanese_word_finds_ones_own_messages_and_nobody_elses()
    {
        var p = await PairAsync(app, "介護職員への応募");
        await SendAsync(p.EmployerClient, p.ThreadId, "介護の経験について教えてください。");
        await SendAsync(p.SeekerClient, p.ThreadId, "事務の経験が三年あります。");
        var other = await PairAsync(app, "別の応募");
        await SendAsync(other.EmployerClient, other.ThreadId, "介護の資格はお持ちですか。");

        var found = await p.SeekerClient.PageAsync("/messages/search?q=介護");
        var mine = await p.SeekerClient.PageAsync("/messages/search?q=事務");
        var none = await p.SeekerClient.PageAsync("/messages/search?q=資格");

        Assert.Equal(["介護の経験について教えてください。"], found.Texts(".hit-body"));
        Assert.Equal(["介護職員への応募"], found.Texts(".search-hit .thread-title"));
        Assert.Equal(["事務の経験が三年あります。"], mine.Texts(".hit-body"));
        Assert.Empty(none.Texts(".hit-body"));
        Assert.Equal("見つかりませんでした。", none.Text(".empty"));
        Assert.Equal(["介護の経験について教えてください。"], (await p.EmployerClient.PageAsync("/messages/search?q=介護")).Texts(".hit-body"));
    }

    [Fact, Trait("Rule", "BEY-6")]
    public async Task Wildcards_in_the_search_are_taken_literally()
    {
        var p = await PairAsync(app);
        await SendAsync(p.EmployerClient, p.ThreadId, "達成率100%でした");
        await SendAsync(p.EmployerClient, p.ThreadId, "別の話題です");

        Assert.Equal(["達成率100%でした"], (await p.SeekerClient.PageAsync("/messages/search?q=%25")).Texts(".hit-body"));
        Assert.Empty((await p.SeekerClient.PageAsync("/messages/search?q=_")).Texts(".hit-body"));
    }
}

public sealed class SearchMessagesTestsOnSqlite(SqliteApp app) : SearchMessagesTests(app), IClassFixture<SqliteApp>;

public sealed class SearchMessagesTestsOnPostgres(PostgresApp app) : SearchMessagesTests(app), IClassFixture<PostgresApp>;
