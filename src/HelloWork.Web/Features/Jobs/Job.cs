using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Jobs;

public enum EmploymentType { FullTime = 1, PartTime = 2, Dispatch = 3, Contract = 4, FixedTerm = 5 }
public enum WageUnit { Monthly = 1, Hourly = 2, Daily = 3, Annual = 4 }
public enum JobStatus { Draft = 1, Open = 2, Invalid = 3 }

/// <summary>
/// A job posting (求人票). This issue keeps what the demo data and the employer's home need;
/// filing, acceptance by staff and search (JOB-1..4) build on it.
/// </summary>
public sealed class Job
{
    public long Id { get; private set; }
    /// <summary>求人番号, e.g. 13010-12345678.</summary>
    public string Number { get; private set; } = "";
    public Guid EstablishmentId { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Prefecture { get; private set; } = "";
    public string City { get; private set; } = "";
    public EmploymentType EmploymentType { get; private set; }
    public int WageMin { get; private set; }
    public int WageMax { get; private set; }
    public WageUnit WageUnit { get; private set; }
    public JobStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public DateTime? ValidUntil { get; private set; }

    public static Job Draft(Establishment establishment, string number, string title, string description,
        EmploymentType type, int wageMin, int wageMax, WageUnit unit, DateTime now)
    {
        if (wageMin < 0 || wageMax < wageMin)
        {
            throw new DomainException("jobs.error.wage-range");
        }
        return new Job
        {
            Number = number,
            EstablishmentId = establishment.Id,
            Title = title,
            Description = description,
            Prefecture = establishment.Prefecture,
            City = establishment.City,
            EmploymentType = type,
            WageMin = wageMin,
            WageMax = wageMax,
            WageUnit = unit,
            Status = JobStatus.Draft,
            CreatedAt = now,
        };
    }

    /// <summary>Staff accept (受理) the job: it opens and stays valid to the end of the second month after (翌々月末).</summary>
    public void Accept(DateTime now)
    {
        if (Status != JobStatus.Draft)
        {
            throw new DomainException("jobs.error.not-draft");
        }
        Status = JobStatus.Open;
        AcceptedAt = now;
        ValidUntil = JapanTime.EndOfSecondMonthAfter(now);
    }

}

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> job)
    {
        job.ToTable("Jobs");
        job.Property(j => j.Number).HasMaxLength(20);
        job.Property(j => j.Title).HasMaxLength(100);
        job.Property(j => j.Description).HasMaxLength(4000);
        job.Property(j => j.Prefecture).HasMaxLength(10);
        job.Property(j => j.City).HasMaxLength(50);
        job.HasIndex(j => j.Number).IsUnique();
        job.HasIndex(j => new { j.EstablishmentId, j.Id });
        job.HasIndex(j => new { j.Status, j.AcceptedAt });
        job.HasOne<Establishment>().WithMany().HasForeignKey(j => j.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
