// sitrep's web view: plain JavaScript over the JSON API of `sitrep serve`
// (src/serve/api.h). Routes live in the URL's hash (#/article/ID), so the
// server serves one page. Charts are SVG drawn here; nothing is fetched from
// another origin.
'use strict';

const view = document.getElementById('view');
const SVG = 'http://www.w3.org/2000/svg';
const TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT'];
const PLOVER_COLOURS = {
  AGREE: '#12b76a', CONSULT: '#2e90fa', SUPPORT: '#66c61c', CONCEDE: '#9e77ed', COOPERATE: '#15b79e',
  AID: '#0ba5ec', RETREAT: '#7a5af8', DEMAND: '#f79009', DISAPPROVE: '#fdb022', REJECT: '#ef6820',
  THREATEN: '#f04438', PROTEST: '#ee46bc', SANCTION: '#dd2590', MOBILIZE: '#875bf7', COERCE: '#c11574',
  ASSAULT: '#b42318', FIGHT: '#912018', INVESTIGATE: '#475467',
};
const SERIES = ['#2457c5', '#d92d20', '#039855', '#f79009', '#7a5af8', '#0ba5ec', '#dd2590', '#475467'];

// An element: h('a', {href: '#/'}, 'text', child...). Text is always text, never HTML.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  // Children nest in arrays at any depth ([" · copy of ", link]).
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const url = '/api/' + path + (q.toString() ? '?' + q : '');
  const res = await fetch(url);
  const body = await res.json().catch(() => ({error: 'not JSON: ' + res.status}));
  if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
  return body;
}

const articleLink = (id, text) => h('a', {href: '#/article/' + encodeURIComponent(id)}, text || id);
const storyLink = (n, text) => h('a', {href: '#/story/' + n, class: 'story-link'}, text || `Story ${n}`);
const entityLink = (name, text) => name ? h('a', {href: '#/entity/' + encodeURIComponent(name)}, text || name) : h('span', {class: 'muted'}, '—');
const chip = (type, text) => h('span', {class: 'chip t-' + (TYPES.includes(type) ? type : 'OTHER')}, text);
const card = (...c) => h('div', {class: 'card'}, ...c);
const fmt = (n) => typeof n === 'number' ? n.toLocaleString('en-US') : (n ?? '—');

function table(columns, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, columns.map(([label]) => h('th', {}, label)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(r)))))));
}

