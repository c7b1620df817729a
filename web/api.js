// The JSON API of `motivo serve`: every write carries this process's token; an answer that is not 2xx throws. Every
// request names the page's language (`lang`): the server's errors, reasons and suggestions come in it.
import {lang} from './i18n.js';

export const TOKEN = document.querySelector('meta[name="motivo-token"]').content;

// An answer that is not 2xx: its status and JSON body (a 409 "stale" carries the invitation as it is now).
class ApiError extends Error {
  constructor(status, body) { super(body?.error || `HTTP ${status}`); this.status = status; this.body = body || {}; }
}
// What the page asked for (path and query), for dropUnusedPreloads.
const asked = new Set();
const askedKey = (url) => { const u = new URL(url, location.href); return u.pathname + u.search; };
export function read(path, options = {}) {
  asked.add(askedKey(path));
  return fetch(path, options);
}

// The HTML's preloads (the first page of the queue, the catalog) answer the first request for their address, and
// an unused one would answer a later request with its old data: those the page did not ask for as it started
// (another view, another language) are asked for now and dropped.
export function dropUnusedPreloads() {
  for (const link of document.querySelectorAll('link[rel="preload"][as="fetch"]')) {
    if (!asked.has(askedKey(link.href))) read(link.href).then((r) => r.arrayBuffer()).catch(() => {});
  }
}

// The page's writes: how many were sent, and how many are on their way. A list read while one was on its way may
// predate it (lists.js reads again): a card accepted here must not come back from an answer read before it.
export const writes = {sent: 0, pending: 0, settled: []};
export const writesSettled = () => (writes.pending ? new Promise((resolve) => writes.settled.push(resolve)) : Promise.resolve());
async function write(path, options) {
  writes.sent++;
  writes.pending++;
  try { return await fetch(path, options); } finally {
    if (!--writes.pending) for (const resolve of writes.settled.splice(0)) resolve();
  }
}

// A read goes without the token (the server asks it of writes only), as the page's preloads of docs/WEB.md go: the
// browser then answers the read from the preload.
export async function request(path, options = {}) {
  const writing = (options.method || 'GET') !== 'GET';
  const headers = Object.assign(writing ? {'X-Motivo-Token': TOKEN} : {}, options.headers || {});
  const response = await (writing ? write : read)(inLanguage(path), Object.assign({}, options, {headers}));
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return {body, response};
}
// The address with the page's language (`lang`), unless it names one already.
export function inLanguage(path) {
  const url = new URL(path, location.href);
  if (!url.pathname.startsWith('/api/') || url.searchParams.has('lang')) return path;
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}
export const api = async (path, options) => (await request(path, options)).body;
export const post = (path, body) => api(path, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
