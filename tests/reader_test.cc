#include "ingest/article_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "ingest/date.h"
#include "temp_dir.h"

namespace sitrep {
namespace {

using testing::TempDir;

struct ReadAll {
  std::vector<Article> articles;
  std::vector<InputProblem> problems;
  size_t failures = 0;
};

ReadAll read_all(std::vector<std::string> inputs, ReaderOptions options = {}, std::istream* in = nullptr) {
  ArticleReader reader(std::move(inputs), std::move(options), in);
  ReadAll r;
  Article a;
  while (reader.next(a)) r.articles.push_back(a);
  r.problems = reader.take_problems();
  r.failures = reader.failures();
  return r;
}

TEST(TextReader, TitleIsFirstNonEmptyLineAndOffsetsCoverTheWholeFile) {
  TempDir dir;
  std::string path = dir.write("haliva-resigns.txt", "\n  Israel’s chief resigns  \n\nBody text.\n");
  ReadAll r = read_all({path}, {.default_date = "2024-04-22"});
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "haliva-resigns");
  EXPECT_EQ(a.title, "Israel’s chief resigns");
  EXPECT_EQ(a.text, "\n  Israel’s chief resigns  \n\nBody text.\n");
  EXPECT_EQ(a.date, "2024-04-22");
  EXPECT_EQ(a.origin, path);
  EXPECT_TRUE(r.problems.empty());
}

TEST(TextReader, FoldersAreReadRecursivelyInNameOrderSkippingHiddenFiles) {
  TempDir dir;
  dir.write("b.txt", "B\n\nbody");
  dir.write("a/z.txt", "Z\n\nbody");
  dir.write("a/.hidden.txt", "H\n\nbody");
  dir.write(".git/x.txt", "G\n\nbody");
  dir.write("notes.md", "not an article");
  ReadAll r = read_all({dir.path()});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "z");
  EXPECT_EQ(r.articles[1].id, "b");
}

TEST(TextReader, FolderWithoutArticlesIsAFailure) {
  TempDir dir;
  dir.write("readme.md", "nothing");
  ReadAll r = read_all({dir.path()});
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message, "no articles in this folder (looked for *.txt, *.text, *.jsonl, *.ndjson)");
  EXPECT_EQ(r.failures, 1u);
}

TEST(TextReader, MissingFileIsReportedAndTheRestIsRead) {
  TempDir dir;
  std::string good = dir.write("good.txt", "Title\n\nText.");
  ReadAll r = read_all({dir.path() + "/missing.txt", good});
  ASSERT_EQ(r.articles.size(), 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].where, dir.path() + "/missing.txt");
  EXPECT_EQ(r.problems[0].message, "no such file or folder");
  EXPECT_EQ(r.failures, 1u);
}

TEST(TextReader, UnreadableFileIsReported) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
  TempDir dir;
  std::string path = dir.write("locked.txt", "Title\n\nText.");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  ReadAll r = read_all({path});
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].message.find("cannot open"), std::string::npos);
}

TEST(TextReader, EmptyArticleIsSkippedWithAMessage) {
  TempDir dir;
  std::string path = dir.write("empty.txt", " \n\n\t\n");
  ReadAll r = read_all({path});
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message, "empty article (no text), skipped");
  EXPECT_TRUE(r.problems[0].failed);
}

TEST(TextReader, InvalidUtf8IsRepairedWithAWarningNamingTheByte) {
  TempDir dir;
  std::string path = dir.write("bad.txt", "Title\n\nCaf\xE9 au lait");
  ReadAll r = read_all({path});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].text, "Title\n\nCaf\xEF\xBF\xBD au lait");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_FALSE(r.problems[0].failed);
  EXPECT_EQ(r.problems[0].message,
            "invalid UTF-8 at byte 10 (1 sequence replaced with U+FFFD); offsets refer to the repaired text");
  EXPECT_EQ(r.failures, 0u);
}

