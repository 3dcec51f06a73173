// sitrep train: the learnt models from CoNLL-U treebanks. The work is in
// syntax/tagger_trainer.h and syntax/parser_trainer.h; this parses flags,
// reads the corpora and writes the model file.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/options.h"
#include "entities/name_trainer.h"
#include "syntax/conllu.h"
#include "syntax/parser_trainer.h"
#include "syntax/tagger_trainer.h"

namespace sitrep::cli {

const char* const kTrainHelp = R"(Usage: sitrep train tagger|parser|names [OPTIONS] -o MODEL

Trains a model from CoNLL-U treebanks, deterministically: the same corpora
and options give a byte-identical model file. scripts/train_models.sh runs
this for every model under data/models/; run it rather than this by hand.

  tagger   UPOS and Penn tags (averaged perceptron, greedy left to right)
  parser   dependency heads and UD relations (arc-hybrid transitions with a
           dynamic oracle; a relation classifier for each arc). Train it on
           sentences whose tags the tagger predicted (see --jackknife), so
           that it learns from tags as good as it will be given.
  names    where names of people, organisations and places are (BILOU
           labels, averaged perceptron, greedy left to right), from BIO
           files (scripts/ner_data.py), with the lexicons of --lexicon-dir
           as features

Options:
  --train FILES       comma-separated CoNLL-U files to learn from (required)
  --dev FILES         comma-separated CoNLL-U files to report accuracy on
                      after each epoch (never a test set)
  -o, --output MODEL  the model file to write (required)
  --epochs N          passes over the training sentences (tagger 12, parser 15)
  --seed N            the shuffling and exploration seed (default 1)
  --min-weight X      drop averaged weights smaller than X (smaller models)
  --corpora TEXT      the model header's "corpora" line: which corpora, which
                      revisions (see ../shared/corpora/SOURCES.txt)
  --licence TEXT      the model header's "licence" line
  --lexicon-dir DIR   a sitrep data folder (data/): its HMM tagger's tags are
                      features of the learnt tagger, which is stacked on it,
                      and its WSJ lexicon (pos_lexicon.tsv and
                      pos_lexicon_wordnet.tsv, weighed by pos_trigrams.tsv)
                      gives each word its likely Penn tags, a table baked into
                      the model. Required for the tagger, and for the parser
                      with --tagger
  --tagger MODEL      parser: tag the --dev sentences with this tagger first
  --jackknife K       tagger: also tag the training sentences K-fold (each
                      part by a tagger trained on the others) and write them
                      to --predicted FILE, the parser's training data
  --predicted FILE    where --jackknife writes
  --unlabeled FILES   names: comma-separated CoNLL-U files whose text gives
                      each word's share of capitals, a table baked into the
                      model (never a test set)
  -h, --help          show this help

Examples:
  sitrep train tagger --train ewt-train.conllu,gum-train.conllu --dev ewt-dev.conllu \
      --lexicon-dir data -o tagger.model --jackknife 10 --predicted /tmp/train-tagged.conllu
  sitrep train parser --train /tmp/train-tagged.conllu --dev ewt-dev.conllu \
      --tagger tagger.model --lexicon-dir data --min-weight 1 -o parser.model

Progress and dev accuracy go to stderr. A malformed input line is reported as
FILE:LINE: what is wrong. Exit codes: 0 ok, 1 failed, 2 usage error.
)";

namespace {

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::vector<ConlluSentence> read_all(const std::string& files) {
  std::vector<ConlluSentence> out;
  for (const std::string& f : split_commas(files)) {
    std::vector<ConlluSentence> s = read_conllu(f);
    for (auto& x : s) out.push_back(std::move(x));
  }
  return out;
}

bool parse_number(const ParsedArgs& a, const char* flag, double& out, std::string& error) {
  if (!a.has(flag)) return true;
  const std::string v = a.get(flag);
  char* end = nullptr;
  out = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || out < 0) {
    error = std::string(flag) + " needs a number >= 0, not '" + v + "'";
    return false;
  }
  return true;
}

}  // namespace

