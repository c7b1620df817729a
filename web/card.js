// One invitation as a line of a list, the selected one open; selecting, moving and following the scroll.
import {_, dateFormat, dayFormat, decisionName, labelName, lang, languageName, stateName, suggestionLine, suggestionName} from './i18n.js';
import {api} from './api.js';
import {announce, errorLine, headerBottom, inView, translate} from './ui.js';
import {activeList, currentRow, loadMore, rows, writeAll} from './lists.js';
import {act, keepNote} from './actions.js';

// ---- One invitation: a line (name, date, label, the note's first line, the suggestion), the selected one open ------
// The card's template in the page's language, translated once per language (not once per card).
const templates = new Map();
function template() {
  if (!templates.has(lang)) {
    const node = document.getElementById('card').content.firstElementChild.cloneNode(true);
    translate(node);
    templates.set(lang, node);
  }
  return templates.get(lang);
}

export function renderCard(inv, mode) {
  const node = template().cloneNode(true);
  node.dataset.id = inv.id;
  node.tabIndex = 0;
  fillCard(node, inv, mode);
  const details = node.querySelector('.messages');
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = '1';
    const list = details.querySelector('ul');
    try {
      for (const m of await api(`/api/invitations/${inv.id}/messages`)) {
        const li = document.createElement('li');
        li.textContent = `${dateFormat().format(new Date(m.at))} — ${m.from_me ? '→' : '←'} ${m.content}`;
        list.append(li);
      }
      if (!list.children.length) { const li = document.createElement('li'); li.textContent = _('No messages.'); list.append(li); }
    } catch (error) { details.append(errorLine(error)); }
  });
  node.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', (e) => { e.preventDefault(); act(node, b.dataset.action); }));
  node.querySelector('.why').addEventListener('submit', (e) => { e.preventDefault(); keepNote(node); });
  return node;
}

// Puts an invitation's data in its card (a new card, or one whose invitation changed: after a reply, an ask, a 409).
export function fillCard(node, inv, mode) {
  node.inv = inv;
  node.dataset.suggestion = inv.suggestion || '';
  node.dataset.label = inv.label || '';
  if (inv.version !== undefined && inv.version !== null) node.dataset.version = String(inv.version);
  const from = node.querySelector('.from');
  from.textContent = inv.from;
  from.id = `from-${mode}-${inv.id}`;
  node.setAttribute('aria-labelledby', from.id);
  const time = node.querySelector('time');
  const when = mode === 'decided' && inv.decided_at ? inv.decided_at : inv.sent_at;
  time.textContent = dayFormat().format(new Date(when));
  time.dateTime = when;
  time.title = (mode === 'decided' && inv.decided_at ? _('decided on {}', dateFormat().format(new Date(when))) : dateFormat().format(new Date(when)));
  const label = node.querySelector('.label-chip');
  label.textContent = inv.label ? labelName(inv.label) + (inv.check_label ? ' ?' : '') : '';
  label.className = `chip label-chip label-${inv.label || 'none'}`;
  label.hidden = !inv.label;
  if (inv.check_label) label.title = _('check this one');
  node.querySelector('.snippet').textContent = (inv.message || '').split('\n')[0];
  const sugg = node.querySelector('.sugg-chip');
  const suggesting = mode === 'queue' && inv.suggestion && inv.suggestion !== 'none';
  sugg.textContent = suggesting ? suggestionName(inv.suggestion) : '';
  sugg.className = `chip sugg-chip sugg-${inv.suggestion}`;
  sugg.hidden = !suggesting;
  const state = node.querySelector('.state');
  const stateText = mode === 'decided' ? decisionName(inv.decision) : inv.state === 'pending' ? '' : stateName(inv.state);
  state.textContent = stateText;
  state.hidden = !stateText;
  state.className = `chip state state-${mode === 'decided' ? inv.decision : inv.state}`;
  const note = node.querySelector('.note');
  note.textContent = inv.message || '';
  note.hidden = !inv.message;
  note.lang = inv.language && !['zxx', 'und'].includes(inv.language) ? inv.language : '';
  const language = inv.language && inv.language !== lang ? languageName(inv.language) : '';
  note.dataset.language = language ? _('in {}', language) : '';
  const why = node.querySelector('.why-suggest');
  why.textContent = mode === 'queue' && suggesting
    ? [suggestionLine(inv.suggestion), inv.suggestion_reason].filter(Boolean).join(' — ') : '';
  why.hidden = !why.textContent;
  const reasons = node.querySelector('.reasons');
  reasons.replaceChildren();
  const shown = inv.label === 'empty' ? [] : [...(inv.check_label ? [_('check this one')] : []), ...(inv.reasons || [])];
  for (const r of shown) { const li = document.createElement('li'); li.textContent = r; reasons.append(li); }
  reasons.hidden = !shown.length;
  const profile = node.querySelector('.profile');
  const url = /^https:\/\/([a-z]+\.)?linkedin\.com\//.test(inv.from_url || '') ? inv.from_url : '';
  profile.hidden = !url;
  if (url) { profile.href = url; profile.setAttribute('aria-label', _('LinkedIn profile of {}', inv.from)); }
  fillActions(node, inv, mode);
}

