// What is done with an invitation (decisions, ask, reply, note, copy, declining the suggested) and Undo.
import {_, decisionName, lang, ngettext, stateName} from './i18n.js';
import {api, post} from './api.js';
import {announce, can, errorLine} from './ui.js';
import {activeList, afterPage, currentRow, decided, loadQueue, queue, rows} from './lists.js';
import {fillActions, fillCard, select} from './card.js';
import {liveRefresh} from './live.js';

// ---- Actions ------------------------------------------------------------------------------------------------------
// Every write carries the version of the invitation the page showed (`version`); a change made since (another tab,
// the command line) answers 409 "stale" with the invitation as it is now, which the card then shows.
const withVersion = (row, body = {}) => (row.dataset.version ? Object.assign({version: row.dataset.version}, body) : body);

export async function act(row, action) {
  if (action === 'copy') { copyQuestion(row); return; }
  const list = row.closest('#decided-cards') ? decided : queue;
  if (!can('decide') || row.dataset.busy || row.classList.contains('done')) return;
  const button = row.querySelector(`[data-action="${action}"]`);
  if (!button || button.disabled || button.hidden) return; // e.g. Ask once asked: no second ask
  const id = row.dataset.id;
  const name = row.inv.from;
  row.dataset.busy = '1';
  row.querySelectorAll('.actions button').forEach((b) => { b.dataset.was = String(b.disabled); b.disabled = true; });
  clearErrors(row);
  try {
    if (action === 'ask') await ask(row, id, name);
    else if (action === 'reply') {
      const result = await post(`/api/invitations/${id}/reply?lang=${lang}`, withVersion(row));
      fillCard(row, result, list.mode);
      offerUndo([id], _('Reply from {} recorded', name));
    } else await decide(row, list, id, action);
  } catch (error) {
    if (error.status === 409 && error.body.invitation) stale(row, list, error.body.invitation);
    else showError(row, error);
  } finally {
    delete row.dataset.busy;
    if (row.isConnected && !row.classList.contains('done')) fillActions(row, row.inv, list.mode);
  }
}

async function ask(row, id, name) {
  const result = await post(`/api/invitations/${id}/ask`, withVersion(row));
  const box = row.querySelector('.asked');
  box.hidden = false;
  box.querySelector('textarea').value = result.message;
  // The invitation as it is now (asked: no longer suggesting to ask, Ask disabled), its new version with it.
  const fresh = await api(`/api/invitations/${id}?lang=${lang}`).catch(() => null);
  fillCard(row, fresh || Object.assign({}, row.inv, {asked: true, state: 'asked', suggestion: 'wait', suggestion_reason: ''}), 'queue');
  offerUndo([id], _('Asked {}: copy the question and send it on LinkedIn', name));
}

async function decide(row, list, id, action) {
  const result = await post(`/api/invitations/${id}/decision?lang=${lang}`, withVersion(row, {decision: action}));
  offerUndo([id], `${result.from}: ${decisionName(action)}`);
  if (list.mode === 'decided') { fillCard(row, Object.assign({decided_at: row.inv.decided_at}, result), 'decided'); return; }
  const next = rows(list)[rows(list).indexOf(row) + 1] || rows(list)[rows(list).indexOf(row) - 1];
  const hadFocus = row.contains(document.activeElement) || document.activeElement === document.body;
  row.classList.add('done');
  row.classList.remove('focus');
  setTimeout(() => {
    row.remove();
    if (next?.isConnected && !currentRow(list)) select(next, {focus: hadFocus, scroll: true});
    afterPage(list);
  }, 250);
}

// Another tab or process changed the invitation: show it as it is now, say so, do nothing.
function stale(row, list, current) {
  fillCard(row, current, list.mode);
  const now = current.decision ? decisionName(current.decision) : stateName(current.state);
  showError(row, new Error(_('{} changed elsewhere since this page showed it (now: {}). Nothing was done: look again and choose.', current.from, now)));
  if (list.mode === 'queue' && current.decision) row.classList.add('gone');
}

