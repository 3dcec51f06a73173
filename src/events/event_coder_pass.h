// EventCoder::Pass: the state of one event-coding run over a document, shared
// by the units that define its parts: event_coder.cc (the run, sentence by
// sentence), event_clauses.cc (verb groups, subjects, objects),
// event_actors.cc (who the actors are), event_codes.cc (the code of a verb
// group and the event emitted), event_modality.cc (control verbs, threats,
// conditions, demands), event_reactions.cc (reactions and joint acts) and
// event_nouns.cc (events named by nouns). Private to src/events.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/event_coder.h"

namespace sitrep {

class EventCoder::Pass {
 public:
  Pass(const EventCoder& c, Document& doc) : dict_(*c.dict_), gaz_(*c.gazetteer_), doc_(doc), toks_(doc.tokens) {}

  void run();

 private:
  struct Group {
    size_t first = 0, head = 0;
    bool passive = false, negated = false, hypothetical = false, future = false;
    bool after_to = false;
    bool obligation = false;  // "must", "should": what someone demands of the subject
    int32_t subject = kNone;
  };

  // The words and tags every unit reads, token by token (inline: they are the
  // innermost loops' calls).
  static bool is_verb(Pos p) { return p >= Pos::kVB && p <= Pos::kVBZ; }
  static bool is_noun(Pos p) { return p == Pos::kNN || p == Pos::kNNS || p == Pos::kNNP || p == Pos::kNNPS; }
  static bool is_preposition(std::string_view w) {
    static constexpr std::string_view kPreps[] = {"of",   "in",      "at",     "on",     "from",  "by",    "to",
                                                  "with", "for",     "against", "over",  "into",  "among", "amid",
                                                  "about", "between", "after",  "before", "under", "across", "near",
                                                  "despite", "following", "during", "toward", "towards", "through",
                                                  "throughout", "around", "inside", "outside", "within", "along",
                                                  "behind", "beyond", "via"};
    return std::find(std::begin(kPreps), std::end(kPreps), w) != std::end(kPreps);
  }
  // Verbs of demanding, warning and charging: what a speaker does by speaking.
  static bool speaker_act(std::string_view l) {
    return l == "urge" || l == "warn" || l == "call" || l == "appeal" || l == "accuse" || l == "ask" || l == "demand" ||
           l == "condemn" || l == "criticise" || l == "criticize" || l == "vow" || l == "pledge" || l == "promise" ||
           l == "threaten" || l == "blame";
  }

  std::string_view text(size_t i) const { return doc_.text_of(toks_[i]); }
  std::string_view lemma(size_t i) const { return doc_.lemmas[i]; }
  Pos pos(size_t i) const { return doc_.pos[i]; }
  // A noun that can head a phrase (not a time word).
  bool nominal(size_t k) const { return is_noun(pos(k)) && !time_[k]; }
  // Clause boundaries. After a verb, quote marks do not end the clause: a
  // partial quote runs on ("to “land painful blows” against X").
  bool boundary(size_t i, bool quotes = true) const {
    std::string_view w = text(i);
    const Token& t = toks_[i];
    return w == ";" || w == ":" || w == "." || (quotes && t.kind == TokenKind::kQuote) || t.kind == TokenKind::kDash;
  }
  // Whether token t is in one of the sentence's conditional clauses
  // (mark_conditions).
  bool unasserted(size_t t, size_t b) const { return t >= b && t - b < unasserted_.size() && unasserted_[t - b]; }
  // Notes that the actor at `token` took a role in the current sentence, for
  // coordination (first_use_, last_use_).
  void note_use(size_t token) const {
    auto [it, fresh] = first_use_.emplace(actor_[token], actor_start_[token]);
    if (!fresh && actor_start_[token] < it->second) it->second = actor_start_[token];
    last_use_[actor_[token]] = actor_end_[token];
  }

  // One sentence: its verb groups, their subjects, the events they code and
  // the event nouns no verb took (event_coder.cc).
  void sentence(const Sentence& s);

