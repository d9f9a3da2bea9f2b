using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelloWork.Web.Data;

/// <summary>
/// A text column that holds one JSON document (a profile's fields, say): TEXT on SQLite, jsonb on
/// PostgreSQL, where it can later be indexed and queried. The app reads and writes it as a string;
/// what is in it is no part of the schema, so a new field in the document is no migration.
/// </summary>
public static class JsonDocuments
{
    private const string Annotation = "HelloWork:JsonDocument";

    public static PropertyBuilder<string> IsJsonDocument(this PropertyBuilder<string> property) => property.HasAnnotation(Annotation, true);

    /// <summary>PostgreSQL's model: every property marked <see cref="IsJsonDocument"/> becomes jsonb.</summary>
    public static void UseJsonb(ModelBuilder builder)
    {
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.FindAnnotation(Annotation) is not null))
        {
            property.SetColumnType("jsonb");
        }
    }
}
