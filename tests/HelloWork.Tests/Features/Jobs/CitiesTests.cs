using HelloWork.Web.Domain;

namespace HelloWork.Tests.Features.Jobs;

public sealed class CitiesTests
{
    [Fact, Trait("Rule", "JOB-1")]
    public void The_city_list_loads_every_code_is_unique_five_digits_and_its_prefecture_exists()
    {
        Assert.True(Cities.All.Count > 1900, $"only {Cities.All.Count} municipalities");
        Assert.Equal(Cities.All.Count, Cities.All.Select(c => c.Code).Distinct().Count());
        Assert.All(Cities.All, c =>
        {
            Assert.Matches("^[0-9]{5}$", c.Code);
            Assert.NotNull(Prefectures.Find(c.PrefectureCode));
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
            Assert.False(string.IsNullOrWhiteSpace(c.NameEn));
        });
        Assert.All(Prefectures.All, p => Assert.NotEmpty(Cities.In(p.Code)));
    }

    [Theory, Trait("Rule", "JOB-1")]
    [InlineData("01100", "札幌市", "Sapporo")]
    [InlineData("01101", "札幌市中央区", "Sapporo Chuo")]
    [InlineData("13101", "千代田区", "Chiyoda")]
    [InlineData("13104", "新宿区", "Shinjuku")]
    [InlineData("13201", "八王子市", "Hachioji")]
    [InlineData("14100", "横浜市", "Yokohama")]
    [InlineData("22138", "浜松市中央区", "Hamamatsu Chuo")]
    [InlineData("23100", "名古屋市", "Nagoya")]
    [InlineData("27100", "大阪市", "Osaka")]
    [InlineData("27128", "大阪市中央区", "Osaka Chuo")]
    [InlineData("27203", "豊中市", "Toyonaka")]
    [InlineData("40130", "福岡市", "Fukuoka")]
    [InlineData("47201", "那覇市", "Naha")]
    public void Known_codes_name_the_right_municipality(string code, string name, string english)
    {
        var city = Cities.Find(code);
        Assert.NotNull(city);
        Assert.Equal((name, english), (city.Name, city.NameEn));
    }

    [Fact, Trait("Rule", "JOB-1")]
    public void A_prefectures_list_holds_only_its_own_municipalities_in_code_order()
    {
        var osaka = Cities.In("27").ToList();
        Assert.All(osaka, c => Assert.StartsWith("27", c.Code));
        Assert.Contains(osaka, c => c.Code == "27128");
        Assert.Equal(osaka.Select(c => c.Code).Order(StringComparer.Ordinal), osaka.Select(c => c.Code));
        Assert.Null(Cities.Find("22131")); // Hamamatsu's old 中区, gone since 2024
    }
}
