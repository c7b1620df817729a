// motivo's web app: the triage queue, the report, people and import, over the JSON API of `motivo serve`.
// Every text that comes from the data is put in the page with textContent, never as HTML.
'use strict';

const TOKEN = document.querySelector('meta[name="motivo-token"]').content;

// The page's words: message ids (the English text) looked up in the Spanish catalog, po/es.po, which the server
// sends as JSON (/catalog/es.json) — the same catalog as the command line's. {} in a text is an argument.
const catalogs = {};
let lang = localStorage.getItem('motivo.lang') || ((navigator.language || 'es').startsWith('es') ? 'es' : 'en');
async function loadCatalog(language) {
  if (language === 'en' || catalogs[language]) return;
  const response = await fetch(`/catalog/${language}.json`);
  const body = response.ok ? await response.json() : {messages: {}, plural_forms: ''};
  catalogs[language] = {messages: body.messages, plural: pluralRule(body.plural_forms)};
}
const fill = (text, args) => { let i = 0; return text.replace(/\{\}/g, () => String(args[i++])); };
const lookup = (key) => catalogs[lang]?.messages[key];
const _ = (id, ...args) => { const v = lookup(id); return fill(Array.isArray(v) ? v[0] : (v ?? id), args); };
const pgettext = (context, id) => { const v = lookup(`${context}\u0004${id}`); return Array.isArray(v) ? v[0] : (v ?? id); };
const ngettext = (id, plural, n, ...args) => {
  const v = lookup(id);
  const text = Array.isArray(v) ? (v[catalogs[lang].plural(n)] ?? v[0]) : (n === 1 ? id : plural);
  return fill(text, [n, ...args]);
};
// The catalog's Plural-Forms ("nplurals=2; plural=(n != 1);"): C's operators over n, read without eval (the page's
// Content-Security-Policy forbids it).
function pluralRule(forms) {
  const text = /plural=([^;]*)/.exec(forms || '')?.[1] ?? 'n != 1';
  const tokens = text.match(/\d+|n|&&|\|\||[=!<>]=|[-+*\/%<>!?:()]/g) || [];
  let at = 0;
  const peek = () => tokens[at], take = (t) => (tokens[at] === t ? (at++, true) : false);
  const levels = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];
  const ops = {'||': (a, b) => +(a || b), '&&': (a, b) => +(a && b), '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b),
    '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b),
    '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => (b ? Math.floor(a / b) : 0), '%': (a, b) => (b ? a % b : 0)};
  const unary = () => {
    if (take('!')) { const f = unary(); return (n) => +!f(n); }
    if (take('(')) { const f = ternary(); take(')'); return f; }
    const t = tokens[at++];
    return t === 'n' ? (n) => n : () => Number(t);
  };
  const binary = (level) => {
    if (level === levels.length) return unary();
    let f = binary(level + 1);
    while (levels[level].includes(peek())) {
      const op = ops[tokens[at++]], a = f, b = binary(level + 1);
      f = (n) => op(a(n), b(n));
    }
    return f;
  };
  const ternary = () => {
    const c = binary(0);
    if (!take('?')) return c;
    const yes = ternary();
    take(':');
    const no = ternary();
    return (n) => (c(n) ? yes(n) : no(n));
  };
  const rule = ternary();
  return (n) => rule(n);
}

// The API's words as the page shows them.
const stateName = (s) => ({pending: pgettext('state', 'pending'), asked: pgettext('state', 'asked'), replied: pgettext('state', 'replied'),
  no_reply: pgettext('state', 'no reply'), accepted: pgettext('state', 'accepted'), declined: pgettext('state', 'declined'),
  withdrawn: pgettext('state', 'withdrawn')})[s] || s;
const labelName = (l) => ({empty: pgettext('label', 'no note'), default: pgettext('label', 'stock text'), template: pgettext('label', 'template'),
  spam: pgettext('label', 'spam'), personalized: pgettext('label', 'personalised')})[l] || l;
const suggestionName = (s) => ({accept: pgettext('suggestion', 'accept'), ask: pgettext('suggestion', 'ask'),
  decline: pgettext('suggestion', 'decline'), wait: pgettext('suggestion', 'wait'),
  check: pgettext('suggestion', 'check')})[s] || s;
const suggestionLine = (s) => ({accept: _('Suggestion: accept'), ask: _('Suggestion: ask why'), decline: _('Suggestion: decline'),
  wait: _('Suggestion: wait for the reply'), check: _('Suggestion: check the label first'), none: ''})[s];
