// Descriptions: the nominal mentions of coreference (see coreference.h):
// appositions, definite descriptions and roles, noun phrases whose head names
// a kind of entity, product premodifiers, and groups of coordinated names.
#include <string>
#include <algorithm>

#include "entities/coreference_pass.h"
#include "text/chars.h"

namespace sitrep {

void Coreference::Pass::appositions() {
  const size_t names = doc_.mentions.size();
  for (size_t mi = 0; mi < names; ++mi) {
    const Mention m = doc_.mentions[mi];
    if (m.kind != MentionKind::kName || m.entity == kNone) continue;
    const EntityType type = doc_.entities[m.entity].type;
    if (type != EntityType::kPerson && type != EntityType::kOrg) continue;
    const Sentence& s = doc_.sentences[sentence_of_[m.first_token]];
    size_t start = m.title.empty() ? m.first_token : token_at(m.title.begin);
    // Left: a sentence-initial description ending in a comma right before the name.
    if (start >= 2 && text(start - 1) == ",") {
      size_t k = s.first_token;
      while (k < start && toks_[k].kind == TokenKind::kQuote) ++k;
      bool ok = k + 1 < start - 1 && start - 1 - k <= 12 && (text(k) == "The" || text(k) == "A" || text(k) == "An");
      // A clause before the comma ("The change will occur within months, Apple said") is no description.
      for (size_t t = k; ok && t < start - 1; ++t)
        if (toks_[t].kind == TokenKind::kPunct || toks_[t].kind == TokenKind::kQuote || doc_.pos[t] == Pos::kMD ||
            doc_.pos[t] == Pos::kVBD || doc_.pos[t] == Pos::kVBZ || doc_.pos[t] == Pos::kVBP)
          ok = false;
      if (ok && starts_[k].empty()) {
        add_mention(k, start - 1, MentionKind::kNominal, m.entity);
        std::string c = country_in(k, start - 1);
        if (!c.empty()) country_hint_[m.entity] = c;
      }
    }
    // Right: ", the Z of W," after the name.
    size_t after = m.end_token;
    if (after + 2 < s.end_token && text(after) == "," && (text(after + 1) == "the" || text(after + 1) == "a")) {
      size_t j = after + 1;
      while (j < s.end_token && j - after <= 12 && toks_[j].kind != TokenKind::kPunct &&
             toks_[j].kind != TokenKind::kQuote && toks_[j].kind != TokenKind::kDash)
        ++j;
      bool closes = j < s.end_token && j - after <= 12 && toks_[j].kind != TokenKind::kQuote;
      // "Egypt, the Sudan and ..." is a list, not an apposition.
      for (size_t t = after + 1; closes && t < j; ++t)
        if (text(t) == "and" || text(t) == "or") closes = false;
      if (closes && free(after + 1, j)) {
        add_mention(after + 1, j, MentionKind::kNominal, m.entity);
        std::string c = country_in(after + 1, j);
        if (!c.empty() && country_hint_[m.entity].empty()) country_hint_[m.entity] = c;
      }
    }
    // "Israeli opposition leader Yair Lapid", "Israel’s Prime Minister X".
    if (!m.title.empty() && start >= 1) {
      size_t b = start >= 2 && toks_[start - 1].kind == TokenKind::kClitic ? start - 2 : start - 1;
      std::string c = country_in(b, start);
      if (!c.empty()) country_hint_[m.entity] = c;
    }
  }
}

bool Coreference::Pass::possessive_institution(int32_t mention) {
  const Mention m = doc_.mentions[mention];
  const size_t t = m.first_token, clitic = m.end_token;
  if (doc_.entities[m.entity].kind != "country" || clitic + 1 >= toks_.size()) return false;
  // "Turkey’s trade ministry": a ministry named by its portfolio.
  size_t h = clitic + 1;
  while (h + 1 < toks_.size() && h - clitic <= 2 && lower_word(toks_[h]) && covered_[h] == kNone &&
         !c_.nominals_.count(text(h)) && (doc_.pos[h] == Pos::kNN || doc_.pos[h] == Pos::kJJ))
    ++h;
  auto it = c_.nominals_.find(text(h));
  if (it == c_.nominals_.end() || it->second.kind.empty() || !lower_word(toks_[h]) || !free(clitic + 1, h + 1))
    return false;
  const bool portfolio = h > clitic + 1;
  if (portfolio && it->second.kind != "ministry") return false;
  const std::string& country = doc_.entities[m.entity].country;
  size_t b = t > 0 && is_determiner(text(t - 1)) ? t - 1 : t;
  int32_t entry = portfolio ? kNone : gaz_.institution(country, it->second.kind);
  int32_t e = entry != kNone ? entity_for_entry(entry) : institution_of(country, it->second, b, h + 1);
  if (e == kNone) return false;
  see(m.entity, m.end_token - 1, false);
  add_mention(b, h + 1, MentionKind::kNominal, e);
  see(e, h, subject_position(b));
  return true;
}

int32_t Coreference::Pass::topic_country() {
  // Counted by country code: the country's own mentions, its places' and its
  // people's ("Indonesian police" in the headline speaks of Indonesia).
  // Few countries per article: a list, searched, beats a hash map per call.
  thread_local std::vector<std::pair<std::string_view, int>> counts;
  counts.clear();
  std::string_view best_code;
  int most = 0;
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    const Entity& ent = doc_.entities[e];
    // Its places count too: a story from Jakarta is about Indonesia.
    if ((ent.type != EntityType::kGpe && ent.type != EntityType::kNorp) || ent.country.empty() ||
        salience_[e].count == 0)
      continue;
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == ent.country; });
    if (it == counts.end()) it = counts.insert(counts.end(), {ent.country, 0});
    it->second += salience_[e].count;
    if (it->second > most) {
      most = it->second;
      best_code = ent.country;
    }
  }
  if (best_code.empty()) return kNone;
  for (size_t e = 0; e < doc_.entities.size(); ++e)
    if (doc_.entities[e].kind == "country" && doc_.entities[e].country == best_code) return static_cast<int32_t>(e);
  const int32_t entry = gaz_.country(best_code);
  return entry == kNone ? kNone : entity_for_entry(entry);
}

