using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HelloWork.Tests.Features.Demo;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HelloWork.Tests.Http;

/// <summary>
/// SEC-9 over every endpoint that binds a form, read from the app's endpoint data source: a JSON
/// body, a NUL byte in every field, or words where a boolean, a choice or a number belongs, are
/// answered 422 with the form, never the framework's 400 or 415 and never a 500; so a new form
/// cannot forget. Also in Development, where the framework would have shown a stack trace.
/// </summary>
public abstract partial class EveryFormEndpointTests(HelloWorkApp app)
{
    /// <summary>Forms whose use case first checks something no malformed form changes; reviewed.</summary>
    private static readonly Dictionary<string, HttpStatusCode> AnsweredBeforeTheForm = new()
    {
        ["/login/code"] = HttpStatusCode.NoContent, // no sign-in waits for a code in this browser: back to /login (HX-Redirect)
        ["/registration"] = HttpStatusCode.NoContent, // this seeker's registration is complete: to the MyPage (HX-Redirect)
        ["/messages/1"] = HttpStatusCode.NotFound, // not this person's thread: 404 whatever was sent
        // Not a job of this login's establishment (ACC-10) or of this staff member's office: 404 whatever was sent.
        ["/employer/jobs/1/steps/work"] = HttpStatusCode.NotFound,
        ["/employer/jobs/1/steps/place"] = HttpStatusCode.NotFound,
        ["/employer/jobs/1/steps/terms"] = HttpStatusCode.NotFound,
        ["/employer/jobs/1/steps/hours"] = HttpStatusCode.NotFound,
        ["/employer/jobs/1/steps/apply"] = HttpStatusCode.NotFound,
        ["/staff/jobs/1/return"] = HttpStatusCode.NotFound,
        ["/mypage/searches/1/rename"] = HttpStatusCode.NotFound, // not this seeker's saved search: 404 whatever was sent
    };

    /// <param name="NewSession">A sign-in endpoint: it treats the browser as signed out, so its token comes from a page that does too.</param>
    /// <param name="Limited">Carries a request limit (SEC-5) that counts per signed-in login: each try gets a login of its own.</param>
    public sealed record FormEndpoint(string Path, Type Form, UserKind Kind, bool NewSession, bool Limited);

