// Helpers shared by the unit tests.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "text/abbreviations.h"

namespace sitrep::testing {

// The project's own lexicons, loaded once.
inline std::shared_ptr<const Abbreviations> abbreviations() {
  static auto a = std::make_shared<const Abbreviations>(Abbreviations::load(SITREP_SOURCE_DATA_DIR));
  return a;
}

}  // namespace sitrep::testing
