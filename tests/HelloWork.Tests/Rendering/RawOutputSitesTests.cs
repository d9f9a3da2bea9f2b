using System.Reflection;
using System.Text.RegularExpressions;
using HelloWork.Web.Rendering;

namespace HelloWork.Tests.Rendering;

/// <summary>
/// HTML templates encode every value; output leaves them unencoded only through RawHtml, which a
/// template produces in exactly three ways: <c>raw x</c>, <c>include "partial"</c> (already encoded
/// when it was rendered) and <c>csrf</c> (the antiforgery field we build). Every such site is on the
/// reviewed list below; a new one fails this test until someone has checked where its HTML comes from.
/// Plain-text templates (.txt) encode nothing by design and may exist only as mail subjects and text bodies.
/// </summary>
public sealed partial class RawOutputSitesTests
{
    private static readonly string[] Reviewed =
    [
        // Jobs (issue 10): antiforgery fields, and partials of jobs/ and staff/jobs/ given models whose
        // values they encode themselves (literal objects of field names, ids and the view's own values).
        "home/employer.html: include \"jobs/_box-items\" Jobs",
        "home/staff.html: include \"staff/jobs/_box-items\" Queue",
        "jobs/index.html: include \"jobs/_box-items\"",
        "jobs/show.html: csrf",
        "jobs/show.html: include \"jobs/_fields\"",
        "jobs/step.html: csrf",
        "jobs/step.html: include \"jobs/_check\" {Id: \"doc-in-person\", Name: \"DocInPerson\", Checked: Values.DocInPerson, Error: null}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"doc-mypage\", Name: \"DocMyPage\", Checked: Values.DocMyPage, Error: null}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"doc-post\", Name: \"DocPost\", Checked: Values.DocPost, Error: null}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"sel-documents\", Name: \"SelDocuments\", Checked: Values.SelDocuments, Error: null}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"sel-interview\", Name: \"SelInterview\", Checked: Values.SelInterview, Error: null}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"sel-other\", Name: \"SelOther\", Checked: Values.SelOther, Error: null}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"sel-written-test\", Name: \"SelWrittenTest\", Checked: Values.SelWrittenTest, Error: null}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"self-application\", Name: \"SelfApplication\", Checked: Values.SelfApplication, Error: Errors.SelfApplication}",
        "jobs/step.html: include \"jobs/_check\" {Id: \"workplace-unnamed\", Name: \"WorkplaceUnnamed\", Checked: Values.WorkplaceUnnamed, Error: Errors.WorkplaceUnnamed}",
        "jobs/step.html: include \"jobs/_choice\" {Id: \"employment-type\", Name: \"EmploymentType\", Choices: EmploymentTypes, Error: Errors.EmploymentType}",
        "jobs/step.html: include \"jobs/_choice\" {Id: \"schedule\", Name: \"Schedule\", Choices: Schedules, Error: Errors.Schedule}",
        "jobs/step.html: include \"jobs/_choice\" {Id: \"wage-unit\", Name: \"WageUnit\", Choices: WageUnits, Error: Errors.WageUnit}",
        "jobs/step.html: include \"jobs/_city-select\" {Cities: Cities, Error: Errors.CityCode}",
        "jobs/step.html: include \"jobs/_steps\"",
        "jobs/step.html: include \"jobs/_text\" {Id: \"address\", Name: \"Address\", Value: Values.Address, Max: Max.Address, Error: Errors.Address, Hint: null, Long: false, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"days-off\", Name: \"DaysOff\", Value: Values.DaysOff, Max: Max.DaysOff, Error: Errors.DaysOff, Hint: null, Long: false, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"description\", Name: \"Description\", Value: Values.Description, Max: Max.Description, Error: Errors.Description, Hint: (t \"jobs.hint.max\" Max.Description), Long: true, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"hours-from\", Name: \"HoursFrom\", Value: Values.HoursFrom, Max: 5, Error: Errors.HoursFrom, Hint: null, Long: false, Type: \"time\", Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"hours-note\", Name: \"HoursNote\", Value: Values.HoursNote, Max: Max.HoursNote, Error: Errors.HoursNote, Hint: null, Long: true, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"hours-to\", Name: \"HoursTo\", Value: Values.HoursTo, Max: 5, Error: Errors.HoursTo, Hint: null, Long: false, Type: \"time\", Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"openings\", Name: \"Openings\", Value: Values.Openings, Max: 3, Error: Errors.Openings, Hint: null, Long: false, Type: null, Numeric: true}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"referral-deadline\", Name: \"ReferralDeadline\", Value: Deadline, Max: null, Error: Errors.ReferralDeadline, Hint: null, Long: false, Type: \"date\", Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"required-experience\", Name: \"RequiredExperience\", Value: Values.RequiredExperience, Max: Max.Requirement, Error: Errors.RequiredExperience, Hint: null, Long: true, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"required-licenses\", Name: \"RequiredLicenses\", Value: Values.RequiredLicenses, Max: Max.Requirement, Error: Errors.RequiredLicenses, Hint: null, Long: true, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"selection-note\", Name: \"SelectionNote\", Value: Values.SelectionNote, Max: Max.SelectionNote, Error: Errors.SelectionNote, Hint: (t \"jobs.hint.max\" Max.SelectionNote), Long: true, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"title\", Name: \"Title\", Value: Values.Title, Max: Max.Title, Error: Errors.Title, Hint: null, Long: false, Type: null, Numeric: false}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"wage-max\", Name: \"WageMax\", Value: Values.WageMax, Max: 11, Error: Errors.WageMax, Hint: null, Long: false, Type: null, Numeric: true}",
        "jobs/step.html: include \"jobs/_text\" {Id: \"wage-min\", Name: \"WageMin\", Value: Values.WageMin, Max: 11, Error: Errors.WageMin, Hint: null, Long: false, Type: null, Numeric: true}",
        "jobs/withdraw.html: csrf",
        "staff/jobs/index.html: include \"staff/jobs/_queue\"",
        "staff/jobs/show.html: csrf",
        "staff/jobs/show.html: csrf",
        "staff/jobs/show.html: include \"jobs/_fields\"",
        // The antiforgery field: our markup, its token encoded by TemplateHelpers.
        "accounts/email-confirm.html: csrf",
        "accounts/employer-signup-key.html: csrf",
        "accounts/employer-signup.html: csrf",
        "accounts/establishment.html: csrf",
        "accounts/establishment.html: csrf",
        "accounts/establishment.html: csrf",
        "accounts/key.html: csrf",
        "accounts/login-code.html: csrf",
        "accounts/login.html: csrf",
        "accounts/open.html: csrf",
        "accounts/registration.html: csrf",
        "accounts/reregister-key.html: csrf",
        "accounts/reregister.html: csrf",
        "accounts/reset.html: csrf",
        "accounts/settings.html: csrf",
        "accounts/settings.html: csrf",
        "accounts/settings.html: csrf",
        "accounts/signup.html: csrf",
        "accounts/withdraw.html: csrf",
        "layout.html: csrf",
        "messages/_send.html: csrf",
        "messages/settings.html: csrf",
        "messages/thread.html: csrf",
        "sessions/index.html: csrf",
        "sessions/index.html: csrf",
        "staff/accounts/new.html: csrf",
        "staff/accounts/suspend.html: csrf",
        "staff/notices/new.html: csrf",
        "profiles/_publication.html: csrf",
        "profiles/_section-form.html: csrf",
        "staff/seekers/confirm.html: csrf",
        "staff/seekers/note.html: csrf",
        "staff/seekers/new.html: csrf",
        "staff/seekers/reopen.html: csrf",
        "savedsearches/_items.html: csrf",
        "savedsearches/delete.html: csrf",
        "savedsearches/favorites.html: csrf",
        "savedsearches/new.html: csrf",
        "savedsearches/rename.html: csrf",
        "search/_favorite_slot.html: csrf",
        // Partials: HTML templates rendered (and so encoded) by us a moment before.
        "home/employer.html: include \"notices/_list\" Notices",
        "home/seeker.html: include \"notices/_list\" Notices",
        "messages/index.html: include \"messages/_list\"",
        "messages/thread.html: include \"messages/_messages\" History",
        "messages/thread.html: include \"messages/_send\" Send",
        "messages/thread.html: include \"messages/_state\" State",
        "notices/_items.html: include \"notices/_rows\"",
        "notices/_list.html: include \"notices/_items\"",
        "notices/index.html: include \"notices/_list\"",
        "profiles/_notes.html: include \"profiles/_note-items\"",
        "profiles/_section-form.html: include \"profiles/_input\" input",
        "profiles/_section-form.html: include \"profiles/_input\" item.Inputs[0]",
        "profiles/_section-form.html: include \"profiles/_switch\" item",
        "profiles/_section-form.html: include \"profiles/_switch\" item",
        "profiles/index.html: include \"profiles/_notes\" Notes",
        "profiles/index.html: include \"profiles/_publication\" Publication",
        "profiles/index.html: include \"profiles/_section\" section",
        "profiles/index.html: include \"profiles/_section-form\" section",
        // Job search (JOB-3): the form, its city choices and the results, each rendered from our view models; the favorite button's place.
        "search/index.html: include \"search/_form\" Form",
        "search/index.html: include \"search/_results\" Results",
        "search/_form.html: include \"search/_cities\"",
        "search/_results.html: include \"search/_favorite_slot\" job",
        "search/job.html: include \"search/_favorite_slot\"",
        "search/closed.html: include \"search/_favorite_slot\"",
        "home/seeker.html: include \"savedsearches/_box-items\" SavedSearches",
        "home/seeker.html: include \"savedsearches/_favorites-box-items\" FavoritesBox",
        "savedsearches/_items.html: include \"savedsearches/_conditions\" row",
        "savedsearches/delete.html: include \"savedsearches/_conditions\"",
        "savedsearches/index.html: include \"savedsearches/_items\"",
        "savedsearches/new.html: include \"savedsearches/_conditions\"",
        // The employer's page and the seeker's preview: one partial, so the preview is what employers see.
        "profiles/preview.html: include \"profiles/_public\" Public",
        "profiles/seeker.html: include \"profiles/_public\" Public",
        // The page body: the page template, rendered by Pages just before the layout.
        "layout.html: raw Body",
        // A message body: Message.ToHtml encodes the text and adds only links it built itself.
        "messages/_messages.html: raw row.Html",
        // A search hit's body: the same Message.ToHtml.
        "messages/search.html: raw hit.Html",
    ];

