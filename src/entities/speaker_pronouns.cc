#include "entities/speaker_pronouns.h"

#include <algorithm>
#include <string_view>

namespace sitrep {

namespace {

enum class Person : uint8_t { kNone, kSingular, kPlural };

// First-person pronouns: a closed class of English grammar.
Person first_person(std::string_view w) {
  static constexpr std::string_view kSingular[] = {"I", "me", "my", "mine", "myself", "Me", "My", "Mine", "Myself"};
  static constexpr std::string_view kPlural[] = {"we",  "us", "our", "ours", "ourselves", "We",
                                                 "Us", "Our", "Ours", "Ourselves"};
  for (std::string_view x : kSingular)
    if (w == x) return Person::kSingular;
  for (std::string_view x : kPlural)
    if (w == x) return Person::kPlural;
  return Person::kNone;
}

size_t token_at(const Document& doc, uint32_t begin) {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), begin,
                             [](const Token& t, uint32_t b) { return t.begin < b; });
  return static_cast<size_t>(it - doc.tokens.begin());
}

// The organisation a person speaker speaks for: the organisation mentioned
// nearest the cue in the cue's sentence, outside the quote; else the last one
// named in the two sentences before the quote (a spokeswoman introduced
// after "Boeing said ...").
int32_t organisation_of_speaker(const Document& doc, const Quote& q, const std::vector<int32_t>& covered) {
  if (q.cue.empty()) return kNone;
  const size_t cue = token_at(doc, q.cue.begin);
  if (cue >= doc.tokens.size()) return kNone;
  auto s = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), cue,
                            [](size_t t, const Sentence& x) { return t < x.first_token; });
  if (s == doc.sentences.begin()) return kNone;
  --s;
  int32_t best = kNone;
  size_t best_distance = 0;
  for (size_t t = s->first_token; t < s->end_token; ++t) {
    if (covered[t] == kNone || (doc.tokens[t].begin >= q.span.begin && doc.tokens[t].end <= q.span.end)) continue;
    const Mention& m = doc.mentions[covered[t]];
    if (m.entity == kNone || doc.entities[m.entity].type != EntityType::kOrg) continue;
    size_t d = t > cue ? t - cue : cue - t;
    if (best == kNone || d < best_distance) {
      best = m.entity;
      best_distance = d;
    }
  }
  if (best != kNone) return best;
  const size_t start = token_at(doc, q.span.begin);
  auto qs = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), start,
                             [](size_t t, const Sentence& x) { return t < x.first_token; });
  if (qs == doc.sentences.begin()) return kNone;
  --qs;
  const size_t from = qs - doc.sentences.begin() >= 2 ? (qs - 2)->first_token : doc.sentences.front().first_token;
  for (size_t t = start; t-- > from;) {
    if (covered[t] == kNone) continue;
    const Mention& m = doc.mentions[covered[t]];
    if (m.entity != kNone && doc.entities[m.entity].type == EntityType::kOrg) return m.entity;
  }
  return kNone;
}

}  // namespace

void SpeakerPronouns::run(Document& doc) const {
  if (doc.quotes.empty()) return;
  std::vector<int32_t> covered(doc.tokens.size(), kNone);
  for (size_t m = 0; m < doc.mentions.size(); ++m)
    for (uint32_t t = doc.mentions[m].first_token; t < doc.mentions[m].end_token && t < covered.size(); ++t)
      // The innermost mention: "Ford" in "the chief executive of Ford".
      if (covered[t] == kNone || doc.mentions[covered[t]].span.size() > doc.mentions[m].span.size())
        covered[t] = static_cast<int32_t>(m);
  const size_t before = doc.mentions.size();
  for (const Quote& q : doc.quotes) {
    if (q.speaker == kNone) continue;
    const EntityType type = doc.entities[q.speaker].type;
    int32_t group = q.speaker;
    bool group_known = false;
    for (size_t t = token_at(doc, q.span.begin); t < doc.tokens.size() && doc.tokens[t].end <= q.span.end; ++t) {
      if (covered[t] != kNone || doc.tokens[t].kind != TokenKind::kWord) continue;
      const Person p = first_person(doc.text_of(doc.tokens[t]));
      if (p == Person::kNone) continue;
      int32_t entity = q.speaker;
      if (p == Person::kPlural && type == EntityType::kPerson) {
        // A spokesman's "we" is the organisation he speaks for; a private
        // person's (no title, no sector) is a family or a crowd unnamed.
        const Entity& speaker = doc.entities[q.speaker];
        if (speaker.title.empty() && speaker.actor_code.empty() && speaker.role.empty()) continue;
        if (!group_known) {
          int32_t org = organisation_of_speaker(doc, q, covered);
          if (org != kNone) group = org;
          group_known = true;
        }
        entity = group;
      }
      covered[t] = static_cast<int32_t>(doc.mentions.size());
      doc.mentions.push_back(doc.mention_over(t, t + 1, MentionKind::kPronoun, entity, doc.entities[entity].type));
    }
  }
  if (doc.mentions.size() == before) return;
  // Keep mentions in text order, and each entity's list with them.
  std::stable_sort(doc.mentions.begin(), doc.mentions.end(), [](const Mention& x, const Mention& y) {
    return x.span.begin != y.span.begin ? x.span.begin < y.span.begin : x.span.end > y.span.end;
  });
  for (Entity& e : doc.entities) e.mentions.clear();
  for (size_t i = 0; i < doc.mentions.size(); ++i)
    if (doc.mentions[i].entity != kNone)
      doc.entities[doc.mentions[i].entity].mentions.push_back(static_cast<int32_t>(i));
}

}  // namespace sitrep
