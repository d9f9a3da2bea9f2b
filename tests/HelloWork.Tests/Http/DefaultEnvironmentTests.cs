using HelloWork.Web;

namespace HelloWork.Tests.Http;

/// <summary>
/// `dotnet run` puts the launch profile's variables over the shell's, so the profile names only a
/// default (HELLOWORK_DEFAULT_ENVIRONMENT); every way of giving an environment wins over it.
/// </summary>
public sealed class DefaultEnvironmentTests
{
    private static string? Choose(string[] args, params (string Name, string Value)[] variables) =>
        DefaultEnvironment.WhenNoneGiven(args, name => variables.FirstOrDefault(v => v.Name == name).Value);

    private static readonly (string, string) LaunchProfile = (DefaultEnvironment.Variable, "Development");

    [Fact, Trait("Rule", "SEC-1")]
    public void The_launch_profile_makes_Development_the_default_when_nothing_is_given() =>
        Assert.Equal("Development", Choose([], LaunchProfile));

    [Theory, Trait("Rule", "SEC-1")]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public void An_environment_variable_from_the_shell_wins_over_the_launch_profile(string variable) =>
        Assert.Null(Choose([], LaunchProfile, (variable, "Production")));

    [Theory, Trait("Rule", "SEC-1")]
    [InlineData("--environment", "Production")]
    [InlineData("--environment=Production")]
    [InlineData("/environment", "Production")]
    [InlineData("--ENVIRONMENT", "Staging")]
    public void An_environment_on_the_command_line_wins_over_the_launch_profile(params string[] args) =>
        Assert.Null(Choose(args, LaunchProfile));

    [Fact, Trait("Rule", "SEC-1")]
    public void Without_the_launch_profile_nothing_is_chosen_so_the_host_runs_Production() =>
        Assert.Null(Choose([]));
}
