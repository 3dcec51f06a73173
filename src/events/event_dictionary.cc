#include "events/event_dictionary.h"

#include <algorithm>

#include "core/tsv.h"
#include "lexicon/gazetteer.h"

namespace sitrep {

namespace {

TargetRule parse_target(std::string_view field) {
  TargetRule r;
  for (std::string_view part : split_bars(field)) {
    if (part == "obj") r.object = true;
    else if (part == "none") r.none = true;
    else r.prepositions.emplace_back(part);
  }
  return r;
}

std::string at(const TsvTable& t, size_t row) { return t.path + ":" + std::to_string(t.line_numbers[row]) + ": "; }

void check_codes(const TsvTable& t, size_t row, const std::string& cameo, const std::string& plover) {
  bool digits = cameo.size() >= 2 && cameo.size() <= 4 &&
                std::all_of(cameo.begin(), cameo.end(), [](char c) { return c >= '0' && c <= '9'; });
  int root = digits ? (cameo[0] - '0') * 10 + (cameo[1] - '0') : 0;
  if (!digits || root < 1 || root > 20) throw TsvError(at(t, row) + "CAMEO code '" + cameo + "' is not 2-4 digits with a root 01-20");
  static const std::vector<std::string_view> kTypes = {
      "AGREE",   "CONSULT", "SUPPORT",  "CONCEDE", "COOPERATE", "AID",     "RETREAT", "DEMAND", "DISAPPROVE",
      "REJECT",  "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT",  "INVESTIGATE",
      "REQUEST", "ACCUSE"};
  if (!plover.empty() && std::find(kTypes.begin(), kTypes.end(), plover) == kTypes.end())
    throw TsvError(at(t, row) + "'" + plover + "' is not a PLOVER type");
}

}  // namespace

std::string_view plover_of_cameo_root(std::string_view cameo) {
  static constexpr std::string_view kByRoot[] = {"",        "",          "DEMAND",   "AGREE",    "CONSULT",
                                                 "SUPPORT", "COOPERATE", "AID",      "CONCEDE",  "INVESTIGATE",
                                                 "DEMAND",  "DISAPPROVE", "REJECT",  "THREATEN", "PROTEST",
                                                 "MOBILIZE", "SANCTION", "COERCE",   "ASSAULT",  "FIGHT",
                                                 "ASSAULT"};
  if (cameo.size() < 2) return "";
  int root = (cameo[0] - '0') * 10 + (cameo[1] - '0');
  return root >= 1 && root <= 20 ? kByRoot[root] : "";
}

std::shared_ptr<const EventDictionary> EventDictionary::load(const std::string& data_dir) {
  auto d = std::make_shared<EventDictionary>();
  TsvTable v = load_tsv(data_dir + "/event_verbs.tsv");
  size_t lemma = v.column("lemma"), particle = v.column("particle"), object = v.column("object"),
         target = v.column("target"), cameo = v.column("cameo"), plover = v.column("plover");
  for (size_t r = 0; r < v.rows.size(); ++r) {
    const auto& row = v.rows[r];
    check_codes(v, r, row[cameo], row[plover]);
    VerbPattern p{row[lemma], row[particle], {}, parse_target(row[target]), row[cameo], row[plover]};
    for (auto o : split_bars(row[object])) p.objects.emplace_back(o);
    d->verbs_[row[lemma]].push_back(std::move(p));
  }
  for (auto& [_, list] : d->verbs_)
    std::stable_sort(list.begin(), list.end(), [](const VerbPattern& a, const VerbPattern& b) {
      return (a.particle.size() + a.objects.size()) > (b.particle.size() + b.objects.size());
    });

  TsvTable n = load_tsv(data_dir + "/event_nouns.tsv");
  size_t noun = n.column("noun"), ntarget = n.column("target"), source = n.column("source"),
         ncameo = n.column("cameo"), nplover = n.column("plover");
  for (size_t r = 0; r < n.rows.size(); ++r) {
    const auto& row = n.rows[r];
    check_codes(n, r, row[ncameo], row[nplover]);
    NounPattern p{row[noun], parse_target(row[ntarget]), false, false, false, row[ncameo], row[nplover]};
    for (auto s : split_bars(row[source])) {
      if (s == "poss") p.source_possessive = true;
      else if (s == "by") p.source_by = true;
      else if (s == "subj") p.source_subject = true;
    }
    d->nouns_.emplace(row[noun], std::move(p));
  }

  TsvTable m = load_tsv(data_dir + "/event_modality.tsv");
  size_t phrase = m.column("phrase"), effect = m.column("effect");
  for (size_t r = 0; r < m.rows.size(); ++r) {
    const auto& row = m.rows[r];
    const std::string& e = row[effect];
    ModalEffect k = e == "negated"        ? ModalEffect::kNegated
                    : e == "intended"     ? ModalEffect::kIntended
                    : e == "threatened"   ? ModalEffect::kThreatened
                    : e == "hypothetical" ? ModalEffect::kHypothetical
                    : e == "asserted"     ? ModalEffect::kAsserted
                                          : throw TsvError(at(m, r) + "unknown effect '" + e + "'");
    // A phrase is keyed on its first word's lemma form as written ("refuse to" → "refuse").
    std::string key = row[phrase].substr(0, row[phrase].find(' '));
    d->modality_.emplace(key, k);
  }
  TsvTable lv = load_tsv(data_dir + "/event_light_verbs.tsv");
  for (const auto& row : lv.rows) d->light_verbs_.insert(row[lv.column("verb")]);
  TsvTable ag = load_tsv(data_dir + "/event_agents.tsv");
  size_t agent_noun = ag.column("noun"), sector = ag.column("sector"), type = ag.column("type");
  for (size_t r = 0; r < ag.rows.size(); ++r) {
    const auto& row = ag.rows[r];
    if (row[sector].size() != 3) throw TsvError(at(ag, r) + "a sector code has three letters, not '" + row[sector] + "'");
    if (row[type] != "ORG" && row[type] != "NORP") throw TsvError(at(ag, r) + "type must be ORG or NORP, not '" + row[type] + "'");
    d->agents_.emplace(row[agent_noun], AgentNoun{row[sector], row[type]});
  }
  TsvTable pj = load_tsv(data_dir + "/event_pejoratives.tsv");
  for (const auto& row : pj.rows) d->pejoratives_.insert(row[pj.column("word")]);
  TsvTable an = load_tsv(data_dir + "/event_antecedents.tsv");
  size_t an_noun = an.column("noun"), roots = an.column("roots"), holder = an.column("holder");
  for (size_t r = 0; r < an.rows.size(); ++r) {
    const auto& row = an.rows[r];
    AntecedentNoun a;
    for (auto code : split_bars(row[roots])) a.roots.emplace_back(code);
    if (a.roots.empty()) throw TsvError(at(an, r) + "no roots");
    a.holder = row[holder] == "yes";
    d->antecedents_.emplace(row[an_noun], std::move(a));
  }
  return d;
}

const std::vector<VerbPattern>& EventDictionary::verbs(std::string_view lemma) const {
  static const std::vector<VerbPattern> kNone;
  auto it = verbs_.find(lemma);
  return it == verbs_.end() ? kNone : it->second;
}

const NounPattern* EventDictionary::noun(std::string_view lemma) const {
  auto it = nouns_.find(lemma);
  return it == nouns_.end() ? nullptr : &it->second;
}

ModalEffect EventDictionary::modality(std::string_view lemma) const {
  auto it = modality_.find(lemma);
  return it == modality_.end() ? ModalEffect::kAsserted : it->second;
}

}  // namespace sitrep
