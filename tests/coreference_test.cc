// Coreference on sentences written for these tests: which entity each
// description and pronoun joins.
#include "entities/coreference.h"

#include <gtest/gtest.h>

#include "sitrep/engine.h"

namespace sitrep {
namespace {

// `exhaustive`: with the mentions only exhaustive output lists (aside mentions).
Document run(const std::string& text, bool exhaustive = false) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .text = text});
  doc.exhaustive_mentions = exhaustive;
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

// A surname that the lists know as someone famous ("Sullivan", an alias in
// people.tsv) is the article's own person when the article named one before.
TEST(Coreference, AnEarlierFullNameOutranksTheListsForASurname) {
  Document doc = run("Scott Sullivan, the former finance chief, testified on Tuesday. "
                     "Mr Sullivan said the accounts had been altered.");
  EXPECT_EQ(entity_of(doc, "Sullivan"), "Scott Sullivan");
  EXPECT_EQ(entity_of(run("Sullivan said the talks in Geneva had gone well."), "Sullivan"), "Jake Sullivan");
}

TEST(Coreference, AHeadlineSurnameIsTheFullNameTheBodyGivesAfterIt) {
  // "Sullivan" is a famous person of the lists; the article's own Scott
  // Sullivan, named after the headline, is who both surnames are.
  Document doc = run("Sullivan testifies against Ebbers\n\nScott Sullivan told jurors that Bernie Ebbers knew. "
                     "Sullivan said the fraud began in 2000.");
  for (const Mention& m : doc.mentions)
    if (doc.text_of(m.span) == "Sullivan") {
      ASSERT_NE(m.entity, kNone);
      EXPECT_EQ(doc.entities[m.entity].name, "Scott Sullivan");
      EXPECT_TRUE(doc.entities[m.entity].actor_code.empty());
    }
  // With the famous person's full name in the article too, the surname stays theirs.
  doc = run("Biden meets Hunter Biden lawyers\n\nJoe Biden met lawyers of Hunter Biden on Friday. Biden said little.");
  EXPECT_EQ(entity_of(doc, "Biden"), "Joe Biden");
}

TEST(Coreference, AHeadlineSurnameBeforeTheBodysFullNameIsThatPerson) {
  // The headline has no evidence for "Ebbers" when it is read; the body's
  // "Bernie Ebbers" gives it, and "Mr Ebbers" is the same person.
  Document doc = run("Ebbers denies fraud charges\n\nFormer WorldCom chief Bernie Ebbers denied the charges. "
                     "Mr Ebbers said he knew nothing.");
  EXPECT_EQ(entity_of(doc, "Ebbers", 0), "Bernie Ebbers");
  EXPECT_EQ(entity_of(doc, "Ebbers", 1), "Bernie Ebbers");
  size_t persons = 0;
  for (const Entity& e : doc.entities) persons += e.type == EntityType::kPerson;
  EXPECT_EQ(persons, 1u);
  // Other capitalised headline words stay no names.
  EXPECT_EQ(entity_of(doc, "Former"), "(no mention)");
}