// Plain words become a full-text query that cannot be malformed; a query
// with quotes, operators or a prefix star is passed on as written.
function ftsQuery(text) {
  if (/["*()]|\b(AND|OR|NOT|NEAR)\b/.test(text)) return text;
  return text.split(/\s+/).filter(Boolean).map((w) => '"' + w.replace(/"/g, '') + '"').join(' ');
}

// ---- Routes ----------------------------------------------------------------

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  return {name: parts[0] || 'home', arg: parts.slice(1).join('/'), params: new URLSearchParams(query || '')};
}

async function route() {
  const r = parseHash();
  for (const a of document.querySelectorAll('header nav a'))
    a.classList.toggle('active', a.getAttribute('href') === '#/' + (r.name === 'home' ? '' : r.name));
  const pages = {home, search, article, entity, entities, timeline, network, claims, stories, story};
  const page = pages[r.name];
  view.replaceChildren(h('p', {class: 'muted'}, 'Loading…'));
  try {
    if (!page) throw new Error('no page ' + r.name);
    const content = await page(r.arg, r.params);
    view.replaceChildren(...[content].flat());
    window.scrollTo(0, 0);
  } catch (e) {
    view.replaceChildren(h('p', {class: 'error'}, e.message));
  }
}

async function home() {
  const [arts, ents, health] = await Promise.all([api('articles', {limit: 100}), api('entities', {limit: 30}), api('health')]);
  return h('div', {class: 'grid'},
    h('div', {}, h('h1', {}, 'Articles'),
      h('p', {class: 'muted'}, `${fmt(health.articles)} articles` + (health.first ? `, ${health.first} to ${health.last}` : '')),
      card(h('ul', {class: 'plain'}, arts.rows.map((a) => h('li', {}, articleLink(a.article, a.title || a.article), ' ',
        h('span', {class: 'muted'}, a.date || '')))))),
    h('div', {}, h('h2', {}, 'Most named'), card(ents.rows.map((e) => h('span', {}, entityLink(e.name, chip(e.type, `${e.name} · ${e.articles}`)), ' ')))));
}

async function search(_, params) {
  const q = params.get('q') || '';
  document.getElementById('q').value = q;
  const res = await api('search', {q: ftsQuery(q), limit: 50});
  const snippet = (text) => {
    // The store marks hits with [brackets].
    const out = h('span', {class: 'snippet'});
    for (const part of (text || '').split(/(\[[^\]]*\])/)) out.append(part.startsWith('[') ? h('b', {}, part.slice(1, -1)) : part);
    return out;
  };
  return h('div', {class: 'grid'},
    h('div', {}, h('h1', {}, `Search: ${q}`),
      res.articles.rows.length ? card(h('ul', {class: 'plain'}, res.articles.rows.map((a) => h('li', {},
        articleLink(a.article, a.title || a.article), ' ', h('span', {class: 'muted'}, a.date || ''), h('br'), snippet(a.snippet)))))
        : h('p', {class: 'muted'}, 'No article matches.')),
    h('div', {}, h('h2', {}, 'Entities'), card(res.entities.length ? res.entities.map((e) => h('span', {}, entityLink(e.name, chip(e.type, `${e.name} · ${e.articles}`)), ' '))
      : h('span', {class: 'muted'}, 'None by that name.'))));
}

// ---- The article view ------------------------------------------------------

// Nests the marks (entities inside quotes inside ...) and renders the text
// with them. Offsets are code points, so the text is split into code points.
function renderMarks(text, marks) {
  const cps = Array.from(text);
  const order = {quote: 0, reported: 0, claim: 1, event: 2, ent: 3};
  marks = marks.filter((m) => m.end > m.start && m.start >= 0 && m.end <= cps.length)
    .sort((a, b) => a.start - b.start || b.end - a.end || order[a.layer] - order[b.layer]);
  const root = {start: 0, end: cps.length, children: []};
  const stack = [root];
  for (const m of marks) {
    while (stack.length > 1 && stack[stack.length - 1].end <= m.start) stack.pop();
    const parent = stack[stack.length - 1];
    // Crossing marks are cut at their parent's end: the text stays whole.
    const node = {...m, end: Math.min(m.end, parent.end), children: []};
    if (node.end <= node.start) continue;
    parent.children.push(node);
    stack.push(node);
  }
  const draw = (node, el) => {
    let at = node.start;
    for (const c of node.children) {
      if (c.start > at) el.append(cps.slice(at, c.start).join(''));
      const span = h('span', c.attrs);
      draw(c, span);
      if (c.label) span.append(c.label);
      el.append(span);
      at = c.end;
    }
    if (node.end > at) el.append(cps.slice(at, node.end).join(''));
  };
  const out = h('div', {class: 'doc', id: 'doc'});
  draw(root, out);
  return out;
}

// What a reported item attributes, for its tooltip: "Reported speech" for an
// assertion (or a record without kinds), else "Belief", "Intention" ...
function reportedKind(kind) {
  if (!kind || kind === 'assertion') return 'Reported speech';
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

async function article(id) {
  const {article: a, record: r} = await api('articles/' + encodeURIComponent(id));
  const byId = Object.fromEntries(r.entities.map((e) => [e.id, e]));
  const nameOf = (eid) => (byId[eid] ? byId[eid].name : null);
  const marks = [];
  for (const e of r.entities) {
    const type = TYPES.includes(e.type) ? e.type : 'OTHER';
    for (const m of e.mentions)
      marks.push({layer: 'ent', start: m.start, end: m.end, attrs: {class: 'ent t-' + type, 'data-entity': e.id, 'data-type': e.type,
        title: `${e.name} (${e.type}${e.actor_code ? ', ' + e.actor_code : ''}) — ${m.kind}`}, label: h('span', {class: 'tag'}, e.type)});
  }
  for (const q of r.quotes)
    marks.push({layer: 'quote', start: q.start, end: q.end, attrs: {class: 'quote', 'data-speaker': nameOf(q.speaker) || '',
      title: `Quote${q.speaker ? ' of ' + nameOf(q.speaker) : ''}${q.cue ? ' (' + q.cue + ')' : ''}`},
      label: h('span', {class: 'speaker'}, '— ' + (nameOf(q.speaker) || 'unknown'))});
  for (const q of r.reported || [])
    marks.push({layer: 'reported', start: q.start, end: q.end, attrs: {class: 'reported', title: `${reportedKind(q.kind)} of ${nameOf(q.speaker) || 'unknown'} (${q.cue || ''})`}});
  for (const c of r.claims)
    marks.push({layer: 'claim', start: c.start, end: c.end, attrs: {class: 'claim', title: `Claim: ${c.kind} ${c.qualifier || ''} ${fmt(c.value)} ${c.unit || ''}${c.source ? ' — per ' + nameOf(c.source) : ''}`},
      label: h('span', {class: 'figure'}, `${c.kind} ${fmt(c.value)}`)});
  for (const ev of r.events)
    marks.push({layer: 'event', start: ev.trigger.start, end: ev.trigger.end, attrs: {class: 'event',
      title: `${nameOf(ev.source) || '?'} → ${nameOf(ev.target) || '?'}: CAMEO ${ev.cameo} ${ev.plover}${ev.negated ? ' (negated)' : ''}`},
      label: h('span', {class: 'code'}, ev.plover || ev.cameo)});
  const doc = renderMarks(a.text, marks);
  doc.addEventListener('mouseover', (e) => {
    const ent = e.target.closest('.ent');
    for (const x of doc.querySelectorAll('.ent.hot')) x.classList.remove('hot');
    if (ent) for (const x of doc.querySelectorAll(`.ent[data-entity="${ent.dataset.entity}"]`)) x.classList.add('hot');
  });
  doc.addEventListener('click', (e) => {
    const ent = e.target.closest('.ent');
    if (ent && byId[ent.dataset.entity]) location.hash = '#/entity/' + encodeURIComponent(byId[ent.dataset.entity].name);
  });
  const toggle = (layer, label) => h('label', {}, h('input', {type: 'checkbox', checked: true,
    onchange: (e) => doc.classList.toggle('hide-' + layer, !e.target.checked)}), label);
  const legend = h('div', {class: 'legend'}, toggle('ent', 'Entities'), toggle('quote', 'Quotes'), toggle('claim', 'Claims'), toggle('event', 'Events'),
    h('span', {class: 'muted'}, '|'), TYPES.map((t) => chip(t, t)));
  const counts = `${r.entities.length} entities · ${r.quotes.length} quotes · ${r.claims.length} claims · ${r.events.length} events`;
  return h('div', {class: 'grid'},
    h('div', {}, h('h1', {}, a.title || a.id), h('p', {class: 'muted'}, [a.date || 'undated', a.url ? ' · ' : '', a.url ? (/^https?:\/\//i.test(a.url) ? h('a', {href: a.url, rel: 'noreferrer'}, a.url) : a.url) : '',
      a.duplicate_of ? [' · copy of ', articleLink(a.duplicate_of)] : '', r.story ? [' · ', storyLink(r.story, `story ${r.story}`)] : '',
      ' · ', counts]), legend, doc),
    h('div', {},
      h('h2', {}, 'Entities'), card(r.entities.map((e) => h('div', {}, entityLink(e.name, chip(e.type, e.name)), ' ',
        h('span', {class: 'muted'}, `${e.actor_code || ''} · ${e.mentions.length} mentions`)))),
      h('h2', {}, 'Quotes'), card(r.quotes.length ? h('ul', {class: 'plain', id: 'quotes'}, r.quotes.map((q) => h('li', {},
        h('blockquote', {}, '“' + q.text + '”'), h('div', {class: 'muted'}, '— ', entityLink(nameOf(q.speaker)), q.cue ? ` (${q.cue})` : ''))))
        : h('span', {class: 'muted'}, 'None')),
      h('h2', {}, 'Claims'), card(r.claims.length ? table([['Figure', (c) => `${c.kind}: ${c.qualifier && c.qualifier !== 'exact' ? c.qualifier + ' ' : ''}${fmt(c.value)} ${c.unit || ''}`],
        ['Source', (c) => c.source ? entityLink(nameOf(c.source)) : 'the article'], ['Date', (c) => c.date || '']], r.claims) : h('span', {class: 'muted'}, 'None')),
      h('h2', {}, 'Events'), card(r.events.length ? table([['Source', (e) => entityLink(nameOf(e.source))], ['Event', (e) => `${e.plover} ${e.cameo}${e.negated ? ' (not)' : ''}`],
        ['Target', (e) => entityLink(nameOf(e.target))], ['Words', (e) => e.trigger.text]], r.events) : h('span', {class: 'muted'}, 'None'))));
}

// ---- Entities ----------------------------------------------------------------

async function entities(_, params) {
  const type = params.get('type') || '', q = params.get('q') || '';
  const offset = Number(params.get('offset')) || 0;
  const res = await api('entities', {type, q, limit: 100, offset});
  const page = (at) => '#/entities?' + new URLSearchParams(Object.entries({q, type, offset: at}).filter(([, v]) => v));
  const form = h('form', {class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    location.hash = '#/entities?' + new URLSearchParams([...f].filter(([, v]) => v));
  }}, h('label', {}, 'Name starts with', h('input', {name: 'q', value: q})),
  h('label', {}, 'Type', h('select', {name: 'type'}, h('option', {value: ''}, 'any'), TYPES.map((t) => h('option', {value: t, selected: t === type}, t)))),
  h('button', {type: 'submit'}, 'Show'));
  return [h('h1', {}, 'Entities'), form, card(table([['Name', (e) => entityLink(e.name)], ['Type', (e) => chip(e.type, e.type)],
    ['Actor code', (e) => e.actor_code || ''], ['Articles', (e) => fmt(e.articles)]], res.rows)),
  h('p', {}, offset > 0 ? h('a', {href: page(Math.max(0, offset - 100))}, '← previous 100') : '', ' ',
    res.more ? h('a', {href: page(offset + 100)}, 'next 100 →') : '')];
}

async function entity(name) {
  const res = await api('entities/' + encodeURIComponent(name));
  const e = res.entity;
  return [h('h1', {}, e.name, ' ', chip(e.type, e.type)),
    h('p', {class: 'muted'}, [e.actor_code ? `Actor ${e.actor_code} · ` : '', e.title ? e.title + ' · ' : '', `named in ${fmt(e.articles)} articles`,
      res.names.length > 1 ? ' · also: ' + res.names.slice(1).map((n) => `${n.name} (${n.type})`).join(', ') : '']),
    h('h2', {}, 'Timeline: mentions per day'), h('div', {class: 'chart'}, barChart(res.timeline)),
    h('div', {class: 'grid'},
      h('div', {},
        h('h2', {}, `Events as source or target (${res.events.length})`), card(res.events.length ? table([['Date', (r) => r.date || ''],
          ['Role', (r) => r.role], ['Source', (r) => entityLink(r.source)], ['Event', (r) => `${r.plover} ${r.cameo}${r.negated ? ' (not)' : ''}`],
          ['Target', (r) => entityLink(r.target)], ['Words', (r) => articleLink(r.article, r.trigger)]], res.events) : h('span', {class: 'muted'}, 'None')),
        h('h2', {}, `Mentions (${res.mentions.rows.length}${res.mentions.more ? '+' : ''})`), card(table([['Date', (m) => m.date || ''],
          ['Article', (m) => articleLink(m.article, m.title || m.article)], ['Words', (m) => m.text], ['Kind', (m) => m.kind]], res.mentions.rows))),
      h('div', {}, h('h2', {}, `Quotes by ${e.name} (${res.quotes.length})`), card(res.quotes.length ? h('ul', {class: 'plain'}, res.quotes.map((q) => h('li', {},
        h('blockquote', {}, q.form === 'quote' ? '“' + q.text + '”' : q.text), h('div', {class: 'muted'}, `${q.date || ''} · ${q.form} · `, articleLink(q.article)))))
        : h('span', {class: 'muted'}, 'None'))))];
}

// ---- Stories ---------------------------------------------------------------

const STORY_FIELDS = [['entity', 'Entity', 'Hamas'], ['since', 'Since', 'YYYY-MM-DD'], ['until', 'Until', 'YYYY-MM-DD'],
  ['min_articles', 'At least N articles', '2']];

async function stories(_, params) {
  const offset = Number(params.get('offset')) || 0;
  const filters = Object.fromEntries(STORY_FIELDS.map(([n]) => [n, params.get(n) || '']));
  filters.min_articles = filters.min_articles || '2';
  const res = await api('stories', {...filters, limit: 50, offset});
  const page = (at) => '#/stories?' + new URLSearchParams(Object.entries({...Object.fromEntries(params), offset: at}).filter(([, v]) => v));
  return [h('h1', {}, 'Stories'),
    h('p', {class: 'muted'}, 'Articles on one event or issue, followed over days or weeks (assigned as they were stored); the latest first. ',
      'Stories of one article are left out unless asked for (at least 1 article).'),
    filterForm('stories', params, STORY_FIELDS),
    res.rows.length ? card(table([['Story', (r) => storyLink(r.story, r.title || `Story ${r.story}`)], ['From', (r) => r.first_date || ''],
      ['To', (r) => r.last_date || ''], ['Articles', (r) => fmt(r.articles)]], res.rows)) : h('p', {class: 'muted'}, 'No story matches.'),
    h('p', {}, offset > 0 ? h('a', {href: page(Math.max(0, offset - 50))}, '← previous 50') : '', ' ',
      res.more ? h('a', {href: page(offset + 50)}, 'next 50 →') : '')];
}

async function story(n, params) {
  const res = await api('stories/' + encodeURIComponent(n), {limit: 200});
  const st = res.story;
  const kind = params.get('kind') || (res.figures[0] ? res.figures[0].kind : '');
  const fig = res.figures.find((f) => f.kind === kind);
  const more = (part) => part.more ? ` (the first ${part.rows.length})` : '';
  let figures;
  if (!res.figures.length) {
    figures = [h('p', {class: 'muted'}, 'No figures are claimed in this story.')];
  } else {
    const kinds = h('div', {class: 'legend', id: 'figure-kinds'}, 'Figure:', res.claim_kinds.rows.map((k) =>
      k.kind === kind ? h('b', {}, `${k.kind} (${k.claims})`) : h('a', {href: `#/story/${st.story}?kind=${encodeURIComponent(k.kind)}`}, `${k.kind} (${k.claims})`)));
    const rows = fig ? fig.rows.filter((r) => !isNaN(day(r.date))) : [];
    if (!rows.length) {
      figures = [kinds, h('p', {class: 'muted'}, `No dated ${kind} figures in this story.`)];
    } else {
      const chart = figureChart(rows, kind);
      figures = [kinds, chart.legend, h('div', {class: 'chart', id: 'story-figures'}, chart.svg),
        card(table([['Date', (r) => r.date], ['Source', (r) => r.source === '(the article)' ? 'the article' : entityLink(r.source)],
          ['Figure', (r) => r.low === r.high ? fmt(r.high) : `${fmt(r.low)}–${fmt(r.high)}`], ['Units', (r) => r.units || ''],
          ['Articles', (r) => r.articles], ['Change', (r) => r.change || '']], fig.rows)),
        fig.more ? h('p', {class: 'muted'}, `The first ${fig.rows.length} rows.`) : ''];
    }
  }
  const articles = res.articles;
  return [h('h1', {}, st.title || `Story ${st.story}`),
    h('p', {class: 'muted'}, `Story ${st.story} · ${st.first_date || 'undated'}${st.last_date && st.last_date !== st.first_date ? ' to ' + st.last_date : ''} · ${fmt(st.articles)} articles`),
    h('h2', {}, 'Articles over time'), h('div', {class: 'chart', id: 'story-days'},
      barChart(res.days.rows, 'articles', (r) => `${r.date}: ${r.articles} articles${r.copies ? ` (${r.copies} wire copies)` : ''}`)),
    h('h2', {}, `Figures: ${kind || 'none'}`), ...figures,
    h('div', {class: 'grid'},
      h('div', {},
        h('h2', {}, `Articles (${articles.rows.length}${articles.more ? '+' : ''})`), card(h('ul', {class: 'plain', id: 'story-articles'}, articles.rows.map((a) => h('li', {},
          articleLink(a.article_id, a.title || a.article_id), ' ', h('span', {class: 'muted'}, a.date || ''),
          a.duplicate_of ? h('span', {class: 'muted'}, ' · copy of ', articleLink(a.duplicate_of)) : '')))),
        h('h2', {}, `Events${more(res.events)}`), card(res.events.rows.length ? table([['Date', (r) => r.date || ''], ['Source', (r) => entityLink(r.source)],
          ['Event', (r) => `${r.plover || ''} ${r.cameo}${r.negated ? ' (not)' : ''}`], ['Target', (r) => entityLink(r.target)],
          ['Words', (r) => articleLink(r.article, r.trigger)]], res.events.rows) : h('span', {class: 'muted'}, 'None'))),
      h('div', {},
        h('h2', {}, 'Actors'), card(res.entities.rows.length ? h('div', {id: 'story-entities'}, res.entities.rows.map((e) => h('span', {},
          entityLink(e.name, chip(e.type, `${e.name} · ${e.articles}`)), ' '))) : h('span', {class: 'muted'}, 'None')),
        h('h2', {}, 'Actor pairs'), card(res.pairs.rows.length ? table([['Source', (r) => r.source], ['Target', (r) => r.target],
          ['Events', (r) => r.events], ['Types', (r) => r.types || '']], res.pairs.rows) : h('span', {class: 'muted'}, 'None')),
        h('h2', {}, 'Events by code'), card(res.event_codes.rows.length ? table([['CAMEO', (r) => r.root], ['PLOVER', (r) => r.plover || ''],
          ['Events', (r) => r.events], ['Articles', (r) => r.articles]], res.event_codes.rows) : h('span', {class: 'muted'}, 'None'))))];
}

// ---- Charts --------------------------------------------------------------------

const day = (d) => Date.parse(d + 'T00:00:00Z');
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

// A time axis over the days [t0, t1] mapped to [x0, x1], with at most `n`
// labelled ticks, each on a whole day.
function timeAxis(t0, t1, x0, x1, y, n) {
  const DAY = 86400000;
  if (t1 <= t0) { t0 -= DAY; t1 += DAY; }
  const x = (t) => x0 + (t - t0) / (t1 - t0) * (x1 - x0);
  const g = s('g', {class: 'axis'}, s('line', {x1: x0, x2: x1, y1: y, y2: y}));
  const days = Math.round((t1 - t0) / DAY);
  const step = Math.max(1, Math.ceil(days / n));
  for (let d = 0; d <= days; d += step) {
    const t = t0 + d * DAY;
    g.append(s('line', {x1: x(t), x2: x(t), y1: y, y2: y + 4}), s('text', {x: x(t), y: y + 16, 'text-anchor': 'middle'}, isoDay(t)));
  }
  return {x, g, t0, t1};
}

// Bars per day of rows {date, [key]}: mentions by default (an entity's
// timeline), or another count with its own tooltip.
function barChart(rows, key = 'mentions', tip = (r) => `${r.date}: ${r.mentions} mentions in ${r.articles} articles`) {
  if (!rows.length) return h('p', {class: 'muted'}, `No dated ${key}.`);
  const W = 900, H = 160, L = 40, R = 20, T = 10, B = 30;
  const ts = rows.map((r) => day(r.date));
  const axis = timeAxis(Math.min(...ts), Math.max(...ts), L + 10, W - R - 10, H - B, 6);
  const max = Math.max(...rows.map((r) => r[key]));
  const y = (v) => H - B - v / max * (H - B - T);
  const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `${key} per day`}, axis.g,
    s('text', {x: L - 6, y: T + 8, 'text-anchor': 'end'}, max), s('text', {x: L - 6, y: H - B, 'text-anchor': 'end'}, 0));
  for (const r of rows)
    svg.append(s('rect', {x: axis.x(day(r.date)) - 4, y: y(r[key]), width: 8, height: H - B - y(r[key]), fill: '#2457c5', 'data-date': r.date},
      s('title', {}, tip(r))));
  return svg;
}

function filterForm(page, params, fields) {
  return h('form', {class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    location.hash = `#/${page}?` + new URLSearchParams([...f].filter(([, v]) => v));
  }}, fields.map(([name, label, placeholder]) => h('label', {}, label, h('input', {name, value: params.get(name) || '', placeholder}))),
  h('button', {type: 'submit'}, 'Show'));
}

