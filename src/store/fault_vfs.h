// A SQLite VFS that passes every call to the default VFS and can be told to
// fail writes, as a full disk does: the seam through which tests inject I/O
// faults into the store (LevelDB's Env plays this part there).
//
//   FaultVfs& vfs = FaultVfs::install();            // registers "sitrep-fault"
//   vfs.fail_writes_after(64 << 10);                // then SQLITE_FULL
//   Store::open(path, {.vfs = FaultVfs::kName}, store);
//   ... vfs.fail_writes_after(FaultVfs::kNever);
#pragma once

#include <atomic>
#include <cstdint>

namespace sitrep {

class FaultVfs {
 public:
  static constexpr const char* kName = "sitrep-fault";
  static constexpr int64_t kNever = -1;

  // Registers the VFS once (not as the default) and returns it.
  static FaultVfs& install();

  // Writes after `bytes` more bytes fail with SQLITE_FULL; kNever stops that.
  void fail_writes_after(int64_t bytes) { budget_.store(bytes); }
  // Whole writes that failed so far.
  int64_t failed_writes() const { return failed_.load(); }

  // Used by the VFS's write method: true when `bytes` may be written.
  bool allow_write(int64_t bytes);

 private:
  std::atomic<int64_t> budget_{kNever};
  std::atomic<int64_t> failed_{0};
};

}  // namespace sitrep
