// Coreference on sentences written for these tests: which entity each
// description and pronoun joins.
#include "entities/coreference.h"

#include <gtest/gtest.h>

#include "sitrep/engine.h"

namespace sitrep {
namespace {

Document run(const std::string& text) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .text = text});
  p.run(doc);
  return doc;
}

// The entity name that the mention with exactly this text (its n-th occurrence) belongs to.
std::string entity_of(const Document& doc, std::string_view mention, int nth = 0) {
  for (const Mention& m : doc.mentions) {
    if (doc.text_of(m.span) != mention) continue;
    if (nth-- > 0) continue;
    return m.entity == kNone ? "(none)" : doc.entities[m.entity].name;
  }
  return "(no mention)";
}

TEST(Coreference, PronounsAgreeInGender) {
  Document doc = run("Finance Minister Maria Lopez met Central Bank Governor Jorge Ruiz on Monday. "
                     "She said he had agreed to cut rates.");
  EXPECT_EQ(entity_of(doc, "She"), "Maria Lopez");
  EXPECT_EQ(entity_of(doc, "he"), "Jorge Ruiz");
}

TEST(Coreference, SubjectOfPreviousSentenceIsPreferred) {
  Document doc = run("Senator Paul Okonjo criticised Governor Ade Bello. He later apologised.");
  EXPECT_EQ(entity_of(doc, "He"), "Paul Okonjo");
}

TEST(Coreference, PossessivePronounIsNoSubject) {
  // "His resignation" does not make Okafor the subject: "He" is the last person named.
  Document doc = run("Colonel James Okafor quit. His resignation was welcomed by senator Ruth Adeyemi, who called it "
                     "overdue. She said more would follow.");
  EXPECT_EQ(entity_of(doc, "His"), "James Okafor");
  EXPECT_EQ(entity_of(doc, "who"), "Ruth Adeyemi");
  EXPECT_EQ(entity_of(doc, "She"), "Ruth Adeyemi");
}

TEST(Coreference, DummyAndObjectItAreLeftAlone) {
  Document doc = run("Boeing delayed the jet. Analysts called it a blow, and it is likely that costs rise. "
                     "It said deliveries would resume.");
  EXPECT_EQ(entity_of(doc, "it", 0), "(no mention)");
  EXPECT_EQ(entity_of(doc, "It"), "Boeing");
}

TEST(Coreference, DescriptionsJoinTheLastEntityOfTheirType) {
  Document doc = run("Airbus won the order. The company said production would rise. "
                     "Kenya agreed, and the country will pay in 2026.");
  EXPECT_EQ(entity_of(doc, "The company"), "Airbus");
  EXPECT_EQ(entity_of(doc, "the country"), "Kenya");
}

TEST(Coreference, DescriptionWithoutAnEntityOfItsTypeIsNoMention) {
  Document doc = run("Kenya agreed. The company said nothing.");
  EXPECT_EQ(entity_of(doc, "The company"), "(no mention)");
}

TEST(Coreference, RoleNominalFindsTheHolderOfTheRoleInItsCountry) {
  Document doc = run("Ukrainian Prime Minister Denys Shmyhal met French President Emmanuel Macron. "
                     "The Ukrainian leader asked for air defence.");
  EXPECT_EQ(entity_of(doc, "The Ukrainian leader"), "Denys Shmyhal");
}

TEST(Coreference, AppositionsBindDescriptionsAndGiveCountries) {
  Document doc = run("The commander of Kenya’s army, Lieutenant General Peter Njoroge, resigned. "
                     "Elena Sokolova, the head of the central bank, disagreed.");
  EXPECT_EQ(entity_of(doc, "The commander of Kenya’s army"), "Peter Njoroge");
  EXPECT_EQ(entity_of(doc, "the head of the central bank"), "Elena Sokolova");
  const Entity& general = doc.entities[doc.mentions[0].entity];
  EXPECT_EQ(general.actor_code, "KENMIL");
}

TEST(Coreference, ListsAreNoAppositions) {
  Document doc = run("Egypt, the Sudan and Ethiopia met.");
  EXPECT_EQ(entity_of(doc, "the Sudan and Ethiopia"), "(no mention)");
}

TEST(Coreference, ActorCodeFromDemonymBeforeTitle) {
  Document doc = run("Kenyan opposition leader Amina Waweru rejected the plan.");
  ASSERT_FALSE(doc.entities.empty());
  EXPECT_EQ(doc.entities.back().name, "Amina Waweru");
  EXPECT_EQ(doc.entities.back().actor_code, "KENOPP");
}

TEST(Coreference, CountryInstitutionFromPossessive) {
  Document doc = run("Israel confirmed the raid. Israel’s military said two soldiers were hurt.");
  EXPECT_EQ(entity_of(doc, "Israel’s military"), "Israel Defense Forces");
}

TEST(Coreference, MentionsStayInTextOrder) {
  Document doc = run("The company Airbus said it would grow. Its chief, Guillaume Faury, agreed.");
  for (size_t i = 1; i < doc.mentions.size(); ++i) EXPECT_LE(doc.mentions[i - 1].span.begin, doc.mentions[i].span.begin);
  for (const Entity& e : doc.entities)
    for (size_t i = 1; i < e.mentions.size(); ++i) EXPECT_LT(e.mentions[i - 1], e.mentions[i]);
}

}  // namespace
}  // namespace sitrep
