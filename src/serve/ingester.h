// Ingester: the one write path of `sitrep serve --allow-ingest`. An upload
// (a plain-text article, or JSON Lines of {id, title, date, text, url}) is
// read with the same reader as `sitrep extract -`, run through the pipeline
// and added to the store by a single writer connection, one upload at a time.
//
//   Ingester ing(store_path, pipeline, options);
//   IngestResult r = ing.ingest(body, /*jsonl=*/false, "2024-04-22");
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sitrep/pipeline.h"
#include "store/store.h"

namespace sitrep::serve {

struct IngestedArticle {
  std::string id;
  bool added = false;        // false: an article with this id was stored already
  std::string duplicate_of;  // the stored article this one copies, or ""
  size_t entities = 0, quotes = 0, claims = 0, events = 0;
};

struct IngestResult {
  int status = 201;     // an HTTP status: 201, 400 (bad input), 503 (store busy), 500
  std::string error;    // why, when status is not 201
  std::vector<IngestedArticle> articles;
  std::vector<std::string> warnings;
  // Articles the pipeline failed on ("line 3: internal error in STAGE: what"),
  // left out while the others are stored.
  std::vector<std::string> failed;
};

class Ingester {
 public:
  Ingester(std::unique_ptr<Store> store, Pipeline pipeline, size_t max_articles)
      : store_(std::move(store)), pipeline_(std::move(pipeline)), max_articles_(max_articles) {}

  // `body` is one text article (title on its first line) or, with `jsonl`,
  // one article per line; `date` (YYYY-MM-DD or "") is the publication date
  // of articles that carry none; `id` ("" for the reader's: a hash of the
  // text or the JSONL "id") names a text article.
  IngestResult ingest(const std::string& body, bool jsonl, const std::string& date, const std::string& id = "");

 private:
  std::mutex mu_;
  std::unique_ptr<Store> store_;
  Pipeline pipeline_;
  size_t max_articles_;
};

}  // namespace sitrep::serve
