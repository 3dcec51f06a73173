#include "syntax/parser_trainer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <numeric>

#include "learn/feature_hash.h"
#include "learn/perceptron.h"
#include "syntax/arc_hybrid.h"
#include "syntax/parser_features.h"
#include "syntax/perceptron_tagger.h"
#include "syntax/word_features.h"

namespace sitrep {

namespace {

struct Prepared {
  std::vector<ParserWord> words;  // n + 1, the root last
  std::vector<int32_t> heads;     // projective gold heads; n for the root
  std::vector<uint8_t> labels;
};

std::vector<ParserWord> parser_words(const ConlluSentence& s) {
  Document doc = document_of(s);
  std::vector<ParserWord> words(s.words.size() + 1);
  for (size_t i = 0; i < s.words.size(); ++i) {
    ParserWord& w = words[i];
    const WordFeatures f = word_features(doc.text(), doc.tokens[i]);
    w.word = f.lower;
    w.suffix = f.suffix[2];
    w.shape = f.shape;
    w.tag = learn::hash_text(s.words[i].xpos);
    w.both = learn::mix64(w.word ^ (w.tag * 31));
    w.upos = learn::hash_text(s.words[i].upos);
    w.verb = s.words[i].upos == "VERB" || s.words[i].upos == "AUX";
    w.punct = pos_of_xpos(s.words[i].xpos) == Pos::kPunct;
  }
  words.back() = root_word();
  count_verbs(words.data(), s.words.size());
  return words;
}

learn::ModelFile parser_file(const std::vector<std::string>& relations, const learn::LinearModel& moves,
                             const learn::LinearModel& labels, const ParserTrainOptions& options) {
  learn::ModelFile f;
  f.kind = "parser";
  for (const auto& kv : options.header) f.header.push_back(kv);
  f.header.emplace_back("features", kParserFeatureSet);
  std::string names;
  for (const std::string& r : relations) names += (names.empty() ? "" : " ") + r;
  f.header.emplace_back("labels", "moves: SHIFT LEFT RIGHT; " + std::to_string(relations.size()) +
                                      " relations: " + names);
  f.header.emplace_back("training", "arc-hybrid, dynamic oracle, averaged perceptron, " +
                                        std::to_string(options.epochs) + " epochs, seed " +
                                        std::to_string(options.seed) + "; moves " + std::to_string(moves.features()) +
                                        " features, relations " + std::to_string(labels.features()) +
                                        " features (16-bit weights)");
  f.sections.emplace_back("relations", learn::serialize_labels(relations));
  f.sections.emplace_back("moves", moves.serialize());
  f.sections.emplace_back("labels", labels.serialize());
  return f;
}

}  // namespace

std::vector<int32_t> projective_heads(const ConlluSentence& s) {
  const auto n = static_cast<int32_t>(s.words.size());
  std::vector<int32_t> heads(s.words.size());
  for (size_t i = 0; i < s.words.size(); ++i) heads[i] = s.words[i].head == 0 ? n : s.words[i].head - 1;
  // heads[] indexes words; the root (n) has no entry, so a lookup stops there.
  auto crossing = [&](size_t d) {
    const int32_t h = heads[d];
    const int32_t lo = std::min<int32_t>(static_cast<int32_t>(d), h), hi = std::max<int32_t>(static_cast<int32_t>(d), h);
    for (int32_t w = lo + 1; w < hi; ++w) {
      int32_t x = w;
      size_t steps = 0;
      while (x != h && x != n && steps++ <= s.words.size()) x = heads[x];
      if (x != h) return true;
    }
    return false;
  };
  // Lift the shortest crossing arc to its head's head until none crosses.
  for (size_t round = 0; round < s.words.size() * s.words.size(); ++round) {
    size_t pick = s.words.size();
    int32_t shortest = std::numeric_limits<int32_t>::max();
    for (size_t d = 0; d < s.words.size(); ++d) {
      if (heads[d] == n) continue;
      int32_t len = std::abs(heads[d] - static_cast<int32_t>(d));
      if (len < shortest && crossing(d)) {
        shortest = len;
        pick = d;
      }
    }
    if (pick == s.words.size()) break;
    heads[pick] = heads[heads[pick]];
  }
  return heads;
}

ParseAccuracy evaluate_parser(const DependencyParser& parser, const std::vector<ConlluSentence>& sentences) {
  ParseAccuracy a;
  for (const ConlluSentence& s : sentences) {
    Document doc = document_of(s);
    for (const ConlluWord& w : s.words) {
      doc.xpos.push_back(w.xpos);
      doc.pos.push_back(pos_of_xpos(w.xpos));
      Upos u = Upos::kX;
      parse_upos(w.upos, u);
      doc.upos.push_back(u);
    }
    const size_t n = doc.tokens.size();
    doc.heads.assign(n, kNone);
    doc.relations.assign(n, DepRel::kDep);
    for (size_t b = 0; b < n; b += DependencyParser::kMaxWords)
      parser.parse(doc, b, std::min(n, b + DependencyParser::kMaxWords));
    for (size_t i = 0; i < n; ++i) {
      const int32_t gold = s.words[i].head;
      const int32_t got = doc.heads[i] == kNone ? 0 : doc.heads[i] + 1;
      DepRel gold_rel = DepRel::kDep;
      parse_deprel(s.words[i].deprel, gold_rel);
      ++a.words;
      if (gold == got) {
        ++a.heads;
        a.labelled += gold_rel == doc.relations[i];
      }
    }
  }
  return a;
}

learn::ModelFile train_parser(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                              const ParserTrainOptions& options) {
  // The relations: those of the training trees, in sitrep's order.
  std::vector<bool> seen(kDepRels, false);
  seen[static_cast<size_t>(DepRel::kRoot)] = true;
  for (const ConlluSentence& s : train) {
    for (const ConlluWord& w : s.words) {
      DepRel r;
      if (parse_deprel(w.deprel, r)) seen[static_cast<size_t>(r)] = true;
    }
  }
  std::vector<std::string> relations;
  std::vector<uint8_t> label_of(kDepRels, 0);
  uint8_t root_label = 0;
  for (size_t r = 0; r < kDepRels; ++r) {
    if (!seen[r]) continue;
    label_of[r] = static_cast<uint8_t>(relations.size());
    if (static_cast<DepRel>(r) == DepRel::kRoot) root_label = label_of[r];
    relations.emplace_back(to_string(static_cast<DepRel>(r)));
  }
  if (relations.size() > 64) throw learn::ModelError("more than 64 relations in the training data");

  std::vector<Prepared> data;
  size_t skipped = 0;
  for (const ConlluSentence& s : train) {
    if (!s.has_tree() || s.words.size() > DependencyParser::kMaxWords) {
      ++skipped;
      continue;
    }
    Prepared p;
    p.words = parser_words(s);
    p.heads = projective_heads(s);
    for (const ConlluWord& w : s.words) {
      DepRel r = DepRel::kDep;
      parse_deprel(w.deprel, r);
      p.labels.push_back(label_of[static_cast<size_t>(r)]);
    }
    data.push_back(std::move(p));
  }
  if (options.log)
    *options.log << "parser: " << data.size() << " trees, " << skipped << " skipped (no tree or too long), "
                 << relations.size() << " relations" << std::endl;

  learn::Perceptron moves(kMoves), labels(relations.size());
  learn::Random random(options.seed);
  std::vector<size_t> order(data.size());
  std::iota(order.begin(), order.end(), 0);
  ArcHybrid state;
  std::array<uint32_t, kMaxMoveFeatures> features;
  std::array<uint32_t, kMaxLabelFeatures> arc_features;
  std::vector<float> label_scores(relations.size());
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    size_t right_moves = 0, all_moves = 0;
    const bool explore = epoch >= options.explore_from;
    for (size_t s : order) {
      const Prepared& p = data[s];
      const size_t n = p.heads.size();
      state.reset(n);
      while (!state.terminal()) {
        const size_t count = move_features(state, p.words.data(), features.data());
        std::span<const uint32_t> f(features.data(), count);
        std::array<float, kMoves> scores{};
        moves.score(f, scores);
        std::array<uint32_t, kMoves> cost{};
        uint32_t least = std::numeric_limits<uint32_t>::max();
        for (Move m : {kShift, kLeft, kRight}) {
          cost[m] = state.valid(m) ? state.cost(m, p.heads) : std::numeric_limits<uint32_t>::max();
          least = std::min(least, cost[m]);
        }
        int guess = -1, best = -1;
        for (Move m : {kShift, kLeft, kRight}) {
          if (!state.valid(m)) continue;
          if (guess < 0 || scores[m] > scores[guess]) guess = m;
          if (cost[m] == least && (best < 0 || scores[m] > scores[best])) best = m;
        }
        if (cost[guess] > least) moves.update(f, best, guess);
        moves.next_example();
        right_moves += cost[guess] == least;
        ++all_moves;
        const Move move = static_cast<Move>(explore && random.unit() < options.explore ? guess : best);
        uint8_t label = 0;
        if (move != kShift) {
          const int32_t head = state.arc_head(move), dependent = state.arc_dependent();
          if (head == state.root()) {
            label = root_label;
          } else {
            const size_t lc = label_features(state, p.words.data(), head, dependent, arc_features.data());
            std::span<const uint32_t> lf(arc_features.data(), lc);
            std::fill(label_scores.begin(), label_scores.end(), 0.0f);
            labels.score(lf, label_scores);
            label_scores[root_label] = -std::numeric_limits<float>::infinity();
            label = static_cast<uint8_t>(std::max_element(label_scores.begin(), label_scores.end()) -
                                         label_scores.begin());
            if (p.heads[dependent] == head) {
              labels.update(lf, p.labels[dependent], label);
              labels.next_example();
            }
          }
        }
        state.apply(move, label);
      }
    }
    if (options.log) {
      *options.log << "parser epoch " << epoch << ": moves right " << static_cast<double>(right_moves) / all_moves
                   << ", " << moves.features() << " move features, " << labels.features() << " relation features";
      if (!dev.empty() && (epoch == options.epochs || epoch % 3 == 0)) {
        DependencyParser parser(parser_file(relations, moves.average({.min_weight = options.min_weight}),
                                            labels.average({.min_weight = options.min_weight}), options));
        ParseAccuracy a = evaluate_parser(parser, dev);
        char buf[128];
        std::snprintf(buf, sizeof buf, "; dev UAS %.4f LAS %.4f (%zu words)", static_cast<double>(a.heads) / a.words,
                      static_cast<double>(a.labelled) / a.words, a.words);
        *options.log << buf;
      }
      *options.log << std::endl;
    }
  }
  return parser_file(relations, moves.average({.min_weight = options.min_weight}),
                     labels.average({.min_weight = options.min_weight}), options);
}

}  // namespace sitrep
