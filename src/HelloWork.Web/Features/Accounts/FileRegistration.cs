using HelloWork.Web.Domain;
using System.Reflection;
using System.Text.RegularExpressions;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-2: the job-seeker registration form (求職申込み) in seven steps: basic data, desired job and
/// hours, desired place and wage, education and licenses, career, disability (optional), self-PR.
/// Any step can be saved temporarily (mail #6). Completing it opens the MyPage (mail #5); the
/// seeker is an online-only registrant until staff check the registration.
/// </summary>
public static partial class FileRegistration
{
    public const string Path = "/registration";
    public const int Steps = 7;

    public sealed record Form
    {
        public int? Step { get; set; }
        public string? Action { get; set; }
        public string? FullName { get; set; }
        public string? FullNameKana { get; set; }
        public string? Prefecture { get; set; }
        public string? Phone { get; set; }
        public string? DesiredJob { get; set; }
        public string? EmploymentType { get; set; }
        public string? HoursFrom { get; set; }
        public string? HoursTo { get; set; }
        public string? DesiredPlace { get; set; }
        public string? WageMin { get; set; }
        public string? WageUnit { get; set; }
        public string? Education { get; set; }
        public string? Licenses { get; set; }
        public string? Career { get; set; }
        public string? DisabilityNote { get; set; }
        public string? SelfPr { get; set; }
        /// <summary>PRO-2: publish the profile (求職公開) from the start: "Yes" or "No" (the default).</summary>
        public string? Publish { get; set; }
    }

    private static readonly string[][] FieldsOf =
    [
        [],
        [nameof(Form.FullName), nameof(Form.FullNameKana), nameof(Form.Prefecture), nameof(Form.Phone)],
        [nameof(Form.DesiredJob), nameof(Form.EmploymentType), nameof(Form.HoursFrom), nameof(Form.HoursTo)],
        [nameof(Form.DesiredPlace), nameof(Form.WageMin), nameof(Form.WageUnit)],
        [nameof(Form.Education), nameof(Form.Licenses)],
        [nameof(Form.Career)],
        [nameof(Form.DisabilityNote)],
        [nameof(Form.SelfPr), nameof(Form.Publish)],
    ];

    public sealed record View(int Step, int Steps, Form Values, IReadOnlyDictionary<string, string> Errors, string? Saved,
        bool Is1, bool Is2, bool Is3, bool Is4, bool Is5, bool Is6, bool Is7, bool HasBack);

