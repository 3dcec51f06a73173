// CoNLL-U: reading (multiword tokens, empty nodes, every malformed line
// reported as file:line), writing back, and the Document of a sentence.
#include "syntax/conllu.h"

#include <gtest/gtest.h>

#include <sstream>

namespace sitrep {
namespace {

// Written for these tests: "I don't know." with "don't" as a multiword token
// and an empty node, then a second sentence.
constexpr const char* kSample =
    "# sent_id = a-1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "3.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t0:root\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = a-2\n"
    "1\t“\t“\tPUNCT\t``\t_\t2\tpunct\t_\tSpaceAfter=No\n"
    "2\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3\t”\t”\tPUNCT\t''\t_\t2\tpunct\t_\t_\n"
    "\n";

std::vector<ConlluSentence> read_all(const std::string& text, const std::string& name = "test.conllu") {
  std::istringstream in(text);
  ConlluReader reader(in, name);
  std::vector<ConlluSentence> out;
  ConlluSentence s;
  while (reader.next(s)) out.push_back(s);
  return out;
}

std::string error_of(const std::string& text) {
  try {
    read_all(text, "bad.conllu");
  } catch (const ConlluError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Conllu, ReadsWordsRangesAndSkipsEmptyNodes) {
  auto s = read_all(kSample);
  ASSERT_EQ(s.size(), 2u);
  ASSERT_EQ(s[0].words.size(), 5u);
  EXPECT_EQ(s[0].words[2].form, "n't");
  EXPECT_EQ(s[0].words[3].form, "know");
  EXPECT_EQ(s[0].words[3].head, 0);
  EXPECT_EQ(s[0].words[0].head, 4);
  ASSERT_EQ(s[0].ranges.size(), 1u);
  EXPECT_EQ(s[0].ranges[0].first, 1u);
  EXPECT_EQ(s[0].comments.size(), 2u);
  EXPECT_FALSE(s[0].space_after(3));
  EXPECT_TRUE(s[0].space_after(0));
  EXPECT_TRUE(s[0].has_tree());
  EXPECT_EQ(s[0].line, 3u);
}

TEST(Conllu, WritesBackWhatItRead) {
  auto s = read_all(kSample);
  std::string out;
  for (const auto& x : s) write_conllu(x, out);
  std::string expected = kSample;
  // The empty node is dropped; everything else comes back as it was.
  expected.erase(expected.find("3.1\t"), std::string("3.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t0:root\t_\n").size());
  EXPECT_EQ(out, expected);
}

TEST(Conllu, MalformedLinesNameFileAndLine) {
  EXPECT_EQ(error_of("1\tI\tI\tPRON\n"),
            "bad.conllu:1: expected 10 tab-separated fields (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC), "
            "found 4");
  EXPECT_EQ(error_of("1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n3\tb\t_\t_\t_\t_\t1\tdep\t_\t_\n"),
            "bad.conllu:2: word ID 3 where 2 comes next");
  EXPECT_EQ(error_of("x\ta\t_\t_\t_\t_\t0\troot\t_\t_\n"), "bad.conllu:1: the ID 'x' is not a number");
  EXPECT_EQ(error_of("1\ta\t_\t_\t_\t_\tseven\troot\t_\t_\n"),
            "bad.conllu:1: the HEAD 'seven' is not a number or _");
  EXPECT_EQ(error_of("# c\n1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n2\tb\t_\t_\t_\t_\t9\tdep\t_\t_\n\n"),
            "bad.conllu:3: HEAD 9 is outside the sentence (2 words)");
  EXPECT_EQ(error_of("2-1\tab\t_\t_\t_\t_\t_\t_\t_\t_\n"), "bad.conllu:1: malformed multiword token range '2-1'");
  EXPECT_EQ(error_of("1\ta\t_\t_\t_\t_\t0\troot\t_\t_\n# late\n"),
            "bad.conllu:2: a comment inside a sentence (a blank line must end the sentence first)");
  EXPECT_EQ(error_of("1\t\t_\t_\t_\t_\t0\troot\t_\t_\n"), "bad.conllu:1: an empty FORM");
  EXPECT_EQ(error_of("1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n\n"), "bad.conllu:2: a sentence with multiword tokens but no words");
  // Heads may be missing (text to parse), and Windows line ends are fine.
  auto s = read_all("1\ta\t_\t_\t_\t_\t_\t_\t_\t_\r\n2\tb\t_\t_\t_\t_\t_\t_\t_\t_\r\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].words[1].head, -1);
  EXPECT_EQ(s[0].words[1].misc, "_");
  EXPECT_FALSE(s[0].has_tree());
}

TEST(Conllu, DocumentOfASentenceKeepsTokensAndSpacing) {
  auto s = read_all(kSample);
  Document doc = document_of(s[0]);
  EXPECT_EQ(doc.text(), "I don't know.");  // the words of a multiword token touch
  ASSERT_EQ(doc.tokens.size(), 5u);
  EXPECT_EQ(doc.tokens[2].kind, TokenKind::kClitic);
  EXPECT_EQ(doc.tokens[4].kind, TokenKind::kPunct);
  EXPECT_FALSE(doc.tokens[4].has(kSpaceBefore));
  EXPECT_TRUE(doc.tokens[0].has(kUpperInitial));
  ASSERT_EQ(doc.sentences.size(), 1u);
  EXPECT_EQ(doc.sentences[0].end_token, 5u);
  Document quoted = document_of(s[1]);
  EXPECT_EQ(quoted.text(), "“Yes”");
  EXPECT_TRUE(quoted.tokens[0].has(kOpening));
  EXPECT_TRUE(quoted.tokens[2].has(kClosing));
  EXPECT_EQ(quoted.tokens[0].kind, TokenKind::kQuote);
}

TEST(Conllu, AnnotateWritesPredictions) {
  auto s = read_all(kSample);
  Document doc = document_of(s[0]);
  doc.lemmas = {"i", "do", "not", "know", "."};
  doc.pos = {Pos::kPRP, Pos::kVBP, Pos::kRB, Pos::kVB, Pos::kPunct};
  doc.upos = {Upos::kPRON, Upos::kAUX, Upos::kPART, Upos::kVERB, Upos::kPUNCT};
  doc.xpos = {"PRP", "VBP", "RB", "VB", "."};
  doc.heads = {3, 3, 3, kNone, 3};
  doc.relations = {DepRel::kNsubj, DepRel::kAux, DepRel::kAdvmod, DepRel::kRoot, DepRel::kPunct};
  ConlluSentence out = s[0];
  annotate(out, doc, 0, 5);
  EXPECT_EQ(out.words[3].head, 0);
  EXPECT_EQ(out.words[0].head, 4);
  EXPECT_EQ(out.words[4].xpos, ".");
  EXPECT_EQ(out.words[2].upos, "PART");
  EXPECT_EQ(out.words[0].deprel, "nsubj");
  EXPECT_EQ(out.words[0].lemma, "i");
  EXPECT_EQ(out.words[3].misc, "SpaceAfter=No");
}

TEST(Conllu, RelationNames) {
  DepRel r;
  ASSERT_TRUE(parse_deprel("nsubj:pass", r));
  EXPECT_EQ(r, DepRel::kNsubjPass);
  EXPECT_EQ(to_string(DepRel::kOblAgent), "obl:agent");
  ASSERT_TRUE(parse_deprel("obl:xyz", r));  // an unknown subtype: its universal relation
  EXPECT_EQ(r, DepRel::kObl);
  EXPECT_FALSE(parse_deprel("nonsense", r));
  for (size_t i = 0; i < kDepRels; ++i) {
    ASSERT_TRUE(parse_deprel(to_string(static_cast<DepRel>(i)), r));
    EXPECT_EQ(static_cast<size_t>(r), i);
  }
  Upos u;
  ASSERT_TRUE(parse_upos("PROPN", u));
  EXPECT_EQ(to_string(u), "PROPN");
}

}  // namespace
}  // namespace sitrep
