// The tables of a sitrep store (see store.h). Version 3.
//
// Version 3 adds the kind of each reported item (reported_rows.kind:
// assertion, belief, intention, knowledge, denial); a version 2 store opened
// for writing is upgraded in place (kUpgrade2To3Sql).
//
// Version 2 keys every layer by the article's integer key (articles.key, its
// rowid) instead of repeating the article's text id in every row and every
// index entry: the store is less than half the size, and since keys grow as
// articles are added, the secondary indexes (by kind, code, name) take their
// new entries at the end of each key's range instead of at random pages. The
// layers are stored in *_rows tables; views under the version 1 names give
// the version 1 columns (with article_id), so SQL written for version 1 reads
// a version 2 store unchanged.
#pragma once

#include <string>

namespace sitrep {

inline constexpr int kSchemaVersion = 3;

// The layer views that both archives declare alike, the SQLite store's
// (schema_sql) and PostgreSQL's (pg_archive.cc); their quotes views differ.
inline constexpr const char* kEntityViewsSql = R"sql(
CREATE VIEW entities(article_id, seq, entity_id, type, name, actor_code, title, role, country) AS
  SELECT a.id, e.seq, e.entity_id, e.type, e.name, e.actor_code, e.title, e.role, e.country
  FROM entity_rows e JOIN articles a ON a.key = e.article;
CREATE VIEW mentions(article_id, seq, entity_id, start, "end", text, kind) AS
  SELECT a.id, m.seq, m.entity_id, m.start, m."end", m.text, m.kind
  FROM mention_rows m JOIN articles a ON a.key = m.article;
)sql";
inline constexpr const char* kLayerViewsSql = R"sql(
CREATE VIEW reported(article_id, seq, start, "end", text, speaker, cue, kind) AS
  SELECT a.id, r.seq, r.start, r."end", r.text, r.speaker, r.cue, r.kind
  FROM reported_rows r JOIN articles a ON a.key = r.article;
CREATE VIEW claims(article_id, seq, kind, value, qualifier, unit, source, actor, date, start, "end", text) AS
  SELECT a.id, c.seq, c.kind, c.value, c.qualifier, c.unit, c.source, c.actor, c.date, c.start, c."end", c.text
  FROM claim_rows c JOIN articles a ON a.key = c.article;
CREATE VIEW times(article_id, seq, start, "end", text, value) AS
  SELECT a.id, t.seq, t.start, t."end", t.text, t.value
  FROM time_rows t JOIN articles a ON a.key = t.article;
CREATE VIEW events(article_id, seq, source, target, cameo, plover, negated, modality, date, start, "end", text) AS
  SELECT a.id, ev.seq, ev.source, ev.target, ev.cameo, ev.plover, ev.negated, ev.modality, ev.date, ev.start,
    ev."end", ev.text
  FROM event_rows ev JOIN articles a ON a.key = ev.article;
)sql";

inline constexpr const char* kSchemaTablesSql = R"sql(
BEGIN;
CREATE TABLE sitrep_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO sitrep_meta VALUES ('schema', '3');
-- key is the rowid, declared so that VACUUM keeps it: the layers, the
-- full-text index and the LSH bands refer to it.
CREATE TABLE articles(
  id TEXT NOT NULL UNIQUE,
  url TEXT,
  title TEXT,
  date TEXT,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  duplicate_of TEXT,
  minhash BLOB,
  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  key INTEGER PRIMARY KEY);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Layers are clustered by article (WITHOUT ROWID, keyed by the article and
-- the item's place in the record): adding an article appends to each.
-- Entities are keyed by their record id as well, so that the joins from an
-- event, claim or quote to its entities ("s.entity_id = ev.source") read one
-- row rather than all of the article's entities.
CREATE TABLE entity_rows(article INTEGER NOT NULL, seq INTEGER NOT NULL, entity_id TEXT NOT NULL, type TEXT,
  name TEXT, actor_code TEXT, title TEXT, role TEXT, country TEXT, mention_count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(article, entity_id, seq)) WITHOUT ROWID;
CREATE INDEX entity_rows_name ON entity_rows(name COLLATE NOCASE);
CREATE INDEX entity_rows_actor ON entity_rows(actor_code) WHERE actor_code IS NOT NULL;

CREATE TABLE mention_rows(article INTEGER NOT NULL, seq INTEGER NOT NULL, entity_id TEXT NOT NULL, start INTEGER,
  "end" INTEGER, text TEXT, kind TEXT, PRIMARY KEY(article, seq)) WITHOUT ROWID;
-- Names only: "Haliva" finds Aharon Haliva; pronouns and descriptions are not searched.
-- It covers the look-up of entities by name (kind too: SQLite does not count
-- the index's WHERE as known), so a name met in thousands of articles is found
-- without reading a mention row.
CREATE INDEX mention_rows_name ON mention_rows(text COLLATE NOCASE, kind, entity_id) WHERE kind = 'name';

-- Quotes keep a rowid: their full-text index refers to it.
CREATE TABLE quote_rows(article INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, speaker TEXT,
  cue TEXT, kind TEXT);
CREATE INDEX quote_rows_article ON quote_rows(article);

CREATE TABLE reported_rows(article INTEGER NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT,
  speaker TEXT, cue TEXT, kind TEXT, PRIMARY KEY(article, seq)) WITHOUT ROWID;

CREATE TABLE claim_rows(article INTEGER NOT NULL, seq INTEGER NOT NULL, kind TEXT, value REAL, qualifier TEXT,
  unit TEXT, source TEXT, actor TEXT, date TEXT, start INTEGER, "end" INTEGER, text TEXT,
  PRIMARY KEY(article, seq)) WITHOUT ROWID;
CREATE INDEX claim_rows_kind ON claim_rows(kind);

CREATE TABLE time_rows(article INTEGER NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT,
  value TEXT, PRIMARY KEY(article, seq)) WITHOUT ROWID;

CREATE TABLE event_rows(article INTEGER NOT NULL, seq INTEGER NOT NULL, source TEXT, target TEXT, cameo TEXT,
  plover TEXT, negated INTEGER NOT NULL DEFAULT 0, modality TEXT, date TEXT, start INTEGER, "end" INTEGER,
  text TEXT, PRIMARY KEY(article, seq)) WITHOUT ROWID;
CREATE INDEX event_rows_cameo ON event_rows(cameo);
CREATE INDEX event_rows_plover ON event_rows(plover);

-- LSH over MinHash signatures: one row per band of each signature.
CREATE TABLE minhash_bands(key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY(key, article)) WITHOUT ROWID;

-- External-content FTS5 indexes: the text is kept once, in articles and quote_rows.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='key',
  tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quote_rows', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2');

-- The version 1 tables, as views with their columns.
)sql";
inline constexpr const char* kSchemaQuotesViewSql = R"sql(
-- rowid is a column here, so that "quotes.rowid IN (SELECT rowid FROM quotes_fts ...)" still reads.
CREATE VIEW quotes(article_id, start, "end", text, speaker, cue, kind, rowid) AS
  SELECT a.id, q.start, q."end", q.text, q.speaker, q.cue, q.kind, q.rowid
  FROM quote_rows q JOIN articles a ON a.key = q.article;
)sql";

