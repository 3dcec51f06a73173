// Quotes and reported speech on sentences written for these tests (none from
// the gold articles). A quote reads "words|speaker|cue|kind", reported speech
// "words|speaker|cue"; "-" stands for no speaker or no cue.
#include "speech/quote_finder.h"

#include <gtest/gtest.h>

#include <ctime>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/tsv.h"
#include "sitrep/engine.h"
#include "entities/entity_linker.h"
#include "entities/name_finder.h"
#include "entities/name_lexicon.h"
#include "lexicon/gazetteer.h"
#include "lexicon/lemmatizer.h"
#include "lexicon/tagger.h"
#include "speech/speech_lexicon.h"
#include "temp_dir.h"
#include "test_util.h"
#include "text/sentences.h"
#include "text/tokenizer.h"

namespace sitrep {
namespace {

// The standard stages up to names and entities, then this one: the tests need
// not wait for the lexicons of later stages, and with no coreference stage a
// pronoun or role subject exercises the stage's own fallback.
Pipeline build(bool speech) {
  {
    const std::string data = SITREP_SOURCE_DATA_DIR;
    auto abbreviations = testing::abbreviations();
    Tokenizer tokenizer(abbreviations);
    auto places = Gazetteer::load(data, tokenizer);
    auto names = NameLexicon::load(data, tokenizer);
    Pipeline built;
    built.add(std::make_unique<Tokenizer>(abbreviations));
    built.add(std::make_unique<SentenceSplitter>(abbreviations));
    built.add(Tagger::load(data));
    built.add(Lemmatizer::load(data));
    built.add(std::make_unique<NameFinder>(places, names, abbreviations));
    built.add(std::make_unique<EntityLinker>(places, names));
    if (speech) built.add(std::make_unique<QuoteFinder>(data));
    return built;
  }
}

const Pipeline& pipeline() {
  static Pipeline p = build(true);
  return p;
}

Document run(const std::string& text) {
  Document doc(Article{.id = "t", .text = text});
  pipeline().run(doc);
  return doc;
}

std::string speaker_name(const Document& doc, int32_t e) {
  return e == kNone ? "-" : doc.entities[static_cast<size_t>(e)].name;
}

std::string cue_text(const Document& doc, ByteSpan cue) { return cue.empty() ? "-" : std::string(doc.text_of(cue)); }

std::string quotes(const std::string& text) {
  Document doc = run(text);
  std::string out;
  for (const Quote& q : doc.quotes) {
    if (!out.empty()) out += " || ";
    out += std::string(doc.text_of(q.span)) + "|" + speaker_name(doc, q.speaker) + "|" + cue_text(doc, q.cue) + "|" +
           (q.kind == QuoteKind::kDirect ? "direct" : "partial");
  }
  return out;
}

// A document's reported items, "words|speaker|cue" (without the speaker:
// "words|cue"); a split content's parts are "first ... second".
std::string reported_of(const Document& doc, bool speaker = true) {
  std::string out;
  for (const ReportedSpeech& r : doc.reported) {
    if (!out.empty()) out += " || ";
    out += std::string(doc.text_of(r.span)) + (r.part.empty() ? "" : " ... " + std::string(doc.text_of(r.part))) + "|" +
           (speaker ? speaker_name(doc, r.speaker) + "|" : "") + cue_text(doc, r.cue);
  }
  return out;
}

std::string reported(const std::string& text) { return reported_of(run(text)); }

struct Case {
  const char* name;
  const char* text;
  const char* expected;
  friend void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }
};

class QuoteCases : public ::testing::TestWithParam<Case> {};

TEST_P(QuoteCases, FindsTheQuotes) { EXPECT_EQ(quotes(GetParam().text), GetParam().expected) << GetParam().text; }

const Case kQuoteCases[] = {
    {"cue_after", "“We will rebuild the bridge,” Karin Sorensen said.",
     "We will rebuild the bridge,|Karin Sorensen|said|direct"},
    {"cue_before_colon", "Defence Minister Karin Sorensen told reporters: “The bridge opens in May.”",
     "The bridge opens in May.|Karin Sorensen|told|direct"},
    {"inversion_with_apposition", "“The talks have failed,” said Tomas Reyes, the head of the delegation.",
     "The talks have failed,|Tomas Reyes|said|direct"},
    {"split_quote", "“We are ready,” Tomas Reyes said. “The army is not.”",
     "We are ready,|Tomas Reyes|said|direct || The army is not.|Tomas Reyes|-|direct"},
    {"split_quote_around_cue_in_one_sentence", "“We are ready,” Tomas Reyes said, “but the army is not.”",
     "We are ready,|Tomas Reyes|said|direct || but the army is not.|Tomas Reyes|-|direct"},
    {"adding", "“We are ready,” Tomas Reyes said, adding: “The army is not.”",
     "We are ready,|Tomas Reyes|said|direct || The army is not.|Tomas Reyes|adding|direct"},
    {"next_paragraph_continues_the_speaker", "“We are ready,” Tomas Reyes said.\n\n“The army is not.”",
     "We are ready,|Tomas Reyes|said|direct || The army is not.|Tomas Reyes|-|direct"},
    {"quote_across_paragraphs",
     "“The enemy came at night,” Tomas Reyes said.\n\n“We held the line for two days.\n\n“We will not fall.”",
     "The enemy came at night,|Tomas Reyes|said|direct || We held the line for two days.|Tomas Reyes|-|direct || "
     "We will not fall.|Tomas Reyes|-|direct"},
    {"nested_single_quotes", "“He told me ‘go home’ and walked off,” Tomas Reyes said.",
     "He told me ‘go home’ and walked off,|Tomas Reyes|said|direct"},
    {"straight_quotes", "\"We will win the vote,\" Tomas Reyes said. \"Nobody doubts it.\"",
     "We will win the vote,|Tomas Reyes|said|direct || Nobody doubts it.|Tomas Reyes|-|direct"},
    {"stray_opening_mark_stops_at_paragraph_end",
     "Tomas Reyes said: “The talks failed.\n\nThe delegation left Geneva on Friday. Reyes said nothing more.",
     "The talks failed.|Tomas Reyes|said|direct"},
    {"stray_closing_mark_is_ignored", "The talks failed.” Tomas Reyes left Geneva on Friday.", ""},
    {"partial_after_called", "Opposition leader Tomas Reyes called it “justified and dignified.”",
     "justified and dignified.|Tomas Reyes|called|partial"},
    {"partial_in_participle_clause",
     "Tomas Reyes vowed to press on, while threatening to “land painful blows” against the rebels.",
     "land painful blows|Tomas Reyes|threatening|partial"},
    {"partial_one_word_with_cue", "Tomas Reyes said it would be “appropriate” for the minister to resign.",
     "appropriate|Tomas Reyes|said|partial"},
    {"partial_with_cue_after", "The fighters moved to a “peace zone” in the north, Tomas Reyes told reporters.",
     "peace zone|Tomas Reyes|told|partial"},
    {"scare_quotes_without_cue", "The so-called “peace plan” was published on Friday.", ""},
    {"name_in_quotes", "The drills, code-named “Azure Shield,” began on Monday, Tomas Reyes said.", ""},
    {"pronoun_speaker", "Karin Sorensen arrived in Oslo. “We are ready,” she said.",
     "We are ready,|Karin Sorensen|said|direct"},
    {"pronoun_in_own_sentence", "Coach Tomas Reyes criticised the referee for what he called “a clear push.”",
     "a clear push.|Tomas Reyes|called|partial"},
    {"first_person_is_no_speaker", "“I am ready,” I said.", "I am ready,|-|said|direct"},
    // An unnamed source is an entity of its own, named by its words.
    {"indefinite_subject_is_an_unnamed_source", "“We are ready,” a spokesman said.",
     "We are ready,|spokesman|said|direct"},
    {"inverted_unnamed_source", "“The talks have stalled,” said a senior official, who asked not to be named.",
     "The talks have stalled,|senior official|said|direct"},
    {"the_official_repeats_the_unnamed_source",
     "A senior official said the talks had stalled. “Nobody is ready,” the official said.",
     "Nobody is ready,|senior official|said|direct"},
    {"first_person_possessive_is_no_source", "“We are ready,” our correspondents said.",
     "We are ready,|-|said|direct"},
    {"chanted_slogan", "Students chanted “Education is not a luxury” outside parliament.",
     "Education is not a luxury|Students|chanted|direct"},
    {"cue_inflections", "“We are ready,” Tomas Reyes says. “We are,” says Karin Sorensen.",
     "We are ready,|Tomas Reyes|says|direct || We are,|Karin Sorensen|says|direct"},
    {"so_called_marks_scare_quotes", "Tomas Reyes said the so-called “peace plan” was dead.", ""},
    {"name_after_naming_verb", "Tomas Reyes said his party has a plan, which it calls “Fair Share.”", ""},
    {"one_word_direct_quote_with_cue", "“Never,” Tomas Reyes said.", "Never,|Tomas Reyes|said|direct"},
    {"question_with_cue_after", "“Where should they go?” asked Tomas Reyes.",
     "Where should they go?|Tomas Reyes|asked|direct"},
    {"single_marks_at_top_level", "‘We will not leave,’ Tomas Reyes said.", "We will not leave,|Tomas Reyes|said|direct"},
    {"apostrophe_is_no_quote", "The soldiers’ families waited, Tomas Reyes said, as they had since the ’90s.", ""},
    {"partial_inside_report_takes_its_speaker",
     "Karin Sorensen said the inspections had been done “in full” before the collapse.",
     "in full|Karin Sorensen|said|partial"},
    {"nearer_cue_inside_report_wins",
     "Karin Sorensen accused the rebels of spying, a charge Tomas Reyes called “absurd.”",
     "absurd.|Tomas Reyes|called|partial"},
    {"participle_after_object_speaks_for_the_subject",
     "Tomas Reyes released a statement saying “We will appeal the ruling.”",
     "We will appeal the ruling.|Tomas Reyes|saying|direct"},
    {"quoted_as_saying", "The radio quoted Tomas Reyes as saying “We will appeal.”",
     "We will appeal.|Tomas Reyes|saying|direct"},
    {"speaker_label", "Defence Minister Karin Sorensen: “We will appeal.”", "We will appeal.|Karin Sorensen|-|direct"},
    {"office_speaks_for_its_holder", "“We will not comment,” President Tomas Reyes’s office said.",
     "We will not comment,|Tomas Reyes|said|direct"},
};

INSTANTIATE_TEST_SUITE_P(Sentences, QuoteCases, ::testing::ValuesIn(kQuoteCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

class ReportedCases : public ::testing::TestWithParam<Case> {};

TEST_P(ReportedCases, FindsTheReportedSpeech) {
  EXPECT_EQ(reported(GetParam().text), GetParam().expected) << GetParam().text;
}

const Case kReportedCases[] = {
    // A content split by its attribution: the subject before, the rest of its clause after.
    {"split_by_source_and_cue", "The talks, Western diplomats said, were close to collapse.",
     "The talks ... were close to collapse|Western diplomats|said"},
    {"split_by_cue_and_adjunct", "Tomas Reyes spoke in Lima. The ceasefire, he said on Monday, would hold as long as "
     "both sides kept their word.",
     "The ceasefire ... would hold as long as both sides kept their word|Tomas Reyes|said"},
    {"split_by_inverted_cue", "The new bridge, said Karin Sorensen, will probably open in May.",
     "The new bridge ... will probably open in May|Karin Sorensen|said"},
    {"split_by_according_to", "The ceasefire, according to the Defence Ministry, has held since Monday.",
     "The ceasefire ... has held since Monday|Defence Ministry|according to"},
    {"split_after_a_fronted_adjunct", "By Friday, Western diplomats said, the troops would be gone.",
     "By Friday ... the troops would be gone|Western diplomats|said"},
    {"split_after_a_subordinate_clause", "If the talks fail, Tomas Reyes warned, the war will resume.",
     "If the talks fail ... the war will resume|Tomas Reyes|warned"},
    {"subordinate_clause_alone", "If the talks fail, Tomas Reyes warned.", "If the talks fail|Tomas Reyes|warned"},
    // no split: what follows the attribution is no finite verb of the words before
    {"no_split_without_a_finite_verb_after", "The talks, Western diplomats said, a long process.", ""},
    // a full clause before: what follows the attribution may be the writer's
    {"no_split_after_a_full_content", "The army attacked the town, Western diplomats said, killing five.",
     "The army attacked the town|Western diplomats|said"},
    {"no_split_before_a_cue_of_its_own", "The army attacked the town, Western diplomats said, adding that five died.",
     "The army attacked the town|Western diplomats|said || five died|Western diplomats|adding"},
    {"claimed_that", "Tomas Reyes claimed that the vote had been rigged.",
     "the vote had been rigged|Tomas Reyes|claimed"},
    {"that_after_adjunct", "Tomas Reyes said on Monday that the vote had been rigged.",
     "the vote had been rigged|Tomas Reyes|said"},
    {"bare_clause", "Tomas Reyes said it would appeal the ruling.", "it would appeal the ruling|Tomas Reyes|said"},
    {"told_listener_then_clause", "Tomas Reyes told reporters he would appeal.",
     "he would appeal|Tomas Reyes|told"},
    {"pronoun_subject", "Karin Sorensen arrived in Oslo. She insisted that the talks would resume.",
     "the talks would resume|Karin Sorensen|insisted"},
    {"two_clauses_one_cue", "Tomas Reyes said the bridge had collapsed, and that the road was closed.",
     "the bridge had collapsed|Tomas Reyes|said || the road was closed|Tomas Reyes|said"},
    {"coordinated_cue_inherits_subject",
     "Tomas Reyes said the bridge had collapsed but warned that the road was open.",
     "the bridge had collapsed|Tomas Reyes|said || the road was open|Tomas Reyes|warned"},
    {"content_first", "The bridge collapsed on Sunday, Tomas Reyes said.", "The bridge collapsed on Sunday|Tomas Reyes|said"},
    {"according_to", "At least 12 people were killed, according to the United Nations.",
     "At least 12 people were killed|United Nations|according to"},
    {"according_to_apposition", "The deal raises pay by 7%, according to the operator, Costa Andina.",
     "The deal raises pay by 7%|Costa Andina|according to"},
    {"accused_of", "Tomas Reyes accused the army of shelling the town.", "shelling the town|Tomas Reyes|accused"},
    {"possessive_statement", "Tomas Reyes’s statement that the army had withdrawn surprised nobody.",
     "the army had withdrawn surprised nobody|Tomas Reyes|statement"},
    {"quantifier_subject", "Tomas Reyes said at least 30 people were missing.",
     "at least 30 people were missing|Tomas Reyes|said"},
    {"partial_quote_inside_reported", "Tomas Reyes said the plan was “dead on arrival.”",
     "the plan was “dead on arrival.”|Tomas Reyes|said"},
    {"no_clause_after_cue", "Tomas Reyes said in a statement.", ""},
    {"object_pronoun_is_no_clause", "Tomas Reyes said it twice.", ""},
    // (no coreference stage here: with nothing to point back to, "The government" is a source of its own)
    {"time_adjunct_before_that", "The government announced last week that it would cut funding.",
     "it would cut funding|government|announced"},
    {"time_adjunct_before_clause", "Tomas Reyes said last week the bridge would reopen.",
     "the bridge would reopen|Tomas Reyes|said"},
    {"this_starts_a_clause", "Tomas Reyes said this was the end.", "this was the end|Tomas Reyes|said"},
    {"indirect_question_is_no_report", "Tomas Reyes did not say whether he would resign.", ""},
    {"announcement_of_an_act_is_no_report", "Tomas Reyes announced his resignation on Monday.", ""},
    {"infinitive_of_an_intention", "Tomas Reyes vowed to increase pressure on the rebels.",
     "increase pressure on the rebels|Tomas Reyes|vowed"},
    {"infinitive_of_an_act_is_no_report", "Tomas Reyes went to inspect the bridge.", ""},
    {"belief_without_that", "Tomas Reyes believes the bill will fail.", "the bill will fail|Tomas Reyes|believes"},
    {"intention_after_adjunct", "The Northern Liberation Front plans next month to open a second front.",
     "open a second front|Northern Liberation Front|plans"},
    {"knowledge_with_that", "Karin Sorensen knew that the accountants were doctoring the books.",
     "the accountants were doctoring the books|Karin Sorensen|knew"},
    {"perception_without_that_is_no_report", "Karin Sorensen saw the militants cross the border.", ""},
    {"denial_with_that", "Karin Sorensen denied that she had met the envoy.",
     "she had met the envoy|Karin Sorensen|denied"},
    {"rejected_object_is_no_clause", "Karin Sorensen rejected the budget on Tuesday after the walkout.", ""},
    // Passives and adverbs (data/attribution_cues.tsv): the content has no source unless a by-phrase names one.
    {"passive_expectation_is_a_belief_with_no_source", "The merger is expected to save $250 million.",
     "The merger is expected to save $250 million|-|is expected"},
    {"passive_it_that", "It is widely believed that the vote was rigged.", "the vote was rigged|-|is widely believed"},
    {"passive_it_that_with_by_agent", "It was reported by the Interior Ministry that 40 people had died.",
     "40 people had died|Interior Ministry|was reported"},
    {"passive_subject_to_after_a_report", "Tomas Reyes said two officers are said to have fled.",
     "two officers are said to have fled|Tomas Reyes|said || two officers are said to have fled|-|are said"},
    {"passive_subject_to_with_by_agent", "The militia is alleged by Karin Sorensen to have burned the depot.",
     "The militia is alleged by Karin Sorensen to have burned the depot|Karin Sorensen|is alleged"},
    {"passive_listener_that", "Families were told that the mine was safe.", "the mine was safe|-|were told"},
    {"passive_it_to_is_no_report", "It is expected to rain on Sunday.", ""},
    {"passive_participle_as_adjective_is_no_report", "The reported figure rose to 40.", ""},
    {"adverb_inside_a_clause", "Two officers allegedly carried the ballot boxes to a house.",
     "Two officers allegedly carried the ballot boxes to a house|-|allegedly"},
    {"adverb_first_with_comma", "Reportedly, the rebels have withdrawn from the town.",
     "the rebels have withdrawn from the town|-|Reportedly"},
    {"adverb_in_a_that_clause", "Karin Sorensen said that the minister reportedly resigned.",
     "the minister reportedly resigned|Karin Sorensen|said || the minister reportedly resigned|-|reportedly"},
    {"adverb_with_no_verb_is_no_report", "The allegedly stolen car, a red sedan.", ""},
    // "be" + adjective: the subject holds the content.
    {"be_confident_that", "Karin Sorensen is confident that the bill will pass.",
     "the bill will pass|Karin Sorensen|is confident"},
    {"be_willing_to", "The Northern Liberation Front is willing to hold talks with the army.",
     "hold talks with the army|Northern Liberation Front|is willing"},
    {"be_aware_that", "Karin Sorensen was aware that the books were doctored.",
     "the books were doctored|Karin Sorensen|was aware"},
    {"it_is_clear_that_has_no_holder", "It is clear that the vote was rigged.", ""},
    // "In the view of X, ..." / "In X's view, ...": a belief of X's.
    {"in_the_view_of", "In the view of the Northern Liberation Front, the talks have already failed.",
     "the talks have already failed|Northern Liberation Front|In the view of"},
    {"in_possessor_view", "In Karin Sorensen's view, the bill will fail.", "the bill will fail|Karin Sorensen|In Karin Sorensen's view"},
    {"in_the_morning_is_no_view", "In the morning, the troops left the town.", ""},
    // A noun cue after a determiner: the content, with no source.
    {"determiner_noun_cue_has_no_source", "Officials dismissed the claim that the dam had failed.",
     "the dam had failed|-|claim"},
    {"noun_cue_before_a_relative_clause_is_no_report", "The report that was released on Monday ran to 40 pages.", ""},
    {"belief_inside_a_report_stays_in_it", "Karin Sorensen said the company expected to save $250 million.",
     "the company expected to save $250 million|Karin Sorensen|said || save $250 million|company|expected"},
    {"passive_names_no_speaker", "Residents were told to leave the town.", ""},
    {"direct_quote_is_no_report", "“The bridge collapsed,” Tomas Reyes said.", ""},
    {"told_listener_then_noun_phrase_clause", "Tomas Reyes told reporters the search would continue.",
     "the search would continue|Tomas Reyes|told"},
    {"possessive_with_no_fitting_entity_gives_no_speaker",
     "Tomas Reyes arrived. Its statement that the mine was safe angered families.",
     "the mine was safe angered families|-|statement"},
    {"possessive_pronoun_statement",
     "The Northern Liberation Front met. Its statement that the ceasefire had failed surprised nobody.",
     "the ceasefire had failed surprised nobody|Northern Liberation Front|statement"},
    {"content_with_its_own_verb_stays_a_report", "The savings the government promised did not exist, Tomas Reyes said.",
     "The savings the government promised did not exist|Tomas Reyes|said"},
    {"whole_quote_is_no_report", "Tomas Reyes said that “The bridge will open in May.”", ""},
    {"report_inside_content_keeps_the_source_out",
     "The army said it had retaken the town, according to the United Nations.",
     "it had retaken the town|army|said"},
    // Unnamed sources (speech_words.tsv, class source): the phrase is an entity of its own.
    {"plural_unnamed_source", "Western diplomats said the ceasefire would hold.",
     "the ceasefire would hold|Western diplomats|said"},
    {"bare_plural_at_sentence_start", "Police said they had arrested 14 people.",
     "they had arrested 14 people|Police|said"},
    {"country_s_body_is_a_source_of_its_own", "Ukraine’s air force said 40 drones were shot down.",
     "40 drones were shot down|Ukraine’s air force|said"},
    {"unnamed_source_after_content", "The bridge collapsed on Sunday, mediators said.",
     "The bridge collapsed on Sunday|mediators|said"},
    {"according_to_an_unnamed_group", "At least 12 people died, according to a local rights group.",
     "At least 12 people died|local rights group|according to"},
    {"according_to_a_name_modifying_the_head", "At least 12 people died, according to United Nations officials.",
     "At least 12 people died|United Nations officials|according to"},
    {"definite_phrase_repeats_the_earlier_source",
     "At least 12 people died, according to a local rights group. The rights group said 40 were hurt.",
     "At least 12 people died|local rights group|according to || 40 were hurt|local rights group|said"},
    {"spokesman_for_an_unnamed_body", "A spokesman for the ministry said the border was closed.",
     "the border was closed|spokesman for the ministry|said"},
    {"the_minister_points_back_to_a_name", "Karin Sorensen arrived in Oslo. The minister said the border was closed.",
     "the border was closed|Karin Sorensen|said"},
    {"the_minister_skips_an_unnamed_group",
     "Residents said the river rose. The minister said the border was closed.",
     "the river rose|Residents|said || the border was closed|minister|said"},
    {"a_place_noun_is_no_unnamed_source", "The city said the border was closed.", "the border was closed|-|said"},
    {"name_before_of_heads_the_phrase",
     "The Northern Command of the Liberation Front said the border was closed.",
     "the border was closed|Northern Command|said"},
    {"title_and_name_in_apposition", "The mission’s chief, Dutch lawmaker Tomas Reyes, said the count was flawed.",
     "the count was flawed|Tomas Reyes|said"},
    {"apposition_with_a_preposition_keeps_the_subject",
     "Karin Sorensen, a former aide to Tomas Reyes, said the count was flawed.",
     "the count was flawed|Karin Sorensen|said"},
    // "X's position is that ...", "Its aim is to ...": the possessor holds the content.
    {"possessor_position_is_that", "Karin Sorensen’s position is that the talks must resume.",
     "the talks must resume|Karin Sorensen|position is"},
    {"possessive_pronoun_aim_is_to", "The Northern Liberation Front met. Its aim is to reopen the border.",
     "reopen the border|Northern Liberation Front|aim is"},
    {"the_plan_is_to_has_no_holder", "The plan is to reopen the border.", ""},
    {"position_is_without_that_is_no_report", "Karin Sorensen’s position is weak.", ""},
    // A noun cue with its source in a by-phrase.
    {"claims_by_x_that", "Officials rejected claims by the Northern Liberation Front that the dam had failed.",
     "the dam had failed|Northern Liberation Front|claims"},
    {"warning_from_x_that", "The warning from Karin Sorensen that the dam could fail came too late.",
     "the dam could fail came too late|Karin Sorensen|warning"},
    {"claims_by_x_with_a_relative_clause_is_no_report",
     "Claims by the Northern Liberation Front that were published on Monday ran to 40 pages.", ""},
    // A participle with its own "that" clause after a quote reports it, for the earlier cue's speaker.
    {"participle_with_that_after_a_quote",
     "Tomas Reyes called the price “full but fair,” noting that costs had risen.",
     "costs had risen|Tomas Reyes|noting"},
    // A document after "according to" is a source when its words name its maker.
    {"according_to_a_named_poll", "Turnout was 40%, according to a Zentrova poll.",
     "Turnout was 40%|Zentrova|according to"},  // (the name, when the names stage finds it; else "Zentrova poll")
    {"according_to_estimates_has_no_source", "Turnout was 40%, according to estimates.",
     "Turnout was 40%|-|according to"},
    {"according_to_military_estimates", "The group has 5,000 members, according to military estimates.",
     "The group has 5,000 members|military|according to"},
    // A belief verb that also takes an object reads a clause without "that" only
    // when a short noun phrase is followed at once by a finite verb.
    {"fear_with_a_clause", "Western diplomats fear the ceasefire will collapse.",
     "the ceasefire will collapse|Western diplomats|fear"},
    {"fear_with_an_object_is_no_report", "Residents feared the worst.", ""},
    {"fear_with_an_object_and_adjunct_is_no_report", "Officials fear a wider war in the region.", ""},
    // A person's noun before "to", "familiar with" heads the phrase; so does the
    // phrase before "who"; a possessor makes a definite phrase a source of its own.
    {"aides_to_the_senator", "Karin Sorensen arrived. Aides to the senator said she would run again.",
     "she would run again|Aides to the senator|said"},
    {"people_familiar_with_the_matter", "Two people familiar with the matter said the deal was close.",
     "the deal was close|Two people familiar with the matter|said"},
    {"relative_clause_without_commas", "Officials who spoke on condition of anonymity said the plan had stalled.",
     "the plan had stalled|Officials|said"},
    {"possessor_in_a_definite_phrase", "Karin Sorensen arrived. The group’s leader said the talks were over.",
     "the talks were over|group’s leader|said"},
    // Knowing without "that": a short noun phrase, then at once a finite verb.
    {"knew_without_that", "Karin Sorensen knew the accountants were doctoring the books.",
     "the accountants were doctoring the books|Karin Sorensen|knew"},
    {"learned_with_an_object_is_no_report", "Karin Sorensen learned the language in Oslo.", ""},
    // "X's plan to V", "its decision to V": an intention of the possessor's.
    {"possessor_plan_to", "The Northern Liberation Front’s plan to seize the port failed.",
     "seize the port|Northern Liberation Front|plan"},
    {"its_decision_to", "The Northern Liberation Front met. Its decision to close the border angered traders.",
     "close the border|Northern Liberation Front|decision"},
    {"a_plan_to_has_no_holder", "A plan to seize the port failed.", ""},
    {"noun_cue_in_the_adjunct_of_a_verb", "Tomas Reyes said in a statement that the count was flawed.",
     "the count was flawed|Tomas Reyes|said"},
};

INSTANTIATE_TEST_SUITE_P(Sentences, ReportedCases, ::testing::ValuesIn(kReportedCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// Each report carries the kind of its cue (data/attribution_cues.tsv).
TEST(QuoteFinder, ReportsCarryTheKindOfTheirCue) {
  auto kinds = [](const std::string& text) {
    Document doc = run(text);
    std::string out;
    for (const ReportedSpeech& r : doc.reported) out += (out.empty() ? "" : " ") + std::string(to_string(r.kind));
    return out;
  };
  EXPECT_EQ(kinds("Tomas Reyes said the vote had been rigged."), "assertion");
  EXPECT_EQ(kinds("Tomas Reyes fears that the vote will be rigged."), "belief");
  EXPECT_EQ(kinds("Tomas Reyes hopes to win Ohio."), "intention");
  EXPECT_EQ(kinds("Tomas Reyes discovered that the vote had been rigged."), "knowledge");
  EXPECT_EQ(kinds("Tomas Reyes denied that the vote had been rigged."), "denial");
}

TEST(QuoteFinder, UnclosedQuoteNeverSwallowsTheArticle) {
  const std::string text = "Reyes said “the talks failed.\n\nThe delegation left.\n\nNobody spoke.";
  Document doc = run(text);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.text_of(doc.quotes[0].span), "the talks failed.");
}

TEST(QuoteFinder, OffsetsExcludeTheMarks) {
  const std::string text = "“Yes,” Tomas Reyes said.";
  Document doc = run(text);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].span.begin, std::string("“").size());
  EXPECT_EQ(doc.text_of(doc.quotes[0].cue), "said");
}

// Random runs of marks, cues, pronouns and names: every span stays inside the
// text, no quote is empty, and no quote reaches across a paragraph.
TEST(QuoteFinder, SurvivesRandomMarkup) {
  const char* pieces[] = {"“", "”", "\"", "'", "‘", "’", ",", ".", ":", "?", " said", " told reporters", " he",
                          " she", " it", " Tomas Reyes", " the minister", " according to", " that", " and",
                          " the army", " we", " called it", " “Yes,”", "\n\n", " who", " accused", " of",
                          " attacking", " so-called", " adding:", " (NLF)", " —"};
  std::mt19937 rng(12345);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1), length(1, 40);
  for (int round = 0; round < 150; ++round) {
    std::string text;
    for (size_t k = length(rng); k > 0; --k) text += pieces[pick(rng)];
    Document doc = run(text);
    for (const Quote& q : doc.quotes) {
      ASSERT_LT(q.span.begin, q.span.end) << text;
      ASSERT_LE(q.span.end, text.size()) << text;
      EXPECT_EQ(doc.text_of(q.span).find("\n\n"), std::string_view::npos) << text;
      if (q.speaker != kNone) {
        ASSERT_LT(static_cast<size_t>(q.speaker), doc.entities.size());
      }
    }
    for (const ReportedSpeech& r : doc.reported) {
      ASSERT_LT(r.span.begin, r.span.end) << text;
      ASSERT_LE(r.span.end, text.size()) << text;
      ASSERT_LT(r.cue.begin, r.cue.end) << text;
    }
  }
}

// Work per article stays linear: the stage alone, on many reports in one
// article and on one endless sentence full of cues and marks, takes about
// four times as long for four times the text (a quadratic pass takes 16).
// Times are the thread's CPU time, so that other tests running beside this
// one (ctest -j2) do not count.
TEST(QuoteFinder, StaysLinearOnHugeArticles) {
  const Stage& finder = *pipeline().stages().back();
  auto cpu_seconds = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  };
  auto seconds_for = [&](const std::string& unit, int copies) {
    std::string text;
    for (int k = 0; k < copies; ++k) text += unit;
    Document doc = run(text);
    const double started = cpu_seconds();
    finder.run(doc);
    EXPECT_FALSE(doc.reported.empty());
    return cpu_seconds() - started;
  };
  for (const char* unit : {"The ministry said 1,100 people fled. “We left,” he said.\n",
                           "the ministry said “they left” and he told reporters that, "}) {
    double small = seconds_for(unit, 4000), large = seconds_for(unit, 16000);
    EXPECT_LT(large, 8 * small + 0.01) << unit;
    EXPECT_LT(large, 1.0) << unit;
  }
}

