namespace HelloWork.Web.Domain;

/// <summary>
/// Japan Standard Time and the calendar rules Hello Work counts in. Japan keeps no daylight saving,
/// so a fixed +09:00 is exact. Instants are stored in UTC; months and days are Japan's.
/// </summary>
public static class JapanTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    /// <summary>The instant <paramref name="utc"/> as a Japan-time clock reading.</summary>
    public static DateTimeOffset ToJst(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);

    /// <summary>The Japan-time date of the instant <paramref name="utc"/>.</summary>
    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(ToJst(utc).DateTime);

    /// <summary>The last instant (UTC) of the Japan-time day <paramref name="day"/>.</summary>
    public static DateTime EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset).UtcDateTime.AddTicks(-1);

    /// <summary>
    /// The last instant (UTC) of the month <paramref name="months"/> after the Japan-time month of
    /// <paramref name="utc"/>: 1 is 翌月末, 2 is 翌々月末 (how long a registration or a job stays valid).
    /// </summary>
    public static DateTime EndOfMonthAfter(DateTime utc, int months)
    {
        var jst = ToJst(utc);
        var firstOfFollowing = new DateTimeOffset(jst.Year, jst.Month, 1, 0, 0, 0, Offset).AddMonths(months + 1);
        return firstOfFollowing.UtcDateTime.AddTicks(-1);
    }

    /// <summary>翌々月末: the end of the second month after the Japan-time month of <paramref name="utc"/>.</summary>
    public static DateTime EndOfSecondMonthAfter(DateTime utc) => EndOfMonthAfter(utc, 2);
}
