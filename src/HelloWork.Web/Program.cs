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
var app = builder.Build();
app.MapHelloWork();
app.Run();

public partial class Program;
