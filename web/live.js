// Live updates: the page follows the database while it is open.
import {_, ngettext} from './i18n.js';
import {api, writes} from './api.js';
import {headerBottom} from './ui.js';
import {activeList, currentRow, loadDecided, loadQueue, queue, rows, writeAll} from './lists.js';
import {select} from './card.js';

// ---- Live updates (docs/WEB.md, "Live updates") ------------------------------------------------------------------
// The page asks GET /api/version every few seconds with the version it saw last, and at once when it comes back into
// view or gets the focus again. When the stored data moved (a `motivo fetch --watch`, another tab, any other
// process), the server says so with what arrived since, counted from the store, and the list is loaded again without
// losing the user's place: the selected card, the scroll position, half-typed notes, open messages and rendered
// questions are carried over to the new cards.
const LIVE_EVERY_MS = 2000;
let liveVersion = null;
// While the page's own change is on its way (a decision, an ask, a note), the list is not reloaded under it
// (writes.pending, api.js); a reload already on its way reads again after it (lists.js).

// The cards shown now, by invitation id, and whether the user is typing in one.
function liveKeep(list) {
  const kept = new Map();
  for (const card of list.box.querySelectorAll('.card')) {
    kept.set(card.dataset.id, {node: card, typing: document.activeElement === card.querySelector('.why input'),
      focused: document.activeElement === card});
  }
  return kept;
}

// What the user put in the old card (read from it now: it may have changed while the list loaded) goes to the new.
function liveRestore(card, was) {
  const old = was.node.querySelector('.why input');
  const input = card.querySelector('.why input');
  input.value = old.value;
  if (was.node.querySelector('.messages').open) card.querySelector('.messages').open = true;
  const asked = was.node.querySelector('.asked');
  if (!asked.hidden) {
    card.querySelector('.asked').hidden = false;
    card.querySelector('.asked textarea').value = asked.querySelector('textarea').value;
  }
}

// A card that left the list (decided elsewhere) stays while it holds a note being written.
function liveKeepGone(list, id, was) {
  if (list.box.querySelector(`.card[data-id="${CSS.escape(id)}"]`) || !was.node.querySelector('.why input').value.trim()) return;
  was.node.classList.add('gone', 'done'); // out of the keys' way (rows())
  if (!was.node.querySelector('.gone-why')) {
    const p = document.createElement('p');
    p.className = 'gone-why';
    p.textContent = _('No longer waiting for a decision: decided elsewhere. Your note can still be kept.');
    was.node.querySelector('.detail').prepend(p);
  }
  list.box.prepend(was.node);
  if (was.typing) was.node.querySelector('.why input').focus();
}

// What the page shows now, read just before the new cards replace the old (not when the reload starts: the user may
// click a card or type while it loads): the cards, the selected one, the note being typed and the anchor.
function liveSnapshot(list) {
  const kept = liveKeep(list);
  const active = document.activeElement;
  const typingIn = [...kept.values()].find((w) => w.typing);
  // The first card still on the screen keeps its place there while cards come and go above it.
  const anchor = [...kept.keys()].find((id) => kept.get(id).node.getBoundingClientRect().bottom > headerBottom());
  return {kept, typingIn, anchor, selectedId: currentRow(list)?.dataset.id,
    caret: typingIn && [active.selectionStart, active.selectionEnd],
    anchorTop: anchor && kept.get(anchor).node.getBoundingClientRect().top};
}

export async function liveRefresh(list) {
  const load = list === queue ? loadQueue : loadDecided;
  writeAll(list);
  const was = await load({atLeast: rows(list).length, beforePaint: () => liveSnapshot(list), whole: true});
  if (!was) return;
  const {kept, typingIn, caret, anchor, anchorTop, selectedId} = was;
  for (const card of list.box.querySelectorAll('.card')) {
    const old = kept.get(card.dataset.id);
    if (old) liveRestore(card, old); else if (kept.size) card.classList.add('new');
  }
  for (const [id, old] of kept) liveKeepGone(list, id, old);
  const selected = selectedId && list.box.querySelector(`.card[data-id="${CSS.escape(selectedId)}"]:not(.done)`);
  if (selected) select(selected, {});
  else if (rows(list).length) select(rows(list)[0], {});
  // The focus goes back where it was: the note being typed (with its caret) or the selected card.
  if (typingIn) {
    const input = list.box.querySelector(`.card[data-id="${CSS.escape(typingIn.node.dataset.id)}"] .why input`);
    if (input) { input.focus({preventScroll: true}); input.setSelectionRange(caret[0], caret[1]); }
  } else if ([...kept.values()].some((w) => w.focused) && currentRow(list)) currentRow(list).focus({preventScroll: true});
  const node = anchor && list.box.querySelector(`.card[data-id="${CSS.escape(anchor)}"]`);
  if (node) window.scrollBy(0, node.getBoundingClientRect().top - anchorTop);
}

// "2 new invitations, 1 reply": the server's counts, in the page's language.
function liveSay(arrived) {
  const parts = [];
  if (arrived.invitations) parts.push(ngettext('{} new invitation', '{} new invitations', arrived.invitations));
  if (arrived.replies) parts.push(ngettext('{} reply', '{} replies', arrived.replies));
  if (arrived.messages) parts.push(ngettext('{} new message', '{} new messages', arrived.messages));
  if (!parts.length) return;
  const el = document.getElementById('live');
  el.textContent = parts.join(', ');
  el.hidden = false;
}

let liveChecking = false;
async function liveCheck() {
  if (document.hidden || writes.pending || liveChecking) return;
  liveChecking = true;
  try {
    const since = liveVersion ? `?since=${encodeURIComponent(liveVersion)}` : '';
    const answer = await api(`/api/version${since}`);
    liveVersion = answer.version;
    if (answer.changed) {
      liveSay(answer.new);
      const list = activeList();
      if (list) await liveRefresh(list);
    }
  } catch (error) {
    // The server stopped or restarted: keep asking; a restarted one answers with a version of its own.
  } finally {
    liveChecking = false;
  }
}

async function livePoll() {
  await liveCheck();
  setTimeout(livePoll, LIVE_EVERY_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  const el = document.getElementById('live');
  el.addEventListener('click', () => { el.hidden = true; });
  // Back to the tab (or the window): what another tab or process did since shows now, not at the next poll.
  document.addEventListener('visibilitychange', () => { if (!document.hidden) liveCheck(); });
  window.addEventListener('focus', () => liveCheck());
  livePoll();
});
