using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;

namespace HelloWork.Web.Features.SavedSearches;

public static class SavedSearchEndpoints
{
    public static IServiceCollection AddSavedSearches(this IServiceCollection services)
    {
        services.AddScoped<SavedSearchAlerts>();
        services.AddScoped<IJobAccepted>(sp => sp.GetRequiredService<SavedSearchAlerts>());
        services.AddSingleton<IPersonalDataEraser, SavedSearchDataEraser>();
        return services;
    }

    public static void MapSavedSearches(this IEndpointRouteBuilder app)
    {
        var searches = app.MapGroup(SaveSearch.Path).RequireAuthorization(Policies.Seeker);
        searches.MapGet("", ListSavedSearches.Page);
        searches.MapGet("/list", ListSavedSearches.List);
        searches.MapGet("/box", ListSavedSearches.Box);
        searches.MapGet("/new", SaveSearch.Show);
        searches.MapPost("", SaveSearch.Handle);
        searches.MapPost("/{id:long}/run", RerunSearch.Handle);
        searches.MapGet("/{id:long}/rename", RenameSearch.Show);
        searches.MapPost("/{id:long}/rename", RenameSearch.Handle);
        searches.MapGet("/{id:long}/delete", DeleteSearch.Show);
        searches.MapPost("/{id:long}/delete", DeleteSearch.Handle);

        var favorites = app.MapGroup(ToggleFavorite.Path).RequireAuthorization(Policies.Seeker);
        favorites.MapGet("", ListFavorites.Page);
        favorites.MapGet("/box", ListFavorites.Box);
        favorites.MapPost("/{jobId:long}", ToggleFavorite.Add);
        favorites.MapPost("/{jobId:long}/remove", ToggleFavorite.Remove);
    }
}
