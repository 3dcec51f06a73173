#include "syntax/perceptron_tagger.h"

#include <algorithm>
#include <array>

#include "learn/feature_hash.h"
#include "lexicon/tagger.h"

namespace sitrep {

namespace {

using learn::feature;

// Template numbers: fixed, since they are part of every key.
enum TaggerTemplate : uint32_t {
  kBias = 1, kWord, kForm, kSuffix1, kSuffix2, kSuffix3, kSuffix4, kPrefix1, kPrefix2, kPrefix3, kShape,
  kPrev1, kPrev2Prev1, kPrev1Word, kWordM1, kSuffixM1, kWordM2, kWordP1, kSuffixP1, kWordP2, kWordM1Word,
  kWordWordP1, kLastPart, kShapes3, kFirstShape, kPrev1Suffix, kPrev1WordP1, kShapeP1, kWordM1WordP1,
  kAmbiguity, kAmbiguityP1, kAmbiguityP2, kAmbiguityAmbiguityP1, kPrev1Ambiguity, kAmbiguityM1,
  kLexicon, kLexiconP1, kLexiconP2, kLexiconLexiconP1, kPrev1Lexicon, kLexiconAmbiguity, kLexiconSuffix,
  kHmm, kHmmM1, kHmmP1, kHmmHmmP1, kPrev1Hmm, kHmmWord, kHmmAmbiguity,
};

// Reads a section of (u64 key, varint value) pairs into a KeyTable.
learn::KeyTable read_table(const learn::ModelFile& file, std::string_view section, size_t limit) {
  learn::ByteReader r(file.section(section), file.path + " (" + std::string(section) + ")");
  uint64_t n = r.varint();
  if (n > r.remaining()) r.fail("corrupt table");
  std::vector<std::pair<uint64_t, uint16_t>> entries;
  entries.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key = r.u64();
    uint64_t value = r.varint();
    if (value >= limit) r.fail("corrupt table (a value out of range)");
    entries.emplace_back(key, static_cast<uint16_t>(value));
  }
  if (!r.done()) r.fail("corrupt table (bytes after its end)");
  return learn::KeyTable(entries);
}

}  // namespace

