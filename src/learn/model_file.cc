#include "learn/model_file.h"

#include <cstring>
#include <fstream>

namespace sitrep::learn {

namespace {

constexpr std::string_view kMagic = "sitrep-model ";

uint64_t load_u64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

}  // namespace

uint64_t checksum(std::string_view bytes) {
  // Eight bytes at a time, multiply-rotate; the tail and the length last.
  uint64_t h = 0x51ed27a9c0ffee11ull;
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    h ^= load_u64(bytes.data() + i) * 0x9e3779b97f4a7c15ull;
    h = (h << 27 | h >> 37) * 0xff51afd7ed558ccdull;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<uint8_t>(bytes[i])) * 0x100000001b3ull;
  h ^= bytes.size();
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

std::string_view ModelFile::meta(std::string_view key) const {
  for (const auto& [k, v] : header)
    if (k == key) return v;
  return {};
}

std::string_view ModelFile::section(std::string_view name) const {
  for (const auto& [n, bytes] : sections)
    if (n == name) return bytes;
  throw ModelError(path + ": the model has no section '" + std::string(name) + "'");
}

std::string ModelFile::serialize() const {
  ByteWriter w;
  w.bytes(kMagic);
  w.bytes(std::to_string(kModelFormatVersion));
  w.bytes("\nkind: ");
  w.bytes(kind);
  w.bytes("\n");
  for (const auto& [k, v] : header) {
    w.bytes(k);
    w.bytes(": ");
    w.bytes(v);
    w.bytes("\n");
  }
  w.bytes("\n");
  w.u32(static_cast<uint32_t>(sections.size()));
  for (const auto& [name, bytes] : sections) {
    w.u32(static_cast<uint32_t>(name.size()));
    w.bytes(name);
    w.u64(bytes.size());
    w.bytes(bytes);
  }
  w.u64(checksum(w.str()));
  return std::move(w.str());
}

void ModelFile::write(const std::string& out_path) const {
  std::string bytes = serialize();
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) throw ModelError(out_path + ": cannot write the model file");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw ModelError(out_path + ": cannot write the model file");
}

ModelFile ModelFile::parse(std::string_view bytes, const std::string& path, std::string_view expected_kind) {
  ModelFile m;
  m.path = path;
  if (bytes.substr(0, kMagic.size()) != kMagic)
    throw ModelError(path + ": not a sitrep model file (it does not start with 'sitrep-model')");
  size_t eol = bytes.find('\n');
  if (eol == std::string_view::npos) throw ModelError(path + ": truncated model file (no header)");
  std::string_view version = bytes.substr(kMagic.size(), eol - kMagic.size());
  if (version != std::to_string(kModelFormatVersion))
    throw ModelError(path + ": model format version " + std::string(version) + ", but this sitrep reads version " +
                     std::to_string(kModelFormatVersion) + " (retrain it with scripts/train_models.sh)");
  // The header: "key: value" lines up to a blank line.
  size_t pos = eol + 1;
  while (true) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) throw ModelError(path + ": truncated model file (the header does not end)");
    std::string_view line = bytes.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) break;
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos)
      throw ModelError(path + ": malformed header line '" + std::string(line) + "'");
    std::string key(line.substr(0, colon)), value(line.substr(colon + 2));
    if (key == "kind" && m.kind.empty()) {
      m.kind = value;
    } else {
      m.header.emplace_back(std::move(key), std::move(value));
    }
  }
  // The checksum covers everything before its own eight bytes.
  if (bytes.size() < pos + 4 + 8) throw ModelError(path + ": truncated model file (no sections)");
  uint64_t stored = load_u64(bytes.data() + bytes.size() - 8);
  std::string_view body = bytes.substr(0, bytes.size() - 8);
  ByteReader r(body.substr(pos), path);
  uint32_t count = r.u32();
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t name_len = r.u32();
    if (name_len > 256) r.fail("malformed section table (the file is truncated or corrupt)");
    std::string name(r.bytes(name_len));
    uint64_t len = r.u64();
    if (len > r.remaining()) {
      throw ModelError(path + ": truncated model file (section '" + name + "' needs " + std::to_string(len) +
                       " bytes, " + std::to_string(r.remaining()) + " remain)");
    }
    m.sections.emplace_back(std::move(name), std::string(r.bytes(len)));
  }
  if (!r.done()) throw ModelError(path + ": corrupt model file (bytes after the last section)");
  if (checksum(body) != stored) throw ModelError(path + ": corrupt model file (checksum mismatch)");
  if (m.kind != expected_kind)
    throw ModelError(path + ": a " + (m.kind.empty() ? std::string("model of no kind") : m.kind + " model") +
                     ", not a " + std::string(expected_kind) + " model");
  return m;
}

ModelFile ModelFile::read(const std::string& path, std::string_view expected_kind) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw ModelError(path + ": cannot open model file (run scripts/train_models.sh to build it)");
  const std::streamoff size = in.tellg();
  if (size < 0) throw ModelError(path + ": cannot read model file");
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) throw ModelError(path + ": cannot read model file");
  return parse(bytes, path, expected_kind);
}

void ByteReader::fail(const std::string& what) const { throw ModelError(where_ + ": " + what); }

std::string_view ByteReader::bytes(size_t n) {
  if (n > remaining()) fail("truncated or corrupt data (a field reads past its end)");
  std::string_view s = bytes_.substr(pos_, n);
  pos_ += n;
  return s;
}

uint8_t ByteReader::u8() { return static_cast<uint8_t>(bytes(1)[0]); }

uint32_t ByteReader::u32() {
  std::string_view b = bytes(4);
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[i]);
  return v;
}

uint64_t ByteReader::u64() { return load_u64(bytes(8).data()); }

float ByteReader::f32() {
  uint32_t bits = u32();
  float f;
  std::memcpy(&f, &bits, sizeof f);
  return f;
}

uint64_t ByteReader::varint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= bytes_.size()) fail("truncated or corrupt data (a number reads past its end)");
    auto b = static_cast<uint8_t>(bytes_[pos_++]);
    v |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  fail("corrupt data (a number longer than 64 bits)");
}

void ByteWriter::u32(uint32_t v) {
  for (int i = 0; i < 4; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
}

void ByteWriter::u64(uint64_t v) {
  for (int i = 0; i < 8; ++i) u8(static_cast<uint8_t>(v >> (8 * i)));
}

void ByteWriter::f32(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  u32(bits);
}

void ByteWriter::varint(uint64_t v) {
  while (v >= 0x80) {
    u8(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  u8(static_cast<uint8_t>(v));
}

std::string serialize_labels(const std::vector<std::string>& labels) {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(labels.size()));
  for (const auto& l : labels) {
    w.u32(static_cast<uint32_t>(l.size()));
    w.bytes(l);
  }
  return std::move(w.str());
}

std::vector<std::string> parse_labels(std::string_view bytes, const std::string& where) {
  ByteReader r(bytes, where);
  uint32_t n = r.u32();
  if (n > 65536) r.fail("corrupt label set");
  std::vector<std::string> out;
  out.reserve(n);
  for (uint32_t i = 0; i < n; ++i) out.emplace_back(r.bytes(r.u32()));
  if (!r.done()) r.fail("corrupt label set (bytes after the last label)");
  return out;
}

}  // namespace sitrep::learn