TEST(SpeechLexicon, ListsEveryInflection) {
  SpeechLexicon lex = SpeechLexicon::load(SITREP_SOURCE_DATA_DIR);
  for (const char* form : {"say", "says", "said", "saying"}) {
    const SpeechLexicon::Entry* e = lex.lookup(form);
    ASSERT_NE(e, nullptr) << form;
    ASSERT_GE(e->verb, 0) << form;
    EXPECT_EQ(lex.cue(e->verb).lemma, "say");
  }
  const SpeechLexicon::Entry* according = lex.lookup("according");
  ASSERT_NE(according, nullptr);
  ASSERT_GE(according->phrase, 0);
  EXPECT_EQ(lex.cue(according->phrase).rest, std::vector<std::string>{"to"});
}

class MalformedLexicon : public ::testing::Test {
 protected:
  // A data folder with the two speech lexicons, `extra` appended to one of them.
  std::string write(const std::string& file, const std::string& extra, size_t& line) {
    for (const char* f : {"speech_cues.tsv", "speech_words.tsv"})
      std::filesystem::copy_file(std::string(SITREP_SOURCE_DATA_DIR) + "/" + f, dir_.path() + "/" + f);
    std::ofstream(dir_.path() + "/" + file, std::ios::app) << extra;
    std::ifstream in(dir_.path() + "/" + file);
    line = 0;
    for (std::string l; std::getline(in, l);) ++line;
    return dir_.path() + "/" + file;
  }
  testing::TempDir dir_;
};

