// motivo's web app: the triage queue, the report, people and import, over the JSON API of `motivo serve`.
// Every text that comes from the data is put in the page with textContent, never as HTML. The page's modules:
// i18n.js, api.js, ui.js, lists.js, card.js, actions.js, keys.js, views.js, live.js; this one shows the views and
// wires the page's events.
import {catalogReady, lang, loadCatalog, setCatalogReady, setLang} from './i18n.js';
import {api, dropUnusedPreloads} from './api.js';
import {VIEWS, currentView, setMe, translate} from './ui.js';
import {activeList, decided, loadDecided, loadMore, loadQueue, makeLists, queue} from './lists.js';
import {followScroll, keepPlace, select} from './card.js';
import {declineSuggested, undoLast} from './actions.js';
import {onKey} from './keys.js';
import {fitFrame, importExport, loadReport, searchPeople} from './views.js';

// ---- Navigation -------------------------------------------------------------------------------------------------
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
  makeLists();
  // The catalog and the first page of the list are asked for at once (show() below); the list waits for the words.
  setCatalogReady(loadCatalog(lang).catch(() => {}));
  window.addEventListener('hashchange', show);
  show();
  dropUnusedPreloads();
  await catalogReady;
  translate();
  api('/api/me').then(setMe).catch(() => {});
  document.getElementById('lang').addEventListener('click', async () => {
    setLang(lang === 'es' ? 'en' : 'es');
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
