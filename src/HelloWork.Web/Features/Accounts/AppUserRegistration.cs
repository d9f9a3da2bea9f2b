using HelloWork.Web.Domain;

namespace HelloWork.Web.Features.Accounts;

/// <summary>The registration rules of a login (ACC-1, ACC-2, ACC-4, ACC-8, ACC-9, ACC-10): every change here takes the time and refuses what cannot happen.</summary>
public sealed partial class AppUser
{
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
        if (valid == HasValidRegistration(now)) throw new DomainException(valid ? "accounts.registration.already-valid" : "accounts.registration.already-invalid");
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

    /// <summary>
    /// SEC-6: a login an online sign-up created whose mailed key was never used, so its address is
    /// not proven: a seeker's (ACC-2) or an employer's (ACC-10). A counter registration (ACC-1) is not
    /// one: staff registered it. A new sign-up with the same address replaces it (SignUpAddress).
    /// </summary>
    public bool IsUnprovenSignUp => PasswordHash is null && MyPageOpenedAt is null && WithdrawnAt is null
        && (Kind == UserKind.Seeker ? RegistrationConfirmedAt is null : Kind == UserKind.Employer && !EmailConfirmed);

    /// <summary>ACC-1: the seeker registered at the counter set a password with the mailed key: the MyPage is open.</summary>
    public void OpenMyPage(DateTime now)
    {
        if (Kind != UserKind.Seeker) throw new DomainException("accounts.error.not-seeker");
        if (MyPageOpenedAt is not null) throw new DomainException("accounts.error.mypage-already-open");
        if (PasswordHash is null) throw new DomainException("accounts.error.no-password");
        MyPageOpenedAt = now;
    }

    /// <summary>
    /// ACC-2: the online registration form is complete: the MyPage opens, the registration is valid to
    /// the end of the second month after (翌々月末, ACC-8) and the login takes the registered name.
    /// </summary>
    public void CompleteRegistration(string fullName, DateTime now)
    {
        if (!NeedsRegistration) throw new DomainException("accounts.error.mypage-already-open");
        MyPageOpenedAt = now;
        RegistrationValidUntil = JapanTime.EndOfSecondMonthAfter(now);
        DisplayName = fullName.Trim();
    }

    /// <summary>ACC-2: staff checked the online registration: the online-only registrant becomes a full user.</summary>
    public void ConfirmRegistration(DateTime now)
    {
        if (Kind != UserKind.Seeker) throw new DomainException("accounts.error.not-seeker");
        if (MyPageOpenedAt is null) throw new DomainException("accounts.error.registration-not-filed");
        if (RegistrationConfirmedAt is not null) throw new DomainException("accounts.error.registration-already-confirmed");
        RegistrationConfirmedAt = now;
    }

    /// <summary>ACC-10: the mailed key proved the employer's address (the password was set with it): the MyPage opens under the given name.</summary>
    public void VerifyEmployer(string displayName, DateTime now)
    {
        if (Kind != UserKind.Employer) throw new DomainException("accounts.error.not-employer");
        if (MyPageOpenedAt is not null) throw new DomainException("accounts.error.mypage-already-open");
        DisplayName = displayName;
        EmailConfirmed = true;
        MyPageOpenedAt = now;
    }

    /// <summary>ACC-8: the lapse warning went out for the current validity (a new validity warns again).</summary>
    public void RecordLapseWarning()
    {
        if (RegistrationValidUntil is null) throw new DomainException("accounts.error.registration-invalid");
        if (LapseWarnedFor == RegistrationValidUntil) throw new DomainException("accounts.error.lapse-already-warned");
        LapseWarnedFor = RegistrationValidUntil;
    }
}
