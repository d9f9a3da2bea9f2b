using System.Diagnostics;
using System.Runtime;

namespace HelloWork.BenchHost;

/// <summary>/bench/gc: a full compacting collection, then the managed heap and the process's resident memory.</summary>
public static class BenchStats
{
    public static IResult Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return Results.Ok(new { heap = GC.GetTotalMemory(false), rss = process.WorkingSet64 });
    }
}
