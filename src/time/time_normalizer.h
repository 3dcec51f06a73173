// TimeNormalizer: temporal expressions with TIMEX3-style values (Document::times).
//
// Finds dates (October 7, Oct. 7, 2023, 24 March, 2023-10-07, 10/07/2023),
// months and years (in March, March 2024, 2019, the 1990s), weekdays, relative
// expressions (yesterday, last year, over the weekend, two days ago, a week
// earlier), durations (for three days, for months, three-day), sets (every
// Friday, annual), PRESENT_REF/PAST_REF/FUTURE_REF and clock times, and
// resolves them against the publication date (Article::date):
// - a weekday in past-tense narration is the latest such day on or before the
//   publication date, in future context (will meet on Thursday, until
//   Saturday) the next one; a date or month without a year follows the tense
//   the same way, and is the nearest one when the tense says nothing;
// - an expression repeated in one article names the same time, so its
//   occurrences share the tense that most of them show;
// - "a year earlier", "the same week" refer to the latest point named before;
// - without a publication date, values stay underspecified (XXXX-10-07),
//   unless the article opens with a full dated dateline ("March 3, 2024 —"),
//   which then becomes Article::date.
// The words and patterns are data (data/time_words.tsv, data/time_patterns.tsv).
//
//   pipeline.add(std::make_unique<TimeNormalizer>(data_dir));
//   doc.times[0].value == "2023-10-07"
#pragma once

#include <memory>
#include <string>

#include "sitrep/pipeline.h"

namespace sitrep {

namespace timex {
class TimeLexicon;
}

class TimeNormalizer : public Stage {
 public:
  // Loads its lexicons from data_dir; throws TsvError on a malformed file.
  explicit TimeNormalizer(const std::string& data_dir);
  ~TimeNormalizer() override;

  std::string_view name() const override { return "time_normalizer"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer; }
  LayerSet assigns_layers() const override { return kTimesLayer; }
  void run(Document& doc) const override;

 private:
  std::unique_ptr<const timex::TimeLexicon> lexicon_;
};

}  // namespace sitrep
