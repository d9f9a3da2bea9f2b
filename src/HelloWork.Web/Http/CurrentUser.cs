using System.Security.Claims;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Http;

/// <summary>
/// Who is signed in: the id and kind come from the cookie (put there by ClaimsFactory, checked
/// against the security stamp on every request), so knowing them costs no query. Everything that
/// may have changed since the sign-in (the establishment, the registration) is loaded from the
/// database through this one type, so every use case asks the same way.
/// </summary>
public sealed record CurrentUser(Guid Id, UserKind Kind)
{
    public static CurrentUser Of(HttpContext context) => From(context.User);

    public static CurrentUser From(ClaimsPrincipal principal) =>
        new(IdOf(principal), Roles.KindOf(principal.FindFirstValue(ClaimTypes.Role)) ?? throw new InvalidOperationException("no kind in the sign-in"));

    public static Guid IdOf(ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("not signed in"));

    /// <summary>
    /// The login, read once per request: the sign-in check already holds it in the request's
    /// context (see SessionTicketStore), and FindAsync answers from there without a statement.
    /// Tracked, so a use case that changes it saves it with its other changes.
    /// </summary>
    public async Task<AppUser> LoadAsync(AppDb db, CancellationToken ct) =>
        await db.Users.FindAsync([Id], ct) ?? throw new InvalidOperationException("the signed-in login is gone");

    /// <summary>The same login, for a use case that only reads it (ownership of threads, validity); it must not change it.</summary>
    public Task<AppUser> ReadAsync(AppDb db, CancellationToken ct) => LoadAsync(db, ct);

    /// <summary>For employers: the establishment the login belongs to now (null before it joins one, and for other kinds).</summary>
    public async Task<Guid?> EstablishmentIdAsync(AppDb db, CancellationToken ct) =>
        Kind != UserKind.Employer ? null : (await LoadAsync(db, ct)).EstablishmentId;
}
