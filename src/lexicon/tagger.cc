#include "lexicon/tagger.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace sitrep {

namespace {

constexpr size_t kT = Tagger::kTags;
constexpr uint8_t tag_index(Pos p) { return static_cast<uint8_t>(p); }

// At most this many tags per token, each within kBeam nats of the token's best:
// the lattice is then at most kMaxCandidates^3 per token, and usually 1-3^3.
constexpr size_t kMaxCandidates = 8;
constexpr float kBeam = 12.0f;
// A reading of a word that is seen this much less often than its most common
// reading is annotation noise ("the" tagged CD) and is dropped at load.
constexpr double kMinShare = 0.003;

// P(shape | tag) for a word inside a sentence: capitals mark proper nouns (and
// nationality adjectives), lower case everything else. Estimated by hand from
// news text; only their ratios matter.
struct ShapeModel {
  float lower, capital, all_caps;
};
constexpr ShapeModel kProperShape = {-3.5f, -0.14f, -2.3f};    // 0.03 0.87 0.10
constexpr ShapeModel kCommonShape = {-0.015f, -4.27f, -6.9f};  // 0.985 0.014 0.001
// A capitalised unknown word at the start of a sentence is likelier a name than
// the suffix model (learnt from case-folded words) says: common words are known.
constexpr float kInitialUnknownProperBonus = 0.9f;  // ln 2.5

constexpr float kNoScore = -1e30f;
constexpr float kProperAdjectiveJJ = -0.29f;   // ln 0.75
constexpr float kProperAdjectiveNNP = -1.39f;  // ln 0.25

enum class Shape : uint8_t { kLower, kCapital, kAllCaps, kNone };

bool is_proper(uint8_t t) { return t == tag_index(Pos::kNNP) || t == tag_index(Pos::kNNPS); }

float shape_score(uint8_t tag, Shape s, bool proper_adjective) {
  if (s == Shape::kNone) return 0;
  const ShapeModel& m =
      (is_proper(tag) || (proper_adjective && tag == tag_index(Pos::kJJ))) ? kProperShape : kCommonShape;
  return s == Shape::kLower ? m.lower : s == Shape::kCapital ? m.capital : m.all_caps;
}

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }

// The shape of a compound is that of its last part, its head: Hamas-run is an
// adjective, al-Qassam a name. A capital inside a word (iPhone, McCain) marks
// a name as surely as all capitals do.
Shape word_shape(std::string_view w, const Token& tok) {
  size_t hyphen = w.rfind('-');
  if (hyphen != std::string_view::npos && hyphen > 0) {
    std::string_view head = w.substr(hyphen + 1);
    size_t upper = std::count_if(head.begin(), head.end(), is_upper_ascii);
    size_t lower = std::count_if(head.begin(), head.end(), is_lower_ascii);
    if (upper + lower > 0) {
      if (upper == 0) return Shape::kLower;
      if (lower == 0 && upper >= 2) return Shape::kAllCaps;
      return is_upper_ascii(head[0]) ? Shape::kCapital : Shape::kAllCaps;
    }
  }
  if (tok.has(kAllUpper)) return Shape::kAllCaps;
  if (tok.has(kUpperInitial)) return Shape::kCapital;
  return std::any_of(w.begin(), w.end(), is_upper_ascii) ? Shape::kAllCaps : Shape::kLower;
}

[[noreturn]] void fail(const TsvTable& t, size_t row, const std::string& what) {
  throw TsvError(t.path + ":" + std::to_string(t.line_numbers[row]) + ": " + what);
}

float parse_float(const TsvTable& t, size_t row, size_t col) {
  const std::string& s = t.rows[row][col];
  float v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
    fail(t, row, "'" + s + "' is not a number");
  return v;
}

Pos parse_tag_at(const TsvTable& t, size_t row, size_t col) {
  Pos p = Tagger::parse_tag(t.rows[row][col]);
  if (p == Pos::kUnknown)
    fail(t, row, "'" + t.rows[row][col] + "' is not a Penn Treebank tag");
  return p;
}

// The trigram model lumps PRP$ with PRP and WP$ with WP. A possessive
// determiner is scored as its pronoun before it and as a determiner after it,
// which is what tells "her" the pronoun from "her" the determiner.
size_t as_predicted(size_t t) {
  if (t == tag_index(Pos::kPRPS)) return tag_index(Pos::kPRP);
  if (t == tag_index(Pos::kWPS)) return tag_index(Pos::kWP);
  return t;
}
size_t as_context(size_t t) {
  return t == tag_index(Pos::kPRPS) || t == tag_index(Pos::kWPS) ? tag_index(Pos::kDT) : t;
}

