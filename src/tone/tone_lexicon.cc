#include "tone/tone_lexicon.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/tsv.h"

namespace sitrep {

namespace {

float number(const TsvTable& t, size_t row, size_t col, float low, float high) {
  const std::string& s = t.rows[row][col];
  float v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v) || v < low || v > high)
    throw TsvError(t.path + ":" + std::to_string(t.line_numbers[row]) + ": " + t.columns[col] + " '" + s +
                   "' is not a number from " + std::to_string(low) + " to " + std::to_string(high));
  return v;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TsvError(path + ": cannot open lexicon file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::shared_ptr<const ToneLexicon> ToneLexicon::load(const std::string& data_dir) {
  const std::string lexicon = data_dir + "/tone_lexicon.tsv", modifiers = data_dir + "/tone_modifiers.tsv";
  return parse(read_file(lexicon), lexicon, read_file(modifiers), modifiers);
}

std::shared_ptr<const ToneLexicon> ToneLexicon::parse(std::string_view lexicon, const std::string& lexicon_path,
                                                      std::string_view modifiers, const std::string& modifiers_path) {
  auto out = std::make_shared<ToneLexicon>();
  std::unordered_map<std::string, uint16_t> index;
  auto entry = [&](const std::string& word) -> ToneWord& {
    auto [it, fresh] = index.try_emplace(word, static_cast<uint16_t>(out->words_.size()));
    if (fresh) {
      if (out->words_.size() >= UINT16_MAX) throw TsvError(lexicon_path + ": more than 65,535 tone words");
      out->words_.emplace_back();
    }
    return out->words_[it->second];
  };
  const TsvTable words = parse_tsv(lexicon, lexicon_path);
  const size_t word = words.column("word"), valence = words.column("valence");
  for (size_t r = 0; r < words.rows.size(); ++r) {
    ToneWord& w = entry(words.rows[r][word]);
    w.valence = number(words, r, valence, -4, 4);
    w.in_lexicon = true;
  }
  const TsvTable mods = parse_tsv(modifiers, modifiers_path);
  const size_t mword = mods.column("word"), kind = mods.column("kind"), value = mods.column("value");
  for (size_t r = 0; r < mods.rows.size(); ++r) {
    const std::string& k = mods.rows[r][kind];
    // A negation's value is VADER's constant multiplier (N_SCALAR), which the
    // scorer applies; it is read only to check the file.
    const float v = number(mods, r, value, -1, 1);
    ToneWord& w = entry(mods.rows[r][mword]);
    if (k == "negation") {
      w.negation = true;
    } else if (k == "booster" || k == "dampener") {
      w.boost = v;
    } else {
      throw TsvError(mods.path + ":" + std::to_string(mods.line_numbers[r]) + ": kind '" + k +
                     "' is none of negation, booster, dampener");
    }
  }
  std::vector<std::pair<uint64_t, uint16_t>> keys;
  keys.reserve(index.size());
  for (const auto& [w, i] : index) keys.emplace_back(key(w), i);
  out->table_ = learn::KeyTable(keys);
  return out;
}

}  // namespace sitrep
