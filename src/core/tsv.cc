#include "core/tsv.h"

#include <fstream>
#include <sstream>

namespace sitrep {

size_t TsvTable::column(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return i;
  throw TsvError(path + ": no column '" + std::string(name) + "'");
}

namespace {
std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}
}  // namespace

TsvTable parse_tsv(std::string_view text, const std::string& path) {
  TsvTable t;
  t.path = path;
  size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto where = [&] { return path + ":" + std::to_string(line_no) + ": "; };
    if (t.columns.empty()) {
      if (line.empty()) continue;
      if (line[0] == '#') {
        std::string_view body = line.substr(1);
        while (!body.empty() && body[0] == ' ') body.remove_prefix(1);
        size_t colon = body.find(':');
        if (colon != std::string_view::npos) {
          std::string_view value = body.substr(colon + 1);
          while (!value.empty() && value[0] == ' ') value.remove_prefix(1);
          t.meta[std::string(body.substr(0, colon))] = std::string(value);
        }
        continue;
      }
      t.columns = split_tabs(line);
      for (const char* key : {"source", "licence"})
        if (!t.meta.count(key))
          throw TsvError(where() + "the header has no '# " + key + ": ...' line before the column names");
      continue;
    }
    if (line.empty()) continue;
    if (line[0] == '#') continue;  // a comment inside the body
    std::vector<std::string> fields = split_tabs(line);
    if (fields.size() != t.columns.size())
      throw TsvError(where() + "expected " + std::to_string(t.columns.size()) + " tab-separated fields (" +
                     std::to_string(t.columns.size()) + " columns), found " + std::to_string(fields.size()));
    t.rows.push_back(std::move(fields));
    t.line_numbers.push_back(line_no);
  }
  if (t.columns.empty()) throw TsvError(path + ": no column names line (the file is empty or only comments)");
  return t;
}

TsvTable load_tsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw TsvError(path + ": cannot open lexicon file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_tsv(ss.str(), path);
}

}  // namespace sitrep
