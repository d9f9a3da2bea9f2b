using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Offices;

/// <summary>
/// A Hello Work office (公共職業安定所). Every staff member belongs to one, and every establishment
/// and seeker to the office of their area. Its five-digit code is the first part of every job
/// number it gives (13010-12345678).
/// </summary>
public sealed class Office
{
    public int Id { get; private set; }
    /// <summary>Five digits: the prefecture's two, then the office's three (13010).</summary>
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string PrefectureCode { get; private set; } = "";
    /// <summary>The last job serial given; raised atomically in the database so that a serial never repeats.</summary>
    public long LastJobSerial { get; private set; }

    public static Office Create(string code, string name, string nameEn, string prefectureCode)
    {
        if (code.Length != 5 || !code.All(char.IsAsciiDigit) || !code.StartsWith(prefectureCode, StringComparison.Ordinal))
        {
            throw new ArgumentException($"An office code is five digits starting with its prefecture's code: {code}", nameof(code));
        }
        return new Office { Code = code, Name = name, NameEn = nameEn, PrefectureCode = prefectureCode };
    }
}

public sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> office)
    {
        office.ToTable("Offices");
        office.Property(o => o.Code).HasMaxLength(5);
        office.Property(o => o.Name).HasMaxLength(100);
        office.Property(o => o.NameEn).HasMaxLength(100);
        office.Property(o => o.PrefectureCode).HasMaxLength(2);
        office.HasIndex(o => o.Code).IsUnique();
        office.HasIndex(o => o.PrefectureCode);
    }
}
