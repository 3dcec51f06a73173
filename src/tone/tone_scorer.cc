#include "tone/tone_scorer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "text/chars.h"

namespace sitrep {

namespace {

// VADER's empirically derived constants (vaderSentiment.py).
constexpr float kNegationScalar = -0.74f;  // N_SCALAR
constexpr float kCapsStep = 0.733f;        // C_INCR
constexpr float kBeforeBut = 0.5f, kAfterBut = 1.5f;
constexpr float kNeverSo = 1.25f;          // "never so good", "never this bad"
constexpr double kExclamationStep = 0.292, kQuestionStep = 0.18, kQuestionMost = 0.96;
constexpr double kNormalisingAlpha = 15;

// The closed-class words VADER's rules name.
enum class Special : uint8_t { kNone, kBut, kLeast, kAt, kVery, kNever, kSo, kThis, kNo, kOr, kNor, kKind, kOf,
                               kWithout, kDoubt };

Special special(std::string_view w) {
  static constexpr std::pair<std::string_view, Special> kWords[] = {
      {"but", Special::kBut},   {"least", Special::kLeast}, {"at", Special::kAt},     {"very", Special::kVery},
      {"never", Special::kNever}, {"so", Special::kSo},     {"this", Special::kThis}, {"no", Special::kNo},
      {"or", Special::kOr},     {"nor", Special::kNor},     {"kind", Special::kKind}, {"of", Special::kOf},
      {"without", Special::kWithout}, {"doubt", Special::kDoubt}};
  if (w.size() > 7) return Special::kNone;
  for (auto [word, s] : kWords)
    if (w == word) return s;
  return Special::kNone;
}

// One of VADER's words: a token of two characters or more, with its clitic.
struct Item {
  uint32_t token = 0;
  const ToneWord* word = nullptr;
  Special special = Special::kNone;
  bool upper = false;
  bool negation = false;
  float valence = 0;
  bool in_lexicon() const { return word && word->in_lexicon; }
};

bool word_like(TokenKind k) { return k == TokenKind::kWord || k == TokenKind::kNumber || k == TokenKind::kAbbrev; }

// The lower-case form of text[begin, end) into buf (curly apostrophes made
// straight); empty when it does not fit, as no lexicon word is that long.
std::string_view lower(std::string_view text, uint32_t begin, uint32_t end, char (&buf)[64]) {
  size_t n = 0;
  for (uint32_t i = begin; i < end; ++i) {
    if (n + 1 >= sizeof buf) return {};
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < end && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x99 || static_cast<unsigned char>(text[i + 2]) == 0x98)) {
      buf[n++] = '\'';
      i += 2;
      continue;
    }
    buf[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return std::string_view(buf, n);
}

double normalize(double sum) {
  const double score = sum / std::sqrt(sum * sum + kNormalisingAlpha);
  return std::clamp(score, -1.0, 1.0);
}

// "while", "whereas", "although", "though" (any case): a clause of contrast follows.
bool concessive(std::string_view w) {
  return equals_ascii_lower(w, "while") || equals_ascii_lower(w, "whereas") || equals_ascii_lower(w, "although") ||
         equals_ascii_lower(w, "though");
}

// Whether a new clause of contrast starts at token t of sentence s, for the
// tone toward an entity: after a semicolon, or at "but", or at "while",
// "whereas", "although", "though", "yet" or "however" after a comma ("A
// retook the bridge, while B lost a third of its fighters").
bool contrast_starts(const Document& doc, uint32_t t, const Sentence& s) {
  if (t <= s.first_token + 1 || t + 1 >= s.end_token) return false;
  const Token& prev = doc.tokens[t - 1];
  const Token& tok = doc.tokens[t];
  const bool after_punct = prev.kind == TokenKind::kPunct && prev.end == prev.begin + 1;
  if (after_punct && doc.text()[prev.begin] == ';') return true;
  // (most words are ruled out by their kind, length and first letter)
  if (tok.kind != TokenKind::kWord || tok.end - tok.begin < 3 || tok.end - tok.begin > 8) return false;
  const char first = static_cast<char>(doc.text()[tok.begin] | 0x20);
  if (first != 'b' && first != 'w' && first != 'a' && first != 't' && first != 'y' && first != 'h') return false;
  const std::string_view w = doc.text_of(tok);
  if (equals_ascii_lower(w, "but")) return true;
  if (!(after_punct && doc.text()[prev.begin] == ',')) return false;
  return concessive(w) || equals_ascii_lower(w, "yet") || equals_ascii_lower(w, "however");
}

bool is_verb(Pos p) {
  return p == Pos::kVB || p == Pos::kVBD || p == Pos::kVBG || p == Pos::kVBN || p == Pos::kVBP || p == Pos::kVBZ;
}

}  // namespace

namespace {

// VADER's compound score of the tokens t of [begin, end) for which keep(t).
template <typename Keep>
double compound_if(const Document& doc, const std::vector<float>& valences, size_t begin, size_t end, Keep keep) {
  double sum = 0;
  size_t exclamations = 0, questions = 0;
  for (size_t t = begin; t < end && t < valences.size(); ++t) {
    if (!keep(t)) continue;
    sum += valences[t];
    const Token& tok = doc.tokens[t];
    if (tok.kind != TokenKind::kPunct) continue;
    for (char c : doc.text_of(tok)) {
      exclamations += c == '!';
      questions += c == '?';
    }
  }
  double emphasis = kExclamationStep * static_cast<double>(std::min<size_t>(exclamations, 4));
  if (questions > 1) emphasis += questions <= 3 ? kQuestionStep * static_cast<double>(questions) : kQuestionMost;
  if (sum > 0) sum += emphasis;
  if (sum < 0) sum -= emphasis;
  return normalize(sum);
}

}  // namespace

struct ToneScorer::Totals {
  double positive = 0, negative = 0;  // words, weighted (ArticleTone)
  uint32_t charged = 0;               // words with any valence
  std::vector<Item> items;            // one sentence's words, reused
};

void ToneScorer::score(const Document& doc, std::vector<float>& valences, Totals& totals) const {
  valences.assign(doc.tokens.size(), 0.0f);
  const std::string_view text = doc.text();
  std::vector<Item>& items = totals.items;
  char buf[64];
  for (const Sentence& s : doc.sentences) {
    items.clear();
    size_t upper = 0;
    for (uint32_t t = s.first_token; t < s.end_token && t < doc.tokens.size(); ++t) {
      const Token& tok = doc.tokens[t];
      const bool clitic_next = t + 1 < s.end_token && doc.tokens[t + 1].kind == TokenKind::kClitic &&
                               !doc.tokens[t + 1].has(kSpaceBefore);
      if (!word_like(tok.kind) || (tok.end - tok.begin < 2 && !clitic_next)) continue;
      const uint32_t end = clitic_next ? doc.tokens[t + 1].end : tok.end;
      Item it;
      it.token = t;
      const std::string_view w = lower(text, tok.begin, end, buf);
      if (!w.empty()) {
        it.word = lexicon_->find(w);
        it.special = special(w);
        it.negation = (it.word && it.word->negation) || w.find("n't") != std::string_view::npos;
      }
      it.upper = tok.has(kAllUpper);
      upper += it.upper;
      items.push_back(it);
      if (clitic_next) ++t;
    }
    const size_t n = items.size();
    if (n == 0) continue;
    const bool cap_differential = upper > 0 && upper < n;
    auto is = [&](size_t i, Special sp) { return items[i].special == sp; };
    // scalar_inc_dec: what degree adverb `m` adds to a tone word of valence v.
    auto step = [&](const Item& m, float v) {
      if (!m.word || m.word->boost == 0) return 0.0f;
      float scalar = v < 0 ? -m.word->boost : m.word->boost;
      if (m.upper && cap_differential) scalar += v > 0 ? kCapsStep : -kCapsStep;
      return scalar;
    };
    size_t but = n;
    for (size_t i = 0; i < n; ++i) {
      Item& it = items[i];
      if (but == n && is(i, Special::kBut)) but = i;
      if ((it.word && it.word->boost != 0) || (is(i, Special::kKind) && i + 1 < n && is(i + 1, Special::kOf)))
        continue;
      if (!it.in_lexicon()) continue;
      const float listed = it.word->valence;
      float v = listed;
      // "no" before a tone word negates it rather than counting itself.
      if (is(i, Special::kNo) && i + 1 < n && items[i + 1].in_lexicon()) v = 0;
      if ((i > 0 && is(i - 1, Special::kNo)) || (i > 1 && is(i - 2, Special::kNo)) ||
          (i > 2 && is(i - 3, Special::kNo) && (is(i - 1, Special::kOr) || is(i - 1, Special::kNor))))
        v = listed * kNegationScalar;
      if (it.upper && cap_differential) v += v > 0 ? kCapsStep : -kCapsStep;
      for (size_t start = 0; start < 3; ++start) {
        if (i <= start || items[i - start - 1].in_lexicon()) continue;
        float s = step(items[i - start - 1], v);
        if (start == 1) s *= 0.95f;
        if (start == 2) s *= 0.9f;
        v += s;
        // The negation check at this distance.
        if (start == 0) {
          if (items[i - 1].negation) v *= kNegationScalar;
        } else if (start == 1) {
          if (is(i - 2, Special::kNever) && (is(i - 1, Special::kSo) || is(i - 1, Special::kThis))) {
            v *= kNeverSo;
          } else if (is(i - 2, Special::kWithout) && is(i - 1, Special::kDoubt)) {
          } else if (items[i - 2].negation) {
            v *= kNegationScalar;
          }
        } else {
          if ((is(i - 3, Special::kNever) && (is(i - 2, Special::kSo) || is(i - 2, Special::kThis))) ||
              is(i - 1, Special::kSo) || is(i - 1, Special::kThis)) {
            v *= kNeverSo;
          } else if (is(i - 3, Special::kWithout) && (is(i - 2, Special::kDoubt) || is(i - 1, Special::kDoubt))) {
          } else if (items[i - 3].negation) {
            v *= kNegationScalar;
          }
        }
      }
      // "least": negates, except in "at least" and "very least".
      if (i > 1 && !items[i - 1].in_lexicon() && is(i - 1, Special::kLeast)) {
        if (!is(i - 2, Special::kAt) && !is(i - 2, Special::kVery)) v *= kNegationScalar;
      } else if (i > 0 && !items[i - 1].in_lexicon() && is(i - 1, Special::kLeast)) {
        v *= kNegationScalar;
      }
      it.valence = v;
    }
    for (size_t i = 0; i < n; ++i) {
      Item& it = items[i];
      if (it.valence == 0) continue;
      if (but < n && i < but) it.valence *= kBeforeBut;
      if (but < n && i > but) it.valence *= kAfterBut;
      valences[it.token] = it.valence;
      // GDELT counts words; each counts with the weight the rules gave it
      // relative to its own listed valence.
      const float listed = std::fabs(it.word->valence);
      const double weight = listed > 0 ? std::fabs(it.valence) / listed : 1.0;
      (it.valence > 0 ? totals.positive : totals.negative) += weight;
      ++totals.charged;
    }
  }
}

std::vector<float> ToneScorer::valences(const Document& doc) const {
  std::vector<float> out;
  Totals totals;
  score(doc, out, totals);
  return out;
}

double ToneScorer::compound(const Document& doc, const std::vector<float>& valences, size_t begin, size_t end) {
  return compound_if(doc, valences, begin, end, [](size_t) { return true; });
}

void ToneScorer::run(Document& doc) const {
  std::vector<float> valences;
  Totals totals;
  score(doc, valences, totals);

  ArticleTone tone;
  const bool tagged = doc.pos.size() == doc.tokens.size() && doc.lemmas.size() == doc.tokens.size();
  for (size_t t = 0; t < doc.tokens.size(); ++t) {
    if (!word_like(doc.tokens[t].kind)) continue;
    ++tone.words;
    if (!tagged) continue;
    const Pos p = doc.pos[t];
    // Activity: verbs that say what someone does, not the auxiliaries.
    if (is_verb(p) && doc.lemmas[t] != "be" && doc.lemmas[t] != "have" && doc.lemmas[t] != "do") tone.activity += 1;
    if (p == Pos::kPRP || p == Pos::kPRPS) tone.self_group += 1;
  }
  if (tone.words > 0) {
    const double per = 100.0 / tone.words;
    tone.positive = totals.positive * per;
    tone.negative = totals.negative * per;
    tone.tone = tone.positive - tone.negative;
    tone.polarity = totals.charged * per;
    tone.activity *= per;
    tone.self_group *= per;
  }
  doc.tone = tone;
  doc.has_tone = true;
  doc.entity_tones.assign(doc.entities.size(), EntityTone{});
  if (doc.entities.empty()) return;

  // Quoted and reported words: whose voice each token is in (an index into
  // quotes, then reported), kNone for the article's own.
  std::vector<int32_t> voice(doc.tokens.size(), kNone);
  auto first_token = [&](uint32_t byte) {
    return static_cast<size_t>(std::lower_bound(doc.tokens.begin(), doc.tokens.end(), byte,
                                                [](const Token& t, uint32_t b) { return t.begin < b; }) -
                               doc.tokens.begin());
  };
  auto mark = [&](ByteSpan span, int32_t v) {
    for (size_t t = first_token(span.begin); t < doc.tokens.size() && doc.tokens[t].end <= span.end; ++t) voice[t] = v;
  };
  const int32_t quotes = static_cast<int32_t>(doc.quotes.size());
  for (int32_t q = 0; q < quotes; ++q) mark(doc.quotes[q].span, q);
  for (size_t r = 0; r < doc.reported.size(); ++r) mark(doc.reported[r].span, quotes + static_cast<int32_t>(r));

  // Each sentence's compound over the article's own words.
  std::vector<float> own(valences);
  for (size_t t = 0; t < own.size(); ++t)
    if (voice[t] != kNone) own[t] = 0;
  std::vector<double> sentence_tone(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    sentence_tone[s] = compound(doc, own, doc.sentences[s].first_token, doc.sentences[s].end_token);

  // Clauses of contrast in each sentence (contrast_starts): a clause that
  // names other entities and not this one says nothing of it ("A retook the
  // bridge, while B lost a third of its fighters": A's tone is the first
  // clause's, B's the second's). Clauses that name no one are everyone's
  // ("X was jailed, but hailed as a hero").
  // clause[t]: the clause of token t in a sentence with clauses of contrast,
  // kWhole in the others.
  constexpr uint8_t kWhole = 0xFF;
  std::vector<uint8_t> clause(doc.tokens.size(), kWhole);
  std::vector<uint8_t> split(doc.sentences.size(), 0);
  bool any_split = false;
  for (size_t si = 0; si < doc.sentences.size() && doc.entities.size() > 1; ++si) {
    const Sentence& s = doc.sentences[si];
    uint8_t c = 0;
    // "Whereas A reopened its libraries, B closed three more": the
    // subordinate clause ends at its comma
    bool opening = s.first_token < s.end_token && doc.tokens[s.first_token].kind == TokenKind::kWord &&
                   concessive(doc.text_of(doc.tokens[s.first_token]));
    uint32_t t = s.first_token;
    for (; t < s.end_token && t < clause.size(); ++t) {
      if (c < 63 && (contrast_starts(doc, t, s) ||
                     (opening && t > s.first_token && doc.tokens[t - 1].kind == TokenKind::kPunct &&
                      doc.text_of(doc.tokens[t - 1]) == ","))) {
        ++c;
        opening = false;
      }
      if (c) clause[t] = c;
    }
    if (c == 0) continue;
    split[si] = 1;
    any_split = true;
    for (uint32_t k = s.first_token; k < t && clause[k] == kWhole; ++k) clause[k] = 0;
  }
  // The mentions in the article's own voice of each split sentence, by token:
  // (first token, entity), sorted.
  std::vector<std::pair<uint32_t, int32_t>> named;
  for (size_t k = 0; any_split && k < doc.mentions.size(); ++k) {
    const Mention& m = doc.mentions[k];
    if (m.entity < 0 || m.first_token >= voice.size() || clause[m.first_token] == kWhole ||
        voice[m.first_token] != kNone)
      continue;
    // (a possessive names its owner in passing: "but its supplier X cut
    // jobs" is X's clause)
    if (m.kind == MentionKind::kPronoun && m.first_token < doc.pos.size() && doc.pos[m.first_token] == Pos::kPRPS)
      continue;
    named.emplace_back(m.first_token, m.entity);
  }
  auto sentence_of = [&](uint32_t token) -> size_t {
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), token,
                               [](uint32_t t, const Sentence& x) { return t < x.first_token; });
    return it == doc.sentences.begin() ? doc.sentences.size() : static_cast<size_t>(it - doc.sentences.begin()) - 1;
  };
  std::sort(named.begin(), named.end());
  // The tone of sentence s toward entity e: without the clauses that name others only.
  auto toward = [&](size_t si, int32_t e) {
    if (!split[si]) return sentence_tone[si];
    const Sentence& s = doc.sentences[si];
    uint64_t mine = 0, others = 0;
    for (auto it = std::lower_bound(named.begin(), named.end(), std::make_pair(s.first_token, int32_t{-1}));
         it != named.end() && it->first < s.end_token; ++it)
      (it->second == e ? mine : others) |= uint64_t{1} << clause[it->first];
    const uint64_t drop = others & ~mine;
    if (!drop) return sentence_tone[si];
    return compound_if(doc, own, s.first_token, s.end_token,
                       [&](size_t t) { return !((drop >> clause[t]) & 1); });
  };

