using System.Text.RegularExpressions;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Rendering;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// ACC-10: an employer login creates its establishment (事業所) with its number, or joins one with
/// the number and the key of an invitation a login of that establishment sent (so knowing a
/// number is not enough). Logins of one establishment see the same jobs and data.
/// </summary>
public static partial class EstablishmentMembership
{
    public const string Path = "/employer/establishment";

    public sealed record CreateForm
    {
        public string? Number { get; set; }
        public string? Name { get; set; }
        public string? Prefecture { get; set; }
        public string? City { get; set; }
    }

    public sealed record JoinForm
    {
        public string? JoinNumber { get; set; }
        public string? InviteKey { get; set; }
    }

    public sealed record InviteForm
    {
        public string? Email { get; set; }
    }

    public sealed record View(CreateForm Create, JoinForm Join, IReadOnlyDictionary<string, string> Errors, Establishment? Current,
        IReadOnlyList<string> Members, InviteForm Invite, string? Done);

    private static async Task<View> ViewAsync(AppDb db, AppUser user, CreateForm? create, JoinForm? join, InviteForm? invite,
        IReadOnlyDictionary<string, string>? errors, string? done, CancellationToken ct)
    {
        var current = user.EstablishmentId is null ? null : await db.Set<Establishment>().SingleAsync(e => e.Id == user.EstablishmentId, ct);
        var members = current is null ? [] : await db.Users.Where(u => u.EstablishmentId == current.Id && u.Kind == UserKind.Employer)
            .OrderBy(u => u.CreatedAt).Select(u => u.DisplayName).ToListAsync(ct);
        return new View(create ?? new(), join ?? new(), errors ?? new Dictionary<string, string>(), current, members, invite ?? new(), done);
    }

    public static async Task<IResult> Show(HttpContext context, AppDb db, Pages pages, CancellationToken ct)
    {
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        return pages.Page(context, "accounts/establishment", await ViewAsync(db, user, null, null, null, null, null, ct), "accounts.establishment.title");
    }

    public static async Task<IResult> Create(HttpContext context, [FromForm] CreateForm form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        var number = Number(errors, nameof(CreateForm.Number), form.Number);
        var name = errors.Text(nameof(CreateForm.Name), form.Name, 200);
        var prefecture = errors.Text(nameof(CreateForm.Prefecture), form.Prefecture, 10);
        var city = errors.Text(nameof(CreateForm.City), form.City, 50);
        if (user.EstablishmentId is not null) errors.Add(nameof(CreateForm.Number), "accounts.establishment.already-member");
        if (!errors.Any && await db.Set<Establishment>().AnyAsync(e => e.Number == number, ct))
        {
            errors.Add(nameof(CreateForm.Number), "accounts.establishment.number-taken");
        }
        if (errors.Any)
        {
            return pages.Page(context, "accounts/establishment", await ViewAsync(db, user, form, null, null, errors.Fields, null, ct), "accounts.establishment.title", 422);
        }
        var establishment = Establishment.Create(number, name, prefecture, city, now);
        if (await Offices.OfficeAssignment.ForPrefectureAsync(db, prefecture, ct) is { } office) establishment.AssignOffice(office.Id);
        db.Set<Establishment>().Add(establishment);
        user.JoinEstablishment(establishment.Id);
        await db.SaveChangesAsync(ct);
        return OpenMyPage.Redirect(context, "/employer");
    }

    public static async Task<IResult> Join(HttpContext context, [FromForm] JoinForm form, AppDb db, Pages pages, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        var number = Number(errors, nameof(JoinForm.JoinNumber), form.JoinNumber);
        var key = errors.Text(nameof(JoinForm.InviteKey), form.InviteKey, 20);
        if (user.EstablishmentId is not null) errors.Add(nameof(JoinForm.JoinNumber), "accounts.establishment.already-member");
        EstablishmentInvite? invite = null;
        if (!errors.Any)
        {
            var email = user.NormalizedEmail!;
            invite = await db.Set<EstablishmentInvite>()
                .Where(i => i.NormalizedEmail == email && i.UsedAt == null && i.ExpiresAt > now
                    && db.Set<Establishment>().Any(e => e.Id == i.EstablishmentId && e.Number == number))
                .OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
            if (invite is null || !invite.TryUse(key, now))
            {
                await db.SaveChangesAsync(ct); // the wrong try counts for good (SEC-5): after a few the invitation is spent
                errors.Add(nameof(JoinForm.InviteKey), "accounts.establishment.invite-wrong");
            }
        }
        if (errors.Any || invite is null)
        {
            return pages.Page(context, "accounts/establishment", await ViewAsync(db, user, null, form, null, errors.Fields, null, ct), "accounts.establishment.title", 422);
        }
        user.JoinEstablishment(invite.EstablishmentId);
        await db.SaveChangesAsync(ct);
        return OpenMyPage.Redirect(context, "/employer");
    }

