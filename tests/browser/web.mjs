// End-to-end test of `motivo serve` in a real browser: Debian's Chromium driven by playwright-core (issue 6).
// Opens the queue, accepts one invitation and sees it leave, asks another and sees the question, switches the
// language, opens the report, and checks that a note with <script> and <img onerror> shows as text and runs
// nothing. Screenshots go to ARTIFACTS (look at them).
// Usage: node web.mjs MOTIVO_BINARY SOURCE_DIR ARTIFACTS     (exit 77, a CTest skip, without Chromium)
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [motivo, src, artifacts] = process.argv.slice(2);
if (!fs.existsSync('/usr/bin/chromium')) {
  console.log('skipped: /usr/bin/chromium is not installed (scripts/install-deps.sh installs it)');
  process.exit(77);
}
fs.mkdirSync(artifacts, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'motivo-web-'));
const env = { ...process.env, HOME: work, XDG_CONFIG_HOME: path.join(work, 'xdg'), MOTIVO_NOW: '2026-11-20T18:00:00Z', TZ: 'Europe/Madrid' };
delete env.MOTIVO_CONFIG;
delete env.MOTIVO_TOKEN;

// A demo export with a hostile note.
const exportDir = path.join(work, 'export');
execFileSync('python3', [path.join(src, 'scripts/gen-export.py'), '--profile', 'demo', '--out', exportDir]);
fs.appendFileSync(path.join(exportDir, 'Invitations.csv'),
  'Mallory Evil,Lucía Fernández Ortega,"11/19/26, 9:00 AM","<script>window.pwned=1</script><img src=x onerror=""window.pwned=2"">",INCOMING,,\n');
const db = path.join(work, 'm.db');
execFileSync(motivo, ['--db', db, 'import', '--quiet', exportDir], { env });

const server = spawn(motivo, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], { env });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => { const m = /http:\/\/\S+/.exec(String(d)); if (m) resolve(m[0]); });
  server.on('exit', () => reject(new Error('the server stopped')));
});