// Scratch space for one thread, reused from sentence to sentence.
struct Lattice {
  std::vector<uint8_t> tags;      // candidates of every position, flattened
  std::vector<float> emit;
  std::vector<uint32_t> first;    // position -> first candidate; size n + 1
  std::vector<float> delta;       // per position, a matrix [prev candidate][candidate]
  std::vector<uint8_t> back;      // best candidate two positions back
  std::vector<uint32_t> matrix;   // position -> offset in delta/back
};

// Viterbi over tag pairs. trans[(t1 * kT + t2) * kT + t3] = ln P(t3 | t1, t2).
void decode(Lattice& lat, const float* trans, std::span<Pos> out) {
  // delta[p][a][b]: best score of a path ending with candidate a at p-1 and b at p.
  const size_t n = lat.first.size() - 1;
  lat.matrix.assign(n + 1, 0);
  size_t cells = 0;
  for (size_t p = 1; p < n; ++p) {
    lat.matrix[p] = static_cast<uint32_t>(cells);
    cells += size_t(lat.first[p] - lat.first[p - 1]) * (lat.first[p + 1] - lat.first[p]);
  }
  if (lat.delta.size() < cells) {
    lat.delta.resize(cells);
    lat.back.resize(cells);
  }
  lat.delta[lat.matrix[1]] = 0;  // the two virtual positions
  for (size_t p = 2; p < n; ++p) {
    const uint32_t z0 = lat.first[p - 2], nz = lat.first[p - 1] - z0;
    const uint32_t a0 = lat.first[p - 1], na = lat.first[p] - a0;
    const uint32_t b0 = lat.first[p], nb = lat.first[p + 1] - b0;
    const float* prev = &lat.delta[lat.matrix[p - 1]];  // [z][a], nz x na
    float* cur = &lat.delta[lat.matrix[p]];             // [a][b], na x nb
    uint8_t* back = &lat.back[lat.matrix[p]];
    for (uint32_t a = 0; a < na; ++a) {
      const size_t ta = lat.tags[a0 + a];
      for (uint32_t b = 0; b < nb; ++b) {
        const float* t = trans + ta * kT + lat.tags[b0 + b];
        float best = kNoScore;
        uint8_t arg = 0;
        for (uint32_t z = 0; z < nz; ++z) {
          float s = prev[z * na + a] + t[lat.tags[z0 + z] * kT * kT];
          if (s > best) {
            best = s;
            arg = static_cast<uint8_t>(z);
          }
        }
        cur[a * nb + b] = best + lat.emit[b0 + b];
        back[a * nb + b] = arg;
      }
    }
  }

  // Best final pair; a sentence that does not end in punctuation is scored as
  // if a full stop followed, which keeps a headline from ending on "the".
  const size_t p = n - 1;
  const uint32_t a0 = lat.first[p - 1], na = lat.first[p] - a0;
  const uint32_t b0 = lat.first[p], nb = lat.first[p + 1] - b0;
  const bool add_stop = lat.tags[b0] != tag_index(Pos::kPunct);
  float best = kNoScore;
  uint32_t ba = 0, bb = 0;
  for (uint32_t a = 0; a < na; ++a)
    for (uint32_t b = 0; b < nb; ++b) {
      float s = lat.delta[lat.matrix[p] + a * nb + b];
      if (add_stop) s += trans[(lat.tags[a0 + a] * kT + lat.tags[b0 + b]) * kT + tag_index(Pos::kPunct)];
      if (s > best) {
        best = s;
        ba = a;
        bb = b;
      }
    }
  for (size_t q = p; q >= 2; --q) {
    out[q - 2] = static_cast<Pos>(lat.tags[lat.first[q] + bb]);
    const uint32_t nbq = lat.first[q + 1] - lat.first[q];
    const uint32_t z = lat.back[lat.matrix[q] + ba * nbq + bb];
    bb = ba;
    ba = z;
  }
}

}  // namespace

