// Event coding on sentences written for these tests: "source TYPE target"
// for each event, with "!" before a negated one.
#include "events/event_coder.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sitrep/engine.h"

namespace sitrep {
namespace {

std::string events(const std::string& text) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = "2024-03-11", .text = "Report\n\n" + text});
  p.run(doc);
  std::string out;
  auto name = [&](int32_t e) { return e == kNone ? std::string("-") : doc.entities[e].name; };
  for (const Event& e : doc.events) {
    if (!out.empty()) out += " | ";
    out += (e.negated ? "!" : "") + name(e.source) + " " + e.plover + " " + name(e.target);
  }
  return out;
}

bool has(const std::string& all, const std::string& one) { return all.find(one) != std::string::npos; }

TEST(EventCoder, TransitiveVerbWithSubjectAndObject) {
  std::string ev = events("Russia attacked Ukraine on Monday.");
  EXPECT_TRUE(has(ev, "Russia ASSAULT Ukraine") || has(ev, "Russia FIGHT Ukraine")) << ev;
}

TEST(EventCoder, PassiveWithAgent) {
  std::string ev = events("A convoy of the World Food Programme was attacked by Houthi fighters.");
  EXPECT_TRUE(has(ev, "Houthi") && (has(ev, "ASSAULT") || has(ev, "FIGHT"))) << ev;
}

TEST(EventCoder, PrepositionalTarget) {
  std::string ev = events("The European Union imposed sanctions on Iran.");
  EXPECT_TRUE(has(ev, "European Union SANCTION Iran")) << ev;
}

TEST(EventCoder, LightVerbWithEventNoun) {
  std::string ev = events("Sudan launched an offensive against the Rapid Support Forces.");
  EXPECT_TRUE(has(ev, "Sudan FIGHT Rapid Support Forces") || has(ev, "Sudan ASSAULT Rapid Support Forces")) << ev;
}

TEST(EventCoder, RefusalNegatesTheEmbeddedEventAndIsARejection) {
  std::string ev = events("Prime Minister Ahmed Kamal refused to meet the opposition leader Omar Said.");
  EXPECT_TRUE(has(ev, "Ahmed Kamal REJECT")) << ev;
  EXPECT_FALSE(has(ev, "Ahmed Kamal CONSULT Omar Said") && !has(ev, "!Ahmed Kamal CONSULT")) << ev;
}

TEST(EventCoder, NegationIsKept) {
  std::string ev = events("Egypt did not condemn Israel.");
  EXPECT_TRUE(has(ev, "!Egypt DISAPPROVE Israel")) << ev;
}

TEST(EventCoder, DenialRejectsAndNegatesTheGerund) {
  std::string ev = events("Rwanda has repeatedly denied backing the M23 rebels.");
  EXPECT_TRUE(has(ev, "Rwanda REJECT")) << ev;
  EXPECT_FALSE(has(ev, " Rwanda SUPPORT") || ev.starts_with("Rwanda SUPPORT")) << ev;
}

TEST(EventCoder, AnnouncedCooperationIsAnIntent) {
  std::string ev = events("President Macky Sall will visit Mauritania next week.");
  EXPECT_TRUE(has(ev, "Macky Sall AGREE Mauritania")) << ev;
}

TEST(EventCoder, VowToAttackIsAThreat) {
  std::string ev = events("Hezbollah vowed to strike Israel.");
  EXPECT_TRUE(has(ev, "Hezbollah THREATEN Israel")) << ev;
  EXPECT_FALSE(has(ev, "Hezbollah ASSAULT Israel")) << ev;
}

TEST(EventCoder, TargetNamedLaterInTheClause) {
  std::string ev = events("Kenyan troops captured part of a rebel base near the Somali border town of Dhobley.");
  EXPECT_TRUE(has(ev, "Kenya") && has(ev, "Dhobley")) << ev;
  // Not one in a phrase of time or cause, nor the subject of a new clause.
  ev = events("Ghana agreed to extend the mandate despite Nigeria's objections.");
  EXPECT_FALSE(has(ev, "AGREE Nigeria")) << ev;
  ev = events("Chad signed the accord, and Niger said it would follow.");
  EXPECT_FALSE(has(ev, "Chad SUPPORT Niger")) << ev;
}

