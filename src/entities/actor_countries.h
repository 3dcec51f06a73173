// ActorCountries: gives an actor coded by its sector alone ("GOV", "MIL",
// "BUS") the country the article places it in, as PETRARCH builds actor
// codes (country + sector).
//
// Where a stage could find no country for an actor ("the defence ministry",
// a spokesman, "opposition supporters"), the country is looked for, in
// this order:
// 0. a country or demonym inside one of its own mentions ("an anonymous
//    Ethiopian official", "Taiwan's defence ministry");
// 1. in the sentence of the actor's first mention, the nearest place or
//    organisation named there with a country ("Zambian police said ...",
//    "Ukrainian Foreign Ministry spokesman Taras Melnyk"), before the mention
//    first, then after it ("... said the spokesman in Lusaka");
// 2. the article's dateline ("NAIROBI, March 3 —");
// 3. the article's main country: the one its mentions name most often, when
//    it is named at least twice and twice as often as any other.
// Without any, the sector stays alone. International actors (IGO, NGO and
// the like) and codes that already start with a country are left as they are.
//
//   pipeline.add(std::make_unique<ActorCountries>());   // after the event coder
#pragma once

#include <memory>

#include "lexicon/gazetteer.h"
#include "sitrep/pipeline.h"

namespace sitrep {

class ActorCountries : public Stage {
 public:
  explicit ActorCountries(std::shared_ptr<const Gazetteer> gazetteer) : gazetteer_(std::move(gazetteer)) {}
  std::string_view name() const override { return "actor countries"; }
  LayerSet requires_layers() const override { return kEntitiesLayer | kMentionsLayer | kSentencesLayer; }
  LayerSet assigns_layers() const override { return kEntitiesLayer; }
  void run(Document& doc) const override;

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
};

}  // namespace sitrep
