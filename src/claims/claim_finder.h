// ClaimFinder: figures claimed with qualifier, source, actor and date (Document::claims).
// (Being written: a placeholder that fills nothing yet.)
#pragma once

#include <string>

#include "sitrep/pipeline.h"

namespace sitrep {

class ClaimFinder : public Stage {
 public:
  // Loads its lexicons from data_dir; throws TsvError on a malformed file.
  explicit ClaimFinder(const std::string& data_dir) { (void)data_dir; }
  std::string_view name() const override { return "claim_finder"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer | kEntitiesLayer | kTimesLayer; }
  LayerSet assigns_layers() const override { return kClaimsLayer; }
  void run(Document& doc) const override;
};

}  // namespace sitrep
