// The page's words (message ids looked up in po/es.po as JSON) and the API's words, dates and numbers as the page
// shows them.
import {read} from './api.js';

// The page's words: message ids (the English text) looked up in the Spanish catalog, po/es.po, which the server
// sends as JSON (/catalog/es.json) — the same catalog as the command line's. {} in a text is an argument.
const catalogs = {};
export let catalogReady = Promise.resolve();
export let lang = localStorage.getItem('motivo.lang') || ((navigator.language || 'es').startsWith('es') ? 'es' : 'en');
// The page's language, chosen by the button (kept in localStorage).
export function setLang(language) { lang = language; localStorage.setItem('motivo.lang', lang); }
// The catalog of the page's language on its way: the lists wait for it before writing their cards.
export function setCatalogReady(ready) { catalogReady = ready; }
export async function loadCatalog(language) {
  if (language === 'en' || catalogs[language]) return;
  const response = await read(`/catalog/${language}.json`);
  const body = response.ok ? await response.json() : {messages: {}, plural_forms: ''};
  catalogs[language] = {messages: body.messages, plural: pluralRule(body.plural_forms)};
}
const fill = (text, args) => { let i = 0; return text.replace(/\{\}/g, () => String(args[i++])); };
const lookup = (key) => catalogs[lang]?.messages[key];
export const _ = (id, ...args) => { const v = lookup(id); return fill(Array.isArray(v) ? v[0] : (v ?? id), args); };
export const pgettext = (context, id) => { const v = lookup(`${context}\u0004${id}`); return Array.isArray(v) ? v[0] : (v ?? id); };
export const ngettext = (id, plural, n, ...args) => {
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
export const stateName = (s) => ({pending: pgettext('state', 'pending'), asked: pgettext('state', 'asked'), replied: pgettext('state', 'replied'),
  no_reply: pgettext('state', 'no reply'), accepted: pgettext('state', 'accepted'), declined: pgettext('state', 'declined'),
  withdrawn: pgettext('state', 'withdrawn')})[s] || s;
export const labelName = (l) => ({empty: pgettext('label', 'no note'), default: pgettext('label', 'stock text'), template: pgettext('label', 'template'),
  spam: pgettext('label', 'spam'), personalized: pgettext('label', 'personalised')})[l] || l;
export const suggestionName = (s) => ({accept: pgettext('suggestion', 'accept'), ask: pgettext('suggestion', 'ask'),
  decline: pgettext('suggestion', 'decline'), wait: pgettext('suggestion', 'wait'),
  check: pgettext('suggestion', 'check')})[s] || s;
export const suggestionLine = (s) => ({accept: _('Suggestion: accept'), ask: _('Suggestion: ask why'), decline: _('Suggestion: decline'),
  wait: _('Suggestion: wait for the reply'), check: _('Suggestion: check the label first'), none: ''})[s] ?? '';
export const decisionName = (d) => ({accept: stateName('accepted'), decline: stateName('declined'), spam: _('marked as spam')})[d] || d;
// Intl's formatters, made once per language: a page of 50 cards writes three dates a card, and making the 150
// formatters took 55 ms in Chromium on a 2-core machine (using them, under 1 ms).
const formatters = new Map();
function formatter(kind, make) {
  const key = `${lang}:${kind}`;
  if (!formatters.has(key)) formatters.set(key, make(lang === 'es' ? 'es-ES' : 'en-GB'));
  return formatters.get(key);
}
export const dateFormat = () => formatter('date', (l) => new Intl.DateTimeFormat(l, {dateStyle: 'medium', timeStyle: 'short'}));
export const dayFormat = () => formatter('day', (l) => new Intl.DateTimeFormat(l, {day: 'numeric', month: 'short'}));
export const numberFormat = () => formatter('number', (l) => new Intl.NumberFormat(l, {maximumFractionDigits: 1}));
// A note's language as a name in the page's language ("inglés"); nothing for "no language" (zxx, und) or an unknown code.
export function languageName(code) {
  if (!code || ['zxx', 'und', 'mul'].includes(code)) return '';
  try { return formatter('language', () => new Intl.DisplayNames([lang], {type: 'language', fallback: 'none'})).of(code) || ''; } catch { return ''; }
}
