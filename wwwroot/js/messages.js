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

  // A thread page opens at its newest message.
  document.addEventListener('DOMContentLoaded', () => {
    const list = document.getElementById('thread-messages');
    if (list && list.lastElementChild) list.lastElementChild.scrollIntoView({ block: 'end' });
  });
})();
