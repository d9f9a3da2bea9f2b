namespace HelloWork.Bench;

/// <summary>The conversing pairs, seeded once through the bench host; the last sequence number of each thread as the bench knows it.</summary>
public sealed class Pairs(Pair[] all)
{
    public Pair[] All => all;
    public Dictionary<long, long> LastSeq { get; } = [];

    public long Last(long thread) => LastSeq.GetValueOrDefault(thread);

    public static async Task<Pairs> SeedAsync(ServerProcess app, HttpClient http, int count)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var list = new List<Pair>();
        for (var from = 0; from < count; from += 100)
        {
            list.AddRange(await http.PostJsonAsync<Pair[]>(new Uri(app.BaseUrl, $"/bench/pairs?from={from}&count={Math.Min(100, count - from)}")));
        }
        Console.WriteLine($"  {count} pairs seeded and signed in in {started.Elapsed.TotalSeconds:0.0} s");
        return new Pairs(list.ToArray());
    }
}
