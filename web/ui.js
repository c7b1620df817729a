// What every view shares: the words put in the page, who is signed in and what they may do, what is said to screen
// readers, an error line, the header's edge, and which view is shown.
import {_, labelName, lang, stateName, suggestionName} from './i18n.js';

export function translate(root = document) {
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
export let me = null;
export function setMe(who) { me = who; showWho(); }
export const can = (what) => !me || !me.can || me.can[what] !== false;
export function showWho() {
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

// Says something to screen readers (and nothing on the screen): the selected invitation, what an action did.
export function announce(text) {
  const el = document.getElementById('announce');
  el.textContent = '';
  setTimeout(() => { el.textContent = text; }, 30);
}

export function errorLine(error) {
  const p = document.createElement('p');
  p.className = 'error';
  p.setAttribute('role', 'alert');
  p.textContent = error.message;
  return p;
}

export function headerBottom() { return document.querySelector('header').getBoundingClientRect().bottom; }
export const inView = (el) => { const r = el.getBoundingClientRect(); return r.bottom > headerBottom() + 4 && r.top < innerHeight - 4; };

export const VIEWS = ['queue', 'decided', 'report', 'people', 'import'];
export const currentView = () => { const v = (location.hash || '#queue').slice(1); return VIEWS.includes(v) ? v : 'queue'; };