TEST_F(MalformedLexicon, WrongFieldCountNamesFileAndLine) {
  size_t line = 0;
  std::string path = write("speech_cues.tsv", "mutter|mutters\tmutter\n", line);
  try {
    QuoteFinder finder(dir_.path());
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_EQ(std::string(e.what()),
              path + ":" + std::to_string(line) + ": expected 4 tab-separated fields (4 columns), found 2");
  }
}

TEST_F(MalformedLexicon, UnknownFrameNamesFileAndLine) {
  size_t line = 0;
  std::string path = write("speech_cues.tsv", "mutter|mutters\tmutter\tverb\tquote|whisper\n", line);
  try {
    QuoteFinder finder(dir_.path());
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":" + std::to_string(line) + ": unknown frame 'whisper'");
  }
}

TEST_F(MalformedLexicon, UnknownWordClassNamesFileAndLine) {
  size_t line = 0;
  std::string path = write("speech_words.tsv", "hereby\tadverbial\t\t\n", line);
  try {
    QuoteFinder finder(dir_.path());
    FAIL() << "no error";
  } catch (const TsvError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":" + std::to_string(line) + ": unknown class 'adverbial'");
  }
}


// ---- reported contents ended by the parse (--parse) ------------------------
//
// The sentence's tree is given by hand, one "head relation" per token (head:
// the token's 1-based position in the sentence, 0 for the root), so that these
// test the rule of QuoteFinder's parsed_end rather than the parser's model;
// ReportedEndsWithItsClauseInTheRealParse runs the real one.

