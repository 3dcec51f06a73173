// Actor resolution for the event coder (event_coder.h): the entity at each
// token, the mention a role takes after a verb or preposition, group actors
// ("Burmese troops") and demonyms made entities when an event needs them,
// the country of a locative phrase, and whose an event noun or object is.
#include "events/event_coder_pass.h"

namespace sitrep {

void EventCoder::Pass::code_sources() {
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    Entity& ent = doc_.entities[e];
    if (ent.kind != "source" || !ent.actor_code.empty() || ent.mentions.empty()) continue;
    const Mention& m = doc_.mentions[static_cast<size_t>(ent.mentions.front())];
    if (m.end_token <= m.first_token || m.end_token > toks_.size()) continue;
    const size_t head = m.end_token - 1;
    const AgentNoun* agent = dict_.agent(lemma(head));
    if (!agent) continue;
    GroupPhrase g = group_phrase(head, m.first_token, *agent, static_cast<int32_t>(e));
    if (g.named != kNone) continue;
    ent.actor_code = g.country + std::string(g.sector);
    ent.country = g.country;
    groups_.emplace(g.country + "|" + std::string(lemma(head)), static_cast<int32_t>(e));
  }
}

void EventCoder::Pass::index_actors() {
  actor_.assign(toks_.size(), kNone);
  actor_start_.assign(toks_.size(), 0);
  actor_end_.assign(toks_.size(), 0);
  // A name wins over a description or group around it ("Czechia and
  // Albania" acts as two countries; coordination copies the event), and a
  // wider mention over a narrower one of the same kind.
  std::vector<uint32_t> width(toks_.size(), 0);
  in_name_.assign(toks_.size(), false);
  for (const Mention& m : doc_.mentions) {
    if (m.entity == kNone) continue;
    // Capitalised words inside a mention are a name's, no verbs: "the
    // paramilitary Rapid Support Forces", "Save the Children".
    if (m.end_token - m.first_token > 1)
      for (uint32_t t = m.first_token + (m.kind == MentionKind::kName ? 0 : 1); t < m.end_token; ++t)
        if (toks_[t].has(kUpperInitial)) in_name_[t] = true;
    uint32_t w = (m.end_token - m.first_token) | (m.kind == MentionKind::kName ? 1u << 16 : 0u);
    for (uint32_t t = m.first_token; t < m.end_token; ++t) {
      if (actor_[t] != kNone && width[t] >= w) continue;
      actor_[t] = m.entity;
      actor_start_[t] = m.first_token;
      actor_end_[t] = m.end_token;
      width[t] = w;
    }
  }
}

int32_t EventCoder::Pass::mention_after(size_t from, size_t e, std::string_view prep, size_t* at) {
  size_t j = from;
  if (!prep.empty()) {
    while (j < e && j - from < 10 && lemma(j) != prep) {
      if (boundary(j, false) || text(j) == "," || is_verb(pos(j))) return kNone;
      ++j;
    }
    if (j >= e || lemma(j) != prep) return kNone;
    ++j;
  }
  for (size_t k = j; k < e && k - j < 6; ++k) {
    if (boundary(k, false) || text(k) == ",") return kNone;
    if (actor_[k] == kNone && nominal(k) && !(k + 1 < e && nominal(k + 1)))
      if (int32_t a = group_actor(k, j); a != kNone) {
        if (at) *at = k;
        return a;
      }
    if (int32_t a = demonym_actor(k, e); a != kNone) {
      if (at) *at = k;
      return a;
    }
    if (actor_[k] != kNone) {
      // "the Palestinian security forces": a demonym before a group noun
      // is that group.
      const EntityType t = doc_.entities[actor_[k]].type;
      if (t == EntityType::kNorp || t == EntityType::kGpe) {
        // (a group the speech stage made a source covers it: "Yoruba leaders said")
        size_t h = actor_end_[k];
        while (h < e && (is_noun(pos(h)) || pos(h) == Pos::kJJ) &&
               (actor_[h] == kNone || doc_.entities[actor_[h]].kind == "source"))
          ++h;
        if (h > actor_end_[k] && !(h < e && is_noun(pos(h))))
          if (int32_t g = group_actor(h - 1, j); g != kNone) {
            if (at) *at = h - 1;
            return g;
          }
      }
      if (at) *at = k;
      note_use(k);
      return actor_[k];
    }
    if (is_verb(pos(k)) && pos(k) != Pos::kVBN && pos(k) != Pos::kVBG) return kNone;
    // "shelled positions of the security forces": an object's "of" phrase
    // may name whom the act is aimed at; other prepositions end the object.
    // "rejects the result as Ruto wins": nor does a clause after "as".
    if (prep.empty() && k > j && ((is_preposition(lemma(k)) && lemma(k) != "of") || lemma(k) == "as")) return kNone;
  }
  return kNone;
}

