#include "lexicon/phoenix_actors.h"

#include "core/tsv.h"
#include "lexicon/gazetteer.h"  // split_bars

namespace sitrep {

namespace {

bool iso_date(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  return true;
}

// Upper case ASCII, curly apostrophes straight, runs of blanks as one: the
// form of the dictionary's names.
void fold_name(std::string_view name, std::string& out) {
  out.clear();
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (name.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    out += c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

}  // namespace

std::shared_ptr<const PhoenixActors> PhoenixActors::load(const std::string& path) { return from_table(load_tsv(path)); }

std::shared_ptr<const PhoenixActors> PhoenixActors::from_table(const TsvTable& t) {
  auto p = std::make_shared<PhoenixActors>();
  const size_t cname = t.column("name"), caliases = t.column("aliases"), ccodes = t.column("codes");
  p->by_name_.reserve(t.rows.size() * 2);
  std::string folded;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    auto fail = [&](const std::string& what) {
      throw TsvError(t.path + ":" + std::to_string(t.line_numbers[r]) + ": " + what);
    };
    Actor a{static_cast<uint32_t>(p->codes_.size()), 0};
    for (std::string_view c : split_bars(row[ccodes])) {
      Code code;
      const size_t blank = c.find(' ');
      code.code = std::string(c.substr(0, blank));
      if (code.code.empty()) fail("an empty code in '" + row[ccodes] + "'");
      if (blank != std::string_view::npos) {
        const std::string_view range = c.substr(blank + 1);
        const size_t dots = range.find("..");
        if (dots == std::string_view::npos) fail("code '" + std::string(c) + "': dates must be FROM..TO");
        code.from = std::string(range.substr(0, dots));
        code.to = std::string(range.substr(dots + 2));
        if ((!code.from.empty() && !iso_date(code.from)) || (!code.to.empty() && !iso_date(code.to)) ||
            (code.from.empty() && code.to.empty()))
          fail("code '" + std::string(c) + "': dates must be YYYY-MM-DD, one side at least");
      }
      p->codes_.push_back(std::move(code));
      ++a.codes;
    }
    const auto id = static_cast<uint32_t>(p->actors_.size());
    p->actors_.push_back(a);
    // A name in two groups keeps its first (the dictionaries' own order).
    fold_name(row[cname], folded);
    if (folded.empty()) fail("the name is empty");
    p->by_name_.try_emplace(folded, id);
    for (std::string_view alias : split_bars(row[caliases])) {
      fold_name(alias, folded);
      if (!folded.empty()) p->by_name_.try_emplace(folded, id);
    }
  }
  return p;
}

std::string_view PhoenixActors::code(std::string_view name, std::string_view date) const {
  thread_local std::string folded;
  fold_name(name, folded);
  const uint32_t* id = by_name_.find(folded);
  if (!id) return {};
  const Actor& a = actors_[*id];
  std::string_view fallback;
  const bool dated = iso_date(date);
  for (uint32_t k = a.first_code; k < a.first_code + a.codes; ++k) {
    const Code& c = codes_[k];
    if (c.from.empty() && c.to.empty()) {
      if (fallback.empty()) fallback = c.code;
      continue;
    }
    // ISO dates compare as strings.
    if (dated && (c.from.empty() || c.from <= date) && (c.to.empty() || date <= c.to))
      return c.code == "---" ? std::string_view() : std::string_view(c.code);
  }
  return fallback == "---" ? std::string_view() : fallback;
}

}  // namespace sitrep