TEST(EventCoder, NoTargetPastAPhraseOfCause) {
  std::string ev = events("Mali's defence minister Sadio Camara resigned over the failure to stop the Wagner Group attack.");
  EXPECT_TRUE(has(ev, "Sadio Camara RETREAT -")) << ev;
}

TEST(EventCoder, CoordinatedVerbKeepsItsSubject) {
  std::string ev = events("Rebel fighters from Chad killed 12 villagers and wounded 30 others near Abeche.");
  EXPECT_FALSE(has(ev, "villagers FIGHT") || has(ev, "villagers ASSAULT")) << ev;
}

TEST(EventCoder, DemonymInTheObjectIsTheTarget) {
  std::string ev = events("Serbia flatly rejected an Australian ultimatum on Thursday.");
  EXPECT_TRUE(has(ev, "Serbia REJECT Australian")) << ev;
  // Not before a named head: the named person is the one meant.
  ev = events("The plan was welcomed by Chilean opposition leader Ana Soto.");
  EXPECT_FALSE(has(ev, "Chilean")) << ev;
}

TEST(EventCoder, EventNounWithNoOneBehindItIsCodedOnlyForReactions) {
  std::string ev = events("International criticism of Ethiopia grew on Monday.");
  EXPECT_TRUE(has(ev, "- DISAPPROVE Ethiopia")) << ev;
  ev = events("The talks with Eritrea stalled on Monday.");
  EXPECT_FALSE(has(ev, "- CONSULT")) << ev;
}

TEST(EventCoder, DemonymBeforeAGroupNounIsTheGroup) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = "2024-03-11",
                       .text = "Report\n\nKenya shelled positions of the Somali security forces near Dhobley."});
  p.run(doc);
  bool found = false;
  for (const Event& e : doc.events)
    if (e.target != kNone && doc.entities[e.target].name == "Somali security forces") {
      found = true;
      EXPECT_EQ(doc.entities[e.target].actor_code, "SOMMIL");
    }
  EXPECT_TRUE(found);
}

TEST(EventCoder, ResignWithAnActorAsObjectIsNoResignation) {
  std::string ev = events("Bola Tinubu said Nigeria would resign Boko Haram to the history books.");
  EXPECT_FALSE(has(ev, "RETREAT")) << ev;
  EXPECT_TRUE(has(events("Bola Tinubu resigned on Monday."), "Bola Tinubu RETREAT")) << events("Bola Tinubu resigned on Monday.");
}

TEST(EventCoder, BareVerbAfterACausativeIsNotTheSubjectsAct) {
  std::string ev = events("The only official that William Ruto intends to have resign is the finance minister.");
  EXPECT_FALSE(has(ev, "William Ruto RETREAT")) << ev;
}

TEST(EventCoder, ListOfTargets) {
  std::string ev = events("Canada imposed sanctions on Iran, Syria, Belarus and Myanmar.");
  for (const char* t : {"Iran", "Syria", "Belarus", "Myanmar"})
    EXPECT_TRUE(has(ev, std::string("Canada SANCTION ") + t)) << ev;
}

TEST(EventCoder, SubjectBeforeARelativeClause) {
  std::string ev = events("The Taliban, who control the city of Herat, released two British journalists.");
  EXPECT_TRUE(has(ev, "Taliban RETREAT") || has(ev, "Taliban CONCEDE")) << ev;
  EXPECT_FALSE(has(ev, "Herat RETREAT") || has(ev, "Herat CONCEDE")) << ev;
}