    private static View ViewOf(int step, Form values, IReadOnlyDictionary<string, string> errors, string? saved) =>
        new(step, Steps, values, errors, saved, step == 1, step == 2, step == 3, step == 4, step == 5, step == 6, step == 7, step > 1);

    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, int? step, CancellationToken ct)
    {
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        if (!user.NeedsRegistration) return Results.Redirect("/mypage");
        var draft = await db.Set<SeekerRegistration>().SingleOrDefaultAsync(r => r.UserId == user.Id, ct);
        var reached = draft?.Step ?? 1;
        var shown = Math.Clamp(step ?? reached, 1, reached);
        return pages.Page(context, "accounts/registration", ViewOf(shown, draft?.Read() ?? new Form(), new Dictionary<string, string>(), null),
            "accounts.registration-form.title");
    }

    public static async Task<IResult> Handle(
        HttpContext context, [FromForm] Form form, AppDb db, Pages pages, Texts texts, TimeProvider clock, AccountMails mails,
        Microsoft.AspNetCore.Identity.SignInManager<AppUser> signIn, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        if (!user.NeedsRegistration) return OpenMyPage.Redirect(context, "/mypage");
        var draft = await db.Set<SeekerRegistration>().SingleOrDefaultAsync(r => r.UserId == user.Id, ct);
        if (draft is null)
        {
            draft = SeekerRegistration.Start(user.Id);
            db.Set<SeekerRegistration>().Add(draft);
        }
        var step = Math.Clamp(form.Step ?? 1, 1, Steps);
        var merged = Merge(draft.Read(), form, step);
        var action = form.Action ?? "next";
        var errors = new FormErrors(context, texts);
        Validate(errors, merged, step, required: action is "next" or "complete");
        if (errors.Any)
        {
            return pages.Page(context, "accounts/registration", ViewOf(step, merged, errors.Fields, null), "accounts.registration-form.title", 422);
        }

        switch (action)
        {
            case "save":
                draft.Write(merged, Math.Max(draft.Step, step));
                draft.SaveTemporarily(now);
                mails.DraftSaved(db, user, draft.DeleteOn, now);
                await db.SaveChangesAsync(ct);
                mails.Wake();
                return pages.Page(context, "accounts/registration",
                    ViewOf(step, merged, errors.Fields, texts.Format("accounts.registration-form.saved", JapanTime.ToJst(draft.DeleteOn).ToString("yyyy/MM/dd"))),
                    "accounts.registration-form.title");
            case "back":
                draft.Write(merged, Math.Max(draft.Step, step));
                await db.SaveChangesAsync(ct);
                return pages.Page(context, "accounts/registration", ViewOf(Math.Max(1, step - 1), merged, errors.Fields, null), "accounts.registration-form.title");
            case "complete" when step == Steps:
                for (var s = 1; s <= Steps; s++)
                {
                    Validate(errors, merged, s, required: true);
                    if (errors.Any)
                    {
                        return pages.Page(context, "accounts/registration", ViewOf(s, merged, errors.Fields, null), "accounts.registration-form.title", 422);
                    }
                }
                draft.Write(merged, Steps);
                draft.File(now);
                user.CompleteRegistration(merged.FullName!, now); // the MyPage opens, valid to 翌々月末 (ACC-8)
                if (await Offices.OfficeAssignment.ForPrefectureAsync(db, merged.Prefecture, ct) is { } office) user.AssignOffice(office.Id);
                db.Add(StartProfile(user, merged, now));
                mails.RegistrationComplete(db, user, now);
                await db.SaveChangesAsync(ct);
                await signIn.RefreshSignInAsync(user); // the name in the cookie is now the registered one
                mails.Wake();
                return OpenMyPage.Redirect(context, "/mypage");
            default:
                var next = Math.Min(Steps, step + 1);
                draft.Write(merged, Math.Max(draft.Step, next));
                await db.SaveChangesAsync(ct);
                return pages.Page(context, "accounts/registration", ViewOf(next, merged, errors.Fields, null), "accounts.registration-form.title");
        }
    }

    /// <summary>The saved values, with the fields of the posted step replaced by what was typed.</summary>
    private static Form Merge(Form saved, Form posted, int step)
    {
        var merged = saved with { };
        foreach (var name in FieldsOf[step])
        {
            var property = typeof(Form).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!;
            property.SetValue(merged, property.GetValue(posted));
        }
        return merged;
    }

    private static void Validate(FormErrors errors, Form f, int step, bool required)
    {
        switch (step)
        {
            case 1:
                errors.Text(nameof(Form.FullName), f.FullName, 50, required);
                var kana = errors.Text(nameof(Form.FullNameKana), f.FullNameKana, 50, required);
                if (kana.Length > 0 && !Katakana().IsMatch(kana)) errors.Add(nameof(Form.FullNameKana), "accounts.registration-form.kana-only");
                errors.Text(nameof(Form.Prefecture), f.Prefecture, 10, required);
                var phone = errors.Text(nameof(Form.Phone), f.Phone, 13, required);
                if (phone.Length > 0 && !PhoneFormat().IsMatch(phone)) errors.Add(nameof(Form.Phone), "accounts.registration-form.phone-format");
                break;
            case 2:
                errors.Text(nameof(Form.DesiredJob), f.DesiredJob, 50, required);
                if ((required || !string.IsNullOrEmpty(f.EmploymentType)) && f.EmploymentType is not ("FullTime" or "PartTime" or "Any"))
                    errors.Add(nameof(Form.EmploymentType), "form.required");
                var from = Time(errors, nameof(Form.HoursFrom), f.HoursFrom);
                var to = Time(errors, nameof(Form.HoursTo), f.HoursTo);
                if (from is { } a && to is { } b && a >= b) errors.Add(nameof(Form.HoursTo), "accounts.registration-form.hours-order");
                break;
            case 3:
                errors.Text(nameof(Form.DesiredPlace), f.DesiredPlace, 50, required);
                var wage = (f.WageMin ?? "").Trim();
                if (wage.Length > 0 && (!wage.All(char.IsAsciiDigit) || wage.Length > 7))
                    errors.Add(nameof(Form.WageMin), "accounts.registration-form.wage-format");
                if (wage.Length > 0 && f.WageUnit is not ("Monthly" or "Hourly"))
                    errors.Add(nameof(Form.WageUnit), "form.required");
                break;
            case 4:
                errors.Text(nameof(Form.Education), f.Education, 200, required);
                errors.Text(nameof(Form.Licenses), f.Licenses, 500, required: false);
                break;
            case 5:
                errors.Text(nameof(Form.Career), f.Career, 2000, required: false);
                break;
            case 6:
                errors.Text(nameof(Form.DisabilityNote), f.DisabilityNote, 500, required: false);
                break;
            case 7:
                errors.Text(nameof(Form.SelfPr), f.SelfPr, 2000, required: false);
                if (!string.IsNullOrEmpty(f.Publish) && f.Publish is not ("Yes" or "No")) errors.Add(nameof(Form.Publish), "form.invalid-choice");
                break;
        }
    }

    /// <summary>PRO-2: the profile begins with what was filed, published when the seeker chose so.</summary>
    private static Profiles.SeekerProfile StartProfile(AppUser user, Form filed, DateTime now)
    {
        var profile = Profiles.SeekerProfile.Start(user, Profiles.ProfileStore.FromRegistration(filed), now);
        if (filed.Publish == "Yes") profile.Publish(user, now);
        return profile;
    }

    private static TimeOnly? Time(FormErrors errors, string field, string? value)
    {
        var v = (value ?? "").Trim();
        if (v.Length == 0) return null;
        if (TimeOnly.TryParseExact(v, "HH:mm", out var t)) return t;
        errors.Add(field, "accounts.registration-form.time-format");
        return null;
    }

    [GeneratedRegex("^[ァ-ヶー　 ]+$")]
    private static partial Regex Katakana();

    /// <summary>A Japanese phone number, half-width, hyphens optional (the profile checks its own copy the same way).</summary>
    [GeneratedRegex("^0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{3,4}$")]
    internal static partial Regex PhoneFormat();
}