int32_t EventCoder::Pass::target_of(const TargetRule& r, size_t after, size_t e) {
  if (r.none) return kNone;
  if (r.object)
    if (int32_t t = mention_after(after, e, ""); t != kNone) return t;
  for (const std::string& p : r.prepositions)
    if (int32_t t = mention_after(after, e, p); t != kNone) return t;
  return kNone;
}

int32_t EventCoder::Pass::locative_country(size_t from, size_t e) {
  for (size_t j = from; j + 1 < e && j - from < 12; ++j) {
    if (boundary(j)) return kNone;
    std::string_view l = lemma(j);
    if (l != "on" && l != "in" && l != "into" && l != "inside") continue;
    if (Gazetteer::Hit hit = gaz_.match(doc_, j + 1, e)) {
      const GazetteerEntry& g = gaz_.entry(hit.entry);
      if (g.type == EntityType::kNorp || g.kind == "country" || g.kind == "territory")
        return country_entity(g.country);
    }
  }
  return kNone;
}

int32_t EventCoder::Pass::locative_place(size_t from, size_t e) const {
  for (size_t j = from; j + 1 < e && j - from < 12; ++j) {
    if (boundary(j, false)) return kNone;
    std::string_view l = lemma(j);
    if (l != "on" && l != "in" && l != "into" && l != "inside") continue;
    size_t k = j + 1;
    while (k < e && (pos(k) == Pos::kDT || pos(k) == Pos::kJJ)) ++k;
    if (k < e && actor_[k] != kNone) {
      EntityType t = doc_.entities[actor_[k]].type;
      if (t == EntityType::kGpe || t == EntityType::kLoc) return actor_[k];
    }
  }
  return kNone;
}

