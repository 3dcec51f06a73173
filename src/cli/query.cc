// sitrep query (being written).
#include <cstdio>

#include "cli/commands.h"

namespace sitrep::cli {

const char* const kQueryHelp = "Usage: sitrep query --db PATH ... (not available yet)\n";

int run_query(const std::vector<std::string>& args) {
  (void)args;
  std::fputs("sitrep query: not available yet\n", stderr);
  return kExitUsage;
}

}  // namespace sitrep::cli
