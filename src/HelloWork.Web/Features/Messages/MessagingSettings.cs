using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Messages;

/// <summary>A person's messaging choices: read receipts (BEY-3, on by default) and the unread digest (BEY-4, off by default).</summary>
public sealed class MessagingSettings
{
    public Guid UserId { get; private set; }
    public bool ReadReceipts { get; set; } = true;
    public bool DigestOptIn { get; set; }
    public DateTime? LastDigestAt { get; set; }

    public static MessagingSettings Default(Guid userId) => new() { UserId = userId };
}

public sealed class MessagingSettingsConfiguration : IEntityTypeConfiguration<MessagingSettings>
{
    public void Configure(EntityTypeBuilder<MessagingSettings> settings)
    {
        settings.ToTable("MessagingSettings");
        settings.HasKey(s => s.UserId);
        settings.HasIndex(s => new { s.DigestOptIn, s.LastDigestAt });
        settings.HasOne<Accounts.AppUser>().WithOne().HasForeignKey<MessagingSettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
