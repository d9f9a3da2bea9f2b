using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// What a seeker's profile (求職情報, PRO-1) says, field by field, as stored in its JSON document.
/// Every value is text as the seeker gave it, normalized when it was checked (a choice by its
/// name, a wage in half-width digits, a time as HH:mm). A new field is a property here, a line in
/// <see cref="ProfileFields"/> and its texts: the table does not change. Name, birth date and
/// e-mail are not here: they are the account's (PRO-1's never-public fields, with address and phone).
/// Not sealed: <see cref="SectionForm"/> is these values as a section posts them.
/// </summary>
public record ProfileValues
{
    public string? Address { get; set; }
    public string? Phone { get; set; }

    public string? DesiredJob { get; set; }
    public string? DesiredPlace { get; set; }
    public string? EmploymentType { get; set; }
    public string? WageMin { get; set; }
    public string? WageMax { get; set; }
    public string? WageUnit { get; set; }
    public string? HoursFrom { get; set; }
    public string? HoursTo { get; set; }
    public string? HoursNote { get; set; }
    public string? DaysOff { get; set; }
    public string? DaysOffNote { get; set; }
    public string? Relocation { get; set; }
    public string? UiTurn { get; set; }
    public string? UiTurnArea { get; set; }
    public string? Overseas { get; set; }

    public string? Education { get; set; }
    public string? Licenses { get; set; }
    public string? DriverLicense { get; set; }
    public string? Training { get; set; }

    public string? MainJobs { get; set; }
    public string? SpecialistSkills { get; set; }
    public string? PcSkills { get; set; }

    public string? AppealPoints { get; set; }
    public string? Disability { get; set; }
    public string? Remarks { get; set; }
}

/// <summary>
/// The stored document: the values, and which optional items the seeker chose to show (PRO-2).
/// Read leniently: a property this version does not know is skipped, one it lacks is empty.
/// </summary>
public sealed record ProfileDocument(ProfileValues Values, IReadOnlyList<string> Shown)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Japanese stays readable in the stored text (and in psql); the JSON is never put into HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly ProfileDocument Empty = new(new ProfileValues(), []);

    public static ProfileDocument Parse(string json) =>
        JsonSerializer.Deserialize<ProfileDocument>(json, Options) is { } read
            ? read with { Values = read.Values ?? new ProfileValues(), Shown = read.Shown ?? [] }
            : Empty;

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Whether employers see the item while the profile is published: always-public ones, and optional ones switched on; never a never-public one.</summary>
    public bool Shows(ProfileItem item) => item.Visibility switch
    {
        Visibility.Always => true,
        Visibility.Optional => Shown.Contains(item.Key),
        _ => false,
    };
}

public enum DesiredEmployment { FullTime, PartTime, Dispatch, Contract, Any }
public enum DesiredWageUnit { Hourly, Daily, Monthly }
public enum DaysOffWish { WeekendsAndHolidays, FiveDayWeek, Shift, Any }
public enum YesNo { Yes, No }
public enum DriverLicense { Yes, AutomaticOnly, No }
