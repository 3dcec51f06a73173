// sitrep parse: CoNLL-U out, of raw text or of CoNLL-U in. The CLI is thin:
// the syntax pipeline comes from build_syntax_pipeline (engine.h), the
// format from syntax/conllu.h.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/options.h"
#include "ingest/article_reader.h"
#include "sitrep/engine.h"
#include "syntax/conllu.h"

namespace sitrep::cli {

const char* const kParseHelp = R"(Usage: sitrep parse [OPTIONS] INPUT...

Writes CoNLL-U (universaldependencies.org/format.html): one line per token
with its lemma, universal tag (UPOS), Penn tag (XPOS), head and Universal
Dependencies relation, one blank-line-separated block per sentence.

Two kinds of input:
  text     (the default) articles as `sitrep extract` reads them (text files,
           folders, JSON Lines, - for stdin): sitrep's own tokeniser and
           sentence splitter decide the tokens and sentences
  conllu   a CoNLL-U file: its tokens and sentences are kept, everything
           else is predicted. Multiword tokens ("1-2 don't") are written back
           as they were and their words parsed; empty nodes ("8.1") are
           dropped. Comments are kept. This is how the parser is measured:
             sitrep parse --input conllu test.conllu > predicted.conllu
             python3 scripts/conllu_eval.py test.conllu predicted.conllu

Options:
  --input FORMAT    text or conllu (default text; a .conllu file name means
                    conllu)
  -o, --output FILE write to FILE instead of standard output
  --tagger NAME     perceptron (default): the tagger trained on UD
                    (data/models/tagger.model), which the parser was trained
                    with; or hmm: the HMM tagger over the Penn Treebank model,
                    for comparison (its XPOS are sitrep's Pos: PUNCT for all
                    punctuation; it gives no UPOS)
  --data DIR        the lexicon folder (default: data/ beside the program, or
                    $SITREP_DATA)
  -h, --help        show this help

Examples:
  sitrep parse examples/haliva-resigns.txt
  sitrep parse --input conllu ../shared/corpora/ud-ewt/en_ewt-ud-dev.conllu -o dev.conllu

Errors: a malformed CoNLL-U line stops the run with FILE:LINE: what is
wrong (exit 1); a missing or corrupt model names the file (exit 2).
)";

namespace {

bool write_out(std::FILE* out, const std::string& s) {
  return std::fwrite(s.data(), 1, s.size(), out) == s.size();
}

}  // namespace

int run_parse(const std::vector<std::string>& args) {
  static const std::vector<FlagSpec> kFlags = {
      {"--input", ""}, {"--output", "-o"}, {"--tagger", ""}, {"--data", ""}, {"--help", "-h", false},
  };
  ParsedArgs a;
  if (auto done = parse_command("parse", args, kFlags, kParseHelp, a)) return *done;
  if (a.positional.empty()) return usage_error("parse", "no input: name a FILE (text or CoNLL-U), or - for standard input");
  std::string input = a.get("--input", "");
  if (input.empty()) input = a.positional[0].ends_with(".conllu") ? "conllu" : "text";
  if (input != "text" && input != "conllu")
    return usage_error("parse", "--input must be text or conllu, not '" + input + "'");
  const std::string tagger = a.get("--tagger", "perceptron");
  if (tagger != "perceptron" && tagger != "hmm")
    return usage_error("parse", "--tagger must be perceptron or hmm, not '" + tagger + "'");
  SyntaxOptions options;
  options.hmm_tagger = tagger == "hmm";
  options.from_tags = input == "conllu";

  Pipeline pipeline;
  try {
    pipeline = build_syntax_pipeline(locate_data(a.get("--data")), options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sitrep parse: %s\n", e.what());
    return kExitUsage;
  }
  std::FILE* out = stdout;
  const std::string out_path = a.get("--output");
  if (!out_path.empty() && !(out = std::fopen(out_path.c_str(), "wb"))) {
    std::fprintf(stderr, "sitrep parse: cannot write to '%s': %s\n", out_path.c_str(), std::strerror(errno));
    return kExitUsage;
  }
  int status = kExitOk;
  std::string buffer;
  if (input == "conllu") {
    for (const std::string& path : a.positional) {
      std::ifstream file;
      std::istream* in = &std::cin;
      if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
          std::fprintf(stderr, "sitrep parse: %s: cannot open file\n", path.c_str());
          status = kExitInputFailed;
          continue;
        }
        in = &file;
      }
      ConlluReader reader(*in, path == "-" ? "<stdin>" : path);
      ConlluSentence s;
      try {
        while (reader.next(s)) {
          Document doc = document_of(s);
          pipeline.run(doc);
          annotate(s, doc, 0, doc.tokens.size());
          buffer.clear();
          write_conllu(s, buffer);
          if (!write_out(out, buffer)) {
            std::fprintf(stderr, "sitrep parse: cannot write the output: %s\n", std::strerror(errno));
            return kExitInputFailed;
          }
        }
      } catch (const ConlluError& e) {
        std::fprintf(stderr, "sitrep parse: %s\n", e.what());
        status = kExitInputFailed;
      }
    }
  } else {
    ArticleReader reader(a.positional, ReaderOptions{});
    Article article;
    while (reader.next(article)) {
      Document doc(std::move(article));
      pipeline.run(doc);
      buffer.clear();
      buffer += "# newdoc id = " + doc.article.id + "\n";
      for (size_t s = 0; s < doc.sentences.size(); ++s)
        write_conllu(sentence_of(doc, doc.sentences[s], doc.article.id + "-" + std::to_string(s + 1)), buffer);
      if (!write_out(out, buffer)) {
        std::fprintf(stderr, "sitrep parse: cannot write the output: %s\n", std::strerror(errno));
        return kExitInputFailed;
      }
    }
    for (const InputProblem& p : reader.take_problems())
      std::fprintf(stderr, "sitrep parse: %s: %s%s\n", p.where.c_str(), p.failed ? "" : "warning: ", p.message.c_str());
    if (reader.failures()) status = kExitInputFailed;
  }
  if (std::fflush(out) != 0 || (out != stdout && std::fclose(out) != 0)) {
    std::fprintf(stderr, "sitrep parse: cannot write the output: %s\n", std::strerror(errno));
    return kExitInputFailed;
  }
  return status;
}

}  // namespace sitrep::cli