// A description whose head word is in a name ("the commission", "Electoral
// Commission of Malawi") finds that name beyond the six-sentence window of
// salience, past another organisation; a description without such a name
// keeps the window.
TEST(Coreference, ADescriptionFindsTheNameWithItsHeadWordFarBack) {
  const std::string commission =
      "The Electoral Commission of Malawi declared the result on Monday. Turnout was 61%. The count took four days. "
      "Rain delayed some ballot boxes. Queues were long in the north. Few incidents were reported. Markets stayed "
      "calm. The African Union praised the vote. The commission said it would publish every tally.";
  Document doc = run(commission);
  EXPECT_EQ(entity_of(doc, "The commission"), "Electoral Commission of Malawi");
  // No organisation's name has the word: the salient one, as before.
  Document other = run("The African Union praised the vote. The commission said it would publish every tally.");
  EXPECT_EQ(entity_of(other, "The commission"), "African Union");
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

TEST(Coreference, SubjectBeforeItsVerbAfterAClauseBoundary) {
  Document doc = run("Tata Motors bought a stake in Jaguar. According to a filing, the company has told the Treasury "
                     "that it intends to buy more.");
  EXPECT_EQ(entity_of(doc, "it"), "Tata Motors");
  // A trailing attribution is no subject: "The group" is the Houthis.
  doc = run("The Houthis released four detained WFP staff members on Sunday, the agency said. The group had "
            "accused them of spying.");
  EXPECT_EQ(entity_of(doc, "The group"), "Houthis");
}

TEST(Coreference, PronounAfterAReportingVerbIsItsSubject) {
  Document doc = run("Japan pledged aid on Monday, and the United States said it would send two planes.");
  EXPECT_EQ(entity_of(doc, "it"), "United States");
  doc = run("Tokyo protested. Vietnam said on Friday it firmly rejected the claim.");
  EXPECT_EQ(entity_of(doc, "it"), "Vietnam");
  // The subject of a bare reported clause is its clause's subject for a possessive after it.
  doc = run("Taiwan’s Defence Ministry said it had put its armed forces on alert.");
  EXPECT_EQ(entity_of(doc, "its"), entity_of(doc, "it"));
  EXPECT_NE(entity_of(doc, "its"), "Taiwan");
  // "X urged Y ... and said it": the first verb's subject.
  doc = run("The Foreign Ministry of Chile urged Peru to show restraint and said it was deeply concerned.");
  EXPECT_NE(entity_of(doc, "it"), "Peru");
  EXPECT_NE(entity_of(doc, "it"), "(no mention)");
  // A subject with no entity: the pronoun is left alone rather than guessed.
  doc = run("Kenya Airways cancelled flights. Witnesses said they saw smoke.");
  EXPECT_EQ(entity_of(doc, "they"), "(no mention)");
}

TEST(Coreference, TheyIsAGroupBeforeOneOrganisation) {
  Document doc = run("The World Food Programme (WFP) and UNICEF said on Friday their convoys had reached Goma.");
  EXPECT_EQ(entity_of(doc, "their"), "World Food Programme (WFP) and UNICEF");
}

TEST(Coreference, TheGovernmentOfACountryIsTheCountry) {
  Document doc = run("Kenya and Uganda signed the deal. Officials thanked the government of Uganda for its help.");
  EXPECT_EQ(entity_of(doc, "the government"), "Uganda");
}

TEST(Coreference, ARoleInTheHeadlineIsThePersonTheBodyNamesInIt) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  const std::string title = "Ghana's president sacks finance minister over budget row";
  Document doc(Article{.id = "t", .title = title,
                       .text = title + "\n\nACCRA — President John Mensah dismissed Finance Minister Kofi Boateng on "
                                       "Friday. Boateng said he would challenge the decision."});
  p.run(doc);
  EXPECT_EQ(entity_of(doc, "Ghana's president"), "John Mensah");
  EXPECT_EQ(entity_of(doc, "finance minister"), "Kofi Boateng");
}

