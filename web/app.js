// motivo's web app: the triage queue, the report, people and import, over the JSON API of `motivo serve`.
// Every text that comes from the data is put in the page with textContent, never as HTML.
'use strict';

const TOKEN = document.querySelector('meta[name="motivo-token"]').content;

// The page's words: message ids (the English text) looked up in the Spanish catalog, po/es.po, which the server
// sends as JSON (/catalog/es.json) — the same catalog as the command line's. {} in a text is an argument.
const catalogs = {};
let catalogReady = Promise.resolve();
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
  wait: _('Suggestion: wait for the reply'), check: _('Suggestion: check the label first'), none: ''})[s] ?? '';
const decisionName = (d) => ({accept: stateName('accepted'), decline: stateName('declined'), spam: _('marked as spam')})[d] || d;
const dateFormat = () => new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', {dateStyle: 'medium', timeStyle: 'short'});
const dayFormat = () => new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', {day: 'numeric', month: 'short'});
const numberFormat = () => new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', {maximumFractionDigits: 1});
// A note's language as a name in the page's language ("inglés"); nothing for "no language" (zxx, und) or an unknown code.
function languageName(code) {
  if (!code || ['zxx', 'und', 'mul'].includes(code)) return '';
  try { const name = new Intl.DisplayNames([lang], {type: 'language', fallback: 'none'}).of(code); return name || ''; } catch { return ''; }
}

function translate(root = document) {
  document.documentElement.lang = lang;
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = _(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = _(el.dataset.i18nPlaceholder); });
  if (root !== document) return;
  // The filters' choices: the value stays the API's word, the text is the page's language.
  for (const [id, name] of [['f-label', labelName], ['f-state', stateName], ['f-suggestion', suggestionName]]) {
    for (const o of document.getElementById(id)?.options ?? []) {
      if (!o.hasAttribute('value')) o.value = o.textContent;
      if (o.value) o.textContent = name(o.value);
    }
  }
  const button = document.getElementById('lang');
  button.textContent = lang === 'es' ? 'EN' : 'ES';
  button.setAttribute('aria-label', lang === 'es' ? 'English' : 'Español');
  button.lang = lang === 'es' ? 'en' : 'es';
  document.getElementById('help-open').setAttribute('aria-label', _('Keys'));
  document.getElementById('nav').setAttribute('aria-label', _('Views'));
  document.getElementById('undo').setAttribute('aria-label', _('Undo the last action'));
  showWho();
}

// Who is signed in (team mode) and what they may do (`can` of GET /api/me: an absent `can` allows everything, as a
// server from before it did). Members do not get People; what they may not do is not shown.
let me = null;
const can = (what) => !me || !me.can || me.can[what] !== false;
function showWho() {
  const el = document.getElementById('who');
  document.body.classList.toggle('no-decide', !can('decide'));
  document.body.classList.toggle('no-notes', !can('notes'));
  document.querySelector('nav a[href="#import"]').hidden = !can('import');
  if (!can('import')) document.querySelectorAll('.empty a[href="#import"]').forEach((a) => a.remove());
  if (!me || !me.team) { el.hidden = true; return; }
  el.textContent = me.role === 'admin' ? _('{} (admin)', me.name) : _('{} (member)', me.name);
  el.hidden = false;
  document.querySelector('nav a[href="#people"]').hidden = me.role !== 'admin';
}

// An answer that is not 2xx: its status and JSON body (a 409 "stale" carries the invitation as it is now).
class ApiError extends Error {
  constructor(status, body) { super(body?.error || `HTTP ${status}`); this.status = status; this.body = body || {}; }
}
async function request(path, options = {}) {
  const headers = Object.assign({'X-Motivo-Token': TOKEN}, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, {headers}));
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return {body, response};
}
const api = async (path, options) => (await request(path, options)).body;
const post = (path, body) => api(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});

// Says something to screen readers (and nothing on the screen): the selected invitation, what an action did.
function announce(text) {
  const el = document.getElementById('announce');
  el.textContent = '';
  setTimeout(() => { el.textContent = text; }, 30);
}

