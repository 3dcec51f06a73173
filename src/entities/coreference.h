// Coreference: adds the descriptions and pronouns that refer to the entities
// the names established, so that one entity holds all its mentions.
//
// - Appositions bind a description to the name beside it: "The head of
//   Israel’s military intelligence agency, Major General Aharon Haliva," and
//   "Yair Lapid, the opposition leader,".
// - A definite description ("the company", "the Israeli leader", "the
//   militants") refers to the most salient earlier entity of its type and, for
//   a role, to the person holding that role (country from a demonym in it).
// - A third-person pronoun refers to the most salient earlier entity that
//   agrees in gender (given names, titles, the people lexicon) and number,
//   preferring recent mentions and sentence subjects; "who" and "whose" refer
//   to the mention right before them.
// - Persons and organisations without a lexicon code get an actor code from
//   their title's sector and a country named before the title or inside an
//   apposition ("Israeli opposition leader X" → ISR + OPP).
#pragma once

#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "entities/name_lexicon.h"
#include "lexicon/gazetteer.h"
#include "sitrep/pipeline.h"

namespace sitrep {

class Coreference : public Stage {
 public:
  Coreference(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const NameLexicon> names,
              const std::string& data_dir);

  std::string_view name() const override { return "coreference"; }
  LayerSet requires_layers() const override { return kMentionsLayer | kEntitiesLayer; }
  LayerSet assigns_layers() const override { return kEntitiesLayer; }
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
  };

 private:
  class Pass;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const NameLexicon> names_;
  std::unordered_map<std::string, Pronoun, StringHash, std::equal_to<>> pronouns_;
  std::unordered_map<std::string, Nominal, StringHash, std::equal_to<>> nominals_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> function_words_;
};

}  // namespace sitrep
