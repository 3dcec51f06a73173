#include "sitrep/document.h"

namespace sitrep {

std::string_view Document::text_of(const Sentence& s) const {
  if (s.first_token >= s.end_token || s.end_token > tokens.size()) return {};
  return text_of(ByteSpan{tokens[s.first_token].begin, tokens[s.end_token - 1].end});
}

uint32_t Document::headline_end() const {
  if (article.title.empty() || paragraphs.empty()) return 0;
  const Paragraph& p = paragraphs[0];
  if (p.first_token >= p.end_token || p.end_token > tokens.size()) return 0;
  return text_of(ByteSpan{tokens[p.first_token].begin, tokens[p.end_token - 1].end}) == article.title ? p.end_token
                                                                                                   : 0;
}

std::string_view to_string(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "PERSON";
    case EntityType::kOrg: return "ORG";
    case EntityType::kGpe: return "GPE";
    case EntityType::kLoc: return "LOC";
    case EntityType::kNorp: return "NORP";
    case EntityType::kFac: return "FAC";
    case EntityType::kEvent: return "EVENT";
    case EntityType::kProduct: return "PRODUCT";
    case EntityType::kFinancial: return "FINANCIAL";
    case EntityType::kOther: return "OTHER";
  }
  return "OTHER";
}

std::string_view to_string(AttributionKind k) {
  switch (k) {
    case AttributionKind::kAssertion: return "assertion";
    case AttributionKind::kBelief: return "belief";
    case AttributionKind::kIntention: return "intention";
    case AttributionKind::kKnowledge: return "knowledge";
    case AttributionKind::kDenial: return "denial";
  }
  return "assertion";
}

std::string_view to_string(Pos p) {
  static constexpr std::string_view kNames[] = {
      "UNK", "CC", "CD",  "DT",   "EX",  "FW", "IN",  "JJ",  "JJR", "JJS", "LS",  "MD",  "NN",
      "NNS", "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP",  "SYM", "TO",
      "UH",  "VB",  "VBD",  "VBG", "VBN", "VBP", "VBZ", "WDT", "WP",  "WP$", "WRB", "PUNCT"};
  auto i = static_cast<size_t>(p);
  return i < std::size(kNames) ? kNames[i] : "UNK";
}

std::string_view to_string(MentionKind k) {
  switch (k) {
    case MentionKind::kName: return "name";
    case MentionKind::kNominal: return "nominal";
    case MentionKind::kPronoun: return "pronoun";
  }
  return "name";
}

std::string_view to_string(TokenKind k) {
  switch (k) {
    case TokenKind::kWord: return "word";
    case TokenKind::kNumber: return "number";
    case TokenKind::kAbbrev: return "abbrev";
    case TokenKind::kClitic: return "clitic";
    case TokenKind::kQuote: return "quote";
    case TokenKind::kPunct: return "punct";
    case TokenKind::kEllipsis: return "ellipsis";
    case TokenKind::kDash: return "dash";
    case TokenKind::kSymbol: return "symbol";
    case TokenKind::kUrl: return "url";
  }
  return "word";
}

std::string_view to_string(Qualifier q) {
  switch (q) {
    case Qualifier::kExact: return "exact";
    case Qualifier::kOver: return "over";
    case Qualifier::kUnder: return "under";
    case Qualifier::kAbout: return "about";
  }
  return "exact";
}

std::string_view to_string(Modality m) {
  switch (m) {
    case Modality::kAsserted: return "asserted";
    case Modality::kIntended: return "intended";
    case Modality::kThreatened: return "threatened";
    case Modality::kHypothetical: return "hypothetical";
  }
  return "asserted";
}

}  // namespace sitrep

namespace sitrep {

namespace {

constexpr std::string_view kUposNames[] = {"X",    "ADJ",  "ADP",   "ADV",   "AUX",   "CCONJ", "DET",  "INTJ",  "NOUN",
                                           "NUM",  "PART", "PRON",  "PROPN", "PUNCT", "SCONJ", "SYM",  "VERB"};

constexpr std::string_view kDepRelNames[] = {
    "dep",        "acl",        "acl:relcl",   "advcl",       "advcl:relcl",  "advmod",     "amod",      "appos",
    "aux",        "aux:pass",   "case",        "cc",          "cc:preconj",   "ccomp",      "clf",       "compound",
    "compound:prt", "compound:redup", "conj",  "cop",         "csubj",        "csubj:outer", "csubj:pass", "det",
    "det:predet", "discourse",  "dislocated",  "expl",        "fixed",        "flat",       "flat:foreign", "goeswith",
    "iobj",       "list",       "mark",        "nmod",        "nmod:desc",    "nmod:npmod", "nmod:poss", "nmod:tmod",
    "nmod:unmarked", "nsubj",   "nsubj:outer", "nsubj:pass",  "nummod",       "obj",        "obl",       "obl:agent",
    "obl:npmod",  "obl:tmod",   "obl:unmarked", "orphan",     "parataxis",    "punct",      "reparandum", "root",
    "vocative",   "xcomp"};
static_assert(std::size(kDepRelNames) == kDepRels);
static_assert(std::size(kUposNames) == static_cast<size_t>(Upos::kVERB) + 1);

}  // namespace

std::string_view to_string(Upos u) {
  auto i = static_cast<size_t>(u);
  return i < std::size(kUposNames) ? kUposNames[i] : "X";
}

std::string_view to_string(DepRel r) {
  auto i = static_cast<size_t>(r);
  return i < std::size(kDepRelNames) ? kDepRelNames[i] : "dep";
}

bool parse_upos(std::string_view name, Upos& out) {
  for (size_t i = 0; i < std::size(kUposNames); ++i) {
    if (kUposNames[i] == name) {
      out = static_cast<Upos>(i);
      return true;
    }
  }
  return false;
}

bool parse_deprel(std::string_view name, DepRel& out) {
  for (size_t i = 0; i < std::size(kDepRelNames); ++i) {
    if (kDepRelNames[i] == name) {
      out = static_cast<DepRel>(i);
      return true;
    }
  }
  size_t colon = name.find(':');
  return colon != std::string_view::npos && parse_deprel(name.substr(0, colon), out);
}

}  // namespace sitrep
