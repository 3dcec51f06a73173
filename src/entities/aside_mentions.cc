// Aside mentions: what exhaustive output (--mentions all) lists beyond the
// mentions every stage uses. Exhaustive corpora (ACE, MEANTIME) annotate a
// proper adjective as a mention of its country ("Japanese" in "Japanese
// stocks"), a role before a name as a mention of the person ("Apple CEO" in
// "Apple CEO Steve Jobs"), and every noun phrase that names a thing, even
// once ("the world", "a cash payment"). Later stages do not see them: an
// adjective or a lone phrase is no actor, speaker or source.
#include <string>
#include <unordered_map>

#include "entities/coreference_pass.h"
#include "text/chars.h"

namespace sitrep {

void Coreference::Pass::add_aside(size_t b, size_t e, MentionKind kind, int32_t entity, bool own, EntityType type) {
  doc_.aside_mentions.push_back({doc_.mention_over(b, e, kind, entity, type), own});
}

void Coreference::Pass::aside() {
  std::vector<char> in_role(toks_.size(), 0);  // token → inside a role before a name
  aside_adjectives();
  aside_roles(in_role);
  aside_phrases(in_role);
}

void Coreference::Pass::aside_adjectives() {
  std::unordered_map<std::string, int32_t> country_entity;  // country code → its entity, or its own aside entity
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    const Entity& ent = doc_.entities[e];
    if ((ent.kind == "country" || ent.kind == "territory") && !ent.country.empty())
      country_entity.emplace(ent.country, static_cast<int32_t>(e));
  }
  std::unordered_map<std::string, int32_t> own_country;
  for (const Sentence& s : doc_.sentences)
    for (size_t t = s.first_token; t < s.end_token; ++t) {
      if (!is_cap_word(t)) continue;
      // A name covering the word is the name's: "Japanese" in "Japanese Red Cross".
      if (covered_[t] != kNone && doc_.mentions[covered_[t]].kind != MentionKind::kNominal) continue;
      Gazetteer::Hit hit = gaz_.match(doc_, t, s.end_token);
      if (!hit) continue;
      const GazetteerEntry& g = gaz_.entry(hit.entry);
      const size_t after = t + hit.length;
      // An adjective before a word of its phrase; a demonym alone ("the
      // Japanese") is a name of the people, which the names stage finds.
      if (g.type != EntityType::kNorp || g.country.empty() || after >= s.end_token) continue;
      const Pos p = doc_.pos[after];
      if (p != Pos::kNN && p != Pos::kNNS && p != Pos::kJJ && p != Pos::kNNP && p != Pos::kNNPS && p != Pos::kVBN &&
          p != Pos::kVBG)
        continue;
      if (auto it = country_entity.find(g.country); it != country_entity.end()) {
        add_aside(t, after, MentionKind::kNominal, it->second, false, EntityType::kGpe);
      } else {
        auto [own, fresh] = own_country.emplace(g.country, static_cast<int32_t>(doc_.aside_entities.size()));
        if (fresh) {
          const int32_t entry = gaz_.country(g.country);
          Entity country;
          country.type = EntityType::kGpe;
          country.name = entry != kNone ? gaz_.entry(entry).name : std::string(text(t));
          country.country = g.country;
          country.actor_code = entry != kNone ? gaz_.entry(entry).actor_code : g.country;
          doc_.aside_entities.push_back(std::move(country));
        }
        add_aside(t, after, MentionKind::kNominal, own->second, true, EntityType::kGpe);
      }
      t = after - 1;
    }
}

void Coreference::Pass::aside_roles(std::vector<char>& in_role) {
  const size_t names = doc_.mentions.size();
  for (size_t mi = 0; mi < names; ++mi) {
    const Mention& m = doc_.mentions[mi];
    if (m.kind != MentionKind::kName || m.entity == kNone || m.title.empty()) continue;
    if (doc_.entities[m.entity].type != EntityType::kPerson) continue;
    size_t start = token_at(m.title.begin);
    if (start >= m.first_token) continue;
    // Words that qualify the role: "defence analyst", "former finance minister".
    const size_t sentence_start = doc_.sentences[sentence_of_[start]].first_token;
    for (int n = 0; n < 3 && start > sentence_start && covered_[start - 1] == kNone && lower_word(toks_[start - 1]) &&
                    (doc_.pos[start - 1] == Pos::kNN || doc_.pos[start - 1] == Pos::kJJ);
         ++n)
      --start;
    // Whose role it is: "Apple CEO", "Japan's prime minister", "U.S. President".
    if (start >= 2 && toks_[start - 1].kind == TokenKind::kClitic) {
      const int32_t owner = covered_[start - 2];
      if (owner != kNone && doc_.mentions[owner].kind == MentionKind::kName) start = doc_.mentions[owner].first_token;
    } else if (start >= 1 && covered_[start - 1] != kNone) {
      const Mention& owner = doc_.mentions[covered_[start - 1]];
      if (owner.kind == MentionKind::kName && owner.end_token == start && owner.entity != kNone &&
          doc_.entities[owner.entity].type != EntityType::kPerson)
        start = owner.first_token;
    } else {
      // A demonym of up to three words: "Israeli opposition leader".
      for (size_t b = start; b > sentence_start && start - b < 3;) {
        --b;
        if (Gazetteer::Hit hit = gaz_.match(doc_, b, start);
            hit && b + hit.length == start && gaz_.entry(hit.entry).type == EntityType::kNorp) {
          start = b;
          break;
        }
      }
    }
    add_aside(start, m.first_token, MentionKind::kNominal, m.entity, false, EntityType::kPerson);
    for (size_t k = start; k < m.first_token; ++k) in_role[k] = 1;
  }
}

void Coreference::Pass::aside_phrases(const std::vector<char>& in_role) {
  std::unordered_map<std::string, int32_t> by_text;  // a phrase's words, lower case, without "the" → its aside entity
  std::string key;
  for (const NounPhrase& np : nps_) {
    if (covered_[np.head] != kNone || in_role[np.head]) continue;
    // A phrase that starts inside a name is part of it.
    if (covered_[np.first] != kNone && doc_.mentions[covered_[np.first]].first_token < np.first) continue;
    const Nominal* n = nominal_of(np.head);
    if (n == nullptr || n->type == EntityType::kEvent) continue;
    key.clear();
    for (size_t k = np.first; k < np.end; ++k) {
      if (k == np.first && (np.determiner == Determiner::kDefinite || np.determiner == Determiner::kIndefinite))
        continue;
      if (!key.empty()) key += ' ';
      append_ascii_lower(key, text(k));
    }
    auto [it, fresh] = by_text.emplace(key, static_cast<int32_t>(doc_.aside_entities.size()));
    const EntityType type = n != nullptr ? n->type : EntityType::kOther;
    if (fresh) {
      Entity thing;
      thing.type = type;
      thing.name = std::string(doc_.text_of(ByteSpan{toks_[np.first].begin, toks_[np.end - 1].end}));
      doc_.aside_entities.push_back(std::move(thing));
    }
    add_aside(np.first, np.end, MentionKind::kNominal, it->second, true, type);
  }
}

}  // namespace sitrep
