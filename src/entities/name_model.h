// NameModel: where the names of people, organisations and places are, from a
// learnt sequence labeller (data/models/names.model; scripts/train_models.sh),
// for the name finder to combine with its lists (entities/name_finder.h).
//
// Each token gets a BILOU label: outside a name (O), or the beginning, inside,
// last or only token of a name of type PER, ORG or LOC (places of every kind).
// A greedy left-to-right averaged perceptron over hashed features
// (learn/linear_model.h), decoded under the BILOU constraints (an I or L
// continues a B or I of its type; a name ends by its sentence's end). Its
// features, which training and the pipeline compute alike (name_features):
// - the word, its affixes, shape and the words and shapes two either side;
//   the HMM tagger's tags around it (Document::pos: every sentence has them);
//   the two labels given to its left;
// - the lexicons of data/: where a gazetteer name covers the word and of what
//   type and kind (a country, a city, a company, a demonym...), also for
//   capitals-only text by the word's lower-case form; given names and their
//   gender; the world's popular forenames and surnames; a title or role before
//   it; the cue classes of name_cues.tsv (organisation and place heads,
//   particles, time words...);
// - the article's own evidence: the word written with a capital mid-sentence
//   elsewhere in the article, or in lower case elsewhere; a headline in title
//   case; a line in capitals.
//
//   auto model = NameModel::load("data/models/names.model", gazetteer, lexicon);  // throws ModelError
//   pipeline.add(std::move(model));  // after the tagger; before the name finder
//   for (const NameSpan& n : name_spans(doc, sentence)) ...
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities/name_lexicon.h"
#include "learn/key_table.h"
#include "learn/linear_model.h"
#include "learn/model_file.h"
#include "lexicon/gazetteer.h"
#include "sitrep/pipeline.h"
#include "syntax/word_features.h"

namespace sitrep {

// The feature set's name and version, written in the model's header; any
// change to name_features bumps the version.
inline constexpr std::string_view kNameFeatureSet = "names-viterbi-bilou 5";

// Name types and the 13 labels: 0 is O; type t has B = 1 + 4t, I = 2 + 4t,
// L = 3 + 4t, U = 4 + 4t.
enum class NameType : uint8_t { kPer = 0, kOrg = 1, kLoc = 2 };
inline constexpr size_t kNameTypes = 3;
inline constexpr size_t kNameLabels = 1 + 4 * kNameTypes;
enum class BilouPart : uint8_t { kBegin = 0, kInside = 1, kLast = 2, kUnit = 3 };
constexpr uint8_t name_label(NameType t, BilouPart p) {
  return static_cast<uint8_t>(1 + 4 * static_cast<uint8_t>(t) + static_cast<uint8_t>(p));
}
constexpr NameType label_type(uint8_t label) { return static_cast<NameType>((label - 1) / 4); }
constexpr BilouPart label_part(uint8_t label) { return static_cast<BilouPart>((label - 1) % 4); }
// "O", "B-PER", ..., "U-LOC".
std::string label_name(uint8_t label);
std::string_view to_string(NameType t);
// Whether `label` may follow `prev` (0 at a sentence's start).
bool label_may_follow(uint8_t prev, uint8_t label);

// A name the model found: tokens [begin, end) of the document.
struct NameSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  NameType type = NameType::kPer;
};
// The names in doc.name_tags over tokens [first, end).
std::vector<NameSpan> name_spans(const Document& doc, size_t first, size_t end);

// How the model scores tokens [b, e) as one name of type t (its B, I..., L or
// U labels), and as no name (O labels), from doc.name_scores.
int64_t span_score(const Document& doc, size_t b, size_t e, NameType t);
int64_t outside_score(const Document& doc, size_t b, size_t e);
// The type the model gives tokens [b, e) as one name, and by how much that
// beats the next type (`type_margin`) and no name (`name_margin`); false when
// the document has no scores.
struct SpanVerdict {
  NameType type = NameType::kPer;
  int64_t type_margin = 0;
  int64_t name_margin = 0;
};
bool span_verdict(const Document& doc, size_t b, size_t e, SpanVerdict& out);

