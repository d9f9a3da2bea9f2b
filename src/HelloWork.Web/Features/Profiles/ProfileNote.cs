using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Profiles;

/// <summary>
/// PRO-3: information Hello Work staff added to a seeker's registration (追記). The seeker sees it on
/// their profile page, marked as the staff's; employers never do. Notes are kept as written: a
/// correction is a new note.
/// </summary>
public sealed class ProfileNote
{
    public const int BodyMax = 1000;

    public long Id { get; private set; }
    public Guid SeekerId { get; private set; }
    public Guid StaffId { get; private set; }
    public string Body { get; private set; } = "";
    public DateTime AddedAt { get; private set; }

    public static ProfileNote Add(AppUser staff, AppUser seeker, string body, DateTime now)
    {
        if (staff.Kind != UserKind.Staff) throw new DomainException("profiles.error.only-staff");
        if (seeker.Kind != UserKind.Seeker) throw new DomainException("profiles.error.not-seeker");
        body = body.Trim().ReplaceLineEndings("\n");
        if (body.Length == 0) throw new DomainException("profiles.error.note-required");
        if (body.Length > BodyMax) throw new DomainException("profiles.error.note-too-long");
        return new ProfileNote { SeekerId = seeker.Id, StaffId = staff.Id, Body = body, AddedAt = now };
    }
}

public sealed class ProfileNoteConfiguration : IEntityTypeConfiguration<ProfileNote>
{
    public void Configure(EntityTypeBuilder<ProfileNote> note)
    {
        note.ToTable("ProfileNotes");
        note.Property(n => n.Body).HasMaxLength(ProfileNote.BodyMax);
        note.HasIndex(n => new { n.SeekerId, n.Id });
        note.HasIndex(n => n.StaffId);
        note.HasOne<AppUser>().WithMany().HasForeignKey(n => n.SeekerId).OnDelete(DeleteBehavior.Cascade);
        note.HasOne<AppUser>().WithMany().HasForeignKey(n => n.StaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
