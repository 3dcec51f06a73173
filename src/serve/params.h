// Params: the validated query parameters of one API request.
//
// Each endpoint names the parameters it takes; any other parameter, a
// repeated one, a number out of range, a malformed date or an over-long text
// is an error that the caller turns into a 400 answer. The first problem
// found is kept, in words a client can act on.
//
//   Params p(req.params, {"q", "limit", "offset"});
//   std::string q = p.text("q", 200);
//   int64_t limit = p.integer("limit", 1, kMaxLimit, 20);
//   if (!p.ok()) return bad_request(p.error());
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>

namespace sitrep::serve {

class Params {
 public:
  Params(const std::multimap<std::string, std::string>& given, std::initializer_list<std::string_view> allowed);

  // The value of `name`, or "" when absent; at most `max_bytes` long.
  std::string text(std::string_view name, size_t max_bytes = 200);
  // A whole number in [lo, hi], `fallback` when absent.
  int64_t integer(std::string_view name, int64_t lo, int64_t hi, int64_t fallback);
  // A date YYYY-MM-DD, or "" when absent.
  std::string date(std::string_view name);
  // One of `choices`, `fallback` when absent.
  std::string choice(std::string_view name, std::initializer_list<std::string_view> choices, std::string fallback);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // Records a problem found by the caller (the first one wins).
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

 private:
  const std::string* find(std::string_view name);
  const std::multimap<std::string, std::string>& given_;
  std::string error_;
};

}  // namespace sitrep::serve
