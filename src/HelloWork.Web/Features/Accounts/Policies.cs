using Microsoft.AspNetCore.Authorization;

namespace HelloWork.Web.Features.Accounts;

public static class Policies
{
    public const string Seeker = "seeker";
    public const string Employer = "employer";
    public const string Staff = "staff";
    public const string SeekerOrEmployer = "seeker-or-employer";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Seeker, p => p.RequireRole(Roles.Seeker));
        options.AddPolicy(Employer, p => p.RequireRole(Roles.Employer));
        options.AddPolicy(Staff, p => p.RequireRole(Roles.Staff));
        options.AddPolicy(SeekerOrEmployer, p => p.RequireRole(Roles.Seeker, Roles.Employer));
    }
}