// ---- Lists of invitations: the queue and the decided ones -------------------------------------------------------
// Fetched a page at a time (`limit`), the next page when the end of the list comes into view (IntersectionObserver),
// following the server's `Link: <…>; rel="next"`. A server without cursors pages with `offset` while pages come
// full. A new load aborts the one on its way (AbortController), and an answer of an older load is never painted.
const PAGE = 50;
function makeList(mode, boxId, moreId) {
  const list = {mode, box: document.getElementById(boxId), more: document.getElementById(moreId), next: null,
    controller: null, generation: 0, loadingMore: false, keep: null, url: null, accept: () => true};
  list.observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) loadMore(list); },
    {rootMargin: '600px 0px'});
  list.observer.observe(list.more);
  return list;
}
let queue, decided;

function nextUrl(url, response, count, limit) {
  const link = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.get('Link') || '');
  if (link) return new URL(link[1], location.href).pathname + new URL(link[1], location.href).search;
  if (count < limit) return null;
  const next = new URL(url, location.href);
  next.searchParams.set('offset', String(Number(next.searchParams.get('offset') || 0) + count));
  next.searchParams.delete('cursor');
  return next.pathname + next.search;
}

async function fetchPage(list, url, signal) {
  const {body, response} = await request(url, {signal});
  const limit = Number(new URL(url, location.href).searchParams.get('limit') || PAGE);
  return {items: body, next: nextUrl(url, response, body.length, limit)};
}

function busy(list, loading) {
  list.box.setAttribute('aria-busy', loading ? 'true' : 'false');
  list.more.hidden = !loading && !list.next;
  list.more.textContent = loading || list.next ? _('Loading…') : '';
}

// Loads the list from its first page (`atLeast` items at once, to keep the place of a user far down it).
async function loadList(list, url, {atLeast = 0} = {}) {
  list.controller?.abort();
  const controller = new AbortController();
  const generation = ++list.generation;
  list.controller = controller;
  list.url = url;
  list.next = null;
  list.loadingMore = false;
  busy(list, true);
  let page;
  const first = new URL(url, location.href);
  first.searchParams.set('limit', String(Math.max(PAGE, atLeast)));
  try {
    page = await fetchPage(list, first.pathname + first.search, controller.signal);
  } catch (error) {
    if (generation !== list.generation || error.name === 'AbortError') return false;
    busy(list, false);
    list.box.replaceChildren(errorLine(error));
    return false;
  }
  await catalogReady; // asked for at the same time as the list: the cards are written in the page's language
  if (generation !== list.generation) return false; // a newer load started: this answer is stale
  list.box.replaceChildren();
  list.next = page.next;
  append(list, page.items);
  // The time to the first card, for bench/web-page.sh (performance.getEntriesByName('motivo:first-card')).
  if (rows(list).length && !performance.getEntriesByName('motivo:first-card').length) performance.mark('motivo:first-card');
  busy(list, false);
  afterPage(list);
  return true;
}

async function loadMore(list) {
  if (!list.next || list.loadingMore) return;
  const generation = list.generation;
  list.loadingMore = true;
  busy(list, true);
  try {
    const page = await fetchPage(list, list.next, list.controller?.signal);
    if (generation !== list.generation) return;
    list.next = page.next;
    append(list, page.items);
  } catch (error) {
    if (generation === list.generation && error.name !== 'AbortError') list.more.replaceChildren(errorLine(error));
    return;
  } finally {
    if (generation === list.generation) list.loadingMore = false;
  }
  busy(list, false);
  afterPage(list);
  // Still at the end (a short page, a filter that kept few): the observer says nothing new, so ask again.
  if (list.next && list.more.getBoundingClientRect().top < innerHeight + 600) loadMore(list);
}

function append(list, items) {
  const fragment = document.createDocumentFragment();
  for (const inv of items) {
    if (!list.accept(inv) || list.box.querySelector(`.card[data-id="${CSS.escape(String(inv.id))}"]`)) continue;
    fragment.append(renderCard(inv, list.mode));
  }
  list.box.append(fragment);
}

