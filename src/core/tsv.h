// Reading the lexicon files under data/.
//
// Every lexicon is UTF-8 TSV: header comment lines "# key: value" (at least
// "source" and "licence"), one line of column names, then one entry per line
// with that many tab-separated fields. A malformed file is a start-up failure:
// load_tsv throws TsvError naming file:line and what is wrong.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

class TsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TsvTable {
  std::string path;
  std::map<std::string, std::string> meta;  // header comments: source, licence, ...
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> line_numbers;  // the file line of each row, for messages

  // Index of a column by name; throws TsvError when absent.
  size_t column(std::string_view name) const;
};

TsvTable load_tsv(const std::string& path);
// The same, over text already in memory (`path` names it in messages).
TsvTable parse_tsv(std::string_view text, const std::string& path);

}  // namespace sitrep
