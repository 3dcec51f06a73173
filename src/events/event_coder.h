// EventCoder: who did what to whom (Document::events), coded to CAMEO and
// PLOVER from the patterns of data/event_*.tsv.
//
// A shallow clause analysis over tags, lemmas and entity mentions:
// - verb groups: auxiliaries, modals, negation and the head verb; passive when
//   a form of "be" or "get" governs a past participle;
// - the subject is the nearest entity mention before the group that no
//   preposition governs; a participial or coordinated group without one takes
//   the subject of the group before it ("…, killing over 1,100 people");
// - the target is the direct object or the mention after the pattern's
//   preposition; in the passive, the subject is the target and "by"/"from"
//   names the source; a locative "on Israeli territory" names the target
//   country when nothing else does;
// - control verbs change the embedded event: "refused to accept" negates it
//   (and is itself a rejection), "vowed/threatened to eliminate" makes it a
//   threat (CAMEO 13), "has not indicated any intent to resign" negates it,
//   modals "could/might/would" make it hypothetical (left out);
// - nominal events: "an assault on Gaza" (source: the subject of a light verb,
//   a possessor, or "by"/"from"), "criticism of Israel’s response";
// - the date is the clause's time expression, else the publication date.
// Plain statements (CAMEO 01 with no PLOVER type) are not emitted.
#pragma once

#include <memory>

#include "events/event_dictionary.h"
#include "lexicon/gazetteer.h"
#include "sitrep/pipeline.h"

namespace sitrep {

class EventCoder : public Stage {
 public:
  EventCoder(std::shared_ptr<const EventDictionary> dictionary, std::shared_ptr<const Gazetteer> gazetteer)
      : dict_(std::move(dictionary)), gazetteer_(std::move(gazetteer)) {}

  std::string_view name() const override { return "events"; }
  LayerSet requires_layers() const override { return kTagsLayer | kEntitiesLayer | kTimesLayer; }
  // Group actors ("Burmese troops") and countries named only by a demonym
  // become entities here when an event needs them.
  LayerSet assigns_layers() const override { return kEventsLayer | kEntitiesLayer | kMentionsLayer; }
  void run(Document& doc) const override;

 private:
  class Pass;
  std::shared_ptr<const EventDictionary> dict_;
  std::shared_ptr<const Gazetteer> gazetteer_;
};

}  // namespace sitrep
