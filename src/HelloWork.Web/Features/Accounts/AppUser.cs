using HelloWork.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Accounts;

public enum UserKind { Seeker = 1, Employer = 2, Staff = 3 }

public static class Roles
{
    public const string Seeker = "seeker";
    public const string Employer = "employer";
    public const string Staff = "staff";

    public static string Of(UserKind kind) => kind switch
    {
        UserKind.Seeker => Seeker,
        UserKind.Employer => Employer,
        UserKind.Staff => Staff,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static UserKind? KindOf(string? role) => role switch
    {
        Seeker => UserKind.Seeker,
        Employer => UserKind.Employer,
        Staff => UserKind.Staff,
        _ => null,
    };
}

/// <summary>A login of any kind. Kind decides which MyPage it opens and what it may do.</summary>
public sealed partial class AppUser : IdentityUser<Guid>
{
    public UserKind Kind { get; private set; }
    public string DisplayName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>For employers: the establishment (事業所) this login belongs to (ACC-10).</summary>
    public Guid? EstablishmentId { get; private set; }
    /// <summary>The Hello Work office: a staff member's own, or a seeker's office of their area.</summary>
    public int? OfficeId { get; private set; }

    /// <summary>
    /// For seekers: the last instant their job-seeker registration (求職) is valid (ACC-8); null
    /// when there is none yet. While it is not valid the seeker may read but not edit, search or
    /// send (ACC-9, MSG-6).
    /// </summary>
    public DateTime? RegistrationValidUntil { get; private set; }

    public bool HasValidRegistration(DateTime now) =>
        Kind != UserKind.Seeker || (RegistrationValidUntil is { } until && now <= until && SuspendedAt is null && WithdrawnAt is null);

    /// <summary>Seekers: birth date given at registration (ACC-1 match, ACC-4 age).</summary>
    public DateOnly? BirthDate { get; private set; }
    /// <summary>Seekers: school status given at registration (ACC-4).</summary>
    public SchoolStatus? School { get; private set; }
    /// <summary>When the login got its password (MyPage opened). Null for a seeker staff registered who has not opened it yet (ACC-1).</summary>
    public DateTime? MyPageOpenedAt { get; private set; }
    /// <summary>ACC-6: withdrawn (退会); cannot sign in. Within 30 days the seeker may re-register (ACC-7).</summary>
    public DateTime? WithdrawnAt { get; private set; }
    /// <summary>ACC-12: suspended by staff (利用不可), with the reason the user sees at sign-in.</summary>
    public DateTime? SuspendedAt { get; private set; }
    public string? SuspensionReason { get; private set; }

    /// <summary>ACC-8: the RegistrationValidUntil the lapse warning (a week before) was sent for; a new validity warns again.</summary>
    public DateTime? LapseWarnedFor { get; private set; }
    /// <summary>
    /// ACC-2: when staff checked the registration. Null for an online-only registrant (オンライン登録者),
    /// who may self-apply but not be referred online; set, a full user (利用登録者).
    /// </summary>
    public DateTime? RegistrationConfirmedAt { get; private set; }

    public bool IsOnlineOnlyRegistrant => Kind == UserKind.Seeker && RegistrationConfirmedAt is null;

    public static readonly TimeSpan LapseWarningBefore = TimeSpan.FromDays(7);
    public const int DeleteAfterInvalidYears = 5;

    public const int ReregistrationDays = 30;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Has a password and has not withdrawn. An online sign-up whose registration is not complete
    /// can sign in, but only reaches the registration form (the MyPage opens with it, ACC-2).
    /// </summary>
    public bool CanSignIn => WithdrawnAt is null && PasswordHash is not null;

    public bool NeedsRegistration => Kind == UserKind.Seeker && MyPageOpenedAt is null;

    /// <summary>
    /// ACC-3: a lock ends by itself after <see cref="LockoutTime"/> (and a password reset by mailed key
    /// ends it at once), so failures by someone else can delay but never keep the person out.
    /// Kept in Identity's own columns but judged against our clock (Identity reads the wall clock).
    /// </summary>
    public bool IsLockedOut(DateTime now) => LockoutEnd is { } end && end.UtcDateTime > now;

    public void RecordFailedSignIn(DateTime now)
    {
        AccessFailedCount++;
        if (AccessFailedCount >= MaxFailedSignIns)
        {
            LockoutEnd = new DateTimeOffset(now + LockoutTime, TimeSpan.Zero);
            AccessFailedCount = 0;
        }
    }

    public void RecordSuccessfulSignIn()
    {
        AccessFailedCount = 0;
        LockoutEnd = null;
    }

