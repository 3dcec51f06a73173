#include "syntax/tagger_trainer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <unordered_map>

#include "core/tsv.h"
#include "learn/feature_hash.h"
#include "learn/perceptron.h"

namespace sitrep {

namespace {

std::string class_name(const ConlluWord& w) { return w.upos + "|" + w.xpos; }

struct Prepared {
  std::vector<Pos> hmm;
  std::vector<WordFeatures> words;
  std::vector<uint16_t> ambiguity;
  std::vector<uint16_t> lexicon;
  std::vector<uint16_t> gold;
};

// Each lexicon word's likely Penn tags, P(tag | word) from ln P(word | tag)
// and the WSJ tag counts, as a numbered set; sets in order of first
// appearance over the sorted words.
std::vector<std::pair<uint64_t, uint16_t>> lexicon_sets(const std::string& dir, double min_share) {
  std::map<std::string, double> tag_count;
  TsvTable trigrams = load_tsv(dir + "/pos_trigrams.tsv");
  for (const auto& row : trigrams.rows) tag_count[row[trigrams.column("t3")]] += std::stod(row[trigrams.column("count")]);
  std::map<uint64_t, std::map<std::string, double>> readings;
  for (const char* name : {"pos_lexicon.tsv", "pos_lexicon_wordnet.tsv"}) {
    TsvTable t = load_tsv(dir + "/" + name);
    const size_t word = t.column("word"), tag = t.column("tag"), logprob = t.column("logprob");
    for (const auto& row : t.rows) {
      // The trigram counts lump PRP$ with PRP and WP$ with WP.
      std::string base = row[tag] == "PRP$" ? "PRP" : row[tag] == "WP$" ? "WP" : row[tag];
      auto& r = readings[lower_key(row[word])];
      if (!r.count(row[tag])) r[row[tag]] = std::exp(std::stod(row[logprob])) * std::max(1.0, tag_count[base]);
    }
  }
  std::vector<std::pair<uint64_t, uint16_t>> out;
  std::map<std::vector<std::string>, uint16_t> sets;
  for (const auto& [key, tags] : readings) {
    double total = 0;
    for (const auto& [tag, p] : tags) total += p;
    std::vector<std::string> set;
    for (const auto& [tag, p] : tags)
      if (p >= min_share * total) set.push_back(tag);
    auto [it, fresh] = sets.try_emplace(set, static_cast<uint16_t>(sets.size()));
    if (sets.size() >= kUnseenWord) break;
    out.emplace_back(key, it->second);
  }
  return out;
}

std::string dictionary_bytes(const std::vector<std::pair<uint64_t, uint16_t>>& entries) {
  learn::ByteWriter w;
  w.varint(entries.size());
  for (auto [key, cls] : entries) {
    w.u64(key);
    w.varint(cls);
  }
  return std::move(w.str());
}

learn::ModelFile tagger_file(const std::vector<std::string>& classes, const learn::LinearModel& model,
                             const std::vector<std::pair<uint64_t, uint16_t>>& dictionary,
                             const std::vector<std::pair<uint64_t, uint16_t>>& ambiguity,
                             const std::vector<std::pair<uint64_t, uint16_t>>& lexicon,
                             const TaggerTrainOptions& options) {
  learn::ModelFile f;
  f.kind = "tagger";
  for (const auto& kv : options.header) f.header.push_back(kv);
  f.header.emplace_back("features", std::string(kTaggerFeatureSet));
  std::string labels;
  for (const std::string& c : classes) labels += (labels.empty() ? "" : " ") + c;
  f.header.emplace_back("labels", std::to_string(classes.size()) + " UPOS|XPOS classes: " + labels);
  f.header.emplace_back("training", "averaged perceptron, " + std::to_string(options.epochs) + " epochs, seed " +
                                        std::to_string(options.seed) + "; " + std::to_string(model.features()) +
                                        " features, " + std::to_string(model.weights()) + " weights (16-bit), " +
                                        std::to_string(dictionary.size()) + " dictionary words, " +
                                        std::to_string(ambiguity.size()) + " words with ambiguity classes, " +
                                        std::to_string(lexicon.size()) + " WSJ lexicon words");
  f.sections.emplace_back("classes", learn::serialize_labels(classes));
  f.sections.emplace_back("weights", model.serialize());
  f.sections.emplace_back("dictionary", dictionary_bytes(dictionary));
  f.sections.emplace_back("ambiguity", dictionary_bytes(ambiguity));
  f.sections.emplace_back("lexicon", dictionary_bytes(lexicon));
  return f;
}

}  // namespace

Document hmm_tagged(const ConlluSentence& s, const Tagger& hmm) {
  Document doc = document_of(s);
  doc.pos.assign(doc.tokens.size(), Pos::kUnknown);
  hmm.tag_sentence(doc.text(), doc.tokens, 0, doc.tokens.size(), doc.pos);
  return doc;
}

TagAccuracy evaluate_tagger(const PerceptronTagger& tagger, const Tagger& hmm,
                            const std::vector<ConlluSentence>& sentences) {
  TagAccuracy a;
  std::vector<uint16_t> out;
  for (const ConlluSentence& s : sentences) {
    Document doc = hmm_tagged(s, hmm);
    out.assign(doc.tokens.size(), 0);
    tagger.tag(doc, 0, doc.tokens.size(), out);
    for (size_t i = 0; i < s.words.size(); ++i) {
      const TagClass& c = tagger.classes()[out[i]];
      ++a.words;
      a.upos += to_string(c.upos) == s.words[i].upos;
      a.xpos += c.xpos == s.words[i].xpos;
    }
  }
  return a;
}

void retag(const PerceptronTagger& tagger, const Tagger& hmm, std::vector<ConlluSentence>& sentences) {
  std::vector<uint16_t> out;
  for (ConlluSentence& s : sentences) {
    Document doc = hmm_tagged(s, hmm);
    out.assign(doc.tokens.size(), 0);
    tagger.tag(doc, 0, doc.tokens.size(), out);
    for (size_t i = 0; i < s.words.size(); ++i) {
      const TagClass& c = tagger.classes()[out[i]];
      s.words[i].upos = to_string(c.upos);
      s.words[i].xpos = c.xpos;
    }
  }
}

learn::ModelFile train_tagger(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
                              const TaggerTrainOptions& options) {
  // The classes: UPOS|XPOS pairs, commonest first; a rare pair is folded into
  // the commonest pair of its XPOS (else of its UPOS).
  std::map<std::string, size_t> counts;
  for (const ConlluSentence& s : train)
    for (const ConlluWord& w : s.words) ++counts[class_name(w)];
  std::vector<std::pair<std::string, size_t>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> classes;
  std::map<std::string, uint16_t> index;
  for (const auto& [name, count] : sorted) {
    TagClass parsed;
    if (count < options.min_class_count || !parse_tag_class(name, parsed)) continue;
    index[name] = static_cast<uint16_t>(classes.size());
    classes.push_back(name);
  }
  if (classes.empty()) throw learn::ModelError("no tag classes in the training data");
  auto fold = [&](const ConlluWord& w) -> uint16_t {
    auto it = index.find(class_name(w));
    if (it != index.end()) return it->second;
    for (size_t c = 0; c < classes.size(); ++c)  // commonest first
      if (classes[c].substr(classes[c].find('|') + 1) == w.xpos) return static_cast<uint16_t>(c);
    for (size_t c = 0; c < classes.size(); ++c)
      if (classes[c].substr(0, classes[c].find('|')) == w.upos) return static_cast<uint16_t>(c);
    return 0;
  };

  std::shared_ptr<const Tagger> hmm = options.hmm;
  if (!hmm) hmm = Tagger::load(options.lexicon_dir.empty() ? std::string(".") : options.lexicon_dir);
  std::vector<Prepared> data(train.size());
  std::unordered_map<uint64_t, std::vector<uint32_t>> form_counts, lower_counts;
  for (size_t s = 0; s < train.size(); ++s) {
    Document doc = hmm_tagged(train[s], *hmm);
    Prepared& p = data[s];
    p.hmm = doc.pos;
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
      p.words.push_back(word_features(doc.text(), doc.tokens[i]));
      p.gold.push_back(fold(train[s].words[i]));
      for (auto* counts : {&form_counts, &lower_counts}) {
        auto& c = (*counts)[counts == &form_counts ? p.words.back().form : p.words.back().lower];
        c.resize(classes.size());
        ++c[p.gold.back()];
      }
    }
  }
  // Ambiguity classes: the set of classes of each word seen at least twice,
  // numbered in order of first appearance of the set over the sorted words.
  std::vector<std::pair<uint64_t, uint16_t>> ambiguity;
  {
    std::vector<std::pair<uint64_t, std::vector<uint32_t>>> words(lower_counts.begin(), lower_counts.end());
    std::sort(words.begin(), words.end());
    std::map<std::vector<uint32_t>, uint16_t> sets;
    for (const auto& [word, c] : words) {
      if (std::accumulate(c.begin(), c.end(), 0u) < options.ambiguity_min_count) continue;
      std::vector<uint32_t> set;
      for (size_t k = 0; k < c.size(); ++k)
        if (c[k] > 0) set.push_back(static_cast<uint32_t>(k));
      auto [it, fresh] = sets.try_emplace(set, static_cast<uint16_t>(sets.size()));
      if (sets.size() >= kUnseenWord) break;
      ambiguity.emplace_back(word, it->second);
    }
  }
  std::vector<std::pair<uint64_t, uint16_t>> lexicon;
  if (!options.lexicon_dir.empty()) lexicon = lexicon_sets(options.lexicon_dir, options.lexicon_min_share);
  learn::KeyTable ambiguity_table(ambiguity), lexicon_table(lexicon);
  for (Prepared& p : data) {
    for (const WordFeatures& w : p.words) {
      const uint16_t* a = ambiguity_table.find(w.lower);
      p.ambiguity.push_back(a ? *a : kUnseenWord);
      const uint16_t* l = lexicon_table.find(w.lower);
      p.lexicon.push_back(l ? *l : kUnseenWord);
    }
  }
  std::vector<std::pair<uint64_t, uint16_t>> dictionary;
  for (const auto& [form, c] : form_counts) {
    uint32_t total = std::accumulate(c.begin(), c.end(), 0u);
    auto top = std::max_element(c.begin(), c.end());
    if (total >= options.dictionary_min_count && *top >= options.dictionary_min_share * total)
      dictionary.emplace_back(form, static_cast<uint16_t>(top - c.begin()));
  }
  std::sort(dictionary.begin(), dictionary.end());
  learn::KeyTable dict(dictionary);

