#include "output/json_writer.h"

#include <cmath>
#include <cstdio>

#include "text/utf8.h"

namespace sitrep {

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // Valid UTF-8 is copied; an invalid byte (from a URL, a user's file)
      // becomes U+FFFD, so that the output is always valid JSON.
      uint32_t cp;
      const size_t len = decode_utf8(s, i, cp);
      if (len == 1) {
        out.append(s, run, i - run);
        out += "\xEF\xBF\xBD";
        run = i + 1;
      } else {
        i += len - 1;
      }
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

void JsonWriter::newline() {
  if (!indent_) return;
  out_ += '\n';
  out_.append(stack_.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  if (!stack_.back().first) out_ += ',';
  stack_.back().first = false;
  newline();
}

void JsonWriter::open(char c) {
  before_value();
  out_ += c;
  stack_.push_back({});
}

void JsonWriter::close(char c) {
  bool empty = stack_.back().first;
  stack_.pop_back();
  if (!empty) newline();
  out_ += c;
}

void JsonWriter::key(std::string_view k) {
  before_value();
  append_json_string(out_, k);
  out_ += indent_ ? ": " : ":";
  after_key_ = true;
}

void JsonWriter::value(std::string_view s) {
  before_value();
  append_json_string(out_, s);
}

void JsonWriter::value(int64_t v) {
  before_value();
  out_ += std::to_string(v);
}

void JsonWriter::value(double v) {
  before_value();
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  if (v == std::floor(v) && std::fabs(v) < 9.007e15) {
    out_ += std::to_string(static_cast<int64_t>(v));
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  out_ += buf;
}

void JsonWriter::value(bool b) {
  before_value();
  out_ += b ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

}  // namespace sitrep
