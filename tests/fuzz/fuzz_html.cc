// The HTML reader: any bytes give a page or a refusal, within its limits,
// and the text it gives is valid UTF-8.
#include "fuzz_common.h"
#include "ingest/html_reader.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::HtmlLimits limits;
  limits.max_depth = 256;
  limits.max_tree_bytes = size_t{64} << 20;
  sitrep::HtmlPage page = sitrep::read_html(as_text(data, size), limits);
  FUZZ_CHECK(page.error.empty() || page.text.empty(), "a refused page has no text");
  FUZZ_CHECK(sitrep::is_valid_utf8(page.text) && sitrep::is_valid_utf8(page.title), "the text is valid UTF-8");
  return 0;
}
