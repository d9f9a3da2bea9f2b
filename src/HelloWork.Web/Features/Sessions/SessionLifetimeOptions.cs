namespace HelloWork.Web.Features.Sessions;

/// <summary>How long a sign-in lasts (SEC-4). Section "Sessions".</summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Sessions";

    /// <summary>Sliding: a sign-in not used for this long ends (renewed as the person keeps using the site).</summary>
    public int SlidingMinutes { get; set; } = 120;

    /// <summary>Absolute: however active, a sign-in ends this long after it began.</summary>
    public int AbsoluteHours { get; set; } = 12;

    /// <summary>"Last seen" is written at most this often per session, not on every request.</summary>
    public int LastSeenEveryMinutes { get; set; } = 5;

    public TimeSpan Sliding => TimeSpan.FromMinutes(SlidingMinutes);
    public TimeSpan Absolute => TimeSpan.FromHours(AbsoluteHours);
    public TimeSpan LastSeenEvery => TimeSpan.FromMinutes(LastSeenEveryMinutes);
}
