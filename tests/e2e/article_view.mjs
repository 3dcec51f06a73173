// End-to-end test of the web view: headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core) loads the article view of
// the seed article from a running `sitrep serve`, checks that the entities
// and quotes of its record are marked in the text, visits the other pages,
// and saves screenshots.
//
//   node article_view.mjs http://127.0.0.1:PORT OUT_DIR
import {chromium} from 'playwright-core';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node article_view.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
const failures = [];
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
}

const profile = mkdtempSync(join(tmpdir(), 'sitrep-e2e-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: {width: 1400, height: 1000},
});
try {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Nothing may be loaded from anywhere but the server itself.
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });

  // The record, as the API gives it, is what the page must show.
  const api = await (await fetch(`${base}/api/articles/haliva-resigns`)).json();
  const record = api.record;
  check(record && record.entities.length > 5 && record.quotes.length > 3, `the API gives the seed article's record (${record?.entities.length} entities, ${record?.quotes.length} quotes)`);

  await page.goto(`${base}/#/article/haliva-resigns`);
  await page.waitForSelector('#doc .ent', {timeout: 15000});
  check((await page.textContent('h1')).includes('top military intelligence chief resigns'), 'the title is shown');

  const shown = await page.evaluate(() => {
    const doc = document.getElementById('doc');
    const bare = doc.cloneNode(true);
    for (const label of bare.querySelectorAll('.tag, .speaker, .figure, .code')) label.remove();
    const textOf = (el) => { const c = el.cloneNode(true); for (const l of c.querySelectorAll('.tag, .speaker, .figure, .code')) l.remove(); return c.textContent; };
    return {
      text: bare.textContent,
      ents: [...doc.querySelectorAll('.ent')].map((e) => ({text: textOf(e), type: e.dataset.type, entity: e.dataset.entity,
        background: getComputedStyle(e).backgroundColor, label: e.querySelector('.tag')?.textContent})),
      quotes: [...doc.querySelectorAll('.quote')].map((q) => ({text: textOf(q), speaker: q.querySelector(':scope > .speaker')?.textContent})),
      reported: [...doc.querySelectorAll('.reported')].map((r) => ({text: textOf(r), title: r.getAttribute('title')})),
      claims: doc.querySelectorAll('.claim').length,
      events: doc.querySelectorAll('.event').length,
    };
  });
  check(shown.text === api.article.text, 'the marked-up text is the article text, character for character');

  // Each reported item's tooltip says what it attributes: its kind ("Intention of ...") or "Reported speech".
  // (A mark that crosses another is cut at that one's end: its first part starts the item.)
  for (const r of record.reported) {
    const what = !r.kind || r.kind === 'assertion' ? 'Reported speech' : r.kind[0].toUpperCase() + r.kind.slice(1);
    check(shown.reported.some((m) => m.text && r.text.startsWith(m.text) && m.title && m.title.startsWith(`${what} of `)),
      `the reported item "${r.text.slice(0, 30)}" is marked as ${what}`);
  }
  check(record.reported.some((r) => r.kind && r.kind !== 'assertion'), 'the seed record has an attribution of another kind than assertion');

  // Every mention of every entity is marked, over the right words, with its type.
  const expected = record.entities.flatMap((e) => e.mentions.map((m) => `${e.id}|${e.type}|${m.text}`)).sort();
  const got = shown.ents.map((e) => `${e.entity}|${e.type}|${e.text}`).sort();
  check(JSON.stringify(got) === JSON.stringify(expected), `all ${expected.length} entity mentions are marked over their words (marked: ${got.length})`);
  for (const [name, type] of [['Aharon Haliva', 'PERSON'], ['Benjamin Netanyahu', 'PERSON'], ['Hamas', 'ORG'], ['Israel', 'GPE'], ['Gaza', 'GPE']]) {
    const mark = shown.ents.find((e) => e.text === name);
    check(mark && mark.type === type && mark.label === type, `"${name}" is marked as ${type}`);
  }
  // Colour by type: one colour per type, different types apart.
  const colour = (type) => new Set(shown.ents.filter((e) => e.type === type).map((e) => e.background));
  check(colour('PERSON').size === 1 && colour('GPE').size === 1 && colour('ORG').size === 1, 'each entity type has one colour');
  check([...colour('PERSON')][0] === 'rgb(170, 156, 252)' && [...colour('PERSON')][0] !== [...colour('GPE')][0] &&
        [...colour('GPE')][0] !== [...colour('ORG')][0], `types are coloured apart (PERSON ${[...colour('PERSON')]}, GPE ${[...colour('GPE')]}, ORG ${[...colour('ORG')]})`);

  // Quotes: each one marked, with its speaker.
  const names = Object.fromEntries(record.entities.map((e) => [e.id, e.name]));
  check(shown.quotes.length === record.quotes.length, `all ${record.quotes.length} quotes are marked (marked: ${shown.quotes.length})`);
  for (const q of record.quotes) {
    const mark = shown.quotes.find((m) => m.text === q.text);
    check(mark && mark.speaker === `— ${names[q.speaker] || 'unknown'}`, `quote "${q.text.slice(0, 40)}…" is marked with its speaker ${names[q.speaker]}`);
  }
  const debacle = shown.quotes.find((q) => q.text.startsWith('This debacle will be investigated'));
  check(debacle && debacle.speaker === '— Benjamin Netanyahu', 'Netanyahu\'s "This debacle will be investigated" is attributed to him');
  check(shown.claims === record.claims.length && shown.events > 0, `claims (${shown.claims}) and event triggers (${shown.events}) are marked`);
  check((await page.textContent('#quotes')).includes('Aharon Haliva'), 'the quotes panel names the speakers');
  await page.screenshot({path: join(outDir, 'article-view.png'), fullPage: true});

  // Hovering a mention lights up the entity's other mentions. (His name, not
  // a description that holds another entity's name, as the headline's does.)
  const haliva = record.entities.find((e) => e.name === 'Aharon Haliva');
  const halivaName = page.locator('#doc .ent[data-entity="' + haliva.id + '"]').filter({hasText: 'Aharon Haliva'}).first();
  await halivaName.hover();
  check(await page.locator('#doc .ent.hot').count() === haliva.mentions.length, 'hovering Haliva highlights all his mentions');

  // A click on a mention opens the entity page.
  await halivaName.click();
  await page.waitForSelector('h1:has-text("Aharon Haliva")', {timeout: 10000});
  const entityText = await page.textContent('main');
  check(entityText.includes('The intelligence directorate under my command') && entityText.includes('Mentions'), 'the entity page lists his quotes and mentions');
  check(await page.locator('main svg rect').count() > 0, 'the entity page draws a timeline');
  await page.screenshot({path: join(outDir, 'entity-page.png'), fullPage: true});

  // The search box.
  await page.fill('#q', 'Haliva');
  await page.press('#q', 'Enter');
  await page.waitForSelector('a[href="#/article/haliva-resigns"]', {timeout: 10000});
  check(true, 'searching "Haliva" finds the seed article');

  // The charts render from the API.
  for (const [hash, selector, what] of [['#/', 'li a[href="#/article/haliva-resigns"]', 'the article list'],
    ['#/entities', 'td a[href="#/entity/Aharon%20Haliva"]', 'the entity list'],
    ['#/timeline', 'svg circle', 'the events timeline'], ['#/network', 'svg circle', 'the actor network'],
    ['#/claims?kind=killed', 'svg polyline', 'the claims tracker']]) {
    await page.goto(`${base}/${hash}`);
    const drawn = await page.waitForSelector(selector, {timeout: 10000}).then(() => true, () => false);
    check(drawn, `${what} is drawn`);
    await page.screenshot({path: join(outDir, (hash.slice(2).split('?')[0] || 'home') + '.png'), fullPage: true});
  }
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
  check(foreign.length === 0, `nothing is fetched from elsewhere${foreign.length ? ': ' + foreign.join(' ') : ''}`);
} finally {
  await context.close();
  rmSync(profile, {recursive: true, force: true});
}
console.log(`${checks - failures.length} passed, ${failures.length} failed`);
console.log(`screenshots: ${outDir}/article-view.png (and entity-page, home, entities, timeline, network, claims)`);
process.exit(failures.length ? 1 : 0);
