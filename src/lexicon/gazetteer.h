// Gazetteer: every named thing sitrep knows by name, compiled from data/ at
// start-up into one PhraseMatcher over tokens.
//
// Sources: countries.tsv (countries and territories, their aliases, demonyms
// and epithets), places.tsv (cities, regions, seas...), organizations.tsv
// (armed groups, governments, militaries, IGOs, companies...), people.tsv
// (prominent actors), products.tsv (products, stock indices), and the user's
// own lists (--lexicon) in the columns of organizations.tsv, which rank as
// organisations do. Leading "the" is
// dropped from names, since a name mention is the proper name alone. An alias
// whose last word is lower case ("Israeli military", "the Jewish state") is a
// description: it yields a nominal mention of the entry, not a name.
//
//   auto g = Gazetteer::load(data_dir, tokenizer, {"my_names.tsv"});
//   if (auto hit = g->match(doc, i, end)) { const GazetteerEntry& e = g->entry(hit.entry); ... }
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lexicon/phrase_matcher.h"
#include "sitrep/document.h"

namespace sitrep {

struct TsvTable;

struct GazetteerEntry {
  std::string name;        // canonical name
  EntityType type = EntityType::kOther;
  std::string actor_code;  // CAMEO-style: ISR, ISRMIL, PSEREB, IGOUNO
  std::string country;     // ISO alpha-3
  std::string kind;        // country, city, armed_group, demonym, company, person...
  std::string role;        // people: "prime minister"
  char gender = 0;         // people: 'm', 'f' or 0
  uint64_t population = 0; // places: to choose among places of one name
  bool common_word = false;  // a place whose name is also an English word (Split, Nice)
  // Which reading of a shared name wins: countries, then demonyms, then
  // organisations and people, products, and places (larger first).
  uint8_t priority = 5;
};

// A new entity for an entry: its type, canonical name, actor code, country and kind.
inline Entity entity_of(const GazetteerEntry& g) {
  Entity e;
  e.type = g.type;
  e.name = g.name;
  e.actor_code = g.actor_code;
  e.country = g.country;
  e.kind = g.kind;
  return e;
}

class Gazetteer {
 public:
  // Throws TsvError on a malformed or missing lexicon (file:line); in the
  // user's `lexicons`, an unknown entity type or an empty name is one too.
  static std::shared_ptr<const Gazetteer> load(const std::string& data_dir, const Tokenizer& tokenizer,
                                               const std::vector<std::string>& lexicons = {});

  struct Hit {
    uint32_t length = 0;  // tokens
    int32_t entry = kNone;
    MentionKind kind = MentionKind::kName;
    // An epithet ("the enclave", "the Jewish state") refers only to an entity
    // the article has already named.
    bool needs_antecedent = false;
    explicit operator bool() const { return length != 0; }
  };
  // The longest entry name that starts at token i (before `end`), with the
  // preferred entry when several share the name.
  Hit match(const Document& doc, size_t i, size_t end) const;
  // match() ignoring ASCII case, names only: for text in capitals ("LAGOS,
  // March 3 -", headlines), where case tells nothing.
  Hit match_folded(const Document& doc, size_t i, size_t end) const;
  // The longest match at i shorter than `length` tokens: a name inside a
  // description ("Gaza" in "Gaza health authorities").
  Hit match_shorter(const Document& doc, size_t i, size_t end, uint32_t length) const;

  const GazetteerEntry& entry(int32_t i) const { return entries_[static_cast<size_t>(i)]; }
  size_t size() const { return entries_.size(); }
  // Index of the entry for a country code ("ISR"), or kNone.
  int32_t country(std::string_view code) const;
  // A country's institution of a kind ("ISR", "military" → Israel Defense
  // Forces), for "Israel’s military"; kNone when the lexicon has none.
  int32_t institution(std::string_view country, std::string_view kind) const;

 private:
  struct Alias {
    int32_t entry;
    MentionKind kind;
    bool needs_antecedent;
  };
  void add_name(const Tokenizer& tok, std::string_view name, int32_t entry, bool force_name = false,
                bool epithet = false);
  int32_t add_entry(GazetteerEntry e);
  // Rows in the columns of organizations.tsv; `checked` rejects rows that
  // check.py would (the user's files are not run through it).
  void add_organizations(const Tokenizer& tok, const TsvTable& table, bool checked);
  Hit best(const PhraseMatcher::Match& m) const;

  std::vector<GazetteerEntry> entries_;
  std::vector<Alias> aliases_;
  PhraseMatcher matcher_{false};
  PhraseMatcher folded_{true};  // the names of matcher_, case folded
  std::unordered_map<std::string, int32_t> countries_;
  std::unordered_map<std::string, int32_t> institutions_;  // "ISR military" → entry
};

// Splits a "|"-separated lexicon field; empty parts are dropped.
std::vector<std::string_view> split_bars(std::string_view field);
EntityType parse_entity_type(std::string_view s);

}  // namespace sitrep
