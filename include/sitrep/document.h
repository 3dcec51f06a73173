// sitrep/document.h: the article and its annotation layers.
//
// A Document owns the article text and one vector per annotation layer. Items
// are plain structs that refer to the text by byte range and to each other by
// index into another layer (kNone where there is nothing to point at), never by
// pointer, so a Document can be moved, copied and written without fix-ups.
// Code-point offsets, which the output record uses, are computed only when the
// record is written (see record.h).
//
//   sitrep::Document doc(std::move(article));
//   pipeline.run(doc);
//   for (const sitrep::Token& t : doc.tokens) std::cout << doc.text_of(t) << '\n';
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// An index into another layer; kNone means "no such item".
inline constexpr int32_t kNone = -1;

// A half-open byte range [begin, end) over Document::text.
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

// What a reader produces: one news article.
struct Article {
  std::string id;     // file stem, the JSONL "id", or a hash of the URL or text
  std::string url;    // may be empty
  std::string title;  // may be empty
  std::string date;   // publication date YYYY-MM-DD, or empty when unknown
  std::string text;   // the text that offsets refer to (valid UTF-8)
  std::string origin; // where it came from, for messages: "file", "file:line", "-"
};

enum class TokenKind : uint8_t {
  kWord,      // letters/digits, with internal hyphens and apostrophes (well-known, O’Brien)
  kNumber,    // 34,000  3.5  2023-10-07  10:30  (starts with a digit)
  kAbbrev,    // Maj.  U.S.  J.  Jan.  (the period is part of the token)
  kClitic,    // ’s 's n't ’re ’ll ’ve ’d ’m
  kQuote,     // " ' “ ” ‘ ’ « » „ ‹ › `
  kPunct,     // . , ; : ! ? ( ) [ ] { } / and runs such as ?!
  kEllipsis,  // ... …
  kDash,      // — – -- and a free-standing hyphen
  kSymbol,    // $ € £ % & + = # @ and other symbols, emoji
  kUrl,       // http://…, www.…, name@example.org
};

// Token flags, set by the tokeniser.
enum TokenFlag : uint8_t {
  kSpaceBefore = 1 << 0,      // white space precedes the token
  kParagraphStart = 1 << 1,   // first token of a paragraph
  kOpening = 1 << 2,          // a quote or bracket that opens
  kClosing = 1 << 3,          // a quote or bracket that closes
  kUpperInitial = 1 << 4,     // first letter is upper case
  kAllUpper = 1 << 5,         // every letter is upper case (at least two letters)
};

struct Token {
  uint32_t begin = 0;  // byte offsets into Document::text
  uint32_t end = 0;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
  bool has(TokenFlag f) const { return (flags & f) != 0; }
};

// Penn Treebank part-of-speech tags, one per token (Document::pos).
// kPunct covers every punctuation tag (. , : `` '' -LRB- -RRB- # $).
enum class Pos : uint8_t {
  kUnknown, kCC, kCD, kDT, kEX, kFW, kIN, kJJ, kJJR, kJJS, kLS, kMD, kNN, kNNS, kNNP, kNNPS, kPDT, kPOS,
  kPRP, kPRPS, kRB, kRBR, kRBS, kRP, kSYM, kTO, kUH, kVB, kVBD, kVBG, kVBN, kVBP, kVBZ, kWDT, kWP, kWPS,
  kWRB, kPunct,
};

// Universal part-of-speech tags of Universal Dependencies (Document::upos).
enum class Upos : uint8_t {
  kX, kADJ, kADP, kADV, kAUX, kCCONJ, kDET, kINTJ, kNOUN, kNUM, kPART, kPRON, kPROPN, kPUNCT, kSCONJ, kSYM, kVERB,
};

