using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Accounts;

/// <summary>An establishment (事業所) with its number; several employer logins can belong to one (ACC-10).</summary>
public sealed class Establishment
{
    public Guid Id { get; private set; }
    /// <summary>事業所番号, e.g. 1301-123456-7.</summary>
    public string Number { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Prefecture { get; private set; } = "";
    public string City { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>The Hello Work office of the establishment's area: its staff accept the establishment's jobs.</summary>
    public int? OfficeId { get; private set; }

    public void AssignOffice(int officeId) => OfficeId = officeId;

    public static Establishment Create(string number, string name, string prefecture, string city, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Number = number,
        Name = name,
        Prefecture = prefecture,
        City = city,
        CreatedAt = now,
    };
}

public sealed class EstablishmentConfiguration : IEntityTypeConfiguration<Establishment>
{
    public void Configure(EntityTypeBuilder<Establishment> e)
    {
        e.ToTable("Establishments");
        e.Property(x => x.Number).HasMaxLength(20);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Prefecture).HasMaxLength(10);
        e.Property(x => x.City).HasMaxLength(50);
        e.HasIndex(x => x.Number).IsUnique();
        e.HasOne<HelloWork.Web.Features.Offices.Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
