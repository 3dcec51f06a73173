#include "serve/ingester.h"

#include <sstream>

#include "ingest/article_reader.h"

namespace sitrep::serve {

IngestResult Ingester::ingest(const std::string& body, bool jsonl, const std::string& date, const std::string& id) {
  IngestResult result;
  ReaderOptions options;
  options.format = jsonl ? InputFormat::kJsonl : InputFormat::kText;
  options.max_article_bytes = body.size() + 1;  // the upload's size is limited by the server already
  options.default_date = date;
  std::istringstream in(body);
  ArticleReader reader({"-"}, options, &in);

  // Read and check the upload before storing anything: malformed input stores
  // nothing (400). An article the pipeline fails on is named in `failed` and
  // left out; the others are stored.
  std::vector<StoredArticle> prepared;
  Article article;
  while (reader.next(article)) {
    if (prepared.size() >= max_articles_) {
      result.status = 400;
      result.error = "an upload holds at most " + std::to_string(max_articles_) + " articles";
      return result;
    }
    if (!jsonl && !id.empty()) article.id = id;
    // An article the pipeline fails on is left out and named; the rest are stored.
    std::string where = article.origin.rfind("<stdin>:", 0) == 0 ? "line " + article.origin.substr(8) + ": " : "";
    try {
      Document doc(std::move(article));
      pipeline_.run(doc);
      for (const Diagnostic& d : doc.diagnostics) result.warnings.push_back(d.message);
      prepared.push_back(prepare_article(doc, {}));
    } catch (const StageError& e) {
      result.failed.push_back(where + e.what());
    } catch (const std::exception& e) {
      result.failed.push_back(where + "internal error in the record writer: " + e.what());
    }
  }
  for (const InputProblem& p : reader.take_problems()) {
    std::string where = p.where == "-" || p.where == "<stdin>" ? "" : p.where + ": ";
    if (where.rfind("<stdin>", 0) == 0) where = "line" + where.substr(7);
    if (p.failed) {
      result.status = 400;
      result.error = where + p.message;
      return result;
    }
    result.warnings.push_back(where + p.message);
  }
  if (prepared.empty()) {
    result.status = result.failed.empty() ? 400 : 500;
    result.error = result.failed.empty() ? "the upload holds no article" : result.failed.front();
    return result;
  }

  std::lock_guard<std::mutex> lock(mu_);
  auto fail = [&](const StoreStatus& s) {
    store_->rollback();
    result.status = s.code == StoreStatus::Code::kBusy ? 503 : 500;
    result.error = s.message;
    result.articles.clear();
    return result;
  };
  if (StoreStatus s = store_->begin(); !s.ok()) return fail(s);
  for (const StoredArticle& a : prepared) {
    AddResult added;
    if (StoreStatus s = store_->add(a, &added); !s.ok()) return fail(s);
    IngestedArticle out;
    out.id = a.article.id;
    out.added = added.added;
    out.duplicate_of = added.duplicate_of;
    auto count = [&](const char* key) {
      const JsonValue* v = a.record.find(key);
      return v && v->type == JsonValue::Type::kArray ? v->array.size() : 0;
    };
    out.entities = count("entities");
    out.quotes = count("quotes");
    out.claims = count("claims");
    out.events = count("events");
    result.articles.push_back(std::move(out));
  }
  if (StoreStatus s = store_->commit(); !s.ok()) return fail(s);
  return result;
}

}  // namespace sitrep::serve
