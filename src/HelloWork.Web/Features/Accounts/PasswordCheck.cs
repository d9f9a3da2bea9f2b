using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// The one way a typed password is checked (sign-in, re-registration, account changes): exactly
/// one slow hash verification whether or not there is a login, a password or a lock, so neither
/// the answer's time nor the work done tells whether an address exists (SEC-6). A login without
/// a password (or none at all) is checked against a dummy hash made like every real one.
/// </summary>
public sealed class PasswordCheck(IPasswordHasher<AppUser> hasher, PasswordCheck.DummyHash dummy)
{
    /// <summary>True only for the login's own password. With <paramref name="user"/> null the same work is done and false returned.</summary>
    public bool Verify(AppUser? user, string? password)
    {
        var typed = password ?? "";
        if (user?.PasswordHash is not { } hash)
        {
            hasher.VerifyHashedPassword(new AppUser(), dummy.Value, typed);
            return false;
        }
        var result = hasher.VerifyHashedPassword(user, hash, typed);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, typed); // saved with the caller's change, as UserManager would
        }
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>
    /// A hash of a random password, made once with the app's hasher options but not through the
    /// registered hasher, so a test that counts the registered hasher's calls sees only real checks.
    /// </summary>
    public sealed class DummyHash(IOptions<PasswordHasherOptions> options)
    {
        private readonly Lazy<string> _value = new(() =>
            new PasswordHasher<AppUser>(options).HashPassword(new AppUser(), RandomNumberGenerator.GetHexString(32)));

        public string Value => _value.Value;
    }
}
