using Microsoft.Extensions.Time.Testing;

namespace HelloWork.Tests.Infrastructure;

/// <summary>Tests compare with the DateTime (UTC) the rules take, so the fake clock says it directly.</summary>
public static class ClockExtensions
{
    extension(FakeTimeProvider clock)
    {
        public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
    }
}
