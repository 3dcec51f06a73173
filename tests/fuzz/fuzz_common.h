// Shared by the fuzz harnesses: each defines LLVMFuzzerTestOneInput. Built with
// clang's libFuzzer (cmake -DSITREP_FUZZ=ON, scripts/fuzz.sh) they search for
// inputs that crash, hang or exhaust memory; built with the project's compiler
// they are replayed over their committed regression corpus by CTest
// (replay_main.cc; label "fuzz").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

// A broken invariant: print it and abort, so that the fuzzer keeps the input.
#define FUZZ_CHECK(cond, what)                                                \
  do {                                                                        \
    if (!(cond)) {                                                            \
      std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, __FILE__, __LINE__); \
      std::abort();                                                           \
    }                                                                         \
  } while (0)

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Where the project's lexicons are: $SITREP_DATA, else the source tree.
inline std::string fuzz_data_dir() {
  if (const char* d = std::getenv("SITREP_DATA"); d && *d) return d;
  return SITREP_SOURCE_DATA_DIR;
}
