using HelloWork.Web.Data;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Rendering;
using Microsoft.AspNetCore.Mvc;

namespace HelloWork.Web.Features.Jobs;

public static class JobFilingEndpoints
{
    public static void MapJobFiling(this IEndpointRouteBuilder app)
    {
        var employer = app.MapGroup("/employer/jobs").RequireAuthorization(Policies.Employer);
        employer.MapGet("", ListEstablishmentJobs.Page);
        employer.MapGet("/box", ListEstablishmentJobs.Box);
        employer.MapGet("/cities", FileJob.Cities);
        employer.MapGet("/new", FileJob.Show);
        employer.MapPost("", ([FromForm] JobForm form, HttpContext c, AppDb db, Pages p, Texts t, TimeProvider clock, JobPushes pushes, CancellationToken ct) =>
            FileJob.Handle(c, form, db, p, t, clock, pushes, ct));
        employer.MapGet("/{id:long}", ShowEmployerJob.Handle);
        // One literal route per step (no {step} parameter): each is a form endpoint of its own.
        foreach (var step in JobSteps.All)
        {
            employer.MapGet($"/{{id:long}}/steps/{step.Slug}", (long id, HttpContext c, AppDb db, Pages p, Texts t, CancellationToken ct) =>
                EditJobStep.Show(c, step, id, db, p, t, ct));
            employer.MapPost($"/{{id:long}}/steps/{step.Slug}", (long id, [FromForm] JobForm form, HttpContext c, AppDb db, Pages p, Texts t,
                TimeProvider clock, JobPushes pushes, CancellationToken ct) => EditJobStep.Handle(c, step, id, form, db, p, t, clock, pushes, ct));
        }
        employer.MapPost("/{id:long}/submit", SubmitJob.Handle);
        employer.MapGet("/{id:long}/withdraw", WithdrawJob.Show);
        employer.MapPost("/{id:long}/withdraw", WithdrawJob.Handle);

        var staff = app.MapGroup(StaffJobQueue.Path).RequireAuthorization(Policies.Staff);
        staff.MapGet("", StaffJobQueue.Page);
        staff.MapGet("/list", StaffJobQueue.List);
        staff.MapGet("/box", StaffJobQueue.Box);
        staff.MapGet("/{id:long}", ReviewJob.Show);
        staff.MapPost("/{id:long}/accept", ReviewJob.Accept);
        staff.MapPost("/{id:long}/return", ([FromForm] ReviewJob.ReturnForm form, long id, HttpContext c, AppDb db, Pages p, Texts t, TimeProvider clock,
            JobPushes pushes, CancellationToken ct) => ReviewJob.Return(c, id, form, db, p, t, clock, pushes, ct));
    }
}
