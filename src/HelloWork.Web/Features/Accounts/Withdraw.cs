using HelloWork.Web.Http;
using HelloWork.Web.Domain;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Identity;

namespace HelloWork.Web.Features.Accounts;

/// <summary>ACC-6: settings → withdraw → confirmation → done; the seeker is signed out and cannot sign in again (except by ACC-7).</summary>
public static class Withdraw
{
    /// <summary><paramref name="ReregisterUntil"/>: the last day of re-registration for a withdrawal now (ACC-7), shown as a date.</summary>
    public sealed record View(bool CanWithdraw, string? Error, DateTime ReregisterUntil);

    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, TimeProvider clock, CancellationToken ct)
    {
        var id = CurrentUser.Of(context).Id;
        var active = await SelfApplicationsCheck.HasActiveSelfApplicationAsync(db, id, ct);
        return pages.Page(context, "accounts/withdraw", new View(!active, null, AppUser.ReregistrationEndFor(clock.GetUtcNow().UtcDateTime)), "accounts.withdraw.title");
    }

    public static async Task<IResult> Handle(
        HttpContext context, AppDb db, SignInManager<AppUser> signIn, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        try
        {
            user.Withdraw(await SelfApplicationsCheck.HasActiveSelfApplicationAsync(db, user.Id, ct), now);
        }
        catch (DomainException e)
        {
            return pages.Page(context, "accounts/withdraw", new View(false, texts.Get(e.Key), AppUser.ReregistrationEndFor(now)), "accounts.withdraw.title", 422);
        }
        await db.SaveChangesAsync(ct);
        await signIn.SignOutAsync();
        return OpenMyPage.Redirect(context, "/login?done=withdrawn");
    }
}