EventCoder::Pass::GroupPhrase EventCoder::Pass::group_phrase(size_t head, size_t b, const AgentNoun& agent,
                                                             int32_t self) const {
  GroupPhrase g;
  size_t start = head;  // where the phrase starts
  std::string& country = g.country;
  std::string_view sector = agent.sector;
  while (start > b) {
    size_t k = start - 1;
    // "the Hizbollah (Party of God) group": past a parenthesis.
    if (text(k) == ")" && start == head) {
      size_t o = k;
      while (o > b && k - o < 8 && text(o) != "(") --o;
      if (text(o) != "(" || o == b || actor_[o - 1] == kNone) break;
      start = o;
      continue;
    }
    if (actor_[k] != kNone && actor_[k] != self) {
      const Entity& ent = doc_.entities[actor_[k]];
      if (ent.type == EntityType::kOrg || ent.type == EntityType::kPerson) {
        if (actor_end_[k] != start) break;
        g.named = actor_[k];
        g.named_at = k;
        return g;
      }
      if (ent.type != EntityType::kNorp && ent.type != EntityType::kGpe) break;
      if (country.empty()) country = ent.country.empty() ? ent.actor_code.substr(0, 3) : ent.country;
      start = actor_start_[k];
      if (start > b && toks_[start].kind == TokenKind::kClitic) break;
      continue;
    }
    Pos p = pos(k);
    if (toks_[k].kind == TokenKind::kClitic && k > b && actor_[k - 1] != kNone) {  // "Israel's troops"
      start = k;
      continue;
    }
    // "Congolese rebels": a demonym the names stage left alone gives the country.
    if (p == Pos::kJJ && toks_[k].has(kUpperInitial) && country.empty())
      if (Gazetteer::Hit hit = gaz_.match(doc_, k, head); hit && k + hit.length <= head) {
        const GazetteerEntry& ge = gaz_.entry(hit.entry);
        if (ge.type == EntityType::kNorp && !ge.country.empty()) country = ge.country;
      }
    // "rebel group", "opposition candidates", "police officers": a group
    // noun before the head gives the sector.
    const AgentNoun* modifier = (p == Pos::kNN || p == Pos::kNNP) ? dict_.agent(lemma(k)) : nullptr;
    // A participle modifies ("armed groups"), unless it is a verb's ("has banned").
    if (p == Pos::kVBN && k > b && (is_verb(pos(k - 1)) || pos(k - 1) == Pos::kMD)) break;
    if (p != Pos::kJJ && p != Pos::kJJR && p != Pos::kJJS && p != Pos::kNN && p != Pos::kVBN && !modifier) break;
    if (modifier && sector == agent.sector) sector = modifier->sector;
    start = k;
  }
  g.start = start;
  g.sector = sector;
  return g;
}

int32_t EventCoder::Pass::group_actor(size_t head, size_t b) {
  const AgentNoun* agent = dict_.agent(lemma(head));
  if (!agent) return kNone;
  if (actor_[head] != kNone) {  // made already ("Ugandan opposition candidates")
    note_use(head);
    return actor_[head];
  }
  if (pos(head) == Pos::kNNP || pos(head) == Pos::kNNPS) return kNone;
  // "fighters of the al-Nour Brigade", "troops of the African Union": the organisation.
  if (head + 2 < toks_.size() && lemma(head + 1) == "of") {
    size_t k = head + 2;
    while (k < toks_.size() && (pos(k) == Pos::kDT || pos(k) == Pos::kJJ)) ++k;
    // (or the speech stage's unnamed source: "a group of Moroccan diplomats")
    if (k < toks_.size() && actor_[k] != kNone &&
        (doc_.entities[actor_[k]].type == EntityType::kOrg || doc_.entities[actor_[k]].type == EntityType::kGpe ||
         doc_.entities[actor_[k]].kind == "source")) {
      note_use(k);
      return actor_[k];
    }
  }
  GroupPhrase g = group_phrase(head, b, *agent);
  if (g.named != kNone) {
    note_use(g.named_at);
    return g.named;
  }
  const size_t start = g.start;
  const std::string& country = g.country;
  const std::string_view sector = g.sector;
  // The mention covers the whole phrase, a demonym in it too ("Burmese
  // troops"), as a description holds a name ("Gaza health authorities").
  const size_t words = start;
  const std::string key = country + "|" + std::string(lemma(head));
  int32_t id;
  if (auto it = groups_.find(key); it != groups_.end()) {
    id = it->second;
  } else {
    Entity ent;
    ent.type = agent->type == "NORP" ? EntityType::kNorp : EntityType::kOrg;
    ent.name = std::string(doc_.text().substr(toks_[start].begin, toks_[head].end - toks_[start].begin));
    ent.actor_code = country + std::string(sector);
    ent.country = country;
    ent.kind = "group";
    doc_.entities.push_back(std::move(ent));
    id = static_cast<int32_t>(doc_.entities.size() - 1);
    groups_.emplace(key, id);
  }
  add_mention(id, words, head + 1, MentionKind::kNominal);
  note_use(head);
  return id;
}

