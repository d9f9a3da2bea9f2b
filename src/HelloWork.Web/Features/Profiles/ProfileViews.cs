using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Profiles;

public sealed record ChoiceView(string Value, string Text, bool Selected);

public sealed record InputView(string Name, string Id, string Label, string Kind, string Value, int Max, string? Hint,
    IReadOnlyList<ChoiceView> Choices, string? Error, string? Badge, bool Focus);

public sealed record ItemView(string Key, string Id, string Label, string? Badge, bool Optional, bool Shown, string Text,
    IReadOnlyList<InputView> Inputs, bool Group, string SwitchName, string? SwitchError);

public sealed record AccountFact(string Label, string Value);

/// <summary>One section of the seeker's own page, read (<see cref="Editing"/> false) or as its form.</summary>
public sealed record SectionView(string Slug, string Title, IReadOnlyList<ItemView> Items, IReadOnlyList<AccountFact> Account,
    bool Editing, bool CanEdit, bool Saved, string? Error, bool HasFreeText)
{
    public bool HasAccount => Account.Count > 0;
}

/// <summary>What a section shows besides the stored document: what was typed and refused, or that it was just saved.</summary>
public sealed record SectionState(ProfileValues? Typed = null, IReadOnlySet<string>? TypedShown = null,
    IReadOnlyDictionary<string, string>? Errors = null, string? Error = null, bool Saved = false);

public static class ProfileViews
{
    public static SectionView Section(Texts texts, ProfileSection section, ProfileDocument document, AppUser seeker,
        bool editing, bool canEdit, SectionState? state = null)
    {
        state ??= new SectionState();
        var values = state.Typed ?? document.Values;
        var errors = state.Errors ?? new Dictionary<string, string>();
        var items = section.Items.Select((item, itemIndex) =>
        {
            var group = item.Inputs.Count > 1;
            // The form's first input takes the focus when htmx swaps the form in (autofocus).
            var inputs = item.Inputs.Select((input, inputIndex) => Input(texts, input, values, group, errors, focus: editing && itemIndex == 0 && inputIndex == 0))
                .Select(view => group ? view : view with { Label = ProfileDisplay.Label(texts, item), Badge = Badge(texts, item, shown: false, editing: true) })
                .ToList();
            var shown = state.TypedShown?.Contains(item.Key) ?? document.Shows(item);
            return new ItemView(item.Key, "pro-" + item.Key.ToLowerInvariant(), ProfileDisplay.Label(texts, item),
                Badge(texts, item, shown, editing), item.IsOptional, shown, ProfileDisplay.Text(texts, item, document.Values), inputs, group,
                item.SwitchName, errors.GetValueOrDefault(item.SwitchName));
        }).ToList();
        return new SectionView(section.Slug, texts.Get($"profiles.section.{section.Slug}"), items,
            section.ShowsAccount ? AccountFacts(texts, seeker) : [], editing, canEdit, state.Saved, state.Error,
            section.Items.Any(i => i.Visibility != Visibility.Never && i.Inputs.Any(n => n.Kind is InputKind.Text or InputKind.LongText)));
    }

    private static InputView Input(Texts texts, ProfileInput input, ProfileValues values, bool group, IReadOnlyDictionary<string, string> errors, bool focus)
    {
        var value = input.Get(values) ?? "";
        var choices = input.Choices is null ? [] : Enum.GetNames(input.Choices)
            .Select(name => new ChoiceView(name, texts.Get($"profiles.choice.{input.Name}.{name}"), name == value)).ToList();
        var hintKey = $"profiles.hint.{input.Name}";
        var hint = texts.Has(hintKey) ? texts.Get(hintKey) : input.Kind == InputKind.LongText ? texts.Format("profiles.hint.max", input.Max) : null;
        return new InputView(input.Name, "pro-" + input.Name.ToLowerInvariant(), group ? texts.Get($"profiles.input.{input.Name}") : "",
            input.Kind.ToString(), value, input.Max, hint, choices, errors.GetValueOrDefault(input.Name), null, focus);
    }

    /// <summary>Who sees the item: in the form only the fixed cases (an optional item has its switch); read, also the switch's state.</summary>
    private static string? Badge(Texts texts, ProfileItem item, bool shown, bool editing) => item.Visibility switch
    {
        Visibility.Never => texts.Get("profiles.visibility.never"),
        Visibility.Always => texts.Get("profiles.visibility.always"),
        _ when editing => null,
        _ => texts.Get(shown ? "profiles.visibility.shown" : "profiles.visibility.hidden"),
    };

    /// <summary>PRO-1's never-public fields that the account holds: shown to the seeker, changed elsewhere.</summary>
    private static List<AccountFact> AccountFacts(Texts texts, AppUser seeker) =>
    [
        new(texts.Get("profiles.account.name"), seeker.DisplayName),
        new(texts.Get("profiles.account.birth-date"), seeker.BirthDate?.ToString("yyyy/MM/dd") ?? texts.Get("profiles.not-given")),
        new(texts.Get("profiles.account.email"), seeker.Email ?? ""),
    ];
}
