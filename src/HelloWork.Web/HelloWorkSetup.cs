using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Data;
using HelloWork.Web.Features.Demo;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Live;
using HelloWork.Web.Mail;
using HelloWork.Web.Features.Messages;
using HelloWork.Web.Features.Notices;
using HelloWork.Web.Features.Profiles;
using HelloWork.Web.Features.SavedSearches;
using HelloWork.Web.Features.Sessions;
using HelloWork.Web.Rendering;
using HelloWork.Web.TimedRules;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace HelloWork.Web;

public static class HelloWorkSetup
{
    public static WebApplicationBuilder AddHelloWork(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddData();
        // First of all hosted services: the schema is in place before anything reads the database.
        services.AddHostedService<StartupTasks>();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        builder.AddTransportSecurity();
        services.AddCompression();
        services.Configure<DevToolsOptions>(builder.Configuration.GetSection(DevToolsOptions.Section));

        services.Configure<RenderingOptions>(builder.Configuration.GetSection(RenderingOptions.Section));
        services.AddSingleton<Texts>();
        services.AddSingleton<Templates>();
        services.AddSingleton<Pages>();

        services.AddDataProtection().SetApplicationName("HelloWork").PersistKeysToDbContext<AppDb>();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>();
        services.AddAccounts();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddSessions(builder.Configuration);
        services.AddAuthorization(Policies.Add);
        services.AddRateLimits(builder.Configuration);
        // SEC-9: FormGuard reads every form first, so binding does not fail on what was sent; if a
        // parameter still could not be bound, the answer is the app's 400 page, never an exception
        // (in Development the framework would otherwise throw, and the exception page show it).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "hw.af";
        });

        services.AddLive(builder.Configuration);
        services.Configure<LiveOptions>(builder.Configuration.GetSection(LiveOptions.Section));
        services.AddSingleton<LiveConnectionOwners>();

        services.Configure<MailOptions>(builder.Configuration.GetSection(MailOptions.Section));
        services.AddSingleton<PublicBaseUrl>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<MailSignal>();
        services.AddSingleton<MailQueue>();
        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MailDispatcher>());

        services.Configure<TimedRuleOptions>(builder.Configuration.GetSection(TimedRuleOptions.Section));
        services.AddSingleton<TimedRuleRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<TimedRuleRunner>());
        services.AddSingleton<ITimedRule, UnreadDigest>();
        services.AddSingleton<IPersonalDataEraser, MessagingDataEraser>();

        services.Configure<Features.Jobs.JobSearchOptions>(builder.Configuration.GetSection(Features.Jobs.JobSearchOptions.Section));
        services.AddSingleton<Features.Jobs.JobSearch>();
        services.AddSingleton<Features.Jobs.JobPushes>();
        services.AddSingleton<ITimedRule, Features.Jobs.JobExpiry>();
        services.AddSavedSearches();

        services.AddSingleton<DemoAccounts>();
        services.AddScoped<DemoSeeder>();
        return builder;
    }

    public static WebApplication MapHelloWork(this WebApplication app)
    {
        app.UseTransportSecurity();
        app.UseExceptionHandler("/error");
        if (app.Environment.IsDevelopment())
        {
            // SEC-1: the stack trace is for the developer at this machine only (this page catches
            // first); anyone else who reaches a Development instance gets the error page above.
            app.UseWhen(DevTools.IsFromThisMachine, local => local.UseDeveloperExceptionPage());
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseSecurityHeaders();
        app.UseCompression();
        app.UseStaticFiles();
        app.UseLanguage();
        app.UseOneConnectionPerRequest(); // before the sign-in check, which reads the session
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(c => c.Request.Path.StartsWithSegments(LiveHub.Path), live => live.UseMiddleware<LiveConnectionGuard>());
        // FormGuard reads the body first (leniently, SEC-9); the rate limiter then finds the form read.
        app.UseFormGuard();
        app.UseRateLimits();
        app.UseAntiforgery();
        app.UseAntiforgeryOnEveryUnsafeMethod();

        // Every page and form of ours, in one group whose last convention lets FormGuard, not routing,
        // answer a form endpoint sent something other than a form (SEC-9).
        var site = app.MapGroup("");
        ((IEndpointConventionBuilder)site).Finally(FormGuard.TakeAnyContentType);
        site.MapErrors();
        site.MapAccounts();
        site.MapSessions();
        site.MapNotices();
        site.MapProfiles();
        site.MapMessages();
        site.MapJobFiling();
        site.MapJobSearch();
        site.MapSavedSearches();
        site.MapDevMails(app.Environment);
        // SEC-3's one exemption, reviewed: a browser cannot add our header to a WebSocket, and the hub
        // needs no token. Negotiate (POST) only hands out a connection id that a foreign page cannot read
        // (no CORS), and every transport request must carry that id, which such a page never learns.
        app.MapHub<LiveHub>(LiveHub.Path).DisableAntiforgery();
        return app;
    }
}
