// Name recognition on sentences written for these tests (none from the gold
// articles): each case lists the mentions found as "text/TYPE/kind".
#include "entities/name_finder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/tsv.h"
#include "sitrep/engine.h"
#include "temp_dir.h"

namespace sitrep {
namespace {

const Pipeline& pipeline() {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  return p;
}

// The stages up to coreference: the names, descriptions and pronouns, without
// the actors the event coder adds later.
Document run(const std::string& text) {
  Document doc(Article{.id = "t", .text = text});
  for (const auto& stage : pipeline().stages()) {
    stage->run(doc);
    if (stage->name() == std::string_view("coreference")) break;
  }
  return doc;
}

std::string mentions(const std::string& text) {
  Document doc = run(text);
  std::string out;
  for (const Mention& m : doc.mentions) {
    if (!out.empty()) out += " | ";
    out += std::string(doc.text_of(m.span)) + "/" + std::string(to_string(m.type));
    if (m.kind != MentionKind::kName) out += "/" + std::string(to_string(m.kind));
  }
  return out;
}

struct Case {
  const char* name;
  const char* text;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class NameCases : public ::testing::TestWithParam<Case> {};

TEST_P(NameCases, FindsTheNames) {
  EXPECT_EQ(mentions(GetParam().text), GetParam().expected) << GetParam().text;
}

const Case kCases[] = {
    {"title_before_unknown_person", "Brigadier General Tomas Reyes resigned on Tuesday.",
     "Tomas Reyes/PERSON"},
    {"role_before_person", "The ruling party chose spokesman Ilya Varga as its candidate.", "Ilya Varga/PERSON"},
    // A town the lists know (Norton, Cardona) after a title is a person's name;
    // untitled and after a preposition it stays the town.
    {"title_before_a_towns_name", "Senator Norton voted against the bill in Washington.",
     "Norton/PERSON | Washington/GPE"},
    {"titled_towns_name_then_alone", "Justice Cardona wrote the opinion, and Cardona said the law was clear.",
     "Cardona/PERSON | Cardona/PERSON"},
    {"towns_name_without_a_title", "Floods reached Norton on Monday.", "Norton/GPE"},
    // A table's header line is column labels; a headline in capitals is not.
    {"table_header_gives_no_names", "Standings after Sunday.\nTEAM W L PCT GB\nRed Sox 8 6 .571 2\n",
     "Red Sox/ORG"},
    // An English word opening a sentence is no town that the lists spell
    // with accents (Çan, Savé, Comé); the town by its name stays.
    {"question_opener_is_no_town", "Can you help me with the order?", ""},
    {"imperative_opener_is_no_town", "Save the date for the meeting.", ""},
    {"accented_town_by_its_name", "Floods cut the road to Savé on Monday.", "Savé/GPE"},
    // Lower-case names of web text: a country or a place of two words the
    // lists know, where the tagger sees a proper noun; not a common noun,
    // nor a word that matches only without accents.
    {"lower_case_country_and_city", "we flew to india last year and then to san francisco.",
     "india/GPE | san francisco/GPE"},
    {"lower_case_common_noun_is_no_country", "She bought fine china in the shop.", ""},
    {"lower_case_word_is_no_accented_place", "we saw a falcon over the field.", ""},
    // A noun for a kind of organisation right before a name types it, unless a
    // given name starts the name.
    {"airline_before_a_name", "Irish national airline Aer Lingus bought new jets.",
     "Irish national airline/ORG/nominal | Aer Lingus/ORG"},
    {"carrier_before_a_single_name", "Russian flag carrier Aeroflot has negotiated the purchase of 22 new jets.",
     "Russian flag carrier/ORG/nominal | Aeroflot/ORG"},
    {"company_before_a_persons_name", "The company Steve Jobs founded grew fast.", "Steve Jobs/PERSON"},
    // A possessive after a name the lists know ends a name the model would run
    // on; a name the lists know whole stays one.
    {"possessive_country_before_a_name", "Colombia\u2019s National Liberation Army freed nine hostages.",
     "Colombia/GPE | National Liberation Army/ORG"},
    // An unknown word that opens its sentence with a possessive is a name;
    // a closed-class or time word is not.
    {"unknown_word_with_possessive_opens_a_sentence", "Montavia's army retook the bridge on Thursday.",
     "Montavia/ORG"},
    {"time_word_with_possessive_is_no_name", "Today's vote was delayed.", ""},
    {"listed_name_with_and_stays_whole", "Bosnia and Herzegovina voted on Sunday.", "Bosnia and Herzegovina/GPE"},
    {"table_row_opens_with_a_name", "Standings after Sunday.\nYankees 10 4 .714 -\n", "Yankees/ORG"},
    {"line_opening_with_a_numbered_word_is_no_row", "The treaty has nine parts.\nArticle 5 of the treaty binds all.\n",
     ""},
    {"numbered_heading_is_no_row", "The treaty has nine parts.\nRevised Article 5\nThe parties agree.\n", ""},
    {"capitals_headline_with_short_words_keeps_names", "US AND UK TO SEND AID TO SUDAN\n\nThe aid left on Monday.",
     "US/GPE | UK/GPE | SUDAN/GPE"},
    {"demonym_plural_is_people", "Thousands of Palestinians crossed into Egypt.",
     "Palestinians/NORP | Egypt/GPE"},
    {"demonym_before_group", "Egyptian officials inspected the Egyptian border post.", "Egyptian/NORP"},
    {"demonyms_coordinated", "Senior Hungarian and Romanian officials met in Vienna.",
     "Hungarian/NORP | Romanian/NORP | Vienna/GPE"},
    {"demonym_before_role_of_named_person", "Ukrainian opposition leader Oksana Hrytsenko spoke.",
     "Oksana Hrytsenko/PERSON"},
    {"dateline_in_capitals", "NAIROBI, Kenya (Reuters) - Police fired tear gas.",
     "NAIROBI/GPE | Kenya/GPE | Reuters/ORG"},
    {"sentence_initial_common_word", "Following talks in Geneva, the delegates left.", "Geneva/GPE"},
    {"determiner_after_dateline", "LIMA - The World Food Programme appealed for funds.",
     "LIMA/GPE | World Food Programme/ORG"},
    {"preposition_after_dateline_dash", "GOMA, March 3 (Wire) — Between 20 and 30 people fled, officials said.",
     "GOMA/GPE | Wire/ORG"},
    {"name_after_dash", "The talks stalled — Hamas blamed Qatar.", "Hamas/ORG | Qatar/GPE"},
    {"headline_in_title_case_has_only_known_names", "Rebels Seize Key Town In Congo After Heavy Fighting\n\nBody.",
     "Congo/GPE"},
    {"hyphenated_adjective_is_no_name", "Iran-backed militias fired rockets.", ""},
    {"product_with_model_number", "Sales of the iPhone 15 rose.", "iPhone 15/PRODUCT"},
    {"org_head_word", "Shares of Lusaka Copper Holdings fell.", "Lusaka Copper Holdings/ORG"},
    {"org_with_of", "The Bank of Zambia raised rates.", "Bank of Zambia/ORG"},
    {"event_prefix", "Typhoon Mara struck the coast.", "Typhoon Mara/EVENT"},
    {"loc_prefix", "Boats capsized on Lake Kivu.", "Lake Kivu/LOC"},
    {"locative_unknown_place", "Fighting spread to villages near Ndorowa overnight.", "Ndorowa/GPE"},
    {"place_noun_of_unknown_place", "Armed men torched the village of Malembe on Sunday.", "Malembe/GPE"},
    {"currency_prefix_is_no_country", "The deal is worth US$40 billion.", ""},
    {"time_words_are_no_names", "On Monday in October, nothing happened.", ""},
    {"acronym", "The NLF denied it.", "NLF/ORG"},
    {"given_name_starts_a_person_inside_a_run", "Shares rose after Northline Chief Executive Anna Lindqvist resigned.",
     "Northline/ORG | Anna Lindqvist/PERSON"},
    {"leader_noun_between_names", "Shares fell after Dravix chief Maria Lopez quit and Korvane boss Peter Hale left.",
     "Dravix/ORG | Maria Lopez/PERSON | Korvane/ORG | Peter Hale/PERSON"},
    {"cities_in_a_result_are_clubs", "Valencia beat Sevilla 2-1 and Leeds drew with Bristol 0-0.",
     "Valencia/ORG | Sevilla/ORG | Leeds/ORG | Bristol/ORG"},
    {"countries_in_a_result_stay_countries", "Spain beat Italy 2-0 in Madrid.", "Spain/GPE | Italy/GPE | Madrid/GPE"},
    {"a_city_without_a_score_stays_a_city", "Floods hit Leeds, and rescuers beat the rising water.", "Leeds/GPE"},
    {"description_and_nested_name", "Gaza health authorities said the toll rose.",
     "Gaza health authorities/ORG/nominal | Gaza/GPE"},
    {"epithet_needs_its_referent", "Troops left the enclave.", ""},
    {"epithet_after_referent", "Israel said the Jewish state would respond.",
     "Israel/GPE | the Jewish state/GPE/nominal"},
    {"acronym_spells_names_joined_by_and",
     "The Water Supply and Sanitation Authority (WSSA) cut supplies. WSSA blamed the drought.",
     "Water Supply and Sanitation Authority/ORG | WSSA/ORG | WSSA/ORG"},
    {"title_with_portfolio", "Minister for Water and Sanitation Grace Achieng visited Kisumu.",
     "Grace Achieng/PERSON | Kisumu/GPE"},
    {"and_inside_an_organisation_name",
     "On Monday the Water and Sanitation Authority and the Kilima Cement Company said supplies would resume.",
     "Water and Sanitation Authority/ORG | Kilima Cement Company/ORG"},
    {"name_with_its_head_before_and_ends",
     "On Monday the Lakeside Water Authority and Kilima Cement Company said supplies would resume.",
     "Lakeside Water Authority/ORG | Kilima Cement Company/ORG"},
    {"hyphenated_given_name_after_surname", "Spokeswoman Lin Mei-ling said Iran-linked groups and Taipei-based firms left.",
     "Lin Mei-ling/PERSON"},
    {"arabic_particle_name", "Fighters of the al-Nour Brigade retreated.", "al-Nour Brigade/ORG"},
};

INSTANTIATE_TEST_SUITE_P(Sentences, NameCases, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(EntityLinker, SurnameJoinsTheFullName) {
  Document doc = run("Defence Minister Karin Sorensen flew to Oslo. Sorensen said talks would resume.");
  ASSERT_EQ(doc.entities.size(), 2u);
  const Entity& e = doc.entities[0];
  EXPECT_EQ(e.name, "Karin Sorensen");
  EXPECT_EQ(e.type, EntityType::kPerson);
  EXPECT_EQ(e.title, "Defence Minister");
  EXPECT_EQ(e.mentions.size(), 2u);
}

TEST(EntityLinker, NamesInALineOfCapitalsAreTheArticlesOwn) {
  Document doc = run("ZAMBIA: EBBERS DENIES WORLDCOM FRAUD AT BANK\n\nFormer WorldCom chief Bernie Ebbers denied the "
                     "charges. The Bank of Zambia was not involved.");
  auto entity_with = [&](std::string_view mention) -> const Entity* {
    for (const Mention& m : doc.mentions)
      if (doc.text_of(m.span) == mention && m.entity != kNone) return &doc.entities[m.entity];
    return nullptr;
  };
  // The surname and the organisation in capitals join the names the body gives in ordinary case.
  ASSERT_NE(entity_with("EBBERS"), nullptr);
  EXPECT_EQ(entity_with("EBBERS")->name, "Bernie Ebbers");
  EXPECT_EQ(entity_with("EBBERS")->type, EntityType::kPerson);
  ASSERT_NE(entity_with("WORLDCOM"), nullptr);
  EXPECT_EQ(entity_with("WORLDCOM")->name, "WorldCom");
  // A word of a longer name ("Bank" of "Bank of Zambia") and other words stay no names.
  EXPECT_EQ(entity_with("BANK"), nullptr);
  EXPECT_EQ(entity_with("FRAUD"), nullptr);
  // An entity before the ones joined keeps its name.
  ASSERT_NE(entity_with("ZAMBIA"), nullptr);
  EXPECT_EQ(entity_with("ZAMBIA")->name, "Zambia");
}

TEST(EntityLinker, AcronymJoinsItsExpansion) {
  Document doc = run("The Northern Liberation Front said it would talk. NLF fighters later withdrew.");
  ASSERT_GE(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].name, "Northern Liberation Front");
  // Its two names ("it" in "said it would" is coreference's pronoun mention).
  size_t names = 0;
  for (int32_t m : doc.entities[0].mentions) names += doc.mentions[m].kind == MentionKind::kName;
  EXPECT_EQ(names, 2u);
}

TEST(EntityLinker, ParenthesisedAcronymJoinsNamesItSpellsOut) {
  Document doc = run("The Water Supply and Sanitation Authority (WSSA) cut supplies. WSSA blamed the drought.");
  ASSERT_GE(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].name, "Water Supply and Sanitation Authority");
  size_t names = 0;
  for (int32_t m : doc.entities[0].mentions) names += doc.mentions[m].kind == MentionKind::kName;
  EXPECT_EQ(names, 3u);
}

TEST(EntityLinker, SurnameBeforeTheFullNameIsThePerson) {
  Document doc = run("Kamwendo wins second term\n\nLILONGWE — President Peter Kamwendo won a second term. "
                     "Kamwendo thanked voters.");
  size_t persons = 0;
  for (const Entity& e : doc.entities)
    if (e.name.find("Kamwendo") != std::string::npos) {
      ++persons;
      EXPECT_EQ(e.type, EntityType::kPerson);
      EXPECT_EQ(e.mentions.size(), 3u);
    }
  EXPECT_EQ(persons, 1u);
}

// The type of a name the lists do not know: a later mention typed by the words
// around it ("in Marovo") outranks a first one typed by a guess.
TEST(EntityLinker, ANameTypedByItsContextOutranksAGuess) {
  Document doc = run("Marovo is known for its reefs. Divers come each year, and fishing boats work in Marovo "
                     "waters. Many families in Marovo live from the sea.");
  size_t found = 0;
  for (const Mention& m : doc.mentions)
    if (doc.text_of(m.span) == "Marovo") {
      ++found;
      EXPECT_EQ(m.type, EntityType::kGpe);
    }
  EXPECT_EQ(found, 3u);
}

// A single name typed as a place by its context is no short form of a person
// whose name ends with it.
TEST(EntityLinker, APlaceByItsContextIsNoPersonsSurname) {
  Document doc = run("Marovo was named after Luis Marovo, a Spanish captain. Divers work in Marovo today, and "
                     "tourists stay in Marovo.");
  size_t places = 0;
  for (const Entity& e : doc.entities) {
    if (e.name == "Marovo") {
      EXPECT_EQ(e.type, EntityType::kGpe);
      EXPECT_EQ(e.mentions.size(), 3u);
      ++places;
    }
    if (e.name == "Luis Marovo")
      for (int32_t m : e.mentions) EXPECT_NE(doc.text_of(doc.mentions[m].span), "Marovo");
  }
  EXPECT_EQ(places, 1u);
}

// A surname that is also a town of the lists (Norton) stays the article's
// person at every later mention, not only the first, and the person keeps
// its type.
TEST(EntityLinker, EveryLaterSurnameThatIsATownIsThePerson) {
  Document doc = run("Joshua Abraham Norton was born in England. Norton moved to San Francisco in 1849. "
                     "Norton died in 1880.");
  size_t found = 0;
  for (const Entity& e : doc.entities)
    if (e.name.find("Norton") != std::string::npos) {
      ++found;
      EXPECT_EQ(e.type, EntityType::kPerson);
      EXPECT_EQ(e.mentions.size(), 3u);
    }
  EXPECT_EQ(found, 1u);
}

TEST(EntityLinker, LexiconEntriesGiveCodesAndCanonicalNames) {
  Document doc = run("The IDF said Israel Defense Forces troops were hit.");
  ASSERT_EQ(doc.entities.size(), 1u);
  EXPECT_EQ(doc.entities[0].name, "Israel Defense Forces");
  EXPECT_EQ(doc.entities[0].actor_code, "ISRMIL");
  EXPECT_EQ(doc.entities[0].country, "ISR");
}

TEST(EntityLinker, OneNameOneType) {
  // "Okoye" alone would be a guess; the full name with a given name makes it a person everywhere.
  Document doc = run("Striker Samuel Okoye scored twice. Okoye later left the pitch.");
  for (const Mention& m : doc.mentions)
    if (doc.text_of(m.span).find("Okoye") != std::string_view::npos) {
      EXPECT_EQ(m.type, EntityType::kPerson);
    }
}

TEST(Lexicons, MalformedLexiconLineNamesFileAndLine) {
  testing::TempDir dir;
  for (const auto& f : std::filesystem::directory_iterator(SITREP_SOURCE_DATA_DIR))
    if (f.is_regular_file()) std::filesystem::copy_file(f.path(), dir.path() + "/" + f.path().filename().string());
  std::ofstream(dir.path() + "/organizations.tsv", std::ios::app) << "Broken Org\tonly two fields\n";
  std::ifstream in(dir.path() + "/organizations.tsv");
  size_t lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  try {
    build_pipeline(dir.path());
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_EQ(std::string(e.what()), dir.path() + "/organizations.tsv:" + std::to_string(lines) +
                                         ": expected 6 tab-separated fields (6 columns), found 2");
  }
}

const char kLexiconHeader[] = "# source: written for this test\n# licence: CC0-1.0\n"
                              "name\taliases\ttype\tactor_code\tcountry\tkind\n";

TEST(Lexicons, UserLexiconAddsNamesWithTheirCodes) {
  testing::TempDir dir;
  const std::string gondor = dir.write("gondor.tsv", std::string(kLexiconHeader) +
                                                         "Gondor\tMinas Tirith\tGPE\tGON\t\tcountry\n");
  const std::string arnor = dir.write("arnor.tsv", std::string(kLexiconHeader) + "Arnor\t\tGPE\tARN\t\tcountry\n");
  const std::string text = "Arnor restored full diplomatic ties with Minas Tirith.";
  Document before(Article{.id = "t", .text = text});
  pipeline().run(before);
  for (const Entity& e : before.entities) EXPECT_NE(e.actor_code, "GON") << e.name;

  Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR, EngineOptions{.lexicons = {gondor, arnor}});
  Document doc(Article{.id = "t", .text = text});
  p.run(doc);
  std::map<std::string, std::string> codes;
  for (const Entity& e : doc.entities) codes[e.name] = e.actor_code;
  EXPECT_EQ(codes["Gondor"], "GON");  // by its alias
  EXPECT_EQ(codes["Arnor"], "ARN");   // from the second file
}

TEST(Lexicons, MalformedUserLexiconNamesFileAndLine) {
  testing::TempDir dir;
  auto error = [&](const std::string& body) {
    const std::string path =
        dir.write("names.tsv", std::string(kLexiconHeader) + "Gondor\t\tGPE\tGON\t\tcountry\n" + body);
    try {
      build_pipeline(SITREP_SOURCE_DATA_DIR, EngineOptions{.lexicons = {path}});
    } catch (const TsvError& e) {
      return std::string(e.what()).substr(path.size());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error("Arnor\tGPE\tARN\n"), ":5: expected 6 tab-separated fields (6 columns), found 3");
  EXPECT_EQ(error("Arnor\t\tKINGDOM\tARN\t\tcountry\n"),
            ":5: type 'KINGDOM' is not one of PERSON ORG GPE LOC NORP FAC EVENT PRODUCT FINANCIAL");
  EXPECT_EQ(error("\tArnor\tGPE\tARN\t\tcountry\n"), ":5: the name is empty");
  EXPECT_EQ(error(""), "no error");
  try {
    build_pipeline(SITREP_SOURCE_DATA_DIR, EngineOptions{.lexicons = {dir.path() + "/missing.tsv"}});
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_EQ(std::string(e.what()), dir.path() + "/missing.tsv: cannot open lexicon file");
  }
}

TEST(NameFinder, KnownNameBeforeACoordinationIsNotSwallowed) {
  // "General Motors and Chrysler" is two companies, not one name with the title "General".
  Document doc = run("General Motors and Chrysler have cut jobs.");
  ASSERT_GE(doc.entities.size(), 2u);
  EXPECT_EQ(doc.entities[0].name, "General Motors");
  EXPECT_EQ(doc.entities[0].type, EntityType::kOrg);
}

}  // namespace
}  // namespace sitrep
