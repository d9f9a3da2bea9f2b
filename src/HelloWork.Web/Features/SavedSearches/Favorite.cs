using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>A job the seeker keeps (お気に入り, JOB-4). The job may close later; the favorite stays and says so.</summary>
public sealed class Favorite
{
    public const int MaxPerSeeker = 100;

    public Guid SeekerId { get; private set; }
    public long JobId { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>Only an open job can be added (a closed one is not on any list to add it from).</summary>
    public static Favorite Add(Guid seekerId, Job job, DateTime now)
    {
        if (!job.IsPublicAt(now)) throw new Domain.DomainException("savedsearches.error.favorite-closed");
        return new Favorite { SeekerId = seekerId, JobId = job.Id, CreatedAt = now };
    }
}

public sealed class FavoriteConfiguration : IEntityTypeConfiguration<Favorite>
{
    public void Configure(EntityTypeBuilder<Favorite> favorite)
    {
        favorite.ToTable("Favorites");
        favorite.HasKey(f => new { f.SeekerId, f.JobId });
        favorite.HasIndex(f => new { f.SeekerId, f.CreatedAt });
        favorite.HasIndex(f => f.JobId);
        favorite.HasOne<AppUser>().WithMany().HasForeignKey(f => f.SeekerId).OnDelete(DeleteBehavior.Cascade);
        favorite.HasOne<Job>().WithMany().HasForeignKey(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
