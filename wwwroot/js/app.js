// HelloWork page script: antiforgery header for htmx, the live connection, and error messages.
// Pushes carry only ids: each hub method becomes a kebab-case event on <body>
// (NoticeReceived -> notice-received) and elements with hx-trigger="... from:body" fetch themselves.
(() => {
  'use strict';
  const body = document.body;
  const token = document.querySelector('meta[name="csrf-token"]')?.content;

  document.addEventListener('htmx:configRequest', (e) => {
    if (token) e.detail.headers['RequestVerificationToken'] = token;
  });

  // Looked up each time: a 429 answer to an htmx request (SEC-5) replaces #toast with its own message.
  let toastTimer;
  function showToast(text) {
    const toast = document.getElementById('toast');
    if (!toast) return;
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toast.hidden = true; }, 6000);
  }
  // A refused request says why (HX-Trigger "request-refused", e.g. a page whose antiforgery token
  // no longer fits); htmx triggers that event before it reports the error, so the reason stays shown.
  document.addEventListener('request-refused', (e) => showToast(e.detail?.message || body.dataset.textRequestFailed));
  document.addEventListener('htmx:responseError', (e) => {
    if ((e.detail.xhr?.getResponseHeader('HX-Trigger') || '').includes('request-refused')) return;
    showToast(body.dataset.textRequestFailed);
  });
  document.addEventListener('htmx:sendError', () => showToast(body.dataset.textOffline));

  const status = document.getElementById('live-status');
  function setStatus(text) {
    if (!status) return;
    status.textContent = text || '';
    status.hidden = !text;
  }

  if (body.dataset.live !== 'on' || !window.signalR) return;

  const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const delay = (attempt) => Math.min(30000, 500 * 2 ** Math.min(attempt, 6)) * (0.8 + Math.random() * 0.4);

  // Leaving the page (a link, a form, Back) ends its live connection, perhaps in the middle of its
  // start; the server then answers "Handshake was canceled" or the negotiate fetch is aborted, and
  // SignalR's own console logger reports that as an error. A person leaving a page is not one:
  // SignalR logs through this logger, which says nothing once the page is being left and otherwise
  // writes what SignalR's ConsoleLogger writes (Information and up).
  let leaving = false;
  let leavingTimer;
  addEventListener('beforeunload', () => {
    leaving = true;
    // A download or a navigation that never happens fires beforeunload and stays on the page.
    clearTimeout(leavingTimer);
    leavingTimer = setTimeout(() => { leaving = false; }, 10000);
  });
  let shown = 0; // counts the times the page was shown: an error held from before pagehide is dropped
  addEventListener('pagehide', () => { clearTimeout(leavingTimer); leaving = true; shown++; });
  addEventListener('pageshow', (e) => {
    leaving = false;
    // Back from the back/forward cache: its connection ended while it was away.
    if (e.persisted && connection.state === signalR.HubConnectionState.Disconnected) start();
  });
  const LogLevel = signalR.LogLevel;
  const logger = {
    log(level, message) {
      if (leaving || level < LogLevel.Information) return;
      const line = `[${new Date().toISOString()}] ${LogLevel[level]}: ${message}`;
      if (level >= LogLevel.Error) {
        // The socket of a page being left can end before pagehide says so (seen with the server's
        // "Handshake was canceled"): hold an error a moment; if the page went meanwhile, it is dropped.
        const at = shown;
        setTimeout(() => { if (!leaving && at === shown) console.error(line); }, 3000);
      } else if (level === LogLevel.Warning) console.warn(line);
      else console.info(line);
    },
  };

  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live')
    .configureLogging(logger)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => delay(ctx.previousRetryCount) })
    .build();

  for (const name of (body.dataset.liveEvents || '').split(' ').filter(Boolean)) {
    const eventName = kebab(name);
    // A handler that returns a value tells SignalR "here is a result", which it logs as an error.
    connection.on(name, (id) => { htmx.trigger(body, eventName, { id }); });
  }

  let everConnected = false;
  let attempts = 0;
  let stopped = false;

  // The sign-in behind this page ended (logout in another tab, a password change, "end this
  // session" from another browser); the server closes the connection too. Reloading shows what
  // the page now is: the sign-in page.
  body.addEventListener('session-ended', () => {
    stopped = true;
    location.reload();
  });

  function connected() {
    body.dataset.liveState = 'connected';
    setStatus('');
    attempts = 0;
    // Anything sent while we were away is in the database: let every live element fetch again.
    if (everConnected) htmx.trigger(body, 'live-reconnected');
    everConnected = true;
  }

  connection.onreconnecting(() => {
    body.dataset.liveState = 'reconnecting';
    setStatus(body.dataset.textOffline);
  });
  connection.onreconnected(connected);
  // One retry timer at most: a closed connection and a failed start both come here, and a second
  // loop would call start() on a connection that is already starting (which throws).
  let retryTimer;
  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(start, delay(attempts++));
  }

  connection.onclose(() => {
    body.dataset.liveState = 'disconnected';
    // e.g. the sign-in expired (the server closes the connection; a renewed cookie lets it back in)
    // or the server restarted for longer than the automatic retries.
    if (!stopped && !leaving) retryLater();
  });

  async function start() {
    clearTimeout(retryTimer);
    if (connection.state !== signalR.HubConnectionState.Disconnected) return;
    try {
      await connection.start();
      connected();
    } catch (err) {
      body.dataset.liveState = 'disconnected';
      if (leaving) return; // the page is going away: nothing to tell, nothing to retry
      if (err && err.statusCode === 401) {
        stopped = true;
        setStatus(body.dataset.textSignedOut);
        return;
      }
      setStatus(body.dataset.textOffline);
      retryLater();
    }
  }
  start();
})();
