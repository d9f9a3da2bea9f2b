using System.Security.Cryptography;
using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// A seeker's profile (求職情報, PRO-1) and its publication (求職公開, PRO-2). The fields live in
/// one JSON document (<see cref="ProfileDocument"/>), so a new field is no schema change; beside it
/// are the columns other features filter and join on. Employers reach a published profile by its
/// <see cref="PublicId"/>, a random id that says nothing about the account.
/// </summary>
public sealed class SeekerProfile
{
    public const int PublicIdLength = 22;

    public Guid UserId { get; private set; }
    public string PublicId { get; private set; } = "";
    public bool IsPublished { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>When the seeker last changed what the profile says.</summary>
    public DateTime UpdatedAt { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    /// <summary>Each change counts one up; a save that started from an older version is retried (two tabs, two sections).</summary>
    public int Version { get; private set; }
    public string Document { get; private set; } = ProfileDocument.Empty.ToJson();

    private ProfileDocument? _read;

    public ProfileDocument Read() => _read ??= ProfileDocument.Parse(Document);

    public ProfileValues Values => Read().Values;

    /// <summary>
    /// ACC-9: why the seeker may not change the profile now (a text key), or null. The one check
    /// every change to a profile goes through; APP-9's restriction after no-shows belongs here too.
    /// Reading stays possible.
    /// </summary>
    public static string? EditRefusal(AppUser seeker, DateTime now)
    {
        if (seeker.Kind != UserKind.Seeker) return "profiles.error.not-seeker";
        return seeker.HasValidRegistration(now) ? null : "accounts.error.registration-invalid";
    }

    public static void EnsureMayEdit(AppUser seeker, DateTime now)
    {
        if (EditRefusal(seeker, now) is { } refusal) throw new DomainException(refusal);
    }

    /// <summary>The profile begins with what the seeker's registration said (pre-filled, never typed twice).</summary>
    public static SeekerProfile Start(AppUser seeker, ProfileValues values, DateTime now)
    {
        EnsureMayEdit(seeker, now);
        return new SeekerProfile
        {
            UserId = seeker.Id,
            PublicId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)),
            CreatedAt = now,
            UpdatedAt = now,
            Document = new ProfileDocument(values with { }, []).ToJson(),
        };
    }

    /// <summary>
    /// One section saved: its values (checked by <see cref="ProfileChecks"/>) and which of its
    /// optional items are shown. Only an optional item can be shown: asking to show any other is refused.
    /// </summary>
    public void Edit(ProfileSection section, ProfileValues values, IReadOnlySet<string> shown, AppUser seeker, DateTime now)
    {
        EnsureOwner(seeker);
        EnsureMayEdit(seeker, now);
        if (shown.FirstOrDefault(key => !section.Items.Any(i => i.Key == key && i.IsOptional)) is not null)
        {
            throw new DomainException("profiles.error.never-public");
        }
        var document = Read();
        var merged = document.Values with { };
        foreach (var input in section.Inputs)
        {
            input.Set(merged, input.Get(values));
        }
        var keep = document.Shown.Where(key => !section.Items.Any(i => i.Key == key));
        Write(new ProfileDocument(merged, [.. keep.Concat(shown).Order(StringComparer.Ordinal)]));
        UpdatedAt = now;
    }

    /// <summary>PRO-2: published, employers may see it; only with what they search by (desired job and place, education).</summary>
    public void Publish(AppUser seeker, DateTime now)
    {
        EnsureOwner(seeker);
        EnsureMayEdit(seeker, now);
        if (IsPublished) throw new DomainException("profiles.error.already-published");
        if (ProfileFields.NeededToPublish.Any(name => string.IsNullOrWhiteSpace(ProfileFields.Item(name)!.Inputs[0].Get(Values))))
        {
            throw new DomainException("profiles.error.incomplete");
        }
        IsPublished = true;
        PublishedAt = now;
        Version++;
    }

    /// <summary>
    /// PRO-2: private again, at once. Allowed while the registration is invalid too (ACC-9 stops
    /// changes, but taking one's data out of view must never be blocked).
    /// </summary>
    public void Unpublish(AppUser seeker)
    {
        EnsureOwner(seeker);
        if (!IsPublished) throw new DomainException("profiles.error.already-private");
        IsPublished = false;
        PublishedAt = null;
        Version++;
    }

    /// <summary>Employers see a profile only while it is published and the registration behind it is valid (not lapsed, withdrawn or suspended).</summary>
    public bool IsVisibleToEmployers(AppUser seeker, DateTime now) => IsPublished && seeker.Id == UserId && seeker.HasValidRegistration(now);

    private void EnsureOwner(AppUser seeker)
    {
        if (seeker.Id != UserId) throw new DomainException("profiles.error.not-seeker");
    }

    private void Write(ProfileDocument document)
    {
        Document = document.ToJson();
        _read = document;
        Version++;
    }
}

public sealed class SeekerProfileConfiguration : IEntityTypeConfiguration<SeekerProfile>
{
    public void Configure(EntityTypeBuilder<SeekerProfile> profile)
    {
        profile.ToTable("SeekerProfiles");
        profile.HasKey(p => p.UserId);
        profile.Property(p => p.PublicId).HasMaxLength(SeekerProfile.PublicIdLength);
        profile.HasIndex(p => p.PublicId).IsUnique();
        // The later search of published seekers (REQ-1) walks this.
        profile.HasIndex(p => new { p.IsPublished, p.UpdatedAt });
        profile.Property(p => p.Version).IsConcurrencyToken();
        profile.Property(p => p.Document).IsJsonDocument();
        profile.HasOne<AppUser>().WithOne().HasForeignKey<SeekerProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        profile.Ignore(p => p.Values);
    }
}