// Universal Dependencies relations, with the subtypes English treebanks use
// (Document::relations). kRoot marks a sentence's root.
enum class DepRel : uint8_t {
  kDep, kAcl, kAclRelcl, kAdvcl, kAdvclRelcl, kAdvmod, kAmod, kAppos, kAux, kAuxPass, kCase, kCc, kCcPreconj,
  kCcomp, kClf, kCompound, kCompoundPrt, kCompoundRedup, kConj, kCop, kCsubj, kCsubjOuter, kCsubjPass,
  kDet, kDetPredet, kDiscourse, kDislocated, kExpl, kFixed, kFlat, kFlatForeign, kGoeswith, kIobj, kList,
  kMark, kNmod, kNmodDesc, kNmodNpmod, kNmodPoss, kNmodTmod, kNmodUnmarked, kNsubj, kNsubjOuter, kNsubjPass,
  kNummod, kObj, kObl, kOblAgent, kOblNpmod, kOblTmod, kOblUnmarked, kOrphan, kParataxis, kPunct, kReparandum,
  kRoot, kVocative, kXcomp,
};
inline constexpr size_t kDepRels = static_cast<size_t>(DepRel::kXcomp) + 1;

// Sentences and paragraphs are ranges of tokens [first_token, end_token).
struct Sentence {
  uint32_t first_token = 0;
  uint32_t end_token = 0;
  uint32_t paragraph = 0;
};

struct Paragraph {
  uint32_t first_token = 0;
  uint32_t end_token = 0;
};

// PRODUCT and FINANCIAL (stock indices, currencies) follow MEANTIME's news annotation.
enum class EntityType : uint8_t { kPerson, kOrg, kGpe, kLoc, kNorp, kFac, kEvent, kProduct, kFinancial, kOther };
enum class MentionKind : uint8_t { kName, kNominal, kPronoun };

// One span of text that refers to an entity.
struct Mention {
  ByteSpan span;
  MentionKind kind = MentionKind::kName;
  int32_t entity = kNone;  // index into Document::entities
  EntityType type = EntityType::kOther;
  uint32_t first_token = 0;  // tokens [first_token, end_token)
  uint32_t end_token = 0;
  int32_t lexicon_entry = kNone;  // the gazetteer entry it matched, if any
  ByteSpan title;                 // a title or role right before a name ("Major General")
  // A name the lists do not know, typed by the words around it ("fighting in
  // X": a place) rather than by a guess: its type outranks a guessed one's.
  bool typed_by_context = false;
};

struct Entity {
  EntityType type = EntityType::kOther;
  std::string name;        // canonical name (the longest full name)
  std::string actor_code;  // CAMEO-style, e.g. ISRMIL; empty when unknown
  std::string title;       // attributes: "Major General"
  std::string role;        // "head of military intelligence"
  std::string country;     // ISO alpha-3
  std::vector<int32_t> mentions;  // indices into Document::mentions, in text order
  // Not in the record; used to resolve descriptions and pronouns.
  std::string kind;   // the lexicon's kind: country, city, company, armed_group...
  char gender = 0;    // 'm', 'f' or 0 when unknown
};

enum class QuoteKind : uint8_t { kDirect, kPartial };

struct Quote {
  ByteSpan span;               // the words inside the marks
  int32_t speaker = kNone;     // entity index
  ByteSpan cue;                // the cue word ("said"); empty when none
  QuoteKind kind = QuoteKind::kDirect;
};

// What an attribution attributes: what the source says, believes, intends,
// knows, or denies (the kind of its cue: data/attribution_cues.tsv).
enum class AttributionKind : uint8_t { kAssertion, kBelief, kIntention, kKnowledge, kDenial };

struct ReportedSpeech {
  ByteSpan span;  // the reported content
  // The content's second part when the attribution splits it ("The talks,
  // diplomats said, were close to collapse": span "The talks", part "were
  // close to collapse"); empty otherwise.
  ByteSpan part;
  int32_t speaker = kNone;
  ByteSpan cue;
  AttributionKind kind = AttributionKind::kAssertion;
};

