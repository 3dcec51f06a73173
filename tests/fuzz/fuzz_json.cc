// The JSON parser: any bytes give a value or an error with a column, never a
// crash or deep recursion; a number keeps its text.
#include "fuzz_common.h"
#include "ingest/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sitrep::JsonValue v;
  std::string error;
  const bool ok = sitrep::parse_json(as_text(data, size), v, error, 64);
  FUZZ_CHECK(ok == error.empty(), "an error exactly when parsing fails");
  if (!ok) FUZZ_CHECK(error.rfind("column ", 0) == 0, "errors say where");
  if (ok && v.type == sitrep::JsonValue::Type::kNumber) FUZZ_CHECK(!v.string.empty(), "a number keeps its text");
  return 0;
}