const dateFormat = () => new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', {dateStyle: 'medium', timeStyle: 'short'});
const numberFormat = () => new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', {maximumFractionDigits: 1});

function translate(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = _(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = _(el.dataset.i18nPlaceholder); });
  // The filters' choices: the value stays the API's word, the text is the page's language.
  for (const [id, name] of [['f-label', labelName], ['f-state', stateName], ['f-suggestion', suggestionName]]) {
    for (const o of document.getElementById(id)?.options ?? []) {
      if (!o.hasAttribute('value')) o.value = o.textContent;
      if (o.value) o.textContent = name(o.value);
    }
  }
  document.getElementById('lang').textContent = lang === 'es' ? 'EN' : 'ES';
  showWho();
}

// Who is signed in (team mode): the name and role beside the language button; members do not get People.
let me = null;
function showWho() {
  const el = document.getElementById('who');
  if (!me || !me.team) { el.hidden = true; return; }
  el.textContent = me.role === 'admin' ? _('{} (admin)', me.name) : _('{} (member)', me.name);
  el.hidden = false;
  document.querySelector('nav a[href="#people"]').hidden = me.role !== 'admin';
}

async function api(path, options = {}) {
  const headers = Object.assign({'X-Motivo-Token': TOKEN}, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, {headers}));
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}
const post = (path, body) => api(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});

// ---- The queue ----------------------------------------------------------------------------------------------
let focused = 0;

function cards() { return [...document.querySelectorAll('#cards .card:not(.done)')]; }

function focus(i) {
  const list = cards();
  list.forEach((c) => c.classList.remove('focus'));
  if (!list.length) return;
  focused = Math.max(0, Math.min(i, list.length - 1));
  list[focused].classList.add('focus');
  list[focused].scrollIntoView({block: 'nearest'});
}

function renderCard(inv) {
  const node = document.getElementById('card').content.firstElementChild.cloneNode(true);
  node.dataset.id = inv.id;
  node.querySelector('.from').textContent = inv.from;
  node.querySelector('time').textContent = dateFormat().format(new Date(inv.sent_at));
  node.querySelector('time').dateTime = inv.sent_at;
  node.querySelector('.state').textContent = stateName(inv.state);
  const note = node.querySelector('.note');
  if (inv.message) note.textContent = inv.message; else { note.textContent = _('(no note)'); note.classList.add('empty'); }
  node.querySelector('.label b').textContent = inv.label ? labelName(inv.label) : '';
  if (inv.check_label) node.querySelector('.label b').textContent += ' · ' + _('check this one');
  node.querySelector('.lang').textContent = inv.language || '';
  const reasons = node.querySelector('.reasons');
  for (const r of inv.reasons || []) { const li = document.createElement('li'); li.textContent = r; reasons.append(li); }
  node.querySelector('.suggestion').textContent = suggestionLine(inv.suggestion);
  const details = node.querySelector('.messages');
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = '1';
    const list = details.querySelector('ul');
    for (const m of await api(`/api/invitations/${inv.id}/messages`)) {
      const li = document.createElement('li');
      li.textContent = `${dateFormat().format(new Date(m.at))} — ${m.from_me ? '→' : '←'} ${m.content}`;
      list.append(li);
    }
  });
  node.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', (e) => { e.preventDefault(); act(node, b.dataset.action); }));
  node.querySelector('.why').addEventListener('submit', (e) => { e.preventDefault(); keepNote(node, inv); });
  translate(node);
  return node;
}

async function loadQueue() {
  const params = new URLSearchParams({direction: 'incoming', undecided: '1', lang});
  const label = document.getElementById('f-label').value;
  if (label) params.set('label', label);
  const state = document.getElementById('f-state').value;
  if (state) params.set('state', state);
  const suggestion = document.getElementById('f-suggestion').value;
  const list = (await api(`/api/invitations?${params}`)).filter((i) => !suggestion || i.suggestion === suggestion);
  const box = document.getElementById('cards');
  box.replaceChildren(...list.map(renderCard));
  document.getElementById('count').textContent = list.length ? ngettext('{} to decide', '{} to decide', list.length) : _('Nothing to decide.');
  showDeclineSuggested(list.filter((i) => i.suggestion === 'decline'));
  focus(0);
}

// "Decline all N suggested": the invitations shown whose suggestion is decline, after a confirmation listing them.
let suggestedDeclines = [];
function showDeclineSuggested(list) {
  suggestedDeclines = list;
  const button = document.getElementById('decline-suggested');
  button.hidden = !list.length;
  button.textContent = ngettext('Decline the {} suggested', 'Decline all {} suggested', list.length);
}

