using HelloWork.Web.Domain;
using HelloWork.Web;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Messages;

namespace HelloWork.Tests.Features.Messages;

public sealed class MessageRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Establishment = Guid.NewGuid();

    private static AppUser Seeker() => AppUser.Create(UserKind.Seeker, "s@example.jp", "求職者", Now);

    private static AppUser Employer(Guid? est = null)
    {
        var user = AppUser.Create(UserKind.Employer, "e@example.jp", "求人者", Now);
        user.JoinEstablishment(est ?? Establishment);
        return user;
    }

    private static MessageThread Thread(AppUser seeker, DateTime? opensAt = null) =>
        MessageThread.Open(ThreadSubject.Application, "app-1", "応募", seeker.Id, Establishment, null, Now, opensAt);

    private static string Refusal(Action act) => Assert.Throws<DomainException>(act).Key;

    [Fact, Trait("Rule", "MSG-4")]
    public void Each_message_gets_the_next_sequence_number_of_its_thread()
    {
        var seeker = Seeker();
        var thread = Thread(seeker);

        var first = thread.Post(Employer(), "一通目", "k1", false, Now);
        var second = thread.Post(seeker, "二通目", "k2", false, Now);

        Assert.Equal((1L, 2L, 2L), (first.Seq, second.Seq, thread.LastSeq));
        Assert.Equal((ThreadSide.Employer, ThreadSide.Seeker), (first.SenderSide, second.SenderSide));
    }

    [Fact, Trait("Rule", "MSG-1")]
    public void Only_the_seeker_and_the_establishments_logins_take_part()
    {
        var seeker = Seeker();
        var thread = Thread(seeker);

        Assert.Equal(ThreadSide.Seeker, thread.SideOf(seeker));
        Assert.Equal(ThreadSide.Employer, thread.SideOf(Employer()));
        Assert.Null(thread.SideOf(Employer(Guid.NewGuid())));
        Assert.Null(thread.SideOf(Seeker()));
        Assert.Null(thread.SideOf(AppUser.Create(UserKind.Staff, "st@example.jp", "職員", Now)));
        Assert.Equal("messages.error.not-participant", Refusal(() => thread.Post(Seeker(), "こんにちは", "k", false, Now)));
    }

    [Fact]
    public void A_message_is_plain_text_of_at_most_2000_characters()
    {
        var seeker = Seeker();
        var thread = Thread(seeker);

        Assert.Equal(2000, thread.Post(seeker, new string('あ', 2000), "k1", false, Now).Body.Length);
        Assert.Equal("messages.error.body-too-long", Refusal(() => thread.Post(seeker, new string('あ', 2001), "k2", false, Now)));
        Assert.Equal("messages.error.body-required", Refusal(() => thread.Post(seeker, " \r\n ", "k3", false, Now)));
        Assert.Equal("一行目\n二行目", thread.Post(seeker, "一行目\r\n二行目\r\n", "k4", false, Now).Body);
    }

    [Fact, Trait("Rule", "MSG-6")]
    public void A_closed_thread_refuses_new_messages()
    {
        var seeker = Seeker();
        var thread = Thread(seeker);
        thread.Close(Now);

        Assert.Equal("messages.error.closed", Refusal(() => thread.Post(seeker, "まだありますか", "k", false, Now)));
        Assert.Equal(0, thread.LastSeq);
    }

    [Fact, Trait("Rule", "MSG-6")]
    public void A_seeker_whose_registration_expired_cannot_send()
    {
        var seeker = Seeker();
        var thread = Thread(seeker);
        var after = seeker.RegistrationValidUntil!.Value.AddSeconds(1);

        Assert.Equal("messages.error.registration-invalid", Refusal(() => thread.Post(seeker, "返信します", "k", false, after)));
        Assert.Equal(1, thread.Post(Employer(), "ご連絡です", "k2", false, after).Seq);
    }

    [Fact, Trait("Rule", "MSG-6")]
    public void A_blocked_sender_cannot_send()
    {
        var thread = Thread(Seeker());

        Assert.Equal("messages.error.blocked", Refusal(() => thread.Post(Employer(), "ご検討ください", "k", true, Now)));
    }

    [Fact, Trait("Rule", "MSG-5")]
    public void A_thread_that_opens_later_refuses_until_then_and_then_accepts()
    {
        var seeker = Seeker();
        var thread = Thread(seeker, opensAt: Now.AddMinutes(10));

        Assert.Equal("messages.error.not-open-yet", Refusal(() => thread.Post(seeker, "質問です", "k", false, Now.AddMinutes(9))));
        Assert.Equal(1, thread.Post(seeker, "質問です", "k", false, Now.AddMinutes(10)).Seq);
    }

    [Fact, Trait("Rule", "MSG-5")]
    public void New_message_is_never_unavailable_for_more_than_a_day_whatever_the_caller_asks()
    {
        var seeker = Seeker();
        var thread = Thread(seeker, opensAt: DateTime.MaxValue);
        Assert.Equal(Now + MessageThread.LongestWaitToOpen, thread.OpensAt);

        thread.OpenAt(Now.AddYears(5), Now);

        Assert.Equal(Now + MessageThread.LongestWaitToOpen, thread.OpensAt);
        Assert.Equal(1, thread.Post(seeker, "届きますか", "k", false, Now + MessageThread.LongestWaitToOpen).Seq);
    }

    [Fact]
    public void Links_are_shown_as_links_and_everything_else_is_escaped()
    {
        var html = Message.ToHtml("<script>alert(1)</script> 地図 https://example.jp/a?b=1&c=2 と javascript:alert(2) <b>太字</b>");

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<a href=\"https://example.jp/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">https://example.jp/a?b=1&amp;c=2</a>", html);
        Assert.DoesNotContain("href=\"javascript", html);
    }

    [Fact]
    public void A_direction_control_in_a_message_is_kept_but_ends_where_it_stands()
    {
        var html = Message.ToHtml("abc\u202Etxt.exe <b>\u2067x</b> https://example.jp/\u202Dy");

        Assert.Equal("abc<bdi class=\"bidi-control\">\u202E</bdi>txt.exe &lt;b&gt;<bdi class=\"bidi-control\">\u2067</bdi>x&lt;/b&gt; "
            + "<a href=\"https://example.jp/\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">https://example.jp/</a><bdi class=\"bidi-control\">\u202D</bdi>y", html);
    }

    [Fact, Trait("Rule", "BEY-8")]
    public void Marking_unread_goes_back_to_before_the_other_sides_last_message_and_reading_again_moves_forward()
    {
        var reader = ThreadReader.For(1, Guid.NewGuid());
        reader.ReadUpTo(5);

        reader.MarkUnreadFrom(4);
        Assert.Equal((3L, 5L), (reader.ReadSeq, reader.DeliveredSeq));
        Assert.True(reader.ReadUpTo(5));
        Assert.False(reader.ReadUpTo(5));
    }
}
