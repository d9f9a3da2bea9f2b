using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Profiles.ProfileSteps;

namespace HelloWork.Tests.Features.Profiles;

public abstract class EditProfileSectionTests(HelloWorkApp app)
{
    private static string Item(Page page, string key) => page.Text($".profile-item[data-item={key}] dd");

    [Fact, Trait("Rule", "PRO-1")]
    public async Task The_profile_starts_from_the_filed_registration_so_nothing_is_typed_twice()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);

        var page = await client.PageAsync("/mypage/profile");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("介護職員", Item(page, "DesiredJob"));
        Assert.Equal("東京都新宿区", Item(page, "DesiredPlace"));
        Assert.Equal("正社員・フルタイム", Item(page, "EmploymentType"));
        Assert.Equal("月給 200,000円以上", Item(page, "Wage"));
        Assert.Equal("09:00〜18:00", Item(page, "Hours"));
        Assert.Equal("青葉大学 文学部 卒業", Item(page, "Education"));
        Assert.Equal("介護福祉士", Item(page, "Licenses"));
        Assert.Equal("特別養護老人ホームで5年勤務", Item(page, "MainJobs"));
        Assert.Equal("利用者に寄り添う介護を心がけています。", Item(page, "AppealPoints"));
        Assert.Equal(SecretPrefecture, Item(page, "Address"));
        Assert.Equal(SecretPhone, Item(page, "Phone"));
        var contact = page.Text("#profile-contact");
        Assert.Contains(SecretName, contact);
        Assert.Contains("1987/06/05", contact);
        Assert.Contains(seeker.Email!, contact);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SeekerProfile>().CountAsync(p => p.UserId == seeker.Id))); // reading writes nothing
    }

    private static readonly string[] Desired =
    [
        "DesiredJob", "調理師", "DesiredPlace", "横浜市", "EmploymentType", "PartTime", "WageMin", "１，２００", "WageMax", "1500", "WageUnit", "Hourly",
        "HoursFrom", "22:00", "HoursTo", "6:00", "HoursNote", "夜勤のみ", "DaysOff", "Shift", "DaysOffNote", "日曜休み", "Relocation", "No",
        "UiTurn", "Yes", "UiTurnArea", "長野県", "Overseas", "Yes",
    ];

    public static TheoryData<string, string[], string, string> Sections => new()
    {
        { "contact", ["Address", "東京都中野区中野1-2-3", "Phone", "０３－１２３４－９９９９"], "Address", "東京都中野区中野1-2-3" },
        { "desired", Desired, "Wage", "時給 1,200円〜1,500円" },
        { "education", ["Education", "みどり高校 卒業", "Licenses", "調理師免許\n食品衛生責任者", "DriverLicense", "AutomaticOnly", "Training", "介護職員初任者研修"],
            "Licenses", "調理師免許\n食品衛生責任者" },
        { "career", ["MainJobs", "飲食店で調理（3年）", "SpecialistSkills", "和食の調理", "PcSkills", "Excel, Word"], "PcSkills", "Excel, Word" },
        { "appeal", ["AppealPoints", "体力に自信があります", "Disability", "聴覚障害（軽度）", "Remarks", "車通勤を希望"], "Disability", "聴覚障害（軽度）" },
    };

    private static KeyValuePair<string, string>[] Pairs(string[] flat) =>
        [.. Enumerable.Range(0, flat.Length / 2).Select(i => new KeyValuePair<string, string>(flat[2 * i], flat[2 * i + 1]))];

    [Theory, Trait("Rule", "PRO-1"), MemberData(nameof(Sections))]
    public async Task Each_section_is_saved_on_its_own_and_htmx_gets_back_just_that_section(string slug, string[] fields, string key, string shown)
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);

        var saved = await SaveSectionAsync(client, slug, Pairs(fields));

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("保存しました。", saved.Text($"#profile-{slug} .success"));
        Assert.Equal(shown, Item(saved, key));
        Assert.False(saved.Has("h1"), "only the section comes back");
        Assert.Single(saved.Document.QuerySelectorAll("section.profile-section"));
        var page = await client.PageAsync("/mypage/profile");
        Assert.Equal(shown, Item(page, key));
        // The other sections kept what the registration gave them.
        if (slug != "desired") Assert.Equal("介護職員", Item(page, "DesiredJob"));
        if (slug != "appeal") Assert.Equal("利用者に寄り添う介護を心がけています。", Item(page, "AppealPoints"));
        var values = (await DocumentAsync(app, seeker.Id)).Values;
        foreach (var input in ProfileFields.Section(slug)!.Inputs.Where(i => i.Kind == InputKind.Choice))
        {
            Assert.Equal(Pairs(fields).Single(f => f.Key == input.Name).Value, input.Get(values));
        }
    }

    [Fact, Trait("Rule", "PRO-1")]
    public async Task Numbers_and_times_typed_full_width_are_stored_half_width_and_the_night_shift_reads_as_next_day()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);

        var saved = await SaveSectionAsync(client, "desired", Pairs(Desired));

        var values = (await DocumentAsync(app, seeker.Id)).Values;
        Assert.Equal(("1200", "1500", "22:00", "06:00"), (values.WageMin, values.WageMax, values.HoursFrom, values.HoursTo));
        Assert.Equal("22:00〜翌06:00 ／ 夜勤のみ", Item(saved, "Hours"));
        await SaveSectionAsync(client, "contact", [new("Address", "中野区"), new("Phone", "０３－１２３４－９９９９")]);
        Assert.Equal("03-1234-9999", (await DocumentAsync(app, seeker.Id)).Values.Phone);
    }

    [Fact, Trait("Rule", "PRO-1")]
    public async Task The_edit_button_swaps_in_the_sections_form_prefilled_and_cancel_swaps_it_back()
    {
        var (_, client) = await RegisteredSeekerAsync(app);
        var read = await client.PageAsync("/mypage/profile");
        var edit = read.Document.QuerySelector("#profile-education-edit")!;
        Assert.Equal("/mypage/profile/education/edit", edit.GetAttribute("href"));
        Assert.Equal("#profile-education", edit.GetAttribute("hx-target"));

        var form = await client.PageAsync("/mypage/profile/education/edit", htmx: true);

        Assert.Equal("青葉大学 文学部 卒業", form.Document.QuerySelector("#pro-education")!.GetAttribute("value"));
        Assert.Equal("介護福祉士", form.Document.QuerySelector("#pro-licenses")!.TextContent);
        Assert.Equal("/mypage/profile/education", form.Document.QuerySelector("form")!.GetAttribute("hx-post"));
        Assert.Equal("常に公開", form.Text("[data-item=Education] .visibility"));
        Assert.False(form.Document.QuerySelector("#pro-driverlicense-show")!.HasAttribute("checked"));
        var back = await client.PageAsync("/mypage/profile/education", htmx: true);
        Assert.Equal("青葉大学 文学部 卒業", Item(back, "Education"));
        Assert.False(back.Has("form"));
    }

    [Fact, Trait("Rule", "PRO-1")]
    public async Task Without_script_each_step_is_a_whole_page_and_saving_comes_back_to_the_profile()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);

        var edit = await client.PageAsync("/mypage/profile/career/edit");
        Assert.StartsWith("<!doctype html>", edit.Html);
        Assert.True(edit.Has("#profile-career form[action='/mypage/profile/career'][method=post]"));
        Assert.False(edit.Has("#profile-appeal form"), "one section at a time");

        using var saved = await client.PostFormAsync("/mypage/profile/career", [new("MainJobs", "倉庫での検品"), new("ShowMainJobs", "true")], formPage: "/mypage/profile", htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/mypage/profile?saved=career#profile-career", saved.Headers.Location!.OriginalString);
        var page = await client.PageAsync("/mypage/profile?saved=career");
        Assert.Equal("保存しました。", page.Text("#profile-career .success"));
        Assert.Equal("倉庫での検品", Item(page, "MainJobs"));
        Assert.Equal("公開", page.Text("[data-item=MainJobs] .visibility"));

        var refused = await client.PostFormPageAsync("/mypage/profile/career", [new("MainJobs", new string('職', 2001))], formPage: "/mypage/profile", htmx: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.StartsWith("<!doctype html>", refused.Html);
        Assert.Equal("2000文字以内で入力してください（現在2001文字）。", refused.Text("#pro-mainjobs-error"));
        Assert.Equal(new string('職', 2001), refused.Document.QuerySelector("#pro-mainjobs")!.TextContent);
        Assert.Equal("倉庫での検品", (await DocumentAsync(app, seeker.Id)).Values.MainJobs);
    }

    [Fact, Trait("Rule", "ACC-9")]
    public async Task While_the_registration_is_invalid_editing_is_refused_with_the_reason_and_the_profile_can_still_be_read()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        await SaveSectionAsync(client, "career", [new("PcSkills", "Excel")]);
        using var switched = await client.PostFormAsync("/account/registration", [new("Valid", "false")], formPage: "/account/settings");
        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        const string Reason = "求職登録が無効のため、この操作はできません。設定から求職登録を有効にしてください。";

        var page = await client.PageAsync("/mypage/profile");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith(Reason, page.Text("#profile-refusal"));
        Assert.Equal("Excel", Item(page, "PcSkills"));
        Assert.False(page.Has("#profile-career-edit"), "no edit button");
        Assert.True(page.Has("#publication-switch[disabled]"));

        var edit = await client.PageAsync("/mypage/profile/career/edit", htmx: true);
        Assert.Equal(Reason, edit.Text("#profile-career .error-summary"));
        Assert.False(edit.Has("form"));

        var refused = await SaveSectionAsync(client, "career", [new("PcSkills", "Excel, Access")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(Reason, refused.Text("#profile-career .error-summary"));
        Assert.Equal("Excel, Access", refused.Document.QuerySelector("#pro-pcskills")!.TextContent);
        Assert.Equal("Excel", (await DocumentAsync(app, seeker.Id)).Values.PcSkills);
        var withoutScript = await SaveSectionAsync(client, "career", [new("PcSkills", "Excel, Word")], htmx: false);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutScript.Status);
        Assert.Equal(Reason, withoutScript.Text("#profile-career .error-summary"));
        Assert.Equal("Excel, Word", withoutScript.Document.QuerySelector("#pro-pcskills")!.TextContent);

        var publish = await PublishAsync(client);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.Status);
        Assert.Equal(Reason, publish.Text("#profile-publication .error-summary"));

        await client.PageAsync("/mypage?lang=en");
        var english = await SaveSectionAsync(client, "career", [new("PcSkills", "Excel, Access")]);
        Assert.False(string.IsNullOrWhiteSpace(english.Text("#profile-career .error-summary")));
        Assert.DoesNotContain("求職", english.Text("#profile-career .error-summary"));
    }

    [Fact, Trait("Rule", "PRO-1")]
    public async Task Two_saves_of_one_profile_at_the_same_time_each_keep_their_section()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        await SaveSectionAsync(client, "career", [new("PcSkills", "Excel")]);
        var now = app.Clock.UtcNow;
        var tries = 0;

        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == seeker.Id);
            await ProfileStore.ChangeAsync(db, user, now, profile =>
            {
                if (tries++ == 0)
                {
                    // Another tab saves another section after this save read the profile, before it writes.
                    Task.Run(() => app.WithDbAsync(async other =>
                    {
                        var same = await other.Users.SingleAsync(u => u.Id == seeker.Id);
                        await ProfileStore.ChangeAsync(other, same, now, p => p.Edit(ProfileFields.Section("career")!, new ProfileValues { PcSkills = "Excel, Access" },
                            new HashSet<string>(), same, now), default);
                    })).GetAwaiter().GetResult();
                }
                profile.Edit(ProfileFields.Section("appeal")!, new ProfileValues { AppealPoints = "粘り強さ" }, new HashSet<string> { "AppealPoints" }, user, now);
            }, default);
        });

        var values = (await DocumentAsync(app, seeker.Id)).Values;
        Assert.Equal(2, tries);
        Assert.Equal(("Excel, Access", "粘り強さ"), (values.PcSkills, values.AppealPoints));
    }

    [Fact, Trait("Rule", "PRO-1")]
    public async Task A_seeker_registered_at_the_counter_starts_with_an_empty_profile_and_fills_it_in()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker, "窓口 登録者");

        var page = await client.PageAsync("/mypage/profile");
        Assert.Equal("未入力", Item(page, "DesiredJob"));
        var refused = await PublishAsync(client);
        Assert.Equal("公開するには、希望する仕事・希望する勤務地・最終学歴を入力してください。", refused.Text(".error-summary"));

        await SaveSectionAsync(client, "desired", [new("DesiredJob", "事務"), new("DesiredPlace", "千代田区")]);
        await SaveSectionAsync(client, "education", [new("Education", "高校卒業")]);
        var published = await PublishAsync(client);

        Assert.Equal("求職情報を公開しました。", published.Text("#profile-publication .success"));
        Assert.Equal("事務", (await DocumentAsync(app, seeker.Id)).Values.DesiredJob);
    }

    [Fact, Trait("Rule", "PRO-1")]
    public async Task One_seeker_never_changes_or_sees_another_seekers_profile()
    {
        var (owner, ownerClient) = await RegisteredSeekerAsync(app);
        var (_, otherClient) = await RegisteredSeekerAsync(app, Filed with { DesiredJob = "他人の希望職種", Prefecture = "他人県" });
        await SaveSectionAsync(ownerClient, "appeal", [new("AppealPoints", "本人のアピール")]);

        var saved = await SaveSectionAsync(otherClient, "appeal", [new("AppealPoints", "他人のアピール")]);
        var otherPage = await otherClient.PageAsync("/mypage/profile");
        var otherPreview = await otherClient.PageAsync("/mypage/profile/preview");

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("本人のアピール", (await DocumentAsync(app, owner.Id)).Values.AppealPoints);
        Assert.DoesNotContain("本人のアピール", otherPage.Html);
        Assert.DoesNotContain("本人のアピール", otherPreview.Html);
        Assert.Equal("他人の希望職種", otherPreview.Text(".public-profile h2"));
    }

    [Theory, Trait("Rule", "PRO-1")]
    [InlineData(UserKind.Employer)]
    [InlineData(UserKind.Staff)]
    public async Task Only_seekers_have_a_profile_page(UserKind kind)
    {
        var (_, client) = await app.SignedInAsync(kind);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PageAsync("/mypage/profile")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PageAsync("/mypage/profile/preview")).Status);
        using var post = await client.PostFormAsync("/mypage/profile/appeal", [new("AppealPoints", "x")], formPage: kind == UserKind.Staff ? "/staff" : "/employer");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task The_seekers_home_shows_a_box_with_the_publication_state_linking_to_the_profile()
    {
        var (_, client) = await RegisteredSeekerAsync(app);

        var before = await client.PageAsync("/mypage");
        Assert.Equal("非公開", before.Text("#profile-box .publication-state strong"));
        Assert.True(before.Has("#profile-box a[href='/mypage/profile']"));

        await PublishAsync(client);
        var after = await client.PageAsync("/mypage");
        Assert.Equal("公開中", after.Text("#profile-box .publication-state strong"));
        Assert.Contains("2026/11/24", after.Text("#profile-box .publication-state"));
    }

}

public sealed class EditProfileSectionTestsOnSqlite(SqliteApp app) : EditProfileSectionTests(app), IClassFixture<SqliteApp>;

public sealed class EditProfileSectionTestsOnPostgres(PostgresApp app) : EditProfileSectionTests(app), IClassFixture<PostgresApp>;
