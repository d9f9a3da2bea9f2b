using HelloWork.Web.Features.Accounts;
using static HelloWork.Tests.Features.Accounts.AccountSteps;

namespace HelloWork.Tests.Features.Accounts;

public abstract class AccountMailTests(HelloWorkApp app)
{
    [Fact, Trait("Rule", "MAIL-1")]
    public async Task Each_of_the_11_account_mails_goes_out_by_SMTP_with_the_subject_the_seed_lists_in_text_and_html()
    {
        var user = await app.CreateUserAsync(UserKind.Seeker, "メール 確認");
        var now = app.Clock.UtcNow;
        var mails = app.Service<AccountMails>();
        // The key mails are limited per address and hour (SEC-5), so they ask the outbox first: async.
        static Func<HelloWork.Web.Data.AppDb, Task> Now(Action<HelloWork.Web.Data.AppDb> send) => db => { send(db); return Task.CompletedTask; };
        var sends = new (string Subject, Func<HelloWork.Web.Data.AppDb, Task> Send)[]
        {
            (Mail1, db => mails.OpenMyPageKey(db, user, "ABCD2345", now.AddMinutes(50), now, default)),
            (Mail2, Now(db => mails.AccountUpdated(db, user, email: false, now))),
            (Mail3, db => mails.ReregistrationKey(db, user, "ABCD2345", now.AddMinutes(50), now, default)),
            (Mail4, db => mails.PasswordResetKey(db, user, "ABCD2345", now.AddMinutes(50), now, default)),
            ("【ハローワーク】求職登録完了通知", Now(db => mails.RegistrationComplete(db, user, now))),
            ("【ハローワーク】求職情報の一時保存通知", Now(db => mails.DraftSaved(db, user, now.AddDays(14), now))),
            ("【ハローワーク】求職情報（一時保存）消去予告通知", Now(db => mails.DraftDeletionWarning(db, user, now.AddDays(7), now))),
            ("【ハローワーク】求職情報（一時保存）の自動消去通知", Now(db => mails.DraftDeleted(db, user, now))),
            ("求人者からのリクエスト通知", Now(db => mails.RequestReceived(db, user, now))),
            ("【ハローワーク】来所勧奨通知", Now(db => mails.VisitRecommendedAfterNoShows(db, user, now))),
            ("【ハローワーク】来所勧奨通知", Now(db => mails.VisitRecommendedAfterRejections(db, user, now))),
        };

        await app.WithDbAsync(async db =>
        {
            foreach (var (_, send) in sends) await send(db);
            await db.SaveChangesAsync();
        });
        await app.DispatchMailAsync();

        var deadline = DateTime.UtcNow + MailWait;
        List<ReceivedMail> received;
        do
        {
            received = app.Mail.All().Where(m => m.To == user.Email).ToList();
            if (received.Count >= sends.Length) break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal(sends.Select(s => s.Subject).Order(), received.Select(m => m.Subject).Order());
        Assert.All(received, m =>
        {
            Assert.Contains("メール 確認 様", m.Text);
            Assert.Contains("メール 確認 様", m.Html);
            Assert.Contains("http://hellowork.test/", m.Text);
        });
        // the two 来所勧奨通知 say different things (#10 no-shows, #11 rejections)
        var visits = received.Where(m => m.Subject == "【ハローワーク】来所勧奨通知").Select(m => m.Text).ToList();
        Assert.Contains(visits, t => t.Contains("面接に参加されなかった"));
        Assert.Contains(visits, t => t.Contains("不採用"));
    }
}

public sealed class AccountMailTestsOnSqlite(SqliteApp app) : AccountMailTests(app), IClassFixture<SqliteApp>;

public sealed class AccountMailTestsOnPostgres(PostgresApp app) : AccountMailTests(app), IClassFixture<PostgresApp>;
