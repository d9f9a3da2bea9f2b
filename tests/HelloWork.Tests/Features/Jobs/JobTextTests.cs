using HelloWork.Web.Features.Jobs;

namespace HelloWork.Tests.Features.Jobs;

public sealed class JobTextTests
{
    [Theory, Trait("Rule", "JOB-3")]
    [InlineData("ｶｲｺﾞ", "カイゴ")]
    [InlineData("ＰＣ", "pc")]
    [InlineData("Excel", "excel")]
    [InlineData("１２３", "123")]
    public void Width_and_case_variants_normalize_to_one_text(string typed, string normalized) =>
        Assert.Equal(normalized, JobText.Normalize(typed));

    [Fact, Trait("Rule", "JOB-3")]
    public void Every_two_character_piece_and_each_runs_last_character_is_a_token()
    {
        var tokens = JobText.Tokens(JobText.Normalize("介護職員（夜勤）、ＰＣ")).Split(' ');

        Assert.Equal(["介護", "護職", "職員", "員", "夜勤", "勤", "pc", "c"], tokens);
    }

    [Theory, Trait("Rule", "JOB-3")]
    [InlineData("夜", new[] { "夜" })]
    [InlineData("介護", new[] { "介護" })]
    [InlineData("介護職", new[] { "介護", "護職" })]
    public void A_search_word_needs_itself_when_short_and_its_bigrams_when_longer(string word, string[] tokens) =>
        Assert.Equal(tokens, JobText.QueryTokens(word));
}
