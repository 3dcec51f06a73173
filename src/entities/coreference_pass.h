// Coreference::Pass: the state of one coreference run over a document, shared
// by coreference.cc (names, pronouns, the scan in text order) and
// descriptions.cc (appositions, definite descriptions, noun-phrase mentions,
// coordinated groups). Private to src/entities.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities/coreference.h"
#include "entities/noun_phrases.h"

namespace sitrep {

class Coreference::Pass {
 public:
  Pass(const Coreference& c, Document& doc)
      : c_(c), gaz_(*c.gazetteer_), lex_(*c.names_), doc_(doc), toks_(doc.tokens) {}

  void run();

 private:
  static bool is_determiner(std::string_view w) { return w == "the" || w == "The"; }
  static bool lower_word(const Token& t) { return t.kind == TokenKind::kWord && !t.has(kUpperInitial); }
  // Kinds that a description's kind accepts.
  static bool kinds_agree(std::string_view wanted, std::string_view have) {
    if (wanted.empty() || have.empty() || wanted == have) return true;
    if (wanted == "country") return have == "territory";
    if (wanted == "city") return have == "capital";
    if (wanted == "government") return have == "country" || have == "ministry";
    if (wanted == "military") return have == "armed_group";
    return false;
  }

  struct Salience {
    int64_t token = -1;  // the end of the entity's latest mention
    uint32_t sentence = 0;
    bool subject = false;  // the latest mention is a sentence subject
    int64_t subject_sentence = -1;  // the last sentence the entity was the subject of
    int count = 0;
  };

  std::string_view text(size_t i) const { return doc_.text_of(toks_[i]); }

  void index();
  void infer_gender(Entity& e) const;

  // The token index where a byte offset begins.
  size_t token_at(uint32_t begin) const;

  // A country named by a demonym or a country name (possessive or not) in [b, e).
  std::string country_in(size_t b, size_t e) const;

  // At a country mention [t, clitic) followed by ’s and a head such as
  // "military" or "government": a mention of that country's institution.
  bool possessive_institution(int32_t mention);

  // A country's institution of a kind ("the Rwandan army", "Congo army",
  // "Indonesian police", "Kenya’s Supreme Court"... for the kinds military,
  // police, court, legislature, intelligence): the lexicon's, else one entity
  // per country and kind named by the phrase [b, e). kNone for other kinds,
  // and for troops and forces, which are a group of the army's members.
  // With `named_by_country`, the phrase names no country ("the army") and
  // the entity's name is given one ("Colombia army").
  int32_t institution_of(const std::string& country, const Nominal& n, size_t b, size_t e,
                         bool named_by_country = false);
  // The country the article has mentioned most so far (by name or by its
  // people's), its entity made if need be; kNone when none.
  int32_t topic_country();

  // The entity of a lexicon entry, created when the article has not named it.
  int32_t entity_for_entry(int32_t entry);

  // A new entity: `plural` for a group ("markets"), `tentative` for one that a
  // phrase introduced and that is kept only when mentioned again.
  int32_t new_entity(Entity e, bool plural = false, bool tentative = false);
  int32_t add_mention(size_t b, size_t e, MentionKind kind, int32_t entity);
  bool free(size_t b, size_t e) const;

  // "The head of X’s agency, Major General Y, ..." and "Y, the Z of W, ...".
  void appositions();

  void see(int32_t entity, size_t token, bool subject);
  // Whether a mention that starts at first_token is its clause's subject:
  // first in its sentence, or after a clause boundary and right before a
  // finite verb (before_finite_verb).
  bool subject_position(size_t first_token) const;
  bool before_finite_verb(size_t first_token, size_t sentence_end) const;
  bool agrees(int32_t entity, const Pronoun& p) const;
  int32_t resolve_pronoun(size_t t, const Pronoun& p, bool possessive) const;
  // The subject of a reporting verb right before the pronoun at t ("China
  // said it", "said on Tuesday that it"); `known` when there is such a verb
  // and a subject, kNone when that subject has no entity.
  int32_t reporter_of(size_t t, bool& known) const;
  bool reporting_verb(size_t t) const;  // "said", "told" (speech_cues.tsv)
  static bool possessive_pronoun(std::string_view w);

  // "It" refers to an entity as a clause subject ("It said ...", ", and it
  // denied ...", "announced it would"), not as an object ("called it") or a
  // dummy subject ("it would be appropriate for", "it is likely that"); "it
  // is" before a participle or a noun phrase ("it is exercising", "It is the
  // biggest contract") is an entity again.
  bool referring_it(size_t t) const;

  // The mention right before a relative pronoun ("Yair Lapid, who ...").
  // "that" is a relative pronoun only right after its noun and before a verb
  // ("the plane that flew"); elsewhere it is a conjunction or a determiner.
  int32_t antecedent_of_relative(size_t t) const;

  // Where a parenthesis that ends right before token k opens ("GM (General
  // Motors)"), or k when none does.
  size_t before_parenthesis(size_t k) const;

  // A definite description at t: "the company", "the Israeli leader".
  bool description(size_t t, size_t end, size_t& head_end, int32_t& entity);

