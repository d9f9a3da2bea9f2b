namespace HelloWork.Web.Features.Jobs;

/// <summary>The public search (JOB-3) and job pages: no sign-in needed (ACC-9 is checked inside).</summary>
public static class JobSearchEndpoints
{
    public static void MapJobSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet(SearchJobs.Path, SearchJobs.Handle);
        app.MapGet(SearchJobs.Path + "/cities", SearchJobs.Cities);
        app.MapGet(SearchJobs.Path + "/{number}", ShowJob.Handle);
    }
}
