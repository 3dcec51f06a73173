// Figures claimed, on sentences written for these tests (none from the gold
// articles or the seed): each case lists the claims found as
// "kind value qualifier unit", then who they are attributed to and who is
// responsible.
#include "claims/claim_finder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/tsv.h"
#include "sitrep/engine.h"
#include "temp_dir.h"

namespace sitrep {
namespace {

const Pipeline& pipeline() {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  return p;
}

Document run(const std::string& text, const std::string& date = "") {
  Document doc(Article{.id = "t", .date = date, .text = text});
  pipeline().run(doc);
  return doc;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string claims(const std::string& text) {
  Document doc = run(text);
  std::string out;
  for (const Claim& c : doc.claims) {
    if (!out.empty()) out += " | ";
    out += c.kind + " " + number(c.value) + " " + std::string(to_string(c.qualifier)) + " " + c.unit;
  }
  return out;
}

std::string entity_name(const Document& doc, int32_t e) { return e == kNone ? "-" : doc.entities[e].name; }

struct Case {
  const char* name;
  const char* text;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class ClaimCases : public ::testing::TestWithParam<Case> {};

TEST_P(ClaimCases, FindsTheFigures) { EXPECT_EQ(claims(GetParam().text), GetParam().expected) << GetParam().text; }

const Case kCases[] = {
    // Number forms.
    {"digits_with_separator", "Gunmen killed 1,250 villagers in the attack.", "killed 1250 exact villagers"},
    {"decimal_and_scale", "The floods have displaced 1.2 million people.", "displaced 1200000 exact people"},
    {"scale_suffix", "The fighting has displaced 34K people.", "displaced 34000 exact people"},
    {"word_number", "Militants killed three soldiers at a checkpoint.", "killed 3 exact soldiers"},
    {"hyphenated_word_number", "Twenty-five people were injured in the crash.", "injured 25 exact people"},
    {"words_with_scale_and_and", "One hundred and twenty people died in the fire.", "killed 120 exact people"},
    {"a_dozen", "Police arrested a dozen protesters.", "arrested 12 exact protesters"},
    {"dozens", "Dozens of people were wounded by shrapnel.", "injured 24 over people"},
    {"hundreds", "Hundreds of residents fled the town.", "displaced 200 over residents"},
    {"thousands", "Thousands of students marched on parliament.", "protesters 2000 over students"},
    {"tens_of_thousands", "Tens of thousands of people have been displaced.", "displaced 20000 over people"},
    {"range_between", "Between 20 and 30 people were killed in the raid.", "killed 20 over people"},
    {"range_dash", "Officials said 20-30 people were missing.", "missing 20 over people"},
    {"range_words", "Gunmen abducted three to four aid workers.", "hostages 3 over workers"},
    // Hedges.
    {"hedge_over", "The attack left over 300 people dead.", "killed 300 over people"},
    {"hedge_more_than", "More than 40 people were killed in the blast.", "killed 40 over people"},
    {"hedge_at_least", "The quake killed at least 12 people.", "killed 12 over people"},
    {"hedge_upwards_of", "Upwards of 500 residents were evacuated.", "evacuated 500 over residents"},
    {"hedge_in_excess_of", "Troops detained in excess of 300 men.", "arrested 300 over men"},
    {"hedge_or_more", "Ten or more demonstrators were arrested.", "arrested 10 over demonstrators"},
    {"hedge_fewer_than", "Fewer than 50 people were injured.", "injured 50 under people"},
    {"hedge_up_to", "Rebels kidnapped up to 16 engineers.", "hostages 16 under engineers"},
    {"hedge_as_many_as", "As many as 70 people died in the stampede.", "killed 70 under people"},
    {"hedge_about", "About 20 people were killed overnight.", "killed 20 about people"},
    {"hedge_some", "The gunmen seized some 90 hostages.", "hostages 90 about hostages"},
    {"hedge_nearly", "Nearly 2,000 families fled the fighting.", "displaced 2000 about families"},
    {"hedge_roughly", "Roughly 150 prisoners were freed.", "released 150 about prisoners"},
    {"hedge_an_estimated", "An estimated 8,000 people are missing.", "missing 8000 about people"},
    {"hedge_odd", "The shelling killed 40-odd civilians.", "killed 40 about civilians"},
    // Kinds and the order of figure and verb.
    {"passive", "Six soldiers were wounded in the ambush.", "injured 6 exact soldiers"},
    {"bare_adjective", "The bombing left 9 dead and 31 injured.", "killed 9 exact people | injured 31 exact people"},
    {"noun_hostages", "The group still holds 42 hostages.", "hostages 42 exact hostages"},
    {"taken_hostage", "Nine engineers who were taken hostage in May remain missing.", "hostages 9 exact engineers"},
    {"freed_hostages_stay_hostages", "The rebels freed 7 hostages on Friday.", "hostages 7 exact hostages"},
    {"released_prisoners", "The government released 14 prisoners.", "released 14 exact prisoners"},
    {"forced_from_homes", "The floods forced 6,000 people from their homes.", "displaced 6000 exact people"},
    {"death_toll", "The death toll from the storm rose to 57.", "killed 57 exact people"},
    {"deaths_of", "He condemned the deaths of two journalists.", "killed 2 exact journalists"},
    {"remain_missing", "Five fishermen remained missing on Sunday.", "missing 5 exact fishermen"},
    {"still_unaccounted_for", "Dozens of villagers are still unaccounted for.", "missing 24 over villagers"},
    {"refugees", "More than 3,000 refugees crossed the border.", "displaced 3000 over refugees"},
    {"singular_passive", "A journalist was killed in the shelling.", "killed 1 exact journalist"},
    {"singular_object", "The blast killed a policeman near the market.", "killed 1 exact policeman"},
    // Quantities: money, percentages, measures, votes and large counts.
    {"money", "The bank approved a $4.5 billion loan.", "quantity 4500000000 exact USD"},
    {"money_words", "The ministry pledged 35 million euros in aid.", "quantity 35000000 exact EUR"},
    {"percent", "Inflation rose to 7.5% in March.", "quantity 7.5 exact percent"},
    {"votes", "She won 1,234,567 votes.", "quantity 1234567 exact votes"},
    {"large_count", "The company employs about 41,000 workers.", "quantity 41000 about workers"},
    {"small_counts", "Two ministers met four envoys.", "quantity 2 exact ministers | quantity 4 exact envoys"},
    // Numbers that are no claims.
    {"year", "The war began in 2011 and ended in 2019.", ""},
    {"age", "The 58-year-old former minister, aged 64, resigned.", ""},
    {"duration", "After two days of talks, the delegates left.", ""},
    {"score", "Nigeria beat Ghana 2-1 on Sunday.", ""},
    {"date_day", "The attack of October 7 shocked the country.", ""},
    {"lone_one", "One minister met the envoy on Monday.", ""},
    {"bare_small_number", "The vote was postponed, 12 said.", ""},
    {"killed_or_wounded", "The raid killed or wounded 50 people.", ""},
    {"hypothetical", "The army agreed to evacuate 200 residents.", ""},
    {"repeated_figure_is_one_claim", "Rebels killed 23 soldiers. Officials confirmed that 23 soldiers were killed.",
     "killed 23 exact soldiers"},
};

INSTANTIATE_TEST_SUITE_P(Sentences, ClaimCases, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(ClaimFinder, SourceFromAccordingTo) {
  Document doc = run("At least 17 civilians were killed in the clashes, according to the United Nations.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(entity_name(doc, doc.claims[0].source), "United Nations");
}

TEST(ClaimFinder, SourceFromClosingAttribution) {
  Document doc = run("Eleven people were wounded in the blast, Amnesty International said.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(entity_name(doc, doc.claims[0].source), "Amnesty International");
}

TEST(ClaimFinder, SourceFromSpeakerBeforeTheFigure) {
  Document doc = run("The World Health Organization has estimated that more than 900 people have died.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].qualifier, Qualifier::kOver);
  EXPECT_EQ(entity_name(doc, doc.claims[0].source), "World Health Organization");
}

TEST(ClaimFinder, NoSourceInTheArticlesOwnVoice) {
  Document doc = run("The earthquake killed 300 people.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].source, kNone);
}

TEST(ClaimFinder, SpeechVerbOfAnotherClauseIsNoSource) {
  Document doc = run("Japan pledged $5 million, and the United Nations said it would send experts.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].source, kNone);
}

TEST(ClaimFinder, ActorIsTheSubjectOfAnActiveVerb) {
  Document doc = run("Boko Haram fighters stormed a village in Borno, killing at least 30 people.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(entity_name(doc, doc.claims[0].actor), "Boko Haram");
}

TEST(ClaimFinder, ActorIsTheAgentOfAPassiveVerb) {
  Document doc = run("Four soldiers were killed by Al-Shabaab on Tuesday.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(entity_name(doc, doc.claims[0].actor), "Al-Shabaab");
}

TEST(ClaimFinder, NoActorWhenNoneIsSaid) {
  Document doc = run("Four soldiers were killed on Tuesday.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].actor, kNone);
}

TEST(ClaimFinder, RunningTollIsDatedToPublication) {
  Document doc = run("More than 500 people have been killed in the region.", "2024-05-01");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].date, "2024-05-01");
}

TEST(ClaimFinder, PastFigureWithoutTimeHasNoDate) {
  Document doc = run("Gunmen killed 12 people in the town.", "2024-05-01");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.claims[0].date, "");
}

TEST(ClaimFinder, SpanCoversVerbHedgeAndCountedNoun) {
  Document doc = run("Rebels killed more than 15 villagers.");
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(doc.text_of(doc.claims[0].span), "killed more than 15 villagers");
}

TEST(ClaimFinder, HeadlineFigureTakesTheBodysAttribution) {
  Document doc(Article{.id = "t",
                       .title = "Floods kill 40 in the north",
                       .text = "Floods kill 40 in the north\n\nFloods have killed 40 people, the United Nations said."});
  pipeline().run(doc);
  ASSERT_EQ(doc.claims.size(), 1u);
  EXPECT_EQ(entity_name(doc, doc.claims[0].source), "United Nations");
}

TEST(ClaimFinder, MalformedDataLineNamesFileAndLine) {
  testing::TempDir dir;
  for (const char* f : {"abbreviations.tsv", "sentence_starters.tsv", "number_words.tsv", "claim_kinds.tsv", "claim_hedges.tsv",
                        "claim_units.tsv", "claim_words.tsv"})
    std::filesystem::copy_file(std::string(SITREP_SOURCE_DATA_DIR) + "/" + f, dir.path() + "/" + f);
  std::ofstream(dir.path() + "/claim_hedges.tsv", std::ios::app) << "more or less\tabout\n";
  std::ifstream in(dir.path() + "/claim_hedges.tsv");
  size_t lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  try {
    ClaimFinder finder(dir.path());
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_EQ(std::string(e.what()), dir.path() + "/claim_hedges.tsv:" + std::to_string(lines) +
                                         ": expected 3 tab-separated fields (3 columns), found 2");
  }
}

TEST(ClaimFinder, UnknownQualifierNamesFileAndLine) {
  testing::TempDir dir;
  for (const char* f : {"abbreviations.tsv", "sentence_starters.tsv", "number_words.tsv", "claim_kinds.tsv", "claim_hedges.tsv",
                        "claim_units.tsv", "claim_words.tsv"})
    std::filesystem::copy_file(std::string(SITREP_SOURCE_DATA_DIR) + "/" + f, dir.path() + "/" + f);
  std::ofstream(dir.path() + "/claim_hedges.tsv", std::ios::app) << "give or take\troughly\tafter\n";
  std::ifstream in(dir.path() + "/claim_hedges.tsv");
  size_t lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  try {
    ClaimFinder finder(dir.path());
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_EQ(std::string(e.what()),
              dir.path() + "/claim_hedges.tsv:" + std::to_string(lines) + ": unknown qualifier 'roughly'");
  }
}

}  // namespace
}  // namespace sitrep
