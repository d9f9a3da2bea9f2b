using System.Text.Json;
using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Offices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Features.Jobs;

/// <summary>Draft → Submitted → Open (受理) or Returned (差し戻し) → … ; Open → Withdrawn or Invalid (無効).</summary>
public enum JobStatus { Draft = 1, Open = 2, Invalid = 3, Submitted = 4, Returned = 5, Withdrawn = 6 }

/// <summary>
/// A job (求人票, JOB-1). The posting is a JSON document (<see cref="JobPosting"/>); the columns
/// beside it are copies of what search filters, sorts or joins on, written only by <see cref="Edit"/>
/// so the two never disagree. Every transition takes the time and either happens or throws.
/// </summary>
public sealed class Job
{
    public long Id { get; private set; }
    /// <summary>求人番号, e.g. 13010-12345678: given on acceptance, never reused.</summary>
    public string? Number { get; private set; }
    public Guid EstablishmentId { get; private set; }
    /// <summary>The office whose staff accept the job: the establishment's.</summary>
    public int OfficeId { get; private set; }
    public JobStatus Status { get; private set; }
    public string Document { get; private set; } = "{}";

    public string Title { get; private set; } = "";
    public string? OccupationCode { get; private set; }
    public string? PrefectureCode { get; private set; }
    public string? CityCode { get; private set; }
    public JobSchedule? Schedule { get; private set; }
    public EmploymentType? EmploymentType { get; private set; }
    public int? WageMin { get; private set; }
    public int? WageMax { get; private set; }
    public WageUnit? WageUnit { get; private set; }
    public bool SelfApplication { get; private set; }
    public DateOnly? ReferralDeadline { get; private set; }
    /// <summary>
    /// JOB-1's "one job per occupation × workplace × employment type": the three in one value
    /// (null until all three are given), unique per establishment among jobs not withdrawn or invalid.
    /// </summary>
    public string? CombinationKey { get; private set; }

