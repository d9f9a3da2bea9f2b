using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Domain;
using HelloWork.Web.Http;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>A saved search under a new name (required, at most <see cref="SavedSearch.MaxName"/> characters).</summary>
public static class RenameSearch
{
    public sealed record Form
    {
        public string? Name { get; set; }
    }

    public sealed record View(long Id, string CurrentName, Form Values, IReadOnlyDictionary<string, string> Errors, int NameMax);

    public static async Task<IResult> Show(HttpContext context, long id, AppDb db, Pages pages, CancellationToken ct)
    {
        var me = context.User.Id();
        var name = await db.Set<SavedSearch>().Where(s => s.Id == id && s.SeekerId == me).Select(s => s.Name).SingleOrDefaultAsync(ct);
        if (name is null) return Results.NotFound();
        return pages.Page(context, "savedsearches/rename", new View(id, name, new Form { Name = name }, new Dictionary<string, string>(), SavedSearch.MaxName),
            "savedsearches.rename.title");
    }

    public static async Task<IResult> Handle(HttpContext context, long id, [FromForm] Form form, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var me = context.User.Id();
        var search = await db.Set<SavedSearch>().SingleOrDefaultAsync(s => s.Id == id && s.SeekerId == me, ct);
        if (search is null) return Results.NotFound();
        var errors = new FormErrors(context, texts);
        var name = errors.Text(nameof(Form.Name), form.Name, SavedSearch.MaxName);
        if (!errors.Any)
        {
            try
            {
                search.Rename(name);
                await db.SaveChangesAsync(ct);
                return Results.Redirect($"{SaveSearch.Path}?renamed={id}");
            }
            catch (DomainException e)
            {
                errors.Add(nameof(Form.Name), e.Key, e.Args);
            }
        }
        return pages.Page(context, "savedsearches/rename", new View(id, search.Name, form, errors.Fields, SavedSearch.MaxName), "savedsearches.rename.title", 422);
    }
}
