namespace HelloWork.Web.Features.Jobs;

/// <summary>求人区分: the schedule JOB-3 filters on (フルタイム / パート).</summary>
public enum JobSchedule { FullTime = 1, PartTime = 2 }

/// <summary>雇用形態 (JOB-1). Dispatch and contract jobs can never take self-application (JOB-2).</summary>
public enum EmploymentType { Regular = 1, NonRegular = 2, Dispatch = 3, Contract = 4, FixedTerm = 5 }

public enum WageUnit { Monthly = 1, Hourly = 2, Daily = 3, Annual = 4 }

/// <summary>応募書類の送付方法 (JOB-1); APP-2 allows uploads only with <see cref="MyPage"/>.</summary>
[Flags]
public enum DocumentMethods { None = 0, Post = 1, InPerson = 2, MyPage = 4 }

/// <summary>選考方法 (JOB-1).</summary>
[Flags]
public enum SelectionMethods { None = 0, Documents = 1, Interview = 2, WrittenTest = 4, Other = 8 }

/// <summary>
/// The posting as the employer filed it (求人票, JOB-1): one JSON document stored beside the
/// columns that search filters, sorts or joins on (<see cref="Job"/>), so that a new field here is
/// no schema change on either database. Every property is optional while it is a draft; submitting
/// checks completeness.
/// </summary>
public sealed record JobPosting
{
    public string? Title { get; init; }
    public string? OccupationCode { get; init; }
    public string? Description { get; init; }
    public string? PrefectureCode { get; init; }
    public string? CityCode { get; init; }
    public string? Address { get; init; }
    /// <summary>False when the actual workplace cannot be named (e.g. it changes per assignment): no self-application (JOB-2).</summary>
    public bool WorkplaceNamed { get; init; } = true;
    public JobSchedule? Schedule { get; init; }
    public EmploymentType? EmploymentType { get; init; }
    public int? WageMin { get; init; }
    public int? WageMax { get; init; }
    public WageUnit? WageUnit { get; init; }
    public string? HoursFrom { get; init; }
    public string? HoursTo { get; init; }
    public string? HoursNote { get; init; }
    public string? DaysOff { get; init; }
    public string? RequiredExperience { get; init; }
    public string? RequiredLicenses { get; init; }
    public int? Openings { get; init; }
    public DocumentMethods DocumentMethods { get; init; }
    public SelectionMethods SelectionMethods { get; init; }
    /// <summary>At most 300 characters (JOB-1).</summary>
    public string? SelectionNote { get; init; }
    public DateOnly? ReferralDeadline { get; init; }
    public bool SelfApplication { get; init; }
}
