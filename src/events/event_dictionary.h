// EventDictionary: the verb and noun patterns that code events, and the
// words that change an event's status (negation, intention, threat), loaded
// from data/event_verbs.tsv, data/event_nouns.tsv and data/event_modality.tsv,
// the group nouns that can act as actors, from data/event_agents.tsv, and the
// event nouns that refer back to an event already reported, from
// data/event_antecedents.tsv.
//
//   auto dict = EventDictionary::load(data_dir);
//   for (const VerbPattern& p : dict->verbs("impose")) ...
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/abbreviations.h"

namespace sitrep {

// How a pattern finds its target: the direct object, a preposition, or none.
struct TargetRule {
  bool object = false;                 // "obj"
  std::vector<std::string> prepositions;  // "on", "against" ...
  bool none = false;                   // intransitive
};

struct VerbPattern {
  std::string lemma;
  std::string particle;              // "down" in "step down", or empty
  std::vector<std::string> objects;  // light verbs: "sanctions" for "impose"; empty = any
  TargetRule target;
  std::string cameo;
  std::string plover;
};

struct NounPattern {
  std::string noun;
  TargetRule target;
  bool source_possessive = false;  // Israel's assault
  bool source_by = false;          // an assault by Israel
  bool source_subject = false;     // Israel launched an assault
  std::string cameo;
  std::string plover;
};

// A common noun for a group that acts without a name ("troops", "students"):
// its CAMEO sector code and the type of an actor made from it.
struct AgentNoun {
  std::string sector;  // MIL, COP, REB, CVL ...
  std::string type;    // ORG or NORP
};

// An event noun that, as the definite object of a reaction, refers back to
// an event already reported ("welcomed the sanctions"): the CAMEO code
// prefixes that event may have, and whether the noun names the undoing of a
// detention ("the release of ..."), whose holder is the target.
struct AntecedentNoun {
  std::vector<std::string> roots;
  bool holder = false;
};

enum class ModalEffect : uint8_t { kAsserted, kNegated, kIntended, kThreatened, kHypothetical };

class EventDictionary {
 public:
  // Throws TsvError naming file:line on a malformed or missing file.
  static std::shared_ptr<const EventDictionary> load(const std::string& data_dir);

  // Patterns for a verb lemma, most specific (with particle or object) first.
  const std::vector<VerbPattern>& verbs(std::string_view lemma) const;
  const NounPattern* noun(std::string_view lemma) const;
  // The effect of a modality word or phrase head ("refuse", "not", "vow"); kAsserted if none.
  ModalEffect modality(std::string_view lemma) const;
  // A verb that lends its subject to an event noun it takes as object ("launch").
  bool light_verb(std::string_view lemma) const { return light_verbs_.count(lemma) != 0; }
  // A word that makes "X called Y Z" a denunciation (data/event_pejoratives.tsv).
  bool pejorative(std::string_view lemma) const { return pejoratives_.count(lemma) != 0; }
  // The noun of data/event_antecedents.tsv with this lemma, or nullptr.
  const AntecedentNoun* antecedent(std::string_view lemma) const {
    auto it = antecedents_.find(lemma);
    return it == antecedents_.end() ? nullptr : &it->second;
  }
  // The group noun of data/event_agents.tsv with this lemma, or nullptr.
  const AgentNoun* agent(std::string_view lemma) const {
    auto it = agents_.find(lemma);
    return it == agents_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, std::vector<VerbPattern>, StringHash, std::equal_to<>> verbs_;
  std::unordered_map<std::string, NounPattern, StringHash, std::equal_to<>> nouns_;
  std::unordered_map<std::string, ModalEffect, StringHash, std::equal_to<>> modality_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> light_verbs_;
  std::unordered_map<std::string, AgentNoun, StringHash, std::equal_to<>> agents_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> pejoratives_;
  std::unordered_map<std::string, AntecedentNoun, StringHash, std::equal_to<>> antecedents_;
};

// The PLOVER type of a CAMEO root ("19" → FIGHT), for patterns that give none.
std::string_view plover_of_cameo_root(std::string_view cameo);

}  // namespace sitrep
