using System.Threading.Channels;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.SavedSearches;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelloWork.Tests.Features.SavedSearches.SavedSearchSteps;

namespace HelloWork.Tests.Features.SavedSearches;

/// <summary>BEY-11: an accepted job raises the new-match count of exactly the saved searches it matches, with one check per job, and the owner's open page hears of it.</summary>
public abstract class SavedSearchAlertTests(TallyApp app)
{
    private static string Q(string text) => Uri.EscapeDataString(text);

    [Fact, Trait("Rule", "BEY-11"), Trait("Rule", "JOB-4")]
    public async Task An_accepted_job_raises_the_count_of_exactly_the_searches_it_matches()
    {
        var (alice, aliceClient) = await app.SignedInAsync(UserKind.Seeker);
        var (bob, bobClient) = await app.SignedInAsync(UserKind.Seeker);
        var word = "鶴亀" + Random.Shared.Next(1000, 9999); // a word only this test's job has
        var keywordAndPlace = await SavedAsync(app, alice, aliceClient, $"kw={Q(word)}&pref=13", "東京の鶴亀");
        var bothWords = await SavedAsync(app, alice, aliceClient, $"kw={Q(word + " 夜勤")}", "鶴亀と夜勤");
        var otherPlace = await SavedAsync(app, bob, bobClient, $"kw={Q(word)}&pref=27", "大阪の鶴亀");
        var excluded = await SavedAsync(app, bob, bobClient, $"kw={Q(word)}&nkw={Q("日勤")}", "日勤以外の鶴亀");
        var partTime = await SavedAsync(app, bob, bobClient, $"kw={Q(word)}&sched=parttime", "パートの鶴亀");
        var occupation = await SavedAsync(app, bob, bobClient, $"kw={Q(word)}&occ=08", "福祉・介護の鶴亀");
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await AcceptAsync(app, Posting($"{word}の介護職員", "13", "13104", "日勤のみ。"));

        Assert.Equal(1, (await SearchAsync(app, keywordAndPlace)).NewMatches);
        Assert.Equal(0, (await SearchAsync(app, bothWords)).NewMatches); // 夜勤 is not in the job
        Assert.Equal(0, (await SearchAsync(app, otherPlace)).NewMatches);
        Assert.Equal(0, (await SearchAsync(app, excluded)).NewMatches); // 日勤 is
        Assert.Equal(0, (await SearchAsync(app, partTime)).NewMatches);
        Assert.Equal(1, (await SearchAsync(app, occupation)).NewMatches);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await AcceptAsync(app, Posting($"{word}　介護職員（夜勤あり）", "13", "13101", "PC不要"));

        Assert.Equal(2, (await SearchAsync(app, keywordAndPlace)).NewMatches);
        Assert.Equal(1, (await SearchAsync(app, bothWords)).NewMatches); // now every word is in the job
        Assert.Equal(0, (await SearchAsync(app, otherPlace)).NewMatches);
        Assert.Equal(1, (await SearchAsync(app, excluded)).NewMatches);
        Assert.Equal(2, (await SearchAsync(app, occupation)).NewMatches);
        var box = await aliceClient.PageAsync("/mypage/searches/box", htmx: true);
        Assert.Equal(["東京の鶴亀 新着 2件", "鶴亀と夜勤 新着 1件"], box.Texts(".saved-search-box-row").Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\s+", " ")));
    }

    [Fact, Trait("Rule", "BEY-11")]
    public async Task A_job_accepted_before_the_last_run_is_not_new_and_a_job_told_late_is_checked_at_its_own_acceptance()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var word = "松竹" + Random.Shared.Next(1000, 9999);
        var job = await AcceptedJobAsync(app, Posting($"{word}の求人"));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var id = await SavedAsync(app, seeker, client, $"kw={Q(word)}", "松竹");

        await TellAcceptedAsync(app, job); // accepted before the search was saved: the search already shows it

        Assert.Equal(0, (await SearchAsync(app, id)).NewMatches);
    }