    public static async Task<IResult> SendInvite(HttpContext context, [FromForm] InviteForm form, AppDb db, Pages pages, Texts texts, TimeProvider clock,
        AccountMails mails, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await CurrentUser.Of(context).LoadAsync(db, ct);
        var errors = new FormErrors(context, texts);
        var email = errors.Email(nameof(InviteForm.Email), form.Email);
        if (user.EstablishmentId is null) errors.Add(nameof(InviteForm.Email), "accounts.establishment.none-yet");
        if (errors.Any)
        {
            return pages.Page(context, "accounts/establishment", await ViewAsync(db, user, null, null, form, errors.Fields, null, ct), "accounts.establishment.title", 422);
        }
        var establishment = await db.Set<Establishment>().SingleAsync(e => e.Id == user.EstablishmentId, ct);
        var (invite, plain) = EstablishmentInvite.Issue(establishment.Id, user.Id, email, now);
        // SEC-5: over the address's hourly limit no mail goes and no invitation is kept; the answer is the same.
        if (await mails.EstablishmentInvite(db, email, user.DisplayName, establishment.Name, establishment.Number, plain, invite.ExpiresAt, now, ct))
        {
            db.Set<EstablishmentInvite>().Add(invite);
        }
        await db.SaveChangesAsync(ct);
        mails.Wake();
        return pages.Page(context, "accounts/establishment",
            await ViewAsync(db, user, null, null, null, null, texts.Format("accounts.establishment.invited", email), ct), "accounts.establishment.title");
    }

    /// <summary>事業所番号: 4 digits, 6 digits, 1 check digit, hyphenated (e.g. 1301-000001-1), half-width.</summary>
    private static string Number(FormErrors errors, string field, string? value)
    {
        var v = errors.Text(field, value, 13);
        if (v.Length > 0 && !NumberPattern().IsMatch(v)) errors.Add(field, "accounts.establishment.number-format");
        return v;
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{6}-[0-9]$")]
    private static partial Regex NumberPattern();
}

/// <summary>An invitation for one e-mail address to join an establishment: 7 days, good once, only a hash kept.</summary>
public sealed class EstablishmentInvite
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public long Id { get; private set; }
    public Guid EstablishmentId { get; private set; }
    public Guid InvitedBy { get; private set; }
    public string NormalizedEmail { get; private set; } = "";
    public string KeyHash { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }
    public int Attempts { get; private set; }

    public static (EstablishmentInvite Invite, string Plain) Issue(Guid establishmentId, Guid invitedBy, string email, DateTime now)
    {
        var plain = MailedKey.New();
        var normalized = email.ToUpperInvariant();
        return (new EstablishmentInvite
        {
            EstablishmentId = establishmentId, InvitedBy = invitedBy, NormalizedEmail = normalized,
            KeyHash = MailedKey.Hash(normalized, plain), CreatedAt = now, ExpiresAt = now + Lifetime,
        }, plain);
    }

    public bool TryUse(string plain, DateTime now)
    {
        if (UsedAt is not null || now >= ExpiresAt || Attempts >= AuthKey.MaxAttempts) return false;
        if (!MailedKey.Matches(KeyHash, NormalizedEmail, plain))
        {
            Attempts++;
            return false;
        }
        UsedAt = now;
        return true;
    }
}

public sealed class EstablishmentInviteConfiguration : IEntityTypeConfiguration<EstablishmentInvite>
{
    public void Configure(EntityTypeBuilder<EstablishmentInvite> i)
    {
        i.ToTable("EstablishmentInvites");
        i.Property(x => x.NormalizedEmail).HasMaxLength(256);
        i.Property(x => x.KeyHash).HasMaxLength(64);
        i.HasIndex(x => new { x.NormalizedEmail, x.EstablishmentId });
        i.HasIndex(x => x.EstablishmentId);
        i.HasOne<Establishment>().WithMany().HasForeignKey(x => x.EstablishmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
