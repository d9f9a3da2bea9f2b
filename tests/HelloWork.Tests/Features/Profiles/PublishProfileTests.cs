using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Profiles.ProfileSteps;

namespace HelloWork.Tests.Features.Profiles;

/// <summary>PRO-2 from the seeker's side: switching publication, the preview, the warning, the choice at registration.</summary>
public abstract class PublishProfileTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "PRO-2")]
    public async Task The_preview_renders_exactly_what_the_employer_sees_and_shows_no_never_public_field()
    {
        var (seeker, client, publicId) = await FullyPublishedAsync(app);
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