size_t fold_for_lookup(std::string_view word, char* out, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    if (n + 1 >= cap) return 0;
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c == 0xE2 && i + 2 < word.size() && static_cast<unsigned char>(word[i + 1]) == 0x80 &&
        static_cast<unsigned char>(word[i + 2]) == 0x99) {
      out[n++] = '\'';
      i += 2;
    } else if (c == 0xC3 && i + 1 < word.size() && static_cast<unsigned char>(word[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(word[i + 1]) <= 0x9E && static_cast<unsigned char>(word[i + 1]) != 0x97) {
      out[n++] = static_cast<char>(c);
      out[n++] = static_cast<char>(word[++i] + 0x20);
    } else {
      out[n++] = is_upper_ascii(static_cast<char>(c)) ? static_cast<char>(c + 32) : static_cast<char>(c);
    }
  }
  return n;
}

Pos Tagger::parse_tag(std::string_view name) {
  for (size_t i = 1; i < kT; ++i)
    if (to_string(static_cast<Pos>(i)) == name) return static_cast<Pos>(i);
  return Pos::kUnknown;
}

std::unique_ptr<Tagger> Tagger::load(const std::string& data_dir) {
  const TsvTable lexicons[] = {load_tsv(data_dir + "/pos_lexicon.tsv"),
                               load_tsv(data_dir + "/pos_lexicon_wordnet.tsv")};
  const TsvTable supplements[] = {load_tsv(data_dir + "/pos_lexicon_events.tsv")};
  return std::make_unique<Tagger>(lexicons, load_tsv(data_dir + "/pos_trigrams.tsv"),
                                  load_tsv(data_dir + "/pos_suffixes.tsv"),
                                  load_tsv(data_dir + "/proper_adjectives.tsv"), supplements);
}

Tagger::Tagger(std::span<const TsvTable> lexicons, const TsvTable& trigrams, const TsvTable& suffixes,
               const TsvTable& proper_adjectives, std::span<const TsvTable> supplements) {
  load_trigrams(trigrams);
  load_lexicons(lexicons, supplements);
  load_suffixes(suffixes);
  size_t col = proper_adjectives.column("adjective");
  char buf[64];
  for (const auto& row : proper_adjectives.rows)
    if (size_t n = fold_for_lookup(row[col], buf, sizeof buf)) proper_adjectives_.try_emplace(std::string_view(buf, n), 0);
}

// Deleted interpolation of trigram, bigram and unigram estimates (Brants 2000):
// each trigram votes, with its count, for the order that predicts it best when
// it is itself left out.
void Tagger::load_trigrams(const TsvTable& t) {
  const size_t c1 = t.column("t1"), c2 = t.column("t2"), c3 = t.column("t3"), cn = t.column("count");
  std::vector<double> tri(kT * kT * kT, 0.0);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    size_t a = tag_index(parse_tag_at(t, r, c1)), b = tag_index(parse_tag_at(t, r, c2)),
           c = tag_index(parse_tag_at(t, r, c3));
    float n = parse_float(t, r, cn);
    if (n < 0) fail(t, r, "negative count");
    tri[(a * kT + b) * kT + c] += n;
  }
  std::vector<double> uni(kT, 0.0), bi(kT * kT, 0.0), ctx2(kT * kT, 0.0), ctx1(kT, 0.0);
  double total = 0;
  for (size_t a = 0; a < kT; ++a)
    for (size_t b = 0; b < kT; ++b)
      for (size_t c = 0; c < kT; ++c) {
        double n = tri[(a * kT + b) * kT + c];
        uni[c] += n;
        bi[b * kT + c] += n;
        ctx2[a * kT + b] += n;
        ctx1[b] += n;
        total += n;
      }
  if (total <= 0) throw TsvError(t.path + ": no trigram counts");
  double lambda[3] = {0, 0, 0};
  for (size_t a = 0; a < kT; ++a)
    for (size_t b = 0; b < kT; ++b)
      for (size_t c = 0; c < kT; ++c) {
        double n = tri[(a * kT + b) * kT + c];
        if (n <= 0) continue;
        double p3 = ctx2[a * kT + b] > 1 ? (n - 1) / (ctx2[a * kT + b] - 1) : 0;
        double p2 = ctx1[b] > 1 ? (bi[b * kT + c] - 1) / (ctx1[b] - 1) : 0;
        double p1 = (uni[c] - 1) / (total - 1);
        lambda[p3 >= p2 && p3 >= p1 ? 2 : p2 >= p1 ? 1 : 0] += n;
      }
  const double lsum = lambda[0] + lambda[1] + lambda[2];
  for (double& l : lambda) l /= lsum;

  trans_.assign(kT * kT * kT, 0.0f);
  for (size_t a = 0; a < kT; ++a)
    for (size_t b = 0; b < kT; ++b)
      for (size_t c = 0; c < kT; ++c) {
        size_t ca = as_context(a), cb = as_context(b), pc = as_predicted(c);
        double p = lambda[0] * uni[pc] / total;
        if (ctx1[cb] > 0) p += lambda[1] * bi[cb * kT + pc] / ctx1[cb];
        if (ctx2[ca * kT + cb] > 0) p += lambda[2] * tri[(ca * kT + cb) * kT + pc] / ctx2[ca * kT + cb];
        trans_[(a * kT + b) * kT + c] = static_cast<float>(std::log(p + 1e-9));
      }
  for (size_t c = 0; c < kT; ++c) {
    tag_log_prior_[c] = static_cast<float>(std::log((uni[as_predicted(c)] + 1) / (total + kT)));
    tag_count_[c] = static_cast<float>(uni[as_predicted(c)]);
  }
}

