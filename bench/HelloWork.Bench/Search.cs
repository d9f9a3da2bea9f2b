using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace HelloWork.Bench;

/// <summary>
/// The job search at scale (JOB-3): fills PostgreSQL with --search-jobs generated jobs (1,000,000) and a
/// SQLite file with --search-sqlite-jobs (100,000) through the app's own `generate-jobs` command, then
/// runs the same 300+ searches of 14 classes against each through the bench host's /bench/search
/// (JobSearch in the app's process, counts included) and the job page's query (/bench/job/{number}),
/// one at a time after a warm-up pass; every keyword search also without the keyword index (a plain
/// substring scan) in the same pass, as the baseline.
/// </summary>
public static class Search
{
    private sealed record Answer(int Count, bool CountCapped, int Hits, string? First, double Ms);

    /// <summary>The classes and their queries (the search's own URL query).</summary>
    public static List<(string Class, bool Keyword, string Query)> Queries()
    {
        var list = new List<(string, bool, string)>();
        void Add(string cls, bool keyword, IEnumerable<string> queries) => list.AddRange(queries.Select(q => (cls, keyword, q)));
        string Page(int i) => (i % 3) switch { 0 => "", 1 => "&size=10", _ => "&size=50" };
        string Sort(int i) => i % 2 == 0 ? "" : "&sort=deadline";

        string[] one = ["介", "夜", "勤", "歓", "車", "寮", "急", "c", "漆", "蜂", "猟", "杜", "離", "船", "菓"];
        string[] two = ["介護", "事務", "営業", "夜勤", "交通", "歓迎", "看護", "保育", "手話", "酪農", "養蜂", "漁船", "溶接", "警備", "調理"];
        string[] three = ["交通費", "未経験", "正社員", "看護師", "保育士", "調理師", "フォー", "和菓子", "狩猟免", "手話が", "溶接作", "ヘルパ", "ドライ", "レジ業", "ＳＱＬ"];
        string[] four = ["社会保険", "介護職員", "資格取得", "土日祝休", "ドローン", "伝統工芸", "ﾄﾞﾗｲﾊﾞｰ", "Python", "ケアプラ", "大型特殊", "シフト制", "駐車場完", "日勤のみ", "夜勤専従", "茶葉の加"];
        string[] pairs = ["介護 夜勤", "事務 未経験", "営業 賞与", "看護師 日勤", "ドライバー 大型", "保育 扶養", "調理 シニア", "警備 交通費", "清掃 短時間", "溶接 寮", "倉庫 ピッキング", "Excel 事務", "酪農 未経験", "介護 ｼﾌﾄ", "手話 歓迎"];
        string[] excluded = ["kw=介護&nkw=夜勤", "kw=事務&nkw=派遣", "kw=営業&nkw=ノルマ", "kw=看護&nkw=夜", "kw=ドライバー&nkw=大型", "kw=交通費&nkw=介護", "kw=保育&nkw=パート", "kw=清掃&nkw=早朝", "kw=調理&nkw=シフト", "kw=未経験&nkw=資格", "kw=警備&nkw=夜勤", "kw=事務&nkw=Excel", "kw=歓迎&nkw=経験者", "kw=販売&nkw=土日", "kw=製造&nkw=寮"];
        string[] prefs = ["13", "27", "14", "23", "01", "40", "47", "31", "32", "36", "13,14,11", "27,28,26", "01,02,03", "46,47", "39"];
        string[] filters =
        [
            "city=13104", "city=27100", "occ=08", "occ=0601", "occ=13", "occ=1101", "sched=parttime", "sched=fulltime", "type=regular",
            "type=dispatch", "type=contract,fixedterm", "wage=300000", "wage=1500&unit=hourly", "wage=15000&unit=daily", "self=1", "new=1",
        ];
        string[] combined =
        [
            "kw=介護&pref=13&type=regular", "kw=事務&pref=27&sched=parttime", "kw=営業&occ=07&wage=250000", "kw=夜勤&pref=47&new=1",
            "kw=交通費&pref=13,14,11&self=1", "kw=未経験&occ=15&sched=parttime&new=1", "pref=13&occ=08&type=regular&self=1",
            "pref=01&sched=fulltime&wage=200000", "occ=04&type=nonregular&wage=1300&unit=hourly", "kw=看護師&pref=40&sort=deadline",
            "kw=保育士&new=1&sort=deadline", "kw=ドライバー&type=regular&wage=280000", "city=13104&sched=parttime", "kw=警備 交通費&pref=23",
            "kw=清掃&nkw=早朝&pref=27&self=1", "kw=手話&pref=13", "kw=酪農&type=regular", "pref=31&occ=11&new=1",
        ];
        Add("1-character word", true, one.Select((w, i) => $"kw={Uri.EscapeDataString(w)}{Page(i)}{Sort(i)}"));
        Add("2-character word", true, two.Select((w, i) => $"kw={Uri.EscapeDataString(w)}{Page(i)}{Sort(i)}"));
        Add("3-character word", true, three.Select((w, i) => $"kw={Uri.EscapeDataString(w)}{Page(i)}{Sort(i)}"));
        Add("4-character word", true, four.Select((w, i) => $"kw={Uri.EscapeDataString(w)}{Page(i)}{Sort(i)}"));
        Add("two words", true, pairs.Select((w, i) => $"kw={Uri.EscapeDataString(w)}{Page(i)}{Sort(i)}"));
        Add("exclusion", true, excluded.Select((q, i) => Escape(q) + Page(i) + Sort(i)));
        Add("prefecture filter", false, prefs.Select((p, i) => $"pref={p}{Page(i)}{Sort(i)}"));
        Add("other filter alone", false, filters.Select((q, i) => q + Page(i) + Sort(i)));
        Add("combined", true, combined.Select((q, i) => Escape(q) + Page(i)));
        Add("deadline sort", true, two.Concat(prefs.Select(p => "pref=" + p)).Select(w => (w.Contains('=') ? w : "kw=" + Uri.EscapeDataString(w)) + "&sort=deadline"));
        Add("page 50", true, one.Take(5).Concat(two.Take(5)).Concat(three.Take(5)).Select((w, i) => $"kw={Uri.EscapeDataString(w)}&page=50{Page(i)}{Sort(i)}")
            .Concat(prefs.Take(5).Select((p, i) => $"pref={p}&page=50{Page(i)}{Sort(i)}"))
            .Concat(["page=50", "page=50&sort=deadline", "page=50&size=50", "new=1&page=50", "sched=parttime&page=50&size=50"]));
        Add("no condition", false, Enumerable.Range(0, 10).Select(i => $"{Page(i)}{Sort(i)}".TrimStart('&')));
        Add("job numbers", false, Enumerable.Range(1, 15).Select(i => $"no={Prefecture(i)}010-{i * 37 % 500 + 1:D8}" + (i % 3 == 0 ? $",{Prefecture(i + 5)}010-{i * 11 + 3:D8}" : "")));
        return list;

        static string Escape(string query) => string.Join('&', query.Split('&').Select(kv => kv.Split('=', 2) is [var k, var v] ? $"{k}={Uri.EscapeDataString(v)}" : kv));
    }

