using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Profiles.ProfileSteps;

namespace HelloWork.Tests.Features.Profiles;

/// <summary>PRO-2 from the employer's side: one published profile, public fields only, and 404 for everything else.</summary>
public abstract class ViewSeekerTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "PRO-2")]
    public async Task A_signed_in_employer_sees_the_published_profile_with_public_fields_only()
    {
        var (seeker, _, publicId) = await FullyPublishedAsync(app);
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
}

public sealed class ViewSeekerTestsOnSqlite(SqliteApp app) : ViewSeekerTests(app), IClassFixture<SqliteApp>;

public sealed class ViewSeekerTestsOnPostgres(PostgresApp app) : ViewSeekerTests(app), IClassFixture<PostgresApp>;
