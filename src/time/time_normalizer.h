// TimeNormalizer: temporal expressions with TIMEX3-style values (Document::times).
// (Being written: a placeholder that fills nothing yet.)
#pragma once

#include <string>

#include "sitrep/pipeline.h"

namespace sitrep {

class TimeNormalizer : public Stage {
 public:
  // Loads its lexicons from data_dir; throws TsvError on a malformed file.
  explicit TimeNormalizer(const std::string& data_dir) { (void)data_dir; }
  std::string_view name() const override { return "time_normalizer"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer; }
  LayerSet assigns_layers() const override { return kTimesLayer; }
  void run(Document& doc) const override;
};

}  // namespace sitrep
