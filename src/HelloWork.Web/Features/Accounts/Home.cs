using HelloWork.Web.Http;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Notices;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Accounts;

/// <summary>The start page of each kind of user.</summary>
public static class Home
{
    public static string PathFor(UserKind kind) => kind switch
    {
        UserKind.Seeker => "/mypage",
        UserKind.Employer => "/employer",
        _ => "/staff",
    };

    public static IResult Root(HttpContext context, Pages pages)
    {
        var role = context.User.Role();
        return role switch
        {
            Roles.Seeker => Results.Redirect("/mypage"),
            Roles.Employer => Results.Redirect("/employer"),
            Roles.Staff => Results.Redirect("/staff"),
            _ => pages.Page(context, "home/index", new { }, "home.title"),
        };
    }

    public static async Task<IResult> Seeker(HttpContext context, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var me = CurrentUser.Of(context);
        if ((await me.ReadAsync(db, ct)).MyPageOpenedAt is null)
        {
            return Results.Redirect(FileRegistration.Path); // ACC-2: the MyPage opens when the registration is complete
        }
        var notices = await ListNotices.LoadAsync(db, me.Id, null, ct);
        var profile = await Profiles.ShowProfile.BoxAsync(db, me.Id, ct);
        var searches = await SavedSearches.ListSavedSearches.LoadAsync(db, texts, me.Id, ct);
        var favorites = await SavedSearches.ListFavorites.BoxAsync(db, me.Id, clock.GetUtcNow().UtcDateTime, ct);
        return pages.Page(context, "home/seeker",
            new { Name = context.User.DisplayName(), Notices = notices, Profile = profile, SavedSearches = new { Rows = searches }, FavoritesBox = favorites },
            "home.seeker-title");
    }

    public static async Task<IResult> Employer(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var me = CurrentUser.Of(context);
        var establishmentId = await me.EstablishmentIdAsync(db, ct);
        var establishment = establishmentId is null ? null : await db.Set<Establishment>().SingleOrDefaultAsync(e => e.Id == establishmentId, ct);
        var jobs = await ListEstablishmentJobs.LoadAsync(context, db, texts, ListEstablishmentJobs.BoxSize, ct);
        var notices = await ListNotices.LoadAsync(db, me.Id, null, ct);
        return pages.Page(context, "home/employer",
            new { Name = context.User.DisplayName(), Establishment = establishment, Jobs = jobs, Notices = notices }, "home.employer-title");
    }

    public static async Task<IResult> Staff(HttpContext context, AppDb db, Pages pages, Texts texts, CancellationToken ct) =>
        pages.Page(context, "home/staff", new
        {
            Name = context.User.DisplayName(),
            DevMailInbox = DevTools.MailInbox(context),
            Queue = await StaffJobQueue.LoadAsync(context, db, texts, StaffJobQueue.BoxSize, ct),
        }, "home.staff-title");
}