TEST(TextReader, OversizedArticleIsRefusedAndLargeOneIsRead) {
  TempDir dir;
  std::string big(3 << 20, 'a');
  std::string path = dir.write("big.txt", "Title\n\n" + big);
  ReadAll refused = read_all({path}, {.max_article_bytes = 1 << 20});
  EXPECT_TRUE(refused.articles.empty());
  ASSERT_EQ(refused.problems.size(), 1u);
  EXPECT_EQ(refused.problems[0].message,
            "article is 3.0 MB, over the limit of 1.0 MB (raise it with --max-article-mb)");
  ReadAll read = read_all({path});
  ASSERT_EQ(read.articles.size(), 1u);
  EXPECT_EQ(read.articles[0].text.size(), big.size() + 7);
}

TEST(StdinReader, TextAndJsonlAreTellApartByTheFirstCharacter) {
  std::istringstream text("Headline\n\nBody.");
  ReadAll r = read_all({"-"}, {}, &text);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Headline");
  EXPECT_EQ(r.articles[0].id.size(), 16u);  // a hash: stdin has no name

  std::istringstream jsonl("\n{\"id\": \"a\", \"text\": \"One\"}\n{\"id\": \"b\", \"text\": \"Two\"}\n");
  ReadAll j = read_all({"-"}, {}, &jsonl);
  ASSERT_EQ(j.articles.size(), 2u);
  EXPECT_EQ(j.articles[1].id, "b");
}

TEST(JsonlReader, MalformedLinesAreReportedWithFileAndLineAndTheRestIsRead) {
  TempDir dir;
  std::string path = dir.write("dump.jsonl",
                               "{\"id\": \"a\", \"title\": \"A\", \"date\": \"2024-04-22\", \"text\": \"Alpha.\", \"url\": \"http://x/a\"}\n"
                               "{\"id\": \"b\", \"text\": \"Beta.\"\n"
                               "\n"
                               "[1, 2]\n"
                               "{\"id\": \"d\"}\n"
                               "{\"id\": \"e\", \"text\": 5}\n"
                               "{\"text\": \"No id.\", \"date\": \"2024-02-30\"}\n"
                               "{\"id\": 7, \"text\": \"  \"}\n");
  ReadAll r = read_all({path});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "a");
  EXPECT_EQ(r.articles[0].title, "A");
  EXPECT_EQ(r.articles[0].url, "http://x/a");
  EXPECT_EQ(r.articles[0].date, "2024-04-22");
  EXPECT_EQ(r.articles[0].origin, path + ":1");
  EXPECT_EQ(r.articles[1].id, hash_id("No id."));
  EXPECT_EQ(r.articles[1].date, "");
  std::vector<std::string> got;
  for (const auto& p : r.problems) got.push_back(p.where.substr(path.size()) + " " + p.message);
  EXPECT_EQ(got, (std::vector<std::string>{
                     ":2 not valid JSON: column 28: expected ',' or '}' in the object",
                     ":4 expected a JSON object {\"id\", \"title\", \"date\", \"text\", \"url\"}, found an array",
                     ":5 no \"text\" member",
                     ":6 \"text\" should be a string, found a number",
                     ":7 date '2024-02-30' is not a date of the form YYYY-MM-DD (e.g. 2024-04-22); the article is "
                     "read without a date",
                     ":8 empty article (no text), skipped",
                 }));
  EXPECT_EQ(r.failures, 5u);
}

TEST(JsonlReader, DefaultDateFillsArticlesWithoutOne) {
  TempDir dir;
  std::string path = dir.write("d.jsonl", "{\"text\": \"x\"}\n{\"text\": \"y\", \"date\": \"2020-01-01T10:00:00Z\"}\n");
  ReadAll r = read_all({path}, {.default_date = "2024-04-22"});
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].date, "2024-04-22");
  EXPECT_EQ(r.articles[1].date, "2020-01-01");
}

TEST(Dates, CalendarIsChecked) {
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2023-02-29"));
  EXPECT_FALSE(is_valid_date("2024-13-01"));
  EXPECT_FALSE(is_valid_date("2024-4-22"));
  EXPECT_FALSE(is_valid_date("22/04/2024"));
  EXPECT_TRUE(is_valid_date("2000-02-29"));
  EXPECT_FALSE(is_valid_date("1900-02-29"));
}

}  // namespace
}  // namespace sitrep
