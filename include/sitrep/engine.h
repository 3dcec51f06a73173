// sitrep/engine.h: the standard pipeline, built from the lexicons in data/.
//
//   sitrep::Pipeline p = sitrep::build_pipeline(sitrep::locate_data(""));
//   sitrep::Document doc(article);
//   p.run(doc);
#pragma once

#include <string>
#include <vector>

#include "sitrep/pipeline.h"

namespace sitrep {

// The data folder (see --data, $SITREP_DATA); throws std::runtime_error with
// advice when there is none.
std::string locate_data(const std::string& explicit_dir);

// Every stage in order. `lexicons` are the user's own name lists (--lexicon),
// in the columns of data/organizations.tsv, added to the gazetteer beside it.
// Throws on a missing or malformed lexicon (file:line).
Pipeline build_pipeline(const std::string& data_dir, const std::vector<std::string>& lexicons = {});

}  // namespace sitrep
