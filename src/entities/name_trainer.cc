#include "entities/name_trainer.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <numeric>
#include <stdexcept>

#include "learn/feature_hash.h"
#include "learn/perceptron.h"
#include "syntax/conllu.h"
#include "text/abbreviations.h"
#include "text/tokenizer.h"

namespace sitrep {

namespace {

// BIO tags of one sentence -> BILOU labels.
std::vector<uint8_t> bilou(const std::vector<std::pair<char, int>>& tags) {
  std::vector<uint8_t> out(tags.size(), 0);
  for (size_t i = 0; i < tags.size(); ++i) {
    const auto [prefix, type] = tags[i];
    if (type < 0) continue;
    const bool starts = prefix == 'B' || i == 0 || tags[i - 1].second != type;
    const bool ends = i + 1 == tags.size() || tags[i + 1].second != type || tags[i + 1].first == 'B';
    const BilouPart part = starts && ends ? BilouPart::kUnit : starts ? BilouPart::kBegin : ends ? BilouPart::kLast
                                                                                           : BilouPart::kInside;
    out[i] = name_label(static_cast<NameType>(type), part);
  }
  return out;
}

// A copy of `d` with sentence `s` in capitals (ASCII letters), its tokens'
// case flags set as the tokeniser would.
NameDocument with_capitals(const NameDocument& d, size_t s, const NameStages& stages) {
  NameDocument out = d;
  const Sentence& sent = out.doc.sentences[s];
  std::string& text = out.doc.article.text;
  for (size_t i = sent.first_token; i < sent.end_token; ++i) {
    Token& t = out.doc.tokens[i];
    bool letters = false;
    for (uint32_t b = t.begin; b < t.end; ++b) {
      char& ch = text[b];
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      letters = letters || (ch >= 'A' && ch <= 'Z');
    }
    if ((t.kind == TokenKind::kWord || t.kind == TokenKind::kAbbrev) && letters) {
      t.flags |= kUpperInitial;
      if (t.end - t.begin >= 2) t.flags |= kAllUpper;
    }
  }
  stages.hmm->run(out.doc);
  return out;
}

}  // namespace

NameStages NameStages::load(const std::string& data_dir) {
  NameStages s;
  auto abbreviations = std::make_shared<const Abbreviations>(Abbreviations::load(data_dir));
  Tokenizer tokenizer(abbreviations);
  s.hmm = Tagger::load(data_dir);
  s.gazetteer = Gazetteer::load(data_dir, tokenizer);
  s.lexicon = NameLexicon::load(data_dir, tokenizer);
  return s;
}

std::vector<NameDocument> read_bio(const std::string& path, const NameStages& stages) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<NameDocument> docs;
  std::vector<ConlluSentence> sentences;
  std::vector<std::vector<std::pair<char, int>>> tags;
  ConlluSentence sentence;
  std::vector<std::pair<char, int>> sentence_tags;
  auto end_sentence = [&] {
    if (sentence.words.empty()) return;
    sentences.push_back(std::move(sentence));
    tags.push_back(std::move(sentence_tags));
    sentence = ConlluSentence{};
    sentence_tags.clear();
  };
  auto end_document = [&] {
    end_sentence();
    if (sentences.empty()) return;
    NameDocument d;
    d.doc = document_of(std::span<const ConlluSentence>(sentences));
    for (const auto& t : tags) {
      std::vector<uint8_t> labels = bilou(t);
      d.gold.insert(d.gold.end(), labels.begin(), labels.end());
    }
    stages.hmm->run(d.doc);
    docs.push_back(std::move(d));
    sentences.clear();
    tags.clear();
  };
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("-DOCSTART-", 0) == 0) {
      end_document();
      continue;
    }
    if (line.empty()) {
      end_sentence();
      continue;
    }
    const size_t tab = line.rfind('\t');
    if (tab == std::string::npos || tab == 0)
      throw std::runtime_error(path + ":" + std::to_string(number) + ": expected TOKEN<TAB>TAG");
    const std::string tag = line.substr(tab + 1);
    int type = -1;
    char prefix = 'O';
    if (tag != "O") {
      if (tag.size() < 3 || (tag[0] != 'B' && tag[0] != 'I') || tag[1] != '-')
        throw std::runtime_error(path + ":" + std::to_string(number) + ": tag '" + tag + "' is not O, B-X or I-X");
      prefix = tag[0];
      const std::string t = tag.substr(2);
      type = t == "PER" ? 0 : t == "ORG" ? 1 : t == "LOC" ? 2 : -1;
    }
    ConlluWord w;
    w.form = line.substr(0, tab);
    w.line = number;
    sentence.words.push_back(std::move(w));
    sentence_tags.emplace_back(prefix, type);
  }
  end_document();
  return docs;
}