    /// <summary>Title, description and employer name, normalized (<see cref="JobText.Normalize"/>): the re-check of 3+ character words.</summary>
    public string SearchText { get; private set; } = "";
    /// <summary>The index tokens of <see cref="SearchText"/> (<see cref="JobText.Tokens"/>).</summary>
    public string SearchTokens { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public Guid? AcceptedBy { get; private set; }
    public DateTime? ValidUntil { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public string? ReturnReason { get; private set; }

    public JobPosting Posting => JsonSerializer.Deserialize<JobPosting>(Document) ?? new JobPosting();

    public bool IsEditable => Status is JobStatus.Draft or JobStatus.Returned;
    public bool IsPublicAt(DateTime now) => Status == JobStatus.Open && ValidUntil >= now;

    public static Job Start(Establishment establishment, int officeId, JobPosting posting, DateTime now)
    {
        var job = new Job { EstablishmentId = establishment.Id, OfficeId = officeId, Status = JobStatus.Draft, CreatedAt = now };
        job.Edit(posting, now);
        return job;
    }

    /// <summary>Saves the posting (a draft may be incomplete); JOB-2 holds at every save.</summary>
    public void Edit(JobPosting posting, DateTime now)
    {
        if (!IsEditable) throw new DomainException("jobs.error.not-editable");
        if (posting.WageMin is { } min && posting.WageMax is { } max && min > max) throw new DomainException("jobs.error.wage-range");
        if (posting.SelfApplication && !AllowsSelfApplication(posting)) throw new DomainException("jobs.error.self-application-not-allowed");
        Document = JsonSerializer.Serialize(posting);
        Title = posting.Title ?? "";
        OccupationCode = posting.OccupationCode;
        PrefectureCode = posting.PrefectureCode;
        CityCode = posting.CityCode;
        Schedule = posting.Schedule;
        EmploymentType = posting.EmploymentType;
        WageMin = posting.WageMin;
        WageMax = posting.WageMax;
        WageUnit = posting.WageUnit;
        SelfApplication = posting.SelfApplication;
        ReferralDeadline = posting.ReferralDeadline;
        CombinationKey = CombinationOf(posting);
        UpdatedAt = now;
    }

    public const int CombinationKeyMax = 250;

    /// <summary>The occupation, the employment type and the workplace (city and address, written any width or spacing).</summary>
    public static string? CombinationOf(JobPosting posting)
    {
        if (posting.OccupationCode is null || posting.EmploymentType is null || posting.CityCode is null) return null;
        var address = new string(JobText.Normalize(posting.WorkplaceNamed ? posting.Address : "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        var key = $"{posting.OccupationCode}|{(int)posting.EmploymentType}|{posting.CityCode}|{address}";
        return key.Length > CombinationKeyMax ? key[..CombinationKeyMax] : key;
    }

    /// <summary>The statuses in which a job holds its combination (not withdrawn, not invalid).</summary>
    public static readonly JobStatus[] HoldingCombination = [JobStatus.Draft, JobStatus.Open, JobStatus.Submitted, JobStatus.Returned];

    /// <summary>JOB-2: dispatch and contract jobs, and jobs that cannot name the workplace, never take self-application.</summary>
    public static bool AllowsSelfApplication(JobPosting posting) =>
        posting.WorkplaceNamed && posting.EmploymentType is not (Jobs.EmploymentType.Dispatch or Jobs.EmploymentType.Contract);

    public void Submit(DateTime now)
    {
        if (!IsEditable) throw new DomainException("jobs.error.not-editable");
        SubmittedAt = now;
        ReturnReason = null;
        Status = JobStatus.Submitted;
        UpdatedAt = now;
    }

    /// <summary>差し戻し: back to the employer with a reason they see.</summary>
    public void Return(string reason, DateTime now)
    {
        if (Status != JobStatus.Submitted) throw new DomainException("jobs.error.not-submitted");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("jobs.error.return-reason");
        ReturnReason = reason.Trim();
        Status = JobStatus.Returned;
        UpdatedAt = now;
    }

    /// <summary>受理: public from now to the end of the second month after (翌々月末), under its number.</summary>
    public void Accept(string number, Guid staffId, string employerName, DateTime now)
    {
        if (Status != JobStatus.Submitted) throw new DomainException("jobs.error.not-submitted");
        Number = number;
        AcceptedBy = staffId;
        AcceptedAt = now;
        ValidUntil = JapanTime.EndOfSecondMonthAfter(now);
        Status = JobStatus.Open;
        UpdatedAt = now;
        var posting = Posting;
        SearchText = JobText.Normalize(string.Join('\n', posting.Title, posting.Description, employerName));
        SearchTokens = JobText.Tokens(SearchText);
    }

    public void Withdraw(DateTime now)
    {
        if (Status != JobStatus.Open) throw new DomainException("jobs.error.not-open");
        Status = JobStatus.Withdrawn;
        ClosedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The timed rule: past its validity the job becomes invalid (無効).</summary>
    public void Expire(DateTime now)
    {
        if (Status != JobStatus.Open || ValidUntil >= now) throw new DomainException("jobs.error.still-valid");
        Status = JobStatus.Invalid;
        ClosedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The job number: the office's five digits and an eight-digit serial.</summary>
    public static string NumberOf(string officeCode, long serial) => $"{officeCode}-{serial:D8}";

    public static bool IsNumber(string? text) =>
        text is { Length: 14 } && text[5] == '-' && text[..5].All(char.IsAsciiDigit) && text[6..].All(char.IsAsciiDigit);
}

public sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> job)
    {
        job.ToTable("Jobs");
        job.Property(j => j.Number).HasMaxLength(14);
        job.Property(j => j.Document).IsJsonDocument();
        job.Property(j => j.Title).HasMaxLength(100);
        job.Property(j => j.OccupationCode).HasMaxLength(8);
        job.Property(j => j.PrefectureCode).HasMaxLength(2);
        job.Property(j => j.CityCode).HasMaxLength(5);
        job.Property(j => j.ReturnReason).HasMaxLength(1000);
        job.Property(j => j.CombinationKey).HasMaxLength(Job.CombinationKeyMax);
        job.Ignore(j => j.Posting);
        job.Ignore(j => j.IsEditable);
        job.HasIndex(j => j.Number).IsUnique();
        job.HasIndex(j => new { j.EstablishmentId, j.Id });
        job.HasIndex(j => new { j.OfficeId, j.Status, j.SubmittedAt });
        job.HasIndex(j => new { j.Status, j.AcceptedAt });
        job.HasIndex(j => new { j.Status, j.ReferralDeadline });
        job.HasIndex(j => new { j.Status, j.ValidUntil });
        // One job per occupation × workplace × employment type (JOB-1); the same SQL on SQLite and PostgreSQL.
        job.HasIndex(j => new { j.EstablishmentId, j.CombinationKey }).IsUnique()
            .HasFilter("\"CombinationKey\" IS NOT NULL AND \"Status\" IN (1, 2, 4, 5)")
            .HasDatabaseName("IX_Jobs_OneJobPerCombination");
        job.HasOne<Establishment>().WithMany().HasForeignKey(j => j.EstablishmentId).OnDelete(DeleteBehavior.Restrict);
        job.HasOne<Office>().WithMany().HasForeignKey(j => j.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}
