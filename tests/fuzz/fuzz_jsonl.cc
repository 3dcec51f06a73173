// The JSON Lines reader: any bytes give articles and problems; every article
// is valid UTF-8 and not blank, and at most the article limit is held.
#include <sstream>

#include "fuzz_common.h"
#include "ingest/article_reader.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in{std::string(as_text(data, size))};
  sitrep::ReaderOptions options;
  options.format = sitrep::InputFormat::kJsonl;
  options.max_article_bytes = 4096;
  options.max_json_depth = 16;
  sitrep::ArticleReader reader({"-"}, options, &in);
  sitrep::Article a;
  while (reader.next(a)) {
    FUZZ_CHECK(sitrep::is_valid_utf8(a.text) && sitrep::is_valid_utf8(a.id), "articles are valid UTF-8");
    // (Repairing invalid UTF-8 may triple a line: each bad byte becomes U+FFFD.)
    FUZZ_CHECK(a.text.size() <= 3 * options.max_article_bytes, "no article over the limit");
    FUZZ_CHECK(!a.id.empty(), "every article has an id");
  }
  for (const auto& p : reader.take_problems()) FUZZ_CHECK(!p.message.empty(), "problems say what is wrong");
  return 0;
}