    private IReadOnlyList<FormEndpoint> FormEndpoints() =>
        [.. app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true)
            .Select(e => (Endpoint: e, Form: FormGuard.FormTypeOf(e)))
            .Where(e => e.Form is not null)
            .Select(e => new FormEndpoint("/" + Parameter().Replace(e.Endpoint.RoutePattern.RawText!.TrimStart('/'), "1"), e.Form!, KindFor(e.Endpoint),
                e.Endpoint.Metadata.GetMetadata<Web.Features.Sessions.StartsNewSessionMetadata>() is not null,
                e.Endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>() is not null))];

    private static UserKind KindFor(Endpoint endpoint)
    {
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(Policies.Staff) ? UserKind.Staff : policies.Contains(Policies.Employer) ? UserKind.Employer : UserKind.Seeker;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    /// <summary>A body per kind of malformation, built from the form's own fields.</summary>
    private static IEnumerable<(string What, HttpContent Body)> Malformed(Type form)
    {
        var properties = form.GetProperties().Where(p => p.CanWrite).ToList();
        yield return ("a JSON body", new StringContent("{\"" + properties[0].Name + "\":\"x\"}", Encoding.UTF8, "application/json"));
        // Each time other text around the NUL: the per-account request limits (SEC-5) count an e-mail
        // field's value, and the same value posted to every key form would hit them.
        var around = Guid.NewGuid().ToString("N")[..8];
        yield return ("a NUL byte in every field", new FormUrlEncodedContent(properties.Select(p => new KeyValuePair<string, string>(p.Name, $"a\0b{around}"))));
        if (properties.Any(p => p.PropertyType != typeof(string)))
        {
            // Where a boolean, a choice or a number belongs (in a text field it is just something typed).
            yield return ("words in every field", new FormUrlEncodedContent(properties.Select(p => new KeyValuePair<string, string>(p.Name, "not-a-value"))));
        }
    }

    [Fact, Trait("Rule", "SEC-9")]
    public async Task Every_form_endpoint_answers_a_malformed_form_with_422_and_the_form()
    {
        var clients = new Dictionary<UserKind, UserClient>
        {
            [UserKind.Seeker] = (await app.SignedInAsync(UserKind.Seeker)).Client,
            [UserKind.Employer] = (await app.SignedInAsync(UserKind.Employer)).Client,
            [UserKind.Staff] = (await app.SignedInAsync(UserKind.Staff)).Client,
        };
        var endpoints = FormEndpoints();
        Assert.True(endpoints.Count >= 25, $"only {endpoints.Count} form endpoints found");

        foreach (var endpoint in endpoints)
        {
            foreach (var (what, body) in Malformed(endpoint.Form))
            {
                var client = endpoint.Limited ? (await app.SignedInAsync(endpoint.Kind)).Client : clients[endpoint.Kind];
                var page = await MalformedFormTests.SendAsync(client, endpoint.Path, body,
                    endpoint.NewSession ? "/login" : endpoint.Kind == UserKind.Staff ? "/staff" : "/account/settings", htmx: true);
                var expected = AnsweredBeforeTheForm.GetValueOrDefault(endpoint.Path, HttpStatusCode.UnprocessableEntity);
                Assert.True(page.Status == expected, $"POST {endpoint.Path} with {what} answered {(int)page.Status}, not {(int)expected}");
                if (expected == HttpStatusCode.UnprocessableEntity)
                {
                    Assert.True(page.Has("form") && page.Has(".field-error, .error-summary"), $"POST {endpoint.Path} with {what}: no form with a reason");
                }
            }
        }
    }
}

public sealed class EveryFormEndpointTestsOnSqlite(SqliteApp app) : EveryFormEndpointTests(app), IClassFixture<SqliteApp>;

public sealed class EveryFormEndpointTestsOnPostgres(PostgresApp app) : EveryFormEndpointTests(app), IClassFixture<PostgresApp>;

/// <summary>SEC-9 where the framework shows exceptions: Development (as `dotnet run` starts it).</summary>
public abstract class MalformedFormInDevelopmentTests(HelloWorkApp app)
{
    [Theory, Trait("Rule", "SEC-9")]
    [InlineData("AgreePrivacy", "maybe")]
    [InlineData("Email", "a\0b@test.example")]
    [InlineData("School", "Graduate")]
    public async Task A_malformed_form_is_refused_with_the_form_and_no_stack_trace_in_Development(string field, string value)
    {
        var page = await app.Anonymous().PostFormPageAsync("/signup", [new("AgreeTerms", "true"), new(field, value)], formPage: "/signup", htmx: false);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.True(page.Has("#signup-email"));
        Assert.DoesNotContain("Exception", page.Html);
        Assert.DoesNotContain(".cs:line", page.Html);
    }

    [Fact, Trait("Rule", "SEC-9")]
    public async Task A_JSON_body_is_refused_with_the_form_and_no_stack_trace_in_Development()
    {
        var page = await MalformedFormTests.SendAsync(app.Anonymous(), "/signup", new StringContent("{\"Email\":\"json@test.example\"}", Encoding.UTF8, "application/json"), "/signup");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Equal("json@test.example", page.Document.QuerySelector("#signup-email")!.GetAttribute("value"));
        Assert.DoesNotContain("Exception", page.Html);
    }
}

public sealed class MalformedFormInDevelopmentTestsOnSqlite(SqliteDevelopmentApp app) : MalformedFormInDevelopmentTests(app), IClassFixture<SqliteDevelopmentApp>;

public sealed class MalformedFormInDevelopmentTestsOnPostgres(PostgresDevelopmentApp app) : MalformedFormInDevelopmentTests(app), IClassFixture<PostgresDevelopmentApp>;
