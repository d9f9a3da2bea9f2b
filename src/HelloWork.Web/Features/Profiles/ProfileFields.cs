using System.Reflection;

namespace HelloWork.Web.Features.Profiles;

/// <summary>Who may see an item of the profile once it is published (PRO-1, PRO-2).</summary>
public enum Visibility
{
    /// <summary>Never shown to employers, whatever is posted (address, contact; name and birth date are the account's).</summary>
    Never,
    /// <summary>Always shown while the profile is published (desired job and place, education, licenses).</summary>
    Always,
    /// <summary>Shown only when the seeker switched it on.</summary>
    Optional,
}

public enum InputKind { Text, LongText, Phone, Digits, Time, Choice }

/// <summary>One value the seeker types or chooses: a property of <see cref="ProfileValues"/>.</summary>
public sealed record ProfileInput(string Name, InputKind Kind, int Max, Type? Choices = null, bool Required = false)
{
    private readonly PropertyInfo _property = typeof(ProfileValues).GetProperty(Name, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"ProfileValues has no property {Name}");

    public string? Get(ProfileValues values) => (string?)_property.GetValue(values);

    public void Set(ProfileValues values, string? value) => _property.SetValue(values, value);
}

/// <summary>
/// One thing the profile says, with its visibility: one input, or a few that belong together
/// (a wage range and its unit). An optional item has one show/hide switch for all its inputs.
/// </summary>
public sealed record ProfileItem(string Key, Visibility Visibility, IReadOnlyList<ProfileInput> Inputs)
{
    public bool IsOptional => Visibility == Visibility.Optional;

    /// <summary>The form field that switches an optional item on: <c>Show{Key}</c>, a property of <see cref="SectionForm"/>.</summary>
    public string SwitchName => "Show" + Key;
}

/// <summary>A part of the profile edited on its own, with one form (PRO-1).</summary>
public sealed record ProfileSection(string Slug, IReadOnlyList<ProfileItem> Items)
{
    public IEnumerable<ProfileInput> Inputs => Items.SelectMany(i => i.Inputs);

    /// <summary>The contact section also shows what the account holds (name, birth date, e-mail), never public.</summary>
    public bool ShowsAccount => Slug == ProfileFields.Contact;
}

/// <summary>Every item of the profile, by section, in the order the seeker sees them (PRO-1).</summary>
public static class ProfileFields
{
    public const string Contact = "contact";

    private static ProfileItem One(string key, Visibility visibility, InputKind kind, int max, Type? choices = null, bool required = false) =>
        new(key, visibility, [new ProfileInput(key, kind, max, choices, required)]);

    public static readonly IReadOnlyList<ProfileSection> Sections =
    [
        new(Contact,
        [
            One(nameof(ProfileValues.Address), Visibility.Never, InputKind.Text, 200),
            One(nameof(ProfileValues.Phone), Visibility.Never, InputKind.Phone, 13),
        ]),
        new("desired",
        [
            One(nameof(ProfileValues.DesiredJob), Visibility.Always, InputKind.Text, 50, required: true),
            One(nameof(ProfileValues.DesiredPlace), Visibility.Always, InputKind.Text, 50, required: true),
            One(nameof(ProfileValues.EmploymentType), Visibility.Optional, InputKind.Choice, 20, typeof(DesiredEmployment)),
            new("Wage", Visibility.Optional,
            [
                // Up to 7 digits (ProfileChecks); the room beyond is for thousands separators and a typo to be named as one.
                new(nameof(ProfileValues.WageMin), InputKind.Digits, 12),
                new(nameof(ProfileValues.WageMax), InputKind.Digits, 12),
                new(nameof(ProfileValues.WageUnit), InputKind.Choice, 20, typeof(DesiredWageUnit)),
            ]),
            new("Hours", Visibility.Optional,
            [
                new(nameof(ProfileValues.HoursFrom), InputKind.Time, 10),
                new(nameof(ProfileValues.HoursTo), InputKind.Time, 10),
                new(nameof(ProfileValues.HoursNote), InputKind.Text, 100),
            ]),
            new(nameof(ProfileValues.DaysOff), Visibility.Optional,
            [
                new(nameof(ProfileValues.DaysOff), InputKind.Choice, 20, typeof(DaysOffWish)),
                new(nameof(ProfileValues.DaysOffNote), InputKind.Text, 100),
            ]),
            One(nameof(ProfileValues.Relocation), Visibility.Optional, InputKind.Choice, 20, typeof(YesNo)),
            new(nameof(ProfileValues.UiTurn), Visibility.Optional,
            [
                new(nameof(ProfileValues.UiTurn), InputKind.Choice, 20, typeof(YesNo)),
                new(nameof(ProfileValues.UiTurnArea), InputKind.Text, 50),
            ]),
            One(nameof(ProfileValues.Overseas), Visibility.Optional, InputKind.Choice, 20, typeof(YesNo)),
        ]),
        new("education",
        [
            One(nameof(ProfileValues.Education), Visibility.Always, InputKind.Text, 200, required: true),
            One(nameof(ProfileValues.Licenses), Visibility.Always, InputKind.LongText, 500),
            One(nameof(ProfileValues.DriverLicense), Visibility.Optional, InputKind.Choice, 20, typeof(DriverLicense)),
            One(nameof(ProfileValues.Training), Visibility.Optional, InputKind.LongText, 1000),
        ]),
        new("career",
        [
            One(nameof(ProfileValues.MainJobs), Visibility.Optional, InputKind.LongText, 2000),
            One(nameof(ProfileValues.SpecialistSkills), Visibility.Optional, InputKind.LongText, 1000),
            One(nameof(ProfileValues.PcSkills), Visibility.Optional, InputKind.LongText, 500),
        ]),
        new("appeal",
        [
            One(nameof(ProfileValues.AppealPoints), Visibility.Optional, InputKind.LongText, 2000),
            One(nameof(ProfileValues.Disability), Visibility.Optional, InputKind.LongText, 500),
            One(nameof(ProfileValues.Remarks), Visibility.Optional, InputKind.LongText, 1000),
        ]),
    ];

    public static IEnumerable<ProfileItem> Items => Sections.SelectMany(s => s.Items);

    public static ProfileItem? Item(string key) => Items.FirstOrDefault(i => i.Key == key);

    public static ProfileSection? Section(string slug) => Sections.FirstOrDefault(s => s.Slug == slug);

    /// <summary>What a published profile must say: the always-public items employers search by.</summary>
    public static readonly IReadOnlyList<string> NeededToPublish =
        [nameof(ProfileValues.DesiredJob), nameof(ProfileValues.DesiredPlace), nameof(ProfileValues.Education)];
}
