#include "syntax/dependency_parser.h"

#include <algorithm>
#include <array>
#include <limits>

#include "learn/feature_hash.h"
#include "syntax/arc_hybrid.h"
#include "syntax/parser_features.h"
#include "syntax/perceptron_tagger.h"
#include "syntax/punct_attach.h"
#include "syntax/word_features.h"

namespace sitrep {

std::unique_ptr<DependencyParser> DependencyParser::load(const std::string& path, SentenceFilter filter) {
  return std::make_unique<DependencyParser>(learn::ModelFile::read(path, "parser"), std::move(filter));
}

DependencyParser::DependencyParser(const learn::ModelFile& file, SentenceFilter filter) : filter_(std::move(filter)) {
  if (file.meta("features") != kParserFeatureSet)
    throw learn::ModelError(file.path + ": feature set '" + std::string(file.meta("features")) +
                            "', but this sitrep computes '" + kParserFeatureSet +
                            "' (retrain it with scripts/train_models.sh)");
  std::vector<std::string> names = learn::parse_labels(file.section("relations"), file.path + " (relations)");
  if (names.empty() || names.size() > 64) throw learn::ModelError(file.path + ": corrupt relation set");
  bool has_root = false;
  for (const std::string& name : names) {
    DepRel r;
    if (!parse_deprel(name, r)) throw learn::ModelError(file.path + ": unknown relation '" + name + "'");
    if (r == DepRel::kRoot) {
      root_label_ = static_cast<uint8_t>(relations_.size());
      has_root = true;
    }
    relations_.push_back(r);
  }
  if (!has_root) throw learn::ModelError(file.path + ": the relation set has no root");
  moves_ = learn::LinearModel::parse(file.section("moves"), file.path + " (moves)");
  labels_ = learn::LinearModel::parse(file.section("labels"), file.path + " (labels)");
  if (moves_.classes() != kMoves || labels_.classes() != relations_.size())
    throw learn::ModelError(file.path + ": the weights do not match the moves and relations");
}

void DependencyParser::parse(Document& doc, size_t first, size_t end, Scoring scoring) const {
  thread_local ArcHybrid state;
  thread_local std::vector<ParserWord> words;
  thread_local std::vector<int32_t> label_scores;
  // partial[(x + 1) * kPositions + p]: the single-word scores of word x (-1:
  // none, n: the root) at position p.
  thread_local std::vector<std::array<int32_t, kMoves>> partial;
  const size_t n = end - first;
  words.resize(n + 1);
  for (size_t i = 0; i < n; ++i) {
    const size_t t = first + i;
    std::string_view tag = t < doc.xpos.size() ? doc.xpos[t] : t < doc.pos.size() ? to_string(doc.pos[t]) : "";
    ParserWord& w = words[i];
    const WordFeatures f = word_features(doc.text(), doc.tokens[t]);
    w.word = f.lower;
    w.suffix = f.suffix[2];
    w.shape = f.shape;
    w.tag = learn::hash_text(tag);
    w.both = learn::mix64(w.word ^ (w.tag * 31));
    w.upos = learn::hash_text(t < doc.upos.size() ? to_string(doc.upos[t]) : std::string_view("-"));
    w.verb = t < doc.upos.size() ? doc.upos[t] == Upos::kVERB || doc.upos[t] == Upos::kAUX
                                 : t < doc.pos.size() && (doc.pos[t] == Pos::kMD ||
                                                          (doc.pos[t] >= Pos::kVB && doc.pos[t] <= Pos::kVBZ));
    w.punct = t < doc.pos.size() && doc.pos[t] == Pos::kPunct;
  }
  words[n] = root_word();
  count_verbs(words.data(), n);
  label_scores.resize(relations_.size());
  state.reset(n);
  std::array<uint32_t, kMaxMoveFeatures> features;
  std::array<uint32_t, kMaxLabelFeatures> arc_features;
  const bool precomputed = scoring == Scoring::kPrecomputed;
  if (precomputed) {
    partial.assign((n + 2) * kPositions, {});
    for (int32_t x = -1; x <= static_cast<int32_t>(n); ++x) {
      for (size_t p = 0; p < kPositions; ++p) {
        const size_t count = position_features(words.data(), x, static_cast<Position>(p), features.data());
        moves_.add_all(std::span<const uint32_t>(features.data(), count), partial[(x + 1) * kPositions + p].data());
      }
    }
  }
  auto add_partial = [&](int32_t x, Position p, std::array<int32_t, kMoves>& scores) {
    const auto& w = partial[(x + 1) * kPositions + static_cast<size_t>(p)];
    for (size_t m = 0; m < kMoves; ++m) scores[m] += w[m];
  };
  while (!state.terminal()) {
    const size_t count = move_features(state, words.data(), features.data(), !precomputed);
    std::array<int32_t, kMoves> scores{};
    moves_.add_all(std::span<const uint32_t>(features.data(), count), scores.data());
    if (precomputed) {
      add_partial(state.stack(0), Position::kS0, scores);
      add_partial(state.stack(1), Position::kS1, scores);
      add_partial(state.stack(2), Position::kS2, scores);
      add_partial(state.buffer(0), Position::kB0, scores);
      add_partial(state.buffer(1), Position::kB1, scores);
      add_partial(state.buffer(2), Position::kB2, scores);
    }
    Move move = kShift;
    int32_t best = std::numeric_limits<int32_t>::min();
    for (Move m : {kShift, kLeft, kRight}) {
      if (state.valid(m) && scores[m] > best) {
        best = scores[m];
        move = m;
      }
    }
    uint8_t label = 0;
    if (move != kShift) {
      const int32_t head = state.arc_head(move), dependent = state.arc_dependent();
      if (head == state.root()) {
        label = root_label_;
      } else {
        const size_t lc = label_features(state, words.data(), head, dependent, arc_features.data());
        std::fill(label_scores.begin(), label_scores.end(), 0);
        labels_.add_all(std::span<const uint32_t>(arc_features.data(), lc), label_scores.data());
        label_scores[root_label_] = std::numeric_limits<int32_t>::min();
        label = static_cast<uint8_t>(std::max_element(label_scores.begin(), label_scores.end()) - label_scores.begin());
      }
    }
    state.apply(move, label);
  }
  // Punctuation is then put where the UD guidelines say (punct_attach.h),
  // which the parser's own choice of head for it often is not.
  thread_local std::vector<int32_t> heads;
  thread_local std::vector<std::string_view> forms;
  thread_local std::vector<uint8_t> punct;
  heads.resize(n);
  forms.resize(n);
  punct.resize(n);
  bool any_punct = false;
  for (size_t i = 0; i < n; ++i) {
    const int32_t h = state.head(static_cast<int32_t>(i));
    heads[i] = h == state.root() || h < 0 ? -1 : h;
    const Token& tok = doc.tokens[first + i];
    forms[i] = std::string_view(doc.text()).substr(tok.begin, tok.end - tok.begin);
    const size_t t = first + i;
    punct[i] = t < doc.upos.size() ? doc.upos[t] == Upos::kPUNCT : t < doc.pos.size() && doc.pos[t] == Pos::kPunct;
    any_punct |= punct[i] != 0;
  }
  if (any_punct) attach_punctuation(forms, punct, heads);
  for (size_t i = 0; i < n; ++i) {
    doc.heads[first + i] = heads[i] < 0 ? kNone : static_cast<int32_t>(first) + heads[i];
    doc.relations[first + i] = relations_[state.relation(static_cast<int32_t>(i))];
    if (punct[i] && heads[i] >= 0) doc.relations[first + i] = DepRel::kPunct;
  }
}

void DependencyParser::run(Document& doc) const {
  const size_t n = doc.tokens.size();
  doc.heads.assign(n, kNone);
  doc.relations.assign(n, DepRel::kDep);
  for (const Sentence& s : doc.sentences) {
    if (s.first_token >= s.end_token || s.end_token > n) continue;
    if (filter_ && !filter_(doc, s)) continue;
    for (size_t b = s.first_token; b < s.end_token; b += kMaxWords)
      parse(doc, b, std::min<size_t>(b + kMaxWords, s.end_token));
  }
}

}  // namespace sitrep
