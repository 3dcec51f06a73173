// EntityLinker: groups name mentions into entities (Document::entities) and
// makes one name's type the same everywhere in the document.
//
// Mentions join an entity when they match the same gazetteer entry, spell
// the same name, or are a shorter form of a person's full name ("Haliva"
// after "Aharon Haliva") or an acronym of an organisation's name ("IDF" after
// "Israel Defense Forces"). An entity's canonical name is its longest name
// mention (or the gazetteer's name), its type is the type of its most trusted
// mention, and its actor code, country and title come from the gazetteer
// entry and the titles before its mentions.
#pragma once

#include <memory>

#include "entities/name_lexicon.h"
#include "lexicon/gazetteer.h"
#include "sitrep/pipeline.h"

namespace sitrep {

class EntityLinker : public Stage {
 public:
  EntityLinker(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const NameLexicon> lexicon)
      : gazetteer_(std::move(gazetteer)), lexicon_(std::move(lexicon)) {}

  std::string_view name() const override { return "entities"; }
  LayerSet requires_layers() const override { return kMentionsLayer; }
  LayerSet assigns_layers() const override { return kEntitiesLayer; }
  void run(Document& doc) const override;

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const NameLexicon> lexicon_;
};

}  // namespace sitrep
