namespace HelloWork.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQLite a relative "Data Source" is resolved against the content root.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/hellowork.db";

    /// <summary>Seed demo accounts and jobs on start (Development, and the README's run command).</summary>
    public bool SeedDemoData { get; set; }
}
