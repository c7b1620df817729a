// The lists of invitations, the queue and the decided ones, read a page at a time.
import {_, catalogReady, lang, ngettext} from './i18n.js';
import {request, writes, writesSettled} from './api.js';
import {can, currentView, errorLine} from './ui.js';
import {renderCard, select} from './card.js';
import {showDeclineSuggested} from './actions.js';

// ---- Lists of invitations: the queue and the decided ones -------------------------------------------------------
// Fetched a page at a time (`limit`), the next page when the end of the list comes into view (IntersectionObserver),
// following the server's `Link: <…>; rel="next"`. A server without cursors pages with `offset` while pages come
// full. A new load aborts the one on its way (AbortController), and an answer of an older load is never painted.
const PAGE = 50;
function makeList(mode, boxId, moreId) {
  const list = {mode, box: document.getElementById(boxId), more: document.getElementById(moreId), next: null,
    controller: null, generation: 0, loadingMore: false, keep: null, url: null, accept: () => true, waiting: [], idle: null};
  list.observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) loadMore(list); },
    {rootMargin: '600px 0px'});
  list.observer.observe(list.more);
  return list;
}
export let queue, decided;
export function makeLists() {
  queue = makeList('queue', 'cards', 'more');
  decided = makeList('decided', 'decided-cards', 'decided-more');
}

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

// Loads the list from its first page (`atLeast` items at once, to keep the place of a user far down it). An answer
// read while one of the page's writes was on its way may predate the write (a card accepted here would come back):
// the list is read again once the writes are done. `beforePaint` runs just before the new cards replace the old
// (what it returns, loadList returns): what the user did while the list loaded (a card clicked, a note typed) is
// read then, not before the load.
async function loadList(list, url, {atLeast = 0, beforePaint = () => true, whole = false} = {}) {
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
    for (let tries = 0; ; tries++) {
      const sent = writes.sent;
      page = await fetchPage(list, first.pathname + first.search, controller.signal);
      if (generation !== list.generation || (!writes.pending && writes.sent === sent) || tries === 3) break;
      await writesSettled();
      if (generation !== list.generation) return false;
    }
  } catch (error) {
    if (generation !== list.generation || error.name === 'AbortError') return false;
    busy(list, false);
    list.box.replaceChildren(errorLine(error));
    return false;
  }
  await catalogReady; // asked for at the same time as the list: the cards are written in the page's language
  if (generation !== list.generation) return false; // a newer load started: this answer is stale
  const kept = beforePaint();
  list.box.replaceChildren();
  list.waiting = [];
  list.next = page.next;
  append(list, page.items, whole ? Infinity : firstScreen());
  // The time to the first card, for bench/web-page.sh (performance.getEntriesByName('motivo:first-card')).
  if (rows(list).length && !performance.getEntriesByName('motivo:first-card').length) performance.mark('motivo:first-card');
  busy(list, false);
  afterPage(list);
  return kept;
}

export async function loadMore(list) {
  if (!list.next || list.loadingMore || list.waiting.length) return; // the cards read are written first
  const generation = list.generation;
  list.loadingMore = true;
  busy(list, true);
  try {
    const page = await fetchPage(list, list.next, list.controller?.signal);
    if (generation !== list.generation) return;
    list.next = page.next;
    append(list, page.items, Infinity);
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

// The cards of a page: as many as fill the window at once, the rest in idle time, a few at a time (writing a page of
// 50 took some 90 ms on a busy 2-core machine, before the first card could show; a window holds about 25 lines).
const LINE_PX = 28;
const firstScreen = () => Math.max(10, Math.ceil(innerHeight / LINE_PX));
function append(list, items, now) {
  const waiting = new Set(list.waiting.map((inv) => String(inv.id)));
  for (const inv of items) {
    if (!list.accept(inv) || waiting.has(String(inv.id)) || list.box.querySelector(`.card[data-id="${CSS.escape(String(inv.id))}"]`)) continue;
    list.waiting.push(inv);
  }
  write(list, now);
}

// Writes up to `n` waiting cards, in order; those left are written when the browser is idle.
function write(list, n) {
  const fragment = document.createDocumentFragment();
  for (const inv of list.waiting.splice(0, n)) fragment.append(renderCard(inv, list.mode));
  list.box.append(fragment);
  if (!list.waiting.length || list.idle) return;
  const later = window.requestIdleCallback || ((f) => setTimeout(f, 16));
  list.idle = later(() => {
    list.idle = null;
    write(list, 10);
    if (list.waiting.length) return;
    afterPage(list);
    if (list.next && list.more.getBoundingClientRect().top < innerHeight + 600) loadMore(list);
  }, {timeout: 100});
}

// Every card of the list written now (the keys moving past the last written one, a refresh keeping the user's place).
export function writeAll(list) { if (list.waiting.length) write(list, Infinity); }

export const rows = (list) => [...list.box.querySelectorAll('.card:not(.done)')];
export const currentRow = (list) => list.box.querySelector('.card.focus:not(.done)');

export function afterPage(list) {
  const n = rows(list).length + list.waiting.length;
  const count = list.mode === 'queue' ? document.getElementById('count') : null;
  if (count) {
    count.textContent = !n ? '' : list.next ? ngettext('{} or more to decide', '{} or more to decide', n)
      : ngettext('{} to decide', '{} to decide', n);
  }
  if (list.mode === 'queue') showDeclineSuggested([...rows(list).map((r) => r.inv), ...list.waiting].filter((i) => i.suggestion === 'decline'));
  if (!n && !list.next) list.box.replaceChildren(emptyState(list));
  if (!currentRow(list) && rows(list).length) select(rows(list)[0], {});
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

export function activeList() {
  const view = currentView();
  return view === 'queue' ? queue : view === 'decided' ? decided : null;
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

export function loadQueue(options) {
  const suggestion = document.getElementById('f-suggestion').value;
  const label = document.getElementById('f-label').value;
  const state = document.getElementById('f-state').value;
  queue.accept = (i) => !i.decision && (!suggestion || i.suggestion === suggestion) && (!label || i.label === label) &&
    (!state || i.state === state);
  return loadList(queue, queueUrl(), options);
}

// The decided ones (decided=1): most recently decided first, each with `decided_at`; the page keeps only those with
// a decision, whatever a server gives.
export function loadDecided(options) {
  decided.accept = (i) => !!i.decision;
  return loadList(decided, `/api/invitations?${new URLSearchParams({direction: 'incoming', decided: '1', lang})}`, options);
}
