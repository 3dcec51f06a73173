// The article, search and entity routes of the API (see api.h for all routes).
#include "serve/api.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "serve/api_util.h"

namespace sitrep::serve {

using namespace api_internal;

namespace {

// The words of a full-text query, lower case, without its operators.
std::vector<std::string> query_terms(const std::string& query) {
  std::vector<std::string> terms;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && word != "AND" && word != "OR" && word != "NOT" && word != "NEAR") {
      std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
      terms.push_back(word);
    }
    word.clear();
  };
  for (unsigned char c : query) {
    if (std::isalnum(c) || c >= 0x80) word += static_cast<char>(c);
    else flush();
  }
  flush();
  return terms;
}

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Are the first n bytes of `word` those of `lower` (lower case), but for the case of ASCII letters?
bool starts_lower(const char* word, const char* lower, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (lower_ascii(word[i]) != lower[i]) return false;
  return true;
}

// Does the word text[a, b) stand for `term` (lower case)? "markets" for
// "market", "price" for "prices": about as the porter stemmer of the index
// would have it.
bool hits(const char* word, size_t n, const std::string& term) {
  if (n >= term.size()) return starts_lower(word, term.data(), term.size());
  return n >= 3 && n + 2 >= term.size() && starts_lower(word, term.data(), n);
}

// The length of the word character at text[i], or 0: letters and digits,
// and any other character than general punctuation (U+2000-U+206F: quotes,
// dashes), as the index's tokenizer reads "Haliva’s" as "haliva" and "s".
size_t word_char(const std::string& text, size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return std::isalnum(c) ? 1 : 0;
  if (c == 0xe2 && i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xfc) == 0x80) return 0;
  size_t n = 1;
  while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xc0) == 0x80) ++n;
  return n;
}

// A piece of text between spaces, and its first word when a term stands for it.
struct SnippetWord {
  size_t start = 0, end = 0;          // the piece
  size_t hit_start = 0, hit_end = 0;  // its first word
  bool hit = false;
};

// The piece of `text` that starts at or after `i` (end == start at the end of the text).
SnippetWord next_piece(const std::string& text, size_t i, const std::vector<std::string>& terms) {
  SnippetWord w;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  size_t j = i;
  while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
  size_t a = i;
  while (a < j && word_char(text, a) == 0) ++a;
  size_t b = a;
  while (b < j) {
    const size_t n = word_char(text, b);
    if (n == 0) break;
    b += n;
  }
  w.start = i;
  w.end = j;
  w.hit_start = a;
  w.hit_end = b;
  for (size_t t = 0; t < terms.size() && !w.hit && b > a; ++t) w.hit = hits(text.data() + a, b - a, terms[t]);
  return w;
}

// About a dozen words of `text` around the first word that a term stands for,
// the hits in brackets, and "…" where the text goes on (the form of FTS5's
// snippet(), which would tokenise the whole text again). The text is read up
// to a dozen words past the first hit, without a copy of any word.
std::string snippet(const std::string& text, const std::vector<std::string>& terms) {
  constexpr size_t kBefore = 3, kWords = 12;
  // The words of the snippet: up to kBefore before the first hit, then the
  // hit and those after it (without a hit: the first kWords).
  std::vector<SnippetWord> words;
  words.reserve(kWords + 1);
  bool found = false, cut = false;  // cut: words left out before the first
  for (size_t i = 0;;) {
    SnippetWord w = next_piece(text, i, terms);
    if (w.start == w.end) break;
    i = w.end;
    if (!found && w.hit) {
      found = true;
      if (words.size() > kBefore) {
        words.erase(words.begin(), words.end() - kBefore);
        cut = true;
      }
    } else if (!found && words.size() == kBefore + kWords) {
      // No hit yet: the first kWords are kept in case none comes, and the
      // last kBefore words before the next piece.
      words.erase(words.begin() + kWords, words.begin() + kWords + 1);
    }
    words.push_back(w);
    if (found && words.size() > kWords) break;
  }
  if (words.empty()) return "";
  if (!found && words.size() > kWords) words.resize(kWords);
  std::string out = cut ? "…" : "";
  for (size_t k = 0; k < words.size() && k < kWords; ++k) {
    const SnippetWord& word = words[k];
    if (k > 0) out += ' ';
    if (!word.hit) {
      out.append(text, word.start, word.end - word.start);
      continue;
    }
    out.append(text, word.start, word.hit_start - word.start);
    out += '[';
    out.append(text, word.hit_start, word.hit_end - word.hit_start);
    out += ']';
    out.append(text, word.hit_end, word.end - word.hit_end);
  }
  if (words[std::min(words.size(), kWords) - 1].end < text.size()) out += "…";
  return out;
}

