using System.Text;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// How job text is made searchable (JOB-3), once at write time: NFKC then lower case, so that
/// ｶｲｺﾞ and カイゴ, ＰＣ and pc are one text; then every two-character piece of every run of letters
/// and digits, plus each run's last character, as space-separated tokens. A two-character word is
/// then one exact token, a one-character word a token prefix, a longer word the AND of its pieces
/// re-checked on the normalized text (../shared/STACK.md, "Japanese search").
/// </summary>
public static class JobText
{
    public static string Normalize(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>The runs of letters and digits of already normalized text.</summary>
    public static IEnumerable<string> Runs(string normalized)
    {
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var inRun = i < normalized.Length && char.IsLetterOrDigit(normalized[i]);
            if (inRun && start < 0) start = i;
            else if (!inRun && start >= 0)
            {
                yield return normalized[start..i];
                start = -1;
            }
        }
    }

    /// <summary>The distinct index tokens of already normalized text, space-separated, in first-seen order.</summary>
    public static string Tokens(string normalized)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new StringBuilder();
        foreach (var run in Runs(normalized))
        {
            for (var i = 0; i + 1 < run.Length; i++)
            {
                Add(run.Substring(i, 2));
            }
            Add(run[^1..]);
        }
        return tokens.ToString();

        void Add(string token)
        {
            if (seen.Add(token))
            {
                if (tokens.Length > 0) tokens.Append(' ');
                tokens.Append(token);
            }
        }
    }

    /// <summary>The pieces a search word must all have: itself when one or two characters, else its bigrams.</summary>
    public static IReadOnlyList<string> QueryTokens(string normalizedWord) =>
        normalizedWord.Length <= 2
            ? [normalizedWord]
            : Enumerable.Range(0, normalizedWord.Length - 1).Select(i => normalizedWord.Substring(i, 2)).Distinct(StringComparer.Ordinal).ToList();
}