const EVENT_FIELDS = [['actor', 'Actor code', 'ISR'], ['event', 'Event', 'ASSAULT or 19'], ['entity', 'Entity', 'Hamas'],
  ['since', 'Since', 'YYYY-MM-DD'], ['until', 'Until', 'YYYY-MM-DD']];
const eventFilters = (params) => Object.fromEntries(EVENT_FIELDS.map(([n]) => [n, params.get(n) || '']));

function plover(types) { return (types || '').split(',')[0]; }

async function timeline(_, params) {
  const res = await api('aggregates/pairs', eventFilters(params));
  const head = [h('h1', {}, 'Events timeline by actor pair'), filterForm('timeline', params, EVENT_FIELDS)];
  if (!res.rows.length) return [...head, h('p', {class: 'muted'}, 'No events match.')];
  // The busiest 30 pairs, one row each; a dot per day, sized by events, coloured by type.
  const totals = new Map();
  for (const r of res.rows) totals.set(r.source + ' → ' + r.target, (totals.get(r.source + ' → ' + r.target) || 0) + r.events);
  // Pairs of two known actors first ('-' is an unknown source or target).
  const known = (p) => (p.startsWith('- ') || p.endsWith(' -') ? 1 : 0);
  const pairs = [...totals.entries()].sort((a, b) => known(a[0]) - known(b[0]) || b[1] - a[1]).slice(0, 30).map(([p]) => p);
  const W = 1100, L = 220, R = 30, T = 10, rowH = 24, H = T + pairs.length * rowH + 40;
  const ts = res.rows.map((r) => day(r.date)).filter((t) => !isNaN(t));
  const axis = timeAxis(Math.min(...ts), Math.max(...ts), L + 12, W - R, H - 30, 8);
  const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': 'events by actor pair over time'});
  const grid = s('g', {class: 'grid'});
  pairs.forEach((p, i) => {
    const y = T + i * rowH + rowH / 2;
    grid.append(s('line', {x1: L, x2: W - R, y1: y, y2: y}));
    svg.append(s('text', {x: L - 8, y: y + 4, 'text-anchor': 'end'}, p));
  });
  svg.append(grid, axis.g);
  const max = Math.max(...res.rows.map((r) => r.events));
  const used = new Set();
  for (const r of res.rows) {
    const i = pairs.indexOf(r.source + ' → ' + r.target);
    if (i < 0 || isNaN(day(r.date))) continue;
    const type = plover(r.types);
    used.add(type);
    svg.append(s('circle', {cx: axis.x(day(r.date)), cy: T + i * rowH + rowH / 2, r: 3 + 7 * Math.sqrt(r.events / max),
      fill: PLOVER_COLOURS[type] || '#667085', 'fill-opacity': 0.8}, s('title', {}, `${r.date} ${r.source} → ${r.target}: ${r.events} events in ${r.articles} articles (${r.types})`)));
  }
  const legend = h('div', {class: 'legend'}, [...used].sort().map((t) => h('span', {}, h('span', {class: 'swatch', style: `background:${PLOVER_COLOURS[t] || '#667085'}`}), ' ', t)));
  return [...head, legend, h('div', {class: 'chart'}, svg),
    h('p', {class: 'muted'}, `${res.rows.length} day × pair rows; ${pairs.length} pairs are shown, the busiest pairs of known actors first (actor codes where known, '-' for an unknown side). Negated events are left out.`)];
}