std::string reported_with_tree(const std::string& text, const std::vector<std::string>& tree) {
  static const Pipeline before = build(false);
  Document doc(Article{.id = "t", .text = text});
  before.run(doc);
  EXPECT_EQ(doc.tokens.size(), tree.size()) << text;
  if (doc.tokens.size() != tree.size()) return "";
  doc.heads.assign(tree.size(), kNone);
  doc.relations.assign(tree.size(), DepRel::kDep);
  for (size_t t = 0; t < tree.size(); ++t) {
    const size_t space = tree[t].find(' ');
    const int head = std::stoi(tree[t].substr(0, space));
    doc.heads[t] = head == 0 ? kNone : head - 1;
    EXPECT_TRUE(parse_deprel(tree[t].substr(space + 1), doc.relations[t])) << tree[t];
  }
  static const QuoteFinder speech(SITREP_SOURCE_DATA_DIR);
  speech.run(doc);
  return reported_of(doc, false);
}

TEST(ParsedContent, EndsBeforeAParataxisWithItsOwnSubject) {
  const std::string text = "Officials said the bridge had reopened; police reported no delays on Tuesday.";
  EXPECT_EQ(reported(text), "the bridge had reopened; police reported no delays on Tuesday|Officials|said");
  //  Officials said the bridge had reopened ; police reported no delays on Tuesday .
  EXPECT_EQ(reported_with_tree(text, {"2 nsubj", "0 root", "4 det", "6 nsubj", "6 aux", "2 ccomp", "9 punct", "9 nsubj",
                                      "2 parataxis", "11 det", "9 obj", "13 case", "9 obl", "2 punct"}),
            "the bridge had reopened|said");
}

