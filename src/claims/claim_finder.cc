#include "claims/claim_finder.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claims/claim_lexicon.h"
#include "core/tsv.h"
#include "text/abbreviations.h"
#include "text/tokenizer.h"

namespace sitrep {
namespace claims {
namespace {

// ---------------------------------------------------------------------------
// Loading

[[noreturn]] void bad_row(const TsvTable& t, size_t row, const std::string& what) {
  throw TsvError(t.path + ":" + std::to_string(t.line_numbers[row]) + ": " + what);
}

std::vector<std::string> split_bars(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t bar = s.find('|', start);
    if (bar == std::string::npos) bar = s.size();
    if (bar > start) out.push_back(s.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

// A lexicon phrase as the tokeniser splits article text, lower-cased; `glued`
// marks the tokens after the first that have no space before them.
std::vector<std::string> phrase_tokens(const Tokenizer& tok, const std::string& phrase,
                                       std::vector<bool>* glued = nullptr) {
  std::vector<Token> tokens;
  tok.tokenize(phrase, tokens);
  std::vector<std::string> out;
  for (size_t k = 0; k < tokens.size(); ++k) {
    out.emplace_back(phrase.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
    lower_ascii(out.back());
    if (glued) glued->push_back(k > 0 && !tokens[k].has(kSpaceBefore));
  }
  return out;
}

int64_t parse_count(const TsvTable& t, size_t row, const std::string& s) {
  int64_t v = 0;
  if (s.empty() || s.size() > 15) bad_row(t, row, "value '" + s + "' is not a whole number");
  for (char ch : s) {
    if (ch < '0' || ch > '9') bad_row(t, row, "value '" + s + "' is not a whole number");
    v = v * 10 + (ch - '0');
  }
  return v;
}

void load_numbers(const std::string& dir, const Tokenizer& tok, ClaimLexicon& lex) {
  TsvTable t = load_tsv(dir + "/number_words.tsv");
  size_t word = t.column("word"), value = t.column("value"), cls = t.column("class");
  static const std::map<std::string, NumberClass> kClasses = {
      {"unit", kUnitWord},   {"tens", kTensWord},       {"scale", kScaleWord}, {"suffix", kSuffixWord},
      {"count", kCountWord}, {"article", kArticleWord}, {"vague", kVagueWord}};
  for (size_t r = 0; r < t.rows.size(); ++r) {
    auto c = kClasses.find(t.rows[r][cls]);
    if (c == kClasses.end()) bad_row(t, r, "unknown class '" + t.rows[r][cls] + "'");
    NumberWord nw{parse_count(t, r, t.rows[r][value]), c->second};
    std::vector<std::string> words = phrase_tokens(tok, t.rows[r][word]);
    if (words.empty()) bad_row(t, r, "empty word");
    if (words.size() == 1 && nw.cls != kSuffixWord) lex.number_words[words[0]] = nw;
    if (nw.cls == kSuffixWord) {
      lex.number_words["#" + words[0]] = nw;  // only ever written onto digits: 34K
      continue;
    }
    if (nw.cls == kUnitWord || nw.cls == kTensWord || nw.cls == kArticleWord || nw.cls == kVagueWord ||
        nw.cls == kCountWord)
      lex.triggers[words[0]] |= kStartsNumber;
    if (words.size() > 1) lex.number_phrases.add(std::move(words), nw);
  }
  lex.number_phrases.index();
}

void load_kinds(const std::string& dir, const Tokenizer& tok, ClaimLexicon& lex) {
  TsvTable t = load_tsv(dir + "/claim_kinds.tsv");
  size_t word = t.column("word"), kind = t.column("kind"), patterns = t.column("patterns"),
         overrides = t.column("overrides");
  static const std::map<std::string, KindPattern> kPatterns = {
      {"active", kActive}, {"passive", kPassive}, {"intrans", kIntrans}, {"bare", kBare},
      {"mod", kMod},       {"noun", kNoun},       {"of", kOf},           {"toll", kToll},
      {"from", kFrom},     {"singular", kSingular}};
  for (size_t r = 0; r < t.rows.size(); ++r) {
    KindWord k;
    k.kind = t.rows[r][kind];
    if (k.kind.empty()) bad_row(t, r, "empty kind");
    for (const std::string& p : split_bars(t.rows[r][patterns])) {
      auto it = kPatterns.find(p);
      if (it == kPatterns.end()) bad_row(t, r, "unknown pattern '" + p + "'");
      k.patterns |= it->second;
    }
    if (k.patterns == 0) bad_row(t, r, "no pattern");
    k.overrides = split_bars(t.rows[r][overrides]);
    std::vector<std::string> words = phrase_tokens(tok, t.rows[r][word]);
    if (words.empty()) bad_row(t, r, "empty word");
    if (k.patterns & kSingular) lex.triggers[words[0]] |= kSingularVerb;
    lex.kinds.add(std::move(words), std::move(k));
  }
  lex.kinds.index();
}

void load_hedges(const std::string& dir, const Tokenizer& tok, ClaimLexicon& lex) {
  TsvTable t = load_tsv(dir + "/claim_hedges.tsv");
  size_t phrase = t.column("phrase"), qualifier = t.column("qualifier"), position = t.column("position");
  static const std::map<std::string, Qualifier> kQualifiers = {
      {"exact", Qualifier::kExact}, {"over", Qualifier::kOver}, {"under", Qualifier::kUnder}, {"about", Qualifier::kAbout}};
  for (size_t r = 0; r < t.rows.size(); ++r) {
    auto q = kQualifiers.find(t.rows[r][qualifier]);
    if (q == kQualifiers.end()) bad_row(t, r, "unknown qualifier '" + t.rows[r][qualifier] + "'");
    const std::string& pos = t.rows[r][position];
    if (pos != "before" && pos != "after") bad_row(t, r, "position must be before or after, not '" + pos + "'");
    const std::string& raw = t.rows[r][phrase];
    if (pos == "after" && raw.size() > 1 && raw[0] == '-') {
      // Written onto the digits ("40-odd", "100-plus"), which stay one token.
      std::string key = "#" + raw;
      lower_ascii(key);
      lex.number_words[key] = NumberWord{static_cast<int64_t>(q->second), kVagueWord};
      continue;
    }
    std::vector<std::string> words = phrase_tokens(tok, raw);
    if (words.empty()) bad_row(t, r, "empty phrase");
    (pos == "before" ? lex.hedges_before : lex.hedges_after).add(std::move(words), q->second);
  }
  lex.hedges_before.index();
  lex.hedges_after.index();
}

void load_units(const std::string& dir, const Tokenizer& tok, ClaimLexicon& lex) {
  TsvTable t = load_tsv(dir + "/claim_units.tsv");
  size_t unit = t.column("unit"), cls = t.column("class"), code = t.column("code"), position = t.column("position");
  static const std::map<std::string, UnitClass> kClasses = {
      {"currency", kCurrency}, {"percent", kPercent}, {"measure", kMeasure}, {"count", kCount}, {"time", kDuration}};
  for (size_t r = 0; r < t.rows.size(); ++r) {
    auto c = kClasses.find(t.rows[r][cls]);
    if (c == kClasses.end()) bad_row(t, r, "unknown class '" + t.rows[r][cls] + "'");
    const std::string& pos = t.rows[r][position];
    if (pos != "before" && pos != "after") bad_row(t, r, "position must be before or after, not '" + pos + "'");
    std::vector<bool> glued;
    std::vector<std::string> words = phrase_tokens(tok, t.rows[r][unit], &glued);
    if (words.empty()) bad_row(t, r, "empty unit");
    UnitWord u{c->second, t.rows[r][code]};
    (pos == "before" ? lex.units_before : lex.units_after).add(std::move(words), std::move(u), std::move(glued));
  }
  lex.units_before.index();
  lex.units_after.index();
}

void load_words(const std::string& dir, ClaimLexicon& lex) {
  TsvTable t = load_tsv(dir + "/claim_words.tsv");
  size_t word = t.column("word"), roles = t.column("roles");
  static const std::map<std::string, Role> kRoles = {
      {"stop", kStop},     {"object", kObject},       {"be", kBe},         {"have", kHave},
      {"skip", kSkip},     {"relative", kRelative},   {"cue", kCue},       {"according", kAccording},
      {"person", kPerson}, {"month", kMonth},         {"prep", kPrep},     {"estimate", kEstimate},
      {"label", kLabel},   {"attack", kAttack},       {"modal", kModal}};
  for (size_t r = 0; r < t.rows.size(); ++r) {
    uint16_t bits = 0;
    for (const std::string& name : split_bars(t.rows[r][roles])) {
      auto it = kRoles.find(name);
      if (it == kRoles.end()) bad_row(t, r, "unknown role '" + name + "'");
      bits |= it->second;
    }
    std::string w = t.rows[r][word];
    lower_ascii(w);
    lex.roles[w] |= bits;
  }
}

}  // namespace

std::shared_ptr<const ClaimLexicon> ClaimLexicon::load(const std::string& data_dir) {
  auto lex = std::make_shared<ClaimLexicon>();
  Tokenizer tok(std::make_shared<const Abbreviations>(Abbreviations::load(data_dir)));
  load_numbers(data_dir, tok, *lex);
  load_kinds(data_dir, tok, *lex);
  load_hedges(data_dir, tok, *lex);
  load_units(data_dir, tok, *lex);
  load_words(data_dir, *lex);
  for (const auto& [word, bits] : lex->triggers)
    if (int k = prefix_index(word); k >= 0) lex->trigger_prefixes[k] = true;
  return lex;
}

namespace {

// ---------------------------------------------------------------------------
// Reading one document

// A number as read: value = mantissa / 10^decimals, kept exact for "4.2 billion".
struct Number {
  uint32_t end = 0;  // the token after it
  int64_t mantissa = 0;
  int decimals = 0;
  int64_t scale = 1;      // the last scale applied (million)
  bool vague = false;     // dozens, thousands
  bool digits = false;    // written in digits
  int post_hedge = -1;    // a Qualifier written onto the digits: 100-plus, 40-odd
  double value() const {
    // One division of exact integers: the same double as parsing "38.62".
    int64_t divisor = 1;
    for (int d = 0; d < decimals; ++d) divisor *= 10;
    return static_cast<double>(mantissa) / static_cast<double>(divisor);
  }
  void times(int64_t factor) {
    while (decimals > 0 && factor % 10 == 0) {
      factor /= 10;
      --decimals;
    }
    mantissa *= factor;
  }
};

// A figure: a number with its hedge, currency, range and unit.
struct Figure {
  uint32_t begin = 0, end = 0;          // all of it, hedges included
  uint32_t num_begin = 0, num_end = 0;  // the (first) number
  double value = 0, max = 0;
  Qualifier qualifier = Qualifier::kExact;
  bool hedged = false;
  bool vague = false;
  bool digits = false;
  const UnitWord* unit = nullptr;
};

// What decided a figure's kind, for its span, actor and date.
struct Reading {
  std::string kind;
  std::string unit;
  uint32_t first = 0, last = 0;  // span tokens, inclusive
  uint32_t verb_begin = 0, verb_end = 0;
  bool active = false;     // the figure is the verb's object: look for its subject
  bool after_verb = false; // passive or intransitive: look for "by X" after it
  bool current = false;    // present perfect: the figure stands at publication
};

class Scan {
 public:
  Scan(const Document& doc, const ClaimLexicon& lex)
      : doc_(doc),
        lex_(lex),
        w_(doc),
        mention_at_(doc.tokens.size(), kNone),
        time_at_(doc.tokens.size(), kNone),
        roles_(doc.tokens.size(), kUnknownRole) {
    // The longest mention over a token wins: "Gaza health authorities" over "Gaza".
    for (size_t m = 0; m < doc.mentions.size(); ++m) {
      const Mention& mm = doc.mentions[m];
      for (uint32_t t = mm.first_token; t < mm.end_token && t < doc.tokens.size(); ++t) {
        int32_t& slot = mention_at_[t];
        if (slot == kNone || doc.mentions[slot].end_token - doc.mentions[slot].first_token < mm.end_token - mm.first_token)
          slot = static_cast<int32_t>(m);
      }
    }
    for (size_t k = 0; k < doc.times.size(); ++k) mark_time(doc.times[k].span, static_cast<int32_t>(k));
    title_end_ = title_end();
  }

  struct Found {
    Claim claim;
    bool in_title = false;
  };

  void sentence(const Sentence& s, std::vector<Found>& out);

 private:
  void mark_time(ByteSpan span, int32_t k) {
    auto it = std::lower_bound(doc_.tokens.begin(), doc_.tokens.end(), span.begin,
                               [](const Token& t, uint32_t b) { return t.end <= b; });
    for (; it != doc_.tokens.end() && it->begin < span.end; ++it) time_at_[it - doc_.tokens.begin()] = k;
  }
  // The headline: the first paragraph when it is the article's title.
  uint32_t title_end() const {
    if (doc_.article.title.empty() || doc_.paragraphs.empty()) return 0;
    const Paragraph& p = doc_.paragraphs[0];
    if (p.first_token >= p.end_token) return 0;
    std::string_view first = doc_.text_of(ByteSpan{doc_.tokens[p.first_token].begin, doc_.tokens[p.end_token - 1].end});
    return first == doc_.article.title ? p.end_token : 0;
  }

  // Roles are looked up once per token, and only around figures.
  uint16_t role(uint32_t i) const {
    uint16_t& r = roles_[i];
    if (r == kUnknownRole) r = lex_.role(w_[i]);
    return r;
  }
  static constexpr uint16_t kUnknownRole = 0xFFFF;
  bool is(uint32_t i, std::string_view word) const { return w_[i] == word; }
  TokenKind kind(uint32_t i) const { return doc_.tokens[i].kind; }
  bool adverb(uint32_t i) const {
    std::string_view s = w_[i];
    return kind(i) == TokenKind::kWord && s.size() > 4 && s.substr(s.size() - 2) == "ly" &&
           !doc_.tokens[i].has(kUpperInitial);
  }
  // With part-of-speech tags, whether token i can stand in a counted noun
  // phrase (nouns, adjectives, participles before a noun); without, any word.
  bool noun_like(uint32_t i) const {
    if (doc_.pos.size() != doc_.tokens.size()) return true;
    switch (doc_.pos[i]) {
      case Pos::kNN: case Pos::kNNS: case Pos::kNNP: case Pos::kNNPS: case Pos::kJJ: case Pos::kJJR:
      case Pos::kJJS: case Pos::kCD: case Pos::kFW: case Pos::kUnknown:
        return true;
      case Pos::kVBN: case Pos::kVBG: {
        if (i + 1 >= doc_.tokens.size()) return false;
        Pos next = doc_.pos[i + 1];
        return next == Pos::kNN || next == Pos::kNNS || next == Pos::kNNP || next == Pos::kNNPS || next == Pos::kJJ;
      }
      default:
        return false;
    }
  }
  bool wordlike(uint32_t i) const {
    TokenKind k = kind(i);
    return k == TokenKind::kWord || k == TokenKind::kAbbrev;
  }
  int32_t entity_at(uint32_t i) const {
    int32_t m = mention_at_[i];
    return m == kNone ? kNone : doc_.mentions[m].entity;
  }

  bool read_number(uint32_t i, uint32_t limit, Number& n) const;
  bool read_figure(uint32_t i, const Sentence& s, Figure& f) const;
  bool kind_of(const Figure& f, const Sentence& s, Reading& r) const;
  bool singular(uint32_t i, const Sentence& s, Figure& f, Reading& r) const;
  int32_t source_of(ByteSpan span, uint32_t first, uint32_t last, const Sentence& s) const;
  int32_t cue_subject(uint32_t cue, const Sentence& s, bool& parenthetical) const;
  int32_t actor_of(const Reading& r, const Sentence& s) const;
  int32_t subject_before(uint32_t verb, const Sentence& s) const;
  std::string date_of(const Reading& r, const Sentence& s) const;
  int32_t speech_around(ByteSpan span) const;
  struct SpeechSpan {
    uint32_t begin, end;
    int32_t speaker;
    int rank;  // 0 reported speech, 1 quote
  };
  mutable std::vector<SpeechSpan> speech_;
  mutable bool speech_indexed_ = false;
  void emit(const Figure& f, const Reading& r, const Sentence& s, std::vector<Found>& out) const;

  const Document& doc_;
  const ClaimLexicon& lex_;
  Words w_;
  std::vector<int32_t> mention_at_;
  std::vector<int32_t> time_at_;
  mutable std::vector<uint16_t> roles_;
  uint32_t title_end_ = 0;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads a number at token i: digits ("1,100", "3.5", "34K", "100-plus"),
// words ("three", "twenty-five", "a dozen", "two million", "one hundred and
// twenty") or a vague plural ("dozens", "tens of thousands").
bool Scan::read_number(uint32_t i, uint32_t limit, Number& n) const {
  n = Number{};
  uint32_t j = i;
  if (kind(i) == TokenKind::kNumber) {
    std::string_view s = w_[i];
    size_t k = 0;
    while (k < s.size() && (is_digit(s[k]) || (s[k] == ',' && k + 1 < s.size() && is_digit(s[k + 1])))) {
      if (s[k] != ',') {
        if (n.mantissa > 100000000000000LL) return false;
        n.mantissa = n.mantissa * 10 + (s[k] - '0');
      }
      ++k;
    }
    if (k < s.size() && s[k] == '.' && k + 1 < s.size() && is_digit(s[k + 1])) {
      for (++k; k < s.size() && is_digit(s[k]); ++k) {
        if (n.decimals >= 6) return false;
        n.mantissa = n.mantissa * 10 + (s[k] - '0');
        ++n.decimals;
      }
    }
    if (k < s.size()) {
      // Only a scale (34K, 2bn) or a hedge (100-plus) may be written onto the
      // digits; 19-member, 3rd, 10:30 and 2023-10-07 are no counts.
      std::string key = "#" + std::string(s.substr(k));
      const NumberWord* suffix = lex_.number(key);
      if (!suffix) return false;
      if (suffix->cls == kSuffixWord) {
        n.times(suffix->value);
        n.scale = suffix->value;
      } else {
        n.post_hedge = static_cast<int>(suffix->value);
      }
    }
    n.digits = true;
    j = i + 1;
  } else {
    const NumberWord* phrase = nullptr;
    uint32_t len = lex_.number_phrases.forward(w_, i, limit, &phrase);
    if (len > 0 && (phrase->cls == kVagueWord || phrase->cls == kCountWord)) {
      n.mantissa = phrase->value;
      n.vague = phrase->cls == kVagueWord;
      j = i + len;
    } else {
      // Words, as in "two hundred and fifty thousand".
      int64_t total = 0, current = 0;
      bool any = false, last_small = false;
      for (; j < limit; ++j) {
        std::string_view word = w_[j];
        const NumberWord* nw = lex_.number(word);
        if (!nw && kind(j) == TokenKind::kWord) {
          size_t dash = word.find('-');  // twenty-five
          if (dash != std::string_view::npos && !last_small) {
            const NumberWord* tens = lex_.number(word.substr(0, dash));
            const NumberWord* unit = lex_.number(word.substr(dash + 1));
            if (tens && unit && tens->cls == kTensWord && unit->cls == kUnitWord && unit->value > 0) {
              current += tens->value + unit->value;
              any = last_small = true;
              continue;
            }
          }
        }
        if (!nw) {
          if (any && word == "and" && j + 1 < limit && !last_small) {
            const NumberWord* next = lex_.number(w_[j + 1]);
            if (next && (next->cls == kUnitWord || next->cls == kTensWord)) continue;
          }
          break;
        }
        if (nw->cls == kUnitWord || nw->cls == kTensWord) {
          if (last_small && !(nw->cls == kUnitWord && current % 100 >= 20 && current % 10 == 0)) break;
          current += nw->value;
          any = last_small = true;
        } else if (nw->cls == kArticleWord) {
          if (any || j + 1 >= limit) break;
          const NumberWord* next = lex_.number(w_[j + 1]);
          if (!next || (next->cls != kScaleWord && next->cls != kCountWord)) break;
          current = 1;
          any = true;
          last_small = false;
        } else if (nw->cls == kScaleWord) {
          if (!any) break;
          if (nw->value == 100) {
            current = (current == 0 ? 1 : current) * 100;
          } else {
            total += (current == 0 ? 1 : current) * nw->value;
            current = 0;
          }
          n.scale = nw->value;
          last_small = false;
        } else if (nw->cls == kCountWord) {
          if (!any) break;
          current = (current == 0 ? 1 : current) * nw->value;
          last_small = false;
        } else if (nw->cls == kVagueWord && !any) {
          n.mantissa = nw->value;
          n.vague = true;
          ++j;
          break;
        } else {
          break;
        }
      }
      if (!n.vague) {
        if (!any) return false;
        n.mantissa = total + current;
      }
    }
  }
  // Scales after the digits or words: "1.2 million", "3 hundred thousand".
  if (!n.vague) {
    while (j < limit) {
      const NumberWord* nw = lex_.number(w_[j]);
      if (!nw || nw->cls != kScaleWord) break;
      if (!n.digits && nw->value <= n.scale) break;  // words already took their scales
      if (n.mantissa > 1000000000000LL) return false;
      n.times(nw->value);
      n.scale = nw->value;
      ++j;
    }
  }
  n.end = j;
  return j > i;
}

// A figure at token i, or false when the number there is a date, a label, an
// age, a score or a duration.
bool Scan::read_figure(uint32_t i, const Sentence& s, Figure& f) const {
  Number n;
  if (!read_number(i, s.end_token, n)) return false;
  f = Figure{};
  f.num_begin = i;
  f.num_end = n.end;
  f.value = n.value();
  f.vague = n.vague;
  f.digits = n.digits;
  for (uint32_t t = i; t < n.end; ++t)
    if (time_at_[t] != kNone || mention_at_[t] != kNone) return false;
  if (n.digits) {
    auto month = [&](uint32_t t) { return (role(t) & kMonth) && doc_.tokens[t].has(kUpperInitial); };
    if ((i > s.first_token && month(i - 1)) || (n.end < s.end_token && month(n.end))) return false;
    // A bare four-digit year: "in 2023", "since 1961".
    std::string_view text = w_[i];
    if (n.end == i + 1 && text.size() == 4 && n.decimals == 0 && f.value >= 1800 && f.value <= 2100) {
      const UnitWord* before = nullptr;
      if (lex_.units_before.backward(w_, s.first_token, i, &before) == 0) {
        const UnitWord* after = nullptr;
        if (lex_.units_after.forward(w_, n.end, s.end_token, &after) == 0 || after->cls == kDuration) return false;
      }
    }
  }
  if (i > s.first_token && (role(i - 1) & kLabel)) return false;
  if (i > s.first_token && is(i - 1, "no")) return false;  // "no one was hurt"
  // '11 is a year, as in "iLife '11".
  if (n.digits && i > s.first_token && kind(i - 1) == TokenKind::kQuote && w_.glued(i)) return false;

  // Before the number: a currency, "between", a hedge.
  uint32_t b = i;
  const UnitWord* unit = nullptr;
  if (uint32_t len = lex_.units_before.backward(w_, s.first_token, b, &unit)) {
    f.unit = unit;
    b -= len;
  }
  bool between = b > s.first_token && is(b - 1, "between");
  if (between) --b;
  const Qualifier* hedge = nullptr;
  if (!between) {
    if (uint32_t len = lex_.hedges_before.backward(w_, s.first_token, b, &hedge)) {
      f.qualifier = *hedge;
      f.hedged = true;
      b -= len;
    }
  }
  f.begin = b;

  // After it: a range ("20-30", "between 20 and 30", "three to four"), a hedge, a unit.
  uint32_t e = n.end;
  if (e + 1 < s.end_token) {
    bool dash = kind(e) == TokenKind::kDash || (kind(e) == TokenKind::kPunct && w_[e] == "-");
    // "rose from 20 to 30" is a change, not a range.
    bool to = (is(e, "to") || is(e, "or")) && !(b > s.first_token && is(b - 1, "from"));
    bool and_ = between && is(e, "and");
    if (dash || to || and_) {
      uint32_t k = e + 1;
      const UnitWord* u2 = nullptr;
      if (uint32_t len = lex_.units_before.forward(w_, k, s.end_token, &u2)) k += len;
      Number m;
      if (read_number(k, s.end_token, m) && m.vague == n.vague) {
        if (m.scale > 1 && n.scale == 1 && n.mantissa * m.scale <= m.mantissa * 1) n.times(m.scale);
        double lo = n.value(), hi = m.value();
        if (hi > lo) {
          f.value = lo;
          f.max = hi;
          if (!f.hedged) f.qualifier = Qualifier::kOver;
          f.hedged = true;
          e = m.end;
        } else if (dash) {
          return false;  // a score: "beat Ghana 2-1"
        }
      }
    }
  }
  if (n.post_hedge >= 0) {
    f.qualifier = static_cast<Qualifier>(n.post_hedge);
    f.hedged = true;
  }
  if (uint32_t len = lex_.hedges_after.forward(w_, e, s.end_token, &hedge)) {
    f.qualifier = *hedge;
    f.hedged = true;
    e += len;
  }
  if (!f.hedged && f.vague) {
    f.qualifier = Qualifier::kOver;  // "dozens": the least the word implies
    f.hedged = true;
  }
  if (uint32_t len = lex_.units_after.forward(w_, e, s.end_token, &unit)) {
    if (unit->cls == kDuration) return false;
    if (!f.unit) f.unit = unit;
    e += len;
  }
  f.end = e;
  return true;
}

// Decides what a figure counts from the words around it.
bool Scan::kind_of(const Figure& f, const Sentence& s, Reading& r) const {
  const uint32_t first = s.first_token, limit = s.end_token;
  r.first = f.begin;
  r.last = f.end - 1;

  if (f.unit) {
    // Money, shares and measures are never a count of victims; a pledge
    // ("would release 35 million euros") is a figure too.
    r.kind = "quantity";
    r.unit = f.unit->code;
    return true;
  }
  // The counted phrase: "people", "Palestinian civilians", "of the attackers".
  uint32_t p = f.end;
  if (p < limit && kind(p) == TokenKind::kQuote) ++p;
  if (p + 1 < limit && is(p, "of") && (f.vague || (role(p + 1) & kObject))) {
    ++p;
    if (p < limit && (role(p) & kObject)) ++p;
  }
  const KindWord* run_kind = nullptr;
  uint32_t head = 0;
  bool has_head = false;
  uint32_t q = p;
  auto object_follows = [&](uint32_t t) {
    if (t >= limit) return false;
    if (kind(t) == TokenKind::kNumber || (role(t) & kObject)) return true;
    Number dummy;
    return lex_.number(w_[t]) != nullptr && read_number(t, limit, dummy);
  };
  for (; q < limit && q < p + 6; ++q) {
    if (!wordlike(q) || (role(q) & kStop) || time_at_[q] != kNone) break;
    const KindWord* k = nullptr;
    uint32_t len = lex_.kinds.forward(w_, q, limit, &k);
    if (len == 1 && (k->patterns & (kMod | kNoun)) && !object_follows(q + 1)) {
      run_kind = k;
      if ((k->patterns & kNoun) && !(k->patterns & kMod)) {
        head = q;  // the counted noun ends the phrase: "250 hostages [remain]"
        has_head = true;
        ++q;
        break;
      }
      continue;
    }
    if (len > 0) break;  // a verb: "12 people killed", "bombers killed 23"
    if (!noun_like(q)) break;  // "800,000 Iraqi Kurds [sought] refuge"
    head = q;
    has_head = true;
  }
  const uint32_t run_end = q;
  if (has_head) r.unit = std::string(doc_.text_of(doc_.tokens[head]));
  if (run_end > p) r.last = std::max(r.last, run_end - 1);

  // A verb before the figure whose object it is: "killing over 1,100 people".
  const KindWord* verb_kind = nullptr;
  uint32_t a = f.begin;
  if (a > first && kind(a - 1) == TokenKind::kQuote) --a;
  // "released the last four detained staff": a determiner and one adjective.
  uint32_t a_det = a;
  if (a_det > first + 1 && wordlike(a_det - 1) && !(role(a_det - 1) & kStop) && is(a_det - 2, "the")) a_det -= 2;
  else if (a_det > first && is(a_det - 1, "the")) a_det -= 1;
  const KindWord* k = nullptr;
  uint32_t len = lex_.kinds.backward(w_, first, a, &k);
  if (!(len > 0 && (k->patterns & kActive)) && a_det != a) {
    len = lex_.kinds.backward(w_, first, a_det, &k);
    if (len > 0 && (k->patterns & kActive)) a = a_det;
  }
  if (len > 0 && (k->patterns & kActive)) {
    bool needs_from = k->patterns & kFrom;
    bool from_ok = !needs_from;
    for (uint32_t t = run_end; t < limit && t < run_end + 3 && !from_ok; ++t) from_ok = is(t, "from");
    // "killing or wounding 50" names no one kind.
    uint32_t vb = a - len;
    const KindWord* other = nullptr;
    bool either = vb >= first + 2 && (is(vb - 1, "or") || is(vb - 1, "and")) &&
                  lex_.kinds.backward(w_, first, vb - 1, &other) > 0 && other->kind != k->kind;
    if (either) return false;
    // "agreed to evacuate 21 settlements", "will free 30 prisoners": not (yet) a figure of what happened.
    if (vb > first && (role(vb - 1) & kModal)) return false;
    if (vb > first + 2 && (is(vb - 1, "and") || is(vb - 1, "or")) && (role(vb - 3) & kModal)) return false;
    if (from_ok) {
      verb_kind = k;
      r.verb_begin = vb;
      r.verb_end = a;
      r.active = true;
      r.first = vb;
      r.current = vb > first && (is(vb - 1, "have") || is(vb - 1, "has"));
    }
  }
  // A verb after the counted phrase whose subject it is: "were killed", "fled".
  if (!verb_kind) {
    uint32_t v = run_end;
    if (v < limit && (role(v) & kRelative)) ++v;
    bool be = false, have = false, had = false;
    for (int steps = 0; v < limit && steps < 6; ++steps, ++v) {
      uint16_t rl = role(v);
      if (rl & kBe) {
        be = true;
      } else if (rl & kHave) {
        have = true;
        had = had || is(v, "had");
      } else if (!(rl & kSkip) && !adverb(v)) {
        break;
      }
    }
    if (uint32_t len = lex_.kinds.forward(w_, v, limit, &k)) {
      bool ok = (be && (k->patterns & kPassive)) || (!be && (k->patterns & kIntrans)) ||
                (!be && !have && v == run_end && (k->patterns & kBare) && !object_follows(v + len));
      if (ok && (k->patterns & kFrom) && !(k->patterns & kPassive)) ok = false;
      const KindWord* other = nullptr;
      if (ok && v + len + 1 < limit && (is(v + len, "or") || is(v + len, "and")) &&
          lex_.kinds.forward(w_, v + len + 1, limit, &other) > 0 && other->kind != k->kind)
        return false;  // "were killed or wounded"
      if (ok) {
        verb_kind = k;
        r.verb_begin = v;
        r.verb_end = v + len;
        r.after_verb = true;
        r.last = v + len - 1;
        r.current = have && !had;
      }
    }
  }
  // "the deaths of two Israelis"; "the death toll rose to 34,000".
  const KindWord* other_kind = nullptr;
  if (!verb_kind && !run_kind) {
    if (a >= first + 2 && is(a - 1, "of") && lex_.kinds.backward(w_, first, a - 1, &k) > 0 && (k->patterns & kOf)) {
      other_kind = k;
      r.first = a - 2;
    }
    for (uint32_t t = a; !other_kind && t > first && t + 8 > a; --t) {
      if (w_[t - 1] == ";" || kind(t - 1) == TokenKind::kNumber) break;
      if (lex_.kinds.forward(w_, t - 1, a, &k) > 0 && (k->patterns & kToll)) {
        other_kind = k;
        r.first = t - 1;
        for (uint32_t u = t; u < a; ++u) r.current = r.current || is(u, "has") || is(u, "have") || is(u, "stands");
      }
    }
  }

  const KindWord* chosen = verb_kind ? verb_kind : run_kind ? run_kind : other_kind;
  if (!chosen && !f.vague && (has_head ? f.value >= 2 : f.value >= 1000000)) {
    // Any counted thing is a figure of the general kind: "42 aircraft",
    // "12 companies", "41,000 employees"; a bare number only when it is large
    // ("1.2 million").
    r.kind = "quantity";
    return true;
  }
  if (verb_kind && run_kind && (run_kind->patterns & kNoun) &&
      std::find(run_kind->overrides.begin(), run_kind->overrides.end(), verb_kind->kind) != run_kind->overrides.end())
    chosen = run_kind;
  if (!chosen) return false;
  r.kind = chosen->kind;
  // "one" with nothing counted is a pronoun: "the one that was executed".
  if (!has_head && !f.digits && f.value == 1) return false;
  if (r.unit.empty()) r.unit = "people";
  if (!r.active && !r.after_verb && f.begin > first && wordlike(f.begin - 1) && !(role(f.begin - 1) & kStop) &&
      !doc_.tokens[f.begin - 1].has(kUpperInitial)) {
    // "taking some 250 hostages": the word before is the verb whose subject is the actor.
    r.active = true;
    r.verb_begin = f.begin - 1;
    r.verb_end = f.begin;
    r.first = f.begin - 1;
  }
  return true;
}

// One named victim: "A Palestinian prisoner died", "killed the deputy chief".
bool Scan::singular(uint32_t i, const Sentence& s, Figure& f, Reading& r) const {
  const KindWord* k = nullptr;
  uint32_t len = lex_.kinds.forward(w_, i, s.end_token, &k);
  if (len == 0 || !(k->patterns & kSingular)) return false;
  // Object: killed the|a ... <person>
  if (k->patterns & kActive) {
    uint32_t d = i + len;
    if (d < s.end_token && (is(d, "the") || is(d, "a") || is(d, "an"))) {
      uint32_t h = 0;
      bool found = false;
      for (uint32_t t = d + 1; t < s.end_token && t < d + 6 && wordlike(t) && !(role(t) & kStop); ++t) {
        h = t;
        found = true;
      }
      if (found && (role(h) & kPerson)) {
        f = Figure{};
        f.begin = i + len;
        f.end = h + 1;
        f.value = 1;
        r = Reading{};
        r.kind = k->kind;
        r.unit = std::string(doc_.text_of(doc_.tokens[h]));
        r.first = i;
        r.last = h;
        r.verb_begin = i;
        r.verb_end = i + len;
        r.active = true;
        return true;
      }
    }
  }
  // Subject: A|The ... <person> (was|has been) killed / died
  uint32_t v = i;
  bool be = false, have = false;
  while (v > s.first_token && v + 6 > i) {
    uint16_t rl = role(v - 1);
    if (rl & kBe) {
      be = true;
    } else if (rl & kHave) {
      have = have || !is(v - 1, "had");
    } else if (!(rl & kSkip) && !adverb(v - 1)) {
      break;
    }
    --v;
  }
  if (v > s.first_token && (role(v - 1) & kRelative)) --v;
  bool ok = (be && (k->patterns & kPassive)) || (!be && (k->patterns & kIntrans));
  if (!ok || v <= s.first_token || !(role(v - 1) & kPerson)) return false;
  uint32_t h = v - 1, t = h;
  while (t > s.first_token && t + 5 > h && wordlike(t - 1) && !(role(t - 1) & kStop)) --t;
  if (t == s.first_token || !(is(t - 1, "a") || is(t - 1, "an") || is(t - 1, "the"))) return false;
  f = Figure{};
  f.begin = t - 1;
  f.end = h + 1;
  f.value = 1;
  r = Reading{};
  r.kind = k->kind;
  r.unit = std::string(doc_.text_of(doc_.tokens[h]));
  r.first = t - 1;
  r.last = i + len - 1;
  r.verb_begin = i;
  r.verb_end = i + len;
  r.after_verb = true;
  r.current = have;
  return true;
}

// The speaker of a cue verb: "Gaza health authorities have estimated", "...,
// police said", "said the ministry".
int32_t Scan::cue_subject(uint32_t cue, const Sentence& s, bool& parenthetical) const {
  auto after_comma = [&](uint32_t t) {
    return t > s.first_token && (w_[t - 1] == "," || kind(t - 1) == TokenKind::kQuote || kind(t - 1) == TokenKind::kDash);
  };
  parenthetical = false;
  uint32_t t = cue;
  for (int steps = 0; t > s.first_token && steps < 6; ++steps) {
    --t;
    if (int32_t e = entity_at(t); e != kNone) {
      // ", the national disaster agency said": the attribution closes the sentence.
      uint32_t start = doc_.mentions[mention_at_[t]].first_token;
      for (int k = 0; k < 6 && start > s.first_token && !after_comma(start) && wordlike(start - 1) &&
                      mention_at_[start - 1] == kNone && !(role(start - 1) & (kCue | kPrep)) && !is(start - 1, "and");
           ++k)
        --start;
      parenthetical = after_comma(start) || start == s.first_token;
      return e;
    }
    if (mention_at_[t] != kNone) return kNone;
    uint16_t rl = role(t);
    if (!((rl & (kHave | kSkip)) || time_at_[t] != kNone || adverb(t))) break;
  }
  if (after_comma(cue)) {
    for (uint32_t u = cue + 1; u < s.end_token && u < cue + 5; ++u) {
      if (int32_t e = entity_at(u); e != kNone) {
        parenthetical = true;
        return e;
      }
      if (!wordlike(u) && time_at_[u] == kNone) break;
    }
  }
  return kNone;
}

// Who a figure is attributed to: "according to X" in its sentence, the speaker
// of reported speech or a quote around it, or the subject of a speech verb in
// its sentence. kNone in the article's own voice.
// The speaker of the reported speech (first) or quote that contains `span`.
// Speech spans are indexed once per document in text order, so each lookup
// checks only the few spans that start just before it.
int32_t Scan::speech_around(ByteSpan span) const {
  if (speech_.empty() && !speech_indexed_) {
    for (int pass = 0; pass < 2; ++pass) {
      if (pass == 0) {
        for (const ReportedSpeech& r : doc_.reported)
          if (r.speaker != kNone) speech_.push_back({r.span.begin, r.span.end, r.speaker, 0});
      } else {
        for (const Quote& q : doc_.quotes)
          if (q.speaker != kNone) speech_.push_back({q.span.begin, q.span.end, q.speaker, 1});
      }
    }
    std::sort(speech_.begin(), speech_.end(), [](const SpeechSpan& a, const SpeechSpan& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.rank < b.rank;
    });
    speech_indexed_ = true;
  }
  auto it = std::upper_bound(speech_.begin(), speech_.end(), span.begin,
                             [](uint32_t b, const SpeechSpan& x) { return b < x.begin; });
  int32_t best = kNone;
  int best_rank = 2;
  for (int looked = 0; it != speech_.begin() && looked < 64; ++looked) {
    --it;
    if (span.end <= it->end && it->rank < best_rank) {
      best = it->speaker;
      best_rank = it->rank;
    }
  }
  return best;
}

int32_t Scan::source_of(ByteSpan span, uint32_t first, uint32_t last, const Sentence& s) const {
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    if (!(role(t) & kAccording)) continue;
    uint32_t u = t + 1;
    if (is(t, "according")) {
      if (u >= s.end_token || !is(u, "to")) continue;
      ++u;
    }
    for (; u < s.end_token && u < t + 9; ++u) {
      if (int32_t e = entity_at(u); e != kNone) return e;
      if (!wordlike(u)) break;
    }
    return kNone;  // attributed, to someone the entities do not name
  }
  if (int32_t speaker = speech_around(span); speaker != kNone) return speaker;
  int32_t before = kNone, after = kNone;
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    if (t >= first && t <= last) continue;
    if (!(role(t) & kCue) || (t > s.first_token && (role(t - 1) & kBe))) continue;
    bool parenthetical = false;
    int32_t e = cue_subject(t, s, parenthetical);
    if (e == kNone) continue;
    // A speech verb after the figure attributes it only as a closing
    // attribution (", police said"), not as a clause of its own ("..., and
    // the United States said it would send ...").
    if (t < first) before = e;
    else if (after == kNone && parenthetical) after = e;
  }
  return before != kNone ? before : after;
}

// The nearest name before a verb that can be its subject: not after a
// preposition ("in Gaza"), not beyond a speech verb ("police said gunmen killed").
int32_t Scan::subject_before(uint32_t verb, const Sentence& s) const {
  uint32_t t = verb;
  while (t > s.first_token) {
    --t;
    if ((role(t) & kCue) && mention_at_[t] == kNone) return kNone;
    int32_t m = mention_at_[t];
    if (m == kNone) continue;
    uint32_t start = doc_.mentions[m].first_token;
    if (start > s.first_token && (role(start - 1) & kPrep)) {
      t = start;
      continue;
    }
    return doc_.mentions[m].entity;
  }
  return kNone;
}

// Who is responsible: the subject of an active verb, the agent of a passive
// one ("killed by X"), or the owner of the attack it happened in ("killed amid
// Israel's siege").
int32_t Scan::actor_of(const Reading& r, const Sentence& s) const {
  if (r.active) return subject_before(r.verb_begin, s);
  if (!r.after_verb) return kNone;
  for (uint32_t t = r.verb_end; t < s.end_token && t < r.verb_end + 3; ++t) {
    if (!is(t, "by")) continue;
    for (uint32_t u = t + 1; u < s.end_token && u < t + 5; ++u)
      if (int32_t e = entity_at(u); e != kNone) return e;
    return kNone;
  }
  for (uint32_t t = r.verb_end; t < s.end_token && t < r.verb_end + 4; ++t) {
    if (!(is(t, "in") || is(t, "amid") || is(t, "during") || is(t, "by"))) continue;
    for (uint32_t u = t + 1; u < s.end_token && u < t + 4; ++u) {
      int32_t m = mention_at_[u];
      if (m == kNone) continue;
      uint32_t after = doc_.mentions[m].end_token;
      if (after < s.end_token && kind(after) == TokenKind::kClitic) ++after;
      while (after < s.end_token && after < doc_.mentions[m].end_token + 4 && !(role(after) & kAttack) &&
             wordlike(after) && !(role(after) & kStop))
        ++after;
      if (after < s.end_token && (role(after) & kAttack)) return doc_.mentions[m].entity;
      break;
    }
    break;
  }
  return kNone;
}

// When: the time expression of its sentence nearest to it; else the
// publication date for a running figure ("have been killed"); else unknown.
std::string Scan::date_of(const Reading& r, const Sentence& s) const {
  const uint32_t sb = doc_.tokens[s.first_token].begin, se = doc_.tokens[s.end_token - 1].end;
  const uint32_t cb = doc_.tokens[r.first].begin, ce = doc_.tokens[r.last].end;
  const TimeExpression* best = nullptr;
  uint32_t best_distance = UINT32_MAX;
  // Times are in text order: start at the sentence's first by binary search,
  // so a long article costs no more per claim than a short one.
  auto first = std::lower_bound(doc_.times.begin(), doc_.times.end(), sb,
                                [](const TimeExpression& t, uint32_t b) { return t.span.begin < b; });
  for (auto it = first; it != doc_.times.end() && it->span.begin < se; ++it) {
    const TimeExpression& t = *it;
    if (t.span.end > se || t.value.empty()) continue;
    if (t.value[0] == 'P' || t.value.find("XX") != std::string::npos) continue;  // durations and sets
    uint32_t d = t.span.end <= cb ? cb - t.span.end : t.span.begin >= ce ? t.span.begin - ce : 0;
    if (d < best_distance) {
      best = &t;
      best_distance = d;
    }
  }
  if (best) return best->value;
  if (r.current) return doc_.article.date;
  return {};
}

void Scan::emit(const Figure& f, const Reading& r, const Sentence& s, std::vector<Found>& out) const {
  Claim c;
  uint32_t first = std::min(r.first, f.begin), last = std::max(r.last, f.end - 1);
  c.span = ByteSpan{doc_.tokens[first].begin, doc_.tokens[last].end};
  c.kind = r.kind;
  c.value = f.value;
  c.qualifier = f.qualifier;
  if (!f.hedged && r.kind != "quantity") {
    // "police estimated the crowd at 6,000": an estimate without a hedge of its own.
    for (uint32_t t = f.begin > s.first_token + 6 ? f.begin - 6 : s.first_token; t < f.begin; ++t)
      if (role(t) & kEstimate) c.qualifier = Qualifier::kAbout;
  }
  c.unit = r.unit;
  c.source = source_of(c.span, first, last, s);
  c.actor = actor_of(r, s);
  c.date = date_of(r, s);
  out.push_back({std::move(c), first < title_end_});
}

void Scan::sentence(const Sentence& s, std::vector<Found>& out) {
  for (uint32_t i = s.first_token; i < s.end_token; ++i) {
    TokenKind k = kind(i);
    uint8_t trig = 0;
    if (k == TokenKind::kWord) {
      std::string_view word = w_[i];
      trig = lex_.trigger(word);
      if (!trig && word.find('-') != std::string_view::npos)
        trig = lex_.trigger(word.substr(0, word.find('-')));  // twenty-five
    }
    Figure f;
    Reading r;
    if (k == TokenKind::kNumber || (trig & kStartsNumber)) {
      if (read_figure(i, s, f)) {
        if (kind_of(f, s, r)) emit(f, r, s, out);
        i = std::max(i, f.end - 1);
        continue;
      }
    }
    if ((trig & kSingularVerb) && singular(i, s, f, r)) emit(f, r, s, out);
  }
}

}  // namespace
}  // namespace claims

ClaimFinder::ClaimFinder(const std::string& data_dir) : lexicon_(claims::ClaimLexicon::load(data_dir)) {}

ClaimFinder::~ClaimFinder() = default;

void ClaimFinder::run(Document& doc) const {
  using claims::Scan;
  doc.claims.clear();
  if (doc.tokens.empty()) return;
  Scan scan(doc, *lexicon_);
  std::vector<Scan::Found> found;
  for (const Sentence& s : doc.sentences)
    if (s.first_token < s.end_token) scan.sentence(s, found);
  // One claim per kind and value: a figure repeated (headline and body, or
  // twice in the body) is one claim, taken from its first mention in the body.
  std::vector<bool> keep(found.size(), true);
  for (size_t a = 0; a < found.size(); ++a) {
    if (!keep[a]) continue;
    for (size_t b = a + 1; b < found.size(); ++b) {
      if (!keep[b] || found[b].claim.kind != found[a].claim.kind || found[b].claim.value != found[a].claim.value)
        continue;
      if (found[a].in_title && !found[b].in_title) {
        keep[a] = false;
        break;
      }
      keep[b] = false;
    }
  }
  for (size_t a = 0; a < found.size(); ++a)
    if (keep[a]) doc.claims.push_back(std::move(found[a].claim));
}

}  // namespace sitrep
