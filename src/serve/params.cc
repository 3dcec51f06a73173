#include "serve/params.h"

#include <algorithm>
#include <cctype>

#include "ingest/date.h"
#include "text/utf8.h"

namespace sitrep::serve {

Params::Params(const std::multimap<std::string, std::string>& given, std::initializer_list<std::string_view> allowed)
    : given_(given) {
  for (auto it = given_.begin(); it != given_.end(); it = given_.upper_bound(it->first)) {
    if (std::find(allowed.begin(), allowed.end(), it->first) == allowed.end()) {
      std::string names;
      for (std::string_view a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
      fail("unknown parameter '" + it->first + "'" + (names.empty() ? " (this endpoint takes none)" : " (takes: " + names + ")"));
      return;
    }
    if (given_.count(it->first) > 1) fail("parameter '" + it->first + "' is given more than once");
  }
}

const std::string* Params::find(std::string_view name) {
  auto it = given_.find(std::string(name));
  return it == given_.end() ? nullptr : &it->second;
}

std::string Params::text(std::string_view name, size_t max_bytes) {
  const std::string* v = find(name);
  if (!v) return "";
  if (v->size() > max_bytes) {
    fail("parameter '" + std::string(name) + "' is longer than " + std::to_string(max_bytes) + " bytes");
    return "";
  }
  if (!is_valid_utf8(*v)) {
    fail("parameter '" + std::string(name) + "' is not valid UTF-8");
    return "";
  }
  if (std::any_of(v->begin(), v->end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    fail("parameter '" + std::string(name) + "' holds control characters");
    return "";
  }
  return *v;
}

int64_t Params::integer(std::string_view name, int64_t lo, int64_t hi, int64_t fallback) {
  const std::string* v = find(name);
  if (!v) return fallback;
  const std::string range = " from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (v->empty() || v->size() > 18 || !std::all_of(v->begin(), v->end(), [](unsigned char c) { return std::isdigit(c); })) {
    fail("parameter '" + std::string(name) + "' must be a whole number" + range + ", not '" + v->substr(0, 40) + "'");
    return fallback;
  }
  const int64_t n = std::stoll(*v);
  if (n < lo || n > hi) {
    fail("parameter '" + std::string(name) + "' must be" + range + ", not " + *v);
    return fallback;
  }
  return n;
}

std::string Params::date(std::string_view name) {
  const std::string* v = find(name);
  if (!v) return "";
  if (!is_valid_date(*v)) {
    fail("parameter '" + std::string(name) + "' must be a date YYYY-MM-DD, not '" + v->substr(0, 40) + "'");
    return "";
  }
  return *v;
}

std::string Params::choice(std::string_view name, std::initializer_list<std::string_view> choices, std::string fallback) {
  const std::string* v = find(name);
  if (!v) return fallback;
  if (std::find(choices.begin(), choices.end(), *v) != choices.end()) return *v;
  std::string names;
  for (std::string_view c : choices) names += (names.empty() ? "" : ", ") + std::string(c);
  fail("parameter '" + std::string(name) + "' must be one of " + names);
  return fallback;
}

}  // namespace sitrep::serve