    [Fact]
    public void Every_raw_output_site_in_the_templates_is_on_the_reviewed_list()
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(TemplatesTests.TemplatesRoot, "*.html", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(TemplatesTests.TemplatesRoot, file).Replace('\\', '/');
            var source = File.ReadAllText(file);
            Assert.False(source.Contains("{{{"), $"{name}: triple braces are not how raw output is spelled here (use raw, and get it reviewed)");
            foreach (Match code in CodeBlock().Matches(source))
            {
                var expression = code.Groups[1].Value.Trim();
                if (RawSite().IsMatch(expression))
                {
                    found.Add($"{name}: {expression}");
                }
            }
        }

        var unreviewed = found.Order().ToList();
        foreach (var site in Reviewed)
        {
            unreviewed.Remove(site);
        }
        var gone = Reviewed.ToList();
        foreach (var site in found)
        {
            gone.Remove(site);
        }
        Assert.True(unreviewed.Count == 0, "raw output not on the reviewed list:\n" + string.Join("\n", unreviewed));
        Assert.True(gone.Count == 0, "reviewed sites that no longer exist (take them off the list):\n" + string.Join("\n", gone));
    }

    [Fact]
    public void Plain_text_templates_are_only_mail_subjects_and_text_bodies()
    {
        var others = Directory.EnumerateFiles(TemplatesTests.TemplatesRoot, "*.txt", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TemplatesTests.TemplatesRoot, f).Replace('\\', '/'))
            .Where(n => !MailTextPart().IsMatch(n))
            .ToList();

        Assert.Empty(others);
    }

    [Fact]
    public void No_model_carries_RawHtml_past_the_reviewed_template_sites()
    {
        // A RawHtml property in a model would be written unencoded by {{ x }} without any marker in
        // the template; only the rendering code itself may create the type.
        var carriers = typeof(Templates).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => (t, p.PropertyType, p.Name))
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(f => (t, f.FieldType, f.Name))))
            .Where(m => m.Item2 == typeof(RawHtml) && m.t != typeof(RawHtml))
            .Select(m => $"{m.t.FullName}.{m.Name}");

        Assert.Empty(carriers);
    }

    [GeneratedRegex(@"\{\{~?(.*?)~?\}\}", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\b(raw|include|csrf)\b")]
    private static partial Regex RawSite();

    [GeneratedRegex(@"^mail/[a-z0-9-]+\.(subject|text)\.txt$")]
    private static partial Regex MailTextPart();
}