  bool is_cap_word(size_t i) const { return toks_[i].kind == TokenKind::kWord && toks_[i].has(kUpperInitial); }

  // The entity a description [t, head] refers to: the most salient earlier
  // one of its type and kind, preferring a name with the head word and the
  // very kind.
  int32_t resolve_nominal(const Nominal& n, const std::string& country, size_t t, size_t head,
                          bool same_kind = false) const;
  // Whether a word (lower case) is a word of the entity's name.
  static bool name_has_word(const Entity& e, std::string_view word);
  static bool type_agrees(const Nominal& n, const Entity& ent);
  const Nominal* nominal_of(size_t head) const;

  // The entity of the name mention that starts at token t (after an optional
  // "the"), if it agrees with the description's head.
  int32_t name_at(size_t t, size_t end, const Nominal& n) const;

  // The entity of a mention that ends right before token t, if it agrees.
  int32_t mention_before(size_t t, const Nominal& n) const;

  static bool copula(std::string_view w);

  // A noun phrase whose head names a kind of entity (data/nominals.tsv).
  // Returns the token to continue at, or 0 when the phrase is no mention.
  size_t noun_phrase(const NounPhrase& np);

  // "a State Department spokesperson said", "said an Ethiopian official": an
  // unnamed person introduced as a speaker is a person of the article (a
  // speaker, a source), with the role's sector and country. kNone otherwise.
  int32_t unnamed_speaker(const NounPhrase& np);

  // A noun that premodifies an organisation's or a market's head and names a
  // kind of product is a mention of that kind of product ("automobile" in
  // "the US automobile manufacturer", "auto" in "the auto industry"); like
  // any phrase it is kept when the article mentions the kind again.
  void product_premodifiers(const NounPhrase& np);

  // Names coordinated by "and" ("GM and Chrysler", "Chrysler, Ford, and
  // General Motors") together name a group, which "they" and "the companies"
  // can refer to; the group is kept when something refers to it.
  bool coordination(int32_t mention);

  // The sector of an entity's title, if it has one.
  std::string title_sector(const Entity& e) const;

  int32_t resolve_role(const Title& role, const std::string& country, size_t t) const;

  void scan();
  void actor_codes();

  // A role in the headline ("Israel’s top military intelligence chief
  // resigns") names the person the body introduces in that role: the first
  // person of the body whose sector (and country, when the role names one)
  // it is. Run after actor_codes().
  void headline_roles();

  // The mentions that only exhaustive output lists (Document::aside_mentions,
  // aside_mentions.cc): proper adjectives of a country, roles before a name,
  // and the noun phrases no mention covers. Run after scan(); finish() adds
  // the lone phrases it drops and renumbers.
  void aside();
  void aside_adjectives();
  void aside_roles(std::vector<char>& in_role);
  void aside_phrases(const std::vector<char>& in_role);
  void add_aside(size_t b, size_t e, MentionKind kind, int32_t entity, bool own, EntityType type);

  // Keeps Document::mentions in text order and each entity's list with it.
  // An entity that a noun phrase introduced and nothing mentioned again is
  // dropped: a lone generic phrase ("people", "a video") is rarely an entity
  // the article is about.
  void finish();

  const Coreference& c_;
  const Gazetteer& gaz_;
  const NameLexicon& lex_;
  Document& doc_;
  const std::vector<Token>& toks_;
  std::vector<uint32_t> sentence_of_;
  std::vector<int32_t> covered_;  // token → a mention covering it
  std::vector<std::vector<int32_t>> starts_;  // token → the mentions that start there
  std::vector<Salience> salience_;
  std::vector<std::string> country_hint_;  // per entity: a country from its context
  std::vector<char> plural_;  // per entity: a group named by a plural noun
  std::vector<int32_t> possessor_;  // per entity: whose it is ("its shares"), kNone when unsaid
  // per entity: 1 when a noun phrase introduced it, kept when mentioned again;
  // 2 when a description named it before its mention, kept when mentioned
  std::vector<char> tentative_;
  struct Seen {
    int32_t entity;
    uint32_t sentence;
  };
  std::vector<Seen> recent_;  // every see(), in text order: the window resolution scans
  mutable std::vector<uint32_t> stamps_;
  mutable uint32_t stamp_ = 0;
  std::vector<NounPhrase> nps_;
  std::vector<int32_t> np_at_;  // token → the noun phrase that starts (after a possessive pronoun) there
  // head lemma (with the names and numbers among its premodifiers) → the last entity a phrase with it named
  std::unordered_map<std::string, int32_t> by_head_;
  std::unordered_map<int32_t, int32_t> by_entry_;  // lexicon entry → its entity
  std::unordered_map<std::string, int32_t> by_institution_;  // "RWA military" → the entity a phrase named
  std::unordered_map<std::string, std::vector<int32_t>> by_sector_;  // title sector → persons, in entity order
  // per entity type: the last group that coordinated names formed ("GM and Chrysler")
  int32_t last_group_[static_cast<size_t>(EntityType::kOther) + 1] = {kNone, kNone, kNone, kNone, kNone,
                                                                       kNone, kNone, kNone, kNone, kNone};
};

}  // namespace sitrep