  // Clause reading (event_clauses.cc).
  // Tokens inside a time expression ("signed an agreement today", "lifted
  // Friday a blockade"): no head of a noun phrase.
  void index_times();
  // Whether the verb at `next` continues the group whose last verb is `head`:
  // only through auxiliaries ("has been killed", "will meet", "is fighting");
  // "denied backing" is two groups.
  bool continues_group(size_t head, size_t next) const;
  // The verb groups of tokens [b, e): auxiliaries, modals, negation and the
  // head verb, in text order.
  std::vector<Group> groups(size_t b, size_t e) const;
  // The preposition before a mention, past its determiner and adjectives
  // ("in the Ivory Coast"), or an empty view.
  std::string_view preposition_before(size_t start, size_t b) const;
  bool quote_between(size_t from, size_t to) const;
  // "after the group detained", "before police arrived": a word that is a
  // preposition before a noun phrase and a conjunction before a clause; the
  // phrase ending at `end` right before the group's finite verb is its subject.
  bool subordinator(std::string_view prep, size_t end, const Group& g) const;
  // The nearest mention before the group that no preposition governs; a
  // verb or clause boundary on the way means the clause has none.
  int32_t subject_of(const Group& g, size_t b, const std::vector<Group>& before);
  // The subject of each group of the sentence that starts at b: its own, the
  // one it shares with the verb it is coordinated with or the infinitive's
  // controller, or the speaker of a reported clause.
  void subjects(std::vector<Group>& gs, size_t b);
  // The first noun after the head (the object's head for light verbs).
  // A measure or amount is not the head that counts: "70 million dollars of
  // aid", "1,000 tons of grain", "a shipment of arms".
  size_t object_noun(size_t after, size_t e) const;
  // The subject of the sentence's speech verb that reports group i: "X said
  // (that) Y must ...", "Y must ..., X said".
  int32_t reporter(const std::vector<Group>& gs, size_t i) const;

  // Actors (event_actors.cc).
  // For each token, the entity of the outermost mention covering it.
  void index_actors();
  // The unnamed sources of the speech stage ("Kenyan anti-graft campaigners",
  // "Police", "Ukraine's air force": Entity::kind "source") get an actor code
  // as a group actor would, from their first mention's head noun and the
  // country in its words, and join the groups that later mentions of their
  // kind find ("police" after "Police said").
  void code_sources();
  // The first mention after `from` (within the clause) that no other
  // preposition governs; `prep` non-empty asks for one after that preposition.
  int32_t mention_after(size_t from, size_t e, std::string_view prep, size_t* at = nullptr);
  // The target a pattern's rule names after `after`: the object, else the
  // mention after one of its prepositions.
  int32_t target_of(const TargetRule& r, size_t after, size_t e);
  // "on Israeli territory", "in Gaza": a country named in a locative phrase.
  int32_t locative_country(size_t from, size_t e);
  // "a curfew in Algiers": a place mentioned after a locative preposition.
  int32_t locative_place(size_t from, size_t e) const;
  // The words of a group noun's phrase back from `head` (not before b): where
  // it starts, the country a demonym or country in it gives ("Burmese
  // troops", "Israel's troops"), the sector (a group noun before the head:
  // "police officers"), or the named organisation or person it belongs to
  // ("Hamas fighters": `named`, at token `named_at`).
  struct GroupPhrase {
    size_t start = 0;
    std::string country;
    std::string_view sector;
    int32_t named = kNone;
    size_t named_at = 0;
  };
  GroupPhrase group_phrase(size_t head, size_t b, const AgentNoun& agent, int32_t self = kNone) const;
  // An actor for a group noun at `head` ("troops", "suicide bombers",
  // "Thousands of students"): the phrase's named organisation or person when
  // it has one ("Hamas fighters" act as Hamas), else one entity per group and
  // country in the document, with a nominal mention over the words after the
  // name ("Burmese [troops]") and the actor code country + sector (MMRMIL).
  int32_t group_actor(size_t head, size_t b);
  // A mention of entity `id` over tokens [b, e) that the event coder found,
  // in the entity's list in text order and in the actor index.
  void add_mention(int32_t id, size_t b, size_t e, MentionKind kind);
  // A demonym before a noun that the names stage leaves alone ("rejected an
  // Australian ultimatum", "proposed Israeli changes"): when an event needs
  // a target there, the people it names, as the names stage makes them.
  // With `coordinated`, the first of coordinated demonyms before a noun
  // ("the Turkish and Greek sides", "French and Egyptian warships").
  int32_t demonym_actor(size_t k, size_t e, bool coordinated = false);
  // The entity of the country with actor code `code`, made from the
  // gazetteer when the article has none; kNone for an unknown code.
  int32_t country_entity(const std::string& code);
  // The actor an event with no object or prepositional target is directed at:
  // the first one named later in its clause ("agreed to extend the mandate of
  // the force in Lebanon", "captured part of a Karen stronghold"), the way
  // event coders read the rest of the verb phrase. Not one in a phrase of time
  // or cause ("despite Israel's wish", "after talks with X"), nor the subject
  // of a clause of its own ("..., and Y said"), nor past a relative pronoun or
  // a speech verb.
  int32_t clause_target(size_t from, size_t e, int32_t source) const;
  // Whose act an event noun is: its possessor or an actor modifying it ("North
  // Korea's demand", "a US offer", "two Israeli air raids"), or "by"/"from"
  // right after it ("calls by Kofi Annan", "demands from UNITA").
  int32_t noun_actor(size_t n, size_t b, size_t e, bool agent = true);
  // A rebel, insurgent, criminal or unidentified armed actor (sector REB,
  // INS, CRM or UAF of its actor code).
  bool irregular(int32_t entity) const;
  // Whose the object at `noun` is: a group it names ("Russian diplomats"),
  // an actor modifying it, or an organisation or country after "of".
  int32_t object_owner(size_t noun, size_t after, size_t e);

