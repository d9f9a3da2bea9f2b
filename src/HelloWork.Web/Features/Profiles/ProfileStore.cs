using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// Reading a seeker's profile, and changing it safely. A seeker who has never saved one (a counter
/// registration, or a MyPage older than this feature) sees what their registration said (ACC-2):
/// the profile row is made with the first change.
/// </summary>
public static class ProfileStore
{
    public sealed record Loaded(SeekerProfile? Profile, ProfileDocument Document);

    public static async Task<Loaded> LoadAsync(AppDb db, Guid seekerId, CancellationToken ct)
    {
        var profile = await db.Set<SeekerProfile>().AsNoTracking().SingleOrDefaultAsync(p => p.UserId == seekerId, ct);
        return profile is not null ? new(profile, profile.Read()) : new(null, new ProfileDocument(await PrefillAsync(db, seekerId, ct), []));
    }

    /// <summary>What the filed registration (求職申込み) already says, so nothing is typed twice.</summary>
    public static async Task<ProfileValues> PrefillAsync(AppDb db, Guid seekerId, CancellationToken ct)
    {
        var registration = await db.Set<SeekerRegistration>().AsNoTracking().SingleOrDefaultAsync(r => r.UserId == seekerId && r.FiledAt != null, ct);
        return registration is null ? new ProfileValues() : FromRegistration(registration.Read());
    }

    public static ProfileValues FromRegistration(FileRegistration.Form r) => new()
    {
        Address = Given(r.Prefecture),
        Phone = Given(r.Phone),
        DesiredJob = Given(r.DesiredJob),
        DesiredPlace = Given(r.DesiredPlace),
        EmploymentType = Given(r.EmploymentType),
        WageMin = Given(r.WageMin),
        WageUnit = Given(r.WageUnit),
        HoursFrom = Given(r.HoursFrom),
        HoursTo = Given(r.HoursTo),
        Education = Given(r.Education),
        Licenses = Given(r.Licenses),
        MainJobs = Given(r.Career),
        Disability = Given(r.DisabilityNote),
        AppealPoints = Given(r.SelfPr),
    };

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Loads the seeker's profile (or starts it from the registration), applies <paramref name="change"/>
    /// and saves. When another save of the same profile came in between (a second tab, another
    /// section), it starts again from what that one stored, so neither is lost.
    /// </summary>
    public static async Task<SeekerProfile> ChangeAsync(AppDb db, AppUser seeker, DateTime now, Action<SeekerProfile> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var profile = await db.Set<SeekerProfile>().SingleOrDefaultAsync(p => p.UserId == seeker.Id, ct);
            if (profile is null)
            {
                profile = SeekerProfile.Start(seeker, await PrefillAsync(db, seeker.Id, ct), now);
                db.Add(profile);
            }
            change(profile);
            try
            {
                await db.SaveChangesAsync(ct);
                return profile;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A concurrency conflict, or the same first row made by the other save: read it again.
                db.Entry(profile).State = EntityState.Detached;
            }
        }
    }
}
