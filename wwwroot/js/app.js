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
  // A part of the page that tells a failure itself (the send box shows an unsent message) cancels the event.
  document.addEventListener('request-refused', (e) => showToast(e.detail?.message || body.dataset.textRequestFailed));
  document.addEventListener('htmx:responseError', (e) => {
    if (e.defaultPrevented || (e.detail.xhr?.getResponseHeader('HX-Trigger') || '').includes('request-refused')) return;
    showToast(body.dataset.textRequestFailed);
  });
  document.addEventListener('htmx:sendError', (e) => { if (!e.defaultPrevented) showToast(body.dataset.textOffline); });

  const status = document.getElementById('live-status');
  function setStatus(text) {
    if (!status) return;
    status.textContent = text || '';
    status.hidden = !text;
  }

  if (body.dataset.live !== 'on' || !window.signalR) return;

  const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const Disconnected = signalR.HubConnectionState.Disconnected;

  // Retries: the first at once, then after about 0.5, 1, 2 s and every 3–5 s while the browser is
  // online and the tab visible; every 24–36 s otherwise. Coming back online or showing the tab
  // tries at once, so nobody waits out a long wait for catch-up.
  const active = () => navigator.onLine && document.visibilityState === 'visible';
  const jitter = () => 0.8 + Math.random() * 0.4;
  const delay = (attempt) => (active() ? Math.min(4000, 500 * 2 ** attempt) : 30000) * jitter();
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
    leavingTimer = setTimeout(() => { leaving = false; wake(); }, 10000);
  });
  let shown = 0; // counts the times the page was shown: an error held from before pagehide is dropped
  addEventListener('pagehide', () => { clearTimeout(leavingTimer); leaving = true; shown++; });
  addEventListener('pageshow', (e) => {
    leaving = false;
    // Back from the back/forward cache: its connection ended while it was away.
    if (e.persisted) wake();
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

  // No withAutomaticReconnect: one retry loop of our own (below), which the browser's online and
  // visibilitychange events can cut short; SignalR's reconnect waits cannot be.
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/live')
    .configureLogging(logger)
    .build();

  for (const name of (body.dataset.liveEvents || '').split(' ').filter(Boolean)) {
    const eventName = kebab(name);
    // A handler that returns a value tells SignalR "here is a result", which it logs as an error.
    connection.on(name, (id) => { htmx.trigger(body, eventName, { id }); });
  }

  // body[data-live-state]: connected; reconnecting (was connected, trying again); disconnected (not
  // connected yet, or signed out); offline (the browser has no network: waits for it to return).
  let everConnected = false;
  let attempts = 0;
  let signedOut = false;

  function setState(state, text) {
    body.dataset.liveState = state;
    setStatus(text);
  }

  function lost() {
    const state = !navigator.onLine ? 'offline' : everConnected ? 'reconnecting' : 'disconnected';
    setState(state, body.dataset.textOffline);
  }

  // The sign-in behind this page ended (logout in another tab, a password change, "end this
  // session" from another browser); the server closes the connection too. Reloading shows what
  // the page now is: the sign-in page.
  body.addEventListener('session-ended', () => {
    signedOut = true;
    location.reload();
  });

  function connected() {
    setState('connected', '');
    attempts = 0;
    // Anything sent while we were away is in the database: let every live element fetch again.
    if (everConnected) htmx.trigger(body, 'live-reconnected');
    everConnected = true;
  }

  // One retry timer at most: a closed connection and a failed start both come here, and a second
  // loop would call start() on a connection that is already starting (which throws).
  let retryTimer;
  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(start, delay(attempts++));
  }

  connection.onclose(() => {
    // e.g. the server restarted, the network went, or the sign-in expired (the server closes the
    // connection; a renewed cookie lets it back in).
    if (leaving) return;
    lost();
    if (!signedOut && active()) start(); else retryLater();
  });

  async function start() {
    clearTimeout(retryTimer);
    if (signedOut || connection.state !== Disconnected) return;
    if (!navigator.onLine) { lost(); retryLater(); return; }
    try {
      await connection.start();
      connected();
    } catch (err) {
      if (leaving) return; // the page is going away: nothing to tell, nothing to retry
      if (err && err.statusCode === 401) {
        signedOut = true;
        setState('disconnected', body.dataset.textSignedOut);
        return;
      }
      lost();
      retryLater();
    }
  }

  // Now, not after the current wait: the network is back, the tab is shown, or the page is back.
  function wake() {
    if (connection.state !== Disconnected) return;
    signedOut = false; // a sign-in in another tab may have renewed the cookie
    attempts = 0;
    start();
  }
  addEventListener('online', wake);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') wake(); });
  // A connection over a network that went away would only notice at the server timeout (30 s):
  // end it now; coming back online starts a fresh one and catches up.
  addEventListener('offline', () => {
    lost();
    if (connection.state !== Disconnected) connection.stop();
  });

  start();
})();