// The schema of a new store, version kSchemaVersion: its tables, then its views.
inline std::string schema_sql() {
  return std::string(kSchemaTablesSql) + kEntityViewsSql + kSchemaQuotesViewSql + kLayerViewsSql + "COMMIT;\n";
}

// Version 2 to 3, in one transaction.
inline constexpr const char* kUpgrade2To3Sql = R"sql(
BEGIN;
ALTER TABLE reported_rows ADD COLUMN kind TEXT;
DROP VIEW reported;
CREATE VIEW reported(article_id, seq, start, "end", text, speaker, cue, kind) AS
  SELECT a.id, r.seq, r.start, r."end", r.text, r.speaker, r.cue, r.kind
  FROM reported_rows r JOIN articles a ON a.key = r.article;
UPDATE sitrep_meta SET value = '3' WHERE key = 'schema';
COMMIT;
)sql";

// The tone tables: created with the others, and added when a version 2 store
// made before them is opened for writing (a read-only store without them
// reads as one without tone). Added to version 2 rather than making a version
// 3, which would have every archive ingested again.
inline constexpr const char* kToneSchemaSql = R"sql(
BEGIN;
CREATE TABLE IF NOT EXISTS tone_rows(article INTEGER PRIMARY KEY, tone REAL, positive REAL, negative REAL,
  polarity REAL, activity REAL, self_group REAL, words INTEGER);
CREATE TABLE IF NOT EXISTS entity_tone_rows(article INTEGER NOT NULL, entity_id TEXT NOT NULL, toward REAL,
  sentences INTEGER, stance REAL, quotes INTEGER, PRIMARY KEY(article, entity_id)) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS tones(article_id, tone, positive, negative, polarity, activity, self_group, words) AS
  SELECT a.id, t.tone, t.positive, t.negative, t.polarity, t.activity, t.self_group, t.words
  FROM tone_rows t JOIN articles a ON a.key = t.article;
CREATE VIEW IF NOT EXISTS entity_tones(article_id, entity_id, toward, sentences, stance, quotes) AS
  SELECT a.id, t.entity_id, t.toward, t.sentences, t.stance, t.quotes
  FROM entity_tone_rows t JOIN articles a ON a.key = t.article;
COMMIT;
)sql";

// Stories (stories.h): each article's story and keys, and each story's
// dates, size and title (its first article's). Added as the tone tables are.
inline constexpr const char* kStorySchemaSql = R"sql(
BEGIN;
CREATE TABLE IF NOT EXISTS story_rows(story INTEGER PRIMARY KEY, first_date TEXT, last_date TEXT,
  articles INTEGER NOT NULL DEFAULT 0, title TEXT);
CREATE INDEX IF NOT EXISTS story_rows_last_date ON story_rows(last_date);
CREATE TABLE IF NOT EXISTS article_story_rows(article INTEGER PRIMARY KEY, story INTEGER NOT NULL, keys BLOB);
CREATE INDEX IF NOT EXISTS article_story_rows_story ON article_story_rows(story);
CREATE VIEW IF NOT EXISTS stories(story, first_date, last_date, articles, title) AS
  SELECT story, first_date, last_date, articles, title FROM story_rows;
CREATE VIEW IF NOT EXISTS article_stories(article_id, story) AS
  SELECT a.id, s.story FROM article_story_rows s JOIN articles a ON a.key = s.article;
COMMIT;
)sql";

}  // namespace sitrep
