// The report, people and import views.
import {_, catalogReady, lang, ngettext, numberFormat, pgettext} from './i18n.js';
import {TOKEN, api, inLanguage} from './api.js';
import {can, errorLine} from './ui.js';

// ---- Report, people, import ------------------------------------------------------------------------------------
let reportController = null;
function reportError(text) {
  const el = document.getElementById('r-error');
  el.textContent = text;
  el.hidden = !text;
  if (!text) return;
  document.getElementById('report').replaceChildren(); // no figures of another period under the error
  const frame = document.getElementById('r-frame');
  frame.removeAttribute('src');
  frame.hidden = true;
}

export async function loadReport() {
  const value = (id) => document.getElementById(id).value;
  const query = (since, until) => {
    const params = new URLSearchParams();
    if (since) params.set('since', since);
    if (until) params.set('until', until);
    return params;
  };
  for (const [since, until] of [[value('r-since'), value('r-until')], [value('r-since2'), value('r-until2')]]) {
    if (since && until && since > until) { reportError(_('The period ends before it starts: {} – {}.', since, until)); return; }
  }
  reportController?.abort();
  const controller = reportController = new AbortController();
  const first = query(value('r-since'), value('r-until'));
  const comparing = value('r-since2') || value('r-until2');
  let reports;
  try {
    reports = [await api(`/api/report?${first}`, {signal: controller.signal})];
    if (comparing) reports.push(await api(`/api/report?${query(value('r-since2'), value('r-until2'))}`, {signal: controller.signal}));
  } catch (error) {
    if (controller === reportController && error.name !== 'AbortError') reportError(error.message);
    return;
  }
  await catalogReady;
  if (controller !== reportController) return;
  reportError('');
  const full = `/report.html?${first}&lang=${lang}`;
  document.getElementById('r-open').href = full;
  const frame = document.getElementById('r-frame');
  frame.hidden = false;
  frame.title = _('The full report');
  if (frame.getAttribute('src') !== full) frame.src = full;
  document.getElementById('report').replaceChildren(reportTable(reports));
}

// The report's main figures, a column per period; every rate with its n (how many it is a rate of).
function reportTable(reports) {
  const rate = (v, n) => (v === null || v === undefined ? '–' : `${numberFormat().format(v * 100)} % (n = ${n})`);
  // Without Connections.csv who accepted is unknown: the API says null, never 0.
  const known = (r, v) => (r.outgoing.accepted === null ? _('unknown') : v);
  const rows = [
    [_('received'), (r) => r.incoming.received],
    [_('personalised'), (r) => `${r.incoming.personalized} · ${rate(r.incoming.personalization_rate, r.incoming.personalization_rate_n)}`],
    [_('asked'), (r) => r.incoming.asked],
    [_('replied'), (r) => `${r.incoming.replied} · ${rate(r.incoming.reply_rate, r.incoming.reply_rate_n)}`],
    [_('accepted'), (r) => known(r, r.incoming.accepted)], [_('sent (yours)'), (r) => r.outgoing.sent],
    [_('accepted with a note'), (r) => known(r, rate(r.outgoing.acceptance_with_note, r.outgoing.acceptance_with_note_n))],
    [_('accepted without a note'), (r) => known(r, rate(r.outgoing.acceptance_without_note, r.outgoing.acceptance_without_note_n))],
  ];
  const table = document.createElement('table');
  const caption = table.createCaption();
  caption.textContent = _('Main figures');
  const head = table.createTHead().insertRow();
  const corner = document.createElement('td');
  head.append(corner);
  for (const r of reports) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = r.period.since || r.period.until ? `${r.period.since || '…'} – ${r.period.until || '…'}` : pgettext('report title', 'all time');
    head.append(th);
  }
  const body = table.createTBody();
  for (const [name, get] of rows) {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = name;
    tr.append(th);
    for (const r of reports) tr.insertCell().textContent = String(get(r));
  }
  return table;
}

// The embedded report is as tall as its content: one scroll bar, the page's.
export function fitFrame() {
  const frame = document.getElementById('r-frame');
  try {
    const doc = frame.contentDocument;
    if (doc?.documentElement) frame.style.height = `${doc.documentElement.scrollHeight}px`;
  } catch { /* another origin: keep the stylesheet's height */ }
}

export async function searchPeople() {
  const list = document.getElementById('people');
  let people;
  try {
    people = await api(`/api/people?search=${encodeURIComponent(document.getElementById('p-search').value)}`);
  } catch (error) { list.replaceChildren(errorLine(error)); return; }
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

// The import's result: whose export, what was new in each file, and an error that looks like one.
function importResult(body) {
  const out = [];
  const title = document.createElement('p');
  title.className = 'ok';
  title.textContent = body.owner ? _('Imported the export of {}.', body.owner) : _('Imported.');
  out.push(title);
  const ul = document.createElement('ul');
  for (const f of body.files.filter((x) => x.kind !== 'skipped')) {
    const li = document.createElement('li');
    li.textContent = `${f.file}: ${ngettext('{} new', '{} new', f.new)} (${ngettext('{} row', '{} rows', f.rows)})`;
    ul.append(li);
  }
  if (body.people_added) { const li = document.createElement('li'); li.textContent = ngettext('{} person added', '{} people added', body.people_added); ul.append(li); }
  out.push(ul);
  const invitations = body.files.filter((f) => f.kind === 'invitations').reduce((n, f) => n + f.new, 0);
  if (invitations && can('decide')) {
    const a = document.createElement('a');
    a.href = '#queue';
    a.textContent = ngettext('See the {} new invitation', 'See the {} new invitations', invitations);
    out.push(a);
  }
  return out;
}

export function importExport(dropped) {
  const file = dropped || document.getElementById('i-file').files[0];
  const out = document.getElementById('i-result');
  if (!file) { out.replaceChildren(errorLine(new Error(_('Choose the export zip first.')))); return; }
  const form = new FormData();
  form.append('export', file);
  const bar = document.getElementById('i-progress');
  bar.hidden = false;
  bar.value = 0;
  const p = document.createElement('p');
  p.textContent = _('Importing…');
  out.replaceChildren(p);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', inLanguage('/api/import'));
  xhr.setRequestHeader('X-Motivo-Token', TOKEN);
  xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = (100 * e.loaded) / e.total; };
  xhr.onload = () => {
    bar.hidden = true;
    let body = null;
    try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: a proxy's page */ }
    if (xhr.status === 200 && body) out.replaceChildren(...importResult(body));
    else out.replaceChildren(errorLine(new Error(_('The import failed: {}', body?.error || xhr.statusText || xhr.status))));
  };
  xhr.onerror = () => { bar.hidden = true; out.replaceChildren(errorLine(new Error(_('The import failed: the server did not answer.')))); };
  xhr.send(form);
}