// A force-directed layout (Fruchterman–Reingold with gravity): repulsion
// between near nodes, springs along edges, a pull to the centre that keeps
// separate components together; a fixed number of steps, so it always ends.
function layout(nodes, edges, W, H) {
  const n = nodes.length;
  nodes.forEach((d, i) => { d.x = W / 2 + Math.cos(2.4 * i) * Math.sqrt(i + 1) * 18; d.y = H / 2 + Math.sin(2.4 * i) * Math.sqrt(i + 1) * 12; });
  const k = Math.min(90, Math.sqrt(W * H / Math.max(1, n)) * 0.45);
  const steps = 400;
  for (let step = 0; step < steps; step++) {
    const temp = 30 * (1 - step / steps) + 0.5;
    for (const a of nodes) { a.dx = (W / 2 - a.x) * 0.06; a.dy = (H / 2 - a.y) * 0.09; }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      const dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
      if (d2 > 9 * k * k) continue;
      const f = k * k / d2;
      a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
    }
    for (const e of edges) {
      const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
      const f = d / k;
      e.a.dx += dx * f; e.a.dy += dy * f; e.b.dx -= dx * f; e.b.dy -= dy * f;
    }
    for (const a of nodes) {
      const d = Math.sqrt(a.dx * a.dx + a.dy * a.dy) + 0.01;
      a.x = Math.min(W - 50, Math.max(50, a.x + a.dx / d * Math.min(d, temp)));
      a.y = Math.min(H - 20, Math.max(30, a.y + a.dy / d * Math.min(d, temp)));
    }
  }
}

