using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Accounts;

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
        Kind != UserKind.Seeker || (RegistrationValidUntil is { } until && now <= until);

    public static AppUser Create(UserKind kind, string email, string displayName, DateTime now) => new()
    {
        // A registration filed now is valid to the end of the second month after (翌々月末).
        RegistrationValidUntil = kind == UserKind.Seeker ? Jobs.Job.EndOfSecondMonthAfter(now) : null,
        Id = Guid.CreateVersion7(now),
        Kind = kind,
        Email = email,
        UserName = email,
        DisplayName = displayName,
        CreatedAt = now,
        EmailConfirmed = true,
        SecurityStamp = Guid.NewGuid().ToString("N"),
    };
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.HasIndex(u => u.Kind);
        user.HasIndex(u => u.EstablishmentId);
        user.HasOne<Jobs.Establishment>().WithMany().HasForeignKey(u => u.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
