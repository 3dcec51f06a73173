// SpeakerPronouns: first-person pronouns inside a quote refer to its speaker
// (“I was wrong,” Lopez said → "I" is Lopez), so they join the speaker's
// entity as pronoun mentions. Quotes are found after coreference, so this is
// a stage of its own, run right after QuoteFinder.
//
// - "I", "me", "my", "mine", "myself" are the speaker.
// - "we", "us", "our", "ours", "ourselves" are the speaker when it is an
//   organisation or a place; for a person they are the organisation the
//   person speaks for, when the attribution names one ("said the firm's chief
//   executive, X": the firm), else the speaker.
// The work is linear in the quoted tokens.
//
//   pipeline.add(std::make_unique<SpeakerPronouns>());  // after QuoteFinder
#pragma once

#include "sitrep/pipeline.h"

namespace sitrep {

class SpeakerPronouns : public Stage {
 public:
  std::string_view name() const override { return "speaker_pronouns"; }
  LayerSet requires_layers() const override {
    return kTokensLayer | kSentencesLayer | kMentionsLayer | kEntitiesLayer | kQuotesLayer;
  }
  LayerSet assigns_layers() const override { return kMentionsLayer | kEntitiesLayer; }
  void run(Document& doc) const override;
};

}  // namespace sitrep
