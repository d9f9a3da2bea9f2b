using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelloWork.Web.Data;

/// <summary>
/// The one DbContext every feature injects. Features keep their mapping in an
/// IEntityTypeConfiguration next to the entity and use Set&lt;T&gt;(), so adding a feature does not
/// touch this file. It is abstract because each database has its own subclass
/// (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>): EF keeps one migrations set per context
/// type, and the two databases need different column types.
/// </summary>
public abstract class AppDb(DbContextOptions options) : IdentityUserContext<AppUser, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys behind sign-in cookies and antiforgery tokens: shared by every instance, kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Set on a request's own context: its connection, once opened, stays open until the context is disposed (<see cref="RequestConnection"/>).</summary>
    public bool KeepsConnection { get; set; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Every instant is UTC. SQLite hands DateTime back as Unspecified; PostgreSQL's
        // timestamptz insists on Utc. One converter makes both say Utc.
        conventions.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        conventions.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
