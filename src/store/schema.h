// The tables of a sitrep store (see store.h). Version 1.
#pragma once

namespace sitrep {

inline constexpr const char* kSchemaSql = R"sql(
BEGIN;
CREATE TABLE sitrep_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO sitrep_meta VALUES ('schema', '1');
CREATE TABLE articles(
  id TEXT PRIMARY KEY,
  url TEXT,
  title TEXT,
  date TEXT,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  duplicate_of TEXT,
  minhash BLOB,
  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Child tables are clustered by article (WITHOUT ROWID, keyed by the article
-- and the item's place in the record), so that adding an article writes one
-- b-tree per table rather than a table and an index.
CREATE TABLE entities(article_id TEXT NOT NULL, seq INTEGER NOT NULL, entity_id TEXT NOT NULL, type TEXT,
  name TEXT, actor_code TEXT, title TEXT, role TEXT, country TEXT, PRIMARY KEY(article_id, seq)) WITHOUT ROWID;
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);
CREATE INDEX entities_actor ON entities(actor_code);

CREATE TABLE mentions(article_id TEXT NOT NULL, seq INTEGER NOT NULL, entity_id TEXT NOT NULL, start INTEGER,
  "end" INTEGER, text TEXT, kind TEXT, PRIMARY KEY(article_id, seq)) WITHOUT ROWID;
-- Names only: "Haliva" finds Aharon Haliva; pronouns and descriptions are not searched.
CREATE INDEX mentions_name ON mentions(text COLLATE NOCASE) WHERE kind = 'name';

-- Quotes keep a rowid: their full-text index refers to it.
CREATE TABLE quotes(article_id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT, speaker TEXT,
  cue TEXT, kind TEXT);
CREATE INDEX quotes_article ON quotes(article_id);

CREATE TABLE reported(article_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT,
  speaker TEXT, cue TEXT, PRIMARY KEY(article_id, seq)) WITHOUT ROWID;

CREATE TABLE claims(article_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT, value REAL, qualifier TEXT,
  unit TEXT, source TEXT, actor TEXT, date TEXT, start INTEGER, "end" INTEGER, text TEXT,
  PRIMARY KEY(article_id, seq)) WITHOUT ROWID;
CREATE INDEX claims_kind ON claims(kind);

CREATE TABLE times(article_id TEXT NOT NULL, seq INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT,
  value TEXT, PRIMARY KEY(article_id, seq)) WITHOUT ROWID;

CREATE TABLE events(article_id TEXT NOT NULL, seq INTEGER NOT NULL, source TEXT, target TEXT, cameo TEXT,
  plover TEXT, negated INTEGER NOT NULL DEFAULT 0, modality TEXT, date TEXT, start INTEGER, "end" INTEGER,
  text TEXT, PRIMARY KEY(article_id, seq)) WITHOUT ROWID;
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_plover ON events(plover);

-- LSH over MinHash signatures: one row per band of each signature.
CREATE TABLE minhash_bands(key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY(key, article)) WITHOUT ROWID;

-- External-content FTS5 indexes: the text is kept once, in articles and quotes.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='rowid',
  tokenize='porter unicode61 remove_diacritics 2');
COMMIT;
)sql";

}  // namespace sitrep
