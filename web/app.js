// motivo's web app: the triage queue, the report, people and import, over the JSON API of `motivo serve`.
// Every text that comes from the data is put in the page with textContent, never as HTML.
'use strict';

const TOKEN = document.querySelector('meta[name="motivo-token"]').content;

const STRINGS = {
  es: {
    'nav.queue': 'Cola', 'nav.report': 'Informe', 'nav.people': 'Personas', 'nav.import': 'Importar',
    'filter.label': 'Etiqueta', 'filter.suggestion': 'Sugerencia', 'filter.state': 'Estado', 'filter.any': 'todas',
    'report.compare': 'comparar con',
    'queue.keys': 'Teclas: a aceptar · d rechazar · k preguntar · s spam · n nota · j siguiente',
    'queue.count': (n) => `${n} por decidir`, 'queue.empty': 'Nada por decidir.',
    'card.messages': 'Mensajes anteriores', 'card.why': 'Por qué conectamos', 'card.none': '(sin nota)',
    'act.accept': 'Aceptar', 'act.decline': 'Rechazar', 'act.ask': 'Preguntar', 'act.spam': 'Spam',
    'act.copy': 'Copiar', 'act.keep': 'Guardar', 'act.copied': 'Copiado',
    'suggest': (s) => ({accept: 'Sugerencia: aceptar', ask: 'Sugerencia: preguntar por qué', decline: 'Sugerencia: rechazar', wait: 'Sugerencia: esperar la respuesta', none: ''})[s],
    'state': (s) => ({pending: 'pendiente', asked: 'preguntada', replied: 'respondió', no_reply: 'sin respuesta', accepted: 'aceptada', declined: 'rechazada', withdrawn: 'retirada'})[s] || s,
    'label': (l) => ({empty: 'sin nota', default: 'texto por defecto', template: 'plantilla', spam: 'spam', personalized: 'personalizada'})[l] || l,
    'sugg': (s) => ({accept: 'aceptar', ask: 'preguntar', decline: 'rechazar', wait: 'esperar'})[s] || s,
    'report.since': 'Desde', 'report.until': 'Hasta', 'report.show': 'Ver', 'report.open': 'Abrir el informe completo',
    'people.search': 'Buscar en tus notas', 'people.find': 'Buscar', 'people.none': 'Nadie coincide.',
    'import.send': 'Importar', 'import.done': 'Importado', 'import.drop': 'Suelta aquí el zip de tu exportación de LinkedIn, o elígelo:',
    'r.received': 'recibidas', 'r.personalized': 'personalizadas', 'r.asked': 'preguntadas', 'r.replied': 'respondieron',
    'r.accepted': 'aceptadas', 'r.sent': 'enviadas (tuyas)', 'r.with_note': 'aceptadas con nota', 'r.without_note': 'aceptadas sin nota',
    'who': (name, role) => `${name} (${role === 'admin' ? 'administración' : 'equipo'})`,
  },
  en: {
    'nav.queue': 'Queue', 'nav.report': 'Report', 'nav.people': 'People', 'nav.import': 'Import',
    'filter.label': 'Label', 'filter.suggestion': 'Suggestion', 'filter.state': 'State', 'filter.any': 'any',
    'report.compare': 'compare with',
    'queue.keys': 'Keys: a accept · d decline · k ask · s spam · n note · j next',
    'queue.count': (n) => `${n} to decide`, 'queue.empty': 'Nothing to decide.',
    'card.messages': 'Earlier messages', 'card.why': 'Why we connected', 'card.none': '(no note)',
    'act.accept': 'Accept', 'act.decline': 'Decline', 'act.ask': 'Ask', 'act.spam': 'Spam',
    'act.copy': 'Copy', 'act.keep': 'Keep', 'act.copied': 'Copied',
    'suggest': (s) => ({accept: 'Suggestion: accept', ask: 'Suggestion: ask why', decline: 'Suggestion: decline', wait: 'Suggestion: wait for the reply', none: ''})[s],
    'state': (s) => ({pending: 'pending', asked: 'asked', replied: 'replied', no_reply: 'no reply', accepted: 'accepted', declined: 'declined', withdrawn: 'withdrawn'})[s] || s,
    'label': (l) => ({empty: 'no note', default: 'stock text', template: 'template', spam: 'spam', personalized: 'personalised'})[l] || l,
    'sugg': (s) => s,
    'report.since': 'Since', 'report.until': 'Until', 'report.show': 'Show', 'report.open': 'Open the full report',
    'people.search': 'Search your notes', 'people.find': 'Search', 'people.none': 'Nobody matches.',
    'import.send': 'Import', 'import.done': 'Imported', 'import.drop': 'Drop your LinkedIn export zip here, or choose it:',
    'r.received': 'received', 'r.personalized': 'personalised', 'r.asked': 'asked', 'r.replied': 'replied',
    'r.accepted': 'accepted', 'r.sent': 'sent (yours)', 'r.with_note': 'accepted with a note', 'r.without_note': 'accepted without a note',
    'who': (name, role) => `${name} (${role === 'admin' ? 'admin' : 'member'})`,
  },
};

