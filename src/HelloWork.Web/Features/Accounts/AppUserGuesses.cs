namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// SEC-5, ACC-13: wrong one-time sign-in codes are counted per login across rounds. A new code
/// (every right password mails one) does not start the count again; only a right code or a password
/// reset does. After <see cref="MaxWrongCodes"/> the login locks as for wrong passwords (ACC-3):
/// for <see cref="LockoutTime"/>, never for good, and a password reset ends it at once. The count
/// is in the database, so a restart or another instance does not forget it.
/// </summary>
public sealed partial class AppUser
{
    public const int MaxWrongCodes = 5;

    /// <summary>Wrong sign-in codes since the last right one, the last password reset or the last lock.</summary>
    public int WrongSignInCodes { get; private set; }

    public void RecordWrongCode(DateTime now)
    {
        WrongSignInCodes++;
        if (WrongSignInCodes >= MaxWrongCodes)
        {
            LockoutEnd = new DateTimeOffset(now + LockoutTime, TimeSpan.Zero);
            WrongSignInCodes = 0;
        }
    }

    /// <summary>The right code finished the sign-in: every count of failures starts again.</summary>
    public void RecordRightCode() => EndLockout();

    /// <summary>ACC-3: a password reset by mailed key ends any lock, of passwords and of codes.</summary>
    public void EndLockout()
    {
        AccessFailedCount = 0;
        WrongSignInCodes = 0;
        LockoutEnd = null;
    }
}