double NameScore::f(int type) const {
  size_t g = 0, f = 0, r = 0;
  for (size_t t = 0; t < kNameTypes; ++t) {
    if (type >= 0 && static_cast<size_t>(type) != t) continue;
    g += gold[t];
    f += found[t];
    r += right[t];
  }
  return g + f == 0 ? 0 : 2.0 * static_cast<double>(r) / static_cast<double>(g + f);
}

NameScore evaluate_names(const NameModel& model, const std::vector<NameDocument>& docs) {
  NameScore score;
  for (const NameDocument& d : docs) {
    Document doc = d.doc;
    model.run(doc);
    Document gold = d.doc;
    gold.name_tags = d.gold;
    for (const Sentence& s : doc.sentences) {
      std::vector<NameSpan> want = name_spans(gold, s.first_token, s.end_token);
      std::vector<NameSpan> got = name_spans(doc, s.first_token, s.end_token);
      for (const NameSpan& n : want) ++score.gold[static_cast<size_t>(n.type)];
      for (const NameSpan& n : got) {
        ++score.found[static_cast<size_t>(n.type)];
        for (const NameSpan& m : want)
          if (m.begin == n.begin && m.end == n.end && m.type == n.type) ++score.right[static_cast<size_t>(n.type)];
      }
    }
  }
  return score;
}

