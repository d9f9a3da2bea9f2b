using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Data;

/// <summary>The model's create script for one provider, to write a migration script from (dotnet run -- --print-create-script postgres).</summary>
public static class SchemaScript
{
    public static string Generate(string provider)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        if (provider == "postgres")
        {
            options.UseNpgsql("Host=localhost");
        }
        else
        {
            options.UseSqlite("Data Source=:memory:");
        }
        using var db = new AppDb(options.Options);
        return db.Database.GenerateCreateScript();
    }
}
