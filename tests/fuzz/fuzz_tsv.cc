// The TSV lexicon loader: any bytes give a table or a TsvError naming
// file:line, and every row has as many fields as there are columns.
#include "core/tsv.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    sitrep::TsvTable t = sitrep::parse_tsv(as_text(data, size), "fuzz.tsv");
    FUZZ_CHECK(t.rows.size() == t.line_numbers.size(), "a line number per row");
    for (const auto& row : t.rows) FUZZ_CHECK(row.size() == t.columns.size(), "rows as wide as the columns");
    for (const auto& c : t.columns) {
      try {
        (void)t.column(c);
      } catch (const sitrep::TsvError&) {
      }
    }
  } catch (const sitrep::TsvError& e) {
    FUZZ_CHECK(std::string_view(e.what()).rfind("fuzz.tsv", 0) == 0, "errors name the file");
  }
  return 0;
}
