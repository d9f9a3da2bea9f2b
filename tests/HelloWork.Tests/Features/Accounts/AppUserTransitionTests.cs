using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>Every state change of a login is a method that takes the time: each one allowed, and refused with a reason (no database needed).</summary>
public sealed class AppUserTransitionTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Adult = new(1990, 4, 1);
    private static readonly PasswordHasher<AppUser> Hasher = new();

    private static AppUser CounterSeeker() => AppUser.CreateCounterSeeker("s@example.jp", "求職者", Adult, SchoolStatus.NotStudent, Now);

    private static AppUser OnlineSeeker() => AppUser.CreateOnlineSeeker("o@example.jp", Adult, SchoolStatus.NotStudent, Now);

    private static AppUser Employer() => AppUser.CreateUnverifiedEmployer("e@example.jp", Now);

    private static string Refusal(Action act) => Assert.Throws<DomainException>(act).Key;

    [Fact, Trait("Rule", "ACC-4")]
    public void Staff_cannot_register_a_fifteen_year_old_at_the_counter() =>
        Assert.Equal("accounts.error.too-young",
            Refusal(() => AppUser.CreateCounterSeeker("y@example.jp", "若者", new DateOnly(2011, 4, 1), SchoolStatus.NotStudent, Now)));

    [Fact, Trait("Rule", "ACC-1")]
    public void A_counter_seeker_with_a_password_opens_the_MyPage()
    {
        var seeker = CounterSeeker();
        seeker.SetPassword(Hasher, "Test-pass1");

        seeker.OpenMyPage(Now);

        Assert.Equal(Now, seeker.MyPageOpenedAt);
        Assert.True(seeker.CanSignIn);
    }

    [Fact, Trait("Rule", "ACC-1")]
    public void The_MyPage_cannot_be_opened_without_a_password_nor_twice()
    {
        var seeker = CounterSeeker();
        Assert.Equal("accounts.error.no-password", Refusal(() => seeker.OpenMyPage(Now)));

        seeker.SetPassword(Hasher, "Test-pass1");
        seeker.OpenMyPage(Now);
        Assert.Equal("accounts.error.mypage-already-open", Refusal(() => seeker.OpenMyPage(Now.AddHours(1))));
    }

    [Fact, Trait("Rule", "ACC-2")]
    public void Completing_the_online_registration_opens_the_MyPage_valid_to_the_end_of_the_second_month_after_under_the_registered_name()
    {
        var seeker = OnlineSeeker();
        Assert.True(seeker.NeedsRegistration);

        seeker.CompleteRegistration(" 山田 花子 ", Now);

        Assert.Equal(Now, seeker.MyPageOpenedAt);
        Assert.Equal(JapanTime.EndOfSecondMonthAfter(Now), seeker.RegistrationValidUntil);
        Assert.Equal("山田 花子", seeker.DisplayName);
        Assert.True(seeker.IsOnlineOnlyRegistrant);
    }

    [Fact, Trait("Rule", "ACC-2")]
    public void A_registration_cannot_be_completed_twice()
    {
        var seeker = OnlineSeeker();
        seeker.CompleteRegistration("山田 花子", Now);
        Assert.Equal("accounts.error.mypage-already-open", Refusal(() => seeker.CompleteRegistration("山田 太郎", Now.AddDays(1))));
        Assert.Equal("山田 花子", seeker.DisplayName);
    }

    [Fact, Trait("Rule", "ACC-2")]
    public void Staff_confirm_a_filed_online_registration_and_the_registrant_becomes_a_full_user()
    {
        var seeker = OnlineSeeker();
        seeker.CompleteRegistration("山田 花子", Now);

        seeker.ConfirmRegistration(Now.AddDays(1));

        Assert.False(seeker.IsOnlineOnlyRegistrant);
        Assert.Equal(Now.AddDays(1), seeker.RegistrationConfirmedAt);
    }

    [Fact, Trait("Rule", "ACC-2")]
    public void A_registration_cannot_be_confirmed_before_it_is_filed_nor_twice()
    {
        var seeker = OnlineSeeker();
        Assert.Equal("accounts.error.registration-not-filed", Refusal(() => seeker.ConfirmRegistration(Now)));
        seeker.CompleteRegistration("山田 花子", Now);
        seeker.ConfirmRegistration(Now);
        Assert.Equal("accounts.error.registration-already-confirmed", Refusal(() => seeker.ConfirmRegistration(Now.AddDays(1))));
    }

    [Fact, Trait("Rule", "ACC-10")]
    public void The_mailed_key_verifies_an_employer_who_then_has_a_MyPage_under_the_given_name()
    {
        var employer = Employer();
        Assert.False(employer.EmailConfirmed);

        employer.VerifyEmployer("採用担当", Now);

        Assert.True(employer.EmailConfirmed);
        Assert.Equal("採用担当", employer.DisplayName);
        Assert.Equal(Now, employer.MyPageOpenedAt);
    }

    [Fact, Trait("Rule", "ACC-10")]
    public void Only_an_unverified_employer_can_be_verified()
    {
        var employer = Employer();
        employer.VerifyEmployer("採用担当", Now);
        Assert.Equal("accounts.error.mypage-already-open", Refusal(() => employer.VerifyEmployer("別名", Now)));
        Assert.Equal("accounts.error.not-employer", Refusal(() => OnlineSeeker().VerifyEmployer("求職者", Now)));
    }

    [Fact, Trait("Rule", "ACC-10")]
    public void An_employer_joins_one_establishment_and_cannot_join_another()
    {
        var employer = Employer();
        var first = Guid.NewGuid();

        employer.JoinEstablishment(first);

        Assert.Equal(first, employer.EstablishmentId);
        Assert.Equal("accounts.establishment.already-member", Refusal(() => employer.JoinEstablishment(Guid.NewGuid())));
        Assert.Equal(first, employer.EstablishmentId);
    }

    [Fact, Trait("Rule", "ACC-10")]
    public void A_seeker_cannot_join_an_establishment() =>
        Assert.Equal("accounts.error.not-employer", Refusal(() => CounterSeeker().JoinEstablishment(Guid.NewGuid())));

    [Fact, Trait("Rule", "ACC-8")]
    public void The_lapse_warning_is_recorded_once_per_validity()
    {
        var seeker = CounterSeeker();

        seeker.RecordLapseWarning();

        Assert.Equal(seeker.RegistrationValidUntil, seeker.LapseWarnedFor);
        Assert.Equal("accounts.error.lapse-already-warned", Refusal(seeker.RecordLapseWarning));
        Assert.Equal("accounts.error.registration-invalid", Refusal(OnlineSeeker().RecordLapseWarning));
    }

    [Fact, Trait("Rule", "ACC-8")]
    public void The_seeker_switches_the_registration_invalid_and_valid_but_not_to_the_state_it_is_in()
    {
        var seeker = CounterSeeker();
        Assert.Equal("accounts.registration.already-valid", Refusal(() => seeker.SwitchRegistration(true, Now)));

        seeker.SwitchRegistration(false, Now);
        Assert.False(seeker.HasValidRegistration(Now));
        Assert.Equal("accounts.registration.already-invalid", Refusal(() => seeker.SwitchRegistration(false, Now)));

        seeker.SwitchRegistration(true, Now);
        Assert.True(seeker.HasValidRegistration(Now));
    }

    [Fact, Trait("Rule", "ACC-5")]
    public void Changing_the_address_moves_the_login_and_signs_other_browsers_out()
    {
        var seeker = CounterSeeker();
        var stamp = seeker.SecurityStamp;

        seeker.ChangeEmail("new@example.jp");

        Assert.Equal("new@example.jp", seeker.Email);
        Assert.Equal("NEW@EXAMPLE.JP", seeker.NormalizedUserName);
        Assert.NotEqual(stamp, seeker.SecurityStamp);
    }

    [Fact, Trait("Rule", "ACC-5")]
    public void A_withdrawn_login_cannot_change_its_address()
    {
        var seeker = CounterSeeker();
        seeker.Withdraw(hasActiveSelfApplication: false, Now);
        Assert.Equal("accounts.error.withdrawn", Refusal(() => seeker.ChangeEmail("new@example.jp")));
    }

    [Fact, Trait("Rule", "ACC-6")]
    public void Withdrawal_is_refused_twice_and_while_a_self_application_is_active()
    {
        Assert.Equal("accounts.withdraw.active-application", Refusal(() => CounterSeeker().Withdraw(hasActiveSelfApplication: true, Now)));
        var seeker = CounterSeeker();
        seeker.Withdraw(hasActiveSelfApplication: false, Now);
        Assert.Equal(Now, seeker.WithdrawnAt);
        Assert.Equal("accounts.withdraw.already", Refusal(() => seeker.Withdraw(hasActiveSelfApplication: false, Now)));
    }

    [Fact, Trait("Rule", "ACC-7")]
    public void A_withdrawn_seeker_reregisters_within_thirty_days_but_not_after()
    {
        var seeker = CounterSeeker();
        seeker.Withdraw(hasActiveSelfApplication: false, Now);
        seeker.Reregister(Now.AddDays(30));
        Assert.Null(seeker.WithdrawnAt);

        var late = CounterSeeker();
        late.Withdraw(hasActiveSelfApplication: false, Now);
        Assert.Equal("accounts.reregister.too-late", Refusal(() => late.Reregister(Now.AddDays(31))));
    }

    [Fact, Trait("Rule", "ACC-7")]
    public void Staff_reopen_only_a_withdrawn_seeker_who_then_opens_the_MyPage_again()
    {
        Assert.Equal("accounts.reopen.not-withdrawn", Refusal(() => CounterSeeker().ReopenByStaff(Now)));
        var seeker = CounterSeeker();
        seeker.SetPassword(Hasher, "Test-pass1");
        seeker.Withdraw(hasActiveSelfApplication: false, Now);

        seeker.ReopenByStaff(Now.AddDays(40));

        Assert.Null(seeker.WithdrawnAt);
        Assert.Null(seeker.PasswordHash);
        Assert.Null(seeker.MyPageOpenedAt);
    }

    [Fact, Trait("Rule", "ACC-12")]
    public void Staff_suspend_a_login_with_a_reason_and_lift_it_but_not_one_that_is_not_suspended()
    {
        var seeker = CounterSeeker();
        Assert.Equal("accounts.suspend.not-suspended", Refusal(seeker.LiftSuspension));

        seeker.Suspend("規約違反", Now);
        Assert.Equal("規約違反", seeker.SuspensionReason);
        Assert.False(seeker.HasValidRegistration(Now));

        seeker.LiftSuspension();
        Assert.Null(seeker.SuspendedAt);
        Assert.Null(seeker.SuspensionReason);
    }

    [Fact, Trait("Rule", "ACC-12")]
    public void A_staff_login_cannot_be_suspended() =>
        Assert.Equal("accounts.error.not-seeker", Refusal(() => AppUser.Create(UserKind.Staff, "st@example.jp", "職員", Now).Suspend("理由", Now)));
}