async function network(_, params) {
  const res = await api('aggregates/network', {...eventFilters(params), limit: params.get('limit') || 60});
  const head = [h('h1', {}, 'Actor network'), filterForm('network', params, EVENT_FIELDS),
    h('p', {class: 'muted'}, 'Actors (actor codes where known) joined by the events between them; a thicker line is more events. Click an actor to see its events over time.')];
  if (!res.edges.length) return [...head, h('p', {class: 'muted'}, 'No events between two actors match.')];
  const W = 1100, H = 640;
  const nodes = res.nodes.map((n) => ({...n}));
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
  const edges = res.edges.map((e) => ({...e, a: byId[e.source], b: byId[e.target]}));
  layout(nodes, edges, W, H);
  const maxE = Math.max(...edges.map((e) => e.events)), maxN = Math.max(...nodes.map((n) => n.events));
  const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': 'actor network'},
    s('defs', {}, s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse'},
      s('path', {d: 'M0,0 L10,5 L0,10 z', fill: '#98a2b3'}))));
  for (const e of edges) {
    const r = 6 + 14 * Math.sqrt(e.b.events / maxN);
    const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    svg.append(s('line', {x1: e.a.x, y1: e.a.y, x2: e.b.x - dx / d * r, y2: e.b.y - dy / d * r, stroke: PLOVER_COLOURS[e.types[0]] || '#98a2b3',
      'stroke-opacity': 0.7, 'stroke-width': 1 + 6 * e.events / maxE, 'marker-end': 'url(#arrow)'},
    s('title', {}, `${e.source} → ${e.target}: ${e.events} events in ${e.articles} articles (${e.types.join(', ')})`)));
  }
  for (const n of nodes) {
    const r = 6 + 14 * Math.sqrt(n.events / maxN);
    const a = s('a', {href: '#/timeline?' + new URLSearchParams(/^[A-Z0-9]+$/.test(n.id) ? {actor: n.id} : {entity: n.id})},
      s('circle', {cx: n.x, cy: n.y, r, fill: '#14213d', 'fill-opacity': 0.85}, s('title', {}, `${n.id}: ${n.events} events`)),
      s('text', {x: n.x, y: n.y - r - 4, 'text-anchor': 'middle', 'font-weight': 600}, n.id));
    svg.append(a);
  }
  return [...head, h('div', {class: 'chart'}, svg)];
}