int32_t Coreference::Pass::institution_of(const std::string& country, const Nominal& n, size_t b, size_t e,
                                          bool named_by_country) {
  static const std::pair<std::string_view, std::string_view> kSectors[] = {
      {"military", "MIL"}, {"police", "COP"},       {"court", "JUD"},
      {"legislature", "LEG"}, {"intelligence", "SPY"}, {"ministry", "GOV"}};
  std::string_view sector;
  for (auto [kind, code] : kSectors)
    if (n.kind == kind) sector = code;
  // Troops and forces are members of an army, named as a group of their own.
  if (sector.empty() || country.empty() || (n.plural && n.kind == "military")) return kNone;
  // A country has many ministries: one is named by its portfolio ("trade
  // ministry"), and one entity stands for each name.
  const bool by_name = n.kind == "ministry";
  if (by_name && e - b < 2) return kNone;
  if (!by_name)
    if (int32_t entry = gaz_.institution(country, n.kind); entry != kNone) return entity_for_entry(entry);
  std::string key = country + " " + n.kind;
  if (by_name)
    for (size_t k = b; k < e; ++k)
      if (lower_word(toks_[k])) (key += ' ') += text(k);
  if (auto it = by_institution_.find(key); it != by_institution_.end()) return it->second;
  if (b < e && (is_determiner(text(b)) || text(b) == "a" || text(b) == "A")) ++b;
  Entity ent;
  ent.type = EntityType::kOrg;
  ent.name = std::string(doc_.text_of(ByteSpan{toks_[b].begin, toks_[e - 1].end}));
  // "the army" of the country in view: "Colombia army".
  if (named_by_country)
    if (int32_t entry = gaz_.country(country); entry != kNone) ent.name = gaz_.entry(entry).name + " " + ent.name;
  ent.country = country;
  ent.actor_code = country + std::string(sector);
  ent.kind = n.kind;
  const int32_t created = new_entity(std::move(ent));
  tentative_[created] = 2;  // kept once anything mentions it
  by_institution_.emplace(std::move(key), created);
  return created;
}

