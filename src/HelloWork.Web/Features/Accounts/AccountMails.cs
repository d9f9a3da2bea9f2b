using HelloWork.Web.Domain;
using HelloWork.Web.Data;
using HelloWork.Web.Mail;
using HelloWork.Web.Rendering;

namespace HelloWork.Web.Features.Accounts;

/// <summary>
/// The 11 account mails (SPEC section 1, subjects from the seed document). Each call adds the mail
/// to the outbox in the caller's save; the caller saves, then calls <see cref="MailQueue.Wake"/>.
/// None carries what a MyPage message says (MAIL-1): they only tell that something happened.
/// Mails #9–#11 are sent by the requests and applications features through the methods below.
/// </summary>
public sealed class AccountMails(MailQueue mail)
{
    public void Wake() => mail.Wake();

    /// <summary>#1 アカウント仮登録完了通知: the auth key to open a MyPage (ACC-1).</summary>
    public Task<bool> OpenMyPageKey(AppDb db, AppUser user, string key, DateTime expires, DateTime now, CancellationToken ct) =>
        SendLimitedAsync(db, user, "account-provisional", new { user.DisplayName, Key = key, ValidUntil = JstText(expires) }, now, ct);

    /// <summary>
    /// #1 for the online route (ACC-2): a first-time user, whose name is not known yet, gets a neutral
    /// greeting and the link of the online sign-up's key page.
    /// </summary>
    public Task<bool> SignUpKey(AppDb db, AppUser user, string key, DateTime expires, DateTime now, CancellationToken ct) =>
        SendLimitedAsync(db, user, "signup-provisional", new { Key = key, ValidUntil = JstText(expires) }, now, ct);

    /// <summary>
    /// SEC-6 (not one of the 11): someone signed up with an address that already has a login. The
    /// page answered as for a new address; the owner learns it here, with the ways back in.
    /// </summary>
    public Task<bool> AccountExists(AppDb db, AppUser user, DateTime now, CancellationToken ct) =>
        SendLimitedAsync(db, user, "account-exists", new
        {
            user.DisplayName,
            Open = user is { Kind: UserKind.Seeker, MyPageOpenedAt: null, PasswordHash: null, WithdrawnAt: null },
            Reregister = user.CanReregister(now),
            ReregisterUntil = user.ReregistrationEnds is { } end ? JstDate(end) : "",
        }, now, ct);

    /// <summary>ACC-3 (not one of the 11): repeated failures locked the login; until when, and that a reset ends it. Only the owner reads it.</summary>
    public void AccountLocked(AppDb db, AppUser user, DateTime now) =>
        Send(db, user, "account-locked", new { user.DisplayName, Until = JstText(user.LockoutEnd?.UtcDateTime ?? now) }, now);

    /// <summary>ACC-5 (not one of the 11): the key that proves a new login address, sent to that address.</summary>
    public Task<bool> EmailChangeKey(AppDb db, AppUser user, string to, string key, DateTime expires, DateTime now, CancellationToken ct) =>
        mail.EnqueueLimitedAsync(db, to, "email-change-key", new { user.DisplayName, Key = key, ValidUntil = JstText(expires) }, now, ct);

    /// <summary>SEC-6 (not one of the 11): a login asked to move to this address, which another login already uses.</summary>
    public Task<bool> EmailChangeInUse(AppDb db, string to, DateTime now, CancellationToken ct) =>
        mail.EnqueueLimitedAsync(db, to, "email-change-in-use", new { }, now, ct);

    /// <summary>ACC-13 (not one of the 11): the one-time code that confirms a sign-in.</summary>
    public Task<bool> LoginCode(AppDb db, AppUser user, string code, DateTime expires, DateTime now, CancellationToken ct) =>
        SendLimitedAsync(db, user, "login-code", new { user.DisplayName, Code = code, ValidUntil = JstText(expires) }, now, ct);

    /// <summary>ACC-10 (not one of the 11): the key that verifies an employer's address.</summary>
    public Task<bool> EmployerVerification(AppDb db, AppUser user, string key, DateTime expires, DateTime now, CancellationToken ct) =>
        SendLimitedAsync(db, user, "employer-verification", new { user.DisplayName, Key = key, ValidUntil = JstText(expires) }, now, ct);