  learn::Perceptron perceptron(classes.size());
  learn::Random random(options.seed);
  std::vector<size_t> order(data.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> scores(classes.size());
  std::array<uint32_t, kMaxTaggerFeatures> features;
  learn::LinearModel model;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    size_t correct = 0, total = 0;
    for (size_t s : order) {
      const Prepared& p = data[s];
      uint32_t prev1 = kNoClass, prev2 = kNoClass;
      for (size_t i = 0; i < p.words.size(); ++i) {
        uint16_t guess;
        if (const uint16_t* known = dict.find(p.words[i].form)) {
          guess = *known;
        } else {
          const TaggerWords sentence{p.words.data(), p.ambiguity.data(), p.lexicon.data(), p.hmm.data(),
                                     p.words.size()};
          size_t n = tagger_features(sentence, i, prev1, prev2, features.data());
          std::span<const uint32_t> f(features.data(), n);
          std::fill(scores.begin(), scores.end(), 0.0f);
          perceptron.score(f, scores);
          guess = static_cast<uint16_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
          perceptron.update(f, p.gold[i], guess);
          perceptron.next_example();
        }
        correct += guess == p.gold[i];
        ++total;
        prev2 = prev1;
        prev1 = guess;
      }
    }
    if (options.log) {
      *options.log << "tagger epoch " << epoch << ": train " << static_cast<double>(correct) / std::max<size_t>(total, 1)
                   << ", " << perceptron.features() << " features";
      if (!dev.empty() && (epoch == options.epochs || epoch % 2 == 0)) {
        model = perceptron.average({.min_weight = options.min_weight});
        PerceptronTagger t(tagger_file(classes, model, dictionary, ambiguity, lexicon, options));
        TagAccuracy a = evaluate_tagger(t, *hmm, dev);
        char buf[128];
        std::snprintf(buf, sizeof buf, "; dev UPOS %.4f XPOS %.4f (%zu words)", static_cast<double>(a.upos) / a.words,
                      static_cast<double>(a.xpos) / a.words, a.words);
        *options.log << buf;
      }
      *options.log << std::endl;
    }
  }
  model = perceptron.average({.min_weight = options.min_weight});
  return tagger_file(classes, model, dictionary, ambiguity, lexicon, options);
}