// What the lexicons and the article say of each token of a document,
// computed once per document (training and the pipeline alike).
class NameEvidence {
 public:
  // `capitals`: how often each word (WordFeatures::lower) is written with a
  // capital mid-sentence in a large text (see capital_profile), or null.
  NameEvidence(const Document& doc, const Gazetteer& gazetteer, const NameLexicon& lexicon,
               const learn::KeyTable* capitals = nullptr);
  struct Token {
    uint64_t gazetteer = 0;        // position in a gazetteer name, its type and kind; 0 for none
    uint64_t gazetteer_lower = 0;  // the same for a one-word name matched in lower case (capitals-only text)
    uint16_t cues = 0;             // NameCue bits
    uint8_t given = 0;             // 'm', 'f', 'u' or 0
    uint8_t world = 0;             // WorldName bits
    uint8_t title_before = 0;      // 1: a title or role ends right before; 2: and it is a title
    uint8_t caps_elsewhere = 0;    // the form written with a capital mid-sentence elsewhere in the article
    uint8_t lower_elsewhere = 0;   // the word written in lower case elsewhere
    uint8_t capitals = 0;          // 1 + its capital_profile bucket, 0 when unknown
    // Whether the model is asked about the token at run time: a word with a
    // capital letter in it, or next to one in its sentence. Others (lower
    // case among lower case, punctuation) are outside any name; skipping
    // them keeps the model within the pipeline's speed.
    bool asked = false;
  };
  const Token& operator[](size_t i) const { return tokens_[i]; }
  const WordFeatures& word(size_t i) const { return words_[i]; }
  // Per sentence: 1 for a title-case headline, 2 for a line in capitals.
  uint8_t sentence_kind(size_t s) const { return sentence_kind_[s]; }

 private:
  std::vector<Token> tokens_;
  std::vector<WordFeatures> words_;
  std::vector<uint8_t> sentence_kind_;
};

// What the model said of each word earlier in the document: for a word
// (WordFeatures::lower), how often it was labelled part of a name of each
// type, and outside one. Names repeat in an article, and their first mention
// is the clearest ("Joseph Mwansa ... Mwansa said").
// A map from a word's hash to a small value, flat (open addressing, linear
// probing): per-article counts without an allocation per word. Grows by
// doubling past half full.
template <typename V>
class WordMap {
 public:
  explicit WordMap(size_t expected = 64) { reset(expected); }
  void reset(size_t expected) {
    size_t cap = 64;
    while (cap < 2 * expected) cap <<= 1;
    keys_.assign(cap, 0);
    values_.assign(cap, V{});
    used_ = 0;
  }
  V& operator[](uint64_t word) {
    if (2 * (used_ + 1) > keys_.size()) grow();
    const uint64_t k = word == 0 ? 1 : word;
    size_t i = slot(k);
    if (keys_[i] == 0) {
      keys_[i] = k;
      ++used_;
    }
    return values_[i];
  }
  const V* find(uint64_t word) const {
    const uint64_t k = word == 0 ? 1 : word;
    const size_t i = slot(k);
    return keys_[i] == 0 ? nullptr : &values_[i];
  }
  bool empty() const { return used_ == 0; }

 private:
  size_t slot(uint64_t k) const {
    const size_t mask = keys_.size() - 1;
    size_t i = static_cast<size_t>(k * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    while (keys_[i] != 0 && keys_[i] != k) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<uint64_t> keys = std::move(keys_);
    std::vector<V> values = std::move(values_);
    keys_.assign(keys.size() * 2, 0);
    values_.assign(keys.size() * 2, V{});
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != 0) {
        const size_t j = slot(keys[i]);
        keys_[j] = keys[i];
        values_[j] = values[i];
      }
  }
  std::vector<uint64_t> keys_;
  std::vector<V> values_;
  size_t used_ = 0;
};

class NameHistory {
 public:
  void add(const Document& doc, const NameEvidence& evidence, size_t first, size_t end);
  // 0: never seen; else 1 + the type most often given (3 for O), with 4 added
  // when it was seen with two different readings.
  uint64_t of(uint64_t word) const;
  void clear(size_t expected_words = 64) { counts_.reset(expected_words); }

 private:
  WordMap<std::array<uint16_t, kNameTypes + 1>> counts_;
};

// Counts, over sentences of unlabelled text, how often each word is written
// with a capital where a capital means a name (not a sentence's first word,
// not a line in capitals), and makes a table of word -> bucket: how often
// (5 steps from never to always) and how frequent the word is (3 steps).
// Words seen fewer than 3 times are left out.
class CapitalCounter {
 public:
  void add(const Document& doc);
  learn::KeyTable table() const;

 private:
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> counts_;  // word -> (capitalised, all)
};
// The table's section bytes in a model file, and back (throws ModelError).
std::string serialize_capitals(const learn::KeyTable& t);
learn::KeyTable parse_capitals(std::string_view bytes, const std::string& where);

inline constexpr size_t kMaxNameFeatures = 64;
// The features of token i of sentence `s` (an index into doc.sentences) that
// do not depend on the labels, given what the model said of earlier sentences
// of the document (`history`). Writes at most kMaxNameFeatures keys to `out`;
// returns how many.
size_t name_features(const Document& doc, const NameEvidence& evidence, const NameHistory& history, size_t s,
                     size_t i, uint32_t* out);
