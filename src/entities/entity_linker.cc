#include "entities/entity_linker.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/chars.h"

namespace sitrep {

namespace {

// Words of a name, split on spaces.
std::vector<std::string_view> words(std::string_view name) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < name.size()) {
    size_t sp = name.find(' ', start);
    if (sp == std::string_view::npos) sp = name.size();
    if (sp > start) out.push_back(name.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

// "Israel Defense Forces" → "IDF": the initials of the capitalised words.
std::string initials(std::string_view name) {
  std::string out;
  for (std::string_view w : words(name))
    if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') out += w[0];
  return out;
}

// How much a mention's type can be trusted: lexicon, then a title or the
// words around it ("fighting in X"), then a typing head word (several
// words), then a bare guess.
int trust(const Mention& m) {
  if (m.lexicon_entry != kNone) return 3;
  if (!m.title.empty() || m.typed_by_context) return 2;
  return m.end_token - m.first_token > 1 ? 1 : 0;
}

}  // namespace

void EntityLinker::run(Document& doc) const {
  doc.entities.clear();
  const Gazetteer& gaz = *gazetteer_;
  std::stable_sort(doc.mentions.begin(), doc.mentions.end(),
                   [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });

  std::unordered_map<int32_t, int32_t> by_entry;
  std::unordered_map<std::string_view, int32_t> by_text;
  std::vector<int> entity_trust;
  // The first and last words and the initials of every name of two words or
  // more → the entities with that name: a short form is looked up, not
  // searched for among all entities, so linking stays linear in the article.
  std::unordered_map<std::string, std::vector<int32_t>> by_part;
  auto index_name = [&](int32_t e) {
    const std::string& name = doc.entities[e].name;
    auto ws = words(name);
    if (ws.size() < 2) return;
    by_part[std::string(ws.front())].push_back(e);
    if (ws.back() != ws.front()) by_part[std::string(ws.back())].push_back(e);
    if (std::string ini = initials(name); !ini.empty()) by_part['\x01' + ini].push_back(e);
  };

  // Whether the mention shortens entity e's name: a person's first or last
  // name, an organisation's initials or first word.
  auto shortens = [&](const Mention& m, std::string_view text, int32_t e) {
    const Entity& ent = doc.entities[e];
    auto ws = words(ent.name);
    if (ws.size() < 2) return false;
    const bool one_word = m.end_token - m.first_token == 1;
    if (ent.type == EntityType::kPerson && one_word && (ws.back() == text || ws.front() == text)) return true;
    if (ent.type == EntityType::kOrg && doc.tokens[m.first_token].has(kAllUpper) && initials(ent.name) == text)
      return true;
    return ent.type == EntityType::kOrg && m.end_token - m.first_token == 1 && ws.front() == text &&
           m.lexicon_entry == kNone;
  };

  // The latest entity whose name this mention shortens.
  auto find_short_form = [&](const Mention& m, std::string_view text) -> int32_t {
    int32_t best = kNone;
    for (const std::string& key : {std::string(text), '\x01' + std::string(text)}) {
      auto it = by_part.find(key);
      if (it == by_part.end()) continue;
      for (int32_t e : it->second)
        if (e > best && shortens(m, text, e)) best = e;
    }
    return best;
  };

  for (size_t mi = 0; mi < doc.mentions.size(); ++mi) {
    Mention& m = doc.mentions[mi];
    std::string_view text = doc.text_of(m.span);
    int32_t ent = kNone;
    if (m.lexicon_entry != kNone) {
      if (auto it = by_entry.find(m.lexicon_entry); it != by_entry.end()) ent = it->second;
    }
    if (ent == kNone && m.kind == MentionKind::kName) {
      if (auto it = by_text.find(text); it != by_text.end()) ent = it->second;
      // "Justice Cardona ... Cardona said", "Joshua Norton ... Norton moved
      // ... Norton died": the same word as the article's person (titled, or
      // a short form of the full name taken already) is that person, not
      // the town the lists know.
      if (ent != kNone && m.lexicon_entry != kNone && doc.entities[ent].type == EntityType::kPerson &&
          doc.entities[ent].actor_code.empty() && gaz.entry(m.lexicon_entry).type != EntityType::kPerson &&
          gaz.entry(m.lexicon_entry).priority >= 4 && entity_trust[ent] < 3) {
        m.lexicon_entry = kNone;
        m.type = EntityType::kPerson;
      }
    }
    if (ent == kNone && m.kind == MentionKind::kName && m.lexicon_entry == kNone) ent = find_short_form(m, text);
    // "Villanueva" after "Carlos Villanueva" is the person, not the town; "Mr
    // Sullivan" after "Scott Sullivan" is Scott Sullivan, not a famous Sullivan
    // of the lists: the article's own earlier name comes first.
    if (ent == kNone && m.lexicon_entry != kNone &&
        (gaz.entry(m.lexicon_entry).priority >= 4 || gaz.entry(m.lexicon_entry).type == EntityType::kPerson) &&
        m.end_token - m.first_token == 1) {
      ent = find_short_form(m, text);
      if (ent != kNone && doc.entities[ent].type == EntityType::kPerson) {
        m.lexicon_entry = kNone;
        m.type = EntityType::kPerson;
      } else {
        ent = kNone;
      }
    }
    if (ent == kNone) {
      Entity e;
      e.type = m.type;
      if (m.lexicon_entry != kNone) {
        const GazetteerEntry& g = gaz.entry(m.lexicon_entry);
        e.name = g.name;
        e.actor_code = g.actor_code;
        e.country = g.country;
        e.kind = g.kind;
        e.gender = g.gender;
        if (g.type == EntityType::kPerson) e.role = g.role;
      } else {
        e.name = std::string(text);
      }
      doc.entities.push_back(std::move(e));
      entity_trust.push_back(-1);
      ent = static_cast<int32_t>(doc.entities.size() - 1);
      index_name(ent);
    }
    Entity& e = doc.entities[ent];
    m.entity = ent;
    e.mentions.push_back(static_cast<int32_t>(mi));
    if (trust(m) > entity_trust[ent]) {
      entity_trust[ent] = trust(m);
      e.type = m.type;
    }
    if (m.kind == MentionKind::kName && m.lexicon_entry == kNone && text.size() > e.name.size() &&
        e.actor_code.empty()) {
      e.name = std::string(text);
      index_name(ent);
    }
    if (m.title.size() > e.title.size()) e.title = std::string(doc.text_of(m.title));
    if (m.lexicon_entry != kNone) by_entry.emplace(m.lexicon_entry, ent);
    if (m.kind == MentionKind::kName) by_text.emplace(text, ent);
  }
  // Entities that are another's short form are merged into it (into[e]).
  std::vector<int32_t> into(doc.entities.size(), kNone);
  bool merged = false;
  // The one person of two words or more whose last word is `surname`, other
  // than entity `except` and not merged away; kNone when none or several.
  auto only_person = [&](std::string_view surname, size_t except) -> int32_t {
    auto it = by_part.find(std::string(surname));
    if (it == by_part.end()) return kNone;
    int32_t person = kNone;
    for (int32_t p : it->second) {
      if (p == static_cast<int32_t>(except) || p == person || into[p] != kNone ||
          doc.entities[p].type != EntityType::kPerson || words(doc.entities[p].name).back() != surname)
        continue;
      if (person != kNone) return kNone;
      person = p;
    }
    return person;
  };
  // A surname before the full name ("Mwansa wins" in the headline, "Joseph
  // Mwansa" in the body) made an entity of its own with a guessed type: it
  // is the person's, when one person alone has that surname.
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& short_form = doc.entities[e];
    // Not a place by the words around it ("fighting in Coron" is no
    // Penon de Coron).
    if (entity_trust[e] > 2 || (entity_trust[e] == 2 && short_form.type != EntityType::kPerson) ||
        !short_form.actor_code.empty() || words(short_form.name).size() != 1)
      continue;
    if (const int32_t person = only_person(short_form.name, e); person != kNone) {
      into[e] = person;
      merged = true;
    }
  }
  // A surname that the lists took for a famous person ("Sullivan testifies"
  // in the headline: Jake Sullivan) before the article's own full name
  // ("Scott Sullivan told jurors") is the article's person, when one person
  // alone has that surname there; later mentions of the surname followed the
  // lists' entity, and go with it. (After the full name, the full name comes
  // first already: find_short_form.)
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& listed = doc.entities[e];
    if (into[e] != kNone || listed.type != EntityType::kPerson || words(listed.name).size() < 2) continue;
    const std::string_view surname = words(listed.name).back();
    bool by_surname = !listed.mentions.empty();
    for (int32_t mi : listed.mentions) {
      const Mention& m = doc.mentions[mi];
      by_surname = by_surname && m.kind == MentionKind::kName && m.lexicon_entry != kNone &&
                   m.end_token - m.first_token == 1 && doc.text_of(m.span) == surname;
    }
    if (!by_surname) continue;
    const int32_t person = only_person(surname, e);
    if (person == kNone) continue;
    for (int32_t mi : listed.mentions) doc.mentions[mi].lexicon_entry = kNone;  // no longer the lists' person
    into[e] = person;
    merged = true;
  }
  // A name in a line of capitals ("WORLDCOM", "EBBERS" in "EBBERS DENIES
  // WORLDCOM FRAUD") is the entity whose name it spells in the article's
  // ordinary case, or the one person whose surname it is.
  auto all_upper = [](std::string_view n) {
    size_t letters = 0;
    for (unsigned char c : n) {
      if (c >= 'a' && c <= 'z') return false;
      letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
  };
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& caps = doc.entities[e];
    if (into[e] != kNone || !caps.actor_code.empty() || !all_upper(caps.name)) continue;
    int32_t match = kNone;
    int matches = 0;
    for (size_t o = 0; o < doc.entities.size(); ++o) {
      const Entity& other = doc.entities[o];
      if (o == e || into[o] != kNone || all_upper(other.name)) continue;
      if (equals_ascii_folded(caps.name, other.name) ||
          (other.type == EntityType::kPerson && words(other.name).size() >= 2 &&
           equals_ascii_folded(caps.name, words(other.name).back()))) {
        match = static_cast<int32_t>(o);
        ++matches;
      }
    }
    if (matches != 1) continue;
    into[e] = match;
    merged = true;
  }
  if (merged) {
    std::vector<int32_t> renumber(doc.entities.size(), kNone);
    int32_t kept = 0;
    for (size_t e = 0; e < doc.entities.size(); ++e)
      if (into[e] == kNone) renumber[e] = kept++;
    for (Mention& m : doc.mentions) {
      // Follow a chain of merges ("EBBERS" into a short form merged in turn) to its end.
      int32_t target = m.entity;
      for (size_t steps = 0; into[target] != kNone && steps < into.size(); ++steps) target = into[target];
      m.entity = renumber[target];
    }
    size_t out = 0;
    for (size_t e = 0; e < doc.entities.size(); ++e)
      if (into[e] == kNone) {
        if (out != e) doc.entities[out] = std::move(doc.entities[e]);  // never onto itself: that empties it
        ++out;
      }
    doc.entities.resize(out);
    for (Entity& e : doc.entities) e.mentions.clear();
    for (size_t i = 0; i < doc.mentions.size(); ++i)
      doc.entities[doc.mentions[i].entity].mentions.push_back(static_cast<int32_t>(i));
  }
  // One name, one type: every mention takes its entity's type.
  for (Mention& m : doc.mentions) m.type = doc.entities[m.entity].type;
}

}  // namespace sitrep
