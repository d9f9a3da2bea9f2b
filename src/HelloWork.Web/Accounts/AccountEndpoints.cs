namespace HelloWork.Web.Accounts;

public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Home.Root);
        app.MapGet("/mypage", Home.Seeker).RequireAuthorization(Policies.Seeker);
        app.MapGet("/employer", Home.Employer).RequireAuthorization(Policies.Employer);
        app.MapGet("/staff", Home.Staff).RequireAuthorization(Policies.Staff);

        app.MapGet("/login", (HttpContext c, Rendering.Pages p, IHostEnvironment e, Demo.DemoAccounts d, string? returnUrl) =>
            SignIn.Show(c, p, e, d, returnUrl, staff: false));
        app.MapGet("/staff/login", (HttpContext c, Rendering.Pages p, IHostEnvironment e, Demo.DemoAccounts d, string? returnUrl) =>
            SignIn.Show(c, p, e, d, returnUrl, staff: true));
        app.MapPost("/login", (HttpContext c, [Microsoft.AspNetCore.Mvc.FromForm] SignIn.Form f, Data.AppDb db,
            Microsoft.AspNetCore.Identity.SignInManager<AppUser> s, Rendering.Pages p, Rendering.Texts t, IHostEnvironment e,
            Demo.DemoAccounts d, CancellationToken ct) => SignIn.Handle(c, f, staff: false, db, s, p, t, e, d, ct));
        app.MapPost("/staff/login", (HttpContext c, [Microsoft.AspNetCore.Mvc.FromForm] SignIn.Form f, Data.AppDb db,
            Microsoft.AspNetCore.Identity.SignInManager<AppUser> s, Rendering.Pages p, Rendering.Texts t, IHostEnvironment e,
            Demo.DemoAccounts d, CancellationToken ct) => SignIn.Handle(c, f, staff: true, db, s, p, t, e, d, ct));
        app.MapPost("/logout", SignIn.SignOut).RequireAuthorization();

        var staff = app.MapGroup("/staff/accounts").RequireAuthorization(Policies.Staff);
        staff.MapGet("/new", CreateAccount.Show);
        staff.MapPost("", CreateAccount.Handle);
    }
}