    [Fact, Trait("Rule", "BEY-11")]
    public async Task The_check_runs_the_same_few_statements_and_reads_no_more_candidates_however_many_searches_are_elsewhere()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        var word = "梅桜" + Random.Shared.Next(1000, 9999);
        var mine = await SavedAsync(app, seeker, client, $"kw={Q(word)}&pref=13", "東京の梅桜");
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var (before, beforeSql) = await CheckAsync(await AcceptedJobAsync(app, Posting($"{word}の求人", "13", "13104")));
        await AddSearchesElsewhereAsync(seeker, 60);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (after, afterSql) = await CheckAsync(await AcceptedJobAsync(app, Posting($"{word}の求人", "13", "13104")));

        Assert.Equal([mine], before.Matched);
        Assert.Equal([mine], after.Matched);
        Assert.Equal(before.Candidates, after.Candidates);
        Assert.True(afterSql.Count <= 3, string.Join("\n---\n", afterSql));
        Assert.Equal(beforeSql.Count, afterSql.Count);
        Assert.Equal(2, (await SearchAsync(app, mine)).NewMatches);
    }

    /// <summary>Searches whose jobs must be in Osaka, Hokkaido or Okinawa: no Tokyo job is ever a candidate for them.</summary>
    private async Task AddSearchesElsewhereAsync(AppUser owner, int count)
    {
        await app.WithDbAsync(async db =>
        {
            var seeker = await db.Users.SingleAsync(u => u.Id == owner.Id);
            string[] places = ["27", "01", "47"];
            for (var i = 0; i < count; i++)
            {
                var conditions = JobSearchConditions.Parse(SavedSearch.QueryOf($"pref={places[i % 3]}&wage={100000 + i}")).Conditions;
                db.Add(SavedSearch.Create(seeker, $"よそ{i}", conditions, app.Clock.UtcNow));
            }
            await db.SaveChangesAsync();
        });
    }

    private async Task<(SavedSearchAlerts.Outcome Outcome, List<string> Sql)> CheckAsync(Job job)
    {
        using var scope = app.Services.CreateScope();
        var alerts = scope.ServiceProvider.GetRequiredService<SavedSearchAlerts>();
        var sql = StatementTally.Start();
        try
        {
            return (await alerts.CheckAsync(job.Id, app.Clock.UtcNow, default), sql);
        }
        finally
        {
            StatementTally.Stop();
        }
    }

    [Fact, Trait("Rule", "BEY-11")]
    public async Task The_owner_of_a_matched_search_is_told_live_with_the_search_id()
    {
        var (owner, ownerClient) = await app.SignedInAsync(UserKind.Seeker);
        var (other, otherClient) = await app.SignedInAsync(UserKind.Seeker);
        var word = "菊桐" + Random.Shared.Next(1000, 9999);
        var id = await SavedAsync(app, owner, ownerClient, $"kw={Q(word + "甲")}", "菊桐甲");
        var otherId = await SavedAsync(app, other, otherClient, $"kw={Q(word + "乙")}", "菊桐乙");
        var heard = Channel.CreateUnbounded<(string Who, long Id)>();
        await using var ownerTab = LiveConnections.OverTestServer(() => app.Server, ownerClient.CookieHeader);
        await using var otherTab = LiveConnections.OverTestServer(() => app.Server, otherClient.CookieHeader);
        ownerTab.On<long>("SavedSearchMatched", s => heard.Writer.TryWrite(("owner", s)));
        otherTab.On<long>("SavedSearchMatched", s => heard.Writer.TryWrite(("other", s)));
        await ownerTab.StartAsync();
        await otherTab.StartAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await AcceptAsync(app, Posting($"{word}甲の求人"));
        var first = await heard.Reader.ReadAsync(timeout.Token);
        var ownersList = await ownerClient.PageAsync("/mypage/searches/list", htmx: true);
        var othersCount = (await SearchAsync(app, otherId)).NewMatches;
        await AcceptAsync(app, Posting($"{word}乙の求人"));
        var second = await heard.Reader.ReadAsync(timeout.Token);

        Assert.Equal(("owner", id), first);
        Assert.Equal("新着 1件", ownersList.Text(".new-matches"));
        Assert.Equal(0, othersCount);
        Assert.Equal(("other", otherId), second);
    }
}

public sealed class SavedSearchAlertTestsOnSqlite(TallySqliteApp app) : SavedSearchAlertTests(app), IClassFixture<TallySqliteApp>;

public sealed class SavedSearchAlertTestsOnPostgres(TallyPostgresApp app) : SavedSearchAlertTests(app), IClassFixture<TallyPostgresApp>;
