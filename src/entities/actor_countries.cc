#include "entities/actor_countries.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

namespace sitrep {

namespace {

// The sector codes that stand first in a code only when no country is known.
bool sector_alone(std::string_view code) {
  static constexpr std::array<std::string_view, 22> kSectors = {
      "GOV", "MIL", "REB", "COP", "CVL", "OPP", "BUS", "MED", "JUD", "LEG", "UAF",
      "SPY", "CRM", "ELI", "LAB", "EDU", "HLH", "REF", "AGR", "ENV", "INS", "PTY"};
  return code.size() >= 3 && std::find(kSectors.begin(), kSectors.end(), code.substr(0, 3)) != kSectors.end();
}

// The country a mention's entity places the text in: a place's, a
// demonym's or an organisation's country ("Lusaka", "Zambian", "Ukrainian
// Foreign Ministry spokesman ..."), else empty.
std::string_view country_of(const Document& doc, const Mention& m) {
  if (m.entity == kNone) return {};
  const Entity& e = doc.entities[static_cast<size_t>(m.entity)];
  if (e.type != EntityType::kGpe && e.type != EntityType::kLoc && e.type != EntityType::kNorp &&
      e.type != EntityType::kOrg)
    return {};
  if (e.country.size() != 3) return {};
  return e.country;
}

}  // namespace

void ActorCountries::run(Document& doc) const {
  if (doc.entities.empty() || doc.sentences.empty()) return;
  // Mentions in text order (the layer is in text order within each stage's
  // additions, not across them).
  std::vector<const Mention*> by_start;
  by_start.reserve(doc.mentions.size());
  for (const Mention& m : doc.mentions) by_start.push_back(&m);
  std::sort(by_start.begin(), by_start.end(),
            [](const Mention* a, const Mention* b) { return a->first_token < b->first_token; });

  // 2. The dateline: a place among the first words of the body's first
  // paragraph, before a dash or colon.
  std::string_view dateline;
  const uint32_t body = doc.headline_end();
  for (const Paragraph& p : doc.paragraphs) {
    if (p.end_token <= body) continue;
    uint32_t dash = p.first_token;
    while (dash < p.end_token && dash < p.first_token + 10 && doc.tokens[dash].kind != TokenKind::kDash &&
           doc.text_of(doc.tokens[dash]) != ":")
      ++dash;
    if (dash < p.end_token && dash < p.first_token + 10)
      for (const Mention* m : by_start)
        if (m->first_token >= p.first_token && m->end_token <= dash) {
          dateline = country_of(doc, *m);
          if (!dateline.empty()) break;
        }
    break;
  }

  // 3. The main country: named most often, at least twice, and twice as
  // often as the next.
  std::vector<std::pair<std::string_view, int>> counts;
  for (const Mention* m : by_start) {
    const std::string_view c = country_of(doc, *m);
    if (c.empty()) continue;
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& x) { return x.first == c; });
    if (it == counts.end()) counts.emplace_back(c, 1);
    else ++it->second;
  }
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string_view main_country;
  if (!counts.empty() && counts[0].second >= 2 && (counts.size() == 1 || counts[0].second >= 2 * counts[1].second))
    main_country = counts[0].first;

  // The sentence of each token.
  auto sentence_of = [&](uint32_t token) {
    auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), token,
                               [](uint32_t t, const Sentence& s) { return t < s.first_token; });
    return it == doc.sentences.begin() ? doc.sentences.end() : std::prev(it);
  };

  for (size_t e = 0; e < doc.entities.size(); ++e) {
    Entity& ent = doc.entities[e];
    if (!sector_alone(ent.actor_code) || ent.mentions.empty()) continue;
    // 1. The nearest place with a country in the sentence of its first mention.
    const Mention* first = nullptr;
    for (int32_t mi : ent.mentions) {
      const Mention& m = doc.mentions[static_cast<size_t>(mi)];
      if (!first || m.first_token < first->first_token) first = &m;
    }
    std::string_view country;
    // 0. A country or demonym inside its own mentions.
    for (int32_t mi : ent.mentions) {
      const Mention& m = doc.mentions[static_cast<size_t>(mi)];
      for (uint32_t t = m.first_token; t < m.end_token && country.empty(); ++t) {
        const Gazetteer::Hit hit = gazetteer_->match(doc, t, m.end_token);
        if (!hit || hit.kind != MentionKind::kName) continue;
        const GazetteerEntry& g = gazetteer_->entry(hit.entry);
        if ((g.type == EntityType::kGpe || g.type == EntityType::kNorp) && g.country.size() == 3 &&
            (g.kind == "country" || g.kind == "demonym" || g.kind == "territory"))
          country = g.country;
      }
      if (!country.empty()) break;
    }
    // 1. The nearest place with a country in its first mention's sentence,
    // before the mention first.
    if (auto s = sentence_of(first->first_token); country.empty() && s != doc.sentences.end()) {
      uint32_t best_before = UINT32_MAX, best_after = UINT32_MAX;
      std::string_view before, after;
      // Only the sentence's mentions: a binary search to its first.
      auto from = std::lower_bound(by_start.begin(), by_start.end(), s->first_token,
                                   [](const Mention* m, uint32_t t) { return m->first_token < t; });
      for (auto it = from; it != by_start.end() && (*it)->first_token < s->end_token; ++it) {
        const Mention* m = *it;
        if (m->entity == static_cast<int32_t>(e)) continue;
        const std::string_view c = country_of(doc, *m);
        if (c.empty()) continue;
        if (m->first_token < first->first_token) {
          if (first->first_token - m->first_token < best_before) {
            best_before = first->first_token - m->first_token;
            before = c;
          }
        } else if (m->first_token - first->first_token < best_after) {
          best_after = m->first_token - first->first_token;
          after = c;
        }
      }
      country = !before.empty() ? before : after;
    }
    if (country.empty()) country = dateline;
    if (country.empty()) country = main_country;
    if (country.empty()) continue;
    ent.actor_code = std::string(country) + ent.actor_code;
    if (ent.country.empty()) ent.country = std::string(country);
  }
}

}  // namespace sitrep
