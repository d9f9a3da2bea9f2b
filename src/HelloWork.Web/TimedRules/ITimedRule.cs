using HelloWork.Web.Data;

namespace HelloWork.Web.TimedRules;

/// <summary>
/// A rule that acts when time passes (an auth key expires, a draft is warned about on day 7 ...),
/// with nobody logged in. RunAsync is called often; it finds what is due at <paramref name="now"/>
/// from the data itself and records what it did in the same save, so running it twice, after a
/// restart, or on two servers at once never acts twice.
/// </summary>
public interface ITimedRule
{
    /// <summary>Stable name; also the lease key that keeps two servers from running the rule at once.</summary>
    string Name { get; }

    /// <summary>Acts on everything due at <paramref name="now"/>; returns how many things it acted on.</summary>
    Task<int> RunAsync(AppDb db, DateTime now, CancellationToken ct);
}
