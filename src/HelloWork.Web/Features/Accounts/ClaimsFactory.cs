using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Accounts;

/// <summary>Puts the kind (as role) and the display name into the cookie, so pages need no query for them.</summary>
public sealed class ClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    public const string DisplayNameClaim = "hw:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, Roles.Of(user.Kind)));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

public static class UserExtensions
{
    /// <summary>The signed-in login's id (for features that need only that; see <see cref="Http.CurrentUser"/>).</summary>
    public static Guid Id(this ClaimsPrincipal user) => Http.CurrentUser.IdOf(user);

    public static string DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimsFactory.DisplayNameClaim) ?? "";

    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role);
}
