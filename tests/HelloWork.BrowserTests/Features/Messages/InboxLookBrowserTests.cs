using HelloWork.BrowserTests.Infrastructure;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Jobs;
using HelloWork.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelloWork.BrowserTests.Features.Messages;

/// <summary>
/// The inbox looks like the notices list: no list bullets, and the unread count a small mark on
/// the row's line, not a tall box (what a new user saw before).
/// </summary>
public abstract class InboxLookBrowserTests(HelloWorkApp app, string db)
{
    private sealed record Box(double X, double Y, double Width, double Height)
    {
        public double Bottom => Y + Height;
        public double Right => X + Width;
    }

    /// <summary>
    /// The row's, its unread mark's and its kind label's boxes, read in one go: the header's badges
    /// load a moment later and may move the whole list down between two separate reads.
    /// </summary>
    private static async Task<Box[]> BoxesAsync(ILocator row) =>
        (await row.EvaluateAsync<double[][]>(@"li => [li, li.querySelector('.unread-mark'), li.querySelector('.thread-kind')]
            .map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"))
        .Select(b => new Box(b[0], b[1], b[2], b[3])).ToArray();

    [Theory]
    [InlineData(1280, 900, "desktop")]
    [InlineData(375, 740, "phone")]
    public async Task Inbox_rows_have_no_bullets_and_the_unread_mark_sits_inside_its_row(int width, int height, string view)
    {
        var est = Establishment.Create($"7{Random.Shared.Next(100, 999)}-{Random.Shared.Next(100000, 999999)}-1", "株式会社みどり介護", "東京都", "新宿区", app.Clock.UtcNow);
        await app.WithDbAsync(async d => { d.Add(est); await d.SaveChangesAsync(); });
        var seekerUser = await app.CreateUserAsync(UserKind.Seeker, "山田 花子");
        var employerUser = await app.CreateUserAsync(UserKind.Employer, "みどり介護 採用担当");
        await app.WithDbAsync(d => d.Users.Where(u => u.Id == employerUser.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.EstablishmentId, est.Id)));
        var thread = await app.WithDbAsync(d => OpenThread.ForAsync(d, ThreadSubject.Application, Guid.NewGuid().ToString("N"),
            "介護職員（デイサービス）への応募についてのご連絡とご相談", new(seekerUser.Id, est.Id), app.Clock.UtcNow));
        await using (var employer = await Person.SignInAsync(app, employerUser))
        {
            // Leaving a page while its live connection shakes hands logs an error the fixture counts.
            await employer.WaitUntilLiveAsync();
            await employer.Page.GotoAsync($"/messages/{thread.Id}");
            await employer.WaitUntilLiveAsync();
            await employer.Page.FillAsync("#message-body", "面接日程のご相談です。");
            await employer.Page.ClickAsync("#send-box button[type=submit]");
            await Expect(employer.Page.Locator("#thread-messages li.message")).ToHaveCountAsync(1);
        }
        await using var seeker = await Person.SignInAsync(app, seekerUser, width, height);
        await seeker.WaitUntilLiveAsync();

        await seeker.Page.GotoAsync("/messages");
        var row = seeker.Page.Locator($".thread-row[data-thread-id='{thread.Id}']");
        await Expect(row.Locator(".unread-mark")).ToHaveTextAsync("1");
        await seeker.WaitUntilLiveAsync();

        var listStyles = await seeker.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#thread-list ul.rows, #thread-list li.thread-row')].map(e => getComputedStyle(e).listStyleType)");
        Assert.NotEmpty(listStyles);
        Assert.All(listStyles, style => Assert.Equal("none", style));
        var markerContent = await row.EvaluateAsync<string>("li => getComputedStyle(li, '::marker').content");
        Assert.True(markerContent is "none" or "normal" or "", $"row marker content: {markerContent}");
        var padding = await seeker.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#thread-list ul.rows')).paddingLeft");
        Assert.Equal("0px", padding);

        var boxes = await BoxesAsync(row);
        var (rowBox, mark, kind) = (boxes[0], boxes[1], boxes[2]);
        Assert.True(mark.Y >= rowBox.Y && mark.Bottom <= rowBox.Bottom && mark.X >= rowBox.X && mark.Right <= rowBox.Right,
            $"{view}: the unread mark {mark} is outside its row {rowBox}");
        Assert.True(mark.Height <= kind.Height * 1.3, $"{view}: the unread mark is {mark.Height}px tall beside text {kind.Height}px tall");
        Assert.True(Math.Abs((mark.Y + mark.Height / 2) - (kind.Y + kind.Height / 2)) <= 4, $"{view}: the unread mark {mark} is not on the line of the text beside it {kind}");
        var overflow = await seeker.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the inbox is {overflow}px wider than the {view}");
        await seeker.ScreenshotAsync($"inbox-{db}-{view}");
    }
}

public sealed class InboxLookBrowserTestsOnSqlite(KestrelSqliteApp app) : InboxLookBrowserTests(app, "sqlite"), IClassFixture<KestrelSqliteApp>;

public sealed class InboxLookBrowserTestsOnPostgres(KestrelPostgresApp app) : InboxLookBrowserTests(app, "postgres"), IClassFixture<KestrelPostgresApp>;
