using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Rendering;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>ACC-8 extension by activity: the rule itself, on the entity (no database involved).</summary>
public sealed class RegistrationExtensionTests
{
    private static DateTime Jst(int y, int m, int d) => new DateTimeOffset(y, m, d, 12, 0, 0, JapanTime.Offset).UtcDateTime;

    [Fact, Trait("Rule", "ACC-8")]
    public void Activity_in_the_last_month_extends_the_registration_to_the_end_of_the_next_month()
    {
        var seeker = AppUser.Create(UserKind.Seeker, "x@test.example", "x", Jst(2026, 11, 24)); // valid to 2027-01-31 (JST)
        Assert.Equal(new DateTime(2027, 1, 31), JapanTime.ToJst(seeker.RegistrationValidUntil!.Value).Date);

        Assert.False(seeker.ExtendRegistrationForActivity(Jst(2026, 12, 20))); // not the last month yet
        Assert.True(seeker.ExtendRegistrationForActivity(Jst(2027, 1, 5)));

        Assert.Equal(new DateTime(2027, 2, 28), JapanTime.ToJst(seeker.RegistrationValidUntil!.Value).Date);
        Assert.True(seeker.HasValidRegistration(Jst(2027, 2, 28)));
        Assert.False(seeker.HasValidRegistration(Jst(2027, 3, 1)));
    }

    [Fact, Trait("Rule", "ACC-8")]
    public void A_lapsed_registration_is_not_extended_by_activity()
    {
        var seeker = AppUser.Create(UserKind.Seeker, "x@test.example", "x", Jst(2026, 11, 24));

        Assert.False(seeker.ExtendRegistrationForActivity(Jst(2027, 2, 1)));
    }
}