std::vector<ConlluSentence> jackknife_tags(const std::vector<ConlluSentence>& train, size_t folds,
                                           const TaggerTrainOptions& options) {
  std::vector<ConlluSentence> out = train;
  folds = std::clamp<size_t>(folds, 2, std::max<size_t>(train.size(), 2));
  for (size_t k = 0; k < folds; ++k) {
    const size_t begin = train.size() * k / folds, end = train.size() * (k + 1) / folds;
    std::vector<ConlluSentence> rest, held;
    for (size_t s = 0; s < train.size(); ++s) (s >= begin && s < end ? held : rest).push_back(train[s]);
    TaggerTrainOptions o = options;
    o.log = nullptr;
    if (!o.hmm) o.hmm = Tagger::load(o.lexicon_dir.empty() ? std::string(".") : o.lexicon_dir);
    PerceptronTagger tagger(train_tagger(rest, {}, o));
    retag(tagger, *o.hmm, held);
    TagAccuracy a =
        evaluate_tagger(tagger, *o.hmm, std::vector<ConlluSentence>(train.begin() + begin, train.begin() + end));
    if (options.log)
      *options.log << "jackknife fold " << k + 1 << "/" << folds << ": UPOS "
                   << static_cast<double>(a.upos) / std::max<size_t>(a.words, 1) << std::endl;
    for (size_t s = begin; s < end; ++s) out[s] = std::move(held[s - begin]);
  }
  return out;
}

}  // namespace sitrep