bool Coreference::Pass::description(size_t t, size_t end, size_t& head_end, int32_t& entity) {
  size_t j = t + 1;
  std::string country;
  int modifiers = 0;
  while (j < end && modifiers <= 3) {
    uint32_t tl = 0;
    if (int32_t title = lex_.title_at(doc_, j, end, tl); title != kNone && lower_word(toks_[j + tl - 1])) {
      if (j + tl < end && is_cap_word(j + tl)) return false;  // a title before a name, not a description
      head_end = j + tl;
      entity = resolve_role(lex_.title(title), country, t);
      return entity != kNone;
    }
    if (lower_word(toks_[j])) {
      if (c_.function_words_.count(text(j))) return false;
      // A name in lower case ("the iTunes store"): the phrase is that name's.
      if (covered_[j] != kNone && doc_.mentions[covered_[j]].kind == MentionKind::kName) return false;
      auto it = c_.nominals_.find(text(j));
      if (it != c_.nominals_.end() && !(j + 1 < end && lower_word(toks_[j + 1]) && c_.nominals_.count(text(j + 1)))) {
        // A noun for a group or a generic thing ("the world") is a phrase of its own.
        if (!it->second.refers_to_name) return false;
        head_end = j + 1;
        // "the government of Germany" is Germany's.
        if (it->second.kind == "government" && head_end + 1 < end && text(head_end) == "of") {
          size_t k = head_end + 1;
          if (is_determiner(text(k)) && k + 1 < end) ++k;
          for (int32_t mi : starts_[k]) {
            const Mention& m = doc_.mentions[mi];
            if (m.kind == MentionKind::kName && m.entity != kNone && doc_.entities[m.entity].type == EntityType::kGpe) {
              entity = m.entity;
              return true;
            }
          }
        }
        const Nominal& n = it->second;
        entity = institution_of(country, n, t, head_end);
        // "the army", "the police" with no country said: the army of the
        // country the article is about, not the last armed body named.
        if (entity == kNone && country.empty() && !n.plural && (n.kind == "military" || n.kind == "police"))
          if (const int32_t topic = topic_country(); topic != kNone)
            entity = institution_of(doc_.entities[topic].country, n, t, head_end, true);
        if (entity == kNone) entity = resolve_nominal(n, country, t, j);
        // "the government" with no country in view: the article's.
        if (entity == kNone && country.empty() && n.kind == "government") entity = topic_country();
        return entity != kNone;
      }
      ++modifiers;
      ++j;
      continue;
    }
    // "the Israeli leader", "the Chad army".
    if (Gazetteer::Hit hit = gaz_.match(doc_, j, end);
        hit && (gaz_.entry(hit.entry).type == EntityType::kNorp || gaz_.entry(hit.entry).kind == "country")) {
      country = gaz_.entry(hit.entry).country;
      j += hit.length;
      ++modifiers;
      continue;
    }
    return false;
  }
  return false;
}

bool Coreference::Pass::name_has_word(const Entity& e, std::string_view word) {
  std::string_view name = e.name;
  for (size_t i = 0; i < name.size();) {
    size_t j = i;
    while (j < name.size() && name[j] != ' ' && name[j] != '-') ++j;
    std::string_view w = name.substr(i, j - i);
    if (w.size() == word.size()) {
      bool same = true;
      for (size_t k = 0; same && k < w.size(); ++k) same = ascii_lower(w[k]) == word[k];
      if (same) return true;
    }
    i = j + 1;
  }
  return false;
}