  for (size_t e = 0; e < doc.entities.size(); ++e) {
    EntityTone& et = doc.entity_tones[e];
    size_t last = doc.sentences.size();
    double sum = 0;
    for (int32_t m : doc.entities[e].mentions) {
      const Mention& mention = doc.mentions[static_cast<size_t>(m)];
      if (mention.first_token >= voice.size() || voice[mention.first_token] != kNone) continue;
      const size_t s = sentence_of(mention.first_token);
      if (s >= doc.sentences.size() || s == last) continue;
      last = s;
      sum += toward(s, static_cast<int32_t>(e));
      ++et.sentences;
    }
    if (et.sentences) et.toward = sum / et.sentences;
  }
  auto stance = [&](ByteSpan span, int32_t speaker) {
    if (speaker == kNone || static_cast<size_t>(speaker) >= doc.entity_tones.size()) return;
    const size_t b = first_token(span.begin);
    size_t e = b;
    while (e < doc.tokens.size() && doc.tokens[e].end <= span.end) ++e;
    EntityTone& et = doc.entity_tones[static_cast<size_t>(speaker)];
    et.stance += compound(doc, valences, b, e);
    ++et.quotes;
  };
  for (const Quote& q : doc.quotes) stance(q.span, q.speaker);
  for (const ReportedSpeech& r : doc.reported) stance(r.span, r.speaker);
  for (EntityTone& et : doc.entity_tones)
    if (et.quotes) et.stance /= et.quotes;
}

}  // namespace sitrep