void EventCoder::Pass::add_mention(int32_t id, size_t b, size_t e, MentionKind kind) {
  doc_.mentions.push_back(doc_.mention_over(b, e, kind, id, doc_.entities[id].type));
  std::vector<int32_t>& ms = doc_.entities[id].mentions;
  const int32_t mi = static_cast<int32_t>(doc_.mentions.size() - 1);
  ms.insert(std::upper_bound(ms.begin(), ms.end(), mi,
                             [&](int32_t x, int32_t y) { return doc_.mentions[x].span.begin < doc_.mentions[y].span.begin; }),
            mi);
  for (size_t t = b; t < e; ++t) {
    actor_[t] = id;
    actor_start_[t] = static_cast<uint32_t>(b);
    actor_end_[t] = static_cast<uint32_t>(e);
  }
}

int32_t EventCoder::Pass::demonym_actor(size_t k, size_t e, bool coordinated) {
  if (actor_[k] != kNone || !toks_[k].has(kUpperInitial)) return kNone;
  Gazetteer::Hit hit = gaz_.match(doc_, k, e);
  if (!hit || hit.kind != MentionKind::kName) return kNone;
  const GazetteerEntry& g = gaz_.entry(hit.entry);
  const size_t end = k + hit.length;
  if (g.type != EntityType::kNorp || end >= e) return kNone;
  if (coordinated) {
    if (lemma(end) != "and" && lemma(end) != "or") return kNone;
  } else if (!is_noun(pos(end)) || actor_[end] != kNone) {
    return kNone;
  }
  // Not before a named head ("Israeli opposition leader Yair Lapid" is
  // Lapid), nor before a group noun, which acts itself ("Palestinian
  // security forces").
  size_t h = end;
  while (!coordinated && h < e && (is_noun(pos(h)) || pos(h) == Pos::kJJ) && actor_[h] == kNone) ++h;
  if (!coordinated && h < e && actor_[h] != kNone) return kNone;
  if (h > end && dict_.agent(lemma(h - 1))) return kNone;
  int32_t id = kNone;
  for (size_t x = 0; x < doc_.entities.size() && id == kNone; ++x)
    if (doc_.entities[x].type == EntityType::kNorp && doc_.entities[x].name == g.name) id = static_cast<int32_t>(x);
  if (id == kNone) {
    doc_.entities.push_back(entity_of(g));
    id = static_cast<int32_t>(doc_.entities.size() - 1);
  }
  add_mention(id, k, end, MentionKind::kName);
  note_use(k);
  return id;
}

int32_t EventCoder::Pass::country_entity(const std::string& code) {
  for (size_t e = 0; e < doc_.entities.size(); ++e)
    if (doc_.entities[e].actor_code == code && (doc_.entities[e].kind == "country" || doc_.entities[e].kind == "territory"))
      return static_cast<int32_t>(e);
  int32_t entry = gaz_.country(code);
  if (entry == kNone) return kNone;
  doc_.entities.push_back(entity_of(gaz_.entry(entry)));
  return static_cast<int32_t>(doc_.entities.size() - 1);
}