int32_t Coreference::Pass::resolve_nominal(const Nominal& n, const std::string& country, size_t t, size_t head,
                                           bool same_kind) const {
  int32_t best = kNone;
  int64_t best_token = -1;
  thread_local std::string head_word;
  assign_ascii_lower(head_word, text(head));
  // Six sentences back; further (up to 40 sentences and 400 mentions) only
  // for a name with the description's head word ("the commission" long
  // after "Electoral Commission of Zambia", with the European Union between).
  for (size_t r = recent_.size(), seen = 0; r-- > 0 && seen < 400; ++seen) {
    const bool near = sentence_of_[t] - recent_[r].sentence <= 6;
    if (sentence_of_[t] - recent_[r].sentence > 40) break;
    const auto e = static_cast<size_t>(recent_[r].entity);
    const Salience& s = salience_[e];
    const Entity& ent = doc_.entities[e];
    if (!near && !name_has_word(ent, head_word)) continue;
    if (s.token < 0 || plural_[e]) continue;
    if (sentence_of_[t] - s.sentence > 6 && !name_has_word(ent, head_word)) continue;
    if (!type_agrees(n, ent) || !kinds_agree(n.kind, ent.kind)) continue;
    if (same_kind && (n.kind.empty() || ent.kind != n.kind)) continue;
    // "the militants" can be a group's name; "the indices" are no one index.
    if (n.plural && ent.type != EntityType::kOrg) continue;
    if (!country.empty() && !ent.country.empty() && ent.country != country) continue;
    // The subject of this or the last sentence before any later mention ("GM
    // said Opel would be sold; the company ...": GM).
    const bool focus = s.subject_sentence >= 0 && sentence_of_[t] - s.subject_sentence <= 1;
    // An armed group is "the group" or "the militia", not "the agency", nor
    // "the army", which is the state's even beside an "X Liberation Army".
    if (ent.kind == "armed_group" && ((n.kind.empty() && head_word != "group") || (n.kind == "military" && !n.plural)))
      continue;
    // Before salience: a name with the description's head ("the commission"
    // after "Electoral Commission of Zambia"), then the very kind ("the army"
    // is the army, not the militia it fights).
    const int64_t rank = s.token + (focus ? (int64_t{1} << 40) : 0) +
                         (!n.kind.empty() && ent.kind == n.kind ? (int64_t{1} << 41) : 0) +
                         (name_has_word(ent, head_word) ? (int64_t{1} << 42) : 0);
    if (rank > best_token) {
      best_token = rank;
      best = static_cast<int32_t>(e);
    }
  }
  return best;
}

int32_t Coreference::Pass::resolve_role(const Title& role, const std::string& country, size_t t) const {
  int32_t best = kNone;
  int64_t best_token = -1;
  auto holders = by_sector_.find(role.sector);
  if (holders == by_sector_.end()) return kNone;
  // An office ("the finance minister", "the governor") is held by a person
  // with that title, or with none known; a role ("the leader", "the
  // official") by anyone of its sector.
  thread_local std::string office, held;
  office.clear();
  if (role.is_title) append_ascii_lower(office, role.phrase);
  for (int32_t e : holders->second) {
    const Salience& s = salience_[e];
    const Entity& ent = doc_.entities[e];
    if (s.token < 0) continue;
    std::string ec = !ent.country.empty() ? ent.country : country_hint_[e];
    if (!country.empty() && ec != country) continue;
    (void)t;
    int64_t rank = s.token;
    if (!office.empty()) {
      assign_ascii_lower(held, !ent.title.empty() ? ent.title : ent.role);
      if (!held.empty() && held.find(office) == std::string::npos) continue;
      if (!held.empty()) rank += int64_t{1} << 40;
    }
    if (rank > best_token) {
      best_token = rank;
      best = static_cast<int32_t>(e);
    }
  }
  return best;
}

