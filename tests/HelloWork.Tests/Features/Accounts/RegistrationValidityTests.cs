using HelloWork.Web.Domain;
using System.Net;
using HelloWork.Web;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Notices;
using HelloWork.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace HelloWork.Tests.Features.Accounts;

public abstract class RegistrationValidityTests(HelloWorkApp app)
{
    private Task<AppUser> ReloadAsync(Guid id) => app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id));

    [Fact, Trait("Rule", "ACC-8")]
    public async Task A_notice_warns_the_seeker_once_a_week_before_the_registration_lapses()
    {
        var seeker = await app.CreateUserAsync(UserKind.Seeker);
        var until = seeker.RegistrationValidUntil!.Value;
        Assert.Equal(JapanTime.EndOfSecondMonthAfter(seeker.CreatedAt), until, TimeSpan.FromMilliseconds(1)); // 翌々月末

        app.Clock.Advance(until - AppUser.LapseWarningBefore - app.Clock.UtcNow - TimeSpan.FromMinutes(1));
        await app.RunTimedRulesAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Notice>().CountAsync(n => n.RecipientId == seeker.Id)));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.RunTimedRulesAsync();
        await app.RunTimedRulesAsync();

        var notices = await app.WithDbAsync(db => db.Set<Notice>().Where(n => n.RecipientId == seeker.Id).ToListAsync());
        var notice = Assert.Single(notices);
        Assert.Equal("求職登録の有効期限が近づいています", notice.Title);
        Assert.Contains(JapanTime.ToJst(until).ToString("yyyy年M月d日"), notice.Body);
    }

    [Fact, Trait("Rule", "ACC-8")]
    public async Task The_registration_lapses_at_the_end_of_the_second_month_and_the_settings_say_so()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        Assert.StartsWith("有効", (await client.PageAsync("/account/settings")).Text("#registration-state"));

        app.Clock.Advance(seeker.RegistrationValidUntil!.Value - app.Clock.UtcNow + TimeSpan.FromSeconds(1));

        Assert.False((await ReloadAsync(seeker.Id)).HasValidRegistration(app.Clock.UtcNow));
        var relogged = await app.SignInAsync(seeker); // (the first cookie may have expired while time passed)
        Assert.Equal("無効", (await relogged.PageAsync("/account/settings")).Text("#registration-state"));
    }

    [Fact, Trait("Rule", "ACC-8")]
    public async Task The_seeker_switches_the_registration_invalid_and_valid_again_in_the_settings()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);

        var off = await client.PostFormPageAsync("/account/registration", [new("Valid", "false")], formPage: "/account/settings");
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Equal("無効", off.Text("#registration-state"));
        Assert.False((await ReloadAsync(seeker.Id)).HasValidRegistration(app.Clock.UtcNow));

        var on = await client.PostFormPageAsync("/account/registration", [new("Valid", "true")], formPage: "/account/settings");
        Assert.StartsWith("有効", on.Text("#registration-state"));
        var reloaded = await ReloadAsync(seeker.Id);
        Assert.Equal(JapanTime.EndOfSecondMonthAfter(app.Clock.UtcNow), reloaded.RegistrationValidUntil!.Value, TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
    }

    [Fact, Trait("Rule", "ACC-9")]
    public async Task While_the_registration_is_invalid_the_one_check_other_features_call_refuses_with_a_clear_message()
    {
        var (seeker, client) = await app.SignedInAsync(UserKind.Seeker);
        await client.PostFormAsync("/account/registration", [new("Valid", "false")], formPage: "/account/settings");
        var reloaded = await ReloadAsync(seeker.Id);

        var refused = Assert.Throws<DomainException>(() => reloaded.EnsureValidRegistration(app.Clock.UtcNow));

        Assert.Equal("accounts.error.registration-invalid", refused.Key);
        Assert.StartsWith("求職登録が無効のため", app.Service<Texts>().Get(refused.Key, Texts.Japanese));
        Assert.Contains("メッセージの送信はできません", (await client.PageAsync("/account/settings")).Html); // reading the MyPage stays possible
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/mypage")).StatusCode);
    }
}

