// A small, strict JSON parser (RFC 8259) for JSON Lines input.
//
// Errors are values: parse_json returns false and says what is wrong and at
// which column (1-based, in bytes), so a reader can report file:line:column.
//
//   JsonValue v; std::string error;
//   if (!parse_json(line, v, error)) report(path, line_no, error);
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string string;  // a string's value; a number's text as written ("1234567890123456789")
  std::vector<JsonValue> array;
  std::vector<std::pair<std::string, JsonValue>> object;

  // The member named `key` of an object, or nullptr.
  const JsonValue* find(std::string_view key) const;
  bool is_null() const { return type == Type::kNull; }
  bool is_string() const { return type == Type::kString; }

  // Defined below, where JsonValue is complete: `object` holds pairs of it,
  // which a compiler may not instantiate before (clang with libstdc++).
  JsonValue();
  JsonValue(const JsonValue&);
  JsonValue(JsonValue&&) noexcept;
  JsonValue& operator=(const JsonValue&);
  JsonValue& operator=(JsonValue&&) noexcept;
  ~JsonValue();
};

inline JsonValue::JsonValue() = default;
inline JsonValue::JsonValue(const JsonValue&) = default;
inline JsonValue::JsonValue(JsonValue&&) noexcept = default;
inline JsonValue& JsonValue::operator=(const JsonValue&) = default;
inline JsonValue& JsonValue::operator=(JsonValue&&) noexcept = default;
inline JsonValue::~JsonValue() = default;

std::string_view to_string(JsonValue::Type t);

// Nesting deeper than this (or than max_depth) is refused rather than
// risking the stack.
inline constexpr int kMaxJsonDepth = 256;

bool parse_json(std::string_view text, JsonValue& out, std::string& error, int max_depth = kMaxJsonDepth);

}  // namespace sitrep