TEST(EventCoder, GroupNounActsWithoutAName) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = "2024-03-11", .text = "Report\n\nBurmese troops shelled Karen villages."});
  p.run(doc);
  ASSERT_FALSE(doc.events.empty());
  const Event& ev = doc.events[0];
  ASSERT_NE(ev.source, kNone);
  EXPECT_EQ(doc.entities[ev.source].name, "Burmese troops");
  EXPECT_EQ(doc.entities[ev.source].actor_code, "MMRMIL");
  const Mention& m = doc.mentions[doc.entities[ev.source].mentions.at(0)];
  EXPECT_EQ(doc.text_of(m.span), "Burmese troops");
  EXPECT_EQ(m.kind, MentionKind::kNominal);
  // A named organisation in the phrase is the actor itself.
  std::string named = events("Hamas fighters attacked an army post near Rafah.");
  EXPECT_TRUE(has(named, "Hamas ASSAULT") || has(named, "Hamas FIGHT")) << named;
  // Nouns that name no group make no actor.
  EXPECT_EQ(events("The plans were criticised."), "");
}

// An unnamed source of the speech stage ("Kenyan police said ...") gets the actor
// code a group actor would, acts in events as that group, and later mentions of
// the group join it.
TEST(EventCoder, UnnamedSourceIsCodedAsAGroup) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = "2024-03-11",
                       .text = "Report\n\nKenyan anti-graft campaigners said the vote was rigged. "
                               "Burmese soldiers said the village had been shelled. Burmese soldiers shelled Karen villages."});
  p.run(doc);
  auto code_of = [&](std::string_view name) {
    for (const Entity& e : doc.entities)
      if (e.name == name) return e.actor_code;
    return std::string("(none)");
  };
  EXPECT_EQ(code_of("Kenyan anti-graft campaigners"), "KENNGO");
  EXPECT_EQ(code_of("Burmese soldiers"), "MMRMIL");
  ASSERT_FALSE(doc.events.empty());
  ASSERT_NE(doc.events.back().source, kNone);
  EXPECT_EQ(doc.entities[doc.events.back().source].name, "Burmese soldiers");
  // a demonym before such a group is the group, and "a group of" them is they
  std::string ev = events("Yoruba leaders said the talks had failed. Yoruba leaders praised Olusegun Obasanjo.");
  EXPECT_TRUE(has(ev, "Yoruba leaders SUPPORT") || has(ev, "Yoruba leaders COOPERATE")) << ev;
  std::string group = events("A group of Moroccan diplomats said the talks went well. "
                             "A group of Moroccan diplomats met President Barack Obama.");
  EXPECT_TRUE(has(group, "Moroccan diplomats CONSULT")) << group;
}

TEST(EventCoder, MustIsADemandByTheSpeaker) {
  std::string ev = events("Egypt said Israel must withdraw its troops from Rafah.");
  EXPECT_TRUE(has(ev, "Egypt DEMAND Israel")) << ev;
  EXPECT_FALSE(has(ev, "Israel RETREAT")) << ev;
}

TEST(EventCoder, PhraseNounOutranksItsHead) {
  std::string ev = events("Inmates at a prison in Diyarbakir began a hunger strike on Monday.");
  EXPECT_TRUE(has(ev, "PROTEST")) << ev;
  EXPECT_FALSE(has(ev, "FIGHT") || has(ev, "ASSAULT")) << ev;
}

TEST(EventCoder, PromiseOfAnUnknownActIsAnIntentNotAThreat) {
  std::string ev = events("Ghana promised to modernise the port of Lome with Togo.");
  EXPECT_TRUE(has(ev, "Ghana AGREE")) << ev;
  EXPECT_FALSE(has(ev, "THREATEN")) << ev;
}

TEST(EventCoder, AmountOfAidIsAid) {
  std::string ev = events("Japan gave five million dollars of aid to Nepal.");
  EXPECT_TRUE(has(ev, "Japan AID Nepal")) << ev;
}

TEST(EventCoder, NounLikeVerbsAreVerbsAfterAModal) {
  // "boycott" is only a noun in the WSJ lexicon; pos_lexicon_events.tsv adds its verb readings.
  std::string ev = events("Kenyan opposition leaders said they would boycott all contact with Uganda.");
  EXPECT_TRUE(has(ev, "THREATEN Uganda")) << ev;
}

