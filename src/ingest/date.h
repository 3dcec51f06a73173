// Publication dates: YYYY-MM-DD, checked for a real calendar day.
#pragma once

#include <string>
#include <string_view>

namespace sitrep {

// True when `s` is a real calendar date written YYYY-MM-DD (1000..2999).
bool is_valid_date(std::string_view s);

// Reads a publication date as feeds write it: YYYY-MM-DD, optionally followed
// by a time ("2024-04-22T08:30:00Z", "2024-04-22 08:30"). Sets `out` to
// YYYY-MM-DD and returns true, or returns false and says why in `error`.
bool parse_publication_date(std::string_view s, std::string& out, std::string& error);

}  // namespace sitrep
