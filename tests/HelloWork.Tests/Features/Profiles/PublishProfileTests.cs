using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Profiles.ProfileSteps;

namespace HelloWork.Tests.Features.Profiles;

public abstract class PublishProfileTests(HelloWorkApp app)
{
    /// <summary>The page says nothing PRO-1 keeps private: neither the account's name, birth date, e-mail and id, nor the address and phone.</summary>
    private static void AssertNoNeverPublicField(Page page, AppUser seeker, string where, bool mainOnly = false)
    {
        // The seeker's own pages carry their name in the header; what the preview shows is in main.
        var html = mainOnly ? page.Document.QuerySelector("main")!.InnerHtml : page.Html;
        foreach (var secret in new[] { SecretName, SecretPrefecture, SecretPhone, "1987/06/05", "1987-06-05", seeker.Email!, seeker.Id.ToString(), "中野区中野1-2-3" })
        {
            Assert.False(html.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} shows '{secret}'");
        }
    }

    /// <summary>A seeker who filled in every section, switched every optional item on (and tried the never-public ones), and published.</summary>
    private async Task<(AppUser Seeker, UserClient Client, string PublicId)> FullyPublishedAsync()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        // Attempts to publish what may never be: switches that do not exist, sent anyway.
        string[] attempts = ["ShowAddress", "ShowPhone", "ShowFullName", "ShowBirthDate", "ShowEmail", "ShowContact", "Shown"];
        var contact = await SaveSectionAsync(client, "contact", [new("Address", "中野区中野1-2-3"), new("Phone", SecretPhone), .. attempts.Select(a => new KeyValuePair<string, string>(a, "true"))]);
        Assert.Equal(HttpStatusCode.OK, contact.Status);
        foreach (var slug in new[] { "desired", "education", "career", "appeal" })
        {
            var fields = slug switch
            {
                "desired" => new KeyValuePair<string, string>[] { new("DesiredJob", "介護職員"), new("DesiredPlace", "東京都新宿区"), new("EmploymentType", "FullTime"),
                    new("WageMin", "200000"), new("WageMax", "250000"), new("WageUnit", "Monthly"), new("HoursFrom", "09:00"), new("HoursTo", "18:00"),
                    new("DaysOff", "FiveDayWeek"), new("Relocation", "Yes"), new("UiTurn", "Yes"), new("UiTurnArea", "長野県"), new("Overseas", "No") },
                "education" => [new("Education", "青葉大学 文学部 卒業"), new("Licenses", "介護福祉士"), new("DriverLicense", "Yes"), new("Training", "介護職員実務者研修")],
                "career" => [new("MainJobs", "特養で5年"), new("SpecialistSkills", "認知症ケア"), new("PcSkills", "Excel")],
                _ => [new("AppealPoints", "笑顔"), new("Disability", "なし"), new("Remarks", "車通勤希望")],
            };
            var saved = await SaveSectionAsync(client, slug, [.. fields, .. AllSwitchesOn(slug), .. attempts.Select(a => new KeyValuePair<string, string>(a, "true"))]);
            Assert.Equal(HttpStatusCode.OK, saved.Status);
        }
        return (seeker, client, await PublishedIdAsync(app, seeker, client));
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task A_signed_in_employer_sees_the_published_profile_with_public_fields_only()
    {
        var (seeker, _, publicId) = await FullyPublishedAsync();
        var (_, employer) = await EmployerAsync(app);

        var page = await employer.PageAsync($"/seekers/{publicId}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("介護職員", page.Text(".public-profile h2"));
        Assert.Equal(["DesiredJob", "DesiredPlace", "EmploymentType", "Wage", "Hours", "DaysOff", "Relocation", "UiTurn", "Overseas",
            "Education", "Licenses", "DriverLicense", "Training", "MainJobs", "SpecialistSkills", "PcSkills", "AppealPoints", "Disability", "Remarks"],
            page.Document.QuerySelectorAll(".public-profile .profile-item").Select(e => e.GetAttribute("data-item")!));
        Assert.Equal("月給 200,000円〜250,000円", page.Text("[data-item=Wage] dd"));
        Assert.Equal("可", page.Text("[data-item=Relocation] dd"));
        Assert.Equal("希望する ／ 長野県", page.Text("[data-item=UiTurn] dd"));
        AssertNoNeverPublicField(page, seeker, "the employer's page");
        AssertNoNeverPublicField(await employer.PageAsync($"/seekers/{publicId}", htmx: true), seeker, "the employer's page as a fragment");
        Assert.Equal([], (await DocumentAsync(app, seeker.Id)).Shown.Intersect(["Address", "Phone", "FullName", "BirthDate", "Email", "Contact"]));
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task Optional_items_switched_off_are_not_shown_and_always_public_ones_are()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        await SaveSectionAsync(client, "career", [new("MainJobs", "非公開の職歴"), new("PcSkills", "公開するスキル"), new("ShowPcSkills", "true")]);
        var publicId = await PublishedIdAsync(app, seeker, client);
        var (_, employer) = await EmployerAsync(app);

        var page = await employer.PageAsync($"/seekers/{publicId}");

        Assert.Equal("公開するスキル", page.Text("[data-item=PcSkills] dd"));
        Assert.DoesNotContain("非公開の職歴", page.Html);
        Assert.DoesNotContain("利用者に寄り添う", page.Html); // appeal points from the registration, never switched on
        Assert.Equal("青葉大学 文学部 卒業", page.Text("[data-item=Education] dd"));
        Assert.Equal("東京都新宿区", page.Text("[data-item=DesiredPlace] dd"));

        // Switched off again: gone from the employer's page at once.
        await SaveSectionAsync(client, "career", [new("MainJobs", "非公開の職歴"), new("PcSkills", "公開するスキル")]);
        Assert.False((await employer.PageAsync($"/seekers/{publicId}")).Has("[data-item=PcSkills]"));
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task The_preview_renders_exactly_what_the_employer_sees_and_shows_no_never_public_field()
    {
        var (seeker, client, publicId) = await FullyPublishedAsync();
        var (_, employer) = await EmployerAsync(app);

        var preview = await client.PageAsync("/mypage/profile/preview");
        var employers = await employer.PageAsync($"/seekers/{publicId}");

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal(employers.Document.QuerySelector(".public-profile")!.OuterHtml, preview.Document.QuerySelector(".public-profile")!.OuterHtml);
        AssertNoNeverPublicField(preview, seeker, "the preview", mainOnly: true);
        Assert.False(preview.Has("#preview-private"));
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task A_private_profile_can_be_previewed_before_publishing_and_says_it_is_private()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);

        var preview = await client.PageAsync("/mypage/profile/preview");

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal("現在は非公開です。公開すると、求人者にこのとおり表示されます。", preview.Text("#preview-private"));
        Assert.Equal("介護職員", preview.Text(".public-profile h2"));
        AssertNoNeverPublicField(preview, seeker, "the preview", mainOnly: true);
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task The_publication_page_warns_that_free_text_is_published_as_written()
    {
        var (_, client) = await RegisteredSeekerAsync(app);

        var page = await client.PageAsync("/mypage/profile");
        var form = await client.PageAsync("/mypage/profile/appeal/edit", htmx: true);

        const string Warning = "自由に入力した内容は、入力したとおりに求人者に公開されます。";
        Assert.StartsWith(Warning, page.Text("#free-text-warning"));
        Assert.StartsWith(Warning, form.Text(".warning"));
        Assert.False((await client.PageAsync("/mypage/profile/contact/edit", htmx: true)).Has(".warning"), "nothing of the contact section is ever published");
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task Switching_publication_off_hides_the_profile_from_employers_at_once_and_on_again_shows_it_under_the_same_id()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        var publicId = await PublishedIdAsync(app, seeker, client);
        var (_, employer) = await EmployerAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await employer.PageAsync($"/seekers/{publicId}")).Status);

        var off = await PublishAsync(client, published: false);
        Assert.Equal("求職情報を非公開にしました。", off.Text("#profile-publication .success"));
        Assert.Equal("非公開", off.Text("#publication-state strong"));
        Assert.Equal(HttpStatusCode.NotFound, (await employer.PageAsync($"/seekers/{publicId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await employer.PageAsync($"/seekers/{publicId}", htmx: true)).Status);
        Assert.Equal("求職情報はすでに非公開です。", (await PublishAsync(client, published: false)).Text(".error-summary"));

        var on = await PublishAsync(client);
        Assert.Equal("公開中", on.Text("#publication-state strong"));
        Assert.Equal(HttpStatusCode.OK, (await employer.PageAsync($"/seekers/{publicId}")).Status);
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task Without_script_publishing_comes_back_to_the_profile_page_saying_so()
    {
        var (_, client) = await RegisteredSeekerAsync(app);

        using var response = await client.PostFormAsync("/mypage/profile/publication", [new("Published", "true")], formPage: "/mypage/profile", htmx: false);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.PageAsync(response.Headers.Location!.OriginalString);

        Assert.Equal("求職情報を公開しました。", page.Text("#profile-publication .success"));
        Assert.Equal("公開中", page.Text("#publication-state strong"));
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task An_unknown_id_and_a_never_published_profile_answer_404_like_an_unpublished_one()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        await SaveSectionAsync(client, "appeal", [new("AppealPoints", "まだ公開していない")]); // a profile row, private
        var privateId = await app.WithDbAsync(db => db.Set<SeekerProfile>().Where(p => p.UserId == seeker.Id).Select(p => p.PublicId).SingleAsync());
        var (_, employer) = await EmployerAsync(app);

        foreach (var id in new[] { privateId, "AAAAAAAAAAAAAAAAAAAAAA", seeker.Id.ToString(), seeker.Id.ToString("N"), "x" })
        {
            var page = await employer.PageAsync($"/seekers/{id}");
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.DoesNotContain("まだ公開していない", page.Html);
        }
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task A_published_profile_whose_registration_became_invalid_answers_404()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        var publicId = await PublishedIdAsync(app, seeker, client);
        var (_, employer) = await EmployerAsync(app);

        await client.PostFormAsync("/account/registration", [new("Valid", "false")], formPage: "/account/settings");

        Assert.Equal(HttpStatusCode.NotFound, (await employer.PageAsync($"/seekers/{publicId}")).Status);
        var own = await client.PageAsync("/mypage/profile");
        Assert.Equal("公開中", own.Text("#publication-state strong"));
        Assert.Equal("求職登録が無効のあいだは、公開中でも求人者には表示されません。", own.Text("#publication-hidden"));
        // Taking it out of view stays possible (ACC-9 stops changes, never privacy).
        Assert.Equal("求職情報を非公開にしました。", (await PublishAsync(client, published: false)).Text("#profile-publication .success"));
    }

    [Theory, Trait("Rule", "PRO-2")]
    [InlineData(UserKind.Seeker)]
    [InlineData(UserKind.Staff)]
    public async Task Only_employers_reach_a_seekers_published_page(UserKind kind)
    {
        var (seeker, owner) = await RegisteredSeekerAsync(app);
        var publicId = await PublishedIdAsync(app, seeker, owner);
        var (_, other) = await app.SignedInAsync(kind);

        var page = await other.PageAsync($"/seekers/{publicId}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("介護職員", page.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PageAsync($"/seekers/{publicId}")).Status); // the seeker uses the preview
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_and_sees_nothing()
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        var publicId = await PublishedIdAsync(app, seeker, client);

        using var response = await app.Anonymous().GetAsync($"/seekers/{publicId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?returnUrl=", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("介護職員", await response.Content.ReadAsStringAsync());
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task The_seeker_chooses_publication_when_filing_the_registration()
    {
        var published = await FileOnlineAsync("Yes");
        var kept = await FileOnlineAsync(null);

        var profiles = await app.WithDbAsync(db => db.Set<SeekerProfile>().Where(p => p.UserId == published.Id || p.UserId == kept.Id)
            .ToDictionaryAsync(p => p.UserId));
        Assert.True(profiles[published.Id].IsPublished);
        Assert.False(profiles[kept.Id].IsPublished);
        Assert.Equal("調理補助", profiles[published.Id].Read().Values.DesiredJob);
        var (_, employer) = await EmployerAsync(app);
        var page = await employer.PageAsync($"/seekers/{profiles[published.Id].PublicId}");
        Assert.Equal("調理補助", page.Text(".public-profile h2"));
        Assert.DoesNotContain("オンライン 太郎", page.Html);
        Assert.Equal(HttpStatusCode.NotFound, (await employer.PageAsync($"/seekers/{profiles[kept.Id].PublicId}")).Status);
    }

    /// <summary>A seeker signs up online and files the seven steps (ACC-2), choosing publication in the last one (absent: the default).</summary>
    private async Task<AppUser> FileOnlineAsync(string? publish)
    {
        var (user, client) = await app.SignedInAsync(UserKind.Seeker, "オンライン 太郎");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MyPageOpenedAt, (DateTime?)null)));
        KeyValuePair<string, string>[][] steps =
        [
            [new("FullName", "オンライン 太郎"), new("FullNameKana", "オンライン タロウ"), new("Prefecture", "東京都"), new("Phone", "03-1111-2222")],
            [new("DesiredJob", "調理補助"), new("EmploymentType", "PartTime"), new("HoursFrom", "10:00"), new("HoursTo", "15:00")],
            [new("DesiredPlace", "渋谷区"), new("WageMin", "1100"), new("WageUnit", "Hourly")],
            [new("Education", "高校卒業"), new("Licenses", "")],
            [new("Career", "")],
            [new("DisabilityNote", "")],
            [new("SelfPr", "よろしくお願いします"), .. publish is null ? Array.Empty<KeyValuePair<string, string>>() : [new("Publish", publish)]],
        ];
        for (var step = 1; step <= steps.Length; step++)
        {
            var action = step == steps.Length ? "complete" : "next";
            using var response = await client.PostFormAsync("/registration", [new("Step", step.ToString()), new("Action", action), .. steps[step - 1]],
                formPage: "/registration", htmx: false);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"step {step}: {response.StatusCode}");
        }
        return user;
    }
}

public sealed class PublishProfileTestsOnSqlite(SqliteApp app) : PublishProfileTests(app), IClassFixture<SqliteApp>;

public sealed class PublishProfileTestsOnPostgres(PostgresApp app) : PublishProfileTests(app), IClassFixture<PostgresApp>;