TEST(EventCoder, CallingSomethingIsCriticismOnlyWithAPejorative) {
  EXPECT_TRUE(has(events("Chile called the vote in Peru illegal."), "Chile DISAPPROVE")) << events("Chile called the vote in Peru illegal.");
  EXPECT_FALSE(has(events("Chile called the vote in Peru fair and orderly."), "DISAPPROVE"));
}

TEST(EventCoder, AnnouncedRefusal) {
  std::string ev = events("Jordan says it will not accept any more refugees from Syria.");
  EXPECT_TRUE(has(ev, "Jordan REJECT")) << ev;
}

TEST(EventCoder, HypotheticalIsLeftOut) {
  std::string ev = events("Analysts said Turkey could invade Syria.");
  EXPECT_FALSE(has(ev, "Turkey FIGHT Syria")) << ev;
  EXPECT_FALSE(has(ev, "Turkey ASSAULT Syria")) << ev;
}

TEST(EventCoder, ParticipleTakesTheSubjectOfItsClause) {
  std::string ev = events("M23 rebels stormed the town, killing dozens of civilians in Congo.");
  EXPECT_TRUE(has(ev, "M23 ASSAULT") || has(ev, "M23 FIGHT")) << ev;
}

TEST(EventCoder, NominalEventWithPossessiveSource) {
  std::string ev = events("Kenya criticised Uganda’s blockade of the border.");
  EXPECT_TRUE(has(ev, "Kenya DISAPPROVE Uganda")) << ev;
}

TEST(EventCoder, NoEventWithoutActors) {
  EXPECT_EQ(events("Prices rose sharply in March."), "");
}

TEST(EventCoder, StatementsAreNotCoded) {
  std::string ev = events("Germany said the talks would continue.");
  EXPECT_FALSE(has(ev, "Germany  ")) << ev;
  for (const char* t : {"CONSULT", "AGREE", "ASSAULT"}) EXPECT_FALSE(has(ev, std::string("Germany ") + t)) << ev;
}

TEST(EventCoder, ConditionalClauseIsNoEventAndNamesTheThreatsTarget) {
  std::string ev = events("Ghana threatened to recall its ambassador unless Togo released the detained traders.");
  EXPECT_TRUE(has(ev, "Ghana THREATEN Togo")) << ev;
  EXPECT_FALSE(has(ev, "Togo RETREAT") || has(ev, "Togo CONCEDE")) << ev;
}

TEST(EventCoder, DemandedActIsNotDoneAndItsDoerIsTheTarget) {
  std::string ev = events("Chad demanded that Sudan withdraw its troops from the border region.");
  EXPECT_TRUE(has(ev, "Chad DEMAND Sudan")) << ev;
  EXPECT_FALSE(has(ev, "Sudan RETREAT")) << ev;
}

TEST(EventCoder, RefusedActIsNotCodedBesideTheRefusal) {
  std::string ev = events("Mali refused to extradite the former minister to Senegal.");
  EXPECT_TRUE(has(ev, "Mali REJECT")) << ev;
  EXPECT_FALSE(has(ev, "!Mali")) << ev;
}

TEST(EventCoder, RespondedToEventNounGivesTheTarget) {
  std::string ev = events("Peru rejected a Bolivian proposal for a joint border commission.");
  EXPECT_TRUE(has(ev, "Peru REJECT Bolivia")) << ev;
  ev = events("Norway dismissed calls by Sweden for a new fishing quota.");
  EXPECT_TRUE(has(ev, "Norway REJECT Sweden")) << ev;
  EXPECT_FALSE(has(ev, "Sweden DEMAND")) << ev;
  ev = events("Armenia complained to the United Nations about Azerbaijani air strikes on border villages.");
  EXPECT_TRUE(has(ev, "Armenia DISAPPROVE Azerbaijan")) << ev;
}