TEST(ParsedContent, EndsBeforeACoordinatedClauseWithItsOwnSubject) {
  const std::string text = "The mayor said the water was safe, and she urged residents to stay calm.";
  EXPECT_EQ(reported_with_tree(text, {"2 det", "3 nsubj", "0 root", "5 det", "7 nsubj", "7 cop", "3 ccomp", "11 punct",
                                      "11 cc", "11 nsubj", "3 conj", "11 obj", "14 mark", "11 xcomp", "14 xcomp",
                                      "3 punct"}),
            "the water was safe|said");
  // The same words coordinated inside the content stay in it.
  EXPECT_EQ(reported_with_tree(text, {"2 det", "3 nsubj", "0 root", "5 det", "7 nsubj", "7 cop", "3 ccomp", "11 punct",
                                      "11 cc", "11 nsubj", "7 conj", "11 obj", "14 mark", "11 xcomp", "14 xcomp",
                                      "3 punct"}),
            "the water was safe, and she urged residents to stay calm|said");
}

TEST(ParsedContent, EndsBeforeACommaAndClauseOfTheSpeaker) {
  const std::string text = "The ministry said the vote was a fraud, and in March asked the court to annul it.";
  EXPECT_EQ(reported(text), "the vote was a fraud, and in March asked the court to annul it|ministry|said");
  //  The ministry said the vote was a fraud , and in March asked the court to annul it .
  EXPECT_EQ(reported_with_tree(text, {"2 det", "3 nsubj", "0 root", "5 det", "8 nsubj", "8 cop", "8 det", "3 ccomp",
                                      "13 punct", "13 cc", "12 case", "13 obl", "3 conj", "15 det", "13 obj", "17 mark",
                                      "13 xcomp", "17 obj", "3 punct"}),
            "the vote was a fraud|said");
}