TEST(Coreference, AnOfficeIsHeldByAPersonWithThatTitle) {
  Document doc = run("Finance Minister Njeri Kamau met President Daniel Otieno on Monday. "
                     "The president later said the finance minister would stay.");
  EXPECT_EQ(entity_of(doc, "The president"), "Daniel Otieno");
  EXPECT_EQ(entity_of(doc, "the finance minister"), "Njeri Kamau");
  // No one named holds the office: the description names no one here.
  doc = run("President Daniel Otieno said on Monday the finance minister would stay.");
  EXPECT_NE(entity_of(doc, "the finance minister"), "Daniel Otieno");
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

// Noun phrases whose head names a kind of entity (data/nominals.tsv).

TEST(Coreference, GroupNounMentionedAgainIsOneEntity) {
  Document doc = run("Stock markets fell sharply on Monday. Experts watched the markets recover by Friday.");
  EXPECT_EQ(entity_of(doc, "Stock markets"), "Stock markets");
  EXPECT_EQ(entity_of(doc, "the markets"), "Stock markets");
  // Mentioned once, a generic group is no entity, unless it speaks: then it is
  // an unnamed source (the speech stage's).
  EXPECT_EQ(entity_of(doc, "Experts"), "(no mention)");
  Document said = run("Stock markets fell sharply on Monday. Experts said the markets would recover by Friday.");
  EXPECT_EQ(entity_of(said, "the markets"), "Stock markets");
  EXPECT_EQ(entity_of(said, "Experts"), "Experts");
}

TEST(Coreference, NamesAmongModifiersTellGroupsApartButNotOneThing) {
  Document doc = run("Asian markets fell and European markets rose. Asian markets closed lower; the markets "
                     "were calm. The economy shrank, and the Japanese economy may shrink again.");
  EXPECT_EQ(entity_of(doc, "Asian markets", 0), entity_of(doc, "Asian markets", 1));
  EXPECT_NE(entity_of(doc, "European markets"), entity_of(doc, "Asian markets", 0));
  EXPECT_EQ(entity_of(doc, "the Japanese economy"), "The economy");
}

TEST(Coreference, PossessedPhrasesChainByTheirPossessor) {
  Document doc = run("Boeing said its shares rose on Monday, and its shares fell on Tuesday. "
                     "Airbus's shares were flat.");
  EXPECT_EQ(entity_of(doc, "its", 0), "Boeing");
  EXPECT_EQ(entity_of(doc, "its shares", 0), entity_of(doc, "its shares", 1));
  EXPECT_NE(entity_of(doc, "its shares", 0), "(no mention)");
  EXPECT_EQ(entity_of(doc, "shares", 0), "(no mention)");  // Airbus's: mentioned once
}

TEST(Coreference, IndefiniteStartsANewEntity) {
  Document doc = run("Airbus signed a contract with Qantas. Boeing lost a contract in Peru.");
  EXPECT_EQ(entity_of(doc, "a contract", 0), "(no mention)");
  EXPECT_EQ(entity_of(doc, "a contract", 1), "(no mention)");
}

TEST(Coreference, KindBeforeANameDescribesIt) {
  Document doc = run("European planemaker Airbus delayed its new jet.");
  EXPECT_EQ(entity_of(doc, "European planemaker"), "Airbus");
}

TEST(Coreference, DescriptionInAppositionToAName) {
  Document doc = run("The main Japanese index, the Nikkei 225, fell 2% on Tuesday.");
  EXPECT_EQ(entity_of(doc, "The main Japanese index"), "Nikkei 225");
}

TEST(Coreference, PossessedDescriptionAfterANameIsItsApposition) {
  Document doc = run("Toyota, the world's largest carmaker, recalled a million cars.");
  EXPECT_EQ(entity_of(doc, "the world's largest carmaker"), "Toyota");
  EXPECT_EQ(entity_of(doc, "the world"), "(no mention)");
  // After a copula, the phrase after ’s is the predicate.
  doc = run("Toyota remains the world's biggest carmaker.");
  EXPECT_EQ(entity_of(doc, "biggest carmaker"), "Toyota");
}

// (Companies the lists know: an unknown name that opens an article's only
// sentence is the name model's to judge, and it often judges it no name.)
TEST(Coreference, PredicateNominalJoinsTheSubject) {
  Document doc = run("Volkswagen is the largest manufacturer in Europe.");
  EXPECT_EQ(entity_of(doc, "the largest manufacturer"), "Volkswagen");
}

TEST(Coreference, PluralDescriptionIsNoSingleCompany) {
  Document doc = run("Siemens cut jobs on Monday. Bosch blamed prices. "
                     "The companies asked for aid, and the companies won.");
  EXPECT_EQ(entity_of(doc, "The companies"), "The companies");
  EXPECT_EQ(entity_of(doc, "the companies"), "The companies");
}

TEST(Coreference, CoordinatedNamesAreAGroupThatTheyReferTo) {
  Document doc = run("Toyota and Volkswagen cut jobs. The companies blamed prices, and their rivals agreed.");
  EXPECT_EQ(entity_of(doc, "The companies"), "Toyota and Volkswagen");
  EXPECT_EQ(entity_of(doc, "their"), "Toyota and Volkswagen");
  EXPECT_EQ(entity_of(doc, "Volkswagen"), "Volkswagen");
  // A list that nothing refers back to is no group.
  doc = run("Egypt, Sudan and Ethiopia met in Cairo.");
  EXPECT_EQ(entity_of(doc, "Egypt, Sudan and Ethiopia"), "(no mention)");
}

TEST(Coreference, NameInsideAnIndexPhraseKeepsItsOwnMention) {
  Document doc = run("The Nikkei 225 index rose, and the index closed higher.");
  EXPECT_EQ(entity_of(doc, "The Nikkei 225 index"), "(no mention)");
  EXPECT_EQ(entity_of(doc, "the index"), "Nikkei 225");
}

TEST(Coreference, LowerCaseNameDescribedByItsKindIsTheName) {
  Document doc = run("Songs sell well on iTunes. Since 2003 the iTunes store has grown, "
                     "and the store now sells films.");
  EXPECT_EQ(entity_of(doc, "the iTunes store"), "(no mention)");
  EXPECT_EQ(entity_of(doc, "the store"), "iTunes");
}

TEST(Coreference, DefiniteDescriptionPrefersTheLastSubject) {
  Document doc = run("General Motors said it would sell Opel to Magna. The company expects a loss.");
  EXPECT_EQ(entity_of(doc, "The company"), "General Motors");
}

TEST(Coreference, PremodifyingNameIsNoPronounAntecedent) {
  Document doc = run("The US automaker General Motors said it would close three plants.");
  EXPECT_EQ(entity_of(doc, "The US automaker"), "General Motors");
  EXPECT_EQ(entity_of(doc, "it"), "General Motors");
}

TEST(Coreference, ItAsSubjectOfAReportedClause) {
  Document doc = run("Boeing announced it would cut 500 jobs. Analysts said it is likely that others follow.");
  EXPECT_EQ(entity_of(doc, "it", 0), "Boeing");
  EXPECT_EQ(entity_of(doc, "it", 1), "(no mention)");
}

TEST(Coreference, ProgressiveAfterItIsNoDummySubject) {
  Document doc = run("Ryanair said it is buying ten jets.");
  EXPECT_EQ(entity_of(doc, "it"), "Ryanair");
}

TEST(Coreference, RelativePronounsJoinTheirNoun) {
  Document doc = run("Airbus unveiled the A380, which can carry 800 people. Boeing said that costs rose.");
  EXPECT_EQ(entity_of(doc, "which"), "Airbus A380");
  EXPECT_EQ(entity_of(doc, "that"), "(no mention)");
}

TEST(Coreference, RelativesAcrossAParenthesisAndObjectRelatives) {
  Document doc = run("The Nikkei 225 (N225), which fell 2%, closed lower.");
  EXPECT_EQ(entity_of(doc, "which"), "Nikkei 225");
  doc = run("Airbus listed the jets that it would deliver.");
  EXPECT_EQ(entity_of(doc, "that"), "the jets");
  // A complement clause is no relative: "said that it would".
  doc = run("Airbus said that it would deliver.");
  EXPECT_EQ(entity_of(doc, "that"), "(no mention)");
}

TEST(Coreference, ThatAfterAPlaceFollowingAVerbOfTellingOpensWhatWasSaid) {
  // The place ends a phrase after "told jurors" / "said": "that" opens the
  // complement clause, no relative of the place.
  Document doc = run("Mr Ebbers told jurors in New York that he had no knowledge of the fraud.");
  EXPECT_EQ(entity_of(doc, "that"), "(no mention)");
  doc = run("The minister said in Paris that it would resign.");
  EXPECT_EQ(entity_of(doc, "that"), "(no mention)");
  // Without a verb of telling before it, a place's "that" stays a relative.
  doc = run("Investors bought the shares in Tata Motors that it was selling.");
  EXPECT_EQ(entity_of(doc, "that"), entity_of(doc, "Tata Motors"));
}

TEST(Coreference, RestrictiveThatAfterANameBeforeAVerb) {
  Document doc = run("Nokia sold the Lumia 920 that runs Windows.");
  EXPECT_EQ(entity_of(doc, "that"), entity_of(doc, "Lumia 920"));
}

TEST(Coreference, ProductNounBeforeTheHeadIsAMentionWhenRepeated) {
  Document doc = run("Automobile manufacturer Ford cut prices. The US automobile maker said sales fell.");
  EXPECT_EQ(entity_of(doc, "automobile"), "Automobile");
  EXPECT_EQ(entity_of(doc, "Automobile"), "Automobile");
  EXPECT_EQ(entity_of(doc, "The US automobile maker"), "Ford");
  // One kind in other words: "car" and "auto".
  doc = run("The car maker Ford said the auto industry would recover.");
  EXPECT_EQ(entity_of(doc, "car"), entity_of(doc, "auto"));
  EXPECT_NE(entity_of(doc, "car"), "(no mention)");
  // Before a head that is no organisation, a product noun is no mention.
  doc = run("A software glitch grounded the jet, and the software was fixed.");
  EXPECT_EQ(entity_of(doc, "software"), "(no mention)");
}

TEST(Coreference, ParticipleOpeningAPhraseIsItsVerb) {
  Document doc = run("Officers arrested 37 people in Lusaka, and the 37 people were freed on Sunday.");
  EXPECT_EQ(entity_of(doc, "arrested 37 people"), "(no mention)");
  // The same set mentioned twice; the figure stays outside the mention for claims.
  EXPECT_EQ(entity_of(doc, "people", 0), entity_of(doc, "people", 1));
  EXPECT_NE(entity_of(doc, "people", 0), "(no mention)");
  EXPECT_EQ(entity_of(doc, "37 people"), "(no mention)");
  // Other figures are other sets.
  doc = run("Floods killed 31 people, and 47 people were hurt.");
  EXPECT_EQ(entity_of(doc, "people", 0), "(no mention)");
}

// First-person pronouns in quotes (SpeakerPronouns, after QuoteFinder).

TEST(SpeakerPronouns, IIsTheSpeaker) {
  Document doc = run("“I have no regrets,” Maria Lopez said on Monday.");
  EXPECT_EQ(entity_of(doc, "I"), "Maria Lopez");
}

TEST(SpeakerPronouns, WeIsTheSpeakingOrganisation) {
  Document doc = run("Boeing said on Monday: “We are confident in our jet.”");
  EXPECT_EQ(entity_of(doc, "We"), "Boeing");
  EXPECT_EQ(entity_of(doc, "our"), "Boeing");
}

TEST(SpeakerPronouns, WeOfAPersonIsTheOrganisationTheySpeakFor) {
  Document doc = run("“We will appeal,” said Alan Mulally, the chief executive of Ford.");
  EXPECT_EQ(entity_of(doc, "We"), "Ford");
}

TEST(SpeakerPronouns, WeOfAPrivatePersonIsNoOrganisation) {
  Document doc = run("The Salvation Army opened a shelter in Leeds. “Nobody has told us when we can go home,” "
                     "said Amina Yusuf, who fled the floods with her children.");
  EXPECT_EQ(entity_of(doc, "us"), "(no mention)");
  EXPECT_EQ(entity_of(doc, "we"), "(no mention)");
}

TEST(SpeakerPronouns, FirstPersonOutsideQuotesIsLeftAlone) {
  Document doc = run("I think Maria Lopez will win, we were told.");
  EXPECT_EQ(entity_of(doc, "I"), "(no mention)");
  EXPECT_EQ(entity_of(doc, "we"), "(no mention)");
}

TEST(SpeakerPronouns, WeOfASpokespersonIsTheOrganisationNamedBefore) {
  Document doc = run("Boeing delayed the jet on Monday. Spokeswoman Jane Okafor said work had stopped.\n"
                     "“We have reduced our effort,” said Okafor.");
  EXPECT_EQ(entity_of(doc, "We"), "Boeing");
  EXPECT_EQ(entity_of(doc, "our"), "Boeing");
}

// The actor code of the entity the mention with exactly this text belongs to.
std::string code_of(const Document& doc, std::string_view mention) {
  for (const Mention& m : doc.mentions)
    if (doc.text_of(m.span) == mention && m.entity != kNone) return doc.entities[m.entity].actor_code;
  return "(no mention)";
}

TEST(Coreference, ACountrysInstitutionIsOneEntityWhateverItsName) {
  Document doc = run("The Chad army crossed the border, and the Chadian army said on Friday it had repelled rebels "
                     "near the village of Doumbe. Chad’s army later withdrew. Cameroonian police said the Chadian "
                     "army had not asked for permission.");
  EXPECT_EQ(entity_of(doc, "The Chad army"), entity_of(doc, "the Chadian army"));
  EXPECT_EQ(entity_of(doc, "Chad’s army"), entity_of(doc, "the Chadian army"));
  EXPECT_EQ(code_of(doc, "the Chadian army"), "TCDMIL");
  EXPECT_EQ(code_of(doc, "Cameroonian police"), "CMRCOP");
  // A village is no army, and a description that names a country wants an entity of that country.
  EXPECT_NE(entity_of(doc, "Doumbe"), entity_of(doc, "the Chadian army", 1));
}

TEST(Coreference, TheArmyIsTheArmyOfTheCountryInView) {
  Document doc = run("BOGOTA — The Popular Liberation Army freed three hostages in Colombia on Friday, "
                     "two days after a clash in Cauca. Rebel commander Juan Rios warned of attacks by the army.");
  EXPECT_NE(entity_of(doc, "the army"), "Popular Liberation Army");
  EXPECT_EQ(code_of(doc, "the army"), "COLMIL");
}

TEST(Coreference, TheGovernmentIsTheCountrysNotAProvinces) {
  Document doc = run("JAKARTA — Indonesian students marched in Jakarta and Bandung on Monday. Police in West Java "
                     "made arrests. The government said it would meet the students.");
  EXPECT_EQ(entity_of(doc, "The government"), "Indonesia");
}

TEST(Coreference, MinistriesAreNamedByTheirPortfolio) {
  Document doc = run("Chile’s mining ministry said it would review the permits. Chile’s energy ministry said it "
                     "had not been consulted, and Chile’s mining ministry later agreed.");
  EXPECT_EQ(entity_of(doc, "Chile’s mining ministry"), entity_of(doc, "Chile’s mining ministry", 1));
  EXPECT_NE(entity_of(doc, "Chile’s mining ministry"), entity_of(doc, "Chile’s energy ministry"));
  EXPECT_EQ(code_of(doc, "Chile’s energy ministry"), "CHLGOV");
  EXPECT_EQ(entity_of(doc, "it", 0), entity_of(doc, "Chile’s mining ministry"));
}

TEST(Coreference, DescriptionPrefersANameWithItsHeadThenItsKind) {
  Document doc = run("The Independent Election Commission of Malawi announced the results on Sunday. The ruling "
                     "Progress Party rejected them. The commission said the count was fair.");
  EXPECT_EQ(entity_of(doc, "The commission"), "Independent Election Commission of Malawi");
  doc = run("Sudan’s army said it had repelled an attack by the Rapid Support Forces. The RSF denied it, and "
            "the army said fighting continued.");
  EXPECT_EQ(entity_of(doc, "the army"), entity_of(doc, "Sudan’s army"));
}

TEST(Coreference, AnUnnamedSpeakerIsAPerson) {
  Document doc = run("“The talks will resume,” a Norwegian foreign ministry spokeswoman said on Monday. "
                     "Oslo has hosted the talks since March, said an official, who asked not to be named.");
  EXPECT_EQ(entity_of(doc, "a Norwegian foreign ministry spokeswoman"), "Norwegian foreign ministry spokeswoman");
  EXPECT_EQ(code_of(doc, "a Norwegian foreign ministry spokeswoman"), "NORGOV");
  EXPECT_EQ(entity_of(doc, "an official"), "official");
  ASSERT_FALSE(doc.quotes.empty());
  ASSERT_NE(doc.quotes[0].speaker, kNone);
  EXPECT_EQ(doc.entities[doc.quotes[0].speaker].name, "Norwegian foreign ministry spokeswoman");
  // Not a role that says nothing: "a spokesman for the ministry was absent".
  doc = run("A spokesman for the ministry was absent on Monday.");
  EXPECT_EQ(entity_of(doc, "A spokesman"), "(no mention)");
}

// The entity name of the aside mention (exhaustive output only) with exactly this text.
std::string aside_entity_of(const Document& doc, std::string_view mention) {
  for (const AsideMention& a : doc.aside_mentions) {
    if (doc.text_of(a.mention.span) != mention) continue;
    if (a.mention.entity == kNone) return "(none)";
    return a.own ? doc.aside_entities[a.mention.entity].name : doc.entities[a.mention.entity].name;
  }
  return "(no mention)";
}

TEST(Coreference, ProperAdjectivesAreAsideMentionsOfTheirCountry) {
  Document doc = run("Kenya closed the border on Monday. Shares of Kenyan banks fell, and the shilling weakened "
                     "against the Ugandan currency.", true);
  EXPECT_EQ(aside_entity_of(doc, "Kenyan"), "Kenya");  // the entity the article names
  EXPECT_EQ(aside_entity_of(doc, "Ugandan"), "Uganda");  // a country of its own
  // No later stage sees them.
  EXPECT_EQ(entity_of(doc, "Kenyan"), "(no mention)");
  for (const Entity& e : doc.entities) EXPECT_NE(e.name, "Uganda");
}

TEST(Coreference, RolesBeforeANameAreAsideMentionsOfThePerson) {
  Document doc = run("Chilean Foreign Minister Ana Rojas met Pedro Silva in Lima on Tuesday.", true);
  EXPECT_EQ(aside_entity_of(doc, "Chilean Foreign Minister"), "Ana Rojas");
  EXPECT_EQ(entity_of(doc, "Ana Rojas"), "Ana Rojas");
  // With the words that qualify the role, and no phrase of its own beside it.
  doc = run("Kestrel Capital senior analyst Omar Haddad said the deal was fair.", true);
  EXPECT_EQ(aside_entity_of(doc, "Kestrel Capital senior analyst"), "Omar Haddad");
  for (const Entity& e : doc.aside_entities) EXPECT_EQ(e.name.find("analyst"), std::string::npos) << e.name;
}

TEST(Coreference, LoneNounPhrasesAreAsideThingsOfTheirOwn) {
  Document doc = run("The airline ordered new jets from Boeing. Investors welcomed the order. "
                     "The carrier said the world needed more flights.", true);
  EXPECT_EQ(entity_of(doc, "Investors"), "(no mention)");
  EXPECT_EQ(aside_entity_of(doc, "Investors"), "Investors");
  EXPECT_EQ(aside_entity_of(doc, "Boeing"), "(no mention)");  // names are mentions proper
  // Only asked for: a document annotated for the default record has none.
  doc = run("The airline ordered new jets from Boeing. Investors welcomed the order.");
  EXPECT_TRUE(doc.aside_mentions.empty());
  EXPECT_TRUE(doc.aside_entities.empty());
}

}  // namespace
}  // namespace sitrep