TEST(EventCoder, EveryCoordinatedSubjectActs) {
  std::string ev = events("Ecuador and the Colombians signed a border treaty on Tuesday.");
  EXPECT_TRUE(has(ev, "Ecuador SUPPORT")) << ev;
  EXPECT_TRUE(has(ev, "Colombia")) << ev;
  ev = events("Kenyan President William Ruto and Ugandan President Yoweri Museveni signed a trade pact.");
  EXPECT_TRUE(has(ev, "William Ruto SUPPORT")) << ev;
  EXPECT_TRUE(has(ev, "Yoweri Museveni SUPPORT")) << ev;
  // Not a verb's object: "attacked Goma and Bukavu fell" gives Goma no act.
  ev = events("The rebels shelled Goma and Bukavu braced for an assault.");
  EXPECT_FALSE(has(ev, "Goma FIGHT")) << ev;
}

TEST(EventCoder, GroupNounsOfGovernmentAndTheirSector) {
  std::string ev = events("A Danish minister threatened to impose tariffs on Norwegian salmon.");
  EXPECT_TRUE(has(ev, "Danish minister THREATEN")) << ev;
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = "2024-03-11", .text = "Report\n\nA Congolese rebel group attacked a convoy of aid trucks."});
  p.run(doc);
  ASSERT_FALSE(doc.events.empty());
  ASSERT_NE(doc.events[0].source, kNone);
  EXPECT_EQ(doc.entities[doc.events[0].source].actor_code, "CODREB");
}

TEST(EventCoder, PurposeInfinitiveAfterAnObjectIsNotAnEvent) {
  std::string ev = events("Teachers in Lagos continued their sit-in to demand the resignation of Governor Ade Bello.");
  EXPECT_FALSE(has(ev, "DEMAND")) << ev;
}

TEST(EventCoder, TimeWordIsNoObjectHead) {
  std::string ev = events("Niger and Benin signed an agreement yesterday to reopen the border.");
  EXPECT_TRUE(has(ev, "Niger SUPPORT")) << ev;
  EXPECT_TRUE(has(ev, "Benin SUPPORT")) << ev;
}

TEST(EventCoder, ObjectRowsTargetWhoseTheObjectIs) {
  std::string ev = events("Estonia expelled three Russian diplomats from Tallinn.");
  EXPECT_TRUE(has(ev, "Estonia SANCTION Russian diplomats")) << ev;
}

TEST(EventCoder, IrregularForcesKillingIsAssault) {
  std::string ev = events("Al-Shabaab militants killed four teachers in Mandera.");
  EXPECT_TRUE(has(ev, "ASSAULT")) << ev;
  EXPECT_FALSE(has(ev, "FIGHT")) << ev;
  ev = events("Sudanese troops killed four rebels near Kadugli.");
  EXPECT_TRUE(has(ev, "FIGHT")) << ev;
}

TEST(EventCoder, ReportedObligationIsADemand) {
  std::string ev = events("Norway said Iceland must be ready to share the fishing data.");
  EXPECT_TRUE(has(ev, "Norway DEMAND Iceland")) << ev;
  ev = events("The Red Crescent announced that Saudi and Emirati forces must open the port.");
  EXPECT_TRUE(has(ev, "DEMAND Saudi")) << ev;
  EXPECT_TRUE(has(ev, "DEMAND Emirati")) << ev;
}

TEST(EventCoder, GroupNounAfterANamedOrganisationInParenthesesIsThatOrganisation) {
  std::string ev = events("The Somali Al-Shabaab (Harakat al-Shabaab al-Mujahideen) group declared a truce in Baidoa.");
  EXPECT_TRUE(has(ev, "Al-Shabaab RETREAT")) << ev;
}

TEST(EventCoder, BeingOpposedToIsARejection) {
  std::string ev = events("Bolivia is opposed to Chilean mediation in the water dispute.");
  EXPECT_TRUE(has(ev, "Bolivia REJECT Chile")) << ev;
}

