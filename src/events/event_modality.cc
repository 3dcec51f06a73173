// Modality and negation for the event coder (event_coder.h): the control
// verb that governs an infinitive or a gerund ("refused to accept", "vowed
// to eliminate", "denied backing"), adjectives of intent ("is willing to"),
// threats with no verb after "to", conditional clauses ("unless X
// withdrew") and the clauses a demand governs ("demanded that X cancel").
#include "events/event_coder_pass.h"

namespace sitrep {

namespace {

bool aspectual(std::string_view lemma) {
  return lemma == "begin" || lemma == "start" || lemma == "continue" || lemma == "resume" || lemma == "proceed" ||
         lemma == "keep" || lemma == "go";
}

}  // namespace

const EventCoder::Pass::Group* EventCoder::Pass::governor(const Group& g, const std::vector<Group>& gs,
                                                          size_t b) const {
  // "denied backing M23", "stopped shelling": a gerund right after a verb
  // whose modality changes it.
  if (!g.after_to && pos(g.head) == Pos::kVBG && g.first == g.head) {
    for (auto it = gs.rbegin(); it != gs.rend(); ++it)
      if (it->head + 1 == g.first && dict_.modality(lemma(it->head)) != ModalEffect::kAsserted) return &*it;
    return nullptr;
  }
  if (!g.after_to) return nullptr;
  for (auto it = gs.rbegin(); it != gs.rend(); ++it) {
    if (it->head >= g.first) continue;
    for (size_t k = it->head + 1; k + 1 < g.first; ++k)
      if (boundary(k, false) || (text(k) == "," && k > it->head + 1)) return nullptr;
    (void)b;
    return &*it;
  }
  return nullptr;
}

bool EventCoder::Pass::ready_to(const Group& g, size_t b) const {
  if (!g.after_to) return false;
  size_t to = g.first;
  while (to > b && pos(to - 1) != Pos::kTO) --to;
  if (to < b + 2) return false;
  std::string_view a = lemma(to - 2);
  return a == "willing" || a == "ready" || a == "prepared" || a == "determined" || a == "eager" || a == "set";
}

ModalEffect EventCoder::Pass::effect_of(const Group& g, const Group* gov, size_t b, size_t e) const {
  ModalEffect effect = gov ? dict_.modality(lemma(gov->head)) : ModalEffect::kAsserted;
  // An infinitive is not yet an event ("pressure on Hamas to free the
  // hostages"), unless its governor only marks aspect ("began to shell").
  // An infinitive after the aspect verb's object is a purpose clause
  // ("continued their hunger strike to demand ..."), no event yet.
  if (gov && effect == ModalEffect::kAsserted &&
      !(aspectual(lemma(gov->head)) && gov->head + 1 < e && pos(gov->head + 1) == Pos::kTO))
    effect = ModalEffect::kIntended;
  if (!gov && ready_to(g, b)) effect = ModalEffect::kIntended;
  return effect;
}

bool EventCoder::Pass::governs_threat(size_t i, const std::vector<Group>& gs) const {
  ModalEffect effect = dict_.modality(lemma(gs[i].head));
  if (effect != ModalEffect::kThreatened && effect != ModalEffect::kIntended) return false;
  for (size_t k = i + 1; k < gs.size(); ++k)
    if (governor(gs[k], gs, 0) == &gs[i]) return true;
  return false;
}

bool EventCoder::Pass::threat_without_verb(const Group& g, const std::vector<Group>& gs, size_t e, const Sentence& s) {
  if (dict_.modality(lemma(g.head)) != ModalEffect::kThreatened || g.negated) return false;
  size_t to = g.head + 1;
  if (to >= e || pos(to) != Pos::kTO) return false;
  for (const Group& other : gs)
    if (other.first > to && governor(other, gs, 0) == &g) return false;  // a verb follows: coded there
  int32_t target = mention_after(to + 1, e, "against");
  if (target == kNone) target = mention_after(to + 1, e, "on");
  emit(g.subject, target, "130", "THREATEN", false, Modality::kThreatened, g.first, to + 1, s);
  return true;
}

void EventCoder::Pass::mark_conditions(size_t b, size_t e) {
  unasserted_.assign(e - b, false);
  condition_subject_ = kNone;
  for (size_t c = b; c < e; ++c) {
    const std::string_view l = lemma(c);
    if (!(l == "if" || l == "unless") || pos(c) != Pos::kIN) continue;
    bool verb = false, relative = false;
    size_t k = c;
    for (; k < e; ++k) {
      if (boundary(k, false)) break;
      if (text(k) == ",") {
        if (relative) {
          relative = false;
          continue;
        }
        if (verb) break;
      }
      if (k > c && (pos(k) == Pos::kWDT || pos(k) == Pos::kWP) && text(k - 1) == ",") relative = true;
      if (is_verb(pos(k)) && !relative) verb = true;
      unasserted_[k - b] = true;
    }
    if (condition_subject_ == kNone) {
      for (size_t j = c + 1; j < k && j < c + 6; ++j) {
        if (is_verb(pos(j)) || is_preposition(lemma(j))) break;
        if (actor_[j] != kNone) {
          condition_subject_ = actor_[j];
          break;
        }
      }
    }
    c = k;
  }
}

size_t EventCoder::Pass::demanded_clause(const Group& g, size_t b) const {
  if (g.after_to) return SIZE_MAX;
  size_t k = g.first;
  for (size_t n = 0; k > b && n < 14; ++n) {
    --k;
    const std::string_view l = lemma(k);
    if (l == "that" && k > b) {
      size_t d = k - 1;
      while (d > b && time_[d]) --d;  // "its demand today that ..."
      const std::string_view dl = lemma(d);
      bool demand = false;
      if (is_verb(pos(d))) {
        const std::string_view c = cameo_of(dl);
        demand = c.starts_with("10") || c.starts_with("02") || dl == "insist" || dl == "urge" || dl == "ask";
      } else if (is_noun(pos(d))) {
        if (const NounPattern* np = dict_.noun(dl)) demand = np->cameo.starts_with("10") || np->cameo.starts_with("02");
      }
      return demand ? d : SIZE_MAX;
    }
    if (boundary(k, false) || is_verb(pos(k)) || pos(k) == Pos::kMD) return SIZE_MAX;
  }
  return SIZE_MAX;
}

}  // namespace sitrep