std::string Coreference::Pass::title_sector(const Entity& e) const {
  for (int32_t mi : e.mentions) {
    const Mention& m = doc_.mentions[mi];
    if (m.title.empty()) continue;
    uint32_t tl = 0;
    size_t b = token_at(m.title.begin);
    int32_t title = lex_.title_at(doc_, b, toks_.size(), tl);
    if (title != kNone) return lex_.title(title).sector;
  }
  return "";
}

bool Coreference::Pass::type_agrees(const Nominal& n, const Entity& ent) {
  // "the government" is a country's, or an organisation that governs.
  if (n.kind == "government")
    return (ent.type == EntityType::kGpe && (ent.kind == "country" || ent.kind == "territory")) ||
           (ent.type == EntityType::kOrg && (ent.kind == "government" || ent.kind == "ministry"));
  if (ent.type == n.type) return true;
  return n.type == EntityType::kGpe && ent.type == EntityType::kGpe;
}

const Coreference::Nominal* Coreference::Pass::nominal_of(size_t head) const {
  thread_local std::string lower;
  auto it = c_.nominals_.find(assign_ascii_lower(lower, text(head)));
  if (it == c_.nominals_.end() && head < doc_.lemmas.size()) it = c_.nominals_.find(doc_.lemmas[head]);
  return it == c_.nominals_.end() ? nullptr : &it->second;
}

int32_t Coreference::Pass::name_at(size_t t, size_t end, const Nominal& n) const {
  if (t < end && is_determiner(text(t))) ++t;
  if (t >= end) return kNone;
  for (int32_t mi : starts_[t]) {
    const Mention& m = doc_.mentions[mi];
    if (m.kind == MentionKind::kName && m.entity != kNone && type_agrees(n, doc_.entities[m.entity])) return m.entity;
  }
  return kNone;
}

int32_t Coreference::Pass::mention_before(size_t t, const Nominal& n) const {
  t = before_parenthesis(t);  // "General Motors Corporation (GM), an American automaker"
  if (t == 0 || covered_[t - 1] == kNone) return kNone;
  const Mention& m = doc_.mentions[covered_[t - 1]];
  if (m.end_token != t || m.entity == kNone || m.kind == MentionKind::kPronoun) return kNone;
  return type_agrees(n, doc_.entities[m.entity]) ? m.entity : kNone;
}

bool Coreference::Pass::copula(std::string_view w) {
  return w == "is" || w == "was" || w == "are" || w == "were" || w == "became" || w == "becomes" ||
         w == "remains" || w == "remained";
}

int32_t Coreference::Pass::unnamed_speaker(const NounPhrase& np) {
  if (np.plural || np.determiner != Determiner::kIndefinite || !lower_word(toks_[np.head])) return kNone;
  uint32_t tl = 0;
  const int32_t id = lex_.title_at(doc_, np.head, np.head + 1, tl);
  if (id == kNone) return kNone;
  const Sentence& s = doc_.sentences[sentence_of_[np.head]];
  // It speaks: "a spokesperson said", "an official, who asked not to be
  // named, said", "said a senior official".
  size_t k = np.end;
  if (k < s.end_token && text(k) == ",") {
    size_t c = k + 1;
    while (c < s.end_token && c - k < 16 && text(c) != ",") ++c;
    k = c < s.end_token ? c + 1 : s.end_token;
  }
  while (k < s.end_token && doc_.pos[k] == Pos::kRB) ++k;
  const bool speaks = (k < s.end_token && reporting_verb(k)) ||
                      (np.first > s.first_token && reporting_verb(np.first - 1));
  if (!speaks) return kNone;
  const Title& role = lex_.title(id);
  Entity person;
  person.type = EntityType::kPerson;
  person.name = std::string(doc_.text_of(ByteSpan{toks_[np.first + 1].begin, toks_[np.end - 1].end}));
  person.gender = role.gender;
  person.role = role.phrase;
  person.country = country_in(np.first, np.head);
  person.actor_code = person.country + role.sector;
  return new_entity(std::move(person));
}