    /// <summary>ACC-10 (not one of the 11): an invitation to join an establishment.</summary>
    public Task<bool> EstablishmentInvite(AppDb db, string to, string inviter, string establishment, string number, string key, DateTime expires, DateTime now,
        CancellationToken ct) =>
        mail.EnqueueLimitedAsync(db, to, "establishment-invite", new { DisplayName = to, Inviter = inviter, Establishment = establishment, Number = number, Key = key,
            ValidUntil = JstText(expires) }, now, ct);

    /// <summary>#2 アカウント更新通知: the e-mail or the password was changed (ACC-5).</summary>
    public void AccountUpdated(AppDb db, AppUser user, bool email, DateTime now, string? to = null) =>
        Send(db, user, "account-updated", new
        {
            user.DisplayName,
            What = email ? "メールアドレス" : "パスワード",
            WhatEn = email ? "e-mail address" : "password",
        }, now, to);

    /// <summary>#3 アカウント再登録通知: the auth key to re-register within 30 days of withdrawing (ACC-7).</summary>
    public Task<bool> ReregistrationKey(AppDb db, AppUser user, string key, DateTime expires, DateTime now, CancellationToken ct) =>
        SendLimitedAsync(db, user, "account-reregistration", new { user.DisplayName, Key = key, ValidUntil = JstText(expires) }, now, ct);

    /// <summary>#4 パスワード再登録申込受付通知: the auth key to reset the password (ACC-5).</summary>
    public Task<bool> PasswordResetKey(AppDb db, AppUser user, string key, DateTime expires, DateTime now, CancellationToken ct) =>
        SendLimitedAsync(db, user, "password-reset", new { user.DisplayName, Key = key, ValidUntil = JstText(expires) }, now, ct);

    /// <summary>#5 求職登録完了通知: the online registration is complete and the MyPage open (ACC-2).</summary>
    public void RegistrationComplete(AppDb db, AppUser user, DateTime now) =>
        Send(db, user, "registration-complete", new { user.DisplayName }, now);

    /// <summary>#6 求職情報の一時保存通知 (ACC-2).</summary>
    public void DraftSaved(AppDb db, AppUser user, DateTime deleteOn, DateTime now) =>
        Send(db, user, "draft-saved", new { user.DisplayName, DeleteOn = JstDate(deleteOn) }, now);

    /// <summary>#7 求職情報（一時保存）消去予告通知, day 7 (ACC-2).</summary>
    public void DraftDeletionWarning(AppDb db, AppUser user, DateTime deleteOn, DateTime now) =>
        Send(db, user, "draft-deletion-warning", new { user.DisplayName, DeleteOn = JstDate(deleteOn) }, now);

    /// <summary>#8 求職情報（一時保存）の自動消去通知, day 14 (ACC-2).</summary>
    public void DraftDeleted(AppDb db, AppUser user, DateTime now) =>
        Send(db, user, "draft-deleted", new { user.DisplayName }, now);

    /// <summary>#9 求人者からのリクエスト通知: an employer's request arrived (REQ). No content of the request.</summary>
    public void RequestReceived(AppDb db, AppUser seeker, DateTime now) =>
        Send(db, seeker, "request-received", new { seeker.DisplayName }, now);

    /// <summary>#10 来所勧奨通知: the count of interview no-shows reached the limit (APP-9).</summary>
    public void VisitRecommendedAfterNoShows(AppDb db, AppUser seeker, DateTime now) =>
        Send(db, seeker, "visit-recommended-no-shows", new { seeker.DisplayName }, now);

    /// <summary>#11 来所勧奨通知: the count of rejections reached the set number.</summary>
    public void VisitRecommendedAfterRejections(AppDb db, AppUser seeker, DateTime now) =>
        Send(db, seeker, "visit-recommended-rejections", new { seeker.DisplayName }, now);

    private void Send(AppDb db, AppUser user, string template, object model, DateTime now, string? to = null) =>
        mail.Enqueue(db, to ?? user.Email ?? throw new InvalidOperationException("account without e-mail"), template, model, now);

    /// <summary>A mail anyone can make us send (a key, a code): within the address's hourly limit only (SEC-5).</summary>
    private Task<bool> SendLimitedAsync(AppDb db, AppUser user, string template, object model, DateTime now, CancellationToken ct) =>
        mail.EnqueueLimitedAsync(db, user.Email ?? throw new InvalidOperationException("account without e-mail"), template, model, now, ct);

    private static string JstText(DateTime utc) => JapanTime.ToJst(utc).ToString("yyyy年M月d日 HH:mm");

    private static string JstDate(DateTime utc) => JapanTime.ToJst(utc).ToString("yyyy年M月d日");
}
