using HelloWork.Web;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Development for `dotnet run` only when no environment was given (see DefaultEnvironment).
    EnvironmentName = DefaultEnvironment.WhenNoneGiven(args, Environment.GetEnvironmentVariable),
    // wwwroot/ sits at the top of the repo and is copied next to the app by the build.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddHelloWork();
if (HelloWork.Web.Features.Jobs.GenerateJobs.IsCommand(args))
{
    // A command of the app, not the server: `generate-jobs --count N --seed S` (see README).
    await using var host = builder.Build();
    return await HelloWork.Web.Features.Jobs.GenerateJobs.RunAsync(host.Services, args, CancellationToken.None);
}
var app = builder.Build();
app.MapHelloWork();
app.Run();
return 0;

public partial class Program;
