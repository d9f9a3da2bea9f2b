using HelloWork.Web.Domain;

namespace HelloWork.Web.Features.Accounts;

/// <summary>Withdrawal, re-registration, reopening and suspension of a login (ACC-6, ACC-7, ACC-12).</summary>
public sealed partial class AppUser
{
    /// <summary>ACC-6: withdrawal (退会), refused while a self-application is active.</summary>
    public void Withdraw(bool hasActiveSelfApplication, DateTime now)
    {
        if (Kind != UserKind.Seeker) throw new DomainException("accounts.error.not-seeker");
        if (WithdrawnAt is not null) throw new DomainException("accounts.withdraw.already");
        if (hasActiveSelfApplication) throw new DomainException("accounts.withdraw.active-application");
        WithdrawnAt = now;
        EndOtherSessions();
    }

    /// <summary>
    /// ACC-7: within 30 days of withdrawing the account can be restored, to the end of the 30th day
    /// after the withdrawal (Japan time), so the last day can be shown as a date and mean all of it.
    /// </summary>
    public bool CanReregister(DateTime now) => ReregistrationEnds is { } end && now <= end;

    /// <summary>ACC-7: the last instant a withdrawn seeker may re-register (null when not withdrawn).</summary>
    public DateTime? ReregistrationEnds => WithdrawnAt is { } at ? ReregistrationEndFor(at) : null;

    /// <summary>The last instant of re-registration for a withdrawal at <paramref name="withdrawnAt"/> (shown before withdrawing, too).</summary>
    public static DateTime ReregistrationEndFor(DateTime withdrawnAt) => JapanTime.EndOfDay(JapanTime.Today(withdrawnAt).AddDays(ReregistrationDays));

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
        if (SuspendedAt is null) throw new DomainException("accounts.suspend.not-suspended");
        SuspendedAt = null;
        SuspensionReason = null;
    }
}