const rows = (list) => [...list.box.querySelectorAll('.card:not(.done)')];
const currentRow = (list) => list.box.querySelector('.card.focus:not(.done)');

function afterPage(list) {
  const n = rows(list).length;
  const count = list.mode === 'queue' ? document.getElementById('count') : null;
  if (count) {
    count.textContent = !n ? '' : list.next ? ngettext('{} or more to decide', '{} or more to decide', n)
      : ngettext('{} to decide', '{} to decide', n);
  }
  if (list.mode === 'queue') showDeclineSuggested(rows(list).map((r) => r.inv).filter((i) => i.suggestion === 'decline'));
  if (!n && !list.next) list.box.replaceChildren(emptyState(list));
  if (!currentRow(list) && n) select(rows(list)[0], {});
}

// What an empty list says: where new invitations come from.
function emptyState(list) {
  const p = document.createElement('p');
  p.className = 'empty';
  const filtered = list.mode === 'queue' && ['f-label', 'f-state', 'f-suggestion'].some((id) => document.getElementById(id).value);
  if (filtered) { p.textContent = _('Nothing matches these filters.'); return p; }
  p.textContent = list.mode === 'queue' ? _('Nothing to decide.') + ' ' : _('Nothing decided yet.') + ' ';
  if (list.mode === 'queue' && can('import')) {
    const a = document.createElement('a');
    a.href = '#import';
    a.textContent = _('Import a newer LinkedIn export to see new invitations.');
    p.append(a);
  }
  return p;
}

function errorLine(error) {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = error.message;
  return p;
}

