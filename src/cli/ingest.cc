// sitrep ingest (being written).
#include <cstdio>

#include "cli/commands.h"

namespace sitrep::cli {

const char* const kIngestHelp = "Usage: sitrep ingest CORPUS... --db PATH (not available yet)\n";

int run_ingest(const std::vector<std::string>& args) {
  (void)args;
  std::fputs("sitrep ingest: not available yet\n", stderr);
  return kExitUsage;
}

}  // namespace sitrep::cli