let failed = 0, passed = 0;
const check = (cond, what) => { if (cond) passed++; else { failed++; console.error('FAIL:', what); } };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1000, height: 1300 } });
  const page = await context.newPage();
  const dialogs = [];
  const confirmations = [];
  page.on('dialog', (d) => {
    // The one dialog the page opens: "decline all N suggested" asks for a confirmation listing them.
    if (d.type() === 'confirm' && d.message().startsWith('¿Rechazar')) { confirmations.push(d.message()); d.accept(); return; }
    dialogs.push(d.message());
    d.dismiss();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('#cards .card');
  await page.screenshot({ path: path.join(artifacts, 'queue-es.png'), fullPage: false });
  check(await page.textContent('header nav a[href="#queue"]') === 'Cola', 'Spanish by the browser language');
  check(/^\d+ por decidir$/.test(await page.textContent('#count')), 'the queue count from the catalog, a plural');
  check(await page.textContent('#f-state option[value="pending"]') === 'pendiente' &&
        await page.textContent('#f-label option[value="empty"]') === 'sin nota', 'the filters in Spanish, their values the API words');

  // The hostile note is text.
  const hostile = page.locator('.card', { hasText: 'Mallory Evil' });
  check(await hostile.count() === 1, 'the hostile invitation is in the queue');
  const noteText = await hostile.locator('.note').textContent();
  check(noteText.includes('<script>') && noteText.includes('onerror'), 'the hostile note shows as text');
  check(await hostile.locator('.note img, .note script').count() === 0, 'no element made from the note');
  check(await page.evaluate(() => window.pwned === undefined), 'nothing from the note ran');

  // Live (issue 21): another process stores an invitation; the open page shows it within seconds, says so, and
  // keeps the note being typed, its focus and the focused card.
  const typing = page.locator('#cards .card').nth(1);
  const typingId = await typing.getAttribute('data-id');
  await page.keyboard.press('j');
  const focusedBefore = await page.locator('#cards .card.focus').getAttribute('data-id');
  await typing.locator('.why input').fill('nos presentó Marta en');
  const cardsBefore = await page.locator('#cards .card').count();
  execFileSync(motivo, ['--db', db, 'import', '--quiet', path.join(src, 'tests/data/mail/en-modern-wants-to-connect.eml')], { env });
  await page.locator('#live:not([hidden])').waitFor({ timeout: 15000 });
  check(await page.textContent('#live') === '1 invitación nueva', `the page says what arrived: ${await page.textContent('#live')}`);
  await page.locator('#cards .card.new', { hasText: 'Jonah Ellery' }).waitFor({ timeout: 15000 });
  check(await page.locator('#cards .card').count() === cardsBefore + 1, 'the new invitation is in the queue, without a reload');
  const kept = page.locator(`#cards .card[data-id="${typingId}"] .why input`);
  check(await kept.inputValue() === 'nos presentó Marta en', 'the half-typed note is still there');
  check(await kept.evaluate((el) => el === document.activeElement), 'and still has the focus');
  check(await page.locator('#cards .card.focus').getAttribute('data-id') === focusedBefore, 'the focused card stays focused');
  await page.screenshot({ path: path.join(artifacts, 'live.png') });
  await kept.fill('');
  await page.locator('#live').click();
  await page.evaluate(() => document.activeElement.blur()); // leave the input: the keys act on cards again
  // A newer invitation lands above the card at the top of the window: that card stays where it was on the screen.
  const third = page.locator('#cards .card').nth(3);
  const thirdId = await third.getAttribute('data-id');
  await third.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
  const topBefore = await third.evaluate((el) => el.getBoundingClientRect().top);
  const newer = path.join(work, 'newer');
  fs.mkdirSync(newer);
  fs.writeFileSync(path.join(newer, 'Invitations.csv'), 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n' +
    'Mallory Evil,Lucía Fernández Ortega,"11/19/26, 9:00 AM","<script>window.pwned=1</script><img src=x onerror=""window.pwned=2"">",INCOMING,,\n' +
    'Nora Vidal,Lucía Fernández Ortega,"11/20/26, 8:00 AM",Hola Lucía: te escuché en la charla de ayer en Valencia,INCOMING,,\n');
  execFileSync(motivo, ['--db', db, 'import', '--quiet', newer], { env });
  await page.locator('#cards .card.new', { hasText: 'Nora Vidal' }).waitFor({ timeout: 15000 });
  const topAfter = await page.locator(`#cards .card[data-id="${thirdId}"]`).evaluate((el) => el.getBoundingClientRect().top);
  check(Math.abs(topAfter - topBefore) <= 2, `a card added above does not move the one you were reading (${topBefore} → ${topAfter})`);
  await page.evaluate(() => window.scrollTo(0, 0));

  // Accept the first card: it leaves the queue.
  const before = await page.locator('#cards .card').count();
  const first = page.locator('#cards .card').first();
  const firstId = await first.getAttribute('data-id');
  await first.locator('.line').click(); // the selected card is open: its buttons show
  await first.locator('button[data-action="accept"]').click();
  await page.locator(`#cards .card[data-id="${firstId}"]`).waitFor({ state: 'detached' });
  check(await page.locator('#cards .card').count() === before - 1, 'an accepted invitation leaves the queue');

  // Ask another: the rendered question appears.
  const askCard = page.locator(`#cards .card[data-id="${await page.locator('#cards .card[data-suggestion="ask"]').first().getAttribute('data-id')}"]`);
  await askCard.locator('.line').click();
  await askCard.locator('button[data-action="ask"]').click();
  await askCard.locator('.asked textarea').waitFor({ state: 'visible' });
  const question = await askCard.locator('.asked textarea').inputValue();
  check(/^(Buenas|Buenos|Good)/.test(question), `the rendered question: ${question.slice(0, 60)}`);
  await page.screenshot({ path: path.join(artifacts, 'asked.png') });

  // Keyboard: d declines the focused card.
  const focused = await page.locator('#cards .card.focus').getAttribute('data-id');
  await page.keyboard.press('d');
  await page.locator(`#cards .card[data-id="${focused}"]`).waitFor({ state: 'detached' });
  check(true, 'the d key declines');

  // Undo (issue 21): shown after the action; it brings the declined card back.
  await page.locator('#toast:not([hidden])').waitFor();
  await page.screenshot({ path: path.join(artifacts, 'undo.png') });
  await page.click('#undo');
  await page.locator(`#cards .card[data-id="${focused}"]`).waitFor();
  check(await page.locator('#toast').isHidden(), 'Undo takes the decline back: the card is in the queue again');

  // Replied: the card's state and suggestion follow the reply.
  const replyId = await page.locator('#cards .card[data-suggestion="ask"]').first().getAttribute('data-id');
  const replyCard = page.locator(`#cards .card[data-id="${replyId}"]`);
  await replyCard.locator('.line').click();
  await replyCard.locator('button[data-action="reply"]').click();
  await page.locator(`#cards .card[data-id="${replyId}"][data-suggestion="accept"] .why-suggest`, { hasText: 'Sugerencia: aceptar' }).waitFor();
  check(await replyCard.locator('.state').textContent() === 'respondió', 'Replied: the state is replied, the suggestion accept');

  // "Decline all N suggested", after a confirmation listing them.
  const bulk = page.locator('#decline-suggested');
  const suggested = await page.locator('#cards .card[data-suggestion="decline"]').count();
  check(suggested > 0 && !(await bulk.isHidden()) && (await bulk.textContent()).includes(String(suggested)),
    `the bulk button counts the suggested declines: ${await bulk.textContent()}`);
  await bulk.click();
  await page.locator('#toast:not([hidden])', { hasText: 'rechazad' }).waitFor();
  check(confirmations.length === 1 && confirmations[0].includes('Giulia Hill'), `the confirmation lists who: ${confirmations}`);
  check(await page.locator('#cards .card[data-suggestion="decline"]').count() === 0 && await bulk.isHidden(),
    'all the suggested declines are declined');
  await page.screenshot({ path: path.join(artifacts, 'declined-all.png') });

  // Switch language.
  await page.click('#lang');
  check(await page.textContent('header nav a[href="#queue"]') === 'Queue', 'switched to English');
  await page.screenshot({ path: path.join(artifacts, 'queue-en.png') });

  // The report.
  await page.click('header nav a[href="#report"]');
  await page.waitForSelector('#report table');
  const reportText = await page.textContent('#report');
  check(reportText.includes('received'), 'the report view');
  const frame = page.frameLocator('#r-frame');
  await frame.locator('svg').first().waitFor();
  check(await frame.locator('svg').count() === 4, 'the report view shows the charts of the HTML report');
  await page.fill('#r-since', '2026-11-01');
  await page.fill('#r-until', '2026-11-10');
  await page.fill('#r-since2', '2026-11-11');
  await page.fill('#r-until2', '2026-11-20');
  await page.click('#report-form button[type="submit"]');
  await page.locator('#report table tr >> nth=0', { hasText: '2026-11-11' }).waitFor();
  check(await page.locator('#report table tr').first().locator('th, td').count() === 3, 'two periods side by side');
  await page.screenshot({ path: path.join(artifacts, 'report.png') });
  const full = await context.newPage();
  await full.goto(`${url}report.html?lang=en`);
  check(await full.locator('svg').count() === 4, 'the full HTML report with its charts');
  await full.screenshot({ path: path.join(artifacts, 'report-full.png'), fullPage: true });

  // Import through the page: the export zip, uploaded with progress, then the summary.
  const zip = path.join(work, 'export.zip');
  execFileSync('python3', [path.join(src, 'scripts/gen-export.py'), '--profile', 'demo', '--out', zip]);
  await page.bringToFront(); // the full report opened in another tab: a background tab does not paint
  await page.click('header nav a[href="#import"]');
  await page.setInputFiles('#i-file', zip);
  await page.click('#import-form button[type="submit"]');
  await page.locator('#i-result', { hasText: 'Invitations.csv' }).waitFor();
  check((await page.textContent('#i-result')).startsWith('Imported'), 'an import through the page');
  await page.screenshot({ path: path.join(artifacts, 'import.png') });

  // Team mode (issue 8): a user signs in with their token; the page says who is signed in.
  const token = execFileSync(motivo, ['--db', db, 'users', 'add', 'ana'], { env, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  // Ana's own account (Marta's): two namesakes invited her.
  const martaDir = path.join(work, 'marta');
  fs.mkdirSync(martaDir);
  fs.writeFileSync(path.join(martaDir, 'Invitations.csv'), 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n' +
    'Ana García,Marta Ruiz,"11/17/26, 9:00 AM",Hola Marta: coincidimos en Sevilla,INCOMING,https://www.linkedin.com/in/ana-garcia-sevilla,\n' +
    'Ana García,Marta Ruiz,"11/18/26, 9:00 AM",Hola Marta: nos vimos en Bilbao,INCOMING,https://www.linkedin.com/in/ana-garcia-bilbao,\n');
  execFileSync(motivo, ['--db', db, '--as', 'ana', 'import', '--quiet', martaDir], { env });
  const teamServer = spawn(motivo, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], { env });
  const teamUrl = await new Promise((resolve, reject) => {
    teamServer.stdout.on('data', (d) => { const m = /http:\/\/\S+/.exec(String(d)); if (m) resolve(m[0]); });
    teamServer.on('exit', () => reject(new Error('the team server stopped')));
  });
  try {
    const team = await browser.newContext({ locale: 'es-ES' });
    const signedIn = await team.newPage();
    const refused = await signedIn.goto(`${teamUrl}api/me`);
    check(refused.status() === 401, 'without a token: 401');
    await signedIn.goto(`${teamUrl}?token=${token}`);
    await signedIn.locator('form[action^="/signin"] button').click(); // a link asks before it signs in
    await signedIn.locator('#who:not([hidden])').waitFor();
    check(await signedIn.textContent('#who') === 'ana (equipo)', 'the page says who is signed in');
    check(await signedIn.locator('header nav a[href="#people"]').isHidden(), 'a member does not get People');
    await signedIn.screenshot({ path: path.join(artifacts, 'team-member.png') });

    // "Why we connected" from a member's page, on one of two namesakes: the note goes to that invitation's
    // person (its id in the JSON), not to whoever a search for the name finds first.
    const row = signedIn.locator('#cards .card', { hasText: 'Bilbao' });
    await row.waitFor();
    await row.locator('.line').click();
    await row.locator('.why input').fill('la conocí en el meetup de Bilbao');
    const [kept] = await Promise.all([
      signedIn.waitForResponse((r) => /\/api\/invitations\/\d+\/note\b/.test(r.url()) && r.request().method() === 'POST'),
      row.locator('.why button').click(),
    ]);
    check(kept.status() === 200, `the note is sent to /api/invitations/ID/note: ${kept.status()} ${kept.url()}`);
    check(await row.locator('.error').count() === 0, `a member keeps a note: ${await row.locator('.error').allTextContents()}`);
    const mine = JSON.parse(execFileSync(motivo, ['--db', db, '--as', 'ana', 'invitations', '--json'], { env }).toString());
    const bilbao = mine.find((i) => i.message.includes('Bilbao'));
    const sevilla = mine.find((i) => i.message.includes('Sevilla'));
    const people = JSON.parse(execFileSync(motivo, ['--db', db, 'people', '--search', 'Ana García', '--json'], { env }).toString());
    const notesOf = (id) => (people.find((p) => p.id === id) || { notes: [] }).notes;
    check(bilbao.person !== sevilla.person && notesOf(bilbao.person).includes('la conocí en el meetup de Bilbao') &&
          notesOf(sevilla.person).length === 0, `the note is on the right namesake: ${JSON.stringify(people)}`);
  } finally {
    teamServer.kill();
  }

  check(dialogs.length === 0, `no dialog opened: ${dialogs}`);
  check(errors.length === 0, `no script error: ${errors}`);
} finally {
  await browser.close();
  server.kill();
}
console.log(`e2e.browser: ${passed} passed, ${failed} failed (screenshots in ${artifacts})`);
process.exit(failed ? 1 : 0);
