using System.Globalization;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Profiles;

/// <summary>An item of the profile as people read it, in the request's language: the seeker's own view and the employer's page say it alike.</summary>
public static class ProfileDisplay
{
    public static string Label(Texts texts, ProfileItem item) => texts.Get($"profiles.item.{item.Key}");

    /// <summary>The item's value as one text ("" when nothing was given).</summary>
    public static string Text(Texts texts, ProfileItem item, ProfileValues values) => item.Key switch
    {
        "Wage" => Wage(texts, values),
        "Hours" => Joined(Hours(texts, values), values.HoursNote),
        _ => Joined([.. item.Inputs.Select(i => Value(texts, i, values))]),
    };

    public static string Value(Texts texts, ProfileInput input, ProfileValues values) => input.Get(values) switch
    {
        null => "",
        var chosen when input.Kind == InputKind.Choice => texts.Get($"profiles.choice.{input.Name}.{chosen}"),
        var typed => typed,
    };

    private static string Joined(params string?[] parts) => string.Join(" ／ ", parts.Where(p => !string.IsNullOrEmpty(p)));

    private static string Wage(Texts texts, ProfileValues v)
    {
        int? min = int.TryParse(v.WageMin, CultureInfo.InvariantCulture, out var a) ? a : null;
        int? max = int.TryParse(v.WageMax, CultureInfo.InvariantCulture, out var b) ? b : null;
        var unit = v.WageUnit is null ? "" : texts.Get($"profiles.choice.{nameof(ProfileValues.WageUnit)}.{v.WageUnit}");
        return (min, max) switch
        {
            ({ } from, { } to) => texts.Format("profiles.wage.range", unit, from, to),
            ({ } from, null) => texts.Format("profiles.wage.from", unit, from),
            (null, { } to) => texts.Format("profiles.wage.to", unit, to),
            _ => "",
        };
    }

    private static string Hours(Texts texts, ProfileValues v) => (v.HoursFrom, v.HoursTo) switch
    {
        ({ } from, { } to) => texts.Format(string.CompareOrdinal(to, from) < 0 ? "profiles.hours.overnight" : "profiles.hours.range", from, to),
        ({ } from, null) => texts.Format("profiles.hours.from", from),
        (null, { } to) => texts.Format("profiles.hours.to", to),
        _ => "",
    };
}
