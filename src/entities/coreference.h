// Coreference: adds the descriptions and pronouns that refer to the entities
// the names established, so that one entity holds all its mentions.
//
// - Appositions bind a description to the name beside it: "The head of
//   Israel’s military intelligence agency, Major General Aharon Haliva," and
//   "Yair Lapid, the opposition leader,".
// - A definite description ("the company", "the Israeli leader", "the
//   militants") refers to the most salient earlier entity of its type and, for
//   a role, to the person holding that role (country from a demonym in it).
// - Other noun phrases whose head names a kind of entity (data/nominals.tsv:
//   "markets", "most analysts", "the world", "its shares"; chunked over tags,
//   noun_phrases.h) are mentions too: of the name they describe ("automobile
//   manufacturer Ford", "the index, the FTSE 100", "GM, the world's largest
//   automaker", "The A380 is the largest plane"), of the entity a definite
//   description refers to, of an earlier phrase with the same head (and the
//   same names and numbers among its premodifiers), or else of a new entity,
//   which is kept only when the article mentions it again.
// - Names coordinated by "and" form a group that "they" and "the companies"
//   can refer to, kept likewise only when something does.
// - A third-person pronoun refers to the most salient earlier entity that
//   agrees in gender (given names, titles, the people lexicon) and number,
//   preferring recent mentions and sentence subjects (a name that premodifies
//   a noun or a possessor is no subject); "who", "whose", "which" and
//   relative "that" refer to the mention right before them. First-person
//   pronouns in quotes are left to SpeakerPronouns, which runs after quotes.
// - Persons and organisations without a lexicon code get an actor code from
//   their title's sector and a country named before the title or inside an
//   apposition ("Israeli opposition leader X" → ISR + OPP).
//
// Resolution looks back over a window of recent mentions, not over all
// entities, so the work per article grows linearly with its length.
#pragma once

#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "entities/name_lexicon.h"
#include "lexicon/gazetteer.h"
#include "lexicon/phoenix_actors.h"
#include "sitrep/pipeline.h"

namespace sitrep {

class Coreference : public Stage {
 public:
  // `phoenix` (may be null) codes the actors the lists leave without a code.
  Coreference(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const NameLexicon> names,
              const std::string& data_dir, std::shared_ptr<const PhoenixActors> phoenix = nullptr);

  std::string_view name() const override { return "coreference"; }
  LayerSet requires_layers() const override {
    return kTokensLayer | kSentencesLayer | kTagsLayer | kMentionsLayer | kEntitiesLayer;
  }
  LayerSet assigns_layers() const override { return kMentionsLayer | kEntitiesLayer; }
  void run(Document& doc) const override;

  struct Pronoun {
    char gender;  // m, f, n, a (any), p (a person, either gender)
    bool plural;
    bool any_number;
    bool relative;
  };
  struct Nominal {
    EntityType type;
    std::string kind;
    bool plural;
    // A singular definite description refers back to a named entity ("the
    // company"); otherwise the noun names an entity of its own ("the world").
    bool refers_to_name;
  };

 private:
  class Pass;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const NameLexicon> names_;
  std::shared_ptr<const PhoenixActors> phoenix_;
  std::unordered_map<std::string, Pronoun, StringHash, std::equal_to<>> pronouns_;
  std::unordered_map<std::string, Nominal, StringHash, std::equal_to<>> nominals_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> function_words_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> reporting_verbs_;  // "said", "told" (speech_cues.tsv)
};

}  // namespace sitrep
