// SpeakerReader: who speaks through a cue — the entity of the cue's subject
// (left of the cue, across an apposition or a "who" clause; right of it in
// inversion; inherited from the clause's earlier cue), with pronoun and role
// fallbacks while coreference does not yet give every subject a mention.
// Private to src/speech; QuoteFinder's passes build on it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "speech/speech_reader.h"

namespace sitrep {

class SpeakerReader : public SpeechReader {
 protected:
  SpeakerReader(Document& doc, const Lex& lex) : SpeechReader(doc, lex) {}

  // The entity that speaks through the cue at c, or kNone.
  int32_t speaker_of_cue(uint32_t c, int depth = 0) const {
    if (depth > 4) return kNone;
    const Sentence& s = sentence_of(c);
    const uint32_t after = c + cue_len_[c];
    // the subject never reaches back across a quote mark, nor beyond reach
    uint32_t lo = std::max(s.first_token, c > kReach ? c - kReach : 0);
    for (uint32_t t = c; t > lo; --t)
      if (is_mark(t - 1)) {
        lo = t;
        break;
      }
    const uint32_t j = skip_adverbs_back(c, lo);
    if (j <= lo)  // “…,” said X  /  “…,” noting that ...: the participle's clause's subject
      return gerund(c) ? inherited(c, depth) : subject_after(after, s.end_token, depth);
    const uint32_t h = j - 1;
    if (gerund(c)) {
      // A participle speaks for its clause's subject ("..., adding", "released a
      // statement saying"), unless a name stands right before it ("with analyst
      // David Strauss saying", "quoted Djamal as saying").
      uint32_t g = h;
      if (g > lo && text(g) == "as") --g;
      if (mention_end_[g] != kNone && doc_.mentions[static_cast<size_t>(mention_end_[g])].kind == MentionKind::kName)
        return speaking(doc_.mentions[static_cast<size_t>(mention_end_[g])].entity);
      return inherited(c, depth);
    }
    if (is_comma(h)) {
      // ", said the agency": a subject and nothing more before the clause ends
      uint32_t stop = after;
      while (stop < s.end_token && !is_comma(stop) && !is_final(stop) && stop < after + kReach) ++stop;
      if (starts_subject(after) && !has_verb_sign(after, stop)) return subject_after(after, stop, depth);
      // "his challenger refused to concede, demanded a recount and called ...": a list of verb phrases
      uint32_t k = h;
      while (k > lo && !is_comma(k - 1)) --k;
      // (an apposition or "who" clause opens with its verb or pronoun: "X, led by Y, said")
      if (k < h && !(bits_[k] & Lex::kRelative) && !has_verb_sign(k, k + 1))
        for (uint32_t v = k + 1; v < h; ++v)
          if (has_verb_sign(v, v + 1)) {
            const uint32_t e = skip_adverbs_back(v, k);
            return e > k ? np_entity(e - 1, lo, depth) : kNone;
          }
      return across_apposition(h, lo, depth);
    }
    if (bits_[h] & Lex::kCoordinator) return inherited(c, depth);  // ... and warned
    // "Officials who spoke on condition of anonymity said": the phrase before "who"
    for (uint32_t r = h; r > lo && h - r < 12; --r) {
      if (is_punct(r) || is_mark(r)) break;
      if ((bits_[r] & Lex::kRelative) && equals_lower(text(r), "who") && r < h) {
        if (int32_t e = np_entity(r - 1, lo, depth); e != kNone) return e;
        break;
      }
    }
    if (bits_[h] & Lex::kRelative) {  // Lapid, who called it ...
      uint32_t a = h;
      if (a > lo && is_comma(a - 1)) --a;
      return a > lo ? np_entity(a - 1, lo, depth) : kNone;
    }
    return np_entity(h, lo, depth);
  }

