// Tokeniser cases: each input with its expected tokens joined by " | ".
#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace sitrep {
namespace {

std::vector<Token> tokenize(std::string_view text) {
  Tokenizer tok(testing::abbreviations());
  std::vector<Token> out;
  tok.tokenize(text, out);
  return out;
}

std::string joined(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (!out.empty()) out += " | ";
    out += text.substr(t.begin, t.end - t.begin);
  }
  return out;
}

struct Case {
  const char* name;
  const char* input;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class TokenizerCases : public ::testing::TestWithParam<Case> {};

TEST_P(TokenizerCases, SplitsAsExpected) {
  const Case& c = GetParam();
  EXPECT_EQ(joined(c.input), c.expected) << "input: " << c.input;
}

const Case kCases[] = {
    // Quotes, curly and straight.
    {"curly_double", "“We will win,” he said.", "“ | We | will | win | , | ” | he | said | ."},
    {"straight_double", "\"We will win,\" he said.", "\" | We | will | win | , | \" | he | said | ."},
    {"curly_single", "‘a dark day’ for all", "‘ | a | dark | day | ’ | for | all"},
    {"nested_quotes", "“He said ‘never’ twice.”", "“ | He | said | ‘ | never | ’ | twice | . | ”"},
    {"guillemets", "«Non» et «oui»", "« | Non | » | et | « | oui | »"},
    {"low_quote", "„Ja“", "„ | Ja | “"},
    {"quote_after_dash", "—“Go”", "— | “ | Go | ”"},
    {"backticks", "``Yes'' she said", "`` | Yes | ' | ' | she | said"},
    {"straight_single_quotes", "the 'surge' ended", "the | ' | surge | ' | ended"},
    // Possessives and clitics.
    {"possessive_curly", "Haliva’s resignation", "Haliva | ’s | resignation"},
    {"possessive_straight", "Israel's army", "Israel | 's | army"},
    {"plural_possessive", "Palestinians’ homes", "Palestinians | ’ | homes"},
    {"plural_possessive_straight", "the ministers' meeting", "the | ministers | ' | meeting"},
    {"contraction_re", "We’re going", "We | ’re | going"},
    {"contraction_nt", "don't stop", "do | n't | stop"},
    {"contraction_nt_curly", "didn’t say", "did | n’t | say"},
    {"contraction_cant", "can't", "ca | n't"},
    {"contraction_ll_ve_d_m", "I'll we've he'd I'm", "I | 'll | we | 've | he | 'd | I | 'm"},
    {"contraction_upper", "DON'T", "DO | N'T"},
    {"name_apostrophe", "O’Brien and d’Ivoire", "O’Brien | and | d’Ivoire"},
    {"possessive_of_abbrev", "the U.S.’s role", "the | U.S. | ’s | role"},
    {"possessive_of_number", "the 1990s' boom", "the | 1990s | ' | boom"},
    // Numbers.
    {"thousands", "over 1,100 people", "over | 1,100 | people"},
    {"thousands_34000", "34,000 Palestinians", "34,000 | Palestinians"},
    {"millions", "1,234,567 votes", "1,234,567 | votes"},
    {"decimal", "3.5 percent", "3.5 | percent"},
    // A number without its leading zero; a full stop before a number is still one.
    {"no_leading_zero", "a .585 record, $.99 and (.5)", "a | .585 | record | , | $ | .99 | and | ( | .5 | )"},
    {"stop_then_number", "It ended.5 more came", "It | ended | . | 5 | more | came"},
    {"decimal_with_sep", "$1,234.56 each", "$ | 1,234.56 | each"},
    {"comma_list_not_number", "in 2023,100 fled", "in | 2023 | , | 100 | fled"},
    {"number_then_comma", "1,100, including", "1,100 | , | including"},
    {"number_at_sentence_end", "in 2023.", "in | 2023 | ."},
    {"range_hyphen", "between 20-30 people", "between | 20 | - | 30 | people"},
    {"iso_date", "on 2023-10-07 at", "on | 2023-10-07 | at"},
    {"clock_time", "at 10:30 a.m.", "at | 10:30 | a.m."},
    {"ordinal", "the 7th day", "the | 7th | day"},
    {"percent", "up 5% today", "up | 5 | % | today"},
    {"currency_words", "US$40 billion", "US | $ | 40 | billion"},
    {"euro", "€20m fine", "€ | 20m | fine"},
    {"decade", "the 1990s", "the | 1990s"},
    // Abbreviations and initials.
    {"maj_gen", "Maj. Gen. Aharon Haliva", "Maj. | Gen. | Aharon | Haliva"},
    {"us_initialism", "the U.S. military", "the | U.S. | military"},
    {"un_initialism", "U.N. envoy", "U.N. | envoy"},
    {"usa", "U.S.A. today", "U.S.A. | today"},
    {"initial_name", "J. Blinken", "J. | Blinken"},
    {"two_initials", "George W. Bush and J. R. R. Tolkien", "George | W. | Bush | and | J. | R. | R. | Tolkien"},
    {"month_abbrev", "Jan. 5, 2024", "Jan. | 5 | , | 2024"},
    {"sept", "Sept. 11", "Sept. | 11"},
    {"mr_dr", "Mr. Smith and Dr. Jones", "Mr. | Smith | and | Dr. | Jones"},
    {"inc", "Apple Inc. said", "Apple | Inc. | said"},
    {"no_before_digit", "No. 10 Downing Street", "No. | 10 | Downing | Street"},
    {"no_as_word", "He said no.", "He | said | no | ."},
    {"eg_ie", "e.g. this, i.e. that", "e.g. | this | , | i.e. | that"},
    {"am_pm", "at 5 p.m. Monday", "at | 5 | p.m. | Monday"},
    {"sen_rep", "Sen. Warren and Rep. Jeffries", "Sen. | Warren | and | Rep. | Jeffries"},
    {"lowercase_word_period", "the end.", "the | end | ."},
    {"unknown_capital_word", "Gaza. The", "Gaza | . | The"},
    // Ellipses and dashes.
    {"ellipsis_dots", "Wait... what", "Wait | ... | what"},
    {"ellipsis_char", "Wait… what", "Wait | … | what"},
    {"spaced_ellipsis", "so . . . then", "so | . . . | then"},
    {"em_dash", "Gaza—the enclave", "Gaza | — | the | enclave"},
    {"en_dash_spaced", "Gaza – the enclave", "Gaza | – | the | enclave"},
    {"double_hyphen", "yes--no", "yes | -- | no"},
    {"free_hyphen", "a - b", "a | - | b"},
    // Hyphenated words.
    {"hyphen_word", "well-known figure", "well-known | figure"},
    {"arabic_article", "al-Qassam Brigades", "al-Qassam | Brigades"},
    {"hyphen_digits_letters", "F-16 jets and COVID-19", "F-16 | jets | and | COVID-19"},
    {"multi_hyphen", "mother-in-law", "mother-in-law"},
    {"non_breaking_hyphen", "pro‑Kremlin", "pro‑Kremlin"},
    {"trailing_hyphen", "pre- and post-war", "pre | - | and | post-war"},
    // URLs, e-mail, handles.
    {"url_https", "See https://example.org/a?b=1.", "See | https://example.org/a?b=1 | ."},
    {"url_www", "at www.un.org, officials", "at | www.un.org | , | officials"},
    {"url_parenthesised", "(https://en.wikipedia.org/wiki/Gaza_(city))", "( | https://en.wikipedia.org/wiki/Gaza_(city) | )"},
    {"email", "write to press@example.com.", "write | to | press@example.com | ."},
    {"hashtag", "#Gaza and @UN", "#Gaza | and | @UN"},
    // Punctuation.
    {"question_exclaim", "Really?! Yes!", "Really | ?! | Yes | !"},
    {"brackets", "(Reuters) [sic] {x}", "( | Reuters | ) | [ | sic | ] | { | x | }"},
    {"semicolon_colon", "first; second: third", "first | ; | second | : | third"},
    {"slash", "and/or", "and | / | or"},
    {"ampersand_company", "AT&T and S&P 500", "AT&T | and | S&P | 500"},
    {"ampersand_spaced", "Johnson & Johnson", "Johnson | & | Johnson"},
    // Unicode letters and spaces.
    {"accented", "Zelenskyy met Erdoğan in Kyiv’s Maidan", "Zelenskyy | met | Erdoğan | in | Kyiv | ’s | Maidan"},
    {"cyrillic", "Путин сказал", "Путин | сказал"},
    {"arabic_script", "قال الرئيس", "قال | الرئيس"},
    {"nbsp", "34\u00a0000 people", "34 | 000 | people"},
    {"emoji", "wow🔥now", "wow | 🔥 | now"},
    {"replacement_char", "a\xEF\xBF\xBD" "b", "a | \xEF\xBF\xBD | b"},
    {"empty", "", ""},
    {"only_space", "  \n\t ", ""},
};

INSTANTIATE_TEST_SUITE_P(Hard, TokenizerCases, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(Tokenizer, KindsAreAssigned) {
  std::string_view text = "“Maj. Gen. Haliva’s 1,100 …” — see https://x.org";
  auto toks = tokenize(text);
  ASSERT_EQ(toks.size(), 11u);
  EXPECT_EQ(toks[0].kind, TokenKind::kQuote);
  EXPECT_TRUE(toks[0].has(kOpening));
  EXPECT_EQ(toks[1].kind, TokenKind::kAbbrev);
  EXPECT_EQ(toks[3].kind, TokenKind::kWord);
  EXPECT_EQ(toks[4].kind, TokenKind::kClitic);
  EXPECT_EQ(toks[5].kind, TokenKind::kNumber);
  EXPECT_EQ(toks[6].kind, TokenKind::kEllipsis);
  EXPECT_EQ(toks[7].kind, TokenKind::kQuote);
  EXPECT_TRUE(toks[7].has(kClosing));
  EXPECT_EQ(toks[8].kind, TokenKind::kDash);
  EXPECT_EQ(toks[9].kind, TokenKind::kWord);
  EXPECT_EQ(toks[10].kind, TokenKind::kUrl);
}

TEST(Tokenizer, StraightQuotesOpenAndClose) {
  auto toks = tokenize("He said \"no\" and \"yes.\"");
  std::vector<uint8_t> quote_flags;
  for (const Token& t : toks)
    if (t.kind == TokenKind::kQuote) quote_flags.push_back(t.flags & (kOpening | kClosing));
  EXPECT_EQ(quote_flags, (std::vector<uint8_t>{kOpening, kClosing, kOpening, kClosing}));
}

TEST(Tokenizer, CaseFlags) {
  auto toks = tokenize("IDF Gaza hamas Élysée");
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_TRUE(toks[0].has(kAllUpper));
  EXPECT_TRUE(toks[0].has(kUpperInitial));
  EXPECT_TRUE(toks[1].has(kUpperInitial));
  EXPECT_FALSE(toks[1].has(kAllUpper));
  EXPECT_FALSE(toks[2].has(kUpperInitial));
  EXPECT_TRUE(toks[3].has(kUpperInitial));
}

TEST(Tokenizer, ParagraphsFromNewlines) {
  auto toks = tokenize("Title line\n\nFirst para.\nSecond para.\n\n\nThird");
  std::vector<std::string> starts;
  std::string_view text = "Title line\n\nFirst para.\nSecond para.\n\n\nThird";
  for (const Token& t : toks)
    if (t.has(kParagraphStart)) starts.emplace_back(text.substr(t.begin, t.end - t.begin));
  EXPECT_EQ(starts, (std::vector<std::string>{"Title", "First", "Second", "Third"}));
}

TEST(Tokenizer, WrappedLineContinuesParagraph) {
  std::string_view text = "The minister said the talks\nwould resume on Monday.\nA new paragraph.";
  std::vector<std::string> starts;
  for (const Token& t : tokenize(text))
    if (t.has(kParagraphStart)) starts.emplace_back(text.substr(t.begin, t.end - t.begin));
  EXPECT_EQ(starts, (std::vector<std::string>{"The", "A"}));
}

TEST(Tokenizer, CrLfLineEnds) {
  std::string_view text = "Title\r\n\r\nBody one.\r\nBody two.";
  auto toks = tokenize(text);
  int paragraphs = 0;
  for (const Token& t : toks) paragraphs += t.has(kParagraphStart);
  EXPECT_EQ(paragraphs, 3);
  EXPECT_EQ(text.substr(toks[1].begin, toks[1].end - toks[1].begin), "Body");
}

TEST(Tokenizer, SpaceBeforeFlag) {
  auto toks = tokenize("a ,b");
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_FALSE(toks[0].has(kSpaceBefore));
  EXPECT_TRUE(toks[1].has(kSpaceBefore));
  EXPECT_FALSE(toks[2].has(kSpaceBefore));
}

// Offsets cover the text exactly: every byte is in a token or is white space.
TEST(Tokenizer, TokensAreOrderedAndInBounds) {
  std::string text = "“Mixed” text: 1,100 people; Maj. Gen. X’s U.S.-led … https://a.b/c —end";
  auto toks = tokenize(text);
  uint32_t last = 0;
  for (const Token& t : toks) {
    EXPECT_GE(t.begin, last);
    EXPECT_LT(t.begin, t.end);
    EXPECT_LE(t.end, text.size());
    last = t.end;
  }
}

// The tokeniser never reads past the end, whatever the last bytes are.
TEST(Tokenizer, TruncatedInputsAreSafe) {
  std::string text = "U.S. 1,1 Maj. n't O’ 20- https://x \xE2\x80";
  for (size_t n = 0; n <= text.size(); ++n) {
    std::string prefix = text.substr(0, n);
    auto toks = tokenize(prefix);
    for (const Token& t : toks) ASSERT_LE(t.end, prefix.size());
  }
}

}  // namespace
}  // namespace sitrep
