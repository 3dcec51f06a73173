#include "core/data_dir.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace sitrep {
namespace fs = std::filesystem;

namespace {
bool has_lexicons(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "abbreviations.tsv", ec);
}
}  // namespace

std::string find_data_dir(const std::string& explicit_dir) {
  if (!explicit_dir.empty()) return has_lexicons(explicit_dir) ? explicit_dir : "";
  if (const char* env = std::getenv("SITREP_DATA"); env && *env) return has_lexicons(env) ? env : "";
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path bin = exe.parent_path();
    for (const fs::path& candidate :
         {bin / "data", bin.parent_path() / "data", bin.parent_path() / "share" / "sitrep" / "data"}) {
      if (has_lexicons(candidate)) return candidate.string();
    }
  }
#ifdef SITREP_SOURCE_DATA_DIR
  if (has_lexicons(SITREP_SOURCE_DATA_DIR)) return SITREP_SOURCE_DATA_DIR;
#endif
  return "";
}

}  // namespace sitrep
