#include "time/time_normalizer.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "time/calendar.h"
#include "time/tense_reader.h"
#include "time/time_lexicon.h"
#include "time/time_matcher.h"
#include "time/time_value.h"

namespace sitrep {

using namespace timex;

namespace {

// An expression on its way to a value.
struct Item {
  Found found;
  std::string filled;  // the value with its fields filled, functions not yet evaluated
  TenseReading reading;
  bool needs_tense = false;
  uint32_t sentence_end = 0;
  std::string value;
};

// Scratch space reused from document to document by each thread, so that the
// token loop allocates nothing.
struct Scratch {
  std::vector<int32_t> ids;              // lexicon word of each token
  std::vector<uint32_t> sentence_begin;  // first token of each token's sentence
  std::vector<uint32_t> sentence_end;    // end token of each token's sentence
  std::vector<uint8_t> in_expression;    // 1 for the tokens of a found expression
  std::vector<uint32_t> candidates;      // tokens a pattern may start at
  std::vector<Item> items;               // the expressions found
};

// Only these functions read the tense (see time_value.h).
bool may_need_tense(std::string_view v) {
  return v.find("$t(") != std::string_view::npos || v.find("$wd(") != std::string_view::npos ||
         v.find("$WE(") != std::string_view::npos || v.find("$rel(WE") != std::string_view::npos;
}

// A dateline is a date at the head of one of the first paragraphs, followed
// by a dash, a bracket or the end of its line ("March 3, 2024 —").
bool is_dateline(const Document& doc, const Found& f) {
  for (size_t p = 0; p < doc.paragraphs.size() && p < 3; ++p) {
    const Paragraph& para = doc.paragraphs[p];
    if (f.span_begin < para.first_token || f.span_begin >= para.end_token) continue;
    if (f.span_begin - para.first_token > 8) return false;
    if (f.span_end >= para.end_token) return true;
    const Token& next = doc.tokens[f.span_end];
    return next.kind == TokenKind::kDash || doc.text_of(next) == "(" || doc.text_of(next) == "-";
  }
  return false;
}

// Gives each token its lexicon word and the end of its sentence, and keeps
// the tokens a pattern may start at: a word that starts one, a number, a
// capitalised word before a number (<cap> <year>), a hyphenated word (three-day).
void read_tokens(const TimeLexicon& lex, const Document& doc, Scratch& scratch) {
  const size_t n = doc.tokens.size();
  const std::string_view text = doc.text();
  const Token* tokens = doc.tokens.data();
  scratch.ids.resize(n);
  int32_t* ids = scratch.ids.data();
  scratch.candidates.clear();
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    const std::string_view w = text.substr(t.begin, t.end - t.begin);
    const int32_t id = ids[i] = lex.lookup(w, text.size() - t.begin);
    bool candidate = false;
    if (id != kNoWord)
      candidate = lex.may_start(id);
    else if (t.kind == TokenKind::kNumber)
      candidate = true;
    else if (t.kind == TokenKind::kWord)
      candidate = (t.has(kUpperInitial) && i + 1 < n && tokens[i + 1].kind == TokenKind::kNumber) ||
                  (w.size() >= 7 && has_hyphen(w));
    if (candidate) scratch.candidates.push_back(static_cast<uint32_t>(i));
  }
  // Tokens outside every sentence count as one sentence from the start to the end.
  scratch.sentence_begin.assign(n, 0);
  scratch.sentence_end.assign(n, static_cast<uint32_t>(n));
  uint32_t* sentence_begin = scratch.sentence_begin.data();
  uint32_t* sentence_end = scratch.sentence_end.data();
  for (const Sentence& s : doc.sentences)
    for (uint32_t i = s.first_token; i < s.end_token && i < n; ++i) {
      sentence_begin[i] = s.first_token;
      sentence_end[i] = s.end_token;
    }
}

// Leftmost-longest matching, except that a match starting inside another and
// reaching further wins ("in the past month": "the past month", not "in the past").
void find_items(const TimeLexicon& lex, const Document& doc, const Scratch& scratch, const ValueContext& ctx,
                std::vector<Item>& items) {
  Matcher matcher(lex, doc, scratch.ids.data(), scratch.sentence_end.data(), ctx);
  Found f, g;
  size_t next_free = 0;  // the first token no match has taken
  for (uint32_t i : scratch.candidates) {
    if (i < next_free || !matcher.could_start(i) || !matcher.best_at(i, f)) continue;
    for (size_t j = f.begin + 1; j < f.end; ++j)
      if (matcher.could_start(j) && matcher.best_at(j, g) && g.end > f.end) f = g;
    next_free = f.end;
    const Rule& rule = lex.rules()[f.rule];
    if (rule.suppress || f.span_begin >= f.span_end) continue;
    Item& item = items.emplace_back();
    item.found = f;
    item.filled = fill_fields(rule.value, f.caps);
    item.sentence_end = scratch.sentence_end[f.span_begin];
  }
}

// Without a publication date, a full date in a dateline gives one.
void adopt_dateline(Document& doc, const std::vector<Item>& items, ValueContext& ctx) {
  for (const Item& it : items) {
    TimePoint p;
    if (it.filled.find('$') == std::string::npos && parse_point(it.filled, p) && p.grain == Grain::kDay &&
        is_dateline(doc, it.found)) {
      ctx.has_dct = true;
      ctx.dct = first_day(p);
      doc.article.date = it.filled;
      return;
    }
  }
}

// Reads the tense of every expression whose value depends on it, then gives
// all occurrences of the same expression one value: each votes for the value
// its own tense gives, and the heavier side wins (on a tie, the first occurrence).
void settle_tenses(const TimeLexicon& lex, const Document& doc, Scratch& scratch, std::vector<Item>& items,
                   ValueContext& ctx) {
  scratch.in_expression.assign(doc.tokens.size(), 0);
  for (const Item& it : items)
    std::fill(scratch.in_expression.begin() + it.found.span_begin, scratch.in_expression.begin() + it.found.span_end, 1);
  TenseReader tenses(lex, doc, scratch.ids.data(), scratch.in_expression.data());
  std::vector<uint32_t> order;
  for (size_t k = 0; k < items.size(); ++k) {
    Item& it = items[k];
    if (!may_need_tense(it.filled)) continue;
    ctx.tense = Tense::kPast;
    std::string past = evaluate(it.filled, ctx);
    ctx.tense = Tense::kFuture;
    it.needs_tense = past != evaluate(it.filled, ctx);
    if (!it.needs_tense) continue;
    order.push_back(static_cast<uint32_t>(k));
    it.reading = tenses.around(it.found.span_begin, it.found.span_end, scratch.sentence_begin[it.found.span_begin],
                               it.sentence_end);
  }
  // Occurrences of one expression side by side, in text order.
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return items[a].filled < items[b].filled; });
  std::vector<std::pair<std::string, int>> votes;
  for (size_t first = 0, last = 0; first < order.size(); first = last) {
    votes.clear();
    for (last = first; last < order.size() && items[order[last]].filled == items[order[first]].filled; ++last) {
      const Item& it = items[order[last]];
      ctx.tense = it.reading.tense;
      std::string v = evaluate(it.filled, ctx);
      auto vote = std::find_if(votes.begin(), votes.end(), [&](const auto& x) { return x.first == v; });
      if (vote == votes.end()) votes.emplace_back(std::move(v), it.reading.weight);
      else vote->second += it.reading.weight;
    }
    auto winner = votes.begin();
    for (auto vote = votes.begin(); vote != votes.end(); ++vote)
      if (vote->second > winner->second) winner = vote;
    for (size_t k = first; k < last; ++k) items[order[k]].value = winner->first;
  }
}