// Every entity, most named first (kTopEntitiesSql), kept for the whole
// archive with `order`: the rows by name, ASCII letters in lower case, for
// by_prefix.
std::shared_ptr<const AggregateCache::Result> top_entities(Handler& h, Reader& reader) {
  return h.kept(reader, kTopEntitiesSql, [&](AggregateCache::Result& out) {
    Rows all = Handler::read(reader, kTopEntitiesSql, {});
    out.columns = std::move(all.columns);
    out.rows = std::move(all.rows);
    out.order.resize(out.rows.size());
    for (size_t i = 0; i < out.order.size(); ++i) out.order[i] = i;
    std::sort(out.order.begin(), out.order.end(), [&](size_t a, size_t b) {
      const std::string &x = out.rows[a][0].text, &y = out.rows[b][0].text;
      return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end(), [](char c, char d) {
        return static_cast<unsigned char>(lower_ascii(c)) < static_cast<unsigned char>(lower_ascii(d));
      });
    });
  });
}

// The entities whose name starts with `prefix` (as LIKE 'prefix%' would find
// them: ASCII letters in either case), of `type` when one is given, most
// named first: a range of the kept entities by name (top_entities), so as
// fresh as they are. Page `offset`, `limit`.
Rows by_prefix(Handler& h, Reader& reader, const std::string& prefix, const std::string& type, int64_t limit,
               int64_t offset) {
  std::string lower = prefix;
  for (char& c : lower) c = lower_ascii(c);
  auto all = top_entities(h, reader);
  // The names that start with the prefix, as the rows' places in the list (most named first).
  auto name_below = [&](size_t row, const std::string& p) {
    const std::string& name = all->rows[row][0].text;
    for (size_t i = 0; i < name.size() && i < p.size(); ++i) {
      const auto c = static_cast<unsigned char>(lower_ascii(name[i])), d = static_cast<unsigned char>(p[i]);
      if (c != d) return c < d;
    }
    return name.size() < p.size();
  };
  auto it = std::partition_point(all->order.begin(), all->order.end(), [&](size_t row) { return name_below(row, lower); });
  std::vector<size_t> places;
  for (; it != all->order.end(); ++it) {
    const QueryRow& row = all->rows[*it];
    if (row[0].text.size() < lower.size() || !starts_lower(row[0].text.data(), lower.data(), lower.size())) break;
    if (type.empty() || row[1].text == type) places.push_back(*it);
  }
  const size_t want = std::min(places.size(), static_cast<size_t>(offset + limit + 1));
  std::partial_sort(places.begin(), places.begin() + static_cast<std::ptrdiff_t>(want), places.end());
  Rows r;
  r.columns = all->columns;
  for (size_t i = static_cast<size_t>(offset); i < want; ++i) {
    if (static_cast<int64_t>(r.rows.size()) == limit) {
      r.more = true;
      break;
    }
    r.rows.push_back(all->rows[places[i]]);
  }
  return r;
}

// Entities whose page warm_api reads at start-up: the most named, while they
// are named in this many articles at least (a page costs about 5 µs an
// article: 60 ms for Apple, named in 13,600 of the 50 MB archive's articles).
constexpr size_t kWarmEntities = 50;
constexpr int64_t kWarmEntityArticles = 2000;
// An entity named in this many articles has its mentions and quotes read by
// a walk of all articles by date, which stops at the page; below, from its
// own articles, which is quicker than walking the archive.
constexpr int64_t kManyArticles = 2000;

// An entity's page (GET /api/entities/NAME): aggregates over every article
// that names it, kept (AggregateCache): its names, timeline, quotes and
// events under its name, and each page of its mentions apart.
std::string entity_page(Handler& h, Reader& reader, const std::string& name, int64_t limit, int64_t offset) {
  bool filled = false, many = false;
  // The entity's (article, entity id) pairs, into the reader's temp.named, once a request.
  auto fill = [&] {
    if (filled) return;
    Handler::read(reader, kNamedClearSql, {});
    Handler::read(reader, kNamedFillSql, {name});
    // An entity named in many articles: its first pages from a walk of the articles by date.
    many = std::stoll(Handler::read(reader, kNamedArticleCountSql, {}).rows.at(0).at(0).text) >= kManyArticles;
    filled = true;
  };
  std::string out = h.kept_json(reader, "entity\n" + name, [&] {
    fill();
    Rows names = Handler::read(reader, kEntitySummarySql, {});
    if (names.rows.empty()) throw ApiError{404, "no entity named '" + name + "' in the store"};
    Rows timeline = Handler::read(reader, kEntityTimelineSql, {});
    Rows events = Handler::read(reader, kNamedEventsSql, {std::string(), std::string()}, kMaxLimit, 0);
    Rows quotes = Handler::read(reader, many ? kNamedQuotesByDateSql : kNamedQuotesSql, {}, kMaxLimit, 0);
    std::string json;
    JsonWriter w(json, false);
    w.begin_object();
    w.key("entity");
    write_row(w, names.columns, names.rows[0]);
    w.key("names");
    write_rows(w, names);
    w.key("timeline");
    write_rows(w, timeline);
    w.key("quotes");
    write_rows(w, quotes);
    w.key("events");
    write_rows(w, events);
    w.end_object();
    return json;
  });
  const std::string mentions = h.kept_json(
      reader, "entity-mentions\n" + name + "\n" + std::to_string(limit) + "\n" + std::to_string(offset), [&] {
        fill();
        Rows r = Handler::read(reader, many ? kEntityMentionsByDateSql : kEntityMentionsSql, {}, limit, offset);
        return page_json(r, offset, limit);
      });
  // {"entity", "names", "timeline", "quotes", "events", "mentions": {"rows", "offset", "limit", "more"}}
  out.pop_back();
  return out + ",\"mentions\":" + mentions + "}";
}

