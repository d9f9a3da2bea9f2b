using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Profiles;

/// <summary>Test helpers: seekers with a filed registration, section forms posted the way the page posts them, publication.</summary>
public static class ProfileSteps
{
    /// <summary>What the never-public fields hold in these tests: none of it may ever reach an employer.</summary>
    public const string SecretName = "秘密 花子";
    public const string SecretPrefecture = "秘密県";
    public const string SecretPhone = "090-9876-5432";
    public static readonly DateOnly SecretBirthDate = new(1987, 6, 5);

    public static FileRegistration.Form Filed => new()
    {
        FullName = SecretName,
        FullNameKana = "ヒミツ ハナコ",
        Prefecture = SecretPrefecture,
        Phone = SecretPhone,
        DesiredJob = "介護職員",
        EmploymentType = "FullTime",
        HoursFrom = "09:00",
        HoursTo = "18:00",
        DesiredPlace = "東京都新宿区",
        WageMin = "200000",
        WageUnit = "Monthly",
        Education = "青葉大学 文学部 卒業",
        Licenses = "介護福祉士",
        Career = "特別養護老人ホームで5年勤務",
        SelfPr = "利用者に寄り添う介護を心がけています。",
    };

    /// <summary>A signed-in seeker whose registration (求職申込み) is filed with <see cref="Filed"/>, and whose birth date is on the account.</summary>
    public static async Task<(AppUser Seeker, UserClient Client)> RegisteredSeekerAsync(HelloWorkApp app, FileRegistration.Form? filed = null)
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker, SecretName);
        await app.WithDbAsync(async db =>
        {
            var registration = SeekerRegistration.Start(seeker.Id);
            registration.Write(filed ?? Filed, FileRegistration.Steps);
            registration.File(app.Clock.UtcNow);
            db.Add(registration);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == seeker.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.BirthDate, SecretBirthDate));
        });
        return (seeker, client);
    }

    public static async Task<Page> SaveSectionAsync(UserClient client, string slug, IEnumerable<KeyValuePair<string, string>> fields, bool htmx = true) =>
        await client.PostFormPageAsync($"/mypage/profile/{slug}", fields, formPage: "/mypage/profile", htmx: htmx);

    public static async Task<Page> PublishAsync(UserClient client, bool published = true) =>
        await client.PostFormPageAsync("/mypage/profile/publication", [new("Published", published ? "true" : "false")], formPage: "/mypage/profile");

    /// <summary>Publishes the seeker's profile and gives its public id (asserting it worked).</summary>
    public static async Task<string> PublishedIdAsync(HelloWorkApp app, AppUser seeker, UserClient client)
    {
        var page = await PublishAsync(client);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await app.WithDbAsync(db => db.Set<SeekerProfile>().Where(p => p.UserId == seeker.Id).Select(p => p.PublicId).SingleAsync());
    }

    public static Task<ProfileDocument> DocumentAsync(HelloWorkApp app, Guid seekerId) =>
        app.WithDbAsync(async db => (await db.Set<SeekerProfile>().SingleAsync(p => p.UserId == seekerId)).Read());

    public static async Task<(AppUser Employer, UserClient Client)> EmployerAsync(HelloWorkApp app)
    {
        var est = await Messages.Messaging.EstablishmentAsync(app);
        var employer = await Messages.Messaging.EmployerAsync(app, est.Id, "採用担当");
        return (employer, await app.SignInAsync(employer));
    }

    /// <summary>Every optional item's switch, on.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AllSwitchesOn(string slug) =>
        ProfileFields.Section(slug)!.Items.Where(i => i.IsOptional).Select(i => new KeyValuePair<string, string>(i.SwitchName, "true"));

    /// <summary>The page says nothing PRO-1 keeps private: neither the account's name, birth date, e-mail and id, nor the address and phone.</summary>
    public static void AssertNoNeverPublicField(Page page, AppUser seeker, string where, bool mainOnly = false)
    {
        // The seeker's own pages carry their name in the header; what the preview shows is in main.
        var html = mainOnly ? page.Document.QuerySelector("main")!.InnerHtml : page.Html;
        foreach (var secret in new[] { SecretName, SecretPrefecture, SecretPhone, "1987/06/05", "1987-06-05", seeker.Email!, seeker.Id.ToString(), "中野区中野1-2-3" })
        {
            Assert.False(html.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} shows '{secret}'");
        }
    }

    /// <summary>A seeker who filled in every section, switched every optional item on (and tried the never-public ones), and published.</summary>
    public static async Task<(AppUser Seeker, UserClient Client, string PublicId)> FullyPublishedAsync(HelloWorkApp app)
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
}
