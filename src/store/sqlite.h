// Thin RAII wrappers over the SQLite C API, private to src/store.
//
//   Statement st(db, "SELECT id FROM articles WHERE date >= ?1");
//   st.bind(1, "2024-01-01");
//   while (st.step() == SQLITE_ROW) use(st.text(0));
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace sitrep::store_internal {

class Statement {
 public:
  Statement() = default;
  // Throws std::logic_error on SQL that does not compile: the SQL is ours.
  Statement(sqlite3* db, std::string_view sql);
  ~Statement() { sqlite3_finalize(st_); }
  Statement(Statement&& o) noexcept : st_(o.st_) { o.st_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept {
    std::swap(st_, o.st_);
    return *this;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, std::string_view s) {
    sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  // No copy: `s` must stay as it is until the statement is reset.
  void bind_static(int i, std::string_view s) {
    sqlite3_bind_text(st_, i, s.empty() ? "" : s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }
  void bind(int i, const char* s) { bind(i, std::string_view(s)); }
  void bind(int i, const std::string& s) { bind(i, std::string_view(s)); }
  void bind(int i, int64_t v) { sqlite3_bind_int64(st_, i, v); }
  void bind(int i, int v) { sqlite3_bind_int64(st_, i, v); }
  void bind(int i, double v) { sqlite3_bind_double(st_, i, v); }
  void bind_null(int i) { sqlite3_bind_null(st_, i); }
  // Binds NULL for an empty string: the record writes null there.
  void bind_or_null(int i, std::string_view s) { s.empty() ? bind_null(i) : bind(i, s); }

  int step() { return sqlite3_step(st_); }
  void reset() {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }

  std::string_view text(int col) const {
    const unsigned char* p = sqlite3_column_text(st_, col);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st_, col)))
             : std::string_view();
  }
  int64_t integer(int col) const { return sqlite3_column_int64(st_, col); }
  double real(int col) const { return sqlite3_column_double(st_, col); }
  bool is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  int columns() const { return sqlite3_column_count(st_); }
  const char* column_name(int col) const { return sqlite3_column_name(st_, col); }
  sqlite3_stmt* get() const { return st_; }

 private:
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace sitrep::store_internal
