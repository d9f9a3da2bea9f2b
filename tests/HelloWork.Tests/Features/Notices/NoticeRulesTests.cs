using HelloWork.Web.Domain;
using HelloWork.Web;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Notices;

namespace HelloWork.Tests.Features.Notices;

public sealed class NoticeRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 1, 0, 0, DateTimeKind.Utc);
    private readonly AppUser _staff = AppUser.Create(UserKind.Staff, "staff@t.example", "職員", Now);
    private readonly AppUser _seeker = AppUser.Create(UserKind.Seeker, "seeker@t.example", "求職者", Now);

    [Fact, Trait("Rule", "MSG-2")]
    public void Staff_send_a_notice_to_one_person_unread_and_trimmed()
    {
        var notice = Notice.Send(_staff, _seeker, "  面接会のご案内 ", " 本文 ", Now);

        Assert.Equal(_seeker.Id, notice.RecipientId);
        Assert.Equal(_staff.Id, notice.SenderId);
        Assert.Equal("面接会のご案内", notice.Title);
        Assert.Equal("本文", notice.Body);
        Assert.Equal(Now, notice.SentAt);
        Assert.False(notice.IsRead);
    }

    [Fact, Trait("Rule", "MSG-2")]
    public void Only_staff_send_notices_and_never_to_staff()
    {
        var employer = AppUser.Create(UserKind.Employer, "e@t.example", "求人者", Now);

        Assert.Equal("notices.error.only-staff", Assert.Throws<DomainException>(() => Notice.Send(employer, _seeker, "t", "b", Now)).Key);
        Assert.Equal("notices.error.recipient-kind", Assert.Throws<DomainException>(() => Notice.Send(_staff, _staff, "t", "b", Now)).Key);
    }

    [Theory, Trait("Rule", "MSG-2")]
    [InlineData("", "本文", "notices.error.title-required")]
    [InlineData("   ", "本文", "notices.error.title-required")]
    [InlineData("件名", "", "notices.error.body-required")]
    public void A_notice_needs_a_title_and_a_body(string title, string body, string key) =>
        Assert.Equal(key, Assert.Throws<DomainException>(() => Notice.Send(_staff, _seeker, title, body, Now)).Key);

    [Fact, Trait("Rule", "MSG-2")]
    public void Title_and_body_have_limits_counted_in_characters_not_bytes()
    {
        Notice.Send(_staff, _seeker, new string('あ', Notice.TitleMax), new string('い', Notice.BodyMax), Now);

        Assert.Equal("notices.error.title-too-long",
            Assert.Throws<DomainException>(() => Notice.Send(_staff, _seeker, new string('あ', Notice.TitleMax + 1), "b", Now)).Key);
        Assert.Equal("notices.error.body-too-long",
            Assert.Throws<DomainException>(() => Notice.Send(_staff, _seeker, "t", new string('い', Notice.BodyMax + 1), Now)).Key);
    }

    [Fact, Trait("Rule", "MSG-2")]
    public void Reading_marks_read_once_and_keeps_the_first_read_time()
    {
        var notice = Notice.Send(_staff, _seeker, "t", "b", Now);

        Assert.True(notice.MarkRead(Now.AddMinutes(5)));
        Assert.False(notice.MarkRead(Now.AddMinutes(9)));
        Assert.Equal(Now.AddMinutes(5), notice.ReadAt);
    }
}