enum class Qualifier : uint8_t { kExact, kOver, kUnder, kAbout };

struct Claim {
  ByteSpan span;
  std::string kind;   // killed, injured, hostages, arrested, displaced, missing, quantity ...
  double value = 0;
  Qualifier qualifier = Qualifier::kExact;
  std::string unit;   // "people", "Palestinians"
  int32_t source = kNone;  // who the figure is attributed to
  int32_t actor = kNone;   // who is responsible
  std::string date;        // YYYY-MM-DD or TIMEX3 value; empty when unknown
};

// A mention that only exhaustive output lists (RecordOptions::mentions ==
// MentionDetail::kAll) and no later stage reads: a proper adjective of a
// country ("Japanese stocks"), a role before a name ("Apple CEO Steve Jobs"),
// a noun phrase for a thing the article names once ("the world").
struct AsideMention {
  Mention mention;  // mention.entity indexes Document::entities, or aside_entities when `own`
  bool own = false;
};

struct TimeExpression {
  ByteSpan span;
  std::string value;  // TIMEX3-style: 2023-10-07, 2023, 2024-W16-WE, PRESENT_REF
};

enum class Modality : uint8_t { kAsserted, kIntended, kThreatened, kHypothetical };

struct Event {
  int32_t source = kNone;
  int32_t target = kNone;
  std::string cameo;   // "190", "08"
  std::string plover;  // "ASSAULT"
  bool negated = false;
  Modality modality = Modality::kAsserted;
  std::string date;
  ByteSpan trigger;
};

// The tone of an article (kToneLayer): GDELT's V1.5TONE fields. Scores are
// percentages of the article's words (`words`): a tone word counts with the
// weight VADER's rules give it relative to its own lexicon valence (1 as it
// stands; more when boosted or in capitals, less before "but"; 0.74 towards
// the other side when negated), as GDELT counts positive and negative words.
struct ArticleTone {
  double tone = 0;        // positive - negative, -100 .. +100 (news is mostly within -10 .. +10)
  double positive = 0;    // positive score
  double negative = 0;    // negative score (a positive number)
  double polarity = 0;    // words carrying any tone, % of words: how charged the text is
  double activity = 0;    // activity reference density: content verbs (not be, have, do, modals), % of words
  double self_group = 0;  // self/group reference density: personal and possessive pronouns, % of words
  uint32_t words = 0;     // word count: words, numbers and abbreviations (not punctuation)
};

// The tone toward one entity (kToneLayer; Document::entity_tones, parallel to
// `entities`). VADER compound scores, -1 .. +1, averaged over sentences or
// quotes. Quoted and reported words are their speaker's stance, not the
// article's: `toward` reads the words of the entity's sentences outside quotes
// and reported speech; `stance` reads what the entity itself is quoted saying.
struct EntityTone {
  double toward = 0;       // the article's voice in the sentences that mention it
  uint32_t sentences = 0;  // how many sentences `toward` averages (0: every mention is quoted)
  double stance = 0;       // its own quotes and reported speech
  uint32_t quotes = 0;     // how many `stance` averages
};

// A problem found while reading or annotating one article. Recoverable input
// problems are values, not exceptions: they travel with the document.
struct Diagnostic {
  enum class Severity : uint8_t { kWarning, kError };
  Severity severity = Severity::kWarning;
  std::string message;
};

class Document {
 public:
  Document() = default;
  explicit Document(Article a) : article(std::move(a)) {}

  Article article;