// ---- One invitation: a line (name, date, label, the note's first line, the suggestion), the selected one open ------
function renderCard(inv, mode) {
  const node = document.getElementById('card').content.firstElementChild.cloneNode(true);
  node.dataset.id = inv.id;
  node.tabIndex = 0;
  translate(node);
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
function fillCard(node, inv, mode) {
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

function fillActions(node, inv, mode) {
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
function select(row, {focus = false, scroll = false, say = false} = {}) {
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
function keepPlace(row, change) {
  const before = row.getBoundingClientRect().top;
  change();
  const after = row.getBoundingClientRect().top;
  if (Math.abs(after - before) > 1) window.scrollBy(0, after - before);
}

function move(list, step) {
  const all = rows(list);
  if (!all.length) return;
  const at = all.indexOf(currentRow(list));
  const to = all[Math.max(0, Math.min(all.length - 1, at + step))];
  select(to, {focus: true, scroll: true, say: true});
  if (step > 0 && to === all[all.length - 1]) loadMore(list);
}

function headerBottom() { return document.querySelector('header').getBoundingClientRect().bottom; }
const inView = (el) => { const r = el.getBoundingClientRect(); return r.bottom > headerBottom() + 4 && r.top < innerHeight - 4; };

// Scrolling the selected card out of view selects the first card in view (not while typing in the selected one).
function followScroll() {
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

// ---- Actions ------------------------------------------------------------------------------------------------------
// Every write carries the version of the invitation the page showed (`version`); a change made since (another tab,
// the command line) answers 409 "stale" with the invitation as it is now, which the card then shows.
const withVersion = (row, body = {}) => (row.dataset.version ? Object.assign({version: row.dataset.version}, body) : body);

async function act(row, action) {
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
async function keepNote(row) {
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
function showDeclineSuggested(list) {
  suggestedDeclines = list;
  const button = document.getElementById('decline-suggested');
  button.hidden = !list.length || !can('decide');
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
    if (result.refused.length) {
      queue.box.prepend(errorLine(new Error(result.refused.map((r) => `${r.from}: ${r.reason}`).join('\n'))));
    }
  } catch (error) { queue.box.prepend(errorLine(error)); }
}

// After every action, for a while, what was done — with Undo, which takes back the last decision, ask, reply or note
// recorded on those invitations (POST …/undo). A note taken back goes back into its field, to be written again.
const UNDO_MS = 15000;
let undoable = null;
function offerUndo(ids, text) {
  const toast = document.getElementById('toast');
  clearTimeout(undoable?.timer);
  undoable = {ids, timer: setTimeout(() => { toast.hidden = true; undoable = null; }, UNDO_MS)};
  toast.querySelector('span').textContent = text;
  document.getElementById('undo').hidden = !ids;
  toast.hidden = false;
}

async function undoLast() {
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

// ---- Keys ---------------------------------------------------------------------------------------------------------
// Single keys act on the selected invitation: never with Ctrl, Alt or Cmd (the browser's shortcuts), never while the
// user types in a field (Escape leaves it), never on a focused button's Space or Enter (which press that button).
const KEYS = {a: 'accept', d: 'decline', k: 'ask', s: 'spam', r: 'reply'};
function activeList() {
  const view = currentView();
  return view === 'queue' ? queue : view === 'decided' ? decided : null;
}

function onKey(e) {
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

// ---- The two lists --------------------------------------------------------------------------------------------------
function queueUrl() {
  const params = new URLSearchParams({direction: 'incoming', undecided: '1', lang});
  for (const [id, name] of [['f-label', 'label'], ['f-state', 'state'], ['f-suggestion', 'suggestion']]) {
    const value = document.getElementById(id).value;
    if (value) params.set(name, value);
  }
  return `/api/invitations?${params}`;
}

function loadQueue(options) {
  const suggestion = document.getElementById('f-suggestion').value;
  const label = document.getElementById('f-label').value;
  const state = document.getElementById('f-state').value;
  queue.accept = (i) => !i.decision && (!suggestion || i.suggestion === suggestion) && (!label || i.label === label) &&
    (!state || i.state === state);
  return loadList(queue, queueUrl(), options);
}

// The decided ones (decided=1): most recently decided first, each with `decided_at`; the page keeps only those with
// a decision, whatever a server gives.
function loadDecided(options) {
  decided.accept = (i) => !!i.decision;
  return loadList(decided, `/api/invitations?${new URLSearchParams({direction: 'incoming', decided: '1', lang})}`, options);
}

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

async function loadReport() {
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
    th.textContent = `${r.period.since || '…'} – ${r.period.until || '…'}`;
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
function fitFrame() {
  const frame = document.getElementById('r-frame');
  try {
    const doc = frame.contentDocument;
    if (doc?.documentElement) frame.style.height = `${doc.documentElement.scrollHeight}px`;
  } catch { /* another origin: keep the stylesheet's height */ }
}

async function searchPeople() {
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

function importExport(dropped) {
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
  xhr.open('POST', '/api/import');
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

// ---- Navigation -------------------------------------------------------------------------------------------------
const VIEWS = ['queue', 'decided', 'report', 'people', 'import'];
const currentView = () => { const v = (location.hash || '#queue').slice(1); return VIEWS.includes(v) ? v : 'queue'; };
function show() {
  const view = currentView();
  for (const id of VIEWS) document.getElementById(`view-${id}`).hidden = id !== view;
  document.querySelectorAll('header nav a').forEach((a) => {
    a.classList.toggle('active', a.hash === `#${view}`);
    if (a.hash === `#${view}`) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  if (view === 'queue') loadQueue();
  if (view === 'decided') loadDecided();
  if (view === 'report') loadReport();
}

document.addEventListener('DOMContentLoaded', async () => {
  queue = makeList('queue', 'cards', 'more');
  decided = makeList('decided', 'decided-cards', 'decided-more');
  // The catalog and the first page of the list are asked for at once (show() below); the list waits for the words.
  catalogReady = loadCatalog(lang).catch(() => {});
  window.addEventListener('hashchange', show);
  show();
  await catalogReady;
  translate();
  api('/api/me').then((m) => { me = m; showWho(); }).catch(() => {});
  document.getElementById('lang').addEventListener('click', async () => {
    lang = lang === 'es' ? 'en' : 'es';
    localStorage.setItem('motivo.lang', lang);
    await loadCatalog(lang).catch(() => {});
    translate();
    show();
  });
  for (const id of ['f-label', 'f-suggestion', 'f-state']) document.getElementById(id).addEventListener('change', () => loadQueue());
  document.getElementById('decline-suggested').addEventListener('click', declineSuggested);
  document.getElementById('undo').addEventListener('click', undoLast);
  document.getElementById('help-open').addEventListener('click', () => document.getElementById('help').showModal());
  document.getElementById('report-form').addEventListener('submit', (e) => { e.preventDefault(); loadReport(); });
  document.getElementById('r-frame').addEventListener('load', fitFrame);
  window.addEventListener('resize', fitFrame);
  document.getElementById('people-form').addEventListener('submit', (e) => { e.preventDefault(); searchPeople(); });
  document.getElementById('import-form').addEventListener('submit', (e) => { e.preventDefault(); importExport(); });
  for (const list of [queue, decided]) {
    list.box.addEventListener('focusin', (e) => {
      const row = e.target.closest('.card');
      if (row && !row.classList.contains('focus') && !row.classList.contains('done')) keepPlace(row, () => select(row, {say: true}));
    });
    list.box.addEventListener('click', (e) => {
      const row = e.target.closest('.card');
      if (!row || row.classList.contains('done') || e.target.closest('a, button, input, textarea, summary, select, .detail')) return;
      keepPlace(row, () => select(row, {focus: true, say: !row.classList.contains('focus')}));
    });
  }
  document.addEventListener('keydown', onKey);
  let scrollTimer = null;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(followScroll, 120);
    // The observer's word, checked again: a page whose end is in view asks for the next page.
    const list = activeList();
    if (list?.next && list.more.getBoundingClientRect().top < innerHeight + 600) loadMore(list);
  }, {passive: true});
  // Drop the export zip anywhere on the import view.
  const zone = document.getElementById('view-import');
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    if (e.dataTransfer.files.length) importExport(e.dataTransfer.files[0]);
  });
});

// ---- Live updates (docs/WEB.md, "Live updates") ------------------------------------------------------------------
// The page asks GET /api/version every few seconds with the version it saw last, and at once when it comes back into
// view or gets the focus again. When the stored data moved (a `motivo fetch --watch`, another tab, any other
// process), the server says so with what arrived since, counted from the store, and the list is loaded again without
// losing the user's place: the selected card, the scroll position, half-typed notes, open messages and rendered
// questions are carried over to the new cards.
const LIVE_EVERY_MS = 2000;
let liveVersion = null;
// While the page's own change is on its way (a decision, an ask, a note), the list is not reloaded under it.
let liveWrites = 0;
const livePageFetch = window.fetch.bind(window);
window.fetch = async (resource, options = {}) => {
  const writing = (options.method || 'GET') !== 'GET';
  if (writing) liveWrites++;
  try { return await livePageFetch(resource, options); } finally { if (writing) liveWrites--; }
};

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

async function liveRefresh(list) {
  const kept = liveKeep(list);
  const selectedId = currentRow(list)?.dataset.id;
  const active = document.activeElement;
  const typingIn = [...kept.values()].find((w) => w.typing);
  const caret = typingIn && [active.selectionStart, active.selectionEnd];
  // The first card still on the screen keeps its place there while cards come and go above it.
  const anchor = [...kept.keys()].find((id) => kept.get(id).node.getBoundingClientRect().bottom > headerBottom());
  const anchorTop = anchor && kept.get(anchor).node.getBoundingClientRect().top;
  const loaded = await (list === queue ? loadQueue : loadDecided)({atLeast: rows(list).length});
  if (!loaded) return;
  for (const card of list.box.querySelectorAll('.card')) {
    const was = kept.get(card.dataset.id);
    if (was) liveRestore(card, was); else if (kept.size) card.classList.add('new');
  }
  for (const [id, was] of kept) liveKeepGone(list, id, was);
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
  if (document.hidden || liveWrites || liveChecking) return;
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
