#include "ingest/date.h"

namespace sitrep {

bool is_valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0');
  int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int days = kDays[m - 1] + (m == 2 && leap);
  return d <= days;
}

bool parse_publication_date(std::string_view s, std::string& out, std::string& error) {
  std::string_view day = s.substr(0, 10);
  bool rest_ok = s.size() == 10 || (s.size() > 10 && (s[10] == 'T' || s[10] == ' '));
  if (!rest_ok || !is_valid_date(day)) {
    error = "'" + std::string(s.substr(0, 40)) + "' is not a date of the form YYYY-MM-DD (e.g. 2024-04-22)";
    return false;
  }
  out = std::string(day);
  return true;
}

}  // namespace sitrep