    /// <summary>Sets a new password (ACC-3 checked by the caller) and signs out every browser that used the old one (ACC-5).</summary>
    public void SetPassword(Microsoft.AspNetCore.Identity.IPasswordHasher<AppUser> hasher, string password)
    {
        PasswordHash = hasher.HashPassword(this, password);
        EndOtherSessions();
    }

    /// <summary>A new security stamp: every signed-in browser is signed out on its next request.</summary>
    public void EndOtherSessions() => SecurityStamp = Guid.NewGuid().ToString("N");

    public static AppUser Create(UserKind kind, string email, string displayName, DateTime now) => new()
    {
        // A registration filed now is valid to the end of the second month after (翌々月末).
        RegistrationValidUntil = kind == UserKind.Seeker ? JapanTime.EndOfSecondMonthAfter(now) : null,
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        Email = email,
        UserName = email,
        DisplayName = displayName,
        CreatedAt = now,
        EmailConfirmed = true,
        MyPageOpenedAt = now,
        RegistrationConfirmedAt = kind == UserKind.Seeker ? now : null,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };

    /// <summary>ACC-1: staff register a seeker at the counter; no password yet, the seeker opens the MyPage online (ACC-4 checked).</summary>
    public static AppUser CreateCounterSeeker(string email, string displayName, DateOnly birthDate, SchoolStatus school, DateTime now)
    {
        CheckMayOpenMyPage(birthDate, school, now);
        var user = Create(UserKind.Seeker, email, displayName, now);
        user.MyPageOpenedAt = null;
        user.BirthDate = birthDate;
        user.School = school;
        return user;
    }

    /// <summary>ACC-2: an online sign-up: nothing filed yet, an online-only registrant until staff check (ACC-4 checked).</summary>
    public static AppUser CreateOnlineSeeker(string email, DateOnly birthDate, SchoolStatus school, DateTime now)
    {
        var user = CreateCounterSeeker(email, email.Split('@')[0], birthDate, school, now);
        user.RegistrationConfirmedAt = null;  // online-only registrant until staff check
        user.RegistrationValidUntil = null;   // nothing filed yet; the MyPage opens when it is (mail #5)
        return user;
    }

    /// <summary>ACC-10: an employer signing up online, before the mailed key proves the address.</summary>
    public static AppUser CreateUnverifiedEmployer(string email, DateTime now)
    {
        var user = Create(UserKind.Employer, email, email.Split('@')[0], now);
        user.MyPageOpenedAt = null;
        user.EmailConfirmed = false;
        return user;
    }

    /// <summary>The sender of automatic notices: a staff login that can never sign in (no password, no MyPage).</summary>
    public static AppUser CreateSystemSender(string email, string displayName, DateTime now)
    {
        var user = Create(UserKind.Staff, email, displayName, now);
        user.NormalizedEmail = user.NormalizedUserName = email.ToUpperInvariant();
        user.MyPageOpenedAt = null;
        return user;
    }

    /// <summary>
    /// ACC-5: a new login address (the caller checked it is free and the current password). The
    /// security stamp is renewed, so every other browser is signed out.
    /// </summary>
    public void ChangeEmail(string email)
    {
        if (WithdrawnAt is not null) throw new DomainException("accounts.error.withdrawn");
        Email = UserName = email;
        NormalizedEmail = NormalizedUserName = email.ToUpperInvariant();
        EndOtherSessions();
    }

    /// <summary>ACC-10: an employer login belongs to one establishment, for good.</summary>
    /// <summary>A staff member works at one office; a seeker belongs to the office of their area (an establishment's office is on the establishment).</summary>
    public void AssignOffice(int officeId)
    {
        if (Kind == UserKind.Employer) throw new DomainException("accounts.error.not-employer");
        OfficeId = officeId;
    }

    public void JoinEstablishment(Guid establishmentId)
    {
        if (Kind != UserKind.Employer) throw new DomainException("accounts.error.not-employer");
        if (EstablishmentId is not null) throw new DomainException("accounts.establishment.already-member");
        EstablishmentId = establishmentId;
    }
}

/// <summary>ACC-4: school status at registration.</summary>
public enum SchoolStatus { NotStudent = 0, MiddleOrHighSchool = 1, NightOrPartTimeCourse = 2, OtherSchool = 3 }

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.HasIndex(u => u.Kind);
        user.HasIndex(u => new { u.OfficeId, u.Kind });
        user.HasOne<HelloWork.Web.Features.Offices.Office>().WithMany().HasForeignKey(u => u.OfficeId).OnDelete(DeleteBehavior.Restrict);
        user.Property(u => u.SuspensionReason).HasMaxLength(500);
        user.HasIndex(u => new { u.Kind, u.RegistrationValidUntil });
        user.HasIndex(u => new { u.Kind, u.WithdrawnAt });
        user.HasIndex(u => u.EstablishmentId);
        user.HasOne<Establishment>().WithMany().HasForeignKey(u => u.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
