// Events named by nouns for the event coder (event_coder.h): the event nouns
// no verb took ("Israel’s siege of the enclave", "criticism of Israel",
// "approval from X") and the attack that a verb of fighting back names
// ("repelled an RSF attack on the city").
#include "events/event_coder_pass.h"

namespace sitrep {

void EventCoder::Pass::repelled_attack(size_t noun, int32_t defender, size_t e, const Sentence& s) {
  const NounPattern* n = noun_pattern(noun);
  if (!n || !(n->cameo.starts_with("18") || n->cameo.starts_with("19") || n->cameo.starts_with("20"))) return;
  size_t from = noun + 1;
  int32_t attacker = kNone;
  if (from < e && lemma(from) == "by") {
    size_t at = SIZE_MAX;
    attacker = mention_after(from, e, "by", &at);
    if (at != SIZE_MAX) from = actor_end_[at];
  } else {
    attacker = noun_actor(noun, s.first_token, e, false);
  }
  if (attacker == kNone || attacker == defender) return;
  int32_t target = target_of(n->target, from, e);
  if (target == attacker) target = kNone;
  emit(attacker, target, n->cameo, n->plover, false, Modality::kAsserted, noun, noun + 1, s);
}

void EventCoder::Pass::nominal_events(const Sentence& s, const std::vector<Group>& gs, const std::vector<bool>& used) {
  const size_t b = s.first_token, e = s.end_token;
  for (size_t t = b; t < e; ++t) {
    if (used[t - b] || !is_noun(pos(t)) || actor_[t] != kNone || unasserted(t, b)) continue;
    if (t + 1 < e && nominal(t + 1)) continue;  // not the head of its phrase
    const NounPattern* n = noun_pattern(t);
    if (!n) continue;
    int32_t target = target_of(n->target, t + 1, e);
    int32_t source = kNone;
    // A possessor: "Israel’s siege", "his resignation".
    if (n->source_possessive) {
      size_t k = t;
      while (k > b && (pos(k - 1) == Pos::kJJ || pos(k - 1) == Pos::kVBN || pos(k - 1) == Pos::kNN)) --k;
      if (k > b && toks_[k - 1].kind == TokenKind::kClitic && k >= b + 2 && actor_[k - 2] != kNone)
        source = actor_[k - 2];
      else if (k > b && pos(k - 1) == Pos::kPRPS && actor_[k - 1] != kNone)
        source = actor_[k - 1];
    }
    if (source == kNone && n->source_by) {
      source = mention_after(t + 1, e, "by");
      if (source == kNone) source = mention_after(t + 1, e, "from");
    }
    // "X was met with approval from Y": the target is the passive subject.
    const Group* passive_with = nullptr;
    for (const Group& g : gs)
      if (g.passive && g.head + 2 <= t && t - g.head <= 4 && lemma(g.head + 1) == "with") passive_with = &g;
    if (passive_with && target == kNone) target = passive_with->subject;
    if (source == kNone && target == kNone) continue;
    // "the war with Hamas": force needs someone who uses it; reactions
    // ("international criticism of Israel") may come from no one named.
    // Other event nouns with no one behind them ("talks on ...", "a
    // ceasefire in ...", "aid to ...") say too little to code.
    if (source == kNone && !(n->cameo.starts_with("10") || n->cameo.starts_with("11"))) continue;
    emit(source, target, n->cameo, n->plover, false, Modality::kAsserted, t, t + 1, s);
  }
}

}  // namespace sitrep