size_t Coreference::Pass::noun_phrase(const NounPhrase& np) {
  const size_t end = doc_.sentences[sentence_of_[np.head]].end_token;
  // "its shares": the possessive pronoun has its own mention already.
  const size_t body = doc_.pos[np.first] == Pos::kPRPS ? np.first + 1 : np.first;
  if (covered_[np.head] != kNone || !free(body, np.end)) return 0;
  // A phrase that starts inside a name ("500 index" of "S&P 500 index") is part of it.
  if (covered_[np.first] != kNone && doc_.mentions[covered_[np.first]].first_token < np.first) return 0;
  if (int32_t speaker = unnamed_speaker(np); speaker != kNone) {
    add_mention(np.first, np.end, MentionKind::kNominal, speaker);
    see(speaker, np.head, subject_position(np.outer_first));
    return np.end;
  }
  const Nominal* n = nominal_of(np.head);
  // A phrase mention is a person, organisation, place, product or asset;
  // events, facilities and governments (which join their country) are left
  // to the definite descriptions of description().
  if (n == nullptr || n->type == EntityType::kEvent || n->type == EntityType::kFac || n->kind == "government")
    return 0;
  const bool plural = np.plural || n->plural;
  const bool singular_reference = !plural && np.determiner != Determiner::kQuantified;
  int32_t e = kNone;
  size_t next = np.end;
  // "the Nikkei stock index", "the Old Mutual insurance company": a name
  // described by its kind is a mention of that name, which it already has.
  // A product's part or kind ("iPhone software", "the iPhone 4 antenna") is a thing of its own.
  if (n->type != EntityType::kPerson && (n->type != EntityType::kProduct || n->refers_to_name))
    for (size_t k = np.first; k < np.head; ++k)
      if (covered_[k] != kNone && doc_.mentions[covered_[k]].kind == MentionKind::kName &&
          doc_.mentions[covered_[k]].entity != kNone) {
        const EntityType named = doc_.entities[doc_.mentions[covered_[k]].entity].type;
        // "the iTunes store" whether the name was typed as the product or its maker
        if (named == n->type || (n->type == EntityType::kProduct && named == EntityType::kOrg)) return 0;
      }
  // "automobile manufacturer Ford", "U.S. electronics retailer Best Buy".
  if (np.end < end && !starts_[np.end].empty() && !plural) {
    // A person's title before the name is part of the name's mention, and
    // so is a bare kind after a preposition ("with aircraft maker Boeing").
    const bool bare_in_phrase = np.determiner == Determiner::kBare && np.first > 0 &&
                                doc_.pos[np.first - 1] == Pos::kIN;
    if (n->type != EntityType::kPerson && !bare_in_phrase) e = name_at(np.end, np.end + 1, *n);
    if (e != kNone) {
      const Mention& m = doc_.mentions[starts_[np.end].front()];
      next = m.end_token;
    }
  }
  // "the primary index, the FTSE 100,": an apposition names it.
  if (e == kNone && singular_reference && np.end + 1 < end && text(np.end) == ",") e = name_at(np.end + 1, end, *n);
  // "GM, the world's largest automaker," and "The A380 is the largest plane".
  if (e == kNone && singular_reference && np.outer_first >= 2 &&
      np.determiner != Determiner::kDemonstrative) {
    std::string_view before = text(np.outer_first - 1);
    if (before == "," || copula(before)) e = mention_before(np.outer_first - 1, *n);
  }
  // "Congo army", "Indonesian police", "a Kenyan court": a country's institution.
  if (e == kNone && np.determiner != Determiner::kPossessive && np.determiner != Determiner::kQuantified)
    e = institution_of(country_in(np.first, np.head), *n, np.first, np.end);
  // "the company": the most salient entity of its type.
  // A bare plural ("Palestinian militants") names a group of the same kind
  // only; a possessed description ("Zambia's electoral commission") is the
  // possessor's, not the last organisation's.
  if (e == kNone && n->refers_to_name && np.determiner != Determiner::kIndefinite &&
      np.determiner != Determiner::kQuantified && np.determiner != Determiner::kPossessive &&
      (!plural || n->plural) && (plural || np.determiner != Determiner::kBare))
    e = resolve_nominal(*n, country_in(np.first, np.head), np.first, np.head, np.determiner == Determiner::kBare);
  // The same kind of thing mentioned again: "markets" ... "the markets".
  std::string key(doc_.lemmas.size() > np.head ? doc_.lemmas[np.head] : text(np.head));
  // Names among the premodifiers tell groups of one kind apart: "Asian
  // markets" and "European markets" are two; "the markets" is the last one.
  // A number tells sets apart too: "31 people" are not "47 people".
  std::string chain_key = key;
  bool counted = false;
  for (size_t k = np.first; k < np.head; ++k) {
    // A proper adjective names too ("Asian markets").
    const bool proper = doc_.pos[k] == Pos::kNNP || doc_.pos[k] == Pos::kNNPS ||
                        (covered_[k] != kNone && doc_.mentions[covered_[k]].kind == MentionKind::kName) ||
                        (doc_.pos[k] == Pos::kJJ && toks_[k].has(kUpperInitial));
    if (proper || doc_.pos[k] == Pos::kCD) {
      chain_key += '|';
      chain_key += text(k);
      counted = counted || doc_.pos[k] == Pos::kCD;
    }
  }
  // And so does a possessor: Boeing's shares are not Airbus's (but they may
  // be "the shares" or "its shares" again).
  int32_t possessor = kNone;
  if (np.determiner == Determiner::kPossessive) {
    // "its shares", or "Boeing ’s shares" (the possessor ends before the ’s)
    const size_t p = body > np.first ? np.first : (np.first >= 2 ? np.first - 2 : np.first);
    if (covered_[p] != kNone) possessor = doc_.mentions[covered_[p]].entity;
  }
  // A description of a named entity that names none here is no mention,
  // and neither is a lone role ("a spokesman"): titles are the names' part.
  if (e == kNone && (n->refers_to_name || (n->type == EntityType::kPerson && !plural))) return 0;
  // "The automobile manufacturers" after "GM and Chrysler".
  if (e == kNone && plural && np.determiner == Determiner::kDefinite) {
    int32_t g = last_group_[static_cast<size_t>(n->type)];
    if (g != kNone && sentence_of_[np.head] - salience_[g].sentence <= 2) e = g;
  }
  if (e == kNone && np.determiner != Determiner::kIndefinite) {
    auto joins = [&](const std::string& k) {
      auto it = by_head_.find(k);
      if (it != by_head_.end() && static_cast<bool>(plural_[it->second]) == plural &&
          sentence_of_[np.head] - salience_[it->second].sentence <= 8 &&
          (possessor == kNone || possessor_[it->second] == kNone || possessor_[it->second] == possessor))
        e = it->second;
    };
    joins(chain_key);
    // One thing may be named more closely later ("the economy" ... "the US
    // economy"); a group named so is a part ("markets" ... "Asian markets").
    if (e == kNone && !plural && !counted && chain_key != key) joins(key);
  }
  if (e == kNone) {
    Entity ent;
    ent.type = n->type;
    ent.name = std::string(doc_.text_of(ByteSpan{toks_[np.first].begin, toks_[np.head].end}));
    ent.kind = n->kind;
    e = new_entity(std::move(ent), plural, true);
  }
  // A figure stays outside the mention ("6,000 [people]"): claims read numbers
  // that no mention covers.
  size_t from = np.first;
  for (size_t k = np.first; k < np.head; ++k)
    if (doc_.pos[k] == Pos::kCD || toks_[k].kind == TokenKind::kNumber) from = k + 1;
  add_mention(from, np.end, MentionKind::kNominal, e);
  if (possessor != kNone) possessor_[e] = possessor;
  if (plural_[e] || doc_.entities[e].type == n->type) {
    by_head_[chain_key] = e;
    if (!counted) by_head_[key] = e;  // "the markets" may follow "Asian markets"
  }
  if (n->type == EntityType::kOrg || n->type == EntityType::kFinancial) product_premodifiers(np);
  see(e, np.head, subject_position(np.outer_first));
  if (next > np.end) see(e, next - 1, false);
  return next;
}

