// NameFinder: named mentions of people, organisations, places, groups,
// facilities, events, products and indices (Document::mentions, kind name),
// plus the descriptive aliases the gazetteer knows ("the Jewish state", kind
// nominal).
//
// At each token, in order of trust:
// 1. the gazetteer's longest match (a place whose name is a common word needs
//    a capital mid-sentence; a demonym is a mention only when it names people:
//    "Palestinians", "Israeli officials", but not "Israeli territory" or
//    "Israeli opposition leader Yair Lapid", where it is an attribute);
// 2. a title or role before a capitalised name ("Major General", "spokesman")
//    marks the name as a person;
// 3. a capitalised sequence (with particles "bin", "al-", "van" and, inside
//    organisation names, "of" and "&") typed by its head word ("... Ministry"
//    ORG, "... River" LOC), a given name (PERSON), an acronym (ORG), a speech
//    verb after it (PERSON) or its shape.
// A sentence-initial capital is not evidence: the first word is kept only
// when it is a known name, tagged as a proper noun, or not a common word.
// Headlines in title case yield only gazetteer names. The EntityLinker then
// makes the types of one name consistent across the document.
#pragma once

#include <memory>

#include "entities/name_lexicon.h"
#include "lexicon/gazetteer.h"
#include "sitrep/engine.h"
#include "sitrep/pipeline.h"

namespace sitrep {

class NameFinder : public Stage {
 public:
  // With `source` kBoth or kModel, the name model's labels (Document::
  // name_tags, filled by NameModel) decide where the lists are silent or
  // ambiguous; documents without them are read with the lists alone.
  NameFinder(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const NameLexicon> lexicon,
             std::shared_ptr<const Abbreviations> abbreviations, NameSource source = NameSource::kLists)
      : gazetteer_(std::move(gazetteer)),
        lexicon_(std::move(lexicon)),
        abbreviations_(std::move(abbreviations)),
        source_(source) {}

  std::string_view name() const override { return "names"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer; }
  LayerSet assigns_layers() const override { return kMentionsLayer; }
  void run(Document& doc) const override;

 private:
  class Pass;
  std::shared_ptr<const Gazetteer> gazetteer_;
  std::shared_ptr<const NameLexicon> lexicon_;
  std::shared_ptr<const Abbreviations> abbreviations_;
  NameSource source_;
};

}  // namespace sitrep