async function declineSuggested() {
  const list = suggestedDeclines;
  if (!list.length) return;
  const names = list.map((i) => `• ${i.from}`).join('\n');
  if (!window.confirm(`${ngettext('Decline {} invitation?', 'Decline these {} invitations?', list.length)}\n\n${names}`)) return;
  try {
    const result = await post(`/api/invitations/decisions?lang=${lang}`, {decision: 'decline', ids: list.map((i) => i.id)});
    const applied = result.applied.map((i) => i.id);
    await loadQueue();
    if (applied.length) offerUndo(applied, ngettext('{} declined', '{} declined', applied.length));
    if (result.refused.length) showError(document.getElementById('cards'), new Error(result.refused.map((r) => `${r.from}: ${r.reason}`).join('\n')));
  } catch (error) { showError(document.getElementById('cards'), error); }
}

// After every action, for a while: Undo takes back the last decision, ask or reply recorded on those invitations.
let undoable = null;
function offerUndo(ids, text) {
  const toast = document.getElementById('toast');
  clearTimeout(undoable?.timer);
  undoable = {ids, timer: setTimeout(() => { toast.hidden = true; undoable = null; }, 15000)};
  toast.querySelector('span').textContent = text;
  toast.hidden = false;
}

async function undoLast() {
  if (!undoable) return;
  const {ids, timer} = undoable;
  clearTimeout(timer);
  undoable = null;
  document.getElementById('toast').hidden = true;
  try {
    for (const id of ids) await post(`/api/invitations/${id}/undo`, {});
  } catch (error) { showError(document.getElementById('cards'), error); }
  await loadQueue();
}

async function act(card, action) {
  const id = card.dataset.id;
  try {
    if (action === 'copy') {
      const text = card.querySelector('.asked textarea').value;
      await navigator.clipboard?.writeText(text).catch(() => {});
      card.querySelector('[data-action="copy"]').textContent = _('Copied');
      return;
    }
    if (action === 'ask') {
      const result = await post(`/api/invitations/${id}/ask`, {});
      const box = card.querySelector('.asked');
      box.hidden = false;
      box.querySelector('textarea').value = result.message;
      card.querySelector('.state').textContent = stateName('asked');
      offerUndo([id], _('Asked {}', card.querySelector('.from').textContent));
      return;
    }
    if (action === 'reply') {
      const result = await post(`/api/invitations/${id}/reply`, {});
      card.querySelector('.state').textContent = stateName(result.state);
      card.querySelector('.suggestion').textContent = suggestionLine(result.suggestion);
      offerUndo([id], _('Reply from {} recorded', result.from));
      return;
    }
    const result = await post(`/api/invitations/${id}/decision`, {decision: action});
    card.querySelector('.state').textContent = stateName(result.state);
    offerUndo([id], `${result.from}: ${stateName(result.state)}`);
    card.classList.add('done');
    setTimeout(() => { card.remove(); focus(focused); document.getElementById('count').textContent = ngettext('{} to decide', '{} to decide', cards().length); }, 250);
  } catch (error) {
    showError(card, error);
  }
}

async function keepNote(card, inv) {
  const input = card.querySelector('.why input');
  if (!input.value.trim()) return;
  try {
    // The invitation names its other person by id: never by name, which namesakes share.
    if (inv.person == null) throw new Error(_('No one to keep this note on: the invitation names no person.'));
    await post(`/api/people/${inv.person}/notes`, {note: input.value});
    input.value = '';
  } catch (error) { showError(card, error); }
}

function showError(where, error) {
  const p = document.createElement('p');
  p.className = 'error';
  p.textContent = error.message;
  where.append(p);
}

document.addEventListener('keydown', (e) => {
  if (location.hash && location.hash !== '#queue') return;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName)) return;
  const card = cards()[focused];
  const keys = {a: 'accept', d: 'decline', k: 'ask', s: 'spam', r: 'reply'};
  if (keys[e.key] && card) { act(card, keys[e.key]); e.preventDefault(); }
  else if (e.key === 'u' && undoable) { undoLast(); e.preventDefault(); }
  else if ((e.key === 'j' || e.key === ' ') && card) { focus(focused + 1); e.preventDefault(); }
  else if (e.key === 'n' && card) { card.querySelector('.why input').focus(); e.preventDefault(); }
});

