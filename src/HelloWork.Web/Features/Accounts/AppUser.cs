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
}

/// <summary>A login of any kind. Kind decides which MyPage it opens and what it may do.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public UserKind Kind { get; set; }
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>For employers: the establishment (事業所) this login belongs to (ACC-10).</summary>
    public Guid? EstablishmentId { get; set; }

    /// <summary>
    /// For seekers: the last instant their job-seeker registration (求職) is valid (ACC-8); null
    /// when there is none yet. While it is not valid the seeker may read but not edit, search or
    /// send (ACC-9, MSG-6).
    /// </summary>
    public DateTime? RegistrationValidUntil { get; set; }

    public bool HasValidRegistration(DateTime now) =>
        Kind != UserKind.Seeker || (RegistrationValidUntil is { } until && now <= until && SuspendedAt is null && WithdrawnAt is null);

    /// <summary>Seekers: birth date given at registration (ACC-1 match, ACC-4 age).</summary>
    public DateOnly? BirthDate { get; set; }
    /// <summary>Seekers: school status given at registration (ACC-4).</summary>
    public SchoolStatus? School { get; set; }
    /// <summary>When the login got its password (MyPage opened). Null for a seeker staff registered who has not opened it yet (ACC-1).</summary>
    public DateTime? MyPageOpenedAt { get; set; }
    /// <summary>ACC-6: withdrawn (退会); cannot sign in. Within 30 days the seeker may re-register (ACC-7).</summary>
    public DateTime? WithdrawnAt { get; set; }
    /// <summary>ACC-12: suspended by staff (利用不可), with the reason the user sees at sign-in.</summary>
    public DateTime? SuspendedAt { get; set; }
    public string? SuspensionReason { get; set; }

    /// <summary>ACC-8: the RegistrationValidUntil the lapse warning (a week before) was sent for; a new validity warns again.</summary>
    public DateTime? LapseWarnedFor { get; set; }
    /// <summary>
    /// ACC-2: when staff checked the registration. Null for an online-only registrant (オンライン登録者),
    /// who may self-apply but not be referred online; set, a full user (利用登録者).
    /// </summary>
    public DateTime? RegistrationConfirmedAt { get; set; }

    public bool IsOnlineOnlyRegistrant => Kind == UserKind.Seeker && RegistrationConfirmedAt is null;

    public static readonly TimeSpan LapseWarningBefore = TimeSpan.FromDays(7);
    public const int DeleteAfterInvalidYears = 5;

    /// <summary>
    /// ACC-9: the one check other features call before editing the profile, searching jobs or
    /// sending a message. Reading stays possible, so nothing else should call it.
    /// </summary>
    public void EnsureValidRegistration(DateTime now)
    {
        if (!HasValidRegistration(now)) throw new DomainException("accounts.error.registration-invalid");
    }

    /// <summary>
    /// ACC-8: a consultation, a referral or a self-application in the last month (Japan time) of
    /// the validity extends it by one month. Returns whether it did. Other features call this.
    /// </summary>
    public bool ExtendRegistrationForActivity(DateTime now)
    {
        if (Kind != UserKind.Seeker || !HasValidRegistration(now) || RegistrationValidUntil is not { } until)
        {
            return false;
        }
        var last = JapanTime.ToJst(until);
        var current = JapanTime.ToJst(now);
        if (last.Year != current.Year || last.Month != current.Month)
        {
            return false;
        }
        RegistrationValidUntil = JapanTime.EndOfMonthAfter(until, 1);
        return true;
    }

    /// <summary>ACC-8: the seeker switches the registration valid (filed again now) or invalid (at once) in the settings.</summary>
    public void SwitchRegistration(bool valid, DateTime now)
    {
        if (Kind != UserKind.Seeker) throw new DomainException("accounts.error.not-seeker");
        if (valid == HasValidRegistration(now)) return;
        if (valid)
        {
            if (SuspendedAt is not null) throw new DomainException("accounts.error.registration-suspended");
            RegistrationValidUntil = JapanTime.EndOfSecondMonthAfter(now);
        }
        else
        {
            RegistrationValidUntil = now.AddTicks(-1);
        }
    }

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

    /// <summary>ACC-4: 15 or under, or a middle/high-school student outside night/part-time courses, cannot have a MyPage.</summary>
    public static void CheckMayOpenMyPage(DateOnly birthDate, SchoolStatus school, DateTime now)
    {
        var today = JapanTime.Today(now);
        if (birthDate > today)
        {
            throw new DomainException("accounts.error.birth-date-future");
        }
        var age = today.Year - birthDate.Year - (today < birthDate.AddYears(today.Year - birthDate.Year) ? 1 : 0);
        if (age <= 15)
        {
            throw new DomainException("accounts.error.too-young");
        }
        if (school == SchoolStatus.MiddleOrHighSchool)
        {
            throw new DomainException("accounts.error.student");
        }
    }

    /// <summary>ACC-6: withdrawal (退会), refused while a self-application is active.</summary>
    public void Withdraw(bool hasActiveSelfApplication, DateTime now)
    {
        if (Kind != UserKind.Seeker) throw new DomainException("accounts.error.not-seeker");
        if (WithdrawnAt is not null) throw new DomainException("accounts.withdraw.already");
        if (hasActiveSelfApplication) throw new DomainException("accounts.withdraw.active-application");
        WithdrawnAt = now;
        EndOtherSessions();
    }

    /// <summary>Sets a new password (ACC-3 checked by the caller) and signs out every browser that used the old one (ACC-5).</summary>
    public void SetPassword(Microsoft.AspNetCore.Identity.IPasswordHasher<AppUser> hasher, string password)
    {
        PasswordHash = hasher.HashPassword(this, password);
        EndOtherSessions();
    }

    /// <summary>A new security stamp: every signed-in browser is signed out on its next request.</summary>
    public void EndOtherSessions() => SecurityStamp = Guid.NewGuid().ToString("N");

    /// <summary>ACC-7: within 30 days of withdrawing the account can be restored.</summary>
    public bool CanReregister(DateTime now) => WithdrawnAt is { } at && now <= at.AddDays(ReregistrationDays);

    public void Reregister(DateTime now)
    {
        if (!CanReregister(now)) throw new DomainException("accounts.reregister.too-late");
        WithdrawnAt = null;
    }

    /// <summary>
    /// ACC-7: after the 30 days the seeker may also register anew with the same address. The old
    /// account lets go of it (it keeps no way to be reached; its registration stays until the 5-year
    /// deletion). Returns false, changing nothing, for any other account.
    /// </summary>
    public bool ReleaseAddressForNewRegistration(DateTime now)
    {
        if (Kind != UserKind.Seeker || WithdrawnAt is null || CanReregister(now))
        {
            return false;
        }
        var released = $"withdrawn-{Id:N}@hellowork.invalid";
        Email = UserName = released;
        NormalizedEmail = NormalizedUserName = released.ToUpperInvariant();
        EndOtherSessions();
        return true;
    }

    /// <summary>
    /// ACC-7: after the 30 days, staff reopen a withdrawn seeker from the kept registration. The old
    /// password is dropped: the seeker opens the MyPage again as at the counter (ACC-1, mail #1).
    /// </summary>
    public void ReopenByStaff(DateTime now)
    {
        if (Kind != UserKind.Seeker) throw new DomainException("accounts.error.not-seeker");
        if (WithdrawnAt is null) throw new DomainException("accounts.reopen.not-withdrawn");
        WithdrawnAt = null;
        PasswordHash = null;
        MyPageOpenedAt = null;
        RegistrationConfirmedAt ??= now;
        EndOtherSessions();
        if (!HasValidRegistration(now)) RegistrationValidUntil = JapanTime.EndOfSecondMonthAfter(now);
    }

    /// <summary>ACC-12: staff suspend a MyPage; the reason is shown at sign-in.</summary>
    public void Suspend(string reason, DateTime now)
    {
        if (Kind == UserKind.Staff) throw new DomainException("accounts.error.not-seeker");
        SuspendedAt = now;
        SuspensionReason = reason;
        EndOtherSessions();
    }

    public void LiftSuspension()
    {
        SuspendedAt = null;
        SuspensionReason = null;
    }

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
}

/// <summary>ACC-4: school status at registration.</summary>
public enum SchoolStatus { NotStudent = 0, MiddleOrHighSchool = 1, NightOrPartTimeCourse = 2, OtherSchool = 3 }

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.HasIndex(u => u.Kind);
        user.Property(u => u.SuspensionReason).HasMaxLength(500);
        user.HasIndex(u => new { u.Kind, u.RegistrationValidUntil });
        user.HasIndex(u => new { u.Kind, u.WithdrawnAt });
        user.HasIndex(u => u.EstablishmentId);
        user.HasOne<Establishment>().WithMany().HasForeignKey(u => u.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
