using System.Net;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;
using static HelloWork.Tests.Features.Profiles.ProfileSteps;

namespace HelloWork.Tests.Features.Profiles;

/// <summary>Bad input on every section's form: a clear reason per field, 422, and what was typed kept.</summary>
public abstract class SectionInputTests(HelloWorkApp app)
{
    [Theory, Trait("Rule", "PRO-1")]
    [InlineData("contact", "Phone", "03-12-34-56", "pro-phone", "電話番号は半角数字とハイフンで入力してください（例: 03-1234-5678）。")]
    [InlineData("contact", "Address", "{201}", "pro-address", "200文字以内で入力してください（現在201文字）。")]
    [InlineData("desired", "DesiredJob", "", "pro-desiredjob", "入力してください。")]
    [InlineData("desired", "DesiredPlace", "{51}", "pro-desiredplace", "50文字以内で入力してください（現在51文字）。")]
    [InlineData("desired", "WageMin", "20万", "pro-wagemin", "賃金は1円以上、7桁以内の数字で入力してください（例: 200000）。")]
    [InlineData("desired", "WageMin", "12,345,678", "pro-wagemin", "賃金は1円以上、7桁以内の数字で入力してください（例: 200000）。")]
    [InlineData("desired", "WageMin", "12345678", "pro-wagemin", "賃金は1円以上、7桁以内の数字で入力してください（例: 200000）。")]
    [InlineData("desired", "WageMin", "0", "pro-wagemin", "賃金は1円以上、7桁以内の数字で入力してください（例: 200000）。")]
    [InlineData("desired", "WageMin", "-100", "pro-wagemin", "賃金は1円以上、7桁以内の数字で入力してください（例: 200000）。")]
    [InlineData("desired", "WageMax", "150000", "pro-wagemax", "上限は下限以上の金額にしてください。")]
    [InlineData("desired", "WageUnit", "", "pro-wageunit", "賃金の単位を選んでください。")]
    [InlineData("desired", "WageUnit", "Yearly", "pro-wageunit", "選択肢にない値が送られました。もう一度選んでください。")]
    [InlineData("desired", "HoursFrom", "25:00", "pro-hoursfrom", "時刻の形式が正しくありません（例: 09:00）。")]
    [InlineData("desired", "HoursTo", "09:00", "pro-hoursto", "開始と終了に同じ時刻は指定できません。")]
    [InlineData("desired", "HoursNote", "{101}", "pro-hoursnote", "100文字以内で入力してください（現在101文字）。")]
    [InlineData("desired", "EmploymentType", "Boss", "pro-employmenttype", "選択肢にない値が送られました。もう一度選んでください。")]
    [InlineData("desired", "DaysOffNote", "{101}", "pro-daysoffnote", "100文字以内で入力してください（現在101文字）。")]
    [InlineData("desired", "UiTurnArea", "{51}", "pro-uiturnarea", "50文字以内で入力してください（現在51文字）。")]
    [InlineData("desired", "ShowWage", "maybe", "pro-wage-show", "選択肢にない値が送られました。もう一度選んでください。")]
    [InlineData("education", "Education", "  ", "pro-education", "入力してください。")]
    [InlineData("education", "Licenses", "{501}", "pro-licenses", "500文字以内で入力してください（現在501文字）。")]
    [InlineData("education", "Training", "{1001}", "pro-training", "1000文字以内で入力してください（現在1001文字）。")]
    [InlineData("education", "DriverLicense", "Truck", "pro-driverlicense", "選択肢にない値が送られました。もう一度選んでください。")]
    [InlineData("career", "SpecialistSkills", "{1001}", "pro-specialistskills", "1000文字以内で入力してください（現在1001文字）。")]
    [InlineData("career", "PcSkills", "{501}", "pro-pcskills", "500文字以内で入力してください（現在501文字）。")]
    [InlineData("appeal", "AppealPoints", "{2001}", "pro-appealpoints", "2000文字以内で入力してください（現在2001文字）。")]
    [InlineData("appeal", "Disability", "{501}", "pro-disability", "500文字以内で入力してください（現在501文字）。")]
    [InlineData("appeal", "Remarks", "{1001}", "pro-remarks", "1000文字以内で入力してください（現在1001文字）。")]
    public async Task Bad_input_gets_a_clear_Japanese_message_422_and_the_form_keeps_what_was_typed(string slug, string field, string value, string id, string message)
    {
        var (seeker, client) = await RegisteredSeekerAsync(app);
        if (value.StartsWith('{')) value = new string('字', int.Parse(value.Trim('{', '}')));
        var typed = slug switch
        {
            "desired" => new Dictionary<string, string> { ["DesiredJob"] = "調理師", ["DesiredPlace"] = "横浜市", ["WageMin"] = "200000", ["WageUnit"] = "Monthly", ["HoursFrom"] = "09:00" },
            "education" => new Dictionary<string, string> { ["Education"] = "みどり高校 卒業" },
            "career" => new Dictionary<string, string> { ["MainJobs"] = "倉庫での検品" },
            "appeal" => new Dictionary<string, string> { ["Remarks"] = "車通勤を希望" },
            _ => new Dictionary<string, string> { ["Address"] = "中野区" },
        };
        typed[field] = value;
        var before = await app.WithDbAsync(db => db.Set<SeekerProfile>().CountAsync(p => p.UserId == seeker.Id));

        var page = await SaveSectionAsync(client, slug, typed);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal(message, page.Text($"#{id}-error"));
        Assert.Equal("true", page.Document.QuerySelector($"#{id}")!.GetAttribute("aria-invalid"));
        foreach (var (name, sent) in typed.Where(t => !t.Key.StartsWith("Show")))
        {
            var element = page.Document.QuerySelector($"#pro-{name.ToLowerInvariant()}")!;
            var shown = element.LocalName switch
            {
                "textarea" => element.TextContent,
                "select" => element.QuerySelector("option[selected]")?.GetAttribute("value") ?? "",
                _ => element.GetAttribute("value"),
            };
            Assert.Equal(field == name && element.LocalName == "select" && !page.Has($"#{id} option[value='{value}']") ? "" : sent, shown);
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<SeekerProfile>().CountAsync(p => p.UserId == seeker.Id)));
    }

    [Fact]
    public async Task The_same_refusal_is_in_English_when_English_was_chosen()
    {
        var (_, client) = await RegisteredSeekerAsync(app);
        await client.PageAsync("/mypage?lang=en");

        var page = await SaveSectionAsync(client, "desired", [new("DesiredJob", "Cook"), new("DesiredPlace", "Yokohama"), new("WageMin", "abc")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("Enter the wage as a whole number of yen, 1 to 7 digits (e.g. 200000).", page.Text("#pro-wagemin-error"));
        Assert.Equal("Choose what the wage is per.", page.Text("#pro-wageunit-error"));
        Assert.Equal("en", page.Header("Content-Language"));
    }
}

public sealed class SectionInputTestsOnSqlite(SqliteApp app) : SectionInputTests(app), IClassFixture<SqliteApp>;

public sealed class SectionInputTestsOnPostgres(PostgresApp app) : SectionInputTests(app), IClassFixture<PostgresApp>;
