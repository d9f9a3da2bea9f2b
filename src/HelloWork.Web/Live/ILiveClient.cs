namespace HelloWork.Web.Live;

/// <summary>
/// What the server can tell a browser. Each push carries only an id: the page turns it into a
/// kebab-case htmx event (NoticeReceived -> notice-received) and the elements that care fetch
/// their own fragment, with permissions checked again on that fetch.
/// </summary>
public interface ILiveClient
{
    Task NoticeReceived(long noticeId);
    Task NoticeRead(long noticeId);
    Task MessageReceived(long threadId);
    Task MessageDelivered(long threadId);
    Task ThreadRead(long threadId);
    /// <summary>PRO-3: staff added a note to the seeker's registration; the profile page refetches its notes.</summary>
    Task ProfileNoteAdded(long noteId);
    /// <summary>A job of the establishment changed (submitted, accepted, returned, withdrawn, expired): the employer's job boxes refetch.</summary>
    Task JobChanged(long jobId);
    /// <summary>The office's queue of submitted jobs changed: staff queue boxes refetch.</summary>
    Task JobQueueChanged(long jobId);
    /// <summary>BEY-11: an accepted job matched one of the seeker's saved searches; its new-match count refetches.</summary>
    Task SavedSearchMatched(long savedSearchId);

    /// <summary>
    /// The sign-in this page was opened with has ended (logout elsewhere, a password change, "end
    /// this session"): the page reloads and finds itself signed out. Sent to the session's group
    /// (see <see cref="LiveSessions"/>); the server closes the connection too.
    /// </summary>
    Task SessionEnded();
}