int32_t EventCoder::Pass::clause_target(size_t from, size_t e, int32_t source) const {
  for (size_t k = from; k < e && k < from + 30; ++k) {
    if (boundary(k, false)) return kNone;
    const Pos p = pos(k);
    if (p == Pos::kWDT || p == Pos::kWP || p == Pos::kWPS) return kNone;
    const std::string_view l = lemma(k);
    if (l == "that" && p == Pos::kIN) return kNone;  // "agreed that their countries ...": its content
    // A coordinated call or request of its own: "called each filling a
    // violation, and in 2021 asked the U.N.", "used tear gas and urged X".
    if ((p == Pos::kVBD || p == Pos::kVBZ) && speaker_act(l) && k >= from + 1 &&
        (lemma(k - 1) == "and" || lemma(k - 1) == "but" || (k >= from + 3 && lemma(k - 3) == "and")))
      return kNone;
    if (l == "say" || l == "tell" || l == "report" || l == "accord" || l == "add" || l == "quote" ||
        l == "because" || l == "while" || l == "whereas" || l == "although" || l == "but" || l == "if" ||
        l == "unless" || (l == "as" && k + 1 < e && actor_[k + 1] != kNone))
      return kNone;
    // A phrase of time or cause ends the search: "resigned over the failure
    // to prevent the Hamas attack", "despite Israel's wish".
    if (p == Pos::kIN && (l == "despite" || l == "after" || l == "before" || l == "following" || l == "during" ||
                          l == "amid" || l == "since" || l == "over" || l == "by"))
      return kNone;
    if (actor_[k] == kNone) continue;
    const size_t end = actor_end_[k];
    // Followed by its own verb: the subject of a new clause.
    size_t v = end;
    while (v < e && (pos(v) == Pos::kRB || pos(v) == Pos::kPOS)) ++v;
    if (v < e && v == end && (pos(v) == Pos::kVBD || pos(v) == Pos::kVBZ || pos(v) == Pos::kVBP || pos(v) == Pos::kMD))
      return kNone;
    if (actor_[k] != source) {
      const Entity& ent = doc_.entities[actor_[k]];
      if (ent.type == EntityType::kGpe || ent.type == EntityType::kOrg || ent.type == EntityType::kPerson ||
          ent.type == EntityType::kNorp) {
        note_use(k);
        return actor_[k];
      }
    }
    k = end - 1;
  }
  return kNone;
}

int32_t EventCoder::Pass::noun_actor(size_t n, size_t b, size_t e, bool agent) {
  for (size_t k = n; k > b && k + 6 > n;) {
    --k;
    if (actor_[k] != kNone) {
      const EntityType t = doc_.entities[actor_[k]].type;
      if (t == EntityType::kLoc || t == EntityType::kFac) break;
      note_use(k);
      return actor_[k];
    }
    if (toks_[k].kind == TokenKind::kClitic) continue;
    if (pos(k) == Pos::kPRPS) break;
    if (int32_t a = demonym_actor(k, e); a != kNone) return a;
    if (pos(k) != Pos::kJJ && pos(k) != Pos::kNN && pos(k) != Pos::kNNS && pos(k) != Pos::kCD &&
        pos(k) != Pos::kVBN && pos(k) != Pos::kRB)
      break;
  }
  if (agent && n + 1 < e && (lemma(n + 1) == "by" || lemma(n + 1) == "from"))
    return mention_after(n + 1, e, lemma(n + 1));
  return kNone;
}

bool EventCoder::Pass::irregular(int32_t entity) const {
  if (entity == kNone) return false;
  const std::string& code = doc_.entities[entity].actor_code;
  for (size_t k = 0; k + 3 <= code.size(); k += 3) {
    const std::string_view sector = std::string_view(code).substr(k, 3);
    if (sector == "REB" || sector == "INS" || sector == "CRM" || sector == "UAF") return true;
  }
  return false;
}

int32_t EventCoder::Pass::object_owner(size_t noun, size_t after, size_t e) {
  if (int32_t a = group_actor(noun, after); a != kNone) return a;
  if (int32_t a = noun_actor(noun, after, e, false); a != kNone) return a;
  if (noun + 2 < e && lemma(noun + 1) == "of") {
    size_t k = noun + 2;
    while (k < e && (pos(k) == Pos::kDT || pos(k) == Pos::kJJ)) ++k;
    if (k < e && actor_[k] != kNone) {
      const EntityType t = doc_.entities[actor_[k]].type;
      if (t == EntityType::kOrg || t == EntityType::kGpe || t == EntityType::kNorp) {
        note_use(k);
        return actor_[k];
      }
    }
  }
  return kNone;
}

}  // namespace sitrep