  std::vector<Token> tokens;
  // Tags layer: one entry per token, parallel to `tokens`.
  std::vector<Pos> pos;
  // The lemma of each token ("resigned" → "resign"), lower case; a view into
  // the text or into the lemmatiser's own storage, which outlives documents.
  std::vector<std::string_view> lemmas;
  // Universal tags and the treebank's own Penn tags ("HYPH", "-LRB-", where
  // `pos` has kPunct), parallel to `tokens` when the tagger gives them (the
  // learnt tagger does, the HMM tagger not); a tag is a view into the
  // tagger's label names, which outlive documents.
  std::vector<Upos> upos;
  std::vector<std::string_view> xpos;
  std::vector<Sentence> sentences;
  std::vector<Paragraph> paragraphs;
  // Syntax layer (kSyntaxLayer): a dependency tree per sentence, parallel to
  // `tokens`. heads[i] is the token index (in the document) of token i's
  // head, kNone for a sentence's root (relations[i] == DepRel::kRoot) and for
  // a token the parser left out; relations[i] is its relation to the head.
  // The queries later stages ask (subject, object, agent, passive, conjuncts)
  // are in syntax/syntax.h.
  std::vector<int32_t> heads;
  std::vector<DepRel> relations;
  // Name tags layer (kNameTagsLayer): the name model's label of each token,
  // parallel to `tokens` (entities/name_model.h: 0 outside a name, else the
  // position in a name and its type); the name finder reads them.
  std::vector<uint8_t> name_tags;
  // And its score for each label at each token (kNameLabels a token, in the
  // model's integer units), so that a caller can weigh a span it found itself.
  std::vector<int32_t> name_scores;
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
  // Exhaustive output only (see AsideMention): the mentions, and the things
  // of their own they name (mentions unused; the entity of an aside mention).
  // Coreference finds them only when `exhaustive_mentions` asks for them.
  bool exhaustive_mentions = false;
  std::vector<AsideMention> aside_mentions;
  std::vector<Entity> aside_entities;
  std::vector<Quote> quotes;
  std::vector<ReportedSpeech> reported;
  std::vector<Claim> claims;
  std::vector<TimeExpression> times;
  std::vector<Event> events;
  // Tone layer (kToneLayer), set when the tone stage ran (`has_tone`): the
  // article's tone, and the tone toward each entity, parallel to `entities`.
  bool has_tone = false;
  ArticleTone tone;
  std::vector<EntityTone> entity_tones;
  std::vector<Diagnostic> diagnostics;

  std::string_view text() const { return article.text; }
  std::string_view text_of(ByteSpan s) const {
    return std::string_view(article.text).substr(s.begin, s.end - s.begin);
  }
  std::string_view text_of(const Token& t) const { return text_of(ByteSpan{t.begin, t.end}); }
  // The text of a sentence, from its first token to its last.
  std::string_view text_of(const Sentence& s) const;
  // The token after the headline: the end of the first paragraph when it is
  // the article's title, else 0 (no headline in the text).
  uint32_t headline_end() const;
  // A mention over tokens [b, e): its span, kind, entity and type.
  Mention mention_over(size_t b, size_t e, MentionKind kind, int32_t entity, EntityType type) const {
    Mention m;
    m.span = {tokens[b].begin, tokens[e - 1].end};
    m.kind = kind;
    m.entity = entity;
    m.type = type;
    m.first_token = static_cast<uint32_t>(b);
    m.end_token = static_cast<uint32_t>(e);
    return m;
  }

  void warn(std::string message) {
    diagnostics.push_back({Diagnostic::Severity::kWarning, std::move(message)});
  }
};

std::string_view to_string(EntityType t);
std::string_view to_string(AttributionKind k);  // "assertion", "belief", ...
std::string_view to_string(Pos p);  // "NNP", "VBD", "PUNCT"
std::string_view to_string(MentionKind k);
std::string_view to_string(TokenKind k);
std::string_view to_string(Qualifier q);
std::string_view to_string(Upos u);    // "PROPN"
std::string_view to_string(DepRel r);  // "nsubj:pass"
// Parses a tag or relation name; false when it is none. A relation subtype
// sitrep does not list parses as its universal relation ("obl:xyz" -> obl).
bool parse_upos(std::string_view name, Upos& out);
bool parse_deprel(std::string_view name, DepRel& out);
std::string_view to_string(Modality m);

}  // namespace sitrep