// A figure over time (rows of date, source, low, high, articles, units, and
// in a story a change: 'revised up', 'revised down', 'disputed'): one series
// per source, the highest figure each day, with the day's range as a bar. A
// revised figure carries a triangle (up or down), a disputed one a ring.
function figureChart(rows, kind) {
  const sources = [...new Set(rows.map((r) => r.source))];
  const colour = (src) => SERIES[sources.indexOf(src) % SERIES.length];
  const W = 1000, H = 360, L = 80, R = 20, T = 18, B = 34;
  const ts = rows.map((r) => day(r.date));
  const axis = timeAxis(Math.min(...ts), Math.max(...ts), L + 12, W - R - 12, H - B, 6);
  // Figures that span orders of magnitude (12 dead, 34,000 dead) get a log scale.
  const values = rows.flatMap((r) => [r.low, r.high]).filter((v) => v > 0);
  const log = values.length > 1 && Math.max(...values) / Math.min(...values) >= 50;
  const max = log ? Math.pow(10, Math.ceil(Math.log10(Math.max(...values)))) : Math.max(...rows.map((r) => r.high)) * 1.1 || 1;
  const y = log ? (v) => H - B - Math.log10(Math.max(1, v)) / Math.log10(max) * (H - B - T) : (v) => H - B - v / max * (H - B - T);
  const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `${kind} over time`}, axis.g);
  const yAxis = s('g', {class: 'grid'});
  const ticks = log ? Array.from({length: Math.log10(max) + 1}, (_, i) => Math.pow(10, i)) : [0, 1, 2, 3, 4].map((i) => max * i / 4);
  for (const v of ticks) {
    yAxis.append(s('line', {x1: L, x2: W - R, y1: y(v), y2: y(v)}));
    svg.append(s('text', {x: L - 6, y: y(v) + 4, 'text-anchor': 'end'}, Math.round(v).toLocaleString('en-US')));
  }
  if (log) svg.append(s('text', {x: L, y: T - 2}, 'log scale'));
  svg.prepend(yAxis);
  const marks = new Set();
  for (const src of sources) {
    const pts = rows.filter((r) => r.source === src).sort((a, b) => day(a.date) - day(b.date));
    svg.append(s('polyline', {points: pts.map((r) => `${axis.x(day(r.date))},${y(r.high)}`).join(' '), fill: 'none', stroke: colour(src), 'stroke-width': 2}));
    for (const r of pts) {
      const cx = axis.x(day(r.date)), cy = y(r.high), change = r.change || '';
      if (r.low !== r.high) svg.append(s('line', {x1: cx, x2: cx, y1: y(r.low), y2: y(r.high), stroke: colour(src), 'stroke-width': 4, 'stroke-opacity': 0.35}));
      const radius = 4 + Math.min(6, r.articles);
      svg.append(s('circle', {class: 'figure-point', cx, cy, r: radius, fill: colour(src), 'data-date': r.date, 'data-source': src,
        'data-high': r.high, 'data-change': change},
        s('title', {}, `${r.date} · ${src}: ${r.low === r.high ? fmt(r.high) : fmt(r.low) + '–' + fmt(r.high)} ${r.units || ''} (${r.articles} articles)${change ? ' · ' + change : ''}`)));
      if (change.includes('disputed')) {
        marks.add('disputed');
        svg.append(s('circle', {class: 'mark-disputed', cx, cy, r: radius + 4, fill: 'none', stroke: '#d92d20', 'stroke-width': 2,
          'stroke-dasharray': '3 2', 'data-date': r.date, 'data-source': src}));
      }
      for (const [what, dy, path] of [['revised up', -1, 'M0,-6 L6,4 L-6,4 z'], ['revised down', 1, 'M0,6 L6,-4 L-6,-4 z']]) {
        if (!change.includes(what)) continue;
        marks.add(what);
        svg.append(s('path', {class: 'mark-' + what.replace(' ', '-'), d: path, fill: '#14213d',
          transform: `translate(${cx},${cy + dy * (radius + 10)})`, 'data-date': r.date, 'data-source': src}));
      }
    }
  }
  const legend = h('div', {class: 'legend'}, sources.map((src) => h('span', {}, h('span', {class: 'swatch', style: `background:${colour(src)}`}), ' ', src)),
    marks.size ? h('span', {class: 'muted'}, '|') : '',
    marks.has('revised up') ? h('span', {}, '▲ revised up') : '', marks.has('revised down') ? h('span', {}, '▼ revised down') : '',
    marks.has('disputed') ? h('span', {}, '◌ disputed (another source, another figure, the same day)') : '');
  return {svg, legend};
}

