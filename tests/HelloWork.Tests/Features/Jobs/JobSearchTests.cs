using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelloWork.Tests.Features.Jobs;

/// <summary>
/// One database per provider with ~330 jobs: 300 from the generator (the `generate-jobs` command's
/// own code path) and hand-made ones whose words, places, times and states the tests name. Every
/// search's answer is compared with the jobs filtered in memory by
/// <see cref="JobSearchConditions.Matches"/> and sorted by the stated order.
/// </summary>
public abstract class JobSearchData(DatabaseProvider provider) : IAsyncLifetime
{
    /// <summary>The search's "now": Friday 20 November 2026, 15:00 in Japan.</summary>
    public static readonly DateTime Now = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(9)).UtcDateTime;

    public DatabaseOptions Options { get; private set; } = null!;
    public List<Job> Jobs { get; private set; } = null!;
    public Dictionary<string, long> Named { get; } = new(StringComparer.Ordinal);

    public async ValueTask InitializeAsync()
    {
        Options = await NewDatabaseAsync(provider, "search");
        await using (var db = DataSetup.Open(Options))
        {
            await Schema.MigrateAsync(db);
            await GenerateJobs.FillAsync(db, 300, seed: 7, Now, log: null, CancellationToken.None);
            var office = await db.Set<Office>().OrderBy(o => o.Code).FirstAsync(o => o.PrefectureCode == "13");
            var care = Establishment.Create("1301-900001-1", "株式会社テスト介護", "東京都", "新宿区", Now.AddDays(-100));
            var it = Establishment.Create("1301-900002-2", "ＰＣサポート合同会社", "東京都", "港区", Now.AddDays(-100));
            care.AssignOffice(office.Id);
            it.AssignOffice(office.Id);
            db.AddRange(care, it);
            await db.SaveChangesAsync();

            var serial = 90_000_000L;
            Job Accepted(string name, Establishment where, JobPosting posting, DateTime at)
            {
                var job = Job.Start(where, office.Id, posting, at.AddDays(-1));
                job.Submit(at.AddHours(-1));
                job.Accept(Job.NumberOf(office.Code, ++serial), Guid.Empty, where.Name, at);
                db.Add(job);
                return job;
            }
            var tie = Now.AddDays(-3);
            var made = new List<(string Name, Job Job)>
            {
                ("night", Accepted("night", care, Posting("夜勤専従の介護職員", "特別養護老人ホームでの夜勤。カイゴの経験を活かせます。", "13104", EmploymentType.Regular, 250_000, 300_000, WageUnit.Monthly, new DateOnly(2026, 12, 10)), tie)),
                ("office", Accepted("office", care, Posting("一般事務", "請求書の作成とデータ入力。Excelが使える方。", "13104", EmploymentType.NonRegular, 1_200, 1_300, WageUnit.Hourly, new DateOnly(2026, 12, 10)), tie)),
                ("pc", Accepted("pc", it, Posting("PCインストラクター", "パソコン教室の講師。ＷＯＲＤ・ｅｘｃｅｌ。", "13103", EmploymentType.FixedTerm, 1_500, null, WageUnit.Hourly, null), tie)),
                ("sales", Accepted("sales", it, Posting("法人営業（ITソリューション）", "営業事務のサポートもあり。C++の知識歓迎。年収1,000万円可。", "13103", EmploymentType.Regular, 4_000_000, 10_000_000, WageUnit.Annual, new DateOnly(2026, 12, 1)), Now.AddDays(-10))),
                ("fresh", Accepted("fresh", care, Posting("訪問介護員", "ヘルパー2級以上。直行直帰OK。", "13104", EmploymentType.NonRegular, 1_400, 1_700, WageUnit.Hourly, new DateOnly(2026, 12, 31)), Now.AddHours(-2))),
            };
            // Never found: withdrawn, invalid, past its validity but not yet marked, and never accepted.
            var withdrawn = Accepted("withdrawn", care, Posting("事務補助（夜間）", "事務と介護の補助。", "13104", EmploymentType.Regular, 200_000, 220_000, WageUnit.Monthly, null), tie);
            withdrawn.Withdraw(Now.AddDays(-1));
            var invalid = Accepted("invalid", care, Posting("事務員（夜勤あり）", "介護施設の事務。", "13104", EmploymentType.Regular, 200_000, 220_000, WageUnit.Monthly, null), Now.AddMonths(-4));
            invalid.Expire(Now.AddDays(-2));
            Accepted("lapsed", care, Posting("介護事務（夜）", "期限切れ。", "13104", EmploymentType.Regular, 200_000, 220_000, WageUnit.Monthly, null), Now.AddMonths(-3).AddDays(-5));
            var draft = Job.Start(care, office.Id, Posting("介護事務（下書き）", "夜勤", "13104", EmploymentType.Regular, 1, 2, WageUnit.Monthly, null), Now);
            db.Add(draft);
            await db.SaveChangesAsync();
            foreach (var (name, job) in made) Named[name] = job.Id;
            Named["withdrawn"] = withdrawn.Id;
            Named["invalid"] = invalid.Id;
        }
        await using (var db = DataSetup.Open(Options))
        {
            Jobs = await db.Set<Job>().AsNoTracking().ToListAsync();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static JobPosting Posting(string title, string description, string city, EmploymentType type, int min, int? max, WageUnit unit, DateOnly? deadline) => new()
    {
        Title = title,
        Description = description,
        OccupationCode = title.Contains("介護") ? "0801" : title.Contains("事務") ? "0601" : "0703",
        PrefectureCode = city[..2],
        CityCode = city,
        Address = title, // each job its own workplace: one job per occupation × workplace × type (JOB-1)
        Schedule = unit == WageUnit.Hourly ? JobSchedule.PartTime : JobSchedule.FullTime,
        EmploymentType = type,
        WageMin = min,
        WageMax = max,
        WageUnit = unit,
        ReferralDeadline = deadline,
        SelfApplication = type != EmploymentType.FixedTerm,
    };

    public static async Task<DatabaseOptions> NewDatabaseAsync(DatabaseProvider provider, string name) => new()
    {
        Provider = provider,
        ConnectionString = provider == DatabaseProvider.Postgres
            ? await TestServices.CreatePostgresDatabaseAsync()
            : DataSetup.ResolveSqlitePath($"Data Source={Path.Combine(TestServices.ArtifactsDirectory, $"{name}-{Guid.NewGuid():N}.db")}", "/"),
    };
}

public sealed class SqliteJobSearchData() : JobSearchData(DatabaseProvider.Sqlite);

public sealed class PostgresJobSearchData() : JobSearchData(DatabaseProvider.Postgres);

public abstract class JobSearchTests(JobSearchData data)
{
    private static JobSearch Search(bool index, int? planCap = null) =>
        new(Options.Create(new JobSearchOptions { UseKeywordIndex = index, PlanCap = planCap }));

    /// <summary>Every way of running the search: index or plain scan, each plan.</summary>
    private static readonly (string Name, JobSearch Search)[] Ways =
    [
        ("index", Search(true)), ("index, walk", Search(true, 0)), ("scan", Search(false)), ("scan, walk", Search(false, 0)),
    ];

    private IReadOnlyList<long> Expected(JobSearchConditions c, DateTime now, out int count, out bool capped)
    {
        var matches = data.Jobs.Where(j => c.Matches(j, now));
        var sorted = c.Sort == JobSort.Deadline
            ? matches.OrderBy(j => j.ReferralDeadline is null).ThenBy(j => j.ReferralDeadline).ThenBy(j => j.Id)
            : matches.OrderByDescending(j => j.AcceptedAt).ThenByDescending(j => j.Id);
        var all = sorted.Select(j => j.Id).ToList();
        count = Math.Min(all.Count, JobSearch.CountCap);
        capped = all.Count > JobSearch.CountCap;
        return all.Skip((c.Page - 1) * c.PageSize).Take(c.PageSize).ToList();
    }

    /// <summary>Runs <paramref name="c"/> every way and checks each against Matches; returns the page's ids.</summary>
    private async Task<IReadOnlyList<long>> CheckAsync(JobSearchConditions c, DateTime? at = null)
    {
        var now = at ?? JobSearchData.Now;
        var expected = Expected(c, now, out var count, out var capped);
        await using var db = DataSetup.Open(data.Options);
        foreach (var (name, search) in Ways)
        {
            var result = await search.RunAsync(db, c, now, CancellationToken.None);
            Assert.True(expected.SequenceEqual(result.Jobs.Select(h => h.Id)),
                $"{name}: {c.ToQueryString()}\nexpected {string.Join(",", expected)}\nactual   {string.Join(",", result.Jobs.Select(h => h.Id))}");
            Assert.Equal(count, result.Count);
            Assert.Equal(capped, result.CountCapped);
        }
        return expected;
    }

    private static JobSearchConditions Words(string keywords, string? exclude = null) => new() { Keywords = keywords, Exclude = exclude, PageSize = 50 };

    [Theory, Trait("Rule", "JOB-3")]
    [InlineData("夜")]
    [InlineData("介")]
    [InlineData("c")]
    public async Task A_one_character_word_finds_exactly_the_open_jobs_containing_it(string word)
    {
        var ids = await CheckAsync(Words(word));
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Contains(word, data.Jobs.Single(j => j.Id == id).SearchText));
    }

    [Theory, Trait("Rule", "JOB-3")]
    [InlineData("介護")]
    [InlineData("事務")]
    [InlineData("営業")]
    [InlineData("夜勤")]
    public async Task A_two_character_word_finds_exactly_the_open_jobs_containing_it(string word)
    {
        var ids = await CheckAsync(Words(word));
        Assert.NotEmpty(ids);
        Assert.Equal(Math.Min(50, data.Jobs.Count(j => j.IsPublicAt(JobSearchData.Now) && j.SearchText.Contains(word))), ids.Count);
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Withdrawn_invalid_lapsed_and_unaccepted_jobs_are_never_found()
    {
        foreach (var word in new[] { "事務", "夜", "介護", "期限切れ", "下書き" })
        {
            var ids = await CheckAsync(Words(word));
            Assert.DoesNotContain(data.Named["withdrawn"], ids);
            Assert.DoesNotContain(data.Named["invalid"], ids);
        }
        Assert.Empty(await CheckAsync(Words("期限切れ")));
        Assert.Empty(await CheckAsync(Words("下書き")));
    }

    [Theory, Trait("Rule", "JOB-3")]
    [InlineData("ｶｲｺﾞ", "night")]
    [InlineData("カイゴ", "night")]
    [InlineData("ＰＣ", "pc")]
    [InlineData("pc", "pc")]
    [InlineData("EXCEL", "office")]
    [InlineData("ｅｘｃｅｌ", "pc")]
    [InlineData("word", "pc")]
    public async Task Full_width_half_width_and_case_variants_find_each_other(string typed, string job)
    {
        Assert.Contains(data.Named[job], await CheckAsync(Words(typed)));
    }

    [Theory, Trait("Rule", "JOB-3")]
    [InlineData("介護職")]
    [InlineData("交通費")]
    [InlineData("夜勤専従")]
    [InlineData("未経験者歓迎")]
    [InlineData("c++")]
    [InlineData("1,000万")]
    [InlineData("職員介")] // its bigrams are all there, the word is not
    public async Task Longer_words_and_words_with_symbols_match_as_substrings(string word)
    {
        await CheckAsync(Words(word));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Two_words_must_both_match_and_the_exclusion_word_must_not()
    {
        var both = await CheckAsync(Words("介護 夜勤"));
        Assert.Contains(data.Named["night"], both);
        var excluded = await CheckAsync(Words("介護", exclude: "夜"));
        Assert.DoesNotContain(data.Named["night"], excluded);
        Assert.Contains(data.Named["fresh"], excluded);
        await CheckAsync(Words("事務 ｴｸｾﾙ"));
        await CheckAsync(new JobSearchConditions { Exclude = "交通費" });
    }

    public static TheoryData<string> Filters() =>
    [
        "pref=13", "pref=13,27,01", "city=13104", "city=13103,13104", "occ=08", "occ=0801", "sched=parttime", "type=regular",
        "type=nonregular,fixedterm", "wage=1300&unit=hourly", "wage=250000", "wage=5000000&unit=annual", "self=1", "new=1",
        "pref=13&occ=08&type=regular&self=1", "kw=介護&pref=13&sched=fulltime", "kw=事務&new=1&sort=deadline", "pref=27&wage=200000&sort=deadline",
    ];

    [Theory, Trait("Rule", "JOB-3")]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_alone_and_combined_gives_exactly_the_matching_jobs(string query)
    {
        var (c, errors) = Parse(query + "&size=50");
        Assert.Empty(errors);
        await CheckAsync(c);
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task New_within_a_week_moves_with_the_clock()
    {
        var c = new JobSearchConditions { NewOnly = true, Keywords = "介護", PageSize = 50 };
        Assert.Contains(data.Named["night"], await CheckAsync(c));
        Assert.DoesNotContain(data.Named["night"], await CheckAsync(c, JobSearchData.Now.AddDays(5)));
        Assert.Contains(data.Named["fresh"], await CheckAsync(c, JobSearchData.Now.AddDays(5)));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task Job_numbers_find_those_open_jobs_only()
    {
        var numbers = data.Jobs.Where(j => j.Id == data.Named["night"] || j.Id == data.Named["withdrawn"]).Select(j => j.Number!).ToList();
        var ids = await CheckAsync(new JobSearchConditions { JobNumbers = numbers });
        Assert.Equal(new[] { data.Named["night"] }, ids);
        Assert.Empty(await CheckAsync(new JobSearchConditions { JobNumbers = ["99999-00000001"] }));
    }

    [Theory, Trait("Rule", "JOB-3")]
    [InlineData(JobSort.Newest)]
    [InlineData(JobSort.Deadline)]
    public async Task Both_sorts_are_stable_with_ties_broken_by_id_across_pages(JobSort sort)
    {
        // night and office share acceptance time and deadline; pc shares the time and has no deadline (last).
        var all = new List<long>();
        for (var page = 1; page <= 40; page++)
        {
            var ids = await CheckAsync(new JobSearchConditions { Sort = sort, PageSize = 10, Page = page });
            if (ids.Count == 0) break;
            all.AddRange(ids);
        }
        Assert.Equal(data.Jobs.Count(j => j.IsPublicAt(JobSearchData.Now)), all.Distinct().Count());
        var night = all.IndexOf(data.Named["night"]);
        var office = all.IndexOf(data.Named["office"]);
        Assert.True(sort == JobSort.Deadline ? night < office : night > office);
        if (sort == JobSort.Deadline) Assert.Contains(data.Named["pc"], all.TakeLast(40));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task The_last_partial_page_and_a_page_past_the_end()
    {
        var total = data.Jobs.Count(j => j.IsPublicAt(JobSearchData.Now) && j.SearchText.Contains('介'));
        var size = 10;
        var last = (total + size - 1) / size;
        Assert.Equal(total - (last - 1) * size, (await CheckAsync(new JobSearchConditions { Keywords = "介", PageSize = size, Page = last })).Count);
        Assert.Empty(await CheckAsync(new JobSearchConditions { Keywords = "介", PageSize = size, Page = last + 1 }));
        Assert.Empty(await CheckAsync(new JobSearchConditions { Keywords = "介", PageSize = 50, Page = 100_000 }));
    }

    [Fact, Trait("Rule", "JOB-3")]
    public async Task The_hit_carries_the_public_fields_and_the_employer_name()
    {
        await using var db = DataSetup.Open(data.Options);
        var result = await Search(true).RunAsync(db, Words("夜勤専従"), JobSearchData.Now, CancellationToken.None);
        var hit = Assert.Single(result.Jobs);
        Assert.Equal(data.Named["night"], hit.Id);
        Assert.Equal("株式会社テスト介護", hit.EmployerName);
        Assert.Equal("夜勤専従の介護職員", hit.Title);
        Assert.Equal((250_000, 300_000, WageUnit.Monthly), (hit.WageMin!.Value, hit.WageMax!.Value, hit.WageUnit!.Value));
        Assert.Equal(new DateOnly(2026, 12, 10), hit.ReferralDeadline);
        Assert.Equal((1, false), (result.Count, result.CountCapped));
    }

    /// <summary>Property-style: many random conditions over the generated jobs, each the same as Matches, every way.</summary>
    [Fact, Trait("Rule", "JOB-3")]
    public async Task Random_conditions_give_exactly_what_Matches_accepts()
    {
        var random = new Random(20261206);
        var open = data.Jobs.Where(j => j.IsPublicAt(JobSearchData.Now)).ToList();
        string Piece()
        {
            var text = open[random.Next(open.Count)].SearchText;
            var length = 1 + random.Next(4);
            var start = random.Next(Math.Max(1, text.Length - length));
            return text.Substring(start, Math.Min(length, text.Length - start)).Trim();
        }
        T? Maybe<T>(int percent, Func<T> make) => random.Next(100) < percent ? make() : default;
        var types = Enum.GetValues<EmploymentType>();
        for (var i = 0; i < 250; i++)
        {
            var sample = open[random.Next(open.Count)];
            var c = new JobSearchConditions
            {
                Keywords = Maybe(70, () => string.Join(' ', Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Piece()))),
                Exclude = Maybe(20, Piece),
                PrefectureCodes = Maybe(25, () => new[] { sample.PrefectureCode!, Prefectures.All[random.Next(47)].Code }.Distinct().ToList()) ?? [],
                CityCodes = Maybe(10, () => sample.CityCode is { } city ? new[] { city } : []) ?? [],
                OccupationCode = Maybe(20, () => random.Next(2) == 0 ? sample.OccupationCode : sample.OccupationCode![..2]),
                Schedule = Maybe(20, () => (JobSchedule?)sample.Schedule),
                EmploymentTypes = Maybe(20, () => types.Where(_ => random.Next(2) == 0).ToList()) ?? [],
                MinWage = Maybe(15, () => (int?)((sample.WageMin ?? 1000) * (90 + random.Next(30)) / 100)),
                WageUnit = sample.WageUnit ?? WageUnit.Monthly,
                SelfApplicationOnly = random.Next(5) == 0,
                NewOnly = random.Next(5) == 0,
                JobNumbers = Maybe(5, () => new[] { sample.Number!, open[random.Next(open.Count)].Number! }.Distinct().ToList()) ?? [],
                Sort = random.Next(2) == 0 ? JobSort.Newest : JobSort.Deadline,
                PageSize = JobSearchConditions.PageSizes[random.Next(3)],
                Page = random.Next(4) == 0 ? 2 + random.Next(3) : 1,
            };
            await CheckAsync(c);
        }
    }

    private static (JobSearchConditions, IReadOnlyList<JobSearchConditions.Error>) Parse(string query) =>
        JobSearchConditions.Parse(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));
}

public sealed class JobSearchTestsOnSqlite(SqliteJobSearchData data) : JobSearchTests(data), IClassFixture<SqliteJobSearchData>;

public sealed class JobSearchTestsOnPostgres(PostgresJobSearchData data) : JobSearchTests(data), IClassFixture<PostgresJobSearchData>;

/// <summary>More jobs than the displayed cap: the count stops at it and the page says "1,000件以上".</summary>
public abstract class JobSearchCountCapTests(DatabaseProvider provider)
{
    [Fact, Trait("Rule", "JOB-3")]
    public async Task A_search_matching_more_than_the_cap_counts_to_the_cap_and_says_so()
    {
        var options = await JobSearchData.NewDatabaseAsync(provider, "search-cap");
        await using var db = DataSetup.Open(options);
        await Schema.MigrateAsync(db);
        await GenerateJobs.FillAsync(db, JobSearch.CountCap + 60, seed: 11, JobSearchData.Now, log: null, CancellationToken.None);
        var jobs = await db.Set<Job>().AsNoTracking().ToListAsync();
        var search = new JobSearch(Options.Create(new JobSearchOptions()));

        var all = await search.RunAsync(db, new JobSearchConditions { PageSize = 50, Page = 3 }, JobSearchData.Now, CancellationToken.None);
        Assert.Equal((JobSearch.CountCap, true), (all.Count, all.CountCapped));
        Assert.Equal(jobs.OrderByDescending(j => j.AcceptedAt).ThenByDescending(j => j.Id).Skip(100).Take(50).Select(j => j.Id), all.Jobs.Select(h => h.Id));

        var last = await search.RunAsync(db, new JobSearchConditions { PageSize = 50, Page = 22, Sort = JobSort.Deadline }, JobSearchData.Now, CancellationToken.None);
        Assert.Equal(jobs.OrderBy(j => j.ReferralDeadline is null).ThenBy(j => j.ReferralDeadline).ThenBy(j => j.Id).Skip(1050).Select(j => j.Id), last.Jobs.Select(h => h.Id));

        var fewer = new JobSearchConditions { Schedule = JobSchedule.PartTime };
        var part = await search.RunAsync(db, fewer, JobSearchData.Now, CancellationToken.None);
        var expected = jobs.Count(j => fewer.Matches(j, JobSearchData.Now));
        Assert.True(expected < JobSearch.CountCap);
        Assert.Equal((expected, false), (part.Count, part.CountCapped));
    }
}

public sealed class JobSearchCountCapTestsOnSqlite() : JobSearchCountCapTests(DatabaseProvider.Sqlite);

public sealed class JobSearchCountCapTestsOnPostgres() : JobSearchCountCapTests(DatabaseProvider.Postgres);
