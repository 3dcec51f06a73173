// The WARC reader: any bytes give pages and problems within the record limit,
// and reading always ends.
#include <sstream>

#include "fuzz_common.h"
#include "ingest/html_reader.h"
#include "ingest/warc_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in{std::string(as_text(data, size))};
  sitrep::WarcReader warc(in, {.max_record_bytes = 1 << 16});
  sitrep::WarcPage page;
  uint64_t last = 0;
  while (warc.next(page)) {
    FUZZ_CHECK(page.record > last, "records advance");
    last = page.record;
    FUZZ_CHECK(page.html.size() <= (1 << 16), "no page over the record limit");
    sitrep::read_html(page.html, {.max_depth = 128, .max_tree_bytes = size_t{16} << 20});
  }
  FUZZ_CHECK(warc.records() <= size + 1, "no more records than bytes");
  for (const auto& p : warc.take_problems()) FUZZ_CHECK(!p.message.empty(), "problems say what is wrong");
  return 0;
}
