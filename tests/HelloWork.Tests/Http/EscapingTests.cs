using HelloWork.Tests.Features.Messages;
using HelloWork.Tests.Features.Notices;
using HelloWork.Tests.Features.Profiles;
using HelloWork.Web.Features.Accounts;

namespace HelloWork.Tests.Http;

/// <summary>What a person types is shown as text, never run, in every place it appears.</summary>
public abstract class EscapingTests(HelloWorkApp app)
{
    private const string Evil = "<script>alert('hw')</script>";

    private static void AssertEscaped(Page page, string where)
    {
        Assert.DoesNotContain("<script>alert", page.Html);
        Assert.True(page.Html.Contains("&lt;script&gt;alert("), $"{where}: the typed text should be shown, escaped");
    }

    [Fact]
    public async Task Script_typed_by_users_comes_back_escaped_everywhere_it_is_shown()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker, name: Evil);
        var (employer, employerClient) = await app.SignedInAsync(UserKind.Employer, name: Evil);
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, Evil, Evil + "\n" + Evil), formPage: "/staff/notices/new");
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(employer.Email!, Evil, Evil));
        var id = (await seekerClient.PageAsync("/notices")).Document.QuerySelector(".notice-row")!.GetAttribute("data-notice-id");

        AssertEscaped(await seekerClient.PageAsync("/mypage"), "seeker home (name in header, notice titles)");
        AssertEscaped(await seekerClient.PageAsync("/notices"), "notice list page");
        AssertEscaped(await seekerClient.PageAsync("/notices/list", htmx: true), "notice list fragment");
        AssertEscaped(await seekerClient.PageAsync($"/notices/{id}"), "notice page (title and body)");
        AssertEscaped(await employerClient.PageAsync("/employer"), "employer home");
        AssertEscaped(await staff.PostFormPageAsync("/staff/notices", SendNoticeTests.Fields("bad address", Evil, Evil)), "send form kept as typed");
        AssertEscaped(await staff.PostFormPageAsync("/staff/accounts", [new("Kind", "Seeker"), new("Email", "x"), new("DisplayName", Evil), new("Password", "")], formPage: "/staff/accounts/new"),
            "create-account form kept as typed");
        AssertEscaped(await app.Anonymous().PostFormPageAsync("/login", [new("Email", Evil), new("Password", "x")], formPage: "/login"), "login form kept as typed");
    }

    [Fact, Trait("Rule", "PRO-2")]
    public async Task Script_typed_in_a_profile_comes_back_escaped_on_every_profile_page_and_the_employers()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (seeker, seekerClient) = await app.SignedInAsync(UserKind.Seeker, name: Evil);
        await ProfileSteps.SaveSectionAsync(seekerClient, "desired", [new("DesiredJob", Evil), new("DesiredPlace", Evil), new("HoursNote", Evil), new("ShowHours", "true"), new("HoursFrom", "09:00")]);
        await ProfileSteps.SaveSectionAsync(seekerClient, "education", [new("Education", Evil)]);
        await ProfileSteps.SaveSectionAsync(seekerClient, "appeal", [new("AppealPoints", Evil + "\n" + Evil), new("ShowAppealPoints", "true")]);
        await staff.PostFormAsync("/staff/seekers/notes", AddProfileNoteTests.Fields(seeker.Email!, Evil), formPage: "/staff/seekers/notes/new");
        var publicId = await ProfileSteps.PublishedIdAsync(app, seeker, seekerClient);
        var (_, employer) = await ProfileSteps.EmployerAsync(app);

        AssertEscaped(await seekerClient.PageAsync("/mypage/profile"), "the seeker's profile page (sections, notes)");
        AssertEscaped(await seekerClient.PageAsync("/mypage/profile/appeal/edit", htmx: true), "a section's form");
        AssertEscaped(await seekerClient.PageAsync("/mypage/profile/notes", htmx: true), "the notes fragment");
        AssertEscaped(await seekerClient.PageAsync("/mypage/profile/preview"), "the preview");
        AssertEscaped(await employer.PageAsync($"/seekers/{publicId}"), "the employer's page of the profile");
        AssertEscaped(await ProfileSteps.SaveSectionAsync(seekerClient, "appeal", [new("AppealPoints", Evil), new("Remarks", Evil + new string('x', 1000))]),
            "a section's form kept as typed");
        AssertEscaped(await staff.PostFormPageAsync("/staff/seekers/notes", AddProfileNoteTests.Fields("bad address", Evil)), "the note form kept as typed");
    }

    [Fact]
    public async Task Template_syntax_typed_by_users_is_shown_literally_never_evaluated()
    {
        const string Curly = "{{ 7*7 }} {{{x}}} {{ include 'layout' }}";
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var pair = await Messaging.PairAsync(app, title: Curly);
        var (seeker, seekerClient) = (pair.Seeker, pair.SeekerClient);
        await staff.PostFormAsync("/staff/notices", SendNoticeTests.Fields(seeker.Email!, Curly, Curly), formPage: "/staff/notices/new");
        await Messaging.SendAsync(pair.EmployerClient, pair.ThreadId, Curly);
        var (_, namedClient) = await app.SignedInAsync(UserKind.Seeker, name: Curly);
        var id = (await seekerClient.PageAsync("/notices")).Document.QuerySelector(".notice-row")!.GetAttribute("data-notice-id");

        foreach (var (page, where) in new[]
        {
            (await seekerClient.PageAsync("/notices"), "notice list"),
            (await seekerClient.PageAsync($"/notices/{id}"), "notice page (title and body)"),
            (await seekerClient.PageAsync("/messages"), "inbox (thread title)"),
            (await seekerClient.PageAsync($"/messages/{pair.ThreadId}"), "thread (title and message body)"),
            (await namedClient.PageAsync("/mypage"), "header (the person's name)"),
        })
        {
            Assert.True(page.Html.Contains("{{ 7*7 }} {{{x}}} {{ include &#39;layout&#39; }}"), $"{where}: the typed text should be shown as typed");
            Assert.DoesNotContain("49 ", page.Html.Replace("&#", ""));
        }
    }
}

public sealed class EscapingTestsOnSqlite(SqliteApp app) : EscapingTests(app), IClassFixture<SqliteApp>;

public sealed class EscapingTestsOnPostgres(PostgresApp app) : EscapingTests(app), IClassFixture<PostgresApp>;
