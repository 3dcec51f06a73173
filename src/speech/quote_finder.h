// QuoteFinder: direct and partial quotes and reported speech, with speakers (Document::quotes, Document::reported).
// (Being written: a placeholder that fills nothing yet.)
#pragma once

#include <string>

#include "sitrep/pipeline.h"

namespace sitrep {

class QuoteFinder : public Stage {
 public:
  // Loads its lexicons from data_dir; throws TsvError on a malformed file.
  explicit QuoteFinder(const std::string& data_dir) { (void)data_dir; }
  std::string_view name() const override { return "quote_finder"; }
  LayerSet requires_layers() const override { return kTokensLayer | kSentencesLayer | kEntitiesLayer; }
  LayerSet assigns_layers() const override { return kQuotesLayer | kReportedLayer; }
  void run(Document& doc) const override;
};

}  // namespace sitrep
