// Finding the lexicon folder (data/) at run time.
#pragma once

#include <string>

namespace sitrep {

// The data folder: `explicit_dir` when not empty, else $SITREP_DATA, else
// data/ beside or above the executable (build tree or installed share/sitrep),
// else the source tree's data/ compiled in. Returns "" when none has the
// marker file data/abbreviations.tsv.
std::string find_data_dir(const std::string& explicit_dir);

}  // namespace sitrep
