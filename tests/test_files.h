// Helpers for tests that write and read files or run the sitrep executable.
#pragma once

#include <sys/wait.h>
#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_dir.h"

namespace sitrep::testing {

inline std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// One gzip member holding `data`.
inline std::string gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs `sitrep ARGS` through the shell (ARGS may redirect stdin, and may be
// preceded by VAR=value assignments in `env`), keeping its output in `dir`.
inline CliRun sitrep_cli(const TempDir& dir, const std::string& args, const std::string& env = "") {
  const std::string out = dir.path() + "/cli.out", err = dir.path() + "/cli.err";
  const std::string cmd = env + (env.empty() ? "" : " ") + SITREP_BINARY + " " + args + " >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

}  // namespace sitrep::testing
