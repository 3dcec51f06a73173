#include "ingest/json.h"

#include <charconv>
#include <cstdlib>

#include "text/utf8.h"

namespace sitrep {

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [k, v] : object)
    if (k == key) return &v;
  return nullptr;
}

std::string_view to_string(JsonValue::Type t) {
  switch (t) {
    case JsonValue::Type::kNull: return "null";
    case JsonValue::Type::kBool: return "a boolean";
    case JsonValue::Type::kNumber: return "a number";
    case JsonValue::Type::kString: return "a string";
    case JsonValue::Type::kArray: return "an array";
    case JsonValue::Type::kObject: return "an object";
  }
  return "?";
}

namespace {

class Parser {
 public:
  Parser(std::string_view s, int max_depth) : s_(s), max_depth_(max_depth) {}

  bool parse(JsonValue& v, std::string& error) {
    skip_ws();
    if (!value(v, 0)) {
      error = error_;
      return false;
    }
    skip_ws();
    if (i_ != s_.size()) {
      fail("unexpected text after the JSON value");
      error = error_;
      return false;
    }
    return true;
  }

 private:
  bool fail(std::string what) {
    if (error_.empty()) error_ = "column " + std::to_string(i_ + 1) + ": " + std::move(what);
    return false;
  }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return fail("invalid literal (expected " + std::string(word) + ")");
    i_ += word.size();
    return true;
  }

  bool value(JsonValue& v, int depth) {
    if (depth > max_depth_) return fail("nesting deeper than " + std::to_string(max_depth_) + " levels");
    if (i_ >= s_.size()) return fail("unexpected end of input, expected a value");
    switch (s_[i_]) {
      case '{': return object(v, depth);
      case '[': return array(v, depth);
      case '"': v.type = JsonValue::Type::kString; return string(v.string);
      case 't': v.type = JsonValue::Type::kBool; v.boolean = true; return literal("true");
      case 'f': v.type = JsonValue::Type::kBool; v.boolean = false; return literal("false");
      case 'n': v.type = JsonValue::Type::kNull; return literal("null");
      default: return number(v);
    }
  }

  bool object(JsonValue& v, int depth) {
    v.type = JsonValue::Type::kObject;
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    while (true) {
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != '"') return fail("expected a member name in double quotes");
      std::string key;
      if (!string(key)) return false;
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != ':') return fail("expected ':' after the member name");
      ++i_;
      skip_ws();
      JsonValue member;
      if (!value(member, depth + 1)) return false;
      v.object.emplace_back(std::move(key), std::move(member));
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return true;
      }
      return fail("expected ',' or '}' in the object");
    }
  }

  bool array(JsonValue& v, int depth) {
    v.type = JsonValue::Type::kArray;
    ++i_;
    skip_ws();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    while (true) {
      skip_ws();
      JsonValue item;
      if (!value(item, depth + 1)) return false;
      v.array.push_back(std::move(item));
      skip_ws();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return true;
      }
      return fail("expected ',' or ']' in the array");
    }
  }

  bool hex4(uint32_t& out) {
    if (i_ + 4 > s_.size()) return fail("truncated \\u escape");
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= c - '0';
      else if (c >= 'a' && c <= 'f') out |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') out |= c - 'A' + 10;
      else return fail("invalid hex digit in \\u escape");
    }
    return true;
  }

  bool string(std::string& out) {
    ++i_;  // the opening quote
    while (true) {
      size_t run = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' && static_cast<unsigned char>(s_[i_]) >= 0x20) ++i_;
      out.append(s_, run, i_ - run);
      if (i_ >= s_.size()) return fail("unterminated string");
      char c = s_[i_];
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c != '\\') return fail("control character in a string (escape it as \\n, \\t or \\u00XX)");
      if (++i_ >= s_.size()) return fail("unterminated escape");
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo = 0;
            if (s_.substr(i_, 2) == "\\u") {
              i_ += 2;
              if (!hex4(lo)) return false;
            }
            cp = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00) : kReplacementChar;
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = kReplacementChar;  // a lone low surrogate
          }
          append_utf8(out, cp);
          break;
        }
        default: return fail(std::string("invalid escape \\") + e);
      }
    }
  }

  bool number(JsonValue& v) {
    size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    auto digits = [&] {
      size_t d = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - d;
    };
    size_t int_start = i_;
    if (digits() == 0) {
      i_ = start;
      return fail("expected a value (object, array, string, number, true, false or null)");
    }
    if (i_ - int_start > 1 && s_[int_start] == '0') {
      i_ = start;
      return fail("a number may not start with 0");
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (digits() == 0) return fail("expected digits after the decimal point");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) return fail("expected digits in the exponent");
    }
    v.type = JsonValue::Type::kNumber;
    v.string.assign(s_.substr(start, i_ - start));  // as written: integers above 2^53 stay exact
    v.number = std::strtod(v.string.c_str(), nullptr);
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  int max_depth_ = kMaxJsonDepth;
  std::string error_;
};

}  // namespace

bool parse_json(std::string_view text, JsonValue& out, std::string& error, int max_depth) {
  out = JsonValue{};
  return Parser(text, max_depth).parse(out, error);
}

}  // namespace sitrep
