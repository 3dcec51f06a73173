// JsonWriter: writes JSON into a string, compact or indented, escaping
// strings so that the output is valid UTF-8 JSON (the input text is valid
// UTF-8 already; control characters are escaped).
//
//   JsonWriter w(out, /*indent=*/true);
//   w.begin_object(); w.key("id"); w.value("haliva-resigns"); w.end_object();
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

class JsonWriter {
 public:
  JsonWriter(std::string& out, bool indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k);
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(int64_t v);
  void value(uint32_t v) { value(static_cast<int64_t>(v)); }
  void value(int v) { value(static_cast<int64_t>(v)); }
  void value(double v);
  void value(bool b);
  void null();
  // A string, or null when empty.
  void string_or_null(std::string_view s) { s.empty() ? null() : value(s); }

 private:
  void open(char c);
  void close(char c);
  void before_value();
  void newline();

  std::string& out_;
  bool indent_;
  struct Level {
    bool first = true;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
};

void append_json_string(std::string& out, std::string_view s);

}  // namespace sitrep
