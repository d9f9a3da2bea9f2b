using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Messages;

/// <summary>A seeker blocks an establishment: its logins can no longer post to the seeker (MSG-6). Reused by direct requests.</summary>
public sealed class Block
{
    public Guid SeekerId { get; private set; }
    public Guid EstablishmentId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static Block Create(Guid seekerId, Guid establishmentId, DateTime now) =>
        new() { SeekerId = seekerId, EstablishmentId = establishmentId, CreatedAt = now };
}

public sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> block)
    {
        block.ToTable("Blocks");
        block.HasKey(b => new { b.SeekerId, b.EstablishmentId });
        block.HasIndex(b => b.EstablishmentId);
        block.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(b => b.SeekerId).OnDelete(DeleteBehavior.Cascade);
        block.HasOne<Accounts.Establishment>().WithMany().HasForeignKey(b => b.EstablishmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
