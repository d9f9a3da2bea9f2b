using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace HelloWork.Web.Live;

/// <summary>One hub for every live event. Signed-in users only; users are addressed by their id.</summary>
[Authorize]
public sealed class LiveHub : Hub<ILiveClient>
{
    public const string Path = "/hubs/live";
}

public static partial class LiveEvents
{
    /// <summary>The hub methods, for the page script to subscribe to ("NoticeReceived NoticeRead").</summary>
    public static readonly string Names = string.Join(' ', typeof(ILiveClient).GetMethods().Select(m => m.Name).Order());

    public static string ToEventName(string method) => Kebab().Replace(method, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Kebab();
}