  // NAME, APPOSITION, cue  /  APPOSITION, NAME, cue: a bare name between the
  // commas is the subject; otherwise the phrase before the first comma is.
  int32_t across_apposition(uint32_t comma, uint32_t lo, int depth) const {
    uint32_t k = comma;
    while (k > lo && !is_comma(k - 1)) --k;
    if (k <= lo) return kNone;
    // (k, comma) holds the apposition; k - 1 is the comma before it
    if (mention_start_[k] != kNone) {
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[k])];
      if (m.end_token == comma && m.kind == MentionKind::kName) return speaking(m.entity);
    }
    // DESCRIPTION, title NAME, cue: "The mission’s chief, Dutch lawmaker Pieter
    // van Dijk, said" (not "Lapid, a former aide to Netanyahu, said")
    if (mention_end_[comma - 1] != kNone && k - 1 > lo && mention_end_[k - 2] == kNone) {
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_end_[comma - 1])];
      bool title = m.kind == MentionKind::kName && m.type == EntityType::kPerson && m.first_token > k &&
                   m.first_token - k <= 4;
      for (uint32_t t = k; title && t < m.first_token; ++t)
        title = is_word(t) && !(bits_[t] & (Lex::kDeterminer | Lex::kPossessive | Lex::kPreposition | Lex::kPronoun |
                                            Lex::kRelative | Lex::kCoordinator | kOfWord | kToWord)) &&
                !has_verb_sign(t, t + 1);
      if (title) return speaking(m.entity);
    }
    return k - 1 > lo ? np_entity(k - 2, lo, depth) : kNone;
  }

  // The entity of the noun phrase whose last token is h.
  int32_t np_entity(uint32_t h, uint32_t lo, int depth) const {
    // "a spokesman for the ministry", "people familiar with the matter", "aides
    // to the senator": the person's noun before the preposition heads the
    // phrase (but "a spokesman for Hamas" speaks for Hamas, below)
    if (is_word(h) && !(bits_[h] & (Lex::kPronoun | Lex::kFirstPerson)) &&
        !(mention_end_[h] != kNone && doc_.mentions[static_cast<size_t>(mention_end_[h])].kind == MentionKind::kName)) {
      uint32_t t = h;
      while (t > lo && h - t < 5 && is_word(t - 1) &&
             !(bits_[t - 1] & (Lex::kDeterminer | Lex::kPossessive | Lex::kPreposition | kToWord | kOfWord)))
        --t;
      if (t > lo && (bits_[t - 1] & (Lex::kDeterminer | Lex::kPossessive))) --t;
      if (int64_t g = governing_source(t, lo); g >= 0)
        return unnamed_source(phrase_start(static_cast<uint32_t>(g), lo), h, static_cast<uint32_t>(g));
    }
    if (mention_end_[h] != kNone) {
      // A name is taken as it is. A pronoun first gets the speech reading
      // (who spoke last is something coreference does not weigh), then
      // coreference's link; a link to something that cannot speak (a storm,
      // a city as a place) falls through to the stage's own reading.
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_end_[h])];
      if (m.kind == MentionKind::kName) {
        // "the Eastern Theater Command of the People’s Liberation Army": the name before "of"
        uint32_t f = m.first_token;
        if (f > lo + 1 && equals_lower(text(f - 1), "the")) --f;
        if (f > lo + 1 && (bits_[f - 1] & kOfWord) && mention_end_[f - 2] != kNone) {
          const Mention& head = doc_.mentions[static_cast<size_t>(mention_end_[f - 2])];
          if (head.kind == MentionKind::kName && speaking(head.entity) != kNone) return head.entity;
        }
        return speaking(m.entity);
      }
      if (m.kind == MentionKind::kPronoun && (bits_[h] & Lex::kPronoun)) {
        int32_t e = pronoun_entity(h, depth, false);
        if (e != kNone) return e;
      }
      if (m.kind == MentionKind::kNominal && m.end_token == h + 1 && equals_lower(text(m.first_token), "the"))
        if (int32_t u = repeated_source(mention_end_[h]); u != kNone) return u;
      if (speaking(m.entity) != kNone) return m.entity;
    }
    if (text(h) == ")" && h > lo) {  // The Confederation of African Football (CAF)
      uint32_t o = h;
      while (o > lo && text(o) != "(") --o;
      if (o > lo) return np_entity(o - 1, lo, depth);
    }
    const uint32_t b = bits_[h];
    if (b & Lex::kFirstPerson) return kNone;
    if (b & Lex::kPronoun) return pronoun_entity(h, depth);
    if (b & (Lex::kRole | Lex::kSource)) {
      uint32_t t = h;
      while (t > lo && is_word(t - 1) && !(bits_[t - 1] & Lex::kDeterminer) && h - t < 5) --t;
      // A person's office or spokesman speaks for that person: "President
      // Tomas Reyes’s office said"; an organisation's or a country's office,
      // delegation or air force is a source of its own, below.
      if ((b & Lex::kRole) && t > lo + 1 && doc_.tokens[t - 1].kind == TokenKind::kClitic &&
          mention_end_[t - 2] != kNone) {
        const int32_t owner = doc_.mentions[static_cast<size_t>(mention_end_[t - 2])].entity;
        if (owner != kNone && doc_.entities[static_cast<size_t>(owner)].type == EntityType::kPerson) return owner;
      }
      const uint32_t first = phrase_start(h, lo);
      return definite_source(first, h);
    }
    return kNone;
  }

  // ---- unnamed sources ----------------------------------------------------

  // A source given by a description, whose head at h names people or a body
  // by function or group ("the minister", "the civil society group", "The
  // Teamsters union"): the earlier unnamed source it repeats, else for a
  // definite singular role with no name among its modifiers the most recent
  // compatible entity (what "the minister" points back to), else a source of
  // its own.
  int32_t definite_source(uint32_t first, uint32_t h) const {
    const bool definite = equals_lower(text(first), "the");
    if (definite) {
      if (int32_t e = earlier_source(first, h); e != kNone) return e;
      if ((bits_[h] & Lex::kRole) && !named_modifier(first, h) && !has_possessor(first, h)) {
        if (int32_t e = recent_entity(refers_to(h), first, 0, false); e != kNone) return e;
      }
    }
    return unnamed_source(first, h);
  }

  // The first token of the noun phrase whose head is h ("a senior official",
  // "Western diplomats", "Ukraine’s air force", "the EU mission’s chief"):
  // back over modifiers to a determiner or possessive, which it keeps; never
  // before lo.
  uint32_t phrase_start(uint32_t h, uint32_t lo) const {
    uint32_t t = h;
    while (t > lo && h - t < 7) {
      const uint32_t p = t - 1;
      const uint32_t b = bits_[p];
      const TokenKind k = doc_.tokens[p].kind;
      if (b & (Lex::kDeterminer | Lex::kPossessive)) return p;
      if (k == TokenKind::kClitic) {  // Ukraine’s [air force]
        if (p > lo && (is_word(p - 1) || doc_.tokens[p - 1].kind == TokenKind::kAbbrev)) {
          t = p;
          continue;
        }
        break;
      }
      if (k != TokenKind::kWord && k != TokenKind::kAbbrev && k != TokenKind::kNumber) break;
      if (b & (Lex::kPronoun | Lex::kFirstPerson | Lex::kRelative | Lex::kPreposition | Lex::kCoordinator |
               Lex::kSubordinator | Lex::kAuxiliary | Lex::kPast | Lex::kAdverb | Lex::kConcessive | Lex::kQuestion |
               kThatWord | kToWord | kOfWord | kBeWord))
        break;
      if (cue_[p] >= 0 || has_verb_sign(p, p + 1)) break;
      t = p;
    }
    return t;
  }

  // "the group’s leader": a possessor among the modifiers describes the source itself.
  bool has_possessor(uint32_t first, uint32_t h) const {
    for (uint32_t t = first + 1; t < h; ++t)
      if (doc_.tokens[t].kind == TokenKind::kClitic) return true;
    return false;
  }

  // A capitalised word among the modifiers ("The Teamsters union", "the EU
  // mission’s chief"): the phrase names its own source, not one before it.
  bool named_modifier(uint32_t first, uint32_t h) const {
    const uint32_t start = content_start(sentence_of(h));
    for (uint32_t t = first + 1; t < h; ++t)
      if (t != start && (doc_.tokens[t].has(kUpperInitial) || doc_.tokens[t].kind == TokenKind::kAbbrev)) return true;
    return false;
  }

  // When the noun phrase starting at t is the object of a preposition after a
  // person's noun with no determiner of its own or an indefinite one ("a
  // spokesman for the ministry", "officials at the embassy", "aides to the
  // senator", "sources close to the talks", "people familiar with the
  // matter"), that noun; else -1.
  int64_t governing_source(uint32_t t, uint32_t lo) const {
    if (t < lo + 2) return -1;
    uint32_t p = t - 1;
    if (equals_lower(text(p), "to") && p > lo + 1 && equals_lower(text(p - 1), "close")) --p;
    else if (equals_lower(text(p), "with") && p > lo + 1 && equals_lower(text(p - 1), "familiar")) --p;
    else if (!(equals_lower(text(p), "for") || equals_lower(text(p), "at") || equals_lower(text(p), "in") ||
               equals_lower(text(p), "from") || equals_lower(text(p), "with") || equals_lower(text(p), "to")))
      return -1;
    if (p <= lo) return -1;
    const uint32_t g = p - 1;
    if (!is_word(g) || !(bits_[g] & (Lex::kRole | Lex::kSource)) || !(refers_to(g) & (1u << static_cast<unsigned>(EntityType::kPerson))))
      return -1;
    const uint32_t first = phrase_start(g, lo);
    if (equals_lower(text(first), "the") || (bits_[first] & Lex::kPossessive)) return -1;
    return g;
  }

  // The latest unnamed source made before whose words a definite phrase
  // [first, h] repeats ("The civil society group" after "a local civil
  // society group", "the official" after "An Ethiopian official"), or -1.
  int64_t repeated(uint32_t first, uint32_t h) const {
    // (salience fades: the most recent kRecentSources are looked at)
    for (size_t k = unnamed_.size(); k-- > 0 && k + kRecentSources > unnamed_.size();) {
      const UnnamedSource& u = unnamed_[k];
      if (!equals_lower(text(h), u.head)) continue;
      bool all = true;
      for (uint32_t t = first + 1; t < h && all; ++t)
        all = doc_.tokens[t].kind == TokenKind::kClitic || contains_word(u.words, text(t));
      if (all && last_mention_before(u.entity, first, kNone) >= 0) return static_cast<int64_t>(k);
    }
    return -1;
  }

  int32_t earlier_source(uint32_t first, uint32_t h) const {
    const int64_t k = repeated(first, h);
    if (k < 0) return kNone;
    const int32_t e = unnamed_[static_cast<size_t>(k)].entity;
    add_source_mention(e, first, h + 1);
    return e;
  }

  // The first token of entity e's last mention before token t, other than
  // mention `skip`; -1 when it has none.
  int64_t last_mention_before(int32_t e, uint32_t t, int32_t skip) const {
    if (e == kNone) return -1;
    // (an entity's mentions are in text order: a binary search, then a step or two back)
    const std::vector<int32_t>& ms = doc_.entities[static_cast<size_t>(e)].mentions;
    auto it = std::lower_bound(ms.begin(), ms.end(), t, [&](int32_t mi, uint32_t x) {
      return doc_.mentions[static_cast<size_t>(mi)].first_token < x;
    });
    for (int k = 0; k < 4 && it != ms.begin(); ++k) {
      const int32_t mi = *--it;
      if (mi != skip && doc_.mentions[static_cast<size_t>(mi)].entity == e)
        return doc_.mentions[static_cast<size_t>(mi)].first_token;
    }
    return -1;
  }

  // A definite description that coreference linked elsewhere, when it repeats
  // the words of an unnamed source ("The civil society group" after "a local
  // civil society group"), or its head and it was mentioned since ("An
  // Ethiopian official said ... “...,” the official said"): the mention moves
  // to that source, which is returned.
  int32_t repeated_source(int32_t mi) const {
    Mention& m = doc_.mentions[static_cast<size_t>(mi)];
    const int64_t k = repeated(m.first_token, m.end_token - 1);
    if (k < 0) return kNone;
    const int32_t u = unnamed_[static_cast<size_t>(k)].entity;
    if (u == m.entity) return u;
    // Words beyond the head that repeat it ("civil society") outweigh coreference; a
    // bare head ("the official") goes to whichever was mentioned last.
    const bool modified = m.end_token > m.first_token + 2;
    if (!modified && last_mention_before(m.entity, m.first_token, mi) > last_mention_before(u, m.first_token, mi))
      return kNone;
    if (m.entity != kNone) relinked_.push_back(m.entity);  // its list drops the mention in finish_sources()
    m.entity = u;
    m.type = doc_.entities[static_cast<size_t>(u)].type;
    insert_in_text_order(u, mi);
    return u;
  }

  // Mention mi joins entity id's list of mentions, which stays in text order.
  void insert_in_text_order(int32_t id, int32_t mi) const {
    std::vector<int32_t>& ms = doc_.entities[static_cast<size_t>(id)].mentions;
    ms.insert(std::upper_bound(ms.begin(), ms.end(), mi,
                               [&](int32_t x, int32_t y) {
                                 return doc_.mentions[static_cast<size_t>(x)].span.begin <
                                        doc_.mentions[static_cast<size_t>(y)].span.begin;
                               }),
              mi);
  }

  // The phrase [first, head] as a source of its own (Entity::kind "source",
  // one nominal mention), or the same words said again; kNone for a
  // first-person phrase ("our sources") or a head that names no person or body.
  int32_t unnamed_source(uint32_t first, uint32_t head) const { return unnamed_source(first, head, head); }

  // The same, for a phrase whose noun `noun` is not its last word ("people
  // familiar with the matter"), which gives the entity type.
  int32_t unnamed_source(uint32_t first, uint32_t head, uint32_t noun) const {
    if (mention_start_[first] != kNone) {
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[first])];
      if (m.end_token == head + 1 && m.entity != kNone) return speaking(m.entity);
    }
    constexpr uint16_t kPersonBit = 1u << static_cast<unsigned>(EntityType::kPerson);
    constexpr uint16_t kOrgBit = 1u << static_cast<unsigned>(EntityType::kOrg);
    const uint16_t types = refers_to(noun) & (kPersonBit | kOrgBit);
    if (!types || (bits_[first] & Lex::kFirstPerson) || ((bits_[first] & Lex::kPossessive) && !refers_to(first)))
      return kNone;
    const bool article = equals_lower(text(first), "a") || equals_lower(text(first), "an") ||
                         equals_lower(text(first), "the");
    const uint32_t from = article && first < head ? first + 1 : first;
    std::string words;
    for (uint32_t t = from; t <= head; ++t) {
      if (t > from && doc_.tokens[t].kind != TokenKind::kClitic) words += ' ';
      for (char c : text(t)) words += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    // the same words, not after an indefinite article ("a spokesman" twice may be two people)
    if (!equals_lower(text(first), "a") && !equals_lower(text(first), "an"))
      for (size_t k = unnamed_.size(); k-- > 0 && k + kRecentSources > unnamed_.size();)
        if (unnamed_[k].words == words) {
          add_source_mention(unnamed_[k].entity, first, head + 1);
          return unnamed_[k].entity;
        }
    if (source_mentions_ >= kMaxSourceMentions) return kNone;
    Entity e;
    e.type = (types & kPersonBit) ? EntityType::kPerson : EntityType::kOrg;
    e.name = std::string(doc_.text().substr(doc_.tokens[from].begin, doc_.tokens[head].end - doc_.tokens[from].begin));
    e.kind = "source";
    doc_.entities.push_back(std::move(e));
    const auto id = static_cast<int32_t>(doc_.entities.size() - 1);
    std::string head_word;
    for (char c : text(noun)) head_word += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    unnamed_.push_back({id, std::move(words), std::move(head_word)});
    add_source_mention(id, first, head + 1);
    return id;
  }

  // A nominal mention of entity id over tokens [first, end), in the
  // entity's list and the stage's indexes.
  void add_source_mention(int32_t id, uint32_t first, uint32_t end) const {
    // (bounded: each costs an insertion into the stage's index of mentions)
    if (source_mentions_ >= kMaxSourceMentions) return;
    ++source_mentions_;
    const Entity& ent = doc_.entities[static_cast<size_t>(id)];
    doc_.mentions.push_back(doc_.mention_over(first, end, MentionKind::kNominal, id, ent.type));
    const auto mi = static_cast<int32_t>(doc_.mentions.size() - 1);
    insert_in_text_order(id, mi);
    auto length = [&](int32_t m) {
      return m == kNone ? 0u : doc_.mentions[static_cast<size_t>(m)].end_token - doc_.mentions[static_cast<size_t>(m)].first_token;
    };
    if (length(mention_start_[first]) < end - first) mention_start_[first] = mi;
    if (length(mention_end_[end - 1]) < end - first) mention_end_[end - 1] = mi;
    by_start_.insert(std::upper_bound(by_start_.begin(), by_start_.end(), first,
                                      [&](uint32_t t, int32_t m) { return t < doc_.mentions[static_cast<size_t>(m)].first_token; }),
                     mi);
  }

  // w is one of the space-separated lower-case words (a possessive "’s" aside).
  static bool contains_word(const std::string& words, std::string_view w) {
    for (size_t at = 0; at <= words.size();) {
      size_t end = words.find(' ', at);
      if (end == std::string::npos) end = words.size();
      std::string_view x(words.data() + at, end - at);
      if (x.ends_with("\xE2\x80\x99s")) x.remove_suffix(4);
      else if (x.ends_with("'s")) x.remove_suffix(2);
      if (equals_lower(w, x)) return true;
      at = end + 1;
    }
    return false;
  }

  // The subject after an inverted cue: “…,” said Lucia Ferrer, who ...
  int32_t subject_after(uint32_t p, uint32_t end, int depth) const {
    for (uint32_t t = p; t < end && t < p + 8; ++t) {
      if (mention_start_[t] != kNone) return speaking(doc_.mentions[static_cast<size_t>(mention_start_[t])].entity);
      if (bits_[t] & Lex::kFirstPerson) return kNone;
      if (bits_[t] & Lex::kPronoun) return pronoun_entity(t, depth);
      if ((bits_[t] & (Lex::kRole | Lex::kSource)) && is_word(t)) {
        uint32_t h = t;  // "said the police chief"
        while (h + 1 < end && h < t + 3 && is_word(h + 1) && (bits_[h + 1] & (Lex::kRole | Lex::kSource))) ++h;
        if (h + 1 < end && mention_start_[h + 1] != kNone) {  // said the minister Ana Cruz
          t = h;
          continue;
        }
        if (t > p && text(t - 1) == "the" && (bits_[t] & Lex::kRole) && h == t) {
          if (t + 1 < end && mention_start_[t + 1] != kNone) continue;
          return recent_entity(refers_to(t), t, 0, false);
        }
        // said a senior official / said Western diplomats
        return definite_source(phrase_start(h, p), h);
      }
      if (is_punct(t) || is_mark(t)) break;
    }
    return kNone;
  }

  // A cue with no subject of its own (", adding", "and warned") speaks for
  // the clause's earlier cue, else for the sentence's subject.
  int32_t inherited(uint32_t c, int depth) const {
    const Sentence& s = sentence_of(c);
    for (uint32_t t = c; t-- > s.first_token && t + kReach > c;)
      if (cue_[t] >= 0 && !in_quote(t) && lex_.cue(cue_[t]).cls == Lex::CueClass::kVerb)
        return speaker_of_cue(t, depth + 1);
    return sentence_subject(s, c, depth);
  }

  // The subject that opens a sentence, looked for before token `limit`.
  int32_t sentence_subject(const Sentence& s, uint32_t limit, int depth) const {
    uint32_t t = content_start(s);
    // past leading adverbials: "While introducing the phone, at the conference, Jobs ..."
    for (int k = 0; k < 3 && t < limit && (bits_[t] & (Lex::kPreposition | Lex::kSubordinator)); ++k) {
      const uint32_t from = t;
      while (t < limit && !is_comma(t) && t < from + kReach) ++t;
      ++t;
    }
    for (uint32_t k = 0; t < limit && k < 7; ++t, ++k) {
      if (mention_start_[t] != kNone) {
        const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[t])];
        bool possessor = m.end_token < s.end_token && doc_.tokens[m.end_token].kind == TokenKind::kClitic;
        return possessor ? kNone : speaking(m.entity);
      }
      if (bits_[t] & Lex::kFirstPerson) return kNone;
      if (bits_[t] & Lex::kPronoun) return pronoun_entity(t, depth + 1);
      if ((bits_[t] & Lex::kRole) && k > 0 && (text(t - 1) == "the" || text(t - 1) == "The"))
        return recent_entity(refers_to(t), t, 0, false);
      if (is_punct(t) || is_mark(t) || has_verb_sign(t, t + 1)) break;
    }
    return kNone;
  }

  // according to [a tally by] X: the last mention that heads the phrase
  // (not a possessor "Colombia’s ..." nor part of a word "Washington-based"),
  // or the name in apposition after it ("the port operator, Costa Andina").
  int32_t according_to_source(uint32_t p, uint32_t end) const {
    int32_t found = kNone;
    uint32_t found_end = p;  // the end of the mention found
    int64_t head = -1;       // the first noun of a person or body heading a phrase ("a local civil society group")
    for (uint32_t t = p; t < end && t < p + 14; ++t) {
      if (is_comma(t) && found == kNone && t > p && t + 1 < end && mention_start_[t + 1] != kNone) {
        const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[t + 1])];
        if (m.kind == MentionKind::kName && (m.end_token >= end || is_comma(m.end_token) || is_final(m.end_token)))
          return speaking(m.entity);
      }
      if (is_comma(t) || is_final(t) || is_mark(t) || (t > p && has_verb_sign(t, t + 1))) break;
      if (head < 0 && is_word(t) && (bits_[t] & (Lex::kRole | Lex::kSource)) &&
          !(t + 1 < end && is_word(t + 1) && (bits_[t + 1] & (Lex::kRole | Lex::kSource))))
        head = t;
      if (mention_start_[t] == kNone) continue;
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[t])];
      const bool possessor = m.end_token < end && doc_.tokens[m.end_token].kind == TokenKind::kClitic;
      const bool part_of_word = m.span.end < doc_.tokens[m.end_token - 1].end;
      if (!possessor && !part_of_word) {
        found = speaking(m.entity);
        found_end = m.end_token;
        head = -1;  // a noun before the name is no head ("according to officials of the United Nations")
      }
      t = std::max(t, m.end_token - 1);
    }
    // No name, or a name that modifies the head ("according to U.N. officials"):
    // the phrase of the head is an unnamed source ("according to Colombia’s ombudsman’s office").
    if (head >= 0 && (found == kNone || phrase_start(static_cast<uint32_t>(head), p) < found_end))
      return definite_source(phrase_start(static_cast<uint32_t>(head), p), static_cast<uint32_t>(head));
    // "according to an Ipsos poll", "according to military estimates": a
    // document whose words name its maker (not "according to estimates")
    if (found == kNone)
      for (uint32_t t = p; t < end && t < p + 8 && is_word(t); ++t) {
        if (!(bits_[t] & Lex::kDocument)) continue;
        const uint32_t first = phrase_start(t, p);
        for (uint32_t k = first; k < t; ++k)
          if ((bits_[k] & (Lex::kRole | Lex::kSource)) ||
              (is_word(k) && doc_.tokens[k].has(kUpperInitial) && k != content_start(sentence_of(k))))
            return unnamed_source(first, t);
        break;
      }
    return found;
  }

  // A pronoun subject with no mention of its own: the speaker of an earlier
  // cue or the subject of its own sentence ("Ofori criticised ... what he
  // called"), else the speaker of the sentence before ("Banda said ...
  // Turnout was 66.8%, she said"), else the most recent compatible entity.
  int32_t pronoun_entity(uint32_t t, int depth, bool last_resort = true) const {
    const uint16_t types = refers_to(t);
    const char gender = (bits_[t] & kMasculine) ? 'm' : (bits_[t] & kFeminine) ? 'f' : 0;
    auto fits = [&](int32_t e) { return compatible(e, types, gender); };
    if (depth < 4) {
      const Sentence& s = sentence_of(t);
      int32_t e = kNone;
      for (uint32_t u = t; u-- > s.first_token && u + kReach > t;)
        if (is_verb_cue(u) && !in_quote(u)) {
          e = speaker_of_cue(u, depth + 1);
          break;
        }
      // (not for a parenthetical ", she said", whose sentence is the content's)
      if (!fits(e) && t > s.first_token && !is_comma(t - 1)) e = sentence_subject(s, t, depth + 1);
      if (fits(e)) return e;
      // the sentence before, skipping sentences that lie inside a quotation
      for (auto k = static_cast<size_t>(sentence_[t]); k-- > 0 && k + 8 > static_cast<size_t>(sentence_[t]);) {
        const Sentence& p = doc_.sentences[k];
        bool outside = false;
        for (uint32_t u = p.first_token; u < p.end_token && u < p.first_token + kReach; ++u) {
          outside |= !in_quote(u);
          if (is_verb_cue(u) && !in_quote(u)) {
            e = speaker_of_cue(u, depth + 1);
            break;
          }
        }
        if (outside) break;
      }
      if (fits(e)) return e;
    }
    return last_resort ? recent_entity(types, t, gender) : kNone;
  }

  // Until coreference gives pronouns and role nouns mentions of their own, a
  // pronoun or definite role subject ("he", "the council") stands for the
  // most recent entity of a compatible type mentioned before it outside
  // quotations. Drop this when doc.mentions carries those mentions.
  // A role noun ("the minister") points back to a named entity or a
  // description, not to an unnamed source of other words (`sources` false).
  int32_t recent_entity(uint16_t types, uint32_t before, char gender = 0, bool sources = true) const {
    auto it = std::lower_bound(by_start_.begin(), by_start_.end(), before, [&](int32_t m, uint32_t t) {
      return doc_.mentions[static_cast<size_t>(m)].first_token < t;
    });
    // salience fades: look back over a bounded number of mentions
    for (int k = 0; k < 150 && it != by_start_.begin(); ++k) {
      const Mention& m = doc_.mentions[static_cast<size_t>(*--it)];
      if (m.entity == kNone || m.end_token > before || in_quote(m.first_token)) continue;
      if (!sources && doc_.entities[static_cast<size_t>(m.entity)].kind == "source") continue;
      if (compatible(m.entity, types, gender)) return m.entity;
    }
    return kNone;
  }

  // Entity e has one of `types` and no other gender than `gender` (0: any).
  bool compatible(int32_t e, uint16_t types, char gender) const {
    if (e == kNone) return false;
    const Entity& entity = doc_.entities[static_cast<size_t>(e)];
    if (!(types & (1u << static_cast<unsigned>(entity.type)))) return false;
    return !gender || !entity.gender || entity.gender == gender;
  }

  // e when it names something that can speak (a person, an organisation, a
  // country or its government, a people), else kNone.
  int32_t speaking(int32_t e) const {
    if (e == kNone) return kNone;
    EntityType t = doc_.entities[static_cast<size_t>(e)].type;
    return t == EntityType::kPerson || t == EntityType::kOrg || t == EntityType::kGpe || t == EntityType::kNorp
               ? e
               : kNone;
  }

  // Steps left from a cue over adverbs and auxiliaries ("has repeatedly
  // denied", "further claimed"); returns the exclusive end of the subject.
  uint32_t skip_adverbs_back(uint32_t c, uint32_t lo) const {
    uint32_t j = c;
    while (j > lo && (bits_[j - 1] & (Lex::kAdverb | Lex::kAuxiliary | kEndsLy)) && !(bits_[j - 1] & kBeWord) &&
           !(bits_[j - 1] & Lex::kPronoun))
      --j;
    return j;
  }

  // The unnamed sources made so far (unnamed_source), with their words in
  // lower case and their head, which later phrases may repeat.
  struct UnnamedSource {
    int32_t entity;
    std::string words;
    std::string head;
  };
  mutable std::vector<UnnamedSource> unnamed_;
  mutable std::vector<int32_t> relinked_;  // entities a mention was moved from (repeated_source)
  mutable uint32_t source_mentions_ = 0;   // mentions added for unnamed sources
  static constexpr size_t kRecentSources = 64;
  static constexpr uint32_t kMaxSourceMentions = 2000;

  // Once the stage is done: the entities mentions moved away from drop them
  // from their lists (once per entity, however many moved).
  void finish_sources() {
    std::sort(relinked_.begin(), relinked_.end());
    relinked_.erase(std::unique(relinked_.begin(), relinked_.end()), relinked_.end());
    for (int32_t e : relinked_) {
      std::vector<int32_t>& ms = doc_.entities[static_cast<size_t>(e)].mentions;
      ms.erase(std::remove_if(ms.begin(), ms.end(),
                              [&](int32_t mi) { return doc_.mentions[static_cast<size_t>(mi)].entity != e; }),
               ms.end());
    }
    relinked_.clear();
  }

  bool starts_subject(uint32_t p) const {
    if (p >= n_) return false;
    return mention_start_[p] != kNone ||
           (bits_[p] & (Lex::kPronoun | Lex::kDeterminer | Lex::kRole | Lex::kFirstPerson)) ||
           (is_word(p) && doc_.tokens[p].has(kUpperInitial));
  }

};

}  // namespace sitrep
