using HelloWork.Web.Data;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// SEC-6: what an online sign-up (a seeker's, ACC-2, or an employer's, ACC-10) does with the address
/// typed, in one place. The page answers the same either way; only mail differs, and mail reaches
/// only the address's owner: a new login gets its key, an existing one is told that someone tried.
/// </summary>
public static class SignUpAddress
{
    /// <summary>
    /// The login that holds <paramref name="email"/>, or null when the address is free for a new
    /// login. Free also means: a seeker withdrawn more than 30 days ago lets go of it (ACC-7), and
    /// an unfinished sign-up (its key never used) is forgotten, because whoever typed the address
    /// may not own it and must not keep the real owner from signing up.
    /// </summary>
    public static async Task<AppUser?> HolderAsync(AppDb db, string email, DateTime now, CancellationToken ct)
    {
        var existing = await AuthKeyFlow.FindByEmailAsync(db, email, ct);
        if (existing is null)
        {
            return null;
        }
        if (existing.IsUnprovenSignUp)
        {
            db.Users.Remove(existing); // its keys go with it
        }
        else if (!existing.ReleaseAddressForNewRegistration(now))
        {
            return existing;
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Tells the owner of an address in use that someone signed up with it (staff logins are not signed up online: no mail).</summary>
    public static async Task TellHolderAsync(AppDb db, AccountMails mails, AppUser holder, DateTime now, CancellationToken ct)
    {
        if (holder.Kind == UserKind.Staff)
        {
            return;
        }
        await mails.AccountExists(db, holder, now, ct);
        await db.SaveChangesAsync(ct);
        mails.Wake();
    }
}