async function claims(_, params) {
  const kinds = await api('claims/kinds');
  const kind = params.get('kind') || (kinds.rows[0] && kinds.rows[0].kind) || '';
  const entityName = params.get('entity') || '';
  const form = h('form', {class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    location.hash = '#/claims?' + new URLSearchParams([...new FormData(e.target)].filter(([, v]) => v));
  }}, h('label', {}, 'Figure', h('select', {name: 'kind'}, kinds.rows.map((k) => h('option', {value: k.kind, selected: k.kind === kind}, `${k.kind} (${k.claims})`)))),
  h('label', {}, 'Entity (source or actor)', h('input', {name: 'entity', value: entityName, placeholder: 'Gaza Health Ministry'})),
  h('label', {}, 'Since', h('input', {name: 'since', value: params.get('since') || '', placeholder: 'YYYY-MM-DD'})),
  h('label', {}, 'Until', h('input', {name: 'until', value: params.get('until') || '', placeholder: 'YYYY-MM-DD'})),
  h('button', {type: 'submit'}, 'Show'));
  const head = [h('h1', {}, 'Claims tracker'), form, h('p', {class: 'muted'}, 'Every figure of the archive that matches, whatever its story: ',
    'a story\'s page follows a figure within its own story, with its revisions and disputes (', h('a', {href: '#/stories'}, 'Stories'), ').')];
  if (!kind) return [...head, h('p', {class: 'muted'}, 'No claims in the store.')];
  const filters = {kind, entity: entityName, since: params.get('since') || '', until: params.get('until') || ''};
  const [fig, list] = await Promise.all([api('aggregates/figures', filters), api('claims', {...filters, limit: 200})]);
  if (!fig.rows.length) return [...head, h('p', {class: 'muted'}, 'No dated figures match.')];
  const chart = figureChart(fig.rows, kind);
  return [...head, chart.legend, h('div', {class: 'chart'}, chart.svg),
    h('h2', {}, `The claims (${list.rows.length}${list.more ? '+' : ''})`),
    card(table([['Date', (c) => c.date || ''], ['Figure', (c) => `${c.qualifier && c.qualifier !== 'exact' ? c.qualifier + ' ' : ''}${fmt(c.value)} ${c.unit || ''}`],
      ['Source', (c) => c.source ? entityLink(c.source) : 'the article'], ['Actor', (c) => entityLink(c.actor)], ['Words', (c) => articleLink(c.article, c.text)]], list.rows))];
}

document.getElementById('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('q').value.trim();
  if (q) location.hash = '#/search?' + new URLSearchParams({q});
});
window.addEventListener('hashchange', route);
api('health').then((hl) => {
  document.getElementById('status').textContent = `sitrep · ${fmt(hl.articles)} articles · ${hl.ingest ? 'uploads allowed' : 'read-only'}`;
}).catch(() => {});
route();