size_t tagger_features(const TaggerWords& s, size_t i, uint32_t prev1, uint32_t prev2, uint32_t* out) {
  const WordFeatures* w = s.words;
  const uint16_t* amb = s.ambiguity;
  const uint16_t* lex = s.lexicon;
  const size_t n = s.n;
  auto lower = [&](ptrdiff_t j) {
    return j < 0 ? kBeforeSentence : static_cast<size_t>(j) >= n ? kAfterSentence : w[j].lower;
  };
  auto suffix3 = [&](ptrdiff_t j) {
    return j < 0 ? kBeforeSentence : static_cast<size_t>(j) >= n ? kAfterSentence : w[j].suffix[2];
  };
  auto shape = [&](ptrdiff_t j) {
    return j < 0 ? kBeforeSentence : static_cast<size_t>(j) >= n ? kAfterSentence : w[j].shape;
  };
  auto ambiguity = [&](ptrdiff_t j) -> uint64_t {
    return j < 0 ? kBeforeSentence : static_cast<size_t>(j) >= n ? kAfterSentence : amb[j];
  };
  const auto k = static_cast<ptrdiff_t>(i);
  const WordFeatures& x = w[i];
  size_t c = 0;
  out[c++] = feature(kBias, 0);
  out[c++] = feature(kWord, x.lower);
  out[c++] = feature(kForm, x.form);
  out[c++] = feature(kSuffix1, x.suffix[0]);
  out[c++] = feature(kSuffix2, x.suffix[1]);
  out[c++] = feature(kSuffix3, x.suffix[2]);
  out[c++] = feature(kSuffix4, x.suffix[3]);
  out[c++] = feature(kPrefix1, x.prefix[0]);
  out[c++] = feature(kPrefix2, x.prefix[1]);
  out[c++] = feature(kPrefix3, x.prefix[2]);
  out[c++] = feature(kShape, x.shape);
  out[c++] = feature(kPrev1, prev1);
  out[c++] = feature(kPrev2Prev1, prev2, prev1);
  out[c++] = feature(kPrev1Word, prev1, x.lower);
  out[c++] = feature(kWordM1, lower(k - 1));
  out[c++] = feature(kSuffixM1, suffix3(k - 1));
  out[c++] = feature(kWordM2, lower(k - 2));
  out[c++] = feature(kWordP1, lower(k + 1));
  out[c++] = feature(kSuffixP1, suffix3(k + 1));
  out[c++] = feature(kWordP2, lower(k + 2));
  out[c++] = feature(kWordM1Word, lower(k - 1), x.lower);
  out[c++] = feature(kWordWordP1, x.lower, lower(k + 1));
  if (x.last_part != x.lower) out[c++] = feature(kLastPart, x.last_part);
  out[c++] = feature(kShapes3, shape(k - 1), x.shape, shape(k + 1));
  if (i == 0) out[c++] = feature(kFirstShape, x.shape);
  out[c++] = feature(kPrev1Suffix, prev1, x.suffix[2]);
  out[c++] = feature(kPrev1WordP1, prev1, lower(k + 1));
  out[c++] = feature(kShapeP1, shape(k + 1));
  out[c++] = feature(kWordM1WordP1, lower(k - 1), lower(k + 1));
  out[c++] = feature(kAmbiguity, amb[i]);
  out[c++] = feature(kAmbiguityP1, ambiguity(k + 1));
  out[c++] = feature(kAmbiguityP2, ambiguity(k + 2));
  out[c++] = feature(kAmbiguityAmbiguityP1, amb[i], ambiguity(k + 1));
  out[c++] = feature(kPrev1Ambiguity, prev1, amb[i]);
  out[c++] = feature(kAmbiguityM1, ambiguity(k - 1));
  auto lexicon = [&](ptrdiff_t j) -> uint64_t {
    return j < 0 ? kBeforeSentence : static_cast<size_t>(j) >= n ? kAfterSentence : lex[j];
  };
  out[c++] = feature(kLexicon, lex[i]);
  out[c++] = feature(kLexiconP1, lexicon(k + 1));
  out[c++] = feature(kLexiconP2, lexicon(k + 2));
  out[c++] = feature(kLexiconLexiconP1, lex[i], lexicon(k + 1));
  out[c++] = feature(kPrev1Lexicon, prev1, lex[i]);
  out[c++] = feature(kLexiconAmbiguity, lex[i], amb[i]);
  if (lex[i] == kUnseenWord) out[c++] = feature(kLexiconSuffix, x.suffix[2], amb[i]);
  if (s.hmm) {
    auto hmm = [&](ptrdiff_t j) -> uint64_t {
      return j < 0 ? kBeforeSentence : static_cast<size_t>(j) >= n ? kAfterSentence : static_cast<uint64_t>(s.hmm[j]);
    };
    const auto h = static_cast<uint64_t>(s.hmm[i]);
    out[c++] = feature(kHmm, h);
    out[c++] = feature(kHmmM1, hmm(k - 1));
    out[c++] = feature(kHmmP1, hmm(k + 1));
    out[c++] = feature(kHmmHmmP1, h, hmm(k + 1));
    out[c++] = feature(kPrev1Hmm, prev1, h);
    out[c++] = feature(kHmmWord, h, x.lower);
    out[c++] = feature(kHmmAmbiguity, h, amb[i]);
  }
  return c;
}

Pos pos_of_xpos(std::string_view xpos) {
  for (std::string_view p : {".", ",", ":", "``", "''", "-LRB-", "-RRB-", "#", "$", "HYPH", "NFP"})
    if (xpos == p) return Pos::kPunct;
  if (xpos == "ADD") return Pos::kNN;
  if (xpos == "AFX") return Pos::kJJ;
  if (xpos == "GW" || xpos == "XX") return Pos::kFW;
  return Tagger::parse_tag(xpos);
}

bool parse_tag_class(std::string_view name, TagClass& out) {
  size_t bar = name.find('|');
  if (bar == std::string_view::npos || !parse_upos(name.substr(0, bar), out.upos)) return false;
  out.xpos = name.substr(bar + 1);
  out.pos = pos_of_xpos(out.xpos);
  // UD tags a proper adjective NNP ("Kenyan", a capitalised "Regional" in a
  // title); the WSJ treebank, which the rule stages follow, tags it JJ.
  if (out.upos == Upos::kADJ && (out.pos == Pos::kNNP || out.pos == Pos::kNNPS)) out.pos = Pos::kJJ;
  return out.pos != Pos::kUnknown;
}

