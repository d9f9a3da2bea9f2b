using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Jobs;

public sealed class JobSearchOptions
{
    public const string Section = "Search";
    /// <summary>False makes keywords a plain substring scan: the bench's baseline, never production.</summary>
    public bool UseKeywordIndex { get; set; } = true;
    /// <summary>
    /// How many matches are counted before the search walks the sort order instead of sorting the
    /// matches (see <see cref="JobSearch"/>); null, as shipped: chosen per page from the number of
    /// jobs. Tests set it low to run the walk on a few hundred jobs.
    /// </summary>
    public int? PlanCap { get; set; }
}

/// <summary>One row of results: what the result list shows, public fields only.</summary>
public sealed record JobSearchHit(
    long Id, string Number, string Title, string EmployerName, string? PrefectureCode, string? CityCode,
    string? OccupationCode, JobSchedule? Schedule, EmploymentType? EmploymentType, int? WageMin, int? WageMax,
    WageUnit? WageUnit, bool SelfApplication, DateOnly? ReferralDeadline, DateTime AcceptedAt, DateTime ValidUntil);

/// <summary>A page of results. <see cref="CountCapped"/>: more than <see cref="Count"/> jobs match, and the page says "N件以上".</summary>
public sealed record JobSearchResult(IReadOnlyList<JobSearchHit> Jobs, int Count, bool CountCapped, int Page, int PageSize);

/// <summary>
/// Runs a job search (JOB-3) on either database: exactly the open jobs
/// <see cref="JobSearchConditions.Matches"/> accepts, sorted with the id as the tie-breaker so
/// paging is stable.
/// <para>
/// <b>Words</b> go through the keyword index of each database (migration AddJobSearchIndexes):
/// PostgreSQL a partial GIN over the job's bigram tokens as lexemes, SQLite an FTS5 table over the
/// same tokens. Each letter/digit run of a word asks for: one character, a token prefix (夜 is in
/// every bigram that starts with it, or is a run's last character); two characters, that token;
/// more, the AND of its bigrams. Every word is then re-checked as a substring of the normalized
/// text (strpos / instr), so what the index over-finds (介護職 from 介護 and 護職 apart) never comes
/// back, and words with symbols (c++, 1,000) are exact too.
/// </para>
/// <para>
/// <b>Two plans, chosen by a capped count.</b> First the matches are counted through the indexes,
/// up to <see cref="PlanCap"/>: a few hundred for page 1, more for deep pages. When no more than
/// that match, the matching rows are taken through the indexes and sorted (cheap: at most that many).
/// When more match, the jobs are walked in the sort order (a partial index per order) with each
/// condition checked per row: since at least that share of jobs match, the page fills after about
/// (offset + size) × total / matches rows. The count shown is the same query's, capped at
/// <see cref="CountCap"/>: a word in 200,000 jobs answers "1,000件以上" in the time of 1,001.
/// </para>
/// </summary>
public sealed class JobSearch(IOptions<JobSearchOptions> options)
{
    /// <summary>
    /// The count shown exactly; above it the page says 「1,000件以上」. Nobody reads past page 20 of
    /// 50; an exact count of a word in half the jobs costs seconds (../shared/STACK.md), a capped
    /// one costs the first 1,001 matches.
    /// </summary>
    public const int CountCap = 1000;

    /// <summary>Open jobs (JobStatus.Open), as the partial indexes' predicate spells it.</summary>
    private const string OpenJob = "j.\"Status\" = 2";

    public bool UsesKeywordIndex => options.Value.UseKeywordIndex;

    /// <summary>
    /// How many matches the plan counts before it walks the sort order instead: the balance of the
    /// two plans' costs, about √(rows needed × jobs), for 1,000,000 jobs ≈ 5,500 for page 1 of 30 and
    /// ≈ 50,000 for page 50 of 50; never below the displayed cap.
    /// </summary>
    public static int PlanCap(int offset, int size, long jobs) =>
        (int)Math.Clamp(Math.Sqrt((double)(offset + size) * Math.Max(jobs, 1)), CountCap, 100_000);

