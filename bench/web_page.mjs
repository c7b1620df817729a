// The page's time to the first card: see bench/web-page.sh. Usage: node bench/web_page.mjs MOTIVO DATABASE
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [motivo, db] = process.argv.slice(2);
const env = { ...process.env, MOTIVO_NOW: '2026-11-20T18:00:00Z' };

async function serve() {
  const server = spawn(motivo, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], { env });
  const url = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { const m = /http:\/\/\S+/.exec(String(d)); if (m) resolve(m[0]); });
    server.on('exit', () => reject(new Error('the server stopped')));
  });
  return { server, url };
}

// Opens the queue in a new context; the page's mark, else the time until a card is in the document.
async function firstCard(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector('#cards .card', { timeout: 120000 });
  const wall = Date.now() - start;
  const mark = await page.evaluate(() => performance.getEntriesByName('motivo:first-card')[0]?.startTime ?? null);
  const timing = await page.evaluate(() => {
    const list = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/invitations'));
    const nav = performance.getEntriesByType('navigation')[0];
    return { bytes: list ? list.encodedBodySize : null, dcl: Math.round(nav.domContentLoadedEventEnd),
      request: list ? Math.round(list.startTime) : null, answer: list ? Math.round(list.responseEnd - list.startTime) : null };
  });
  await context.close();
  return { ms: mark === null ? wall : Math.round(mark), ...timing };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
try {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = [], warm = [];
  let bytes = null;
  const phases = [];
  for (let i = 0; i < 5; i++) {
    const { server, url } = await serve();
    try {
      const c = await firstCard(browser, url);
      cold.push(c.ms);
      bytes = c.bytes;
      const w = await firstCard(browser, url);
      warm.push(w.ms);
      phases.push(`DOMContentLoaded ${w.dcl}, list asked at ${w.request}, answered in ${w.answer}`);
    } finally { server.kill(); }
  }
  console.log(`first card, cold server (ms): ${cold.join(' ')}  median ${median(cold)}`);
  console.log(`first card, warm server (ms): ${warm.join(' ')}  median ${median(warm)}`);
  console.log(`first page of /api/invitations: ${bytes} bytes`);
  console.log(`warm, ms from the navigation's start: ${phases.join('; ')}`);
} finally { await browser.close(); }