std::unique_ptr<PerceptronTagger> PerceptronTagger::load(const std::string& path, SentenceFilter filter) {
  return std::make_unique<PerceptronTagger>(learn::ModelFile::read(path, "tagger"), std::move(filter));
}

PerceptronTagger::PerceptronTagger(const learn::ModelFile& file, SentenceFilter filter) : filter_(std::move(filter)) {
  if (file.meta("features") != kTaggerFeatureSet)
    throw learn::ModelError(file.path + ": feature set '" + std::string(file.meta("features")) + "', but this sitrep computes '" +
                            std::string(kTaggerFeatureSet) + "' (retrain it with scripts/train_models.sh)");
  for (const std::string& name : learn::parse_labels(file.section("classes"), file.path + " (classes)")) {
    TagClass c;
    if (!parse_tag_class(name, c)) throw learn::ModelError(file.path + ": unknown tag class '" + name + "'");
    classes_.push_back(std::move(c));
  }
  weights_ = learn::LinearModel::parse(file.section("weights"), file.path + " (weights)");
  if (weights_.classes() != classes_.size() || classes_.empty())
    throw learn::ModelError(file.path + ": the weights have " + std::to_string(weights_.classes()) + " classes, the labels " +
                            std::to_string(classes_.size()));
  dictionary_ = read_table(file, "dictionary", classes_.size());
  ambiguity_ = read_table(file, "ambiguity", kUnseenWord);
  lexicon_ = read_table(file, "lexicon", kUnseenWord);
}

void PerceptronTagger::tag(const Document& doc, size_t first, size_t end, std::span<uint16_t> out) const {
  const std::string_view text = doc.text();
  const std::span<const Token> tokens = doc.tokens;
  thread_local std::vector<WordFeatures> words;
  thread_local std::vector<uint16_t> ambiguity, lexicon;
  thread_local std::vector<int32_t> scores;
  const size_t n = end - first;
  words.resize(n);
  ambiguity.resize(n);
  lexicon.resize(n);
  for (size_t i = 0; i < n; ++i) {
    words[i] = word_features(text, tokens[first + i]);
    const uint16_t* a = ambiguity_.find(words[i].lower);
    ambiguity[i] = a ? *a : kUnseenWord;
    const uint16_t* l = lexicon_.find(words[i].lower);
    lexicon[i] = l ? *l : kUnseenWord;
  }
  const TaggerWords sentence{words.data(), ambiguity.data(), lexicon.data(),
                            doc.pos.size() >= end ? doc.pos.data() + first : nullptr, n};
  scores.resize(classes_.size());
  uint32_t prev1 = kNoClass, prev2 = kNoClass;
  std::array<uint32_t, kMaxTaggerFeatures> features;
  for (size_t i = 0; i < n; ++i) {
    uint16_t best = 0;
    if (const uint16_t* known = dictionary_.find(words[i].form)) {
      best = *known;
    } else {
      size_t count = tagger_features(sentence, i, prev1, prev2, features.data());
      std::fill(scores.begin(), scores.end(), 0);
      weights_.add_all(std::span<const uint32_t>(features.data(), count), scores.data());
      best = static_cast<uint16_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    }
    out[first + i] = best;
    prev2 = prev1;
    prev1 = best;
  }
}

void PerceptronTagger::run(Document& doc) const {
  const size_t n = doc.tokens.size();
  thread_local std::vector<uint16_t> classes;
  thread_local std::vector<uint8_t> state;  // 0: outside every sentence, 1: tagged, 2: left out
  classes.assign(n, 0);
  state.assign(n, 0);
  for (const Sentence& s : doc.sentences) {
    if (s.first_token >= s.end_token || s.end_token > n) continue;
    const bool wanted = !filter_ || filter_(doc, s);
    if (wanted) tag(doc, s.first_token, s.end_token, classes);
    for (size_t i = s.first_token; i < s.end_token; ++i) state[i] = wanted ? 1 : 2;
  }
  for (size_t i = 0; i < n; ++i)
    if (state[i] == 0) tag(doc, i, i + 1, classes);
  doc.upos.resize(n);
  doc.xpos.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (state[i] == 2) {
      doc.upos[i] = Upos::kX;
      doc.xpos[i] = {};
      continue;
    }
    const TagClass& c = classes_[classes[i]];
    doc.upos[i] = c.upos;
    doc.xpos[i] = c.xpos;
  }
}

}  // namespace sitrep