async function copyQuestion(row) {
  const area = row.querySelector('.asked textarea');
  const button = row.querySelector('[data-action="copy"]');
  let copied = false;
  // The clipboard API exists only in a secure context (https, or loopback): elsewhere the text is selected instead.
  if (navigator.clipboard && window.isSecureContext) {
    copied = await navigator.clipboard.writeText(area.value).then(() => true, () => false);
  }
  if (!copied) { area.focus(); area.select(); }
  button.textContent = copied ? _('Copied') : _('Could not copy: the text is selected, copy it with Ctrl+C');
  button.classList.toggle('failed', !copied);
  announce(button.textContent);
}

// The note goes to the invitation's other person (by id: never by name, which namesakes share), logged on the
// invitation so that Undo takes it back; it carries the version the page saw, as every write.
export async function keepNote(row) {
  const input = row.querySelector('.why input');
  const note = input.value.trim();
  if (!note) return;
  const list = row.closest('#decided-cards') ? decided : queue;
  clearErrors(row);
  try {
    if (row.inv.person == null) throw new Error(_('No one to keep this note on: the invitation names no person.'));
    const result = await post(`/api/invitations/${row.dataset.id}/note?lang=${lang}`, withVersion(row, {note: input.value}));
    input.value = '';
    fillCard(row, Object.assign({decided_at: row.inv.decided_at}, result), list.mode); // its version moved
    offerUndo([row.dataset.id], _('Note kept on {}: {}', row.inv.from, note));
  } catch (error) {
    if (error.status === 409 && error.body.invitation) stale(row, list, error.body.invitation);
    else showError(row, error);
  }
}

function clearErrors(row) { row.querySelector('.errors').replaceChildren(); }
function showError(row, error) { row.querySelector('.errors').append(errorLine(error)); }

// "Decline all N suggested": the invitations shown whose suggestion is decline, after a confirmation listing them.
let suggestedDeclines = [];
export function showDeclineSuggested(list) {
  suggestedDeclines = list;
  const button = document.getElementById('decline-suggested');
  button.hidden = !list.length || !can('decide');
  button.textContent = ngettext('Decline the {} suggested', 'Decline all {} suggested', list.length);
}

export async function declineSuggested() {
  const list = suggestedDeclines;
  if (!list.length) return;
  const names = list.map((i) => `• ${i.from}`).join('\n');
  if (!window.confirm(`${ngettext('Decline {} invitation?', 'Decline these {} invitations?', list.length)}\n\n${names}`)) return;
  try {
    const result = await post(`/api/invitations/decisions?lang=${lang}`, {decision: 'decline', ids: list.map((i) => i.id)});
    const applied = result.applied.map((i) => i.id);
    await loadQueue();
    if (applied.length) offerUndo(applied, ngettext('{} declined', '{} declined', applied.length));
    if (result.refused.length) {
      queue.box.prepend(errorLine(new Error(result.refused.map((r) => `${r.from}: ${r.reason}`).join('\n'))));
    }
  } catch (error) { queue.box.prepend(errorLine(error)); }
}

// After every action, for a while, what was done — with Undo, which takes back the last decision, ask, reply or note
// recorded on those invitations (POST …/undo). A note taken back goes back into its field, to be written again.
const UNDO_MS = 15000;
export let undoable = null;
function offerUndo(ids, text) {
  const toast = document.getElementById('toast');
  clearTimeout(undoable?.timer);
  undoable = {ids, timer: setTimeout(() => { toast.hidden = true; undoable = null; }, UNDO_MS)};
  toast.querySelector('span').textContent = text;
  document.getElementById('undo').hidden = !ids;
  toast.hidden = false;
}

export async function undoLast() {
  if (!undoable?.ids) return;
  const {ids, timer} = undoable;
  clearTimeout(timer);
  undoable = null;
  const toast = document.getElementById('toast');
  toast.hidden = true;
  const list = activeList() || queue;
  try {
    for (const id of ids) {
      const row = list.box.querySelector(`.card[data-id="${CSS.escape(String(id))}"]`);
      const result = await post(`/api/invitations/${id}/undo?lang=${lang}`, row?.isConnected && !row.classList.contains('done') ? withVersion(row) : {});
      const input = row?.isConnected && row.querySelector('.why input');
      if (result?.undone?.kind === 'note' && input && !input.value) input.value = result.undone.text;
      if (result?.invitation) announce(_('Undone: {}', result.invitation.from));
    }
  } catch (error) { list.box.prepend(errorLine(error)); }
  await liveRefresh(list);
}
