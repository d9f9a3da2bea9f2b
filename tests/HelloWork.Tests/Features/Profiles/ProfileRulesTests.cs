using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;

namespace HelloWork.Tests.Features.Profiles;

/// <summary>The profile's rules as methods on the entity, with the time passed in.</summary>
public sealed class ProfileRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);
    private readonly AppUser _seeker = AppUser.Create(UserKind.Seeker, "seeker@t.example", "求職者", Now);

    private static ProfileSection Section(string slug) => ProfileFields.Section(slug)!;

    private static ProfileValues Complete => new() { DesiredJob = "介護職員", DesiredPlace = "新宿区", Education = "大学卒業" };

    private SeekerProfile Started(ProfileValues? values = null) => SeekerProfile.Start(_seeker, values ?? Complete, Now);

    [Fact, Trait("Rule", "PRO-1")]
    public void A_profile_starts_private_with_the_values_given_and_a_random_public_id_that_is_not_the_account_id()
    {
        var one = Started();
        var two = Started();

        Assert.False(one.IsPublished);
        Assert.Equal("介護職員", one.Values.DesiredJob);
        Assert.Equal(SeekerProfile.PublicIdLength, one.PublicId.Length);
        Assert.NotEqual(one.PublicId, two.PublicId);
        Assert.DoesNotContain(_seeker.Id.ToString("N")[..8], one.PublicId, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(_seeker.Id, one.UserId);
    }

    [Fact, Trait("Rule", "PRO-1")]
    public void Editing_a_section_changes_only_that_sections_values_and_switches()
    {
        var profile = Started(Complete with { AppealPoints = "元のアピール", Phone = "03-1111-2222" });
        profile.Edit(Section("appeal"), new ProfileValues(), new HashSet<string> { "Remarks" }, _seeker, Now);
        profile.Edit(Section("desired"), new ProfileValues { DesiredJob = "調理師", DesiredPlace = "横浜市", WageMin = "1200", WageUnit = "Hourly", AppealPoints = "紛れ込んだ値" },
            new HashSet<string> { "Wage" }, _seeker, Now.AddMinutes(5));

        Assert.Equal("調理師", profile.Values.DesiredJob);
        Assert.Equal("1200", profile.Values.WageMin);
        Assert.Null(profile.Values.AppealPoints); // emptied by the appeal section, not set by the desired one
        Assert.Equal("03-1111-2222", profile.Values.Phone);
        Assert.Equal(["Remarks", "Wage"], profile.Read().Shown);
        Assert.Equal(Now.AddMinutes(5), profile.UpdatedAt);
    }

    [Theory, Trait("Rule", "PRO-2")]
    [InlineData("Address")]
    [InlineData("Phone")]
    [InlineData("DesiredJob")]
    [InlineData("FullName")]
    [InlineData("Wage")] // optional, but not an item of the section edited
    public void Only_an_optional_item_of_the_section_can_be_switched_on_never_a_never_public_one(string key)
    {
        var profile = Started();
        var section = key is "Address" or "Phone" ? Section(ProfileFields.Contact) : Section("education");

        var refused = Assert.Throws<DomainException>(() => profile.Edit(section, new ProfileValues(), new HashSet<string> { key }, _seeker, Now));

        Assert.Equal("profiles.error.never-public", refused.Key);
        Assert.Empty(profile.Read().Shown);
    }

    [Fact, Trait("Rule", "PRO-2")]
    public void The_published_view_shows_always_public_items_and_switched_on_optional_ones_never_never_public_ones()
    {
        var document = new ProfileDocument(Complete with { Address = "秘密の住所", Phone = "03-1111-2222", PcSkills = "Excel", Remarks = "備考" },
            ["PcSkills", "Address", "Phone"]); // a document that somehow says to show never-public items

        var shown = ProfileFields.Items.Where(document.Shows).Select(i => i.Key).ToList();

        Assert.Equal(["DesiredJob", "DesiredPlace", "Education", "Licenses", "PcSkills"], shown);
    }

    [Fact, Trait("Rule", "PRO-2")]
    public void Publishing_needs_the_desired_job_and_place_and_education_and_is_refused_twice()
    {
        var incomplete = Started(new ProfileValues { DesiredJob = "介護職員", DesiredPlace = "新宿区" });
        Assert.Equal("profiles.error.incomplete", Assert.Throws<DomainException>(() => incomplete.Publish(_seeker, Now)).Key);
        Assert.False(incomplete.IsPublished);

        var profile = Started();
        profile.Publish(_seeker, Now);
        Assert.True(profile.IsPublished);
        Assert.Equal(Now, profile.PublishedAt);
        Assert.Equal("profiles.error.already-published", Assert.Throws<DomainException>(() => profile.Publish(_seeker, Now)).Key);

        profile.Unpublish(_seeker);
        Assert.False(profile.IsPublished);
        Assert.Null(profile.PublishedAt);
        Assert.Equal("profiles.error.already-private", Assert.Throws<DomainException>(() => profile.Unpublish(_seeker)).Key);
    }

    [Fact, Trait("Rule", "ACC-9")]
    public void While_the_registration_is_invalid_nothing_can_be_changed_but_the_profile_can_still_be_taken_out_of_view()
    {
        var profile = Started();
        profile.Publish(_seeker, Now);
        _seeker.SwitchRegistration(valid: false, Now);

        Assert.Equal("accounts.error.registration-invalid", SeekerProfile.EditRefusal(_seeker, Now));
        Assert.Equal("accounts.error.registration-invalid",
            Assert.Throws<DomainException>(() => profile.Edit(Section("appeal"), new ProfileValues(), new HashSet<string>(), _seeker, Now)).Key);
        Assert.Equal("accounts.error.registration-invalid", Assert.Throws<DomainException>(() => SeekerProfile.Start(_seeker, Complete, Now)).Key);
        Assert.False(profile.IsVisibleToEmployers(_seeker, Now));

        profile.Unpublish(_seeker);
        Assert.False(profile.IsPublished);
        Assert.Equal("accounts.error.registration-invalid", Assert.Throws<DomainException>(() => profile.Publish(_seeker, Now)).Key);
    }

    [Fact, Trait("Rule", "PRO-2")]
    public void Employers_see_a_published_profile_only_while_the_registration_is_valid()
    {
        var profile = Started();
        Assert.False(profile.IsVisibleToEmployers(_seeker, Now));
        profile.Publish(_seeker, Now);
        Assert.True(profile.IsVisibleToEmployers(_seeker, Now));
        Assert.False(profile.IsVisibleToEmployers(_seeker, _seeker.RegistrationValidUntil!.Value.AddTicks(1)));
    }

    [Fact, Trait("Rule", "PRO-1")]
    public void Only_the_seeker_changes_their_profile()
    {
        var other = AppUser.Create(UserKind.Seeker, "other@t.example", "他人", Now);
        var employer = AppUser.Create(UserKind.Employer, "e@t.example", "求人者", Now);
        var profile = Started();

        Assert.Equal("profiles.error.not-seeker", Assert.Throws<DomainException>(() => profile.Publish(other, Now)).Key);
        Assert.Equal("profiles.error.not-seeker", Assert.Throws<DomainException>(() => SeekerProfile.Start(employer, Complete, Now)).Key);
    }

    [Fact, Trait("Rule", "PRO-1")]
    public void A_stored_document_with_fields_this_version_does_not_know_or_lacks_still_reads()
    {
        var read = ProfileDocument.Parse("""{"Values":{"DesiredJob":"介護職員","FieldOfALaterVersion":"x"},"Shown":["PcSkills"],"Extra":1}""");
        var empty = ProfileDocument.Parse("{}");

        Assert.Equal("介護職員", read.Values.DesiredJob);
        Assert.Equal(["PcSkills"], read.Shown);
        Assert.Null(empty.Values.DesiredJob);
        Assert.Empty(empty.Shown);
        Assert.Equal(read.Values, ProfileDocument.Parse(read.ToJson()).Values);
    }

    [Fact, Trait("Rule", "PRO-1")]
    public void Every_field_PRO_1_lists_is_an_item_with_its_visibility_and_every_optional_item_has_a_switch_in_the_form()
    {
        string[] always = ["DesiredJob", "DesiredPlace", "Education", "Licenses"];
        string[] optional = ["EmploymentType", "UiTurn", "Wage", "PcSkills", "AppealPoints", "Disability", "Hours", "Relocation", "Training",
            "SpecialistSkills", "MainJobs", "DaysOff", "Overseas", "DriverLicense", "Remarks"];
        string[] never = ["Address", "Phone"]; // name, birth date and e-mail are the account's, not the document's

        Assert.Equal(always.Order(), ProfileFields.Items.Where(i => i.Visibility == Visibility.Always).Select(i => i.Key).Order());
        Assert.Equal(optional.Order(), ProfileFields.Items.Where(i => i.IsOptional).Select(i => i.Key).Order());
        Assert.Equal(never.Order(), ProfileFields.Items.Where(i => i.Visibility == Visibility.Never).Select(i => i.Key).Order());
        var switches = typeof(SectionForm).GetProperties().Where(p => p.PropertyType == typeof(bool)).Select(p => p.Name).Order();
        Assert.Equal(optional.Select(k => "Show" + k).Order(), switches);
        Assert.Equal(typeof(ProfileValues).GetProperties().Select(p => p.Name).Order(), ProfileFields.Sections.SelectMany(s => s.Inputs).Select(i => i.Name).Order());
    }

    [Fact, Trait("Rule", "PRO-1")]
    public void Every_section_item_input_and_choice_has_its_text_in_Japanese_and_English()
    {
        var texts = new HelloWork.Web.Rendering.Texts();
        var keys = ProfileFields.Sections.Select(s => $"profiles.section.{s.Slug}")
            .Concat(ProfileFields.Items.Select(i => $"profiles.item.{i.Key}"))
            .Concat(ProfileFields.Items.Where(i => i.Inputs.Count > 1).SelectMany(i => i.Inputs).Select(n => $"profiles.input.{n.Name}"))
            .Concat(ProfileFields.Items.SelectMany(i => i.Inputs).Where(n => n.Choices is not null)
                .SelectMany(n => Enum.GetNames(n.Choices!).Select(c => $"profiles.choice.{n.Name}.{c}")))
            .ToList();

        var missing = keys.Where(k => !texts.Keys("ja").Contains(k) || !texts.Keys("en").Contains(k)).ToList();
        Assert.True(missing.Count == 0, "texts missing: " + string.Join(", ", missing));
        Assert.Equal(texts.Keys("ja").Where(k => k.StartsWith("profiles.")).Order(), texts.Keys("en").Where(k => k.StartsWith("profiles.")).Order());
    }

    [Fact, Trait("Rule", "PRO-3")]
    public void Only_staff_add_a_note_to_a_seekers_registration_within_its_limit()
    {
        var staff = AppUser.Create(UserKind.Staff, "staff@t.example", "職員", Now);
        var employer = AppUser.Create(UserKind.Employer, "e@t.example", "求人者", Now);

        var note = ProfileNote.Add(staff, _seeker, "  窓口で職業相談を実施。\r\n次回は12月。 ", Now);

        Assert.Equal(("窓口で職業相談を実施。\n次回は12月。", _seeker.Id, staff.Id, Now), (note.Body, note.SeekerId, note.StaffId, note.AddedAt));
        Assert.Equal("profiles.error.only-staff", Assert.Throws<DomainException>(() => ProfileNote.Add(employer, _seeker, "x", Now)).Key);
        Assert.Equal("profiles.error.not-seeker", Assert.Throws<DomainException>(() => ProfileNote.Add(staff, employer, "x", Now)).Key);
        Assert.Equal("profiles.error.note-required", Assert.Throws<DomainException>(() => ProfileNote.Add(staff, _seeker, "  ", Now)).Key);
        ProfileNote.Add(staff, _seeker, new string('あ', ProfileNote.BodyMax), Now);
        Assert.Equal("profiles.error.note-too-long", Assert.Throws<DomainException>(() => ProfileNote.Add(staff, _seeker, new string('あ', ProfileNote.BodyMax + 1), Now)).Key);
    }
}
