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
  std::map<std::string, std::string> values;  // by long name, the last given; booleans map to ""
  std::map<std::string, std::vector<std::string>> repeated;  // by long name, every value in order
  std::vector<std::string> positional;
  bool has(const std::string& name) const { return values.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  // Every value of a flag that may be given more than once (--lexicon A --lexicon B).
  std::vector<std::string> all(const std::string& name) const {
    auto it = repeated.find(name);
    return it == repeated.end() ? std::vector<std::string>{} : it->second;
  }
};

// Parses args (without the program and command names). Returns nullopt and
// sets `error` on a usage error.
std::optional<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                     std::string& error);

// Prints "sitrep COMMAND: MESSAGE (see sitrep COMMAND --help)" and returns
// the usage exit code.
int usage_error(const char* command, const std::string& message);

// Parses a command's arguments. Returns an exit code when the command is
// done: after printing `help` for --help, or a usage error; else nullopt with
// `out` set.
std::optional<int> parse_command(const char* command, const std::vector<std::string>& args,
                                 const std::vector<FlagSpec>& specs, const char* help, ParsedArgs& out);

}  // namespace sitrep::cli