// Values in text order, each point becoming the referent of what follows,
// except the anaphoric ones: "a year earlier" is a baseline, and "the
// previous quarter" after it still means the one before the quarter named.
// Clock times come last, as they take the day of the nearest date in their sentence.
void resolve(std::vector<Item>& items, ValueContext& ctx) {
  std::vector<TimePoint> history;
  ctx.history = &history;
  for (Item& it : items) {
    if (it.filled.find("$sday") != std::string::npos) continue;
    if (!it.needs_tense) it.value = evaluate(it.filled, ctx);
    TimePoint p;
    const bool anaphoric = it.filled.find("$shift(") != std::string::npos || it.filled.find("$ref(") != std::string::npos;
    if (!anaphoric && parse_point(it.value, p)) history.push_back(p);
  }
  constexpr size_t kReach = 16;  // items either side, so that a long sentence stays linear
  for (size_t k = 0; k < items.size(); ++k) {
    Item& it = items[k];
    if (it.filled.find("$sday") == std::string::npos) continue;
    ctx.has_sentence_day = false;
    size_t best_distance = 0;
    const size_t lo = k > kReach ? k - kReach : 0, hi = std::min(items.size(), k + kReach + 1);
    for (size_t o = lo; o < hi; ++o) {
      const Item& other = items[o];
      TimePoint p;
      if (o == k || other.sentence_end != it.sentence_end || other.value.empty() || !parse_point(other.value, p) ||
          p.grain != Grain::kDay)
        continue;
      size_t distance = other.found.span_begin > it.found.span_begin ? other.found.span_begin - it.found.span_begin
                                                                     : it.found.span_begin - other.found.span_begin;
      if (!ctx.has_sentence_day || distance < best_distance) {
        ctx.has_sentence_day = true;
        ctx.sentence_day = first_day(p);
        best_distance = distance;
      }
    }
    it.value = evaluate(it.filled, ctx);
  }
  ctx.history = nullptr;
}

ValueContext context_of(const Article& article) {
  ValueContext ctx;
  int y = 0, m = 0, d = 0;
  const std::string& date = article.date;
  if (date.size() == 10 && std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3 && valid_date(y, m, d)) {
    ctx.has_dct = true;
    ctx.dct = days_from_civil(y, m, d);
  }
  return ctx;
}

}  // namespace

TimeNormalizer::TimeNormalizer(const std::string& data_dir)
    : lexicon_(std::make_unique<const TimeLexicon>(TimeLexicon::load(data_dir))) {}

TimeNormalizer::~TimeNormalizer() = default;

void TimeNormalizer::run(Document& doc) const {
  doc.times.clear();
  if (doc.tokens.empty()) return;
  const TimeLexicon& lex = *lexicon_;
  thread_local Scratch scratch;
  read_tokens(lex, doc, scratch);
  ValueContext ctx = context_of(doc.article);
  std::vector<Item>& items = scratch.items;
  items.clear();
  find_items(lex, doc, scratch, ctx, items);
  if (items.empty()) return;
  if (!ctx.has_dct) adopt_dateline(doc, items, ctx);
  settle_tenses(lex, doc, scratch, items, ctx);
  resolve(items, ctx);
  for (Item& it : items) {
    if (it.value.empty()) continue;
    const Token& first = doc.tokens[it.found.span_begin];
    const Token& last = doc.tokens[it.found.span_end - 1];
    doc.times.push_back({ByteSpan{first.begin, last.end}, std::move(it.value)});
  }
}

}  // namespace sitrep