public sealed class RegistrationValidityTestsOnSqlite(SqliteApp app) : RegistrationValidityTests(app), IClassFixture<SqliteApp>;

public sealed class RegistrationValidityTestsOnPostgres(PostgresApp app) : RegistrationValidityTests(app), IClassFixture<PostgresApp>;

/// <summary>Its own app: these move the clock by years.</summary>
public abstract class AccountDeletionTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "ACC-8")]
    public async Task An_account_is_deleted_with_its_data_5_years_after_its_registration_became_invalid_and_only_once()
    {
        var (_, staff) = await app.SignedInAsync(UserKind.Staff);
        var (lapsed, client) = await app.SignedInAsync(UserKind.Seeker);
        await client.PostFormAsync("/account/registration", [new("Valid", "false")], formPage: "/account/settings");
        await staff.PostFormAsync("/staff/notices", [new("RecipientEmail", lapsed.Email!), new("Title", "件名"), new("Body", "本文")], formPage: "/staff/notices/new");
        var (withdrawn, withdrawnClient) = await app.SignedInAsync(UserKind.Seeker);
        await withdrawnClient.PostFormAsync("/account/withdraw", [], formPage: "/account/withdraw", htmx: false);

        app.Clock.Advance(TimeSpan.FromDays(365 * 5)); // a day short of 5 years (one leap day on the way)
        await app.RunTimedRulesAsync();
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == lapsed.Id)));

        app.Clock.Advance(TimeSpan.FromDays(2));
        await app.RunTimedRulesAsync();
        var again = await app.RunTimedRulesAsync();

        Assert.Equal(0, again["accounts.delete-after-5-years"]);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == lapsed.Id || u.Id == withdrawn.Id)));
        Assert.False(await app.WithDbAsync(db => db.Set<Notice>().AnyAsync(n => n.RecipientId == lapsed.Id)));
    }
}

public abstract class AccountDeletionWithMessagesTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "ACC-8")]
    public async Task A_deleted_account_takes_its_conversations_with_it()
    {
        var pair = await HelloWork.Tests.Features.Messages.Messaging.PairAsync(app);
        await HelloWork.Tests.Features.Messages.Messaging.SendAsync(pair.SeekerClient, pair.ThreadId, "よろしくお願いします");
        await HelloWork.Tests.Features.Messages.Messaging.SendAsync(pair.EmployerClient, pair.ThreadId, "面接日程のご連絡です");
        await pair.SeekerClient.PostFormAsync("/account/registration", [new("Valid", "false")], formPage: "/account/settings");

        app.Clock.Advance(TimeSpan.FromDays(365 * 5 + 2));
        var done = await app.RunTimedRulesAsync();

        Assert.Equal(1, done["accounts.delete-after-5-years"]);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == pair.Seeker.Id)));
        Assert.False(await app.WithDbAsync(db => db.Set<HelloWork.Web.Features.Messages.Message>().AnyAsync(m => m.ThreadId == pair.ThreadId)));
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == pair.Employer.Id)));
    }
}

public sealed class AccountDeletionWithMessagesTestsOnSqlite(SqliteApp app) : AccountDeletionWithMessagesTests(app), IClassFixture<SqliteApp>;

public sealed class AccountDeletionWithMessagesTestsOnPostgres(PostgresApp app) : AccountDeletionWithMessagesTests(app), IClassFixture<PostgresApp>;

public sealed class AccountDeletionTestsOnSqlite(SqliteApp app) : AccountDeletionTests(app), IClassFixture<SqliteApp>;

public sealed class AccountDeletionTestsOnPostgres(PostgresApp app) : AccountDeletionTests(app), IClassFixture<PostgresApp>;
