using System.Globalization;
using System.Text;

namespace HelloWork.Bench;

/// <summary>The table: each figure beside its baseline from the same run, the ratio, the goal and whether it is met.</summary>
public sealed class Report
{
    private sealed record Row(string Section, string Figure, string Value, string Baseline, string Ratio, string Goal, string Met);

    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    public void Add(string section, string figure, string value, string baseline = "", double? ratio = null, string goal = "", bool? met = null)
    {
        var row = new Row(section, figure, value, baseline, ratio is { } r && !double.IsNaN(r) ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "",
            goal, met switch { true => "met", false => "**missed**", null => "" });
        lock (_rows) _rows.Add(row);
        Console.WriteLine($"  {section} | {figure} | {row.Value} | {row.Baseline} | {row.Ratio} | {row.Goal} | {row.Met}");
    }

    public void Note(string note)
    {
        lock (_notes) _notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    public string Markdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| section | figure | measured | baseline (same run) | ratio | goal | |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- |");
        foreach (var r in _rows) sb.AppendLine($"| {r.Section} | {r.Figure} | {r.Value} | {r.Baseline} | {r.Ratio} | {r.Goal} | {r.Met} |");
        if (_notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in _notes) sb.AppendLine($"- {n}");
        }
        return sb.ToString();
    }

    public static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms < 10 ? $"{ms:0.00} ms" : ms < 100 ? $"{ms:0.0} ms" : $"{ms:0} ms";
    public static string Kb(double bytes) => $"{bytes / 1024:0.0} KB";
    public static string N(double n) => n >= 100 ? n.ToString("#,0", CultureInfo.InvariantCulture) : n.ToString("0.0", CultureInfo.InvariantCulture);
}
