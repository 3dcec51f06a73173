// PhoenixActors: the actor names of PETRARCH2's Phoenix dictionaries
// (data/phoenix_actors.tsv, MIT) with their CAMEO codes and the dates each
// code holds, for names the curated lists of data/ do not code.
//
// A name is looked up whole, ignoring ASCII case ("Hamid Karzai" finds
// HAMID KARZAI). Its code on a date is the dated code whose dates hold the
// date (both limits included; an open side holds on), else the undated
// default; the null code "---" (known, not coded) and an actor with neither
// give no code. Without a date only the default holds.
//
//   auto phoenix = PhoenixActors::load(data_dir + "/phoenix_actors.tsv");
//   phoenix->code("Hamid Karzai", "2005-03-01")   // "AFGGOV"
//   phoenix->code("Hamid Karzai", "")             // "AFGELI": the default
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "text/string_map.h"

namespace sitrep {

struct TsvTable;

class PhoenixActors {
 public:
  // Throws TsvError (file:line) on a malformed file: a code that is not
  // CODE or CODE FROM..TO with ISO dates.
  static std::shared_ptr<const PhoenixActors> load(const std::string& path);
  static std::shared_ptr<const PhoenixActors> from_table(const TsvTable& table);

  // The actor code of the actor named `name` on `date` (YYYY-MM-DD; empty:
  // unknown), or empty.
  std::string_view code(std::string_view name, std::string_view date) const;
  size_t names() const { return by_name_.size(); }
  size_t actors() const { return actors_.size(); }

 private:
  struct Code {
    std::string code;
    std::string from, to;  // YYYY-MM-DD; empty: open on that side (both empty: the default)
  };
  struct Actor {
    uint32_t first_code, codes;
  };
  std::vector<Code> codes_;
  std::vector<Actor> actors_;
  StringMap<uint32_t> by_name_;  // upper-case name → actor
};

}  // namespace sitrep
