using System.Data.Common;
using HelloWork.Web.Live;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelloWork.Web.Data;

/// <summary>
/// One database connection per request. EF opens a connection before each statement and closes it
/// after; with pooling that is a rent and a return each time, and on PostgreSQL every return resets
/// the session (Npgsql's DISCARD ALL). The request's <see cref="AppDb"/> instead keeps the
/// connection it first opened (lazily: a request that never touches the database never opens one)
/// until the request's scope ends, which disposes the context and so returns the connection.
/// <para>
/// Only the request's own AppDb: background work (mail dispatcher, timed rules), the live hub's
/// invocations and the session store's writes each have their own scope and keep EF's behaviour.
/// The live hub's long-lived request (a WebSocket may stay open for hours) is left out, or it
/// would hold a pooled connection for as long as the browser stays connected.
/// </para>
/// </summary>
public static class RequestConnection
{
    public static IApplicationBuilder UseOneConnectionPerRequest(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(LiveHub.Path))
            {
                context.RequestServices.GetRequiredService<AppDb>().KeepsConnection = true;
            }
            return next(context);
        });

    /// <summary>
    /// Keeps a marked context's connection open: the close EF makes after a statement is suppressed,
    /// after which EF treats the connection as opened by the application and leaves it open until
    /// the context is disposed (end of the request's scope).
    /// </summary>
    public sealed class KeepOpen : DbConnectionInterceptor
    {
        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            eventData.Context is AppDb { KeepsConnection: true } ? InterceptionResult.Suppress() : result;

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(ConnectionClosing(connection, eventData, result));
    }
}