let lang = localStorage.getItem('motivo.lang') || ((navigator.language || 'es').startsWith('es') ? 'es' : 'en');
const t = (key, ...args) => {
  const v = STRINGS[lang][key];
  return typeof v === 'function' ? v(...args) : (v ?? key);
};
const dateFormat = () => new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', {dateStyle: 'medium', timeStyle: 'short'});
const numberFormat = () => new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', {maximumFractionDigits: 1});

function translate(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  // The filters' choices: the value stays the API's word, the text is the page's language.
  for (const [id, key] of [['f-label', 'label'], ['f-state', 'state'], ['f-suggestion', 'sugg']]) {
    for (const o of document.getElementById(id)?.options ?? []) {
      if (!o.hasAttribute('value')) o.value = o.textContent;
      if (o.value) o.textContent = t(key, o.value);
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
  el.textContent = t('who', me.name, me.role);
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
  node.querySelector('.state').textContent = t('state', inv.state);
  const note = node.querySelector('.note');
  if (inv.message) note.textContent = inv.message; else { note.textContent = t('card.none'); note.classList.add('empty'); }
  node.querySelector('.label b').textContent = inv.label ? t('label', inv.label) : '';
  node.querySelector('.lang').textContent = inv.language || '';
  const reasons = node.querySelector('.reasons');
  for (const r of inv.reasons || []) { const li = document.createElement('li'); li.textContent = r; reasons.append(li); }
  node.querySelector('.suggestion').textContent = t('suggest', inv.suggestion);
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
  document.getElementById('count').textContent = list.length ? t('queue.count', list.length) : t('queue.empty');
  focus(0);
}

async function act(card, action) {
  const id = card.dataset.id;
  try {
    if (action === 'copy') {
      const text = card.querySelector('.asked textarea').value;
      await navigator.clipboard?.writeText(text).catch(() => {});
      card.querySelector('[data-action="copy"]').textContent = t('act.copied');
      return;
    }
    if (action === 'ask') {
      const result = await post(`/api/invitations/${id}/ask`, {});
      const box = card.querySelector('.asked');
      box.hidden = false;
      box.querySelector('textarea').value = result.message;
      card.querySelector('.state').textContent = t('state', 'asked');
      return;
    }
    const result = await post(`/api/invitations/${id}/decision`, {decision: action});
    card.querySelector('.state').textContent = t('state', result.state);
    card.classList.add('done');
    setTimeout(() => { card.remove(); focus(focused); document.getElementById('count').textContent = t('queue.count', cards().length); }, 250);
  } catch (error) {
    showError(card, error);
  }
}

async function keepNote(card, inv) {
  const input = card.querySelector('.why input');
  if (!input.value.trim()) return;
  try {
    const people = await api(`/api/people?search=${encodeURIComponent(inv.from)}`);
    const person = people.find((p) => p.name === inv.from) || people[0];
    if (!person) throw new Error('?');
    await post(`/api/people/${person.id}/notes`, {note: input.value});
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
  const rows = [
    ['r.received', (r) => r.incoming.received], ['r.personalized', (r) => `${r.incoming.personalized} (${rate(r.incoming.personalization_rate)})`],
    ['r.asked', (r) => r.incoming.asked], ['r.replied', (r) => `${r.incoming.replied} (${rate(r.incoming.reply_rate)})`],
    ['r.accepted', (r) => r.incoming.accepted], ['r.sent', (r) => r.outgoing.sent],
    ['r.with_note', (r) => rate(r.outgoing.acceptance_with_note)], ['r.without_note', (r) => rate(r.outgoing.acceptance_without_note)],
  ];
  const table = document.createElement('table');
  const head = table.insertRow();
  head.insertCell();
  for (const r of reports) head.insertCell().textContent = `${r.period.since || '…'} – ${r.period.until || '…'}`;
  for (const [key, get] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = t(key);
    for (const r of reports) tr.insertCell().textContent = String(get(r));
  }
  document.getElementById('report').replaceChildren(table);
}

async function searchPeople() {
  const list = document.getElementById('people');
  const people = await api(`/api/people?search=${encodeURIComponent(document.getElementById('p-search').value)}`);
  if (!people.length) { const li = document.createElement('li'); li.textContent = t('people.none'); list.replaceChildren(li); return; }
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
      ? `${t('import.done')}: ${body.files.filter((f) => f.kind !== 'skipped').map((f) => `${f.file} ${f.new}/${f.rows}`).join(', ')}`
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

document.addEventListener('DOMContentLoaded', () => {
  translate();
  api('/api/me').then((m) => { me = m; showWho(); }).catch(() => {});
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'es' ? 'en' : 'es';
    localStorage.setItem('motivo.lang', lang);
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
