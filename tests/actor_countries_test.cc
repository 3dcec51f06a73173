// ActorCountries on articles written for these tests: where an actor coded
// by its sector alone takes its country from.
#include "entities/actor_countries.h"

#include <gtest/gtest.h>

#include "sitrep/engine.h"

namespace sitrep {
namespace {

std::string code_of(const std::string& text, std::string_view name) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  // The first line is the title, as the reader of text files makes it.
  Document doc(Article{.id = "t", .title = text.substr(0, text.find('\n')), .text = text});
  p.run(doc);
  for (const Entity& e : doc.entities)
    if (e.name == name) return e.actor_code;
  return "(no entity)";
}

TEST(ActorCountries, TheNearestCountryOrOrganisationBeforeInTheSentence) {
  // The person's own title gives GOV; the ministry before the name its country, not Kenya after it.
  EXPECT_EQ(code_of("Vote passes off calmly\n\nTurnout was high. Ukrainian Foreign Ministry spokesman Taras Melnyk "
                    "said the vote in Kenya was fair.\n",
                    "Taras Melnyk"),
            "UKRGOV");
}

TEST(ActorCountries, TheDatelineWhenTheSentenceNamesNoCountry) {
  EXPECT_EQ(code_of("Vote passes off calmly\n\nLUSAKA, March 3 — Turnout was high across the country.\n\n"
                    "A government spokesman said the vote was fair.\n",
                    "government spokesman"),
            "ZMBGOV");
}

TEST(ActorCountries, TheMainCountryOnlyWhenOneCountryLeads) {
  EXPECT_EQ(code_of("Vote passes off calmly\n\nKenya voted on Monday. Turnout in Kenya was high.\n\n"
                    "A government spokesman said the vote was fair.\n",
                    "government spokesman"),
            "KENGOV");
  // Two countries named as often: no main country, the sector stays alone.
  EXPECT_EQ(code_of("Vote passes off calmly\n\nKenya and Uganda voted on Monday.\n\n"
                    "A government spokesman said the vote was fair.\n",
                    "government spokesman"),
            "GOV");
}

TEST(ActorCountries, WithoutAnyCountryTheSectorStaysAlone) {
  EXPECT_EQ(code_of("Vote passes off calmly\n\nA government spokesman said the vote was fair.\n", "government spokesman"),
            "GOV");
}

}  // namespace
}  // namespace sitrep
