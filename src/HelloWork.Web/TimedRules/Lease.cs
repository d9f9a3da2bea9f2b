using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.TimedRules;

/// <summary>Who runs a timed rule right now: one row per rule, taken with a conditional update.</summary>
public sealed class Lease
{
    public string Name { get; private set; } = "";
    public string Holder { get; private set; } = "";
    public DateTime Until { get; private set; }

    /// <summary>An instant long past: the lease is free.</summary>
    public static readonly DateTime Free = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Lease Create(string name) => new() { Name = name, Holder = "", Until = Free };
}

public sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> lease)
    {
        lease.ToTable("Leases");
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(64);
        lease.Property(l => l.Holder).HasMaxLength(64);
    }
}
