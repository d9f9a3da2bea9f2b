using Microsoft.AspNetCore.SignalR;

namespace HelloWork.Web.Live;

/// <summary>
/// Pushes after the save has committed. A push that fails (no connection, a server going down)
/// loses nothing: the data is in the database and the page fetches it when it loads or reconnects.
/// </summary>
public sealed class LiveNotifier(IHubContext<LiveHub, ILiveClient> hub, ILogger<LiveNotifier> logger)
{
    public ILiveClient User(Guid userId) => hub.Clients.User(userId.ToString());

    public async Task PushAsync(Func<ILiveClient, Task> push, Guid userId)
    {
        try
        {
            await push(User(userId));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Live push to {User} failed; the page will catch up on its next fetch", userId);
        }
    }

    /// <summary>The same push to several people (say, both sides of a thread); failures are logged, never thrown.</summary>
    public async Task PushAsync(Func<ILiveClient, Task> push, IReadOnlyList<Guid> userIds)
    {
        try
        {
            await push(hub.Clients.Users(userIds.Select(u => u.ToString()).ToList()));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Live push to {Count} people failed; their pages will catch up on their next fetch", userIds.Count);
        }
    }
}