  // Code choice (event_codes.cc).
  // The events the sentence's verb groups code, in text order; `noun_used`
  // marks the event nouns a verb took.
  void code(const Sentence& s, const std::vector<Group>& gs, std::vector<bool>& noun_used);
  // Verbs whose refusal or decline is no rejection: "declined to comment".
  static bool speech_verb(std::string_view l);
  // A sports score ("2-1", "3–0") in the few words after `from`.
  bool match_score(size_t from, size_t e) const;
  // The two-word phrase ending at noun k ("hunger strike"), or its lemma.
  std::string_view phrase_at(size_t k, std::string& buf) const;
  // The noun pattern of the phrase ending at k, or of its head.
  const NounPattern* noun_pattern(size_t k) const;
  // Whether a pattern's object list holds the phrase ending at k or its head.
  bool object_in(const std::vector<std::string>& objects, size_t k) const;
  // A word of data/event_pejoratives.tsv in the few words after `from`.
  bool pejorative_after(size_t from, size_t e) const;
  // Whether a verb lemma codes any event at all.
  std::string_view cameo_of(std::string_view verb) const;
  // The CAMEO 03 code of the intent to do an act of root 04-09: to meet or
  // negotiate (036), cooperate diplomatically (032) or materially (031),
  // give aid (033), yield (035); to cooperate in general (030) otherwise.
  static std::string intent_code(std::string_view cameo);
  // Times are in text order: the sentence's first one by binary search, so a
  // long article costs no more per event than a short one.
  std::string date_of(size_t b, size_t e) const;
  // Adds an event to Document::events (not a plain statement, nor one the
  // sentence has already), with its copies for the actors coordinated with
  // its source and target unless `copies` is false.
  void emit(int32_t source, int32_t target, std::string cameo, std::string plover, bool negated, Modality modality,
            size_t trigger_b, size_t trigger_e, const Sentence& s, bool copies = true);

  // Modality and negation (event_modality.cc).
  // The group whose head governs g through "to": "refused to accept",
  // "vowed over the weekend to increase".
  const Group* governor(const Group& g, const std::vector<Group>& gs, size_t b) const;
  // "is willing to withdraw", "stands ready to help": an adjective of intent before "to".
  bool ready_to(const Group& g, size_t b) const;
  // What the verb or adjective governing g (`gov`, from governor()) makes of
  // it: its entry in data/event_modality.tsv; an intention when it has none
  // ("pressure on Hamas to free") or g follows an adjective of intent.
  ModalEffect effect_of(const Group& g, const Group* gov, size_t b, size_t e) const;
  // Whether group i is a threat or intention verb that governs a later group
  // through "to" (that later group codes the event).
  bool governs_threat(size_t i, const std::vector<Group>& gs) const;
  // "threatening to “land blows” against X" where the tagger saw no verb in
  // the complement: the threat and its target, read after "to".
  bool threat_without_verb(const Group& g, const std::vector<Group>& gs, size_t e, const Sentence& s);
  // Conditional clauses: "unless Israel rescinded the annexation", "if Hamas,
  // which ..., ran": from "if"/"unless" to the comma or boundary after the
  // clause's own verb (a relative clause inside it runs on). Events there are
  // hypothetical; the clause's subject is who a threat is aimed at.
  void mark_conditions(size_t b, size_t e);
  // "demanded that the US cancel ...", "its demand that Israel ease ...": the
  // verb of a clause that a demand governs is the act demanded, not one done.
  // Returns the demand's verb or noun, or SIZE_MAX.
  size_t demanded_clause(const Group& g, size_t b) const;