// Its two parts: the features of the token's form alone, and those of its
// context (neighbours, tags, gazetteer, history, position).
size_t name_word_features(const NameEvidence& evidence, size_t i, uint32_t* out);
size_t name_context_features(const Document& doc, const NameEvidence& evidence, const NameHistory& history, size_t s,
                             size_t i, uint32_t* out);
// The features of token i given the label of the token before it in its
// sentence (kNoLabel at the sentence's start): at most kMaxHistoryFeatures.
inline constexpr uint32_t kNoLabel = 0xff;
inline constexpr size_t kMaxHistoryFeatures = 4;
size_t history_features(const Document& doc, const NameEvidence& evidence, size_t s, size_t i, uint32_t prev,
                        uint32_t* out);

// The best labels of a sentence of n tokens under the BILOU constraints, by
// Viterbi: base[i * kNameLabels + l] scores label l at token i alone,
// history(i, p, scores) adds the scores of the features of token i after
// label p (kNoLabel for none) to scores[0..kNameLabels). Writes the labels to
// `out`; `chosen` (when not null) gets each token's scores along the best
// path (base plus history).
template <typename Score, typename History>
void viterbi(size_t n, const Score* base, History&& history, uint8_t* out, Score* chosen = nullptr);

class NameModel : public Stage {
 public:
  // Throws learn::ModelError naming the file when it is missing, truncated,
  // corrupt, of another version or feature set, or malformed.
  static std::unique_ptr<NameModel> load(const std::string& path, std::shared_ptr<const Gazetteer> gazetteer,
                                         std::shared_ptr<const NameLexicon> lexicon);
  NameModel(const learn::ModelFile& file, std::shared_ptr<const Gazetteer> gazetteer,
            std::shared_ptr<const NameLexicon> lexicon);
  // A model trained in this process (the trainer's dev evaluation).
  NameModel(learn::LinearModel weights, learn::KeyTable capitals, std::shared_ptr<const Gazetteer> gazetteer,
            std::shared_ptr<const NameLexicon> lexicon);

  std::string_view name() const override { return "name model"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer | kTagsLayer; }
  LayerSet assigns_layers() const override { return kNameTagsLayer; }
  // Fills doc.name_tags, one label per token (0 outside every sentence).
  void run(Document& doc) const override;
  // Labels the tokens of sentence `s` into doc.name_tags.
  void label(Document& doc, const NameEvidence& evidence, const NameHistory& history, size_t s) const;

  const learn::LinearModel& weights() const { return weights_; }

 private:
  learn::LinearModel weights_;
  learn::KeyTable capitals_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const NameLexicon> lexicon_;
  uint64_t id_;  // for the per-thread cache of the scores of word forms
};

template <typename Score, typename History>
void viterbi(size_t n, const Score* base, History&& history, uint8_t* out, Score* chosen) {
  if (n == 0) return;
  constexpr size_t L = kNameLabels;
  constexpr double kImpossible = -1e300;
  thread_local std::vector<double> best;
  thread_local std::vector<uint8_t> back;
  best.assign(n * L, kImpossible);
  back.assign(n * L, 0);
  auto opens = [](uint8_t l) {
    return l != 0 && (label_part(l) == BilouPart::kBegin || label_part(l) == BilouPart::kInside);
  };
  std::array<Score, L> h;
  for (size_t i = 0; i < n; ++i) {
    const size_t from_count = i == 0 ? 1 : L;
    for (size_t p = 0; p < from_count; ++p) {
      const double before = i == 0 ? 0.0 : best[(i - 1) * L + p];
      if (before == kImpossible) continue;
      h.fill(0);
      history(i, i == 0 ? kNoLabel : static_cast<uint32_t>(p), h.data());
      for (uint8_t l = 0; l < L; ++l) {
        if (!label_may_follow(i == 0 ? 0 : static_cast<uint8_t>(p), l) || (i + 1 == n && opens(l))) continue;
        const double v = before + static_cast<double>(base[i * L + l]) + static_cast<double>(h[l]);
        if (v > best[i * L + l]) {
          best[i * L + l] = v;
          back[i * L + l] = static_cast<uint8_t>(p);
        }
      }
    }
  }
  uint8_t l = 0;
  for (uint8_t k = 1; k < L; ++k)
    if (best[(n - 1) * L + k] > best[(n - 1) * L + l]) l = k;
  for (size_t i = n; i-- > 0;) {
    out[i] = l;
    l = back[i * L + l];
  }
  if (!chosen) return;
  for (size_t i = 0; i < n; ++i) {
    h.fill(0);
    history(i, i == 0 ? kNoLabel : static_cast<uint32_t>(out[i - 1]), h.data());
    for (size_t k = 0; k < L; ++k) chosen[i * L + k] = base[i * L + k] + h[k];
  }
}

}  // namespace sitrep