TEST(EventCoder, SubjectOfAClauseAfterAConjunctionLikeAfter) {
  std::string ev = events("The embassy suspended its visa service after Hamas detained two of its staff.");
  EXPECT_TRUE(has(ev, "Hamas COERCE")) << ev;
  ev = events("Police arrested 20 people after opposition supporters set up roadblocks.");
  EXPECT_TRUE(has(ev, "supporters PROTEST")) << ev;
}

TEST(EventCoder, ReportedSubjectPronounBeforeAnAdverb) {
  std::string ev = events("The rebels said they strongly opposed the truce.");
  EXPECT_TRUE(has(ev, "rebels REJECT")) << ev;
}

TEST(EventCoder, ParticipleModifyingTheSubjectIsSkipped) {
  std::string ev = events("Two reporters covering the march were beaten by Kenyan police.");
  EXPECT_TRUE(has(ev, "police ASSAULT reporters")) << ev;
}

TEST(EventCoder, PartialQuoteStartingAtTheVerb) {
  std::string ev = events("The Kenyan president said Uganda \u201cwelcomed\u201d the proposal.");
  EXPECT_TRUE(has(ev, "Uganda SUPPORT")) << ev;
}

TEST(EventCoder, VerbAfterAQuotedSentenceSharesTheSubjectBeforeTheQuote) {
  std::string ev = events("Farmers chanted \u201cLand is life\u201d and threw stones at Peruvian police.");
  EXPECT_TRUE(has(ev, "Farmers PROTEST Peruvian police")) << ev;
}

TEST(EventCoder, CallCoordinatedAfterAReportedClauseIsTheSpeakers) {
  std::string ev = events("Chilean envoy Ana Ruiz said the count had lacked transparency and urged Bolivia to publish the results.");
  EXPECT_TRUE(has(ev, "Ana Ruiz DEMAND Bolivia")) << ev;
}

TEST(EventCoder, CapitalisedWordOfANameIsNoVerb) {
  std::string ev = events("Doctors said the paramilitary Rapid Support Forces pressed an assault on Omdurman.");
  EXPECT_TRUE(has(ev, "Rapid Support Forces FIGHT Omdurman")) << ev;
  EXPECT_FALSE(has(ev, "COERCE")) << ev;
}

TEST(EventCoder, JointAgreementOfAListIsEachOnesTowardsTheOthers) {
  std::string ev = events("Kenya, Uganda and Tanzania agreed to hold talks on the lake.");
  EXPECT_TRUE(has(ev, "Kenya AGREE Uganda")) << ev;
  EXPECT_TRUE(has(ev, "Tanzania AGREE Kenya")) << ev;
  EXPECT_EQ(std::count(ev.begin(), ev.end(), '|'), 5) << ev;  // six pairs, no copies
}

TEST(EventCoder, ReactionToAnEventReportedEarlierTargetsItsActor) {
  std::string ev = events("Brazil imposed sanctions on Venezuela on Monday. Colombia welcomed the sanctions.");
  EXPECT_TRUE(has(ev, "Colombia SUPPORT Brazil")) << ev;
  ev = events("Rebels detained three aid workers in Goma on Sunday. The UN secretary-general called for their release.");
  EXPECT_TRUE(has(ev, "DEMAND Rebels")) << ev;
}

TEST(EventCoder, NamedStormIsNoActor) {
  std::string ev = events("Cyclone Freddy killed 20 people in Malawi.");
  EXPECT_FALSE(has(ev, "Cyclone")) << ev;
}

TEST(EventCoder, ParticipleWithAgentAfterANounIsPassive) {
  std::string ev = events("Talks mediated by Qatar ended without a deal.");
  EXPECT_TRUE(has(ev, "Qatar CONSULT")) << ev;
}

TEST(EventCoder, CoordinatedCallEndsTheSearchForATarget) {
  std::string ev = events("Police used tear gas and urged opposition leaders to go home.");
  EXPECT_FALSE(has(ev, "COERCE opposition")) << ev;
}

