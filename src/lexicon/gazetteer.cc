#include "lexicon/gazetteer.h"

#include <charconv>

#include "core/tsv.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace sitrep {

std::vector<std::string_view> split_bars(std::string_view field) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= field.size()) {
    size_t bar = field.find('|', start);
    std::string_view part = field.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

EntityType parse_entity_type(std::string_view s) {
  if (s == "PERSON") return EntityType::kPerson;
  if (s == "ORG") return EntityType::kOrg;
  if (s == "GPE") return EntityType::kGpe;
  if (s == "LOC") return EntityType::kLoc;
  if (s == "NORP") return EntityType::kNorp;
  if (s == "FAC") return EntityType::kFac;
  if (s == "EVENT") return EntityType::kEvent;
  if (s == "PRODUCT") return EntityType::kProduct;
  if (s == "FINANCIAL") return EntityType::kFinancial;
  return EntityType::kOther;
}

namespace {

// A description rather than a name: its last word starts in lower case.
bool is_description(std::string_view phrase) {
  size_t last = phrase.find_last_of(' ');
  std::string_view word = last == std::string_view::npos ? phrase : phrase.substr(last + 1);
  if (word.empty()) return false;
  uint32_t cp;
  decode_utf8(word, 0, cp);
  return is_lower_codepoint(cp);
}

std::string_view strip_article(std::string_view name) {
  if (name.starts_with("the ") || name.starts_with("The ")) name.remove_prefix(4);
  return name;
}

struct Columns {
  const TsvTable& t;
  size_t operator()(std::string_view name) const { return t.column(name); }
};

}  // namespace

int32_t Gazetteer::add_entry(GazetteerEntry e) {
  entries_.push_back(std::move(e));
  return static_cast<int32_t>(entries_.size() - 1);
}

void Gazetteer::add_name(const Tokenizer& tok, std::string_view name, int32_t entry, bool force_name,
                         bool epithet) {
  MentionKind kind = !force_name && is_description(name) ? MentionKind::kNominal : MentionKind::kName;
  // A name mention is the proper name alone; a description keeps its article.
  std::string_view phrase = kind == MentionKind::kName ? strip_article(name) : name;
  aliases_.push_back({entry, kind, epithet});
  matcher_.add(tok, phrase, static_cast<uint32_t>(aliases_.size() - 1));
  if (kind == MentionKind::kName) folded_.add(tok, phrase, static_cast<uint32_t>(aliases_.size() - 1));
}

int32_t Gazetteer::institution(std::string_view country, std::string_view kind) const {
  auto it = institutions_.find(std::string(country) + " " + std::string(kind));
  return it == institutions_.end() ? kNone : it->second;
}

int32_t Gazetteer::country(std::string_view code) const {
  auto it = countries_.find(std::string(code));
  return it == countries_.end() ? kNone : it->second;
}

Gazetteer::Hit Gazetteer::best(const PhraseMatcher::Match& m) const {
  const Alias* best = nullptr;
  auto rank = [&](const Alias& x) { return (x.kind == MentionKind::kName ? 0 : 100) + entries_[x.entry].priority; };
  for (uint32_t a : m.payloads) {
    const Alias& alias = aliases_[a];
    if (!best || rank(alias) < rank(*best) ||
        (rank(alias) == rank(*best) && entries_[alias.entry].population > entries_[best->entry].population))
      best = &alias;
  }
  return {m.length, best->entry, best->kind, best->needs_antecedent};
}

Gazetteer::Hit Gazetteer::match(const Document& doc, size_t i, size_t end) const {
  PhraseMatcher::Match m = matcher_.longest(doc, i, end);
  return m ? best(m) : Hit{};
}

Gazetteer::Hit Gazetteer::match_folded(const Document& doc, size_t i, size_t end) const {
  PhraseMatcher::Match m = folded_.longest(doc, i, end);
  return m ? best(m) : Hit{};
}

Gazetteer::Hit Gazetteer::match_shorter(const Document& doc, size_t i, size_t end, uint32_t length) const {
  thread_local std::vector<PhraseMatcher::Match> all;
  matcher_.all(doc, i, end, all);
  for (const auto& m : all)
    if (m.length < length) return best(m);
  return {};
}

void Gazetteer::add_organizations(const Tokenizer& tok, const TsvTable& table, bool checked) {
  Columns c{table};
  size_t name = c("name"), aliases = c("aliases"), type = c("type"), code = c("actor_code"), country = c("country"),
         kind = c("kind");
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    GazetteerEntry e{row[name], parse_entity_type(row[type]), row[code], row[country], row[kind]};
    if (checked) {
      auto where = [&] { return table.path + ":" + std::to_string(table.line_numbers[r]) + ": "; };
      if (e.type == EntityType::kOther)
        throw TsvError(where() + "type '" + row[type] +
                       "' is not one of PERSON ORG GPE LOC NORP FAC EVENT PRODUCT FINANCIAL");
      if (strip_article(e.name).find_first_not_of(' ') == std::string_view::npos)
        throw TsvError(where() + "the name is empty");
    }
    e.priority = 2;
    int32_t id = add_entry(e);
    // The first organisation of a kind in a country is its institution of that kind.
    if (!e.country.empty()) institutions_.emplace(e.country + " " + e.kind, id);
    add_name(tok, row[name], id, true);
    for (auto a : split_bars(row[aliases])) add_name(tok, a, id);
  }
}

