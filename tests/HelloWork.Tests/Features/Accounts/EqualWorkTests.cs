using HelloWork.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

/// <summary>
/// SEC-6, "in about the same time", proven without a stopwatch: the slow part of every answer that
/// takes a password is the hash, and the app's one hasher is counted. Each request must verify
/// exactly once and hash never, whatever login (or none) the address belongs to.
/// </summary>
public abstract class EqualWorkTests(CountingHasherApp app)
{
    private async Task<(int Hashes, int Verifies)> WorkOfAsync(Func<Task> request)
    {
        var before = app.Hasher.Counts;
        await request();
        var after = app.Hasher.Counts;
        return (after.Hashes - before.Hashes, after.Verifies - before.Verifies);
    }

    private Func<Task> SignIn(string email, string password, string url = "/login") => async () =>
    {
        using var response = await app.Anonymous().PostFormAsync(url, Login(email, password), formPage: url);
    };

    [Fact, Trait("Rule", "SEC-6")]
    public async Task Every_sign_in_verifies_one_password_hash_whether_or_not_the_address_has_a_login()
    {
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var staffUser = await app.CreateUserAsync(UserKind.Staff);
        var withdrawn = await app.WithdrawnSeekerAsync();
        var counter = await app.RegisterAtCounterAsync(await app.SignInAsync(staffUser));
        var locked = await app.CreateUserAsync(UserKind.Employer);
        await app.LockOutAsync(locked.Email!);

        var cases = new (string Case, Func<Task> Request)[]
        {
            ("unknown address", SignIn(NewEmail("nobody"), "Wrong-pass1")),
            ("no address", SignIn("", "Wrong-pass1")),
            ("wrong password", SignIn(seeker.Email!, "Wrong-pass1")),
            ("right password", SignIn(seeker.Email!, HelloWorkApp.Password)),
            ("locked, right password", SignIn(locked.Email!, HelloWorkApp.Password)),
            ("locked, wrong password", SignIn(locked.Email!, "Wrong-pass1")),
            ("withdrawn, right password", SignIn(withdrawn.Email!, HelloWorkApp.Password)),
            ("withdrawn, wrong password", SignIn(withdrawn.Email!, "Wrong-pass1")),
            ("no password yet", SignIn(counter, "Wrong-pass1")),
            ("staff at the users' door", SignIn(staffUser.Email!, HelloWorkApp.Password)),
            ("seeker at the staff door", SignIn(seeker.Email!, HelloWorkApp.Password, "/staff/login")),
        };
        foreach (var (name, request) in cases)
        {
            var work = await WorkOfAsync(request);
            Assert.Equal((name, 0, 1), (name, work.Hashes, work.Verifies));
        }
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-7")]
    public async Task Every_re_registration_request_verifies_one_password_hash()
    {
        var withdrawn = await app.WithdrawnSeekerAsync();
        var active = await app.CreateUserAsync(UserKind.Seeker);
        Func<Task> Reregister(string email, string password) => async () =>
        {
            using var response = await app.Anonymous().PostFormAsync("/account/reregister", Login(email, password), formPage: "/account/reregister");
        };

        foreach (var (name, request) in new (string, Func<Task>)[]
        {
            ("unknown address", Reregister(NewEmail("nobody"), HelloWorkApp.Password)),
            ("withdrawn, right password", Reregister(withdrawn.Email!, HelloWorkApp.Password)),
            ("withdrawn, wrong password", Reregister(withdrawn.Email!, "Wrong-pass1")),
            ("not withdrawn", Reregister(active.Email!, HelloWorkApp.Password)),
        })
        {
            var work = await WorkOfAsync(request);
            Assert.Equal((name, 0, 1), (name, work.Hashes, work.Verifies));
        }
    }

    [Fact, Trait("Rule", "SEC-6"), Trait("Rule", "ACC-5")]
    public async Task Every_e_mail_change_request_verifies_the_current_password_once_whether_or_not_the_new_address_is_in_use()
    {
        var (_, client) = await app.SignedInAsync(UserKind.Seeker);
        var taken = await app.CreateUserAsync(UserKind.Employer);
        Func<Task> Change(string email, string password) => async () =>
        {
            using var response = await client.PostFormAsync("/account/settings/email", [new("NewEmail", email), new("CurrentPassword", password)], formPage: "/account/settings");
        };

        foreach (var (name, request) in new (string, Func<Task>)[]
        {
            ("free, wrong password", Change(NewEmail("free"), "Wrong-pass1")),
            ("in use, wrong password", Change(taken.Email!, "Wrong-pass1")),
            ("free, right password", Change(NewEmail("free"), HelloWorkApp.Password)),
            ("in use, right password", Change(taken.Email!, HelloWorkApp.Password)),
        })
        {
            var work = await WorkOfAsync(request);
            Assert.Equal((name, 0, 1), (name, work.Hashes, work.Verifies));
        }
    }
}

/// <summary>The app's password hasher (Identity's own, same options), counting its calls.</summary>
public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new(options);
    private int _hashes;
    private int _verifies;

    public (int Hashes, int Verifies) Counts => (Volatile.Read(ref _hashes), Volatile.Read(ref _verifies));

    public string HashPassword(AppUser user, string password)
    {
        Interlocked.Increment(ref _hashes);
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifies);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public abstract class CountingHasherApp : HelloWorkApp
{
    public CountingPasswordHasher Hasher => Service<CountingPasswordHasher>();

    protected override void AddTestServices(IServiceCollection services)
    {
        services.AddSingleton<CountingPasswordHasher>();
        services.AddSingleton<IPasswordHasher<AppUser>>(sp => sp.GetRequiredService<CountingPasswordHasher>());
    }
}

public sealed class CountingHasherSqliteApp : CountingHasherApp
{
    public override HelloWork.Web.Data.DatabaseProvider Provider => HelloWork.Web.Data.DatabaseProvider.Sqlite;
}

public sealed class CountingHasherPostgresApp : CountingHasherApp
{
    public override HelloWork.Web.Data.DatabaseProvider Provider => HelloWork.Web.Data.DatabaseProvider.Postgres;
}

public sealed class EqualWorkTestsOnSqlite(CountingHasherSqliteApp app) : EqualWorkTests(app), IClassFixture<CountingHasherSqliteApp>;

public sealed class EqualWorkTestsOnPostgres(CountingHasherPostgresApp app) : EqualWorkTests(app), IClassFixture<CountingHasherPostgresApp>;
