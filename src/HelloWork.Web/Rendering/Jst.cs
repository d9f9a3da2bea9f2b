namespace HelloWork.Web.Rendering;

/// <summary>Japan Standard Time. Japan keeps no daylight saving, so a fixed +09:00 is exact.</summary>
public static class Jst
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static DateTimeOffset ToJst(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);
}