TEST(ParsedContent, EndsBeforeTheMainVerbAfterARelativeClause) {
  const std::string text = "The union, which had threatened to call a strike next month, welcomed the offer.";
  EXPECT_EQ(reported(text), "call a strike next month, welcomed the offer|union|threatened");
  //  The union , which had threatened to call a strike next month , welcomed the offer .
  EXPECT_EQ(reported_with_tree(text, {"2 det", "14 nsubj", "6 punct", "6 nsubj", "6 aux", "2 acl:relcl", "8 mark",
                                      "6 xcomp", "10 det", "8 obj", "12 amod", "8 obl:tmod", "6 punct", "0 root",
                                      "16 det", "14 obj", "14 punct"}),
            "call a strike next month|threatened");
}

TEST(ParsedContent, KeepsAdjunctsAndSubjectlessVerbsTheParseHangsOnTheCue) {
  // "while" clauses, participles and coordinated verbs without a subject of
  // their own are attached to the cue too often by mistake to be cut.
  const std::string text = "The minister said the talks would go on while the ceasefire held, hoping for more.";
  EXPECT_EQ(reported(text), "the talks would go on while the ceasefire held|minister|said");
  //  The minister said the talks would go on while the ceasefire held , hoping for more .
  EXPECT_EQ(reported_with_tree(text, {"2 det", "3 nsubj", "0 root", "5 det", "7 nsubj", "7 aux", "3 ccomp",
                                      "7 compound:prt", "12 mark", "11 det", "12 nsubj", "3 advcl", "14 punct",
                                      "3 advcl", "16 case", "14 obl", "3 punct"}),
            "the talks would go on while the ceasefire held|said");
  const std::string army = "The army said it had closed the roads, sealed the border and deployed troops.";
  EXPECT_EQ(reported_with_tree(army, {"2 det", "3 nsubj", "0 root", "6 nsubj", "6 aux", "3 ccomp", "8 det", "6 obj",
                                      "10 punct", "3 conj", "12 det", "10 obj", "14 cc", "3 conj", "14 obj", "3 punct"}),
            "it had closed the roads, sealed the border and deployed troops|said");
}

