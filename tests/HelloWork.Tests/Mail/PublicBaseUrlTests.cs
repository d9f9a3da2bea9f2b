using HelloWork.Web.Mail;

namespace HelloWork.Tests.Mail;

/// <summary>
/// With no Mail:PublicBaseUrl, mail links use the address the server listens on (RunCommandTests
/// proves it on a real run); here, how each kind of listening address reads as a site address.
/// </summary>
public sealed class PublicBaseUrlTests
{
    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234")]
    [InlineData("http://[::]:8080", "http://localhost:8080")]
    [InlineData("http://+:8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:80", "http://localhost")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    [InlineData("http://localhost:5000,https://localhost:5001", "https://localhost:5001")]
    [InlineData("https://*:443", "https://localhost")]
    public void A_listening_address_becomes_the_site_address_a_browser_would_use(string listening, string expected) =>
        Assert.Equal(expected, PublicBaseUrl.FromAddresses(listening.Split(',')));

    [Fact]
    public void With_no_address_there_is_nothing_to_derive() =>
        Assert.Null(PublicBaseUrl.FromAddresses(["unix:/tmp/hellowork.sock"]));
}
