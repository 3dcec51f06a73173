#include "cli/options.h"

#include <cstdio>

#include "cli/commands.h"

namespace sitrep::cli {

std::optional<ParsedArgs> parse_args(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                                     std::string& error) {
  ParsedArgs out;
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positional || a == "-" || a.empty() || a[0] != '-') {
      out.positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name = a, value;
    bool inline_value = false;
    if (size_t eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    const FlagSpec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name || (!s.short_name.empty() && s.short_name == name)) spec = &s;
    if (!spec) {
      error = "unknown option '" + name + "'";
      return std::nullopt;
    }
    if (spec->takes_value && !inline_value) {
      if (i + 1 >= args.size()) {
        error = "option '" + spec->name + "' needs a value";
        return std::nullopt;
      }
      value = args[++i];
    } else if (!spec->takes_value && inline_value) {
      error = "option '" + spec->name + "' takes no value";
      return std::nullopt;
    }
    out.values[spec->name] = value;
    out.repeated[spec->name].push_back(value);
  }
  return out;
}

int usage_error(const char* command, const std::string& message) {
  std::fprintf(stderr, "sitrep %s: %s\n(see sitrep %s --help)\n", command, message.c_str(), command);
  return kExitUsage;
}

std::optional<int> parse_command(const char* command, const std::vector<std::string>& args,
                                 const std::vector<FlagSpec>& specs, const char* help, ParsedArgs& out) {
  std::string error;
  auto parsed = parse_args(args, specs, error);
  if (!parsed) return usage_error(command, error);
  if (parsed->has("--help")) {
    std::fputs(help, stdout);
    return kExitOk;
  }
  out = std::move(*parsed);
  return std::nullopt;
}

}  // namespace sitrep::cli