// ---- Report, people, import ------------------------------------------------------------------------------------
async function loadReport() {
  const value = (id) => document.getElementById(id).value;
  const query = (since, until) => {
    const params = new URLSearchParams();
    if (since) params.set('since', since);
    if (until) params.set('until', until);
    return params;
  };
  const first = query(value('r-since'), value('r-until'));
  const comparing = value('r-since2') || value('r-until2');
  const reports = [await api(`/api/report?${first}`)];
  if (comparing) reports.push(await api(`/api/report?${query(value('r-since2'), value('r-until2'))}`));
  const full = `/report.html?${first}&lang=${lang}`;
  document.getElementById('r-open').href = full;
  document.getElementById('r-frame').src = full;
  const rate = (v) => (v === null ? '–' : `${numberFormat().format(v * 100)} %`);
  // Without Connections.csv who accepted is unknown: the API says null, never 0.
  const known = (r, v) => (r.outgoing.accepted === null ? _('unknown') : v);
  const rows = [
    [_('received'), (r) => r.incoming.received], [_('personalised'), (r) => `${r.incoming.personalized} (${rate(r.incoming.personalization_rate)})`],
    [_('asked'), (r) => r.incoming.asked], [_('replied'), (r) => `${r.incoming.replied} (${rate(r.incoming.reply_rate)})`],
    [_('accepted'), (r) => known(r, r.incoming.accepted)], [_('sent (yours)'), (r) => r.outgoing.sent],
    [_('accepted with a note'), (r) => known(r, rate(r.outgoing.acceptance_with_note))],
    [_('accepted without a note'), (r) => known(r, rate(r.outgoing.acceptance_without_note))],
  ];
  const table = document.createElement('table');
  const head = table.insertRow();
  head.insertCell();
  for (const r of reports) head.insertCell().textContent = `${r.period.since || '…'} – ${r.period.until || '…'}`;
  for (const [name, get] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = name;
    for (const r of reports) tr.insertCell().textContent = String(get(r));
  }
  document.getElementById('report').replaceChildren(table);
}

async function searchPeople() {
  const list = document.getElementById('people');
  const people = await api(`/api/people?search=${encodeURIComponent(document.getElementById('p-search').value)}`);
  if (!people.length) { const li = document.createElement('li'); li.textContent = _('Nobody matches.'); list.replaceChildren(li); return; }
  list.replaceChildren(...people.map((p) => {
    const li = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = p.name;
    li.append(name);
    for (const n of p.notes) { const q = document.createElement('div'); q.textContent = n; li.append(q); }
    return li;
  }));
}

function importExport(dropped) {
  const file = dropped || document.getElementById('i-file').files[0];
  if (!file) return;
  const form = new FormData();
  form.append('export', file);
  const bar = document.getElementById('i-progress');
  const out = document.getElementById('i-result');
  bar.hidden = false;
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/import');
  xhr.setRequestHeader('X-Motivo-Token', TOKEN);
  xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
  xhr.onload = () => {
    const body = JSON.parse(xhr.responseText);
    out.textContent = xhr.status === 200
      ? `${_('Imported')}: ${body.files.filter((f) => f.kind !== 'skipped').map((f) => `${f.file} ${f.new}/${f.rows}`).join(', ')}`
      : body.error;
  };
  xhr.send(form);
}

// ---- Navigation -------------------------------------------------------------------------------------------------
function show() {
  const view = (location.hash || '#queue').slice(1);
  for (const id of ['queue', 'report', 'people', 'import']) document.getElementById(`view-${id}`).hidden = id !== view;
  document.querySelectorAll('header nav a').forEach((a) => a.classList.toggle('active', a.hash === `#${view}`));
  if (view === 'queue') loadQueue();
  if (view === 'report') loadReport();
}

document.addEventListener('DOMContentLoaded', async () => {
  await loadCatalog(lang).catch(() => {});
  translate();
  api('/api/me').then((m) => { me = m; showWho(); }).catch(() => {});
  document.getElementById('lang').addEventListener('click', async () => {
    lang = lang === 'es' ? 'en' : 'es';
    localStorage.setItem('motivo.lang', lang);
    await loadCatalog(lang).catch(() => {});
    translate();
    show();
  });
  document.getElementById('f-label').addEventListener('change', loadQueue);
  document.getElementById('f-suggestion').addEventListener('change', loadQueue);
  document.getElementById('f-state').addEventListener('change', loadQueue);
  document.getElementById('decline-suggested').addEventListener('click', declineSuggested);
  document.getElementById('undo').addEventListener('click', undoLast);
  document.getElementById('report-form').addEventListener('submit', (e) => { e.preventDefault(); loadReport(); });
  document.getElementById('people-form').addEventListener('submit', (e) => { e.preventDefault(); searchPeople(); });
  document.getElementById('import-form').addEventListener('submit', (e) => { e.preventDefault(); importExport(); });
  // Drop the export zip anywhere on the import view.
  const zone = document.getElementById('view-import');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    if (e.dataTransfer.files.length) importExport(e.dataTransfer.files[0]);
  });
  window.addEventListener('hashchange', show);
  show();
});

