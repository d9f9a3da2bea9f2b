using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Web.Features.SavedSearches;

/// <summary>A deleted seeker's saved searches (with their prefecture rows) and favorites go with them.</summary>
public sealed class SavedSearchDataEraser : IPersonalDataEraser
{
    public async Task EraseAsync(AppDb db, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var searches = db.Set<SavedSearch>().Where(s => userIds.Contains(s.SeekerId)).Select(s => s.Id);
        await db.Set<SavedSearchPrefecture>().Where(p => searches.Contains(p.SavedSearchId)).ExecuteDeleteAsync(ct);
        await db.Set<SavedSearch>().Where(s => userIds.Contains(s.SeekerId)).ExecuteDeleteAsync(ct);
        await db.Set<Favorite>().Where(f => userIds.Contains(f.SeekerId)).ExecuteDeleteAsync(ct);
    }
}