  // Reactions and joint acts (event_reactions.cc).
  // Reactions to what others did: appeals, support, demands, criticism,
  // rejection, threats and protest (and admissions and denials).
  static bool reaction(std::string_view cameo);
  // The target of an event that a verb (its own reading, in the active) with
  // object `noun` codes, given the `target` its pattern found: whose act the
  // event noun it responds to is, or the actor of the earlier event that
  // noun refers back to. Marks the response noun in `noun_used`.
  int32_t reaction_target(std::string_view cameo, std::string_view verb, size_t noun, size_t after, int32_t source,
                          int32_t subject, int32_t target, const Sentence& s, std::vector<bool>& noun_used);
  // An event noun a verb responds to: its object's head ("rejected calls by
  // X") or the head after "over", "about", "against" or "to" ("complained
  // ... over Israeli air raids", "agreed to US mediation"). Sets `pp` when
  // the noun is in such a phrase.
  size_t response_noun(size_t after, size_t e, const std::vector<bool>& used, size_t b, bool& pp) const;
  // The actor of the event that the event noun at `noun`, the object of a
  // reaction, refers back to: the first one the article's body reported of
  // the kinds the noun names, by someone other than `subject`. The noun must
  // be definite ("the sanctions", "this provocation") and have no actor of
  // its own ("the U.S. sanctions", "accusations by X"), unless it names the
  // undoing of a detention ("their release"), whose holder is the target.
  int32_t antecedent_actor(const AntecedentNoun& an, size_t noun, size_t after, int32_t subject) const;
  // Acts that a list of actors does together: agreeing (030), intending to
  // meet or negotiate (036), consulting (04), signing (057), cooperating (06).
  static bool reciprocal(std::string_view cameo);
  // The entity after "and" that follows the last mention of `entity` seen.
  // A list runs on through commas: "to Iran, Libya, North Korea and Sudan".
  std::vector<int32_t> coordinated(int32_t entity);
  // The actors coordinated before the first mention of `entity` as a subject:
  // "Israel and the Palestinians", "Iran, Syria and Hezbollah", "Libyan
  // leader Muammar Gaddafi and Bulgarian President Todor Zhivkov", "the
  // Turkish and Greek sides". Not a list that is a verb's object or in a
  // prepositional phrase ("attacked X and Y fled").
  std::vector<int32_t> coordinated_before(int32_t entity);

  // Events named by nouns (event_nouns.cc).
  // The attack named by the object of a verb of fighting back, when someone
  // other than the one fighting back made it.
  void repelled_attack(size_t noun, int32_t defender, size_t e, const Sentence& s);
  // Event nouns not taken by a verb: "Israel’s siege of the enclave",
  // "international criticism of Israel", "approval from X".
  void nominal_events(const Sentence& s, const std::vector<Group>& gs, const std::vector<bool>& used);

  const EventDictionary& dict_;
  const Gazetteer& gaz_;
  Document& doc_;
  const std::vector<Token>& toks_;
  std::vector<int32_t> actor_;
  std::vector<uint32_t> actor_start_, actor_end_;
  std::vector<bool> time_;
  std::vector<bool> in_name_;  // tokens of a name of more than one word
  uint32_t body_begin_ = 0;     // where the article's body starts, after its headline (a byte offset)
  // Where the current sentence's roles were found, for coordination.
  mutable std::unordered_map<int32_t, size_t> first_use_, last_use_;
  std::unordered_map<size_t, size_t> gov_event_;            // a group's head token → the event it emitted
  std::unordered_map<std::string, int32_t> groups_;         // country|lemma → the group's entity
  mutable std::string phrase_buf_;  // a phrase noun being looked up ("hunger strike"), reused
  std::vector<bool> unasserted_;       // tokens of the sentence's conditional clauses
  int32_t condition_subject_ = kNone;  // the subject of its first one
  size_t sentence_events_ = 0;         // the first event of the current sentence
};

}  // namespace sitrep