void Tagger::load_lexicons(std::span<const TsvTable> lexicons, std::span<const TsvTable> supplements) {
  struct Entry {
    size_t lexicon;
    std::vector<Reading> readings;
  };
  StringMap<Entry> by_word;
  const size_t n = lexicons.size() + supplements.size();
  for (size_t k = 0; k < n; ++k) {
    const bool supplement = k >= lexicons.size();
    const TsvTable& t = supplement ? supplements[k - lexicons.size()] : lexicons[k];
    const size_t cw = t.column("word"), ct = t.column("tag"), cp = t.column("logprob");
    by_word.reserve(by_word.size() + t.rows.size());
    for (size_t r = 0; r < t.rows.size(); ++r) {
      Pos tag = parse_tag_at(t, r, ct);
      float lp = parse_float(t, r, cp);
      if (lp > 1e-3f) fail(t, r, "a log probability above 0");
      Entry& entry = *by_word.try_emplace(t.rows[r][cw], Entry{k, {}}).first;
      std::vector<Reading>& rs = entry.readings;
      if (entry.lexicon == k) {
        rs.push_back({tag, lp});
      } else if (supplement && std::none_of(rs.begin(), rs.end(), [&](const Reading& x) { return x.tag == tag; })) {
        rs.push_back({tag, lp});
      }
    }
  }
  words_.reserve(by_word.size());
  readings_.reserve(by_word.size() * 2);
  for (auto& [word, entry] : by_word) {
    std::vector<Reading>& rs = entry.readings;
    // Counts recovered from P(word | tag) * N(tag), to drop noise readings.
    double best = 0;
    for (const Reading& r : rs) best = std::max(best, std::exp(double(r.logprob)) * tag_count_[tag_index(r.tag)]);
    std::sort(rs.begin(), rs.end(), [](const Reading& x, const Reading& y) { return x.logprob > y.logprob; });
    Range range{static_cast<uint32_t>(readings_.size()), 0};
    for (const Reading& r : rs) {
      if (std::exp(double(r.logprob)) * tag_count_[tag_index(r.tag)] < kMinShare * best) continue;
      readings_.push_back(r);
      ++range.count;
    }
    words_.try_emplace(word, range);
  }
  for (size_t c = 0; c < kT; ++c) unseen_reading_[c] = -std::log(std::max(1.0f, tag_count_[c]));
}

void Tagger::load_suffixes(const TsvTable& t) {
  const size_t ccls = t.column("class"), cs = t.column("suffix"), ct = t.column("tag"), cp = t.column("logprob");
  StringMap<std::vector<Reading>> by_key[2];
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const std::string& cls = t.rows[r][ccls];
    if (cls != "word" && cls != "hyphenated") fail(t, r, "class must be word or hyphenated, not '" + cls + "'");
    Pos tag = parse_tag_at(t, r, ct);
    // TnT's emission for an unknown word: P(tag | suffix) / P(tag), up to a
    // factor that every tag of the word shares.
    float score = parse_float(t, r, cp) - tag_log_prior_[tag_index(tag)];
    std::string suffix = t.rows[r][cs] == "*" ? std::string() : t.rows[r][cs];
    suffix_max_len_ = std::max(suffix_max_len_, suffix.size());
    by_key[cls == "hyphenated"][suffix].push_back({tag, score});
  }
  if (!by_key[0].contains(""))
    throw TsvError(t.path + ": no '*' row of class word (the distribution of all unknown words)");
  unknown_proper_ = -10.0f;
  for (const Reading& r : by_key[0][""])
    if (r.tag == Pos::kNNP) unknown_proper_ = r.logprob;
  for (int k = 0; k < 2; ++k) {
    for (auto& [suffix, rs] : by_key[k]) {
      std::sort(rs.begin(), rs.end(), [](const Reading& x, const Reading& y) { return x.logprob > y.logprob; });
      suffixes_[k].try_emplace(suffix, Range{static_cast<uint32_t>(suffix_readings_.size()),
                                             static_cast<uint32_t>(rs.size())});
      suffix_readings_.insert(suffix_readings_.end(), rs.begin(), rs.end());
    }
  }
}

