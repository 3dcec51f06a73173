#include "entities/noun_phrases.h"

#include <string_view>

namespace sitrep {

namespace {

bool is_noun(Pos p) { return p == Pos::kNN || p == Pos::kNNS; }
bool is_name(Pos p) { return p == Pos::kNNP || p == Pos::kNNPS; }
bool is_adjective(Pos p) { return p == Pos::kJJ || p == Pos::kJJR || p == Pos::kJJS; }

bool equals_lower(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

template <size_t N>
bool one_of(std::string_view w, const std::string_view (&words)[N]) {
  for (std::string_view x : words)
    if (equals_lower(w, x)) return true;
  return false;
}

// The determiner a word opens a phrase with, if it is one. Closed classes of
// English grammar, not lexicon facts.
bool determiner_of(std::string_view w, Pos pos, Determiner& d) {
  static constexpr std::string_view kDefinite[] = {"the"};
  static constexpr std::string_view kDemonstrative[] = {"this", "that", "these", "those"};
  static constexpr std::string_view kIndefinite[] = {"a", "an", "another", "any", "each", "every", "no"};
  static constexpr std::string_view kQuantifier[] = {"most", "many", "several", "few", "all", "both", "some",
                                                     "more", "other", "various", "numerous"};
  if (pos == Pos::kPRPS) {
    d = Determiner::kPossessive;
    return true;
  }
  if (one_of(w, kDefinite)) d = Determiner::kDefinite;
  else if (one_of(w, kDemonstrative)) d = Determiner::kDemonstrative;
  else if (one_of(w, kIndefinite)) d = Determiner::kIndefinite;
  else if (one_of(w, kQuantifier)) d = Determiner::kQuantified;
  else if (pos == Pos::kCD) d = Determiner::kQuantified;
  else return false;
  return true;
}

}  // namespace

std::vector<NounPhrase> chunk_noun_phrases(const Document& doc, uint32_t first, uint32_t end,
                                           const std::vector<char>* common_noun) {
  std::vector<NounPhrase> out;
  const auto& toks = doc.tokens;
  if (doc.pos.size() != toks.size()) return out;
  uint32_t i = first;
  bool after_possessive = false;
  uint32_t possessor_first = first;
  while (i < end) {
    const Token& tok = toks[i];
    const Pos pos = doc.pos[i];
    if (tok.kind != TokenKind::kWord && tok.kind != TokenKind::kAbbrev && tok.kind != TokenKind::kNumber) {
      after_possessive = false;
      ++i;
      continue;
    }
    // "at least 30 people": the adverb is no part of the phrase.
    if (i > first && (equals_lower(doc.text_of(tok), "least") || equals_lower(doc.text_of(tok), "most")) &&
        equals_lower(doc.text_of(toks[i - 1]), "at")) {
      ++i;
      continue;
    }
    // A gerund with its object ("supplying engines") is a clause, not a phrase.
    if (pos == Pos::kVBG && !after_possessive) {
      ++i;
      continue;
    }
    NounPhrase np;
    np.first = i;
    np.outer_first = after_possessive ? possessor_first : i;
    np.determiner = after_possessive ? Determiner::kPossessive : Determiner::kBare;
    uint32_t j = i;
    Determiner d;
    if (determiner_of(doc.text_of(tok), pos, d)) {
      if (!after_possessive) np.determiner = d;
      ++j;
      // "all the markets", "one of" is not a phrase: a second determiner may follow a quantifier.
      if (j < end && d == Determiner::kQuantified && determiner_of(doc.text_of(toks[j]), doc.pos[j], d) &&
          d != Determiner::kQuantified)
        ++j;
    }
    after_possessive = false;
    bool seen_noun = false;
    int32_t head = -1;
    uint32_t k = j;
    while (k < end) {
      const Token& t = toks[k];
      Pos p = doc.pos[k];
      if (common_noun != nullptr && (*common_noun)[k] == 1) p = p == Pos::kNNPS ? Pos::kNNS : Pos::kNN;
      if (t.kind == TokenKind::kWord || t.kind == TokenKind::kAbbrev || t.kind == TokenKind::kNumber) {
        if (is_noun(p)) {
          seen_noun = true;
          head = static_cast<int32_t>(k);
          // A known plural noun before an unknown singular one is a subject
          // before its verb ("Markets rally", "Shares fall"), not a compound.
          if (p == Pos::kNNS && common_noun != nullptr && (*common_noun)[k] && k + 1 < end &&
              doc.pos[k + 1] == Pos::kNN && !(*common_noun)[k + 1]) {
            ++k;
            break;
          }
        } else if (is_name(p) || p == Pos::kCD) {
          // A name or a number after the nouns is no part of the phrase:
          // "aircraft maker Boeing", "awarding 23 contracts".
          if (seen_noun) break;
          np.has_name = np.has_name || is_name(p);
        } else if (!seen_noun &&
                   (is_adjective(p) || p == Pos::kRBS || ((p == Pos::kVBN || p == Pos::kVBG) && k > i))) {
          // Premodifiers come before the nouns; a participle opening the
          // phrase is a verb with its object ("arrested 37 people").
        } else {
          break;
        }
        ++k;
        continue;
      }
      break;
    }
    if (head >= 0) {
      np.head = static_cast<uint32_t>(head);
      np.end = np.head + 1;
      np.plural = doc.pos[np.head] == Pos::kNNS || doc.pos[np.head] == Pos::kNNPS;
      // "12 aircraft": a number other than one makes an invariant noun plural.
      if (doc.pos[np.first] == Pos::kCD && !equals_lower(doc.text_of(toks[np.first]), "one") &&
          doc.text_of(toks[np.first]) != "1")
        np.plural = true;
      // "that" before a plural ("said that senior officials") is a conjunction.
      if (np.determiner == Determiner::kDemonstrative && j == i + 1) {
        std::string_view word = doc.text_of(tok);
        bool plural_det = equals_lower(word, "these") || equals_lower(word, "those");
        if (plural_det != np.plural) {
          np.first = j;
          np.outer_first = j;
          np.determiner = Determiner::kBare;
        }
      }
      out.push_back(np);
    }
    uint32_t next = k > i ? k : i + 1;
    // A possessive ’s: the phrase after it is determined by this one.
    if (next < end && toks[next].kind == TokenKind::kClitic) {
      std::string_view c = doc.text_of(toks[next]);
      if (c == "'s" || c == "’s" || c == "'" || c == "’") {
        after_possessive = true;
        possessor_first = np.outer_first;
        ++next;
      }
    }
    i = next;
  }
  return out;
}

}  // namespace sitrep