    private static string Prefecture(int i) => (1 + i * 7 % 47).ToString("D2");

    public static async Task RunAsync(Options options, Report report)
    {
        Console.WriteLine("== search");
        if (options.SearchJobs > 0)
        {
            var env = options.AppEnv();
            await RunDatabaseAsync(options, report, "PostgreSQL", options.SearchJobs, env, 50);
        }
        if (options.SearchSqliteJobs > 0)
        {
            var env = options.AppEnv();
            env["Database__Provider"] = "Sqlite";
            env["Database__ConnectionString"] = $"Data Source={Path.Combine(options.Work, "search.db")}";
            await RunDatabaseAsync(options, report, "SQLite", options.SearchSqliteJobs, env, 100);
        }
    }

    private static async Task RunDatabaseAsync(Options options, Report report, string name, int jobs, Dictionary<string, string> env, double goalMs)
    {
        var section = $"Search ({name}, {jobs:N0} jobs)";
        var watch = Stopwatch.StartNew();
        var info = new ProcessStartInfo("dotnet", $"\"{options.Web}\" generate-jobs --count {jobs} --seed 1")
        {
            WorkingDirectory = Path.GetDirectoryName(options.Web)!,
            UseShellExecute = false,
        };
        foreach (var (k, v) in env) info.Environment[k] = v;
        using (var generate = Process.Start(info)!)
        {
            await generate.WaitForExitAsync();
            if (generate.ExitCode != 0) throw new InvalidOperationException($"generate-jobs exited {generate.ExitCode}");
        }
        report.Add(section, "generate-jobs (migrate, write, index, analyze)", $"{watch.Elapsed.TotalSeconds:0} s", "", null, name == "PostgreSQL" ? "minutes" : "");

        await using var app = await ServerProcess.StartAsync(options.Host, "app", env, options.Loopbacks, "/login");
        using var http = Http.Create();
        var queries = Queries();
        // Warm-up: every query once with the index (caches, plans, JIT), not counted.
        foreach (var (_, _, query) in queries) await AskAsync(http, app, query, true);

        var measured = new Dictionary<string, (Latencies Index, Latencies Scan, int Capped, int Empty)>();
        foreach (var (cls, keyword, query) in queries)
        {
            var entry = measured.TryGetValue(cls, out var e) ? e : (new Latencies(), new Latencies(), 0, 0);
            var start = Stopwatch.GetTimestamp();
            var answer = await AskAsync(http, app, query, true);
            entry.Item1.Add(start, Stopwatch.GetTimestamp());
            if (answer.CountCapped) entry.Item3++;
            if (answer.Hits == 0) entry.Item4++;
            if (answer.Hits < 0) report.Note($"{name}: {query} failed with the index");
            if (keyword)
            {
                start = Stopwatch.GetTimestamp();
                var baseline = await AskAsync(http, app, query, false);
                entry.Item2.Add(start, Stopwatch.GetTimestamp());
                if (baseline.Hits < 0) report.Note($"{name}: {query} failed without the index (its time is counted)");
                else if (baseline.Count != answer.Count || baseline.First != answer.First)
                {
                    report.Note($"{name}: {query} differs without the index ({answer.Count}/{answer.First} vs {baseline.Count}/{baseline.First})");
                }
            }
            measured[cls] = entry;
        }
        var numbers = new Latencies();
        for (var i = 0; i < 30; i++)
        {
            var number = $"{Prefecture(i)}010-{i * 13 % (jobs / 500 + 1) + 1:D8}"; // every office has at least jobs/500
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(app.Url(0, $"/bench/job/{number}"));
            numbers.Add(start, Stopwatch.GetTimestamp());
            if (response.StatusCode != HttpStatusCode.OK) report.Note($"{name}: job page {number}: {(int)response.StatusCode}");
        }

        var all = new Latencies();
        foreach (var (cls, (index, scan, capped, empty)) in measured)
        {
            all.With(index);
            var p95 = index.P(0.95);
            var baseline = scan.Count > 0 ? $"{Report.Ms(scan.P(0.5))} / {Report.Ms(scan.P(0.95))} / {Report.Ms(scan.P(0.99))} scan" : "same (no keyword)";
            report.Add(section, $"{cls} ({index.Count} searches, {capped} over the count cap, {empty} empty): p50 / p95 / p99",
                $"{Report.Ms(index.P(0.5))} / {Report.Ms(p95)} / {Report.Ms(index.P(0.99))}", baseline,
                scan.Count > 0 ? p95 / scan.P(0.95) : null, $"p95 ≤ {goalMs} ms", p95 <= goalMs);
        }
        report.Add(section, $"job page query by number ({numbers.Count}): p50 / p95 / p99",
            $"{Report.Ms(numbers.P(0.5))} / {Report.Ms(numbers.P(0.95))} / {Report.Ms(numbers.P(0.99))}", "", null, $"p95 ≤ {goalMs} ms", numbers.P(0.95) <= goalMs);
        report.Note($"{name}: {all.Count} searches with the index, {measured.Values.Sum(m => m.Scan.Count)} without; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>One search; a failure (the database's 30 s command timeout, say) is counted, not fatal.</summary>
    private static async Task<Answer> AskAsync(HttpClient http, ServerProcess app, string query, bool index)
    {
        try
        {
            using var response = await http.GetAsync(app.Url(0, $"/bench/search?index={(index ? 1 : 0)}&{query}"));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) return JsonSerializer.Deserialize<Answer>(body, Http.Json)!;
            Console.WriteLine($"  /bench/search?index={(index ? 1 : 0)}&{query}: {(int)response.StatusCode}\n{app.Tail()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"  /bench/search?index={(index ? 1 : 0)}&{query}: {e.Message}");
        }
        return new Answer(-1, false, -1, null, double.NaN);
    }
}