const Tagger::Reading* Tagger::find(const Index& index, const std::vector<Reading>& readings, std::string_view key,
                                    size_t& count) {
  const Range* r = index.find(key);
  if (!r) return nullptr;
  count = r->count;
  return readings.data() + r->first;
}

void Tagger::unknown_word(std::string_view lower, bool hyphenated, std::vector<Candidate>& out) const {
  // The longest known suffix, among hyphenated words first when the word is one.
  for (int k = hyphenated ? 1 : 0; k >= 0; --k) {
    size_t len = std::min(lower.size(), suffix_max_len_);
    for (;; --len) {
      size_t count = 0;
      if (const Reading* r = find(suffixes_[k], suffix_readings_, lower.substr(lower.size() - len),
                                  count)) {
        for (size_t i = 0; i < count; ++i) out.push_back({tag_index(r[i].tag), r[i].logprob});
        return;
      }
      if (len == 0) break;
    }
  }
}

void Tagger::candidates(std::string_view text, std::span<const Token> tokens, size_t i, bool initial, bool headline,
                        std::vector<Candidate>& out) const {
  out.clear();
  const Token& tok = tokens[i];
  const std::string_view w = text.substr(tok.begin, tok.end - tok.begin);
  auto only = [&](Pos p) { out.push_back({tag_index(p), 0.0f}); };
  switch (tok.kind) {
    case TokenKind::kNumber: {
      // 7th and 16-year-old modify a noun; 34,000 and 2023-10-07 are numbers.
      const bool letters = std::any_of(w.begin(), w.end(), [](char c) { return is_lower_ascii(c | 0x20); });
      const bool hyphen = w.find('-') != std::string_view::npos;
      const bool ordinal = w.size() >= 3 && w[w.size() - 3] >= '0' && w[w.size() - 3] <= '9' &&
                           (w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th"));
      only(ordinal || (letters && hyphen) ? Pos::kJJ : Pos::kCD);
      return;
    }
    case TokenKind::kUrl:
      only(Pos::kNN);
      return;
    case TokenKind::kPunct:
    case TokenKind::kEllipsis:
    case TokenKind::kDash:
      only(Pos::kPunct);
      return;
    default:
      break;
  }
  char buf[64];
  const size_t n = fold_for_lookup(w, buf, sizeof buf);
  const std::string_view lower(buf, n);
  size_t count = 0;
  const Reading* known = n ? find(words_, readings_, lower, count) : nullptr;

  switch (tok.kind) {
    case TokenKind::kQuote: {
      // The apostrophe of a plural possessive (ministers' meeting) is a
      // quote token to the tokeniser; it hangs on a word ending in s.
      bool may_be_possessive = lower == "'" && !tok.has(kOpening) && !tok.has(kSpaceBefore) && i > 0 &&
                               tokens[i - 1].kind == TokenKind::kWord && tokens[i - 1].end == tok.begin &&
                               (text[tok.begin - 1] == 's' || text[tok.begin - 1] == 'S');
      if (may_be_possessive && known) {
        for (size_t k = 0; k < count; ++k) out.push_back({tag_index(known[k].tag), known[k].logprob});
      } else {
        only(Pos::kPunct);
      }
      return;
    }
    case TokenKind::kSymbol:
    case TokenKind::kClitic:
      if (known) {
        for (size_t k = 0; k < count; ++k) out.push_back({tag_index(known[k].tag), known[k].logprob});
      } else if (tok.kind == TokenKind::kClitic) {
        only(Pos::kPOS);
      } else {
        // Penn's # is punctuation like its $ (the lexicon cannot list "#":
        // a TSV line starting with it is a comment).
        only(w == "#" ? Pos::kPunct : Pos::kSYM);
      }
      return;
    case TokenKind::kAbbrev:
      if (!known) {
        only(tok.has(kUpperInitial) ? Pos::kNNP : Pos::kNN);
        return;
      }
      break;
    default:
      break;
  }

  Shape shape = word_shape(w, tok);
  const bool capitalised = shape != Shape::kLower;
  // One letter (I, A), and a capital at the start of a sentence or everywhere
  // in a headline, say nothing; lower case always says "not a name".
  if (w.size() == 1 || (capitalised && (initial || headline))) shape = Shape::kNone;
  const bool proper_adjective = capitalised && proper_adjectives_.contains(lower);

  if (known) {
    uint64_t seen = 0;
    for (size_t k = 0; k < count; ++k) {
      uint8_t t = tag_index(known[k].tag);
      seen |= uint64_t{1} << t;
      out.push_back({t, known[k].logprob + shape_score(t, shape, proper_adjective)});
    }
    // A regular verb's past tense is also its participle, and its base form
    // also its present: the lexicon, from a million words, often has only one.
    auto also = [&](Pos have, Pos add) {
      const uint8_t a = tag_index(add);
      if ((seen >> tag_index(have) & 1) && !(seen >> a & 1)) {
        out.push_back({a, unseen_reading_[a] + shape_score(a, shape, proper_adjective)});
        seen |= uint64_t{1} << a;
      }
    };
    if (lower.ends_with("ed")) {
      also(Pos::kVBD, Pos::kVBN);
      also(Pos::kVBN, Pos::kVBD);
    }
    also(Pos::kVB, Pos::kVBP);
    also(Pos::kVBP, Pos::kVB);
  } else if (proper_adjective) {
    // Listed but not in the lexicon (Houthi): an adjective, or a noun for one
    // of the people (a Houthi).
    out.push_back({tag_index(Pos::kJJ), kProperAdjectiveJJ + shape_score(tag_index(Pos::kJJ), shape, true)});
    out.push_back({tag_index(Pos::kNNP), kProperAdjectiveNNP + shape_score(tag_index(Pos::kNNP), shape, true)});
  } else if (n > 0) {
    const bool hyphenated = lower.find('-', 1) != std::string_view::npos && lower.back() != '-';
    unknown_word(lower, hyphenated, out);
    // The suffix model comes from case-folded words, where a plural name looks
    // like any plural: score NNPS as NNS ("Houthis" like "militias", not
    // "Hamas" like "Bahamas").
    float nns = kNoScore;
    for (const Candidate& c : out)
      if (c.tag == tag_index(Pos::kNNS)) nns = c.score;
    std::erase_if(out, [](const Candidate& c) { return c.tag == tag_index(Pos::kNNPS); });
    if (capitalised && nns != kNoScore) out.push_back({tag_index(Pos::kNNPS), nns});
    for (Candidate& c : out) {
      c.score += shape_score(c.tag, shape, proper_adjective);
      if (initial && capitalised && is_proper(c.tag)) c.score += kInitialUnknownProperBonus;
    }
  }
  // Any capitalised word may be (part of) a name: "Military" in Military Intelligence.
  if (capitalised && w.size() > 1 && !(headline && known)) {
    bool has_nnp = false, has_nnps = false;
    for (const Candidate& c : out) {
      has_nnp |= c.tag == tag_index(Pos::kNNP);
      has_nnps |= c.tag == tag_index(Pos::kNNPS);
    }
    const uint8_t nnp = tag_index(Pos::kNNP), nnps = tag_index(Pos::kNNPS);
    // On the scale of the word's other readings: the lexicon's for a known
    // word, the suffix model's (a name as likely as among all rare words) for
    // an unknown one.
    const float unseen = known ? unseen_reading_[nnp] : unknown_proper_;
    if (!has_nnp) out.push_back({nnp, unseen + shape_score(nnp, shape, false)});
    // A plural name only where the capital is informative: NNPS is a small
    // class, so one unseen observation of it outweighs a real reading.
    if (!has_nnps && known && lower.back() == 's' && shape != Shape::kNone)
      out.push_back({nnps, unseen_reading_[nnps] + shape_score(nnps, shape, false)});
  }
  if (out.empty()) {
    only(Pos::kNN);
    return;
  }
  std::sort(out.begin(), out.end(), [](const Candidate& x, const Candidate& y) { return x.score > y.score; });
  const float floor = out.front().score - kBeam;
  size_t keep = 1;
  while (keep < out.size() && keep < kMaxCandidates && out[keep].score >= floor) ++keep;
  out.resize(keep);
}

void Tagger::tag_sentence(std::string_view text, std::span<const Token> tokens, size_t first, size_t end,
                          std::span<Pos> out) const {
  if (end <= first) return;
  thread_local Lattice lat;
  thread_local std::vector<Candidate> cands;

  // A title-case headline (no final period, nearly every long word capitalised)
  // or an all-capitals line: capitals there carry no information.
  size_t capital = 0, lower = 0, all_caps = 0;
  for (size_t i = first; i < end; ++i) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::kWord || t.end - t.begin < 4) continue;
    if (t.has(kAllUpper)) ++all_caps;
    if (t.has(kUpperInitial)) ++capital;
    else ++lower;
  }
  size_t last = end - 1;  // before any closing quotes and brackets
  while (last > first && (tokens[last].has(kClosing) || text[tokens[last].begin] == ')')) --last;
  const bool final_period = tokens[last].kind == TokenKind::kAbbrev ||
                            (tokens[last].kind == TokenKind::kPunct && text[tokens[last].begin] == '.');
  const bool headline = (capital >= 3 && lower * 5 <= capital && !final_period) ||
                        (all_caps >= 3 && all_caps * 2 > capital + lower);

  // Two virtual positions before the sentence: Festival's sentence context is
  // a noun and a full stop.
  lat.tags.clear();
  lat.emit.clear();
  lat.first.clear();
  lat.tags.push_back(tag_index(Pos::kNN));
  lat.emit.push_back(0);
  lat.first.push_back(0);
  lat.tags.push_back(tag_index(Pos::kPunct));
  lat.emit.push_back(0);
  lat.first.push_back(1);
  bool initial = true;
  for (size_t i = first; i < end; ++i) {
    const Token& t = tokens[i];
    candidates(text, tokens, i, initial, headline, cands);
    lat.first.push_back(static_cast<uint32_t>(lat.tags.size()));
    for (const Candidate& c : cands) {
      lat.tags.push_back(c.tag);
      lat.emit.push_back(c.score);
    }
    // The word after an opening quote or a colon starts a clause of its own.
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber || t.kind == TokenKind::kAbbrev) {
      initial = false;
    } else if ((t.kind == TokenKind::kQuote && t.has(kOpening)) ||
               (t.kind == TokenKind::kPunct && text[t.begin] == ':')) {
      initial = true;
    }
  }
  lat.first.push_back(static_cast<uint32_t>(lat.tags.size()));

  decode(lat, trans_.data(), out.subspan(first, end - first));

  // A sentence needs a finite verb. The WSJ model often prefers the participle
  // after a sentence-initial noun ("Police arrested three men"), since its
  // punctuation tag lumps full stops with commas, before reduced relatives.
  // Only for a sentence ending in a full stop: headlines use participles.
  if (!final_period || headline) return;
  size_t participle = end;
  for (size_t i = first; i < end; ++i) {
    Pos p = out[i];
    if (p == Pos::kVBD || p == Pos::kVBZ || p == Pos::kVBP || p == Pos::kMD) return;
    if (p == Pos::kVBN && participle == end) participle = i;
  }
  if (participle == end) return;
  const uint32_t c0 = lat.first[participle - first + 2], c1 = lat.first[participle - first + 3];
  bool has_past = false;
  for (uint32_t c = c0; c < c1; ++c) has_past |= lat.tags[c] == tag_index(Pos::kVBD);
  if (!has_past) return;
  for (uint32_t c = c0; c < c1; ++c)
    if (lat.tags[c] != tag_index(Pos::kVBD)) lat.emit[c] = kNoScore;
  decode(lat, trans_.data(), out.subspan(first, end - first));
}

void Tagger::run(Document& doc) const {
  doc.pos.assign(doc.tokens.size(), Pos::kUnknown);
  const std::span<const Token> tokens(doc.tokens);
  const std::span<Pos> out(doc.pos);
  for (const Sentence& s : doc.sentences) tag_sentence(doc.text(), tokens, s.first_token, s.end_token, out);
  for (size_t i = 0; i < doc.tokens.size(); ++i)
    if (doc.pos[i] == Pos::kUnknown) tag_sentence(doc.text(), tokens, i, i + 1, out);
}

}  // namespace sitrep
