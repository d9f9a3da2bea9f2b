namespace HelloWork.Web;

/// <summary>
/// SEC-1: the environment a person sets is the one that runs. `dotnet run` copies the launch
/// profile's environmentVariables over the shell's (so a profile that set ASPNETCORE_ENVIRONMENT
/// made `ASPNETCORE_ENVIRONMENT=Production dotnet run` run Development). The profile therefore
/// sets only <see cref="Variable"/>, and it counts only when no environment was given at all:
/// not ASPNETCORE_ENVIRONMENT, not DOTNET_ENVIRONMENT, not --environment.
/// </summary>
public static class DefaultEnvironment
{
    public const string Variable = "HELLOWORK_DEFAULT_ENVIRONMENT";

    /// <summary>The environment to run when none was given, or null to let the host decide as it always does.</summary>
    public static string? WhenNoneGiven(string[] args, Func<string, string?> variable)
    {
        var fromArgs = new ConfigurationBuilder().AddCommandLine(args).Build()[HostDefaults.EnvironmentKey];
        string?[] given = [fromArgs, variable("ASPNETCORE_ENVIRONMENT"), variable("DOTNET_ENVIRONMENT")];
        if (given.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            return null;
        }
        var fallback = variable(Variable);
        return string.IsNullOrWhiteSpace(fallback) ? null : fallback.Trim();
    }
}
