// Command-line flags: "--name value", "--name=value", boolean "--name", and
// positional arguments. Unknown flags and missing values are usage errors.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sitrep::cli {

struct FlagSpec {
  std::string name;        // "--date"
  std::string short_name;  // "-o" or ""
  bool takes_value = true;
};

struct ParsedArgs {
  std::map<std::string, std::string> values;  // by long name; booleans map to ""
  std::vector<std::string> positional;
  bool has(const std::string& name) const { return values.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
};

// Parses args (without the program and command names). Returns nullopt and
// sets `error` on a usage error.
std::optional<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                     std::string& error);

}  // namespace sitrep::cli