// A search's whitespace made single spaces, without those at either end:
// the same query to FTS5.
std::string normalised(const std::string& query) {
  std::string out;
  for (char c : query) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The keys of the articles that `spec` (text, since, until) finds, best
// first (kSearchRankSql): kept by the SearchCache until an article is added.
std::shared_ptr<const SearchCache::Keys> ranked_keys(Handler& h, Reader& reader, const QuerySpec& spec) {
  const std::string text = normalised(spec.text);
  const std::string key = text + '\n' + spec.since + '\n' + spec.until;
  const int64_t version = reader.version();
  if (auto kept = h.searches().find(key, version)) return kept;
  auto keys = std::make_shared<SearchCache::Keys>();
  keys->reserve(static_cast<size_t>(kSearchCandidates));
  const bool dated = !spec.since.empty() || !spec.until.empty();
  std::vector<std::string> columns;
  StoreStatus s = reader.rows(dated ? kSearchRankDatedSql : kSearchRankSql,
                              dated ? std::vector<Bind>{text, spec.since, spec.until} : std::vector<Bind>{text}, columns,
                              [&](const QueryRow& row) { keys->push_back(std::stoll(row[0].text)); });
  if (!s.ok()) throw store_error(s, "q");
  h.searches().put(key, version, keys);
  return keys;
}

void install_reads(httplib::Server& http, ApiContext& ctx) {
  http.Get("/api/health", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Handler::check(h.params({}));
      Rows r = Handler::read(reader, kStatsSql, {});
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("status");
      w.value("ok");
      for (size_t c = 0; c < r.columns.size(); ++c) {
        w.key(r.columns[c]);
        write_cell(w, r.columns[c], r.rows.at(0)[c]);
      }
      w.key("ingest");
      w.value(ctx.ingester != nullptr);
      w.key("stories");
      w.value(reader.stories() == StoryKeeping::kKept);
      w.end_object();
      return out;
    });
  });

  http.Get("/api/search", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"q", "since", "until", "limit", "offset"});
      QuerySpec spec;
      spec.text = p.text("q");
      spec.since = p.date("since");
      spec.until = p.date("until");
      auto [limit, offset] = paging(p);
      if (spec.text.empty()) p.fail("parameter 'q' (the words to search for) is required");
      Handler::check(p);
      // The candidates' keys, best first: kept for this query until an article is added.
      const std::shared_ptr<const SearchCache::Keys> keys = ranked_keys(h, reader, spec);
      Rows articles;
      articles.more = static_cast<int64_t>(keys->size()) > offset + limit;
      const std::vector<std::string> terms = query_terms(spec.text);
      for (size_t i = static_cast<size_t>(offset); i < keys->size() && i < static_cast<size_t>(offset + limit); ++i) {
        Rows a = Handler::read(reader, kSearchArticleSql, {(*keys)[i]});
        if (a.rows.empty()) continue;  // cannot happen: articles are never removed
        if (articles.columns.empty()) articles.columns = std::move(a.columns);
        // The text gives way to a snippet around the first hit.
        a.rows[0].back().text = snippet(a.rows[0].back().text, terms);
        articles.rows.push_back(std::move(a.rows[0]));
      }
      if (articles.columns.empty()) articles.columns = {"date", "article", "title", "url", "text"};
      articles.columns.back() = "snippet";
      // Entities whose name starts with the query's first word or phrase.
      std::string prefix = spec.text;
      prefix.erase(std::remove(prefix.begin(), prefix.end(), '"'), prefix.end());
      Rows entities = prefix.empty() ? Rows() : by_prefix(h, reader, prefix, "", 10, 0);
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("articles");
      w.begin_object();
      w.key("rows");
      write_rows(w, articles);
      w.key("more");
      w.value(articles.more);
      w.key("offset");
      w.value(offset);
      w.key("limit");
      w.value(limit);
      w.end_object();
      w.key("entities");
      write_rows(w, entities);
      w.end_object();
      return out;
    });
  });

  http.Get("/api/articles", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"q", "entity", "since", "until", "limit", "offset"});
      QuerySpec spec;
      spec.text = p.text("q");
      spec.entity = p.text("entity");
      spec.since = p.date("since");
      spec.until = p.date("until");
      auto [limit, offset] = paging(p);
      Handler::check(p);
      // With an entity alone: the articles that name it.
      Rows r;
      if (!spec.entity.empty() && spec.text.empty()) {
        Handler::read(reader, kNamedClearSql, {});
        Handler::read(reader, kNamedFillSql, {spec.entity});
        r = Handler::read(reader, kNamedArticlesSql, {spec.since, spec.until}, limit, offset);
      } else {
        r = Handler::query(reader, spec, offset, limit, "q");
      }
      return page_json(r, offset, limit);
    });
  });

  http.Get(R"(/api/articles/(.+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Handler::check(h.params({}));
      const std::string id = req.matches[1];
      Rows a = Handler::read(reader, kArticleSql, {id});
      if (a.rows.empty()) throw ApiError{404, "no article '" + id + "' in the store"};
      std::string record;
      StoreStatus s = reader.record(id, record);
      if (!s.ok()) throw store_error(s, "");
      std::string out;
      JsonWriter w(out, false);
      w.begin_object();
      w.key("article");
      write_row(w, a.columns, a.rows[0]);
      w.key("record");
      w.null();
      w.end_object();
      // The record is JSON already: splice it in rather than parse and rewrite it.
      out.replace(out.size() - 5, 4, record);
      return out;
    });
  });

  http.Get("/api/entities", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"q", "type", "limit", "offset"});
      std::string prefix = p.text("q"), type = p.text("type", 20);
      auto [limit, offset] = paging(p);
      Handler::check(p);
      if (!prefix.empty()) return page_json(by_prefix(h, reader, prefix, type, limit, offset), offset, limit);
      // Every entity, most named first: kept for the whole archive, paged here.
      auto all = top_entities(h, reader);
      Rows r;
      r.columns = all->columns;
      int64_t skipped = 0;
      for (const QueryRow& row : all->rows) {
        if (!type.empty() && row[1].text != type) continue;
        if (skipped++ < offset) continue;
        if (static_cast<int64_t>(r.rows.size()) == limit) {
          r.more = true;
          break;
        }
        r.rows.push_back(row);
      }
      return page_json(r, offset, limit);
    });
  });

  http.Get(R"(/api/entities/(.+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Handler h(ctx, req, res);
    h.run([&](Reader& reader) {
      Params p = h.params({"limit", "offset"});
      auto [limit, offset] = paging(p, 100);
      Handler::check(p);
      const std::string name = req.matches[1];
      if (name.size() > 200) throw ApiError{400, "an entity name is at most 200 bytes"};
      return entity_page(h, reader, name, limit, offset);
    });
  });
}

}  // namespace

