using HelloWork.Web.Http;

namespace HelloWork.Tests.Http;

/// <summary>SEC-2: the one check every return URL goes through (no server needed).</summary>
public sealed class ReturnUrlTests
{
    [Theory, Trait("Rule", "SEC-2")]
    [InlineData("/\t/evil.example/phish")] // what the outside probe found: browsers drop the tab
    [InlineData("/\r\n/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r/evil.example")]
    [InlineData("/mypage\r\nSet-Cookie: a=b")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("/mypage\\..\\..\\evil")]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/phish")]
    [InlineData("///evil.example")]
    [InlineData("/%2F/evil.example")]
    [InlineData("/%2f%2fevil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0D%0A/evil.example")]
    [InlineData("/%252F/evil.example")] // encoded twice
    [InlineData("/%25252F/evil.example")] // encoded three times
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%09%2Fevil.example%2Fphish")]
    [InlineData("http://evil.example/")]
    [InlineData("https://evil.example/phish")]
    [InlineData("HTTPS://evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("evil.example")]
    [InlineData(" /mypage")]
    [InlineData("/my page")]
    [InlineData("/求人")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_path_of_this_site_falls_back_to_the_home_page(string? url)
    {
        Assert.False(ReturnUrl.IsLocalPath(url));
        Assert.Equal("/mypage", ReturnUrl.OrHome(url, "/mypage"));
    }

    [Fact, Trait("Rule", "SEC-2")]
    public void A_value_longer_than_any_link_of_ours_falls_back_to_the_home_page() =>
        Assert.Equal("/staff", ReturnUrl.OrHome("/notices?q=" + new string('a', ReturnUrl.MaxLength), "/staff"));

    [Theory, Trait("Rule", "SEC-2")]
    [InlineData("/")]
    [InlineData("/notices")]
    [InlineData("/messages/42")]
    [InlineData("/notices?page=2")]
    [InlineData("/messages/search?q=%E6%97%A5%E6%9C%AC&page=2")]
    [InlineData("/staff/notices/new?to=seeker%40test.example")]
    [InlineData("/messages/search?q=%2F%2Fnot-a-host")] // "//" inside a query value is data
    [InlineData("/messages/search?q=a%0Ab")] // so is an encoded newline there
    [InlineData("/mypage#notices")]
    [InlineData("/%E6%B1%82%E4%BA%BA")] // an encoded Japanese path
    public void A_path_of_this_site_is_kept_with_its_query(string url)
    {
        Assert.True(ReturnUrl.IsLocalPath(url));
        Assert.Equal(url, ReturnUrl.OrHome(url, "/mypage"));
    }
}