learn::ModelFile train_names(const std::vector<NameDocument>& train_in, const std::vector<NameDocument>& dev,
                             const NameStages& stages, const NameTrainOptions& options) {
  // The training documents, and copies with a line in capitals.
  std::vector<NameDocument> train = train_in;
  learn::Random random(options.seed);
  if (options.capitals_every > 0) {
    for (size_t d = 0; d < train_in.size(); d += static_cast<size_t>(options.capitals_every)) {
      const NameDocument& doc = train_in[d];
      if (doc.doc.sentences.empty()) continue;
      train.push_back(with_capitals(doc, 0, stages));
      if (doc.doc.sentences.size() > 1)
        train.push_back(with_capitals(doc, 1 + random.below(doc.doc.sentences.size() - 1), stages));
    }
  }
  // How often each word is written with a capital, in the training text and
  // the unlabelled text.
  CapitalCounter counter;
  for (const NameDocument& d : train_in) counter.add(d.doc);
  for (const std::string& path : options.unlabeled) {
    std::vector<ConlluSentence> sentences = read_conllu(path);
    for (size_t b = 0; b < sentences.size(); b += 200) {
      const size_t e = std::min(sentences.size(), b + 200);
      counter.add(document_of(std::span<const ConlluSentence>(sentences.data() + b, e - b)));
    }
  }
  const learn::KeyTable capitals = counter.table();
  if (options.log) *options.log << "names: capitals of " << capitals.size() << " words" << std::endl;
  std::vector<NameEvidence> evidence;
  evidence.reserve(train.size());
  for (const NameDocument& d : train) evidence.emplace_back(d.doc, *stages.gazetteer, *stages.lexicon, &capitals);

  // The labels the model can give: a gold name's tokens that it is asked
  // about (NameEvidence::Token::asked), each run of them a name of its own;
  // the rest O. ("@" before a handle, a lower-case "the" before a name.)
  std::vector<std::vector<uint8_t>> targets(train.size());
  for (size_t d = 0; d < train.size(); ++d) {
    const std::vector<uint8_t>& gold = train[d].gold;
    std::vector<uint8_t>& t = targets[d];
    t.assign(gold.size(), 0);
    for (size_t i = 0; i < gold.size();) {
      if (gold[i] == 0) {
        ++i;
        continue;
      }
      size_t e = i + 1;  // the gold name [i, e)
      if (label_part(gold[i]) == BilouPart::kBegin || label_part(gold[i]) == BilouPart::kInside)
        while (e < gold.size() && gold[e] != 0 && label_type(gold[e]) == label_type(gold[i]) &&
               (label_part(gold[e]) == BilouPart::kInside || label_part(gold[e]) == BilouPart::kLast)) {
          ++e;
          if (label_part(gold[e - 1]) == BilouPart::kLast) break;
        }
      const NameType type = label_type(gold[i]);
      for (size_t k = i; k < e;) {
        if (!evidence[d][k].asked) {
          ++k;
          continue;
        }
        size_t r = k;
        while (r < e && evidence[d][r].asked) ++r;
        for (size_t j = k; j < r; ++j)
          t[j] = name_label(type, r - k == 1 ? BilouPart::kUnit
                                  : j == k   ? BilouPart::kBegin
                                  : j + 1 == r ? BilouPart::kLast
                                               : BilouPart::kInside);
        k = r;
      }
      i = e;
    }
  }

  // A structured averaged perceptron (Collins 2002): each sentence is decoded
  // by Viterbi with the current weights, and where the best path differs from
  // the true one, the true path's features gain and the guessed path's lose.
  learn::Perceptron perceptron(kNameLabels);
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::vector<uint32_t>> base_features;
  std::vector<float> base;
  std::vector<uint8_t> guess;
  std::array<uint32_t, kMaxHistoryFeatures> hist;
  std::array<float, kNameLabels> scratch;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    size_t tokens = 0, errors = 0;
    NameHistory names_before;
    Document labelled;
    for (size_t d : order) {
      const NameDocument& nd = train[d];
      names_before.clear();
      labelled.tokens = nd.doc.tokens;
      labelled.name_tags.assign(nd.doc.tokens.size(), 0);
      for (size_t s = 0; s < nd.doc.sentences.size(); ++s) {
        const size_t first = nd.doc.sentences[s].first_token, end = nd.doc.sentences[s].end_token;
        const size_t n = end - first;
        base_features.resize(n);
        base.assign(n * kNameLabels, 0.0f);
        for (size_t i = 0; i < n; ++i) {
          if (!evidence[d][first + i].asked) {  // as at run time: outside any name
            base_features[i].clear();
            std::fill(base.begin() + static_cast<ptrdiff_t>(i * kNameLabels + 1),
                      base.begin() + static_cast<ptrdiff_t>((i + 1) * kNameLabels), -1e9f);
            continue;
          }
          std::array<uint32_t, kMaxNameFeatures> f;
          const size_t count = name_features(nd.doc, evidence[d], names_before, s, first + i, f.data());
          base_features[i].assign(f.begin(), f.begin() + static_cast<ptrdiff_t>(count));
          perceptron.score(base_features[i], std::span<float>(base.data() + i * kNameLabels, kNameLabels));
        }
        auto history = [&](size_t i, uint32_t prev, float* scores) {
          const size_t count = history_features(nd.doc, evidence[d], s, first + i, prev, hist.data());
          perceptron.score(std::span<const uint32_t>(hist.data(), count), std::span<float>(scores, kNameLabels));
        };
        guess.assign(n, 0);
        viterbi<float>(n, base.data(), history, guess.data(), nullptr);
        (void)scratch;
        for (size_t i = 0; i < n; ++i) {
          const uint8_t truth = targets[d][first + i], got = guess[i];
          const uint32_t truth_prev = i == 0 ? kNoLabel : targets[d][first + i - 1];
          const uint32_t got_prev = i == 0 ? kNoLabel : guess[i - 1];
          ++tokens;
          // (At a token the model is not asked about both are O: only the
          // history features, on the path into it, may differ.)
          if (truth != got && evidence[d][first + i].asked) {
            perceptron.reward(base_features[i], truth, 1.0f);
            perceptron.reward(base_features[i], got, -1.0f);
            ++errors;
          }
          if (truth != got || truth_prev != got_prev) {
            size_t count = history_features(nd.doc, evidence[d], s, first + i, truth_prev, hist.data());
            perceptron.reward(std::span<const uint32_t>(hist.data(), count), truth, 1.0f);
            count = history_features(nd.doc, evidence[d], s, first + i, got_prev, hist.data());
            perceptron.reward(std::span<const uint32_t>(hist.data(), count), got, -1.0f);
          }
          perceptron.next_example();
        }
        // What the model said of this sentence is the history of the next ones.
        std::copy(guess.begin(), guess.end(), labelled.name_tags.begin() + static_cast<ptrdiff_t>(first));
        names_before.add(labelled, evidence[d], first, end);
      }
    }
    if (options.log) {
      *options.log << "names epoch " << epoch << ": " << errors << " errors in " << tokens << " tokens";
      if (!dev.empty()) {
        NameModel model(perceptron.average({.min_weight = options.min_weight}), capitals, stages.gazetteer, stages.lexicon);
        NameScore sc = evaluate_names(model, dev);
        char line[160];
        std::snprintf(line, sizeof line, "; dev F %.4f (PER %.3f, ORG %.3f, LOC %.3f)", sc.f(), sc.f(0), sc.f(1), sc.f(2));
        *options.log << line;
      }
      *options.log << std::endl;
    }
  }
  learn::ModelFile file;
  file.kind = "names";
  file.header = options.header;
  file.header.insert(file.header.begin(), {"features", std::string(kNameFeatureSet)});
  std::vector<std::string> labels;
  for (uint8_t l = 0; l < kNameLabels; ++l) labels.push_back(label_name(l));
  file.header.emplace_back("labels", [&] {
    std::string all;
    for (const std::string& l : labels) all += (all.empty() ? "" : " ") + l;
    return all;
  }());
  file.sections.emplace_back("labels", learn::serialize_labels(labels));
  file.sections.emplace_back("weights", perceptron.average({.min_weight = options.min_weight}).serialize());
  file.sections.emplace_back("capitals", serialize_capitals(capitals));
  return file;
}

}  // namespace sitrep
