// The page's time to the first card: see bench/web-page.sh. Usage: node bench/web_page.mjs MOTIVO DATABASE [RUNS [LOCALE]]
// (LOCALE: the browser's, es-ES for the page in Spanish with its catalog; Chromium's own without it)
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [motivo, db, runs = '5', locale] = process.argv.slice(2);
const env = { ...process.env, MOTIVO_NOW: '2026-11-20T18:00:00Z' };

async function serve() {
  const server = spawn(motivo, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], { env });
  const url = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { const m = /http:\/\/\S+/.exec(String(d)); if (m) resolve(m[0]); });
    server.on('exit', () => reject(new Error('the server stopped')));
  });
  return { server, url };
}

// Where the time went, in ms from the navigation's start (the browser's resource and navigation timing): the page's
// HTML, its stylesheet and scripts, DOMContentLoaded, the catalog, the first page of the list (asked, answered) and
// the first card (the page's mark 'motivo:first-card').
function phases() {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const ends = (test) => { const r = resources.filter((e) => test(new URL(e.name).pathname)); return r.length ? Math.max(...r.map((e) => e.responseEnd)) : null; };
  const first = (test) => resources.find((e) => test(new URL(e.name).pathname));
  const list = first((p) => p === '/api/invitations');
  const catalog = first((p) => p.startsWith('/catalog/'));
  const round = (x) => (x === null || x === undefined ? null : Math.round(x));
  return {
    html: round(nav.responseEnd), css: round(ends((p) => p.endsWith('.css'))), js: round(ends((p) => p.endsWith('.js'))),
    dcl: round(nav.domContentLoadedEventEnd), catalog: round(catalog?.responseEnd), asked: round(list?.startTime),
    answered: round(list?.responseEnd), bytes: list ? list.encodedBodySize : null,
    card: round(performance.getEntriesByName('motivo:first-card')[0]?.startTime),
  };
}

// Opens the queue in a new context; the page's mark, else the time until a card is in the document.
async function firstCard(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector('#cards .card', { timeout: 120000 });
  const wall = Date.now() - start;
  const timing = await page.evaluate(phases);
  await context.close();
  return { ms: timing.card ?? wall, ...timing };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const median = (xs) => { const v = xs.filter((x) => x !== null).sort((a, b) => a - b); return v.length ? v[Math.floor(v.length / 2)] : null; };
  const cold = [], warm = [];
  for (let i = 0; i < Number(runs); i++) {
    const { server, url } = await serve();
    try {
      cold.push(await firstCard(browser, url));
      warm.push(await firstCard(browser, url));
    } finally { server.kill(); }
  }
  for (const [name, list] of [['cold', cold], ['warm', warm]]) {
    console.log(`first card, ${name} server (ms): ${list.map((x) => x.ms).join(' ')}  median ${median(list.map((x) => x.ms))}`);
    const keys = ['html', 'css', 'js', 'dcl', 'catalog', 'asked', 'answered', 'card'];
    console.log(`  ${name}, medians in ms from the navigation's start: ${keys.map((k) => `${k} ${median(list.map((x) => x[k]))}`).join(', ')}`);
  }
  console.log(`first page of /api/invitations: ${warm[0].bytes} bytes`);
} finally { await browser.close(); }
