using HelloWork.Web.Mail;

namespace HelloWork.Tests.Mail;

public sealed class OutboxMailTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);

    private static OutboxMail NewMail() => OutboxMail.Create("a@t.example", "notice-arrived", new RenderedMail("件名", "本文", "<p>本文</p>"), Now);

    [Fact, Trait("Rule", "MAIL-2")]
    public void A_new_mail_is_due_at_once()
    {
        var mail = NewMail();

        Assert.Equal(Now, mail.NextAttemptAt);
        Assert.Equal(0, mail.Attempts);
        Assert.Null(mail.SentAt);
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public void A_failed_send_backs_off_doubling_up_to_two_hours()
    {
        var mail = NewMail();
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 9; i++)
        {
            mail.MarkFailed("connection refused", Now);
            waits.Add(mail.NextAttemptAt - Now);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 120, 120], waits.Select(w => (int)w.TotalMinutes));
        Assert.Null(mail.FailedAt);
        Assert.Equal("connection refused", mail.LastError);
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public void After_the_last_attempt_the_mail_is_marked_failed_and_kept()
    {
        var mail = NewMail();
        for (var i = 0; i < OutboxMail.MaxAttempts; i++)
        {
            mail.MarkFailed("down", Now);
        }

        Assert.Equal(Now, mail.FailedAt);
        Assert.Equal(OutboxMail.MaxAttempts, mail.Attempts);
    }

    [Fact, Trait("Rule", "MAIL-2")]
    public void Sending_clears_the_error()
    {
        var mail = NewMail();
        mail.MarkFailed("down", Now);
        mail.MarkSent(Now.AddMinutes(1));

        Assert.Equal(Now.AddMinutes(1), mail.SentAt);
        Assert.Null(mail.LastError);
    }
}
