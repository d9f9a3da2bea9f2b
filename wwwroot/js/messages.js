// Thread pages: the catch-up request asks only for messages after the last sequence shown
// (MSG-4), and a message that somehow arrives twice is shown once, in order.
(() => {
  'use strict';
  const lastSeq = (list) => {
    let max = 0;
    for (const li of list.querySelectorAll('li[data-seq]')) max = Math.max(max, Number(li.dataset.seq));
    return max;
  };

  document.addEventListener('htmx:configRequest', (e) => {
    const sel = e.detail.elt.dataset && e.detail.elt.dataset.catchUp;
    if (!sel) return;
    const list = document.querySelector(sel);
    if (list) e.detail.parameters.after = String(lastSeq(list));
  });

  function tidy(list) {
    const seen = new Set();
    const items = [...list.querySelectorAll(':scope > li[data-seq]')];
    let ordered = true;
    let prev = -1;
    for (const li of items) {
      const seq = Number(li.dataset.seq);
      if (seen.has(seq)) { li.remove(); continue; }
      seen.add(seq);
      if (seq < prev) ordered = false;
      prev = Math.max(prev, seq);
    }
    if (!ordered) {
      [...list.querySelectorAll(':scope > li[data-seq]')]
        .sort((a, b) => Number(a.dataset.seq) - Number(b.dataset.seq))
        .forEach((li) => list.appendChild(li));
    }
  }

  // BEY-3: the state fragment carries how far the other side got; every message of ours follows it.
  function applyMarks(list) {
    const marks = document.querySelector('#thread-state .delivery-marks');
    if (!marks) return;
    const read = Number(marks.dataset.read), delivered = Number(marks.dataset.delivered);
    for (const li of list.querySelectorAll('li.message.mine[data-seq]')) {
      const seq = Number(li.dataset.seq);
      const state = li.querySelector('.message-state');
      if (!state) continue;
      state.textContent = seq <= read ? marks.dataset.textRead : seq <= delivered ? marks.dataset.textDelivered : marks.dataset.textSent;
    }
  }

  document.addEventListener('htmx:afterSwap', (e) => {
    const list = document.getElementById('thread-messages');
    if (!list) return;
    if (e.detail.target && e.detail.target.id === 'thread-state') applyMarks(list);
    const target = e.detail.target;
    if (target === list) {
      tidy(list);
      const last = list.lastElementChild;
      if (last && e.detail.requestConfig && e.detail.requestConfig.elt && e.detail.requestConfig.elt.id === 'thread-catch-up') {
        last.scrollIntoView({ block: 'nearest' });
      }
    }
    if (e.detail.elt && e.detail.elt.id === 'send-box' && e.detail.xhr && e.detail.xhr.status === 200) {
      document.getElementById('message-body')?.focus();
    }
  });

  // The send box counts what is left as the person types, as the server counts it (line ends as one
  // character, no blanks at the ends); nothing cuts a long paste, the server refuses it with its
  // reason. The count on screen follows every keystroke but is hidden from screen readers; they
  // hear it from a polite live line, once typing pauses, and only near the limit or over it.
  const lang = document.documentElement.lang || undefined;
  const fill = (template, n) => template.replace(/\{0(?::N0)?\}/, n.toLocaleString(lang));
  let speakTimer;
  function count(box) {
    const shown = document.getElementById('message-body-count');
    const live = document.getElementById('message-body-count-live');
    if (!shown) return;
    const max = Number(box.dataset.max);
    const left = max - box.value.trim().length;
    const said = left < 0 ? fill(shown.dataset.textOver, -left) : fill(shown.dataset.textLeft, left);
    shown.textContent = said;
    shown.classList.toggle('over', left < 0);
    clearTimeout(speakTimer);
    if (!live || left > max / 10) return;
    speakTimer = setTimeout(() => { if (live.textContent !== said) live.textContent = said; }, 1000);
  }
  document.addEventListener('input', (e) => { if (e.target.id === 'message-body') count(e.target); });

  // A thread page opens at its newest message.
  document.addEventListener('DOMContentLoaded', () => {
    const list = document.getElementById('thread-messages');
    if (list && list.lastElementChild) list.lastElementChild.scrollIntoView({ block: 'end' });
  });
})();
