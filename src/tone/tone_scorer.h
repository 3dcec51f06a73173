// ToneScorer: the tone of an article (GDELT's V1.5TONE fields) and the tone
// toward each of its entities, from VADER's lexicon and rules (tone_lexicon.h).
//
// Each sentence is scored as VADER scores a text (Hutto & Gilbert 2014; the
// rules of vaderSentiment 3.3, the reference implementation):
// - a word of the lexicon has its valence (-4 .. +4);
// - a negation ("not", "never", "n't", "without") up to three words before it
//   multiplies it by -0.74 ("never so", "never this" boost instead); "no"
//   before a tone word negates that word and loses its own valence; "least"
//   negates, but not in "at least" or "very least";
// - a degree adverb up to three words before it adds (booster, "extremely") or
//   takes (dampener, "slightly") 0.293 of magnitude, 95% of that two words
//   away and 90% three words away;
// - a word in capitals in a sentence that is not all in capitals gains 0.733
//   of magnitude, and so does a booster in capitals;
// - "but": the words before the first "but" count half, the words after it
//   one and a half times;
// - "!" (up to four) and "??" add emphasis to a sentence's compound score,
//   VADER's normalised sum (sum / sqrt(sum^2 + 15), -1 .. +1).
// VADER's special idioms ("the bomb", "cut the mustard") and two-word
// dampeners ("kind of", "sort of") are left out. Words are the tokens of
// two characters or more (as VADER's) with their clitic ("didn't", "I'm").
//
// The article's fields count words as GDELT does (see ArticleTone). The tone
// toward an entity averages the compound scores of the sentences that mention
// it, quoted and reported words left out: they are the speaker's stance, which
// is the speaker's own EntityTone::stance. A sentence is split into clauses of
// contrast (after ";", at "but", at ", while", ", whereas", ", although",
// ", though", ", yet", ", however"); the clauses that name other entities and
// not this one are left out of its score ("A retook the bridge, while B lost a
// third of its fighters": A positive, B negative), those that name no one
// count for all ("X was jailed, but hailed as a hero").
//
// One pass over the tokens; a few arrays per article (valences, a sentence's
// words, whose voice each token is in), no allocation per token.
//
//   pipeline.add(std::make_unique<ToneScorer>(ToneLexicon::load(data_dir)));  // after the speech stage
#pragma once

#include <memory>
#include <vector>

#include "sitrep/pipeline.h"
#include "tone/tone_lexicon.h"

namespace sitrep {

class ToneScorer : public Stage {
 public:
  explicit ToneScorer(std::shared_ptr<const ToneLexicon> lexicon) : lexicon_(std::move(lexicon)) {}

  std::string_view name() const override { return "tone"; }
  LayerSet requires_layers() const override {
    return kTokensLayer | kSentencesLayer | kTagsLayer | kMentionsLayer | kEntitiesLayer | kQuotesLayer |
           kReportedLayer;
  }
  LayerSet assigns_layers() const override { return kToneLayer; }
  void run(Document& doc) const override;

  // The valence VADER's rules give each token (0 for most; a word's clitic
  // has 0 and the word the whole), for tests and for explaining a score.
  std::vector<float> valences(const Document& doc) const;
  // VADER's compound score of the tokens [begin, end) given their valences.
  static double compound(const Document& doc, const std::vector<float>& valences, size_t begin, size_t end);

 private:
  struct Totals;
  void score(const Document& doc, std::vector<float>& valences, Totals& totals) const;

  std::shared_ptr<const ToneLexicon> lexicon_;
};

}  // namespace sitrep