TEST(ParsedContent, LeavesTheRulesEndWhenTheContentHangsOnNoClauseOfItsOwn) {
  // A misparse: the content's subject taken as the cue's object, its verb as
  // a second clause of the speaker's. Nothing in the span is a predicate the
  // first words climb to, so nothing is cut.
  const std::string text = "Officials said the bridge had reopened; police reported no delays on Tuesday.";
  EXPECT_EQ(reported_with_tree(text, {"2 nsubj", "0 root", "4 det", "2 obj", "6 aux", "2 conj", "9 punct", "9 nsubj",
                                      "2 parataxis", "11 det", "9 obj", "13 case", "9 obl", "2 punct"}),
            "the bridge had reopened; police reported no delays on Tuesday|said");
}

TEST(ParsedContent, ReportedEndsWithItsClauseInTheRealParse) {
  // The engine with --parse needed: the parser and learnt tagger read the
  // sentences with a cue; the others stay unparsed.
  Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR, EngineOptions{.parse = ParseScope::kNeeded});
  Document doc(Article{.id = "t", .text = "Rain fell all day.\n\nThe mayor said the water was safe, and she urged "
                                              "residents to stay calm."});
  p.run(doc);
  ASSERT_EQ(doc.reported.size(), 1u);
  EXPECT_EQ(doc.text_of(doc.reported[0].span), "the water was safe");
  ASSERT_EQ(doc.heads.size(), doc.tokens.size());
  EXPECT_EQ(doc.relations[0], DepRel::kDep) << "a sentence without a cue is not parsed";
  EXPECT_EQ(doc.heads[0], kNone);
}

}  // namespace
}  // namespace sitrep