// ---- Live updates (docs/WEB.md, "Live updates") ------------------------------------------------------------------
// The page asks GET /api/version every few seconds with the version it saw last. When the stored data moved (a
// `motivo fetch --watch` or any other process wrote to the database), the server says so with what arrived since,
// counted from the store, and the queue is loaded again without losing the user's place: the focused card, the
// scroll position, half-typed notes, open messages and rendered questions are carried over to the new cards.
const LIVE_EVERY_MS = 2000;
let liveVersion = null;
// While the page's own change is on its way (a decision, an ask, a note), the queue is not reloaded under it.
let liveWrites = 0;
const livePageFetch = window.fetch.bind(window);
window.fetch = async (resource, options = {}) => {
  const writing = (options.method || 'GET') !== 'GET';
  if (writing) liveWrites++;
  try { return await livePageFetch(resource, options); } finally { if (writing) liveWrites--; }
};

// The cards shown now, by invitation id, and whether the user is typing in one.
function liveKeep() {
  const kept = new Map();
  for (const card of document.querySelectorAll('#cards .card')) {
    kept.set(card.dataset.id, {node: card, typing: document.activeElement === card.querySelector('.why input')});
  }
  return kept;
}

// What the user put in the old card (read from it now: it may have changed while the queue loaded) goes to the new.
function liveRestore(card, was) {
  const old = was.node.querySelector('.why input');
  const input = card.querySelector('.why input');
  input.value = old.value;
  if (was.typing) { input.focus(); input.setSelectionRange(old.selectionStart, old.selectionEnd); }
  if (was.node.querySelector('.messages').open) card.querySelector('.messages').open = true;
  const asked = was.node.querySelector('.asked');
  if (!asked.hidden) {
    card.querySelector('.asked').hidden = false;
    card.querySelector('.asked textarea').value = asked.querySelector('textarea').value;
  }
}

// A card that left the queue (decided elsewhere) stays while it holds a note being written.
function liveKeepGone(box, id, was) {
  if (box.querySelector(`.card[data-id="${CSS.escape(id)}"]`) || !was.node.querySelector('.why input').value.trim()) return;
  was.node.classList.add('gone', 'done'); // out of the keys' way (cards())
  if (!was.node.querySelector('.gone-why')) {
    const p = document.createElement('p');
    p.className = 'gone-why';
    p.textContent = _('No longer waiting for a decision: decided elsewhere. Your note can still be kept.');
    was.node.append(p);
  }
  box.prepend(was.node);
  if (was.typing) was.node.querySelector('.why input').focus();
}

async function liveRefreshQueue() {
  const kept = liveKeep();
  const focusedId = cards()[focused]?.dataset.id;
  // The first card still on the screen keeps its place there while cards come and go above it.
  const anchor = [...kept.keys()].find((id) => kept.get(id).node.getBoundingClientRect().bottom > 0);
  const anchorTop = anchor && kept.get(anchor).node.getBoundingClientRect().top;
  await loadQueue();
  const box = document.getElementById('cards');
  for (const card of box.querySelectorAll('.card')) {
    const was = kept.get(card.dataset.id);
    if (was) liveRestore(card, was); else card.classList.add('new');
  }
  for (const [id, was] of kept) liveKeepGone(box, id, was);
  const at = cards().findIndex((c) => c.dataset.id === focusedId);
  focus(at < 0 ? 0 : at);
  const node = anchor && box.querySelector(`.card[data-id="${CSS.escape(anchor)}"]`);
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

async function livePoll() {
  try {
    if (!document.hidden && !liveWrites) {
      const since = liveVersion ? `?since=${encodeURIComponent(liveVersion)}` : '';
      const answer = await api(`/api/version${since}`);
      liveVersion = answer.version;
      if (answer.changed) {
        liveSay(answer.new);
        if ((location.hash || '#queue') === '#queue') await liveRefreshQueue();
      }
    }
  } catch (error) {
    // The server stopped or restarted: keep asking; a restarted one answers with a version of its own.
  }
  setTimeout(livePoll, LIVE_EVERY_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  const el = document.getElementById('live');
  el.addEventListener('click', () => { el.hidden = true; });
  livePoll();
});
