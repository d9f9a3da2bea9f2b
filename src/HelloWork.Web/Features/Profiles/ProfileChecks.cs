using System.Globalization;
using System.Text;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// Checks what a section's form sent, input by input and then the inputs that belong together
/// (a wage range, working hours), and gives the values as they are stored: trimmed, half-width
/// digits and times, a choice by its name. Free text is kept as typed (PRO-2: it is published as written).
/// </summary>
public static class ProfileChecks
{
    public static ProfileValues Check(FormErrors errors, ProfileSection section, ProfileValues posted)
    {
        var checkedValues = new ProfileValues();
        foreach (var input in section.Inputs)
        {
            input.Set(checkedValues, Check(errors, input, input.Get(posted)));
        }
        CheckWage(errors, section, checkedValues);
        CheckHours(errors, section, checkedValues);
        return checkedValues;
    }

    private static string? Check(FormErrors errors, ProfileInput input, string? sent)
    {
        var value = input.Kind switch
        {
            InputKind.LongText => errors.Text(input.Name, (sent ?? "").ReplaceLineEndings("\n"), input.Max, input.Required),
            // Full-width digits, colons and hyphens typed with a Japanese keyboard read as half-width.
            InputKind.Phone or InputKind.Digits or InputKind.Time => errors.Text(input.Name, (sent ?? "").Normalize(NormalizationForm.FormKC), input.Max, input.Required),
            _ => errors.Text(input.Name, sent, input.Max, input.Required),
        };
        if (value.Length == 0 || value.Length > input.Max)
        {
            return value.Length == 0 ? null : value;
        }
        switch (input.Kind)
        {
            case InputKind.Phone when !FileRegistration.PhoneFormat().IsMatch(value):
                errors.Add(input.Name, "profiles.error.phone-format");
                return value;
            case InputKind.Digits:
                var digits = value.Replace(",", "");
                if (digits.Length is 0 or > 7 || !digits.All(char.IsAsciiDigit) || int.Parse(digits, CultureInfo.InvariantCulture) == 0)
                {
                    errors.Add(input.Name, "profiles.error.wage-format");
                    return value;
                }
                return int.Parse(digits, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            case InputKind.Time:
                if (!TimeOnly.TryParseExact(value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
                {
                    errors.Add(input.Name, "profiles.error.time-format");
                    return value;
                }
                return time.ToString("HH:mm", CultureInfo.InvariantCulture);
            case InputKind.Choice when !Enum.GetNames(input.Choices!).Contains(value, StringComparer.Ordinal):
                errors.Add(input.Name, "form.invalid-choice");
                return value;
            default:
                return value;
        }
    }

    private static void CheckWage(FormErrors errors, ProfileSection section, ProfileValues v)
    {
        if (!section.Inputs.Any(i => i.Name == nameof(ProfileValues.WageMin)))
        {
            return;
        }
        if (int.TryParse(v.WageMin, out var min) && int.TryParse(v.WageMax, out var max) && min > max)
        {
            errors.Add(nameof(ProfileValues.WageMax), "profiles.error.wage-order");
        }
        if ((v.WageMin is not null || v.WageMax is not null) && v.WageUnit is null)
        {
            errors.Add(nameof(ProfileValues.WageUnit), "profiles.error.wage-unit-required");
        }
    }

    private static void CheckHours(FormErrors errors, ProfileSection section, ProfileValues v)
    {
        // A night shift ends the next day (22:00 to 06:00); only the same time twice says nothing.
        if (section.Inputs.Any(i => i.Name == nameof(ProfileValues.HoursFrom)) && v.HoursFrom is not null && v.HoursFrom == v.HoursTo)
        {
            errors.Add(nameof(ProfileValues.HoursTo), "profiles.error.hours-same");
        }
    }
}