std::string error_json(int status, const std::string& message) {
  std::string out;
  JsonWriter w(out, false);
  w.begin_object();
  w.key("error");
  w.value(message);
  w.key("status");
  w.value(status);
  w.end_object();
  return out;
}

void warm_api(ApiContext& ctx, const std::atomic<bool>& stop) {
  StoreStatus status;
  auto reader = ctx.readers->acquire(status);
  if (!reader) return;
  // A handler outside any request: kept_json and aggregate need no request.
  httplib::Request req;
  httplib::Response res;
  Handler h(ctx, req, res);
  try {
    std::shared_ptr<const AggregateCache::Result> top;
    top = top_entities(h, *reader);
    for (const char* sql : {kClaimKindsSql, kEventSummarySql}) {
      if (stop) return;
      h.aggregate(*reader, sql);
    }
    warm_lists(h, *reader);
    // The pages of the most named entities (the first page, as the web view
    // asks for it): their cost grows with the articles that name them.
    top = top_entities(h, *reader);
    std::set<std::string> warmed;
    for (const QueryRow& e : top->rows) {
      if (stop || warmed.size() >= kWarmEntities || std::stoll(e[3].text) < kWarmEntityArticles) break;
      if (e[0].type == QueryCell::Type::kNull || !warmed.insert(e[0].text).second) continue;
      entity_page(h, *reader, e[0].text, 100, 0);
    }
  } catch (const ApiError&) {
    // A busy or unreadable store: the requests will say so.
  }
}

void install_api(httplib::Server& http, ApiContext& ctx) {
  install_reads(http, ctx);
  install_lists(http, ctx);
  install_stories(http, ctx);
}

}  // namespace sitrep::serve
