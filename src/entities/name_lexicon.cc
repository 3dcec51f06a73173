#include "entities/name_lexicon.h"

#include "core/tsv.h"
#include "lexicon/gazetteer.h"

namespace sitrep {

std::shared_ptr<const NameLexicon> NameLexicon::load(const std::string& data_dir, const Tokenizer& tok) {
  auto lex = std::make_shared<NameLexicon>();
  TsvTable cues = load_tsv(data_dir + "/name_cues.tsv");
  static const std::pair<std::string_view, NameCue> kClasses[] = {
      {"org_head", kOrgHead},     {"gpe_head", kGpeHead},         {"loc_head", kLocHead},
      {"fac_head", kFacHead},     {"event_head", kEventHead},     {"person_particle", kPersonParticle},
      {"name_connector", kNameConnector}, {"people_noun", kPeopleNoun}, {"time_word", kTimeWord},
      {"not_name", kNotName},    {"event_prefix", kEventPrefix}, {"loc_prefix", kLocPrefix},
      {"locative", kLocative},   {"place_noun", kPlaceNoun},
      {"org_noun", kOrgNoun}};
  size_t word = cues.column("word"), cls = cues.column("class");
  for (size_t r = 0; r < cues.rows.size(); ++r) {
    const auto& row = cues.rows[r];
    uint16_t bit = 0;
    for (auto [name, b] : kClasses)
      if (row[cls] == name) bit = b;
    if (!bit)
      throw TsvError(cues.path + ":" + std::to_string(cues.line_numbers[r]) + ": unknown cue class '" + row[cls] + "'");
    lex->cues_[row[word]] |= bit;
  }

  TsvTable given = load_tsv(data_dir + "/given_names.tsv");
  size_t gname = given.column("name"), gender = given.column("gender");
  for (const auto& row : given.rows) {
    char g = row[gender].empty() ? 'u' : row[gender][0];
    auto [known, inserted] = lex->given_.try_emplace(row[gname], g);
    if (!inserted && *known != g) *known = 'u';
  }

  TsvTable function_words = load_tsv(data_dir + "/function_words.tsv");
  for (const auto& row : function_words.rows) lex->function_words_.try_emplace(row[function_words.column("word")], 1);

  TsvTable world = load_tsv(data_dir + "/world_names.tsv");
  size_t wname = world.column("name"), wkind = world.column("kind");
  for (const auto& row : world.rows) lex->world_[row[wname]] |= row[wkind] == "surname" ? kWorldSurname : kWorldForename;

  TsvTable titles = load_tsv(data_dir + "/titles.tsv");
  size_t phrase = titles.column("phrase"), kind = titles.column("kind"), abbr = titles.column("abbreviations"),
         sector = titles.column("sector"), tgender = titles.column("gender");
  for (const auto& row : titles.rows) {
    Title t{row[phrase], row[kind] != "role", row[sector], row[tgender].empty() ? '\0' : row[tgender][0]};
    lex->titles_.push_back(t);
    auto id = static_cast<uint32_t>(lex->titles_.size() - 1);
    lex->title_matcher_.add(tok, row[phrase], id);
    for (auto a : split_bars(row[abbr])) lex->title_matcher_.add(tok, a, id);
  }
  return lex;
}

int32_t NameLexicon::title_at(const Document& doc, size_t i, size_t end, uint32_t& length) const {
  PhraseMatcher::Match m = title_matcher_.longest(doc, i, end);
  length = m.length;
  return m ? static_cast<int32_t>(m.payloads[0]) : kNone;
}

}  // namespace sitrep
