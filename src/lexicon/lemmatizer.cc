#include "lexicon/lemmatizer.h"

#include "lexicon/tagger.h"

namespace sitrep {

namespace {

constexpr size_t kMaxWord = 64;

[[noreturn]] void fail(const TsvTable& t, size_t row, const std::string& what) {
  throw TsvError(t.path + ":" + std::to_string(t.line_numbers[row]) + ": " + what);
}

int part_of_speech(const TsvTable& t, size_t row, std::string_view letter) {
  static constexpr std::string_view kLetters = "nvar";
  size_t i = letter.size() == 1 ? kLetters.find(letter[0]) : std::string_view::npos;
  if (i == std::string_view::npos)
    fail(t, row, "part of speech '" + std::string(letter) + "' is not one of n v a r");
  return static_cast<int>(i);
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

}  // namespace

std::unique_ptr<Lemmatizer> Lemmatizer::load(const std::string& data_dir) {
  return std::make_unique<Lemmatizer>(load_tsv(data_dir + "/lemma_exceptions.tsv"),
                                      load_tsv(data_dir + "/wordnet_lemmas.tsv"),
                                      load_tsv(data_dir + "/morphy_rules.tsv"),
                                      load_tsv(data_dir + "/pos_lexicon.tsv"));
}

Lemmatizer::Lemmatizer(const TsvTable& exceptions, const TsvTable& lemmas, const TsvTable& rules,
                       const TsvTable& vocabulary) {
  const size_t cl = lemmas.column("lemma"), cp = lemmas.column("pos");
  words_.reserve(lemmas.rows.size() + vocabulary.rows.size());
  for (size_t r = 0; r < lemmas.rows.size(); ++r) {
    uint8_t mask = 0;
    std::string_view parts = lemmas.rows[r][cp];
    while (!parts.empty()) {
      size_t bar = parts.find('|');
      mask |= 1u << part_of_speech(lemmas, r, parts.substr(0, bar));
      parts = bar == std::string_view::npos ? std::string_view() : parts.substr(bar + 1);
    }
    words_[lemmas.rows[r][cl]] |= mask;
  }
  const size_t cw = vocabulary.column("word");
  for (const auto& row : vocabulary.rows) words_.try_emplace(row[cw], 0);

  const size_t cf = exceptions.column("form"), ce = exceptions.column("lemma"), cx = exceptions.column("pos");
  for (size_t r = 0; r < exceptions.rows.size(); ++r) {
    int pos = part_of_speech(exceptions, r, exceptions.rows[r][cx]);
    words_.try_emplace(exceptions.rows[r][ce], uint8_t{0});
    const std::string_view lemma = words_.find_entry(exceptions.rows[r][ce])->first;
    // The first lemma listed for a form is the usual one (better/a → good).
    exceptions_[pos].try_emplace(exceptions.rows[r][cf], lemma);
  }

  const size_t rp = rules.column("pos"), rs = rules.column("suffix"), re = rules.column("ending");
  for (size_t r = 0; r < rules.rows.size(); ++r) {
    int pos = part_of_speech(rules, r, rules.rows[r][rp]);
    std::string suffix = rules.rows[r][rs];
    bool undouble = !suffix.empty() && suffix[0] == '*';
    if (undouble) suffix.erase(0, 1);
    if (suffix.empty()) fail(rules, r, "empty suffix");
    rules_[pos].push_back({suffix, rules.rows[r][re], undouble});
  }
}

// `candidate` when WordNet knows it as a `pos` lemma: preferably as a view into
// `word` (the token), else into storage; empty when unknown.
std::string_view Lemmatizer::known(std::string_view word, std::string_view candidate, PartOfSpeech pos) const {
  const auto* e = words_.find_entry(candidate);
  if (!e || !(e->second & (1u << pos))) return {};
  if (word.starts_with(candidate)) return word.substr(0, candidate.size());
  return e->first;
}

std::string_view Lemmatizer::exception(std::string_view lower, PartOfSpeech pos) const {
  const std::string_view* lemma = exceptions_[pos].find(lower);
  return lemma ? *lemma : std::string_view();
}

std::string_view Lemmatizer::morphy(std::string_view word, std::string_view lower, PartOfSpeech pos) const {
  if (std::string_view e = exception(lower, pos); !e.empty()) return e;
  char buf[kMaxWord];
  for (const Rule& rule : rules_[pos]) {
    if (!lower.ends_with(rule.suffix)) continue;
    size_t stem = lower.size() - rule.suffix.size();
    if (rule.undouble) {
      // planned → plan: a doubled consonant before the suffix.
      if (stem < 3 || lower[stem - 1] != lower[stem - 2] || is_vowel(lower[stem - 1])) continue;
      --stem;
    }
    if (stem == 0 || stem + rule.ending.size() > sizeof buf) continue;
    lower.copy(buf, stem);
    rule.ending.copy(buf + stem, rule.ending.size());
    if (std::string_view k = known(word, std::string_view(buf, stem + rule.ending.size()), pos); !k.empty())
      return k;
  }
  return {};
}

// The word in lower case: itself when it already is, else a stored copy, else
// (a word in no lexicon) as written.
std::string_view Lemmatizer::lower_case(std::string_view word, std::string_view lower) const {
  if (word == lower) return word;
  const auto* e = words_.find_entry(lower);
  return e ? e->first : word;
}

std::string_view Lemmatizer::lemma(std::string_view word, Pos tag) const {
  switch (tag) {
    case Pos::kPOS: case Pos::kCD: case Pos::kPunct: case Pos::kSYM: case Pos::kNNP:
      return word;
    default:
      break;
  }
  char buf[kMaxWord];
  const size_t n = fold_for_lookup(word, buf, sizeof buf);
  if (n == 0) return word;
  const std::string_view lower(buf, n);
  std::string_view found;
  switch (tag) {
    case Pos::kNNS:
      found = morphy(word, lower, kNoun);
      break;
    case Pos::kNNPS: {
      // Palestinians → Palestinian, keeping the capital: only endings that
      // leave a prefix of the word.
      std::string_view stem = morphy(word, lower, kNoun);
      if (!stem.empty() && word.size() > stem.size()) {
        std::string_view prefix = word.substr(0, stem.size());
        if (lower.starts_with(stem)) return prefix;
      }
      return word;
    }
    case Pos::kVBD: case Pos::kVBG: case Pos::kVBN: case Pos::kVBZ:
      found = morphy(word, lower, kVerb);
      break;
    case Pos::kVB: case Pos::kVBP: case Pos::kMD:
      found = exception(lower, kVerb);
      break;
    case Pos::kJJR: case Pos::kJJS:
      found = morphy(word, lower, kAdjective);
      break;
    case Pos::kRBR: case Pos::kRBS:
      found = exception(lower, kAdverb);
      if (found.empty()) found = morphy(word, lower, kAdjective);
      break;
    case Pos::kRB:
      found = exception(lower, kAdverb);  // n't → not
      break;
    default:
      break;
  }
  return found.empty() ? lower_case(word, lower) : found;
}

void Lemmatizer::run(Document& doc) const {
  doc.lemmas.resize(doc.tokens.size());
  const bool tagged = doc.pos.size() == doc.tokens.size();
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    const std::string_view text = doc.text_of(t);
    switch (t.kind) {
      case TokenKind::kWord: case TokenKind::kAbbrev: case TokenKind::kClitic:
        doc.lemmas[i] = lemma(text, tagged ? doc.pos[i] : Pos::kUnknown);
        break;
      default:
        doc.lemmas[i] = text;  // numbers, punctuation, symbols, URLs
        break;
    }
  }
}

}  // namespace sitrep
