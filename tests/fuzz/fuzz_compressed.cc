// gzip and Zstandard streams: any bytes decompress, end with an error, or are
// read as they are; the compression-bomb limit holds.
#include <sstream>

#include "fuzz_common.h"
#include "ingest/compressed_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in{std::string(as_text(data, size))};
  sitrep::CompressedFile file("<fuzz>", &in, 50);
  FUZZ_CHECK(file.is_open(), "a stream opens");
  char buf[1 << 14];
  uint64_t out = 0;
  while (file.stream().read(buf, sizeof buf) || file.stream().gcount() > 0) {
    out += static_cast<uint64_t>(file.stream().gcount());
    FUZZ_CHECK(out <= (uint64_t{64} << 20) + 50 * (size + 1) + (1 << 17), "the bomb limit holds");
  }
  return 0;
}
