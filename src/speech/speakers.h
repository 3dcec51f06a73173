// SpeakerReader: who speaks through a cue — the entity of the cue's subject
// (left of the cue, across an apposition or a "who" clause; right of it in
// inversion; inherited from the clause's earlier cue), with pronoun and role
// fallbacks while coreference does not yet give every subject a mention.
// Private to src/speech; QuoteFinder's passes build on it.
#pragma once

#include <algorithm>
#include <cstdint>

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
    if (j <= lo) return subject_after(after, s.end_token, depth);  // “…,” said X
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
    return k - 1 > lo ? np_entity(k - 2, lo, depth) : kNone;
  }

  // The entity of the noun phrase whose last token is h.
  int32_t np_entity(uint32_t h, uint32_t lo, int depth) const {
    if (mention_end_[h] != kNone) {
      // A name is taken as it is. A pronoun first gets the speech reading
      // (who spoke last is something coreference does not weigh), then
      // coreference's link; a link to something that cannot speak (a storm,
      // a city as a place) falls through to the stage's own reading.
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_end_[h])];
      if (m.kind == MentionKind::kName) return speaking(m.entity);
      if (m.kind == MentionKind::kPronoun && (bits_[h] & Lex::kPronoun)) {
        int32_t e = pronoun_entity(h, depth, false);
        if (e != kNone) return e;
      }
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
    if (b & Lex::kRole) {
      uint32_t t = h;
      while (t > lo && is_word(t - 1) && !(bits_[t - 1] & Lex::kDeterminer) && h - t < 5) --t;
      // An office, ministry or spokesman speaks for its owner: "Amnesty
      // International’s Indonesia office condemned ..."
      if (t > lo + 1 && doc_.tokens[t - 1].kind == TokenKind::kClitic && mention_end_[t - 2] != kNone)
        return speaking(doc_.mentions[static_cast<size_t>(mention_end_[t - 2])].entity);
      // Otherwise only a definite description ("the minister") points back;
      // "a spokesman" introduces someone new.
      if (t > lo && (text(t - 1) == "the" || text(t - 1) == "The")) return recent_entity(refers_to(h), t - 1);
    }
    return kNone;
  }

  // The subject after an inverted cue: “…,” said Lucia Ferrer, who ...
  int32_t subject_after(uint32_t p, uint32_t end, int depth) const {
    for (uint32_t t = p; t < end && t < p + 8; ++t) {
      if (mention_start_[t] != kNone) return speaking(doc_.mentions[static_cast<size_t>(mention_start_[t])].entity);
      if (bits_[t] & Lex::kFirstPerson) return kNone;
      if (bits_[t] & Lex::kPronoun) return pronoun_entity(t, depth);
      if ((bits_[t] & Lex::kRole) && t > p && text(t - 1) == "the") {
        if (t + 1 < end && mention_start_[t + 1] != kNone) continue;  // the minister, Ana Cruz
        return recent_entity(refers_to(t), t);
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
        return recent_entity(refers_to(t), t);
      if (is_punct(t) || is_mark(t) || has_verb_sign(t, t + 1)) break;
    }
    return kNone;
  }

  // according to [a tally by] X: the last mention that heads the phrase
  // (not a possessor "Colombia’s ..." nor part of a word "Washington-based"),
  // or the name in apposition after it ("the port operator, Costa Andina").
  int32_t according_to_source(uint32_t p, uint32_t end) const {
    int32_t found = kNone;
    for (uint32_t t = p; t < end && t < p + 14; ++t) {
      if (is_comma(t) && found == kNone && t > p && t + 1 < end && mention_start_[t + 1] != kNone) {
        const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[t + 1])];
        if (m.kind == MentionKind::kName && (m.end_token >= end || is_comma(m.end_token) || is_final(m.end_token)))
          return speaking(m.entity);
      }
      if (is_comma(t) || is_final(t) || is_mark(t) || (t > p && has_verb_sign(t, t + 1))) break;
      if (mention_start_[t] == kNone) continue;
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[t])];
      const bool possessor = m.end_token < end && doc_.tokens[m.end_token].kind == TokenKind::kClitic;
      const bool part_of_word = m.span.end < doc_.tokens[m.end_token - 1].end;
      if (!possessor && !part_of_word) found = speaking(m.entity);
      t = std::max(t, m.end_token - 1);
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
  int32_t recent_entity(uint16_t types, uint32_t before, char gender = 0) const {
    auto it = std::lower_bound(by_start_.begin(), by_start_.end(), before, [&](int32_t m, uint32_t t) {
      return doc_.mentions[static_cast<size_t>(m)].first_token < t;
    });
    // salience fades: look back over a bounded number of mentions
    for (int k = 0; k < 150 && it != by_start_.begin(); ++k) {
      const Mention& m = doc_.mentions[static_cast<size_t>(*--it)];
      if (m.entity == kNone || m.end_token > before || in_quote(m.first_token)) continue;
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

  bool starts_subject(uint32_t p) const {
    if (p >= n_) return false;
    return mention_start_[p] != kNone ||
           (bits_[p] & (Lex::kPronoun | Lex::kDeterminer | Lex::kRole | Lex::kFirstPerson)) ||
           (is_word(p) && doc_.tokens[p].has(kUpperInitial));
  }

};

}  // namespace sitrep
