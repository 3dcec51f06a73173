// Temporal expressions on sentences written for these tests (none from the
// gold articles): each case lists the times found as "text=value", resolved
// against a fixed publication date (or none).
#include "time/time_normalizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/tsv.h"
#include "temp_dir.h"
#include "test_util.h"
#include "text/sentences.h"
#include "text/tokenizer.h"
#include "time/calendar.h"

namespace sitrep {
namespace {

// Tokens, sentences and times only: the time stage needs no other layer, and
// the test stays fast.
const Pipeline& pipeline() {
  static Pipeline p = [] {
    Pipeline q;
    q.add(std::make_unique<Tokenizer>(testing::abbreviations()));
    q.add(std::make_unique<SentenceSplitter>(testing::abbreviations()));
    q.add(std::make_unique<TimeNormalizer>(SITREP_SOURCE_DATA_DIR));
    return q;
  }();
  return p;
}

Document run(const std::string& text, const std::string& date) {
  Document doc(Article{.id = "t", .date = date, .text = text});
  pipeline().run(doc);
  return doc;
}

std::string times(const std::string& text, const std::string& date) {
  Document doc = run(text, date);
  std::string out;
  for (const TimeExpression& t : doc.times) {
    if (!out.empty()) out += " | ";
    out += std::string(doc.text_of(t.span)) + "=" + t.value;
  }
  return out;
}

struct Case {
  const char* name;
  const char* date;  // publication date, "" for none
  const char* text;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class TimeCases : public ::testing::TestWithParam<Case> {};

TEST_P(TimeCases, FindsAndResolves) {
  EXPECT_EQ(times(GetParam().text, GetParam().date), GetParam().expected) << GetParam().text;
}

// 2024-04-22 is a Monday (ISO week 17).
const Case kCases[] = {
    // Dates.
    {"month_day_past_is_last_year", "2024-04-22", "Militants crossed the border on October 7.",
     "October 7=2023-10-07"},
    {"month_day_abbreviation_year", "2024-04-22", "The attack began on Oct. 7, 2023, at dawn.",
     "Oct. 7, 2023=2023-10-07"},
    {"day_month", "2024-04-22", "He arrived on 7 October and left.", "7 October=2023-10-07"},
    {"ordinal_day", "2024-04-22", "It happened on October 7th.", "October 7th=2023-10-07"},
    {"iso_date", "", "The filing is dated 2023-10-07.", "2023-10-07=2023-10-07"},
    {"slash_date_nearest_reading", "2023-10-09", "The memo of 10/07/2023 leaked.", "10/07/2023=2023-10-07"},
    {"slash_date_day_first_when_month_cannot_be", "2023-10-09", "The memo of 13/07/2023 leaked.",
     "13/07/2023=2023-07-13"},
    {"month_day_future_is_this_year", "2024-04-22", "The court will rule on June 3.", "June 3=2024-06-03"},
    {"month_day_no_tense_is_nearest", "2024-04-22", "Rwanda host Ghana on 6 June.", "6 June=2024-06-06"},
    {"passive_participle_is_no_past", "2005-10-04", "Another event is to be held on October 12.",
     "October 12=2005-10-12"},
    {"scheduled_is_future", "2009-05-14", "A June 3 hearing has been scheduled.", "June 3=2009-06-03"},
    {"verb_before_the_date_governs_it", "2005-11-05",
     "It will wear the livery when it arrives on November 11, three days later than originally planned.",
     "November 11=2005-11-11 | three days later=2005-11-14"},
    {"tie_between_mentions_keeps_the_first", "2005-11-05",
     "The jet flies to Sydney for celebrations on November 16. Managers eliminated a stop in favour of a show on November 16.",
     "November 16=2005-11-16 | November 16=2005-11-16"},
    {"weekday_with_date", "2024-04-22", "It opened on Monday, Oct. 7, 2023.", "Monday, Oct. 7, 2023=2023-10-07"},
    // Months, years, decades.
    {"month_past", "2024-04-22", "Prices fell in March.", "March=2024-03"},
    {"month_past_in_earlier_year", "2025-03-12", "Talks broke down in December.", "December=2024-12"},
    {"may_needs_a_cue", "2024-04-22", "May officials resign? Talks ended in May.", "May=2023-05"},
    {"month_year", "2024-04-22", "The law passed in March 2024.", "March 2024=2024-03"},
    {"year", "2024-04-22", "The group has fought since 2019.", "2019=2019"},
    {"decade", "2024-04-22", "Inflation soared in the 1990s.", "1990s=199"},
    {"last_month_name", "2025-06-05", "Drills have grown since last October.", "last October=2024-10"},
    {"mid_year", "2010-10-23", "It ships in mid-2011.", "mid-2011=2011"},
    // Weekdays.
    {"weekday_past", "2024-04-24", "The army said on Monday it had withdrawn.", "Monday=2024-04-22"},
    {"weekday_on_publication_day", "2024-04-22", "The military announced on Monday that he quit.",
     "Monday=2024-04-22"},
    {"weekday_future", "2024-04-22", "Ministers will meet on Thursday.", "Thursday=2024-04-25"},
    {"weekday_until_is_future", "2024-04-22", "The drills would run until Saturday.", "Saturday=2024-04-27"},
    {"weekday_by_is_future", "2024-04-22", "A storm could strengthen by Thursday.", "Thursday=2024-04-25"},
    {"last_weekday", "2024-04-22", "The vote was held last Thursday.", "last Thursday=2024-04-18"},
    {"weekday_after_dateline_month_is_past", "2025-05-20", "WASHINGTON, May 20 — The United States on Monday imposed sanctions.",
     "May 20=2025-05-20 | Monday=2025-05-19"},
    {"named_day_is_no_weekday", "2007-10-20", "Markets recalled Black Monday.", ""},
    // Relative expressions.
    {"yesterday_today_tomorrow", "2024-04-22", "Yesterday it rained, today it is dry and tomorrow it snows.",
     "Yesterday=2024-04-21 | today=2024-04-22 | tomorrow=2024-04-23"},
    {"last_year", "2024-04-22", "The deadly assault last year shocked the region.", "last year=2023"},
    {"this_week_next_month", "2024-04-22", "Talks resume this week and end next month.",
     "this week=2024-W17 | next month=2024-05"},
    {"last_week", "2025-01-16", "The government announced last week that it would cut funds.",
     "last week=2025-W02"},
    {"over_the_weekend_is_previous_iso_weekend", "2024-04-22", "He vowed over the weekend to fight on.",
     "over the weekend=2024-W16-WE"},
    {"earlier_this_month", "2024-04-22", "Rates rose earlier this month.", "earlier this month=2024-04"},
    {"days_ago", "2024-04-22", "The convoy left two days ago.", "two days ago=2024-04-20"},
    {"a_week_earlier_refers_to_the_last_date", "2024-06-10", "Fighting intensified on May 10. A week earlier, talks failed.",
     "May 10=2024-05-10 | A week earlier=2024-05-03"},
    {"a_year_earlier_keeps_the_quarter", "2025-02-19", "Vantor reported fourth-quarter income, down 9% from a year earlier.",
     "fourth-quarter=2024-Q4 | a year earlier=2023-Q4"},
    {"anaphora_is_no_referent", "2024-11-26",
     "Prices rose in the third quarter from a year earlier, after a rise in the previous quarter.",
     "third quarter=2024-Q3 | a year earlier=2023-Q3 | the previous quarter=2024-Q2"},
    {"date_last_year", "2024-11-26", "Some 1,100 people were killed on Oct. 7 last year.",
     "Oct. 7 last year=2023-10-07"},
    {"the_same_week", "2025-03-24", "Nigeria host Rwanda on 6 June. Ghana play Benin the same week.",
     "6 June=2025-06-06 | the same week=2025-W23"},
    {"the_day_takes_the_last_day", "2024-04-24", "Shares fell on Monday, but later recovered to end the day higher.",
     "Monday=2024-04-22 | the day=2024-04-22"},
    {"late_in_the_day_takes_the_last_day", "2007-08-10", "Stocks fell today but rebounded late in the day after falling.",
     "today=2007-08-10 | late in the day=2007-08-10"},
    {"half_year", "2025-02-19", "The deal should close in the second half of 2025.", "second half of 2025=2025-H2"},
    {"a_half_without_year_is_a_match_half", "2025-03-24", "We were poor in the first half.", ""},
    // Durations.
    {"for_days", "2024-04-22", "The city was shelled for three days.", "three days=P3D"},
    {"for_months_vague", "2024-04-22", "He has waited for months.", "months=PXM"},
    {"adjectival_duration", "2024-04-22", "Unions called a three-day strike and a five-year plan.",
     "three-day=P3D | five-year=P5Y"},
    {"less_than_an_hour", "2024-04-22", "The water rose in less than an hour.", "an hour=PT1H"},
    {"a_decade", "2024-04-22", "It was the biggest case in a decade.", "a decade=P10Y"},
    {"and_a_half", "2024-04-22", "The jet is almost two and a half years late.", "two and a half years=P2.5Y"},
    {"the_past_month_not_the_past", "2024-06-10", "Thousands fled in the past month.", "the past month=P1M"},
    {"consecutive_quarters", "2025-02-19", "Volumes fell for three consecutive quarters.",
     "three consecutive quarters=P3Q"},
    {"ages_are_no_durations", "2024-04-22", "A 58-year-old man, 64 years old, spoke.", ""},
    {"rates_are_no_durations", "2024-04-22", "The plant makes 15 a year.", ""},
    // Sets, references, clock times.
    {"every_friday", "2025-01-16", "We will come back every Friday.", "every Friday=XXXX-WXX-5"},
    {"every_night", "2025-05-20", "Drones hit the city every night.", "every night=XXXX-XX-XXTNI"},
    {"present_ref", "2024-09-03", "Our biggest problem right now is access; it is currently closed.",
     "right now=PRESENT_REF | currently=PRESENT_REF"},
    {"past_ref", "2024-04-22", "The firm recently cut jobs, as in the past.",
     "recently=PAST_REF | the past=PAST_REF"},
    {"recent_but_not_most_recent", "2024-04-22", "Its most recent index blamed the recent downturn.",
     "recent=PAST_REF"},
    {"the_current_is_present", "2024-04-22", "Under the current rules its five current models stay.",
     "current=PRESENT_REF"},
    {"in_just_minutes", "2008-10-10", "The Dow lost 100 points in just minutes.", "minutes=PTXM"},
    {"clock_time_takes_the_sentence_date", "2009-12-16", "The jet flew on Tuesday at 18:00 UTC.",
     "Tuesday=2009-12-15 | 18:00 UTC=2009-12-15T18:00Z"},
    {"clock_time_am_pm", "2024-04-22", "The rally starts at 6:40 p.m.", "6:40 p.m.=2024-04-22T18:40"},
    // Words that look like times and are not.
    {"suppressed_lookalikes", "2024-04-22",
     "As soon as possible, about a quarter of the 1500 people left the Russell 2000 Index after the fall of Kabul.", ""},
    {"three_quarters_is_a_fraction", "2024-04-22", "The shares lost three quarters of their value.", ""},
    // An expression repeated in one article keeps one value: most mentions are past.
    {"repeated_expression_votes", "2024-04-22",
     "Resignations are expected to follow after the October 7 attack. The army failed to stop the October 7 attack, "
     "officials admitted. Following the October 7 attack, he resigned.",
     "October 7=2023-10-07 | October 7=2023-10-07 | October 7=2023-10-07"},
    // No publication date: values stay underspecified.
    {"no_date_month_day", "", "The attack came on October 7.", "October 7=XXXX-10-07"},
    {"no_date_weekday_and_relative", "", "He spoke on Monday about last year.",
     "Monday=XXXX-WXX-1 | last year=XXXX"},
    {"no_date_full_date_stays", "", "It ended on March 3, 2020.", "March 3, 2020=2020-03-03"},
};

INSTANTIATE_TEST_SUITE_P(Sentences, TimeCases, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(TimeNormalizer, DatelineGivesThePublicationDate) {
  Document doc = run("Storm hits coast\n\nMarch 3, 2024 — Officials said on Friday the storm had passed.", "");
  EXPECT_EQ(doc.article.date, "2024-03-03");
  ASSERT_EQ(doc.times.size(), 2u);
  EXPECT_EQ(doc.times[1].value, "2024-03-01");
}

TEST(TimeNormalizer, DateInsideTheBodyIsNoDateline) {
  Document doc = run("Storm hits coast\n\nOfficials said the storm of March 3, 2020 had passed.", "");
  EXPECT_EQ(doc.article.date, "");
}

// Every example in data/time_patterns.tsv yields a time, or none when the
// row only stops shorter matches.
TEST(TimeNormalizer, EveryPatternExampleMatches) {
  TsvTable t = load_tsv(std::string(SITREP_SOURCE_DATA_DIR) + "/time_patterns.tsv");
  const size_t example = t.column("example"), value = t.column("value");
  for (size_t r = 0; r < t.rows.size(); ++r) {
    Document doc = run(t.rows[r][example] + ".", "2024-04-22");
    if (t.rows[r][value] == "-")
      EXPECT_TRUE(doc.times.empty()) << "line " << t.line_numbers[r] << ": " << t.rows[r][example];
    else
      EXPECT_FALSE(doc.times.empty()) << "line " << t.line_numbers[r] << ": " << t.rows[r][example];
  }
}

// A copy of the shipped lexicons with one line changed.
std::string broken_data(testing::TempDir& dir, const std::string& file, const std::string& from,
                        const std::string& to) {
  for (const char* name : {"time_words.tsv", "time_patterns.tsv"}) {
    std::ifstream in(std::string(SITREP_SOURCE_DATA_DIR) + "/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (name == file) text.replace(text.find(from), from.size(), to);
    dir.write(name, text);
  }
  return dir.path();
}

TEST(TimeNormalizer, MalformedDataLineNamesFileAndLine) {
  testing::TempDir dir;
  try {
    TimeNormalizer t(broken_data(dir, "time_words.tsv", "january\tmonth\t1", "january\tmonht\t1"));
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_NE(std::string(e.what()).find("time_words.tsv:16: unknown class 'monht'"), std::string::npos) << e.what();
  }
  testing::TempDir dir2;
  try {
    TimeNormalizer t(broken_data(dir2, "time_patterns.tsv", "<month> <day> , <year>", "<month> <dya> , <year>"));
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_NE(std::string(e.what()).find("time_patterns.tsv:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("unknown slot <dya>"), std::string::npos) << e.what();
  }
}

TEST(Calendar, IsoWeeksAndFormats) {
  using namespace timex;
  const int64_t monday = days_from_civil(2024, 4, 22);
  EXPECT_EQ(iso_weekday(monday), 1);
  EXPECT_EQ(format(point_at(monday, Grain::kWeek)), "2024-W17");
  EXPECT_EQ(format(point_at(days_from_civil(2021, 1, 3), Grain::kWeek)), "2020-W53");
  TimePoint moved;
  ASSERT_TRUE(shift(point_at(monday, Grain::kQuarter), -1, Grain::kYear, Grain::kQuarter, moved));
  EXPECT_EQ(format(moved), "2023-Q2");
  EXPECT_FALSE(shift(point_at(monday, Grain::kYear), -5000, Grain::kYear, Grain::kYear, moved));
  EXPECT_EQ(format(point_at(days_from_civil(2024, 1, 15), Grain::kSeason)), "2023-WI");
  TimePoint p;
  ASSERT_TRUE(parse_point("2024-W16-WE", p));
  EXPECT_EQ(p.grain, Grain::kWeekend);
  EXPECT_EQ(format(p), "2024-W16-WE");
  EXPECT_FALSE(parse_point("P3D", p));
  EXPECT_FALSE(parse_point("XXXX-10-07", p));
}

}  // namespace
}  // namespace sitrep
