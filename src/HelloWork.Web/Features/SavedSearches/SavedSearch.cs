using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>
/// A seeker's saved search (検索条件の保存, JOB-4): a name and the canonical query of the conditions
/// (<see cref="JobSearchConditions.ToQueryString"/> without paging), plus copies of the conditions
/// that narrow which searches a newly accepted job can match (BEY-11): the prefectures a matching
/// job must be in (<see cref="Prefectures"/>, or <see cref="AnyPlace"/>), the schedule and the
/// occupation group. <see cref="NewMatches"/> counts the jobs accepted since the last run that
/// matched, raised by <see cref="SavedSearchAlerts"/> as each job is accepted.
/// </summary>
public sealed class SavedSearch
{
    public const int MaxName = 50;
    public const int MaxPerSeeker = 20;
    /// <summary>Longer than any query the conditions' own limits allow (two 50-character word fields, percent-encoded).</summary>
    public const int MaxQuery = 2000;

    public long Id { get; private set; }
    public Guid SeekerId { get; private set; }
    public string Name { get; private set; } = "";
    public string Query { get; private set; } = "";
    /// <summary>No place condition: a job anywhere can match.</summary>
    public bool AnyPlace { get; private set; }
    public JobSchedule? Schedule { get; private set; }
    /// <summary>The two-digit group of the occupation condition: a matching job's occupation is in it.</summary>
    public string? OccupationGroup { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastRunAt { get; private set; }
    /// <summary>Jobs accepted after <see cref="CountedSince"/> that matched.</summary>
    public int NewMatches { get; private set; }
    public List<SavedSearchPrefecture> Prefectures { get; private set; } = [];

    /// <summary>The instant "new" is counted from: the last run, or the save.</summary>
    public DateTime CountedSince => LastRunAt ?? CreatedAt;

    public JobSearchConditions Conditions => JobSearchConditions.Parse(QueryOf(Query)).Conditions;

    public static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> QueryOf(string query) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);

    /// <summary>ACC-9, judged as the profile's edit refusal is (<see cref="AppUser.HasValidRegistration"/>): while the registration is invalid the seeker may not search, so may not save or rerun.</summary>
    public static string? Refusal(AppUser seeker, DateTime now) =>
        seeker.Kind != UserKind.Seeker ? "profiles.error.not-seeker"
        : seeker.HasValidRegistration(now) ? null
        : "savedsearches.error.registration-invalid";

    public static SavedSearch Create(AppUser seeker, string name, JobSearchConditions conditions, DateTime now)
    {
        if (Refusal(seeker, now) is { } refusal) throw new DomainException(refusal);
        var search = new SavedSearch { SeekerId = seeker.Id, CreatedAt = now, Query = conditions.ToQueryString(withPaging: false) };
        search.SetName(name);
        var places = PlacesOf(conditions);
        search.AnyPlace = places is null;
        search.Prefectures = (places ?? []).Select(p => new SavedSearchPrefecture(p)).ToList();
        search.Schedule = conditions.Schedule;
        search.OccupationGroup = conditions.OccupationCode is { Length: >= 2 } occupation ? occupation[..2] : null;
        return search;
    }

    /// <summary>
    /// The prefectures a matching job can be in (null: any). Both prefectures and cities named: a
    /// job must be in both, so only the prefectures of the named cities among the named ones.
    /// </summary>
    public static IReadOnlyList<string>? PlacesOf(JobSearchConditions conditions)
    {
        IEnumerable<string>? places = null;
        if (conditions.PrefectureCodes.Count > 0) places = conditions.PrefectureCodes;
        if (conditions.CityCodes.Count > 0)
        {
            var ofCities = conditions.CityCodes.Select(c => c[..2]);
            places = places is null ? ofCities : places.Intersect(ofCities);
        }
        return places?.Distinct(StringComparer.Ordinal).ToList();
    }

    public void Rename(string name) => SetName(name);

    /// <summary>Rerun: "new" counts from now again.</summary>
    public void Run(AppUser seeker, DateTime now)
    {
        if (Refusal(seeker, now) is { } refusal) throw new DomainException(refusal);
        LastRunAt = now;
        NewMatches = 0;
    }

    private void SetName(string name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) throw new DomainException("savedsearches.error.name-required");
        if (trimmed.Length > MaxName) throw new DomainException("savedsearches.error.name-too-long", MaxName, trimmed.Length);
        Name = trimmed;
    }
}

/// <summary>A prefecture a saved search's matching jobs must be in: the index that finds the candidate searches for a job's prefecture.</summary>
public sealed class SavedSearchPrefecture(string prefectureCode)
{
    public long SavedSearchId { get; private set; }
    public string PrefectureCode { get; private set; } = prefectureCode;
}

public sealed class SavedSearchConfiguration : IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<SavedSearch> search)
    {
        search.ToTable("SavedSearches");
        search.Property(s => s.Name).HasMaxLength(SavedSearch.MaxName);
        search.Property(s => s.Query).HasMaxLength(SavedSearch.MaxQuery);
        search.Property(s => s.OccupationGroup).HasMaxLength(2);
        search.Ignore(s => s.Conditions);
        search.Ignore(s => s.CountedSince);
        search.HasIndex(s => new { s.SeekerId, s.Id });
        search.HasIndex(s => new { s.SeekerId, s.Query }).IsUnique();
        // The searches with no place condition are candidates for every accepted job.
        search.HasIndex(s => s.AnyPlace);
        search.HasOne<AppUser>().WithMany().HasForeignKey(s => s.SeekerId).OnDelete(DeleteBehavior.Cascade);
        search.HasMany(s => s.Prefectures).WithOne().HasForeignKey(p => p.SavedSearchId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SavedSearchPrefectureConfiguration : IEntityTypeConfiguration<SavedSearchPrefecture>
{
    public void Configure(EntityTypeBuilder<SavedSearchPrefecture> place)
    {
        place.ToTable("SavedSearchPrefectures");
        place.Property(p => p.PrefectureCode).HasMaxLength(2);
        place.HasKey(p => new { p.PrefectureCode, p.SavedSearchId });
        place.HasIndex(p => p.SavedSearchId);
    }
}
