// The keys of the lists.
import {can} from './ui.js';
import {activeList, currentRow} from './lists.js';
import {move} from './card.js';
import {act, undoLast, undoable} from './actions.js';

// ---- Keys ---------------------------------------------------------------------------------------------------------
// Single keys act on the selected invitation: never with Ctrl, Alt or Cmd (the browser's shortcuts), never while the
// user types in a field (Escape leaves it), never on a focused button's Space or Enter (which press that button).
const KEYS = {a: 'accept', d: 'decline', k: 'ask', s: 'spam', r: 'reply'};

export function onKey(e) {
  const help = document.getElementById('help');
  if (e.defaultPrevented || help.open) return;
  const field = e.target.closest?.('input, textarea, select, [contenteditable]');
  if (field) {
    if (e.key === 'Escape') {
      field.blur();
      const list = activeList();
      const row = field.closest('.card') || (list && currentRow(list));
      if (row) row.focus({preventScroll: true}); else document.getElementById('main').focus({preventScroll: true});
      e.preventDefault();
    }
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === '?') { help.showModal(); e.preventDefault(); return; }
  const list = activeList();
  if (!list) return;
  if ((e.key === ' ' || e.key === 'Enter') && e.target.closest?.('button, a, summary')) return;
  const row = currentRow(list);
  if (KEYS[e.key] && row) { act(row, KEYS[e.key]); e.preventDefault(); }
  else if (e.key === 'u' && undoable?.ids) { undoLast(); e.preventDefault(); }
  else if (['j', ' ', 'ArrowDown'].includes(e.key)) { move(list, 1); e.preventDefault(); }
  else if (e.key === 'ArrowUp') { move(list, -1); e.preventDefault(); }
  else if (e.key === 'n' && row && can('notes')) { row.querySelector('.why input').focus(); e.preventDefault(); }
}
