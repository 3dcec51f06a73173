// ModelFile: the container of every learnt model under data/models/.
//
// A model file starts with a text header that `head` shows, then binary
// sections, then a checksum of everything before it:
//
//   sitrep-model 2                       magic and format version
//   kind: parser                         what reads it
//   corpora: UD_English-EWT 15d613d8447b (train), ...
//   features: parser-arc-hybrid 3        feature set name and version
//   labels: ...                          the label sets
//   licence: CC BY-SA 4.0 ...
//                                        a blank line ends the header
//   u32 section count, then per section: u32 name length, name, u64 length, bytes
//   u64 checksum (learn::checksum of every byte before it)
//
// Integers are little-endian. A missing, truncated, corrupt (checksum) or
// wrong-version file, or one of another kind, throws ModelError naming the
// file and what is wrong; so does a section that reads past its end
// (ByteReader). Reading never trusts a length it has not checked.
//
//   ModelFile m = ModelFile::read("data/models/parser.model", "parser");
//   std::string_view weights = m.section("transitions");
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sitrep::learn {

class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr uint32_t kModelFormatVersion = 2;

// A 64-bit checksum of bytes (not cryptographic; it finds corruption).
uint64_t checksum(std::string_view bytes);

struct ModelFile {
  std::string path;  // for messages
  std::string kind;  // "tagger", "parser"
  std::vector<std::pair<std::string, std::string>> header;    // "key: value" lines after the kind
  std::vector<std::pair<std::string, std::string>> sections;  // name -> bytes

  // The header value of `key`, or "" when absent.
  std::string_view meta(std::string_view key) const;
  // The bytes of a section; throws ModelError when the file has none such.
  std::string_view section(std::string_view name) const;

  // The whole file as bytes.
  std::string serialize() const;
  // Writes serialize() to `path`; throws ModelError when it cannot.
  void write(const std::string& path) const;
  // Parses a file's bytes; `path` names it in messages. Throws ModelError.
  static ModelFile parse(std::string_view bytes, const std::string& path, std::string_view expected_kind);
  static ModelFile read(const std::string& path, std::string_view expected_kind);
};

// Reads a section's binary fields; each read past the end throws ModelError
// "PATH: section NAME is truncated".
class ByteReader {
 public:
  ByteReader(std::string_view bytes, std::string where) : bytes_(bytes), where_(std::move(where)) {}
  uint8_t u8();
  uint32_t u32();
  uint64_t u64();
  float f32();
  uint64_t varint();
  int64_t zigzag() {
    uint64_t v = varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  std::string_view bytes(size_t n);
  bool done() const { return pos_ == bytes_.size(); }
  size_t remaining() const { return bytes_.size() - pos_; }
  // Throws ModelError "WHERE: what".
  [[noreturn]] void fail(const std::string& what) const;

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  std::string where_;
};

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void u32(uint32_t v);
  void u64(uint64_t v);
  void f32(float v);
  void varint(uint64_t v);
  void zigzag(int64_t v) { varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void bytes(std::string_view s) { out_.append(s); }
  std::string& str() { return out_; }

 private:
  std::string out_;
};

// Label sets travel as one string per label, each preceded by its length.
std::string serialize_labels(const std::vector<std::string>& labels);
std::vector<std::string> parse_labels(std::string_view bytes, const std::string& where);

}  // namespace sitrep::learn