TEST(EventCoder, PossessorOfTheSubject) {
  std::string ev = events("Joseph Mwangi won the vote, but his main rival refused to concede.");
  EXPECT_FALSE(has(ev, "Joseph Mwangi REJECT")) << ev;
  ev = events("Human Rights Watch's Kenya office condemned the arrests.");
  EXPECT_TRUE(has(ev, "Human Rights Watch DISAPPROVE")) << ev;
}

TEST(EventCoder, TargetOfARelativeClauseIsNotCarriedOver) {
  std::string ev = events("The militia, which has fought Malian troops since 2012, shelled residential districts of the town.");
  EXPECT_EQ(ev.find("Malian"), ev.rfind("Malian")) << ev;  // only "has fought" is aimed at them
}

TEST(EventCoder, NoCommentAndMatchResultsAreNoEvents) {
  EXPECT_EQ(events("The Kenyan foreign ministry declined to comment."), "");
  EXPECT_EQ(events("Senegal beat Egypt 3-1 in Dakar."), "");
}

TEST(EventCoder, IntentToDoAnUnknownActTowardsNoOne) {
  EXPECT_EQ(events("Officials expect the death toll to rise."), "");
}

TEST(EventCoder, AttackFoughtOffTookPlace) {
  std::string ev = events("The army said it had beaten back a Shabaab attack on Kismayo.");
  EXPECT_TRUE(has(ev, "army FIGHT Al-Shabaab")) << ev;
  EXPECT_TRUE(has(ev, "Al-Shabaab FIGHT Kismayo")) << ev;
}

TEST(EventCoder, ClauseAfterAsIsNoTarget) {
  std::string ev = events("Kenya's opposition rejects election result as Ruto wins second term");
  EXPECT_TRUE(has(ev, "opposition REJECT")) << ev;
  EXPECT_FALSE(has(ev, "REJECT William Ruto")) << ev;
}

TEST(EventCoder, PrepositionBeforeAPossessorGovernsThePhrase) {
  std::string ev = events("Shelling of Mali's Gao kills 12 as jihadists tighten siege");
  EXPECT_FALSE(has(ev, "Gao FIGHT")) << ev;
}

TEST(EventCoder, ParticipleBeforeKnownAsIsSkipped) {
  std::string ev = events("Troops backed by militias known as the Mai-Mai retook the village of Kibirizi.");
  EXPECT_TRUE(has(ev, "militias SUPPORT Troops")) << ev;
  EXPECT_TRUE(has(ev, "Troops FIGHT Kibirizi")) << ev;
}

TEST(EventCoder, IntentToMeetIsCodedAsSuch) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = "2024-03-11", .text = "Report\n\nPresident Macky Sall will visit Mauritania next week."});
  p.run(doc);
  ASSERT_FALSE(doc.events.empty());
  EXPECT_EQ(doc.events[0].cameo, "036");  // CAMEO 036: express intent to meet or negotiate
}

// CAMEO codes, not only PLOVER types: an agreement takes its sub-code from
// the agreed act (CAMEO 03, "express intent to cooperate", by kind of act).
std::string codes(const std::string& text) {
  static Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .date = "2024-03-11", .text = "Report\n\n" + text});
  p.run(doc);
  std::string out;
  for (const Event& e : doc.events) out += (out.empty() ? "" : " ") + e.cameo;
  return out;
}

TEST(EventCoder, AnAgreementTakesTheCodeOfTheIntentToDoTheAgreedAct) {
  EXPECT_EQ(codes("Chile agreed to meet Peru in Lima."), "036");                // intent to meet, not 040 nor 030
  EXPECT_EQ(codes("Chile agreed to negotiate with Peru."), "036");
  EXPECT_EQ(codes("Chile agreed to release the Peruvian fishermen."), "035");  // intent to yield
  EXPECT_EQ(codes("Chile agreed to provide aid to Peru."), "033");             // intent to give aid
  EXPECT_EQ(codes("Chile agreed with Peru on fishing quotas."), "030");        // no act: intent to cooperate
  EXPECT_EQ(codes("Chile met Peru in Lima."), "040");                          // the meeting itself
}

}  // namespace
}  // namespace sitrep
