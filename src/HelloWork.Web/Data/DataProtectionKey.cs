using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Data;

/// <summary>
/// The keys that protect sign-in cookies and antiforgery tokens, kept in the database so that a
/// restart does not sign everyone out and every instance behind one address reads the same cookies.
/// </summary>
public sealed class DataProtectionKey
{
    public long Id { get; private set; }
    public string FriendlyName { get; private set; } = "";
    public string Xml { get; private set; } = "";

    public static DataProtectionKey From(XElement element, string friendlyName) =>
        new() { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) };
}

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.ToTable("DataProtectionKeys");
        key.Property(k => k.FriendlyName).HasMaxLength(100);
    }
}

public sealed class DbXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        return db.Set<DataProtectionKey>().AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList()
            .Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.Set<DataProtectionKey>().Add(DataProtectionKey.From(element, friendlyName));
        db.SaveChanges();
    }
}
