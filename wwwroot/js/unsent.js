// Thread pages: a message that cannot be sent now (no network, the server down, its answer lost) is
// not lost and not left in the box. It shows in the thread marked 未送信 / "Not sent" and is sent
// by itself, oldest first, when the connection is back (live-reconnected, online, the tab shown, or
// a retry timer); or the person cancels it. Each message keeps the key it was given in the send
// box, and the server stores a key once (MSG-4), so sending again never stores it twice.
//
// Unsent messages are kept in this tab's sessionStorage, under the person and the thread
// (#thread-unsent[data-store]): a reload or Back keeps them; closing the tab or signing out drops
// them, so nothing is sent later from a tab the person no longer sees, nor left on a shared computer.
(() => {
  'use strict';
  const PREFIX = 'hw.unsent.';

  // Signing out forgets every unsent message of this tab.
  document.addEventListener('submit', (e) => {
    if (e.target.getAttribute('action') !== '/logout') return;
    try {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
    } catch { /* storage unavailable: nothing kept */ }
  });

  const list = document.getElementById('thread-unsent');
  const thread = document.getElementById('thread');
  if (!list || !thread) return;
  const body = document.body;
  const text = list.dataset;
  const url = '/messages/' + thread.dataset.threadId;
  const token = document.querySelector('meta[name="csrf-token"]')?.content;
  const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);

  // { key, body, direct?, refused? } oldest first. direct: on its way from the send box (htmx sends
  // it; not shown, the box still holds it). refused: the server said no (the reason, shown).
  let items = load();
  let sending = null; // the key this script is sending now
  let attempts = 0;
  let retryTimer;

  function load() {
    try { return JSON.parse(sessionStorage.getItem(list.dataset.store)) || []; } catch { return []; }
  }
  function save() {
    try {
      if (items.length) sessionStorage.setItem(list.dataset.store, JSON.stringify(items));
      else sessionStorage.removeItem(list.dataset.store);
    } catch { /* storage full or off: kept while the page stays */ }
  }

  const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  const byKey = (root, key) => root.querySelector(`li[data-key="${CSS.escape(key)}"]`);

  // The body as the thread shows it (Message.ToHtml): each direction control in a <bdi> of its own.
  function appendText(el, value) {
    for (const part of value.split(/([\u202A-\u202E\u2066-\u2069])/)) {
      if (!part) continue;
      if (/^[\u202A-\u202E\u2066-\u2069]$/.test(part)) {
        const bdi = document.createElement('bdi');
        bdi.className = 'bidi-control';
        bdi.textContent = part;
        el.append(bdi);
      } else el.append(part);
    }
  }

  function render(item) {
    let li = byKey(list, item.key);
    if (!li) {
      li = document.createElement('li');
      li.className = 'message mine unsent';
      li.dataset.key = item.key;
      const message = document.createElement('div');
      message.className = 'message-body';
      message.dir = 'auto';
      appendText(message, item.body);
      const state = document.createElement('p');
      state.className = 'message-state';
      li.append(message, state);
      list.append(li);
    }
    const state = li.querySelector('.message-state');
    if (item.key === sending) {
      state.replaceChildren(text.textSending);
    } else {
      const mark = document.createElement('strong');
      mark.className = 'unsent-mark';
      mark.textContent = item.refused ? text.textRefused : text.textUnsent;
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'link-button unsent-cancel';
      cancel.textContent = text.textCancel;
      state.replaceChildren(mark, ' ', item.refused || text.textNote, ' ', cancel);
    }
    list.hidden = false;
  }

  // Messages the thread now shows as stored (their key is on a li of #thread-messages) are done;
  // one on its way stays until its answer (or its failure) comes.
  function dropStored() {
    const stored = document.getElementById('thread-messages');
    items = items.filter((i) => i.direct || i.key === sending || !stored || !byKey(stored, i.key));
    save();
    for (const li of [...list.children]) {
      if (!items.some((i) => i.key === li.dataset.key)) li.remove();
    }
    list.hidden = list.children.length === 0;
  }

  function post(item) {
    const form = document.getElementById('send-box');
    const data = new URLSearchParams(form ? new FormData(form) : undefined); // with its antiforgery field
    data.set('Body', item.body);
    data.set('Key', item.key);
    const headers = { 'HX-Request': 'true' };
    if (token) headers.RequestVerificationToken = token;
    return fetch(url, { method: 'POST', body: data, headers, credentials: 'same-origin', redirect: 'manual', signal: AbortSignal.timeout(15000) });
  }

  async function reason(response) {
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    return doc.querySelector('.field-error')?.textContent.trim() || text.textRefused;
  }

  // Sends the oldest waiting message, then the next: one at a time, so they are stored in order.
  async function flush() {
    clearTimeout(retryTimer);
    const item = items.find((i) => !i.direct && !i.refused);
    if (!item || sending !== null || items.some((i) => i.direct) || !navigator.onLine) return;
    sending = item.key;
    render(item);
    let outcome = 'again';
    try {
      const response = await post(item);
      if (response.ok) outcome = 'stored';
      else if (response.status === 422) { outcome = 'refused'; item.refused = await reason(response); }
      else if (response.status === 404) { outcome = 'refused'; item.refused = text.textNotParticipant; }
    } catch { /* no answer: send again later */ }
    sending = null;
    if (outcome === 'stored') {
      attempts = 0;
      items = items.filter((i) => i !== item);
      save();
      // The thread fetches it like any new message; dropStored then takes this copy away.
      htmx.trigger(body, 'message-sent');
      flush();
      return;
    }
    save();
    render(item);
    if (outcome === 'refused') flush();
    else retryLater();
  }

  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, Math.min(30000, 1000 * 2 ** attempts++));
  }

  function clearBox(form) {
    const box = form.querySelector('#message-body');
    form.querySelector('input[name="Key"]').value = newKey();
    box.value = '';
    box.dispatchEvent(new Event('input', { bubbles: true })); // the character count follows
  }

  // The send box: while messages wait (or there is no network) a new one joins the end of the line.
  thread.addEventListener('htmx:confirm', (e) => {
    const form = e.detail.elt;
    if (form.id !== 'send-box') return;
    const item = { key: form.querySelector('input[name="Key"]').value, body: form.querySelector('#message-body').value };
    if (items.some((i) => i.key === item.key)) { e.preventDefault(); return; } // a second click on the same message
    if (!item.body.trim()) return; // the server says what is missing
    if (items.some((i) => !i.refused) || navigator.onLine === false) {
      e.preventDefault();
      items.push(item);
      save();
      render(item);
      clearBox(form);
      flush();
      return;
    }
    item.direct = true;
    items.push(item);
    save(); // kept should the page go away before the answer
  });

  thread.addEventListener('htmx:configRequest', (e) => {
    if (e.detail.elt.id === 'send-box') e.detail.timeout = 15000; // a send that hangs becomes unsent
  });

  const directItem = (e) => {
    const config = e.detail.requestConfig;
    if (!config || config.elt.id !== 'send-box') return null;
    return items.find((i) => i.direct && i.key === config.formData.get('Key')) || null;
  };

  // No answer, or the server could not take it now: the message moves from the box to the thread.
  function takeOver(e) {
    const item = directItem(e);
    if (!item) return;
    e.preventDefault(); // shown here, not as a toast
    delete item.direct;
    save();
    render(item);
    clearBox(e.detail.requestConfig.elt);
    dropStored(); // its push may have shown it stored already: the answer alone was lost
    retryLater();
  }
  thread.addEventListener('htmx:sendError', takeOver);
  thread.addEventListener('htmx:timeout', takeOver);
  thread.addEventListener('htmx:responseError', (e) => { if (RETRY_STATUS.has(e.detail.xhr.status)) takeOver(e); });
  // Stored, or refused with its reason in the box (draft kept): nothing more to do for it.
  thread.addEventListener('htmx:afterRequest', (e) => {
    const item = directItem(e);
    const status = e.detail.xhr.status;
    if (!item || status === 0 || status === 401 || RETRY_STATUS.has(status)) return;
    items = items.filter((i) => i !== item);
    save();
    flush();
  });

  list.addEventListener('click', (e) => {
    const button = e.target.closest('.unsent-cancel');
    if (!button) return;
    const key = button.closest('li').dataset.key;
    if (key === sending) return;
    items = items.filter((i) => i.key !== key);
    save();
    dropStored();
    document.getElementById('message-body')?.focus();
  });

  document.addEventListener('htmx:afterSwap', (e) => { if (e.detail.target?.id === 'thread-messages') dropStored(); });
  body.addEventListener('live-reconnected', () => { attempts = 0; flush(); });
  addEventListener('online', () => { attempts = 0; flush(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') flush(); });

  // From before a reload: shown as unsent at once, unless the thread already shows them stored.
  for (const item of items) delete item.direct;
  dropStored();
  items.forEach(render);
  flush();
})();
