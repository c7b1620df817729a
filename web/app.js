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
  focus(0);
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
      return;
    }
    const result = await post(`/api/invitations/${id}/decision`, {decision: action});
    card.querySelector('.state').textContent = stateName(result.state);
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
  const keys = {a: 'accept', d: 'decline', k: 'ask', s: 'spam'};
  if (keys[e.key] && card) { act(card, keys[e.key]); e.preventDefault(); }
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