void Coreference::Pass::product_premodifiers(const NounPhrase& np) {
  for (size_t k = np.first; k < np.head; ++k) {
    const Pos p = doc_.pos[k];
    if (p != Pos::kNN && p != Pos::kNNP && p != Pos::kJJ) continue;  // "auto" is often tagged JJ
    if (covered_[k] != kNone && doc_.mentions[covered_[k]].kind == MentionKind::kName) continue;
    const Nominal* n = nominal_of(k);
    if (n == nullptr || n->type != EntityType::kProduct || n->plural) continue;
    // A premodifier names the kind, so words of one kind are one: "car",
    // "auto" and "automobile" in "car maker", "the auto industry".
    std::string key = n->kind.empty() ? std::string(doc_.lemmas.size() > k ? doc_.lemmas[k] : text(k))
                                      : "#" + n->kind;
    int32_t e = kNone;
    if (auto it = by_head_.find(key); it != by_head_.end() && !plural_[it->second] &&
                                      sentence_of_[k] - salience_[it->second].sentence <= 8)
      e = it->second;
    if (e == kNone) {
      Entity ent;
      ent.type = n->type;
      ent.name = std::string(text(k));
      ent.kind = n->kind;
      e = new_entity(std::move(ent), false, true);
    }
    add_mention(k, k + 1, MentionKind::kNominal, e);
    salience_[e].sentence = sentence_of_[k];
    by_head_[key] = e;
  }
}

