using HelloWork.Web.Data;
using HelloWork.Web;

if (args.Length == 2 && args[0] == "--print-create-script")
{
    // Prints what EF would create on "sqlite" or "postgres": a starting point for a new migration script.
    Console.WriteLine(SchemaScript.Generate(args[1]));
    return;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // wwwroot/ sits at the top of the repo and is copied next to the app by the build.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.AddHelloWork();
var app = builder.Build();
app.MapHelloWork();
app.Run();

public partial class Program;