export function fillActions(node, inv, mode) {
  const name = inv.from;
  const names = {accept: _('Accept {}', name), decline: _('Decline {}', name), ask: _('Ask {}', name), spam: _('Mark {} as spam', name),
    reply: _('{} replied', name), copy: _('Copy the question to {}', name)};
  for (const b of node.querySelectorAll('[data-action]')) {
    const action = b.dataset.action;
    b.setAttribute('aria-label', names[action]);
    b.classList.toggle('primary', mode === 'queue' && action === inv.suggestion);
    if (mode === 'decided') {
      b.hidden = !['accept', 'decline', 'spam', 'copy'].includes(action);
      b.setAttribute('aria-pressed', String(action === inv.decision));
      b.disabled = action === inv.decision;
    } else {
      b.disabled = (action === 'ask' && !!inv.asked) || (action === 'reply' && !!inv.replied);
    }
  }
  node.querySelector('.asked textarea').setAttribute('aria-label', _('The question to {}', name));
  node.querySelector('.why input').setAttribute('aria-describedby', node.querySelector('.from').id);
}

// The selected invitation is the focused one: a click, Tab, the keys and scrolling move it; it is open, in view, and
// said to screen readers.
export function select(row, {focus = false, scroll = false, say = false} = {}) {
  const box = row.parentElement;
  for (const r of box.querySelectorAll('.card.focus')) if (r !== row) { r.classList.remove('focus'); r.removeAttribute('aria-current'); }
  row.classList.add('focus');
  row.setAttribute('aria-current', 'true');
  if (focus) row.focus({preventScroll: true});
  if (scroll) row.scrollIntoView({block: 'nearest'});
  if (say) announce(rowSummary(row));
}

function rowSummary(row) {
  const inv = row.inv;
  return [inv.from, labelName(inv.label), row.dataset.suggestion && row.dataset.suggestion !== 'none' ? suggestionLine(inv.suggestion) : '']
    .filter(Boolean).join(', ');
}

// Selecting a card opens it and closes the one before: the chosen card keeps its place on the screen.
export function keepPlace(row, change) {
  const before = row.getBoundingClientRect().top;
  change();
  const after = row.getBoundingClientRect().top;
  if (Math.abs(after - before) > 1) window.scrollBy(0, after - before);
}

export function move(list, step) {
  if (step > 0 && currentRow(list) === rows(list).at(-1)) writeAll(list);
  const all = rows(list);
  if (!all.length) return;
  const at = all.indexOf(currentRow(list));
  const to = all[Math.max(0, Math.min(all.length - 1, at + step))];
  select(to, {focus: true, scroll: true, say: true});
  if (step > 0 && to === all[all.length - 1]) loadMore(list);
}

// Scrolling the selected card out of view selects the first card in view (not while typing in the selected one).
export function followScroll() {
  const list = activeList();
  if (!list) return;
  const current = currentRow(list);
  if (current && inView(current)) return;
  if (current && current.contains(document.activeElement) && document.activeElement.matches('input, textarea')) return;
  const top = headerBottom();
  const row = rows(list).find((r) => r.getBoundingClientRect().top >= top - 2 && r.getBoundingClientRect().top < innerHeight);
  if (!row) return;
  const hadFocus = !document.activeElement || document.activeElement === document.body || list.box.contains(document.activeElement);
  keepPlace(row, () => select(row, {focus: hadFocus, say: true}));
}