bool Coreference::Pass::coordination(int32_t mention) {
  const Mention first = doc_.mentions[mention];
  if (first.entity == kNone) return false;
  const EntityType type = doc_.entities[first.entity].type;
  if (type == EntityType::kNorp || type == EntityType::kOther) return false;
  const size_t end = doc_.sentences[sentence_of_[first.first_token]].end_token;
  size_t k = first.end_token, last = 0;
  int names = 1;
  while (k < end && names < 8) {
    // "General Motors (GM) and Chrysler": an acronym in parentheses after a name.
    if (k + 2 < end && text(k) == "(" && text(k + 2) == ")") k += 3;
    if (k >= end) break;  // the sentence ends with the parenthesis
    size_t n = k;
    bool conjunction = false;
    if (text(n) == ",") ++n;
    if (n < end && text(n) == "and") {
      conjunction = true;
      ++n;
    }
    if (n == k || n >= end) break;
    int32_t next = kNone;
    for (int32_t mi : starts_[n])
      if (doc_.mentions[mi].kind == MentionKind::kName && doc_.mentions[mi].entity != kNone &&
          doc_.entities[doc_.mentions[mi].entity].type == type)
        next = mi;
    if (next == kNone) break;
    ++names;
    k = doc_.mentions[next].end_token;
    if (conjunction) {
      last = k;
      break;
    }
  }
  if (last == 0) return false;
  Entity group;
  group.type = type;
  group.name = std::string(doc_.text_of(ByteSpan{toks_[first.first_token].begin, toks_[last - 1].end}));
  int32_t e = new_entity(std::move(group), true, true);
  add_mention(first.first_token, last, MentionKind::kNominal, e);
  see(e, last - 1, subject_position(first.first_token));
  last_group_[static_cast<size_t>(type)] = e;
  return true;
}

}  // namespace sitrep