    public async Task<JobSearchResult> RunAsync(AppDb db, JobSearchConditions c, DateTime now, CancellationToken ct)
    {
        var postgres = !db.Database.IsSqlite();
        var offset = (long)(c.Page - 1) * c.PageSize;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            var filters = new Query(postgres, db.Database.CurrentTransaction?.GetDbTransaction());
            filters.Filters(c, now);
            var indexed = filters.Clone();
            var words = indexed.Words(c, UsesKeywordIndex);
            var scanned = filters.Clone();
            scanned.Words(c, useIndex: false);

            // Job numbers: at most five rows by the unique index, nothing to plan.
            var jobsEstimate = c.JobNumbers.Count > 0 || options.Value.PlanCap is not null ? 0 : await EstimateJobsAsync(connection, postgres, filters.Transaction, ct);
            var planCap = options.Value.PlanCap ?? PlanCap((int)Math.Min(offset, int.MaxValue / 2), c.PageSize, jobsEstimate);
            var matches = await indexed.CountAsync(connection, words, Math.Max(planCap, CountCap) + 1, ct);
            var many = matches > planCap;
            var ids = many
                ? await scanned.PageByWalkAsync(connection, c.Sort, offset, c.PageSize, ct)
                : await indexed.PageOfFewAsync(connection, words, c.Sort, offset, c.PageSize, ct);
            var hits = await HitsAsync(db, ids, ct);
            return new JobSearchResult(hits, (int)Math.Min(matches, CountCap), matches > CountCap, c.Page, c.PageSize);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The public fields of the page's jobs, in the page's order (one statement).</summary>
    private static async Task<IReadOnlyList<JobSearchHit>> HitsAsync(AppDb db, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Set<Job>().Where(j => ids.Contains(j.Id))
            .Join(db.Set<Establishment>(), j => j.EstablishmentId, e => e.Id, (j, e) => new JobSearchHit(
                j.Id, j.Number!, j.Title, e.Name, j.PrefectureCode, j.CityCode, j.OccupationCode,
                j.Schedule, j.EmploymentType, j.WageMin, j.WageMax, j.WageUnit, j.SelfApplication,
                j.ReferralDeadline, j.AcceptedAt!.Value, j.ValidUntil!.Value))
            .ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Id);
        return ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    /// <summary>The number of open jobs as the database's statistics say (no scan): what the plan cap scales with.</summary>
    private static async Task<long> EstimateJobsAsync(DbConnection connection, bool postgres, DbTransaction? tx, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = postgres
            ? "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = '\"Jobs\"'::regclass"
            // SQLite keeps no row count; the largest id is one index probe and an upper bound.
            : "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Jobs\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>One statement's WHERE clause and parameters, built condition by condition.</summary>
    private sealed class Query(bool postgres, DbTransaction? transaction)
    {
        private readonly List<string> _where = [OpenJob];
        private readonly List<(string Name, object Value)> _parameters = [];

        public DbTransaction? Transaction => transaction;

        public Query Clone()
        {
            var copy = new Query(postgres, transaction);
            copy._where.Clear();
            copy._where.AddRange(_where);
            copy._parameters.AddRange(_parameters);
            return copy;
        }

        private string Add(object value)
        {
            var name = "@p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
            _parameters.Add((name, value));
            return name;
        }

        private string In(IEnumerable<object> values) => "(" + string.Join(", ", values.Select(Add)) + ")";

        private object Instant(DateTime utc) => postgres
            ? DateTime.SpecifyKind(utc, DateTimeKind.Utc)
            // EF Core's SQLite format for DateTime (text that sorts as time does).
            : utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

        public void Filters(JobSearchConditions c, DateTime now)
        {
            _where.Add($"j.\"ValidUntil\" >= {Add(Instant(now))}");
            if (c.JobNumbers.Count > 0) _where.Add($"j.\"Number\" IN {In(c.JobNumbers)}");
            if (c.PrefectureCodes.Count > 0) _where.Add($"j.\"PrefectureCode\" IN {In(c.PrefectureCodes)}");
            if (c.CityCodes.Count > 0) _where.Add($"j.\"CityCode\" IN {In(c.CityCodes)}");
            if (c.OccupationCode is { Length: > 0 } occupation)
            {
                // StartsWith as a range, which both databases answer from an index whatever the collation.
                var next = occupation[..^1] + (char)(occupation[^1] + 1);
                _where.Add($"j.\"OccupationCode\" >= {Add(occupation)} AND j.\"OccupationCode\" < {Add(next)}");
            }
            if (c.Schedule is { } schedule) _where.Add($"j.\"Schedule\" = {Add((int)schedule)}");
            if (c.EmploymentTypes.Count > 0) _where.Add($"j.\"EmploymentType\" IN {In(c.EmploymentTypes.Select(t => (object)(int)t))}");
            if (c.MinWage is { } wage)
            {
                _where.Add($"j.\"WageUnit\" = {Add((int)c.WageUnit)} AND COALESCE(j.\"WageMax\", j.\"WageMin\", 0) >= {Add(wage)}");
            }
            if (c.SelfApplicationOnly) _where.Add(postgres ? "j.\"SelfApplication\"" : "j.\"SelfApplication\" = 1");
            if (c.NewOnly) _where.Add($"j.\"AcceptedAt\" >= {Add(Instant(now - JobSearchConditions.NewWithin))}");
            if (c.ExcludeWord is { } excluded) _where.Add($"{Position(excluded)} = 0");
        }

        private string Position(string word) => postgres
            ? $"strpos(j.\"SearchText\", {Add(word)})"
            : $"instr(j.\"SearchText\", {Add(word)})";

        /// <summary>
        /// Adds every word's substring check and, with the index, returns the index query (a tsquery
        /// or an FTS5 MATCH expression), or null when no word has a letter or digit to look up.
        /// </summary>
        public string? Words(JobSearchConditions c, bool useIndex)
        {
            var terms = new List<string>();
            foreach (var word in c.Words)
            {
                _where.Add($"{Position(word)} > 0");
                if (!useIndex) continue;
                foreach (var run in JobText.Runs(word))
                {
                    if (run.Length == 1) terms.Add(postgres ? $"'{run}':*" : $"\"{run}\"*");
                    else terms.AddRange(JobText.QueryTokens(run).Select(t => postgres ? $"'{t}'" : $"\"{t}\""));
                }
            }
            if (terms.Count == 0) return null;
            // Tokens are letters and digits only (JobText.Runs), so no quote needs escaping.
            var query = string.Join(postgres ? " & " : " AND ", terms.Distinct(StringComparer.Ordinal));
            if (postgres)
            {
                _where.Add($"array_to_tsvector(string_to_array(j.\"SearchTokens\", ' ')) @@ {Add(query)}::tsquery");
                return query;
            }
            _where.Add($"j.\"Id\" IN (SELECT rowid FROM \"JobTokens\" WHERE \"JobTokens\" MATCH {Add(query)})");
            return query;
        }

        private string Where => string.Join(" AND ", _where);

        private static string Order(JobSort sort, bool postgres, string alias) => sort == JobSort.Deadline
            ? postgres
                ? $"{alias}\"ReferralDeadline\" ASC NULLS LAST, {alias}\"Id\" ASC"
                : $"({alias}\"ReferralDeadline\" IS NULL), {alias}\"ReferralDeadline\", {alias}\"Id\""
            : $"{alias}\"AcceptedAt\" DESC, {alias}\"Id\" DESC";

        /// <summary>
        /// The matches counted up to <paramref name="limit"/> through the indexes. On SQLite with a
        /// word the FTS5 table leads (CROSS JOIN keeps it outermost), so rows are found through it.
        /// </summary>
        public async Task<long> CountAsync(DbConnection connection, string? indexQuery, int limit, CancellationToken ct)
        {
            return await ScalarAsync(connection, $"SELECT count(*) FROM (SELECT 1 FROM {From(indexQuery)} WHERE {LeadingMatch(indexQuery)} LIMIT {limit}) AS m", ct);
        }

        private string From(string? indexQuery) => !postgres && indexQuery is not null
            ? "\"JobTokens\" AS t CROSS JOIN \"Jobs\" AS j"
            : "\"Jobs\" AS j";

        private string LeadingMatch(string? indexQuery)
        {
            if (postgres || indexQuery is null) return Where;
            // On SQLite the FTS5 table is joined rather than probed per row.
            var where = _where.Where(w => !w.Contains("\"JobTokens\" MATCH", StringComparison.Ordinal)).ToList();
            where.Add($"t.\"JobTokens\" MATCH {_parameters.Last(p => p.Value is string s && s == indexQuery).Name} AND j.\"Id\" = t.rowid");
            return string.Join(" AND ", where);
        }

        /// <summary>Few matches: take them all through the indexes, then sort them (at most the plan cap).</summary>
        public Task<IReadOnlyList<long>> PageOfFewAsync(DbConnection connection, string? indexQuery, JobSort sort, long offset, int size, CancellationToken ct)
        {
            if (postgres)
            {
                // MATERIALIZED: the matches are found through the indexes, not by walking the sort order.
                return IdsAsync(connection, $"""
                    WITH m AS MATERIALIZED (SELECT j."Id", j."AcceptedAt", j."ReferralDeadline" FROM "Jobs" AS j WHERE {Where})
                    SELECT m."Id" FROM m ORDER BY {Order(sort, postgres, "m.")} LIMIT {size} OFFSET {offset}
                    """, ct);
            }
            return IdsAsync(connection, $"""
                SELECT j."Id" FROM {From(indexQuery)} WHERE {LeadingMatch(indexQuery)}
                ORDER BY {Order(sort, postgres, "j.")} LIMIT {size} OFFSET {offset}
                """, ct);
        }

        /// <summary>Many matches: walk the open jobs in the sort order (a partial index each), checking every condition per row.</summary>
        public Task<IReadOnlyList<long>> PageByWalkAsync(DbConnection connection, JobSort sort, long offset, int size, CancellationToken ct)
        {
            var index = postgres ? "" : sort == JobSort.Deadline ? " INDEXED BY \"IX_Jobs_Open_Deadline\"" : " INDEXED BY \"IX_Jobs_Open_Newest\"";
            return IdsAsync(connection, $"""
                SELECT j."Id" FROM "Jobs" AS j{index} WHERE {Where}
                ORDER BY {Order(sort, postgres, "j.")} LIMIT {size} OFFSET {offset}
                """, ct);
        }

        private DbCommand Command(DbConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in _parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            return command;
        }

        private async Task<long> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
        {
            await using var command = Command(connection, sql);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
        }

        private async Task<IReadOnlyList<long>> IdsAsync(DbConnection connection, string sql, CancellationToken ct)
        {
            await using var command = Command(connection, sql);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var ids = new List<long>();
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt64(0));
            return ids;
        }

        public override string ToString()
        {
            var sb = new StringBuilder(Where);
            foreach (var (name, value) in _parameters) sb.Append(CultureInfo.InvariantCulture, $" {name}={value}");
            return sb.ToString();
        }
    }
}
