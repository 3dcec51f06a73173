// End-to-end test of the story pages: headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core) opens the article view of one
// of the Lake Kivu ferry articles (story_articles.jsonl, written for this
// test: the Red Cross says 12 killed and the governor of North Kivu 9 on the
// first day, then 30 and 25), follows its link to its story, and checks that
// the story page lists its articles and actors, draws its articles per day,
// and draws the per-story claims chart with one point per day and source at
// the right place, marked revised up and disputed as the API says; then the
// list of stories.
//
//   node story_view.mjs http://127.0.0.1:PORT OUT_DIR
import {chromium} from 'playwright-core';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node story_view.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
const failures = [];
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
}
const getJson = async (path) => (await fetch(base + path)).json();

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

  // The three ferry articles are one story, and their records say which.
  const ids = ['kivu-ferry-1', 'kivu-ferry-2', 'kivu-ferry-3'];
  const records = await Promise.all(ids.map((id) => getJson(`/api/articles/${id}`)));
  const story = records[0].record?.story;
  check(Number.isInteger(story) && records.every((r) => r.record?.story === story), `the ferry articles' records name one story (${story})`);
  const api = await getJson(`/api/stories/${story}`);
  const killed = api.figures?.find((f) => f.kind === 'killed');
  check(killed && killed.rows.length === 4, `the API gives the story's killed figures (${killed?.rows.length} rows)`);
  const expected = (killed?.rows || []).map((r) => `${r.date}|${r.source}|${r.high}|${r.change || ''}`).sort();
  check(JSON.stringify(expected) === JSON.stringify(['2025-02-10|Congolese Red Cross|12|disputed', '2025-02-10|Jean Bakole|9|disputed',
    '2025-02-11|Congolese Red Cross|30|revised up', '2025-02-12|Jean Bakole|25|revised up']),
  `the figures are marked as the articles have them: ${expected.join('; ')}`);

  // From the article view, its link to the story.
  await page.goto(`${base}/#/article/kivu-ferry-2`);
  await page.waitForSelector('a.story-link', {timeout: 15000});
  check((await page.textContent('a.story-link')) === `story ${story}`, 'the article view links to its story');
  await page.click('a.story-link');
  await page.waitForSelector('#story-figures svg circle.figure-point', {timeout: 15000});
  check(page.url().endsWith(`#/story/${story}`), `the link opens the story page (${page.url()})`);
  check((await page.textContent('h1')) === 'Ferry capsizes on Lake Kivu near Goma', 'the story page is titled by its first article');

  // Its articles, by date, and its actors.
  const listed = await page.$$eval('#story-articles li a', (as) => as.map((a) => a.getAttribute('href')));
  check(JSON.stringify(listed) === JSON.stringify(ids.map((id) => '#/article/' + id)), `its articles are listed by date (${listed.join(' ')})`);
  const actors = await page.textContent('#story-entities');
  check(['Lake Kivu', 'Goma', 'Congolese Red Cross'].every((n) => actors.includes(n)), 'its actors are shown');
  const bars = await page.$$eval('#story-days svg rect', (rs) => rs.map((r) => r.dataset.date));
  check(JSON.stringify(bars) === JSON.stringify(['2025-02-10', '2025-02-11', '2025-02-12']), `its articles over time: a bar a day (${bars.join(' ')})`);

  // The per-story claims chart: one point per day and source, where the axes put it.
  const chart = await page.evaluate(() => {
    const svg = document.querySelector('#story-figures svg');
    const num = (el, a) => Number(el.getAttribute(a));
    return {
      label: svg.getAttribute('aria-label'),
      points: [...svg.querySelectorAll('circle.figure-point')].map((c) => ({date: c.dataset.date, source: c.dataset.source,
        high: Number(c.dataset.high), change: c.dataset.change, x: num(c, 'cx'), y: num(c, 'cy')})),
      disputed: [...svg.querySelectorAll('circle.mark-disputed')].map((c) => `${c.dataset.date}|${c.dataset.source}`).sort(),
      up: [...svg.querySelectorAll('path.mark-revised-up')].map((c) => `${c.dataset.date}|${c.dataset.source}`).sort(),
      down: svg.querySelectorAll('path.mark-revised-down').length,
      lines: svg.querySelectorAll('polyline').length,
    };
  });
  check(chart.label === 'killed over time', `the chart plots the killed figure (${chart.label})`);
  const drawn = chart.points.map((p) => `${p.date}|${p.source}|${p.high}|${p.change}`).sort();
  check(JSON.stringify(drawn) === JSON.stringify(expected), `the chart's points are the API's rows (${drawn.join('; ')})`);
  check(chart.lines === 2, `one line per source (${chart.lines})`);
  // Later days lie to the right, higher figures higher up (smaller y), one day one x.
  const byDate = [...chart.points].sort((a, b) => a.date.localeCompare(b.date) || a.high - b.high);
  check(byDate.every((p, i) => i === 0 || p.x > byDate[i - 1].x || (p.date === byDate[i - 1].date && p.x === byDate[i - 1].x)),
    'the points lie in date order along the x axis');
  const byHigh = [...chart.points].sort((a, b) => a.high - b.high);
  check(byHigh.every((p, i) => i === 0 || p.y < byHigh[i - 1].y), `higher figures are drawn higher (${byHigh.map((p) => p.high + '@' + p.y.toFixed(0)).join(' ')})`);
  check(JSON.stringify(chart.disputed) === JSON.stringify(['2025-02-10|Congolese Red Cross', '2025-02-10|Jean Bakole']),
    `the disputed figures are ringed (${chart.disputed.join('; ')})`);
  check(JSON.stringify(chart.up) === JSON.stringify(['2025-02-11|Congolese Red Cross', '2025-02-12|Jean Bakole']) && chart.down === 0,
    `the revised figures carry an up triangle (${chart.up.join('; ')})`);
  // Nothing of another story is on it: the archive's other killed figures (Gaza, Sudan ...) are not.
  const all = await getJson('/api/aggregates/figures?kind=killed');
  check(all.rows.length > chart.points.length && chart.points.every((p) => p.date.startsWith('2025-02')),
    `the chart holds this story's figures only (${chart.points.length} of the archive's ${all.rows.length} rows)`);
  await page.screenshot({path: join(outDir, 'story-page.png'), fullPage: true});

  // The list of stories links to it.
  await page.goto(`${base}/#/stories`);
  await page.waitForSelector(`a[href="#/story/${story}"]`, {timeout: 10000});
  const rows = await page.$$eval('main tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const ferry = rows.find((r) => r[0] === 'Ferry capsizes on Lake Kivu near Goma');
  check(ferry && ferry[1] === '2025-02-10' && ferry[2] === '2025-02-12' && ferry[3] === '3',
    `the list shows the story with its dates and articles (${JSON.stringify(ferry)})`);
  check(rows.every((r) => Number(r[3]) >= 2), `by default, the stories of two articles or more (${rows.length})`);
  await page.goto(`${base}/#/stories?min_articles=1`);
  await page.waitForSelector(`a[href="#/story/${story}"]`, {timeout: 10000});
  const one = await page.$$eval('main tbody tr', (trs) => trs.length);
  check(one > 1, `with at least 1 article, every story is listed (${one})`);
  await page.screenshot({path: join(outDir, 'stories.png'), fullPage: true});
  check(errors.length === 0, `no script errors${errors.length ? ': ' + errors.join('; ') : ''}`);
} finally {
  await context.close();
  rmSync(profile, {recursive: true, force: true});
}
console.log(`${checks - failures.length} passed, ${failures.length} failed`);
console.log(`screenshots: ${outDir}/story-page.png, stories.png`);
process.exit(failures.length ? 1 : 0);
