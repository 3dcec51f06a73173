// Loading the claims lexicon (claim_lexicon.h) from data/number_words.tsv and
// data/claim_{kinds,hedges,units,words}.tsv, with file:line errors.
#include <cstdint>
#include <string>
#include <vector>

#include "claims/claim_lexicon.h"
#include "core/tsv.h"
#include "text/abbreviations.h"
#include "text/tokenizer.h"

namespace sitrep::claims {
namespace {


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

}  // namespace sitrep::claims