int run_train(const std::vector<std::string>& args) {
  static const std::vector<FlagSpec> kFlags = {
      {"--train", ""},     {"--dev", ""},        {"--output", "-o"}, {"--epochs", ""},
      {"--seed", ""},      {"--min-weight", ""}, {"--corpora", ""},  {"--licence", ""},
      {"--tagger", ""},    {"--jackknife", ""},  {"--predicted", ""}, {"--lexicon-dir", ""}, {"--unlabeled", ""}, {"--help", "-h", false},
  };
  ParsedArgs a;
  if (auto done = parse_command("train", args, kFlags, kTrainHelp, a)) return *done;
  if (a.positional.size() != 1 ||
      (a.positional[0] != "tagger" && a.positional[0] != "parser" && a.positional[0] != "names"))
    return usage_error("train", "name what to train: tagger, parser or names");
  const std::string what = a.positional[0];
  if (!a.has("--train")) return usage_error("train", "--train FILES is required");
  if (!a.has("--output")) return usage_error("train", "-o MODEL is required");
  double epochs = what == "tagger" ? 12 : what == "names" ? 10 : 15, seed = 1, min_weight = 0, jackknife = 0;
  std::string error;
  if (!parse_number(a, "--epochs", epochs, error) || !parse_number(a, "--seed", seed, error) ||
      !parse_number(a, "--min-weight", min_weight, error) || !parse_number(a, "--jackknife", jackknife, error))
    return usage_error("train", error);
  if (epochs < 1 || epochs > 1000) return usage_error("train", "--epochs must be 1 to 1000");
  if (jackknife > 0 && (what != "tagger" || !a.has("--predicted")))
    return usage_error("train", "--jackknife is for the tagger, with --predicted FILE");
  if (what == "tagger" && !a.has("--lexicon-dir"))
    return usage_error("train", "the tagger needs --lexicon-dir DIR (sitrep's data folder: the HMM tagger and WSJ lexicon)");
  if (what == "names" && !a.has("--lexicon-dir"))
    return usage_error("train", "names need --lexicon-dir DIR (sitrep's data folder: its lexicons are features)");
  std::vector<std::pair<std::string, std::string>> header;
  if (a.has("--corpora")) header.emplace_back("corpora", a.get("--corpora"));
  if (a.has("--licence")) header.emplace_back("licence", a.get("--licence"));

  try {
    // The settings every trainer shares.
    auto common = [&](auto& o) {
      o.epochs = static_cast<int>(epochs);
      o.seed = static_cast<uint64_t>(seed);
      o.min_weight = static_cast<float>(min_weight);
      o.header = header;
      o.log = &std::cerr;
    };
    if (what == "names") {
      const NameStages stages = NameStages::load(a.get("--lexicon-dir"));
      std::vector<NameDocument> train, dev;
      for (const std::string& f : split_commas(a.get("--train")))
        for (auto& d : read_bio(f, stages)) train.push_back(std::move(d));
      for (const std::string& f : split_commas(a.get("--dev")))
        for (auto& d : read_bio(f, stages)) dev.push_back(std::move(d));
      std::cerr << "sitrep train names: " << train.size() << " training documents, " << dev.size()
                << " dev documents" << std::endl;
      NameTrainOptions o;
      common(o);
      o.unlabeled = split_commas(a.get("--unlabeled"));
      train_names(train, dev, stages, o).write(a.get("--output"));
      return kExitOk;
    }
    std::vector<ConlluSentence> train = read_all(a.get("--train"));
    std::vector<ConlluSentence> dev = read_all(a.get("--dev"));
    std::cerr << "sitrep train " << what << ": " << train.size() << " training sentences, " << dev.size()
              << " dev sentences" << std::endl;
    if (what == "tagger") {
      TaggerTrainOptions o;
      common(o);
      o.lexicon_dir = a.get("--lexicon-dir");
      train_tagger(train, dev, o).write(a.get("--output"));
      if (jackknife > 0) {
        std::vector<ConlluSentence> tagged = jackknife_tags(train, static_cast<size_t>(jackknife), o);
        std::string out;
        for (const ConlluSentence& s : tagged) write_conllu(s, out);
        FILE* f = std::fopen(a.get("--predicted").c_str(), "wb");
        if (!f || std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fclose(f) != 0) {
          std::fprintf(stderr, "sitrep train: cannot write %s\n", a.get("--predicted").c_str());
          return kExitInputFailed;
        }
      }
    } else {
      ParserTrainOptions o;
      common(o);
      if (a.has("--tagger")) {
        if (!a.has("--lexicon-dir")) return usage_error("train", "--tagger needs --lexicon-dir (the HMM tagger's data)");
        auto tagger = PerceptronTagger::load(a.get("--tagger"));
        auto hmm = Tagger::load(a.get("--lexicon-dir"));
        retag(*tagger, *hmm, dev);
      }
      train_parser(train, dev, o).write(a.get("--output"));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sitrep train: %s\n", e.what());
    return kExitInputFailed;
  }
  return kExitOk;
}

}  // namespace sitrep::cli
