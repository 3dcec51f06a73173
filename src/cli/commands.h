// The sitrep commands. Each returns the process exit code:
// 0 ok, 1 some inputs failed (each reported, the rest processed), 2 usage.
#pragma once

#include <string>
#include <vector>

namespace sitrep::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputFailed = 1;
inline constexpr int kExitUsage = 2;

int run_extract(const std::vector<std::string>& args);
extern const char* const kExtractHelp;
int run_ingest(const std::vector<std::string>& args);
extern const char* const kIngestHelp;
int run_query(const std::vector<std::string>& args);
extern const char* const kQueryHelp;
int run_serve(const std::vector<std::string>& args);
extern const char* const kServeHelp;
int run_parse(const std::vector<std::string>& args);
extern const char* const kParseHelp;
int run_train(const std::vector<std::string>& args);
extern const char* const kTrainHelp;

}  // namespace sitrep::cli
