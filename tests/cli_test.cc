// End-to-end tests of the sitrep executable: exit codes, messages, formats.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "ingest/json.h"
#include "temp_dir.h"

namespace sitrep {
namespace {

using testing::TempDir;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs `sitrep ARGS` through the shell (ARGS may redirect stdin).
CliRun sitrep(const std::string& args) {
  static TempDir dir;
  const std::string out = dir.path() + "/out", err = dir.path() + "/err";
  std::string cmd = std::string(SITREP_BINARY) + " " + args + " >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

const std::string kExample = std::string(SITREP_EXAMPLES_DIR) + "/haliva-resigns.txt";

TEST(Cli, ExtractsTheExampleAsOneJsonRecord) {
  CliRun r = sitrep("extract --date 2024-04-22 " + kExample);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  JsonValue v;
  std::string error;
  ASSERT_TRUE(parse_json(r.out, v, error)) << error;
  EXPECT_EQ(v.find("id")->string, "haliva-resigns");
  EXPECT_EQ(v.find("date")->string, "2024-04-22");
  EXPECT_EQ(v.find("title")->string,
            "Israel’s top military intelligence chief resigns over failure to prevent Hamas attack");
  EXPECT_EQ(r.err, "");
}

TEST(Cli, ClaimsOptionListsOnlyTheKindsAsked) {
  CliRun all = sitrep("extract --date 2024-04-22 " + kExample);
  CliRun casualties = sitrep("extract --date 2024-04-22 --claims killed,injured " + kExample);
  ASSERT_EQ(casualties.exit_code, 0) << casualties.err;
  JsonValue a, c;
  std::string error;
  ASSERT_TRUE(parse_json(all.out, a, error)) << error;
  ASSERT_TRUE(parse_json(casualties.out, c, error)) << error;
  size_t kept = 0;
  for (const JsonValue& claim : a.find("claims")->array) kept += claim.find("kind")->string == "killed";
  ASSERT_GT(kept, 0u);
  ASSERT_LT(kept, a.find("claims")->array.size());  // the seed has a hostages figure too
  EXPECT_EQ(c.find("claims")->array.size(), kept);
  for (const JsonValue& claim : c.find("claims")->array) EXPECT_EQ(claim.find("kind")->string, "killed");

  CliRun bad = sitrep("extract --claims killed,deaths " + kExample);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("'deaths' is not a claim kind"), std::string::npos) << bad.err;
}

TEST(Cli, MentionsOptionChoosesWhatEntitiesList) {
  auto count = [](const std::string& json) {
    JsonValue v;
    std::string error;
    EXPECT_TRUE(parse_json(json, v, error)) << error;
    size_t n = 0;
    for (const JsonValue& e : v.find("entities")->array) n += e.find("mentions")->array.size();
    return n;
  };
  CliRun names = sitrep("extract --date 2024-04-22 " + kExample);
  CliRun pronouns = sitrep("extract --date 2024-04-22 --pronouns " + kExample);
  CliRun all = sitrep("extract --date 2024-04-22 --mentions all " + kExample);
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_LT(count(names.out), count(pronouns.out));
  EXPECT_LT(count(pronouns.out), count(all.out));
  EXPECT_EQ(sitrep("extract --date 2024-04-22 --mentions pronouns " + kExample).out, pronouns.out);

  CliRun bad = sitrep("extract --mentions every " + kExample);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--mentions must be names, pronouns or all"), std::string::npos) << bad.err;
  CliRun both = sitrep("extract --pronouns --mentions all " + kExample);
  EXPECT_EQ(both.exit_code, 2);
}

TEST(Cli, ParseOptionEndsReportedContentsByTheParse) {
  TempDir dir;
  dir.write("flood.txt", "Flood talks\n\nThe mayor said the water was safe, and she urged residents to stay calm.\n");
  const std::string text = dir.path() + "/flood.txt";
  auto contents = [](const std::string& json) {
    JsonValue v;
    std::string error;
    EXPECT_TRUE(parse_json(json, v, error)) << error;
    std::string out;
    for (const JsonValue& r : v.find("reported")->array) out += r.find("text")->string + "|";
    return out;
  };
  CliRun plain = sitrep("extract " + text);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(contents(plain.out), "the water was safe, and she urged residents to stay calm|");
  CliRun parsed = sitrep("extract --parse needed " + text);
  ASSERT_EQ(parsed.exit_code, 0) << parsed.err;
  EXPECT_EQ(contents(parsed.out), "the water was safe|");
  EXPECT_EQ(sitrep("extract --parse all " + text).out, parsed.out);
  EXPECT_EQ(sitrep("extract --parse none " + text).out, plain.out);
  CliRun bad = sitrep("extract --parse some " + text);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--parse must be none, needed or all, not 'some'"), std::string::npos) << bad.err;
}

TEST(Cli, LexiconOptionAddsNamesAndABadOneIsAUsageError) {
  TempDir dir;
  const std::string header = "# source: written for this test\n# licence: CC0-1.0\n"
                             "name\taliases\ttype\tactor_code\tcountry\tkind\n";
  const std::string gondor = dir.write("gondor.tsv", header + "Gondor\t\tGPE\tGON\t\tcountry\n");
  const std::string arnor = dir.write("arnor.tsv", header + "Arnor\t\tGPE\tARN\t\tcountry\n");
  const std::string article =
      dir.write("ties.txt", "Ties restored\n\nArnor restored full diplomatic ties with Gondor.\n");
  auto codes = [](const std::string& json) {
    JsonValue v;
    std::string error;
    EXPECT_TRUE(parse_json(json, v, error)) << error;
    std::string out;
    for (const JsonValue& e : v.find("entities")->array)
      if (e.find("actor_code")->is_string()) out += e.find("actor_code")->string + " ";
    return out;
  };
  CliRun r = sitrep("extract --lexicon " + gondor + " --lexicon " + arnor + " " + article);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(codes(r.out), "ARN GON ");
  EXPECT_EQ(codes(sitrep("extract " + article).out), "");

  for (const std::string& command : std::vector<std::string>{"extract", "ingest --db " + dir.path() + "/x.db"}) {
    CliRun bad = sitrep(command + " --lexicon " + dir.path() + "/missing.tsv " + article);
    EXPECT_EQ(bad.exit_code, 2) << command;
    EXPECT_NE(bad.err.find(dir.path() + "/missing.tsv: cannot open lexicon file"), std::string::npos) << bad.err;
    EXPECT_NE(sitrep(command.substr(0, command.find(' ')) + " --help").out.find("--lexicon FILE"), std::string::npos);
  }
}

TEST(Cli, HelpTeaches) {
  CliRun top = sitrep("--help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_NE(top.out.find("sitrep extract"), std::string::npos);
  CliRun ex = sitrep("extract --help");
  EXPECT_EQ(ex.exit_code, 0);
  EXPECT_NE(ex.out.find("--date YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(ex.out.find("Examples:"), std::string::npos);
  EXPECT_EQ(sitrep("help extract").out, ex.out);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  for (const char* args : {"", "frobnicate", "extract", "extract --date 2024-13-01 x.txt", "extract --format xml x.txt",
                           "extract --input html x.txt", "extract --threads 0 x.txt", "extract --bogus x.txt",
                           "extract --date"}) {
    CliRun r = sitrep(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_FALSE(r.err.empty()) << args;
  }
  EXPECT_NE(sitrep("extract --date 2024-13-01 x.txt").err.find("'2024-13-01' is not a date of the form YYYY-MM-DD"),
            std::string::npos);
}

TEST(Cli, FailedInputsAreReportedTheRestProcessedAndExitIsOne) {
  TempDir dir;
  dir.write("in/a.txt", "A title\n\nFirst article.");
  dir.write("in/empty.txt", "\n\n");
  dir.write("in/c.jsonl", "{\"id\": \"c1\", \"text\": \"Third.\"}\nnot json\n");
  CliRun r = sitrep("extract " + dir.path() + "/in " + dir.path() + "/nope.txt");
  EXPECT_EQ(r.exit_code, 1);
  std::istringstream lines(r.out);
  std::string line;
  std::vector<std::string> ids;
  while (std::getline(lines, line)) {
    JsonValue v;
    std::string error;
    ASSERT_TRUE(parse_json(line, v, error)) << error;
    ids.push_back(v.find("id")->string);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "c1"}));
  EXPECT_NE(r.err.find("/in/c.jsonl:2: not valid JSON: column 1:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/in/empty.txt: empty article (no text), skipped"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/nope.txt: no such file or folder"), std::string::npos) << r.err;
}

TEST(Cli, StdinAndFormats) {
  CliRun jsonl = sitrep("extract --input jsonl - < " + std::string(SITREP_EXAMPLES_DIR) + "/../tests/data/cli/two.jsonl");
  EXPECT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 2);

  CliRun text = sitrep("extract --input text --format pretty - < " + kExample);
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("sentences"), std::string::npos);
  EXPECT_EQ(text.out.find("\x1b["), std::string::npos);  // not a terminal: no colour
  // Reported items say what they attribute, and their cue.
  EXPECT_NE(text.out.find("Israel (intention, vowing): “eliminate Hamas”"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Yair Lapid (claimed): “"), std::string::npos) << text.out;

  CliRun array = sitrep("extract --format json " + std::string(SITREP_EXAMPLES_DIR) + "/../tests/data/cli/two.jsonl");
  EXPECT_EQ(array.exit_code, 0);
  JsonValue v;
  std::string error;
  ASSERT_TRUE(parse_json(array.out, v, error)) << error;
  EXPECT_EQ(v.array.size(), 2u);
}

TEST(Cli, InvalidUtf8WarnsWithTheByteOffsetAndStillExtracts) {
  TempDir dir;
  std::string path = dir.write("bad.txt", "Ti\xFFtle\n\nBody.");
  CliRun r = sitrep("extract " + path);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.err.find("warning: invalid UTF-8 at byte 2"), std::string::npos) << r.err;
  JsonValue v;
  std::string error;
  ASSERT_TRUE(parse_json(r.out, v, error)) << error;
  EXPECT_EQ(v.find("title")->string, "Ti\xEF\xBF\xBDtle");
}

TEST(Cli, OutputFileAndThreadsGiveTheSameRecords) {
  TempDir dir;
  std::string corpus;
  for (int i = 0; i < 150; ++i)
    corpus += "{\"id\": \"n" + std::to_string(i) + "\", \"text\": \"Article " + std::to_string(i) + ". Maj. Gen. X left.\"}\n";
  std::string in = dir.write("c.jsonl", corpus);
  CliRun one = sitrep("extract --threads 1 -o " + dir.path() + "/one.jsonl " + in);
  CliRun two = sitrep("extract --threads 2 --output=" + dir.path() + "/two.jsonl " + in);
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_EQ(two.exit_code, 0);
  std::string a = slurp(dir.path() + "/one.jsonl"), b = slurp(dir.path() + "/two.jsonl");
  EXPECT_EQ(std::count(a.begin(), a.end(), '\n'), 150);
  EXPECT_EQ(a, b);
}

TEST(Cli, FiftyMegabyteArticleIsProcessed) {
  TempDir dir;
  std::string text = "Huge article\n\n";
  const std::string para = "The ministry said 1,100 people fled on Monday. Maj. Gen. Haliva’s unit left.\n";
  while (text.size() < (50u << 20)) text += para;
  std::string path = dir.write("huge.txt", text);
  CliRun r = sitrep("extract --format jsonl " + path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"id\":\"huge\""), std::string::npos);
  CliRun refused = sitrep("extract --max-article-mb 10 " + path);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("over the limit of 10.0 MB (raise it with --max-article-mb)"), std::string::npos);
}

}  // namespace
}  // namespace sitrep
