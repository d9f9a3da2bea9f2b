using HelloWork.Web.Features.Jobs;
using Microsoft.AspNetCore.WebUtilities;

namespace HelloWork.Tests.Features.Jobs;

/// <summary>JOB-3: what the search form sends, read without throwing; what cannot be used is named and kept as typed.</summary>
public sealed class JobSearchConditionsTests
{
    private static (JobSearchConditions Conditions, IReadOnlyList<JobSearchConditions.Error> Errors) Parse(string query) =>
        JobSearchConditions.Parse(QueryHelpers.ParseQuery(query));

    [Fact, Trait("Rule", "JOB-3")]
    public void Good_conditions_are_read_with_no_error_and_written_back_the_same()
    {
        var (c, errors) = Parse("kw=介護%E3%80%80夜勤&nkw=派遣&pref=13,27&city=13104&occ=08&sched=fulltime&type=regular&wage=250,000&unit=monthly&self=1&new=on&sort=deadline&size=50&page=2");
        Assert.Empty(errors);
        Assert.Equal(["介護", "夜勤"], c.Words);
        Assert.Equal("派遣", c.ExcludeWord);
        Assert.Equal(["13", "27"], c.PrefectureCodes);
        Assert.Equal((250_000, WageUnit.Monthly, true, true, JobSort.Deadline, 50, 2), (c.MinWage!.Value, c.WageUnit, c.SelfApplicationOnly, c.NewOnly, c.Sort, c.PageSize, c.Page));
        Assert.Equal(c.ToQueryString(), Parse(c.ToQueryString()).Conditions.ToQueryString());
    }

    [Fact, Trait("Rule", "JOB-3")]
    public void A_keyword_of_51_characters_is_refused_and_kept_as_typed()
    {
        var typed = new string('介', 51);
        var (c, errors) = Parse("kw=" + Uri.EscapeDataString(typed));
        Assert.Equal([new JobSearchConditions.Error("kw", "search.error.keywords-too-long")], errors);
        Assert.Null(c.Keywords);
        Assert.Equal(typed, c.Raw["kw"]);
        Assert.Empty(Parse("kw=" + Uri.EscapeDataString(typed[..50])).Errors);
    }

    [Theory, Trait("Rule", "JOB-3")]
    [InlineData("pref=48", "pref", "search.error.unknown-prefecture")]
    [InlineData("pref=13,14,27,01", "pref", "search.error.too-many-prefectures")]
    [InlineData("city=99999", "city", "search.error.unknown-city")]
    [InlineData("occ=99", "occ", "search.error.unknown-occupation")]
    [InlineData("no=13010-123", "no", "search.error.job-number-format")]
    [InlineData("no=1301012345678", "no", "search.error.job-number-format")]
    [InlineData("wage=abc", "wage", "search.error.wage")]
    [InlineData("size=20", "size", "search.error.page-size")]
    [InlineData("page=0", "page", "search.error.page")]
    [InlineData("sort=2", "sort", "search.error.sort")]
    [InlineData("nkw=a%20b", "nkw", "search.error.one-exclusion")]
    public void Bad_input_is_named_by_field_and_the_raw_value_is_kept(string query, string field, string key)
    {
        var (c, errors) = Parse(query);
        Assert.Contains(new JobSearchConditions.Error(field, key), errors);
        Assert.True(c.Raw.ContainsKey(field));
        Assert.Equal(QueryHelpers.ParseQuery(query)[field].ToString(), c.Raw[field]);
    }

    [Fact, Trait("Rule", "JOB-3")]
    public void Full_width_job_numbers_are_read_as_half_width()
    {
        var (c, errors) = Parse("no=" + Uri.EscapeDataString("１３０１０－１２３４５６７８"));
        Assert.Empty(errors);
        Assert.Equal(["13010-12345678"], c.JobNumbers);
    }
}
