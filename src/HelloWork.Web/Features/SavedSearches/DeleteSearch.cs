using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>A saved search deleted after the seeker confirmed it on its own page.</summary>
public static class DeleteSearch
{
    public static async Task<IResult> Show(HttpContext context, long id, AppDb db, Pages pages, Texts texts, CancellationToken ct)
    {
        var me = context.User.Id();
        var search = await db.Set<SavedSearch>().Where(s => s.Id == id && s.SeekerId == me).Select(s => new { s.Id, s.Name, s.Query }).SingleOrDefaultAsync(ct);
        if (search is null) return Results.NotFound();
        var lines = ConditionsInWords.Describe(texts, Jobs.JobSearchConditions.Parse(SavedSearch.QueryOf(search.Query)).Conditions);
        return pages.Page(context, "savedsearches/delete", new { search.Id, search.Name, Lines = lines }, "savedsearches.delete.title");
    }

    public static async Task<IResult> Handle(HttpContext context, long id, AppDb db, CancellationToken ct)
    {
        var me = context.User.Id();
        // The prefecture rows go by the foreign key's cascade.
        var deleted = await db.Set<SavedSearch>().Where(s => s.Id == id && s.SeekerId == me).ExecuteDeleteAsync(ct);
        return deleted == 0 ? Results.NotFound() : Results.Redirect($"{SaveSearch.Path}?deleted=1");
    }
}
