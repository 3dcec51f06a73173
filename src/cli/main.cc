// sitrep: news articles in, structured and verifiable records out.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

constexpr const char* kHelp = R"(sitrep — turns news articles into structured, verifiable records

Usage: sitrep COMMAND [OPTIONS] [INPUT...]

Commands:
  extract    read articles (text files, folders, JSON Lines, stdin) and write
             one record per article: entities and their mentions, quotes,
             reported speech, claimed figures, dates and coded events, each
             pointing at the exact words that support it
  ingest     run the pipeline over whole corpora (text, JSON Lines, HTML,
             WARC, compressed) into a SQLite archive, resumably
  query      search the archive by entity, event type, actor, date, claim,
             speaker or full text; aggregate; export JSONL, CSV, GDELT TSV
  serve      serve an archive over HTTP: a JSON API and a web view (search,
             annotated articles, entities, event charts, claimed figures)
  parse      write CoNLL-U: tokens, lemmas, part-of-speech tags and
             dependency trees, of raw text or of CoNLL-U (kept tokens)
  train      train the tagger or the parser from CoNLL-U treebanks
  help CMD   show the help of a command

Options:
  -h, --help     show this help
  --version      show the version

Examples:
  sitrep extract --date 2024-04-22 examples/haliva-resigns.txt
  sitrep extract --format pretty examples/haliva-resigns.txt
  sitrep extract --input jsonl archive.jsonl > records.jsonl
  cat article.txt | sitrep extract -
  sitrep ingest news/ --db archive.db
  sitrep query --db archive.db --entity Netanyahu --event 13
  sitrep serve --db archive.db --port 8080
  sitrep parse --input conllu test.conllu > predicted.conllu

Records follow the contract in SCHEMA.md; offsets are Unicode code points.
Exit codes: 0 ok, 1 some inputs failed (each is reported, the rest are
processed), 2 usage error.
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::fputs(kHelp, stderr);
    return sitrep::cli::kExitUsage;
  }
  const std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "-h" || cmd == "--help") {
    std::fputs(kHelp, stdout);
    return sitrep::cli::kExitOk;
  }
  if (cmd == "--version") {
    std::printf("sitrep %s\n", SITREP_VERSION);
    return sitrep::cli::kExitOk;
  }
  if (cmd == "help") {
    if (args.empty()) {
      std::fputs(kHelp, stdout);
    } else if (args[0] == "extract") {
      std::fputs(sitrep::cli::kExtractHelp, stdout);
    } else if (args[0] == "ingest") {
      std::fputs(sitrep::cli::kIngestHelp, stdout);
    } else if (args[0] == "query") {
      std::fputs(sitrep::cli::kQueryHelp, stdout);
    } else if (args[0] == "serve") {
      std::fputs(sitrep::cli::kServeHelp, stdout);
    } else if (args[0] == "parse") {
      std::fputs(sitrep::cli::kParseHelp, stdout);
    } else if (args[0] == "train") {
      std::fputs(sitrep::cli::kTrainHelp, stdout);
    } else {
      std::fprintf(stderr, "sitrep: no command '%s' (see sitrep --help)\n", args[0].c_str());
      return sitrep::cli::kExitUsage;
    }
    return sitrep::cli::kExitOk;
  }
  if (cmd == "extract") return sitrep::cli::run_extract(args);
  if (cmd == "ingest") return sitrep::cli::run_ingest(args);
  if (cmd == "query") return sitrep::cli::run_query(args);
  if (cmd == "serve") return sitrep::cli::run_serve(args);
  if (cmd == "parse") return sitrep::cli::run_parse(args);
  if (cmd == "train") return sitrep::cli::run_train(args);
  std::fprintf(stderr, "sitrep: unknown command '%s' (see sitrep --help)\n", cmd.c_str());
  return sitrep::cli::kExitUsage;
}