std::shared_ptr<const Gazetteer> Gazetteer::load(const std::string& data_dir, const Tokenizer& tok,
                                                 const std::vector<std::string>& lexicons) {
  auto g = std::make_shared<Gazetteer>();

  TsvTable countries = load_tsv(data_dir + "/countries.tsv");
  {
    Columns c{countries};
    size_t code = c("code"), name = c("name"), aliases = c("aliases"), demonyms = c("demonyms"), type = c("type"),
           kind = c("kind"), epithets = c("epithets");
    for (const auto& row : countries.rows) {
      GazetteerEntry e;
      e.name = row[name];
      e.type = parse_entity_type(row[type]);
      e.actor_code = row[code];
      e.country = row[code];
      e.kind = row[kind];
      e.priority = 0;
      int32_t id = g->add_entry(e);
      if (e.kind == "country" || e.kind == "territory") g->countries_.emplace(row[code], id);
      g->add_name(tok, row[name], id, true);
      for (auto a : split_bars(row[aliases])) g->add_name(tok, a, id);
      for (auto a : split_bars(row[epithets])) g->add_name(tok, a, id, false, true);
      auto dems = split_bars(row[demonyms]);
      if (!dems.empty()) {
        GazetteerEntry d;
        d.name = std::string(dems[0]);
        d.type = EntityType::kNorp;
        d.actor_code = row[code];
        d.country = row[code];
        d.kind = "demonym";
        d.priority = 1;
        int32_t did = g->add_entry(d);
        for (auto a : dems) g->add_name(tok, a, did, true);
      }
    }
  }

  g->add_organizations(tok, load_tsv(data_dir + "/organizations.tsv"), false);
  for (const std::string& path : lexicons) g->add_organizations(tok, load_tsv(path), true);

  TsvTable people = load_tsv(data_dir + "/people.tsv");
  {
    Columns c{people};
    size_t name = c("name"), aliases = c("aliases"), gender = c("gender"), country = c("country"), role = c("role"),
           code = c("actor_code");
    for (const auto& row : people.rows) {
      GazetteerEntry e{row[name], EntityType::kPerson, row[code], row[country], "person", row[role]};
      e.gender = row[gender].empty() ? 0 : row[gender][0];
      e.priority = 2;
      int32_t id = g->add_entry(e);
      // The first organisation of a kind in a country is its institution of that kind.
      if (!e.country.empty()) g->institutions_.emplace(e.country + " " + e.kind, id);
      g->add_name(tok, row[name], id, true);
      for (auto a : split_bars(row[aliases])) g->add_name(tok, a, id, true);
    }
  }

  TsvTable products = load_tsv(data_dir + "/products.tsv");
  {
    Columns c{products};
    size_t name = c("name"), aliases = c("aliases"), type = c("type"), maker = c("maker"), kind = c("kind");
    for (const auto& row : products.rows) {
      GazetteerEntry e{row[name], parse_entity_type(row[type]), "", "", row[kind], row[maker]};
      e.priority = 3;
      int32_t id = g->add_entry(e);
      g->add_name(tok, row[name], id, true);
      for (auto a : split_bars(row[aliases])) g->add_name(tok, a, id, true);
    }
  }

  TsvTable places = load_tsv(data_dir + "/places.tsv");
  {
    Columns c{places};
    size_t name = c("name"), aliases = c("aliases"), type = c("type"), country = c("country"), pop = c("population"),
           kind = c("kind"), common = c("common_word");
    for (size_t r = 0; r < places.rows.size(); ++r) {
      const auto& row = places.rows[r];
      GazetteerEntry e{row[name], parse_entity_type(row[type]), row[country], row[country], row[kind]};
      const std::string& p = row[pop];
      if (!p.empty() && std::from_chars(p.data(), p.data() + p.size(), e.population).ec != std::errc())
        throw TsvError(places.path + ":" + std::to_string(places.line_numbers[r]) + ": population '" + p +
                       "' is not a whole number");
      e.common_word = !row[common].empty() && row[common] != "0" && row[common] != "no";
      e.priority = e.kind == "capital" || e.kind == "admin1" || e.kind == "region" ? 4 : 5;
      int32_t id = g->add_entry(e);
      g->add_name(tok, row[name], id, true);
      for (auto a : split_bars(row[aliases])) g->add_name(tok, a, id, true);
    }
  }
  return g;
}

}  // namespace sitrep
