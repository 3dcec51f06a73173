// Reactions and joint acts for the event coder (event_coder.h): the event
// noun a reaction responds to and the earlier event a definite one refers
// back to ("welcomed the sanctions"), acts that a list of actors does
// together ("Egypt, Ethiopia and Sudan agreed"), and the actors coordinated
// with a source or target, who take part too.
#include "events/event_coder_pass.h"

namespace sitrep {

bool EventCoder::Pass::reaction(std::string_view cameo) {
  return cameo.starts_with("015") || cameo.starts_with("016") || cameo.starts_with("02") || cameo.starts_with("05") ||
         (cameo >= "10" && cameo < "15");
}

int32_t EventCoder::Pass::reaction_target(std::string_view cameo, std::string_view verb, size_t noun, size_t after,
                                          int32_t source, int32_t subject, int32_t target, const Sentence& s,
                                          std::vector<bool>& noun_used) {
  const size_t b = s.first_token, e = s.end_token;
  // "rejected calls by Kofi Annan", "rejected a Senegalese peace plan",
  // "complained to the UN over Israeli air raids": the event noun a verb
  // responds to is no event of its own; whose act it is, is the target
  // (of a complaint or protest, rather than whom it is addressed to).
  if (!cameo.starts_with("01") && !dict_.light_verb(verb)) {
    bool pp = false;
    if (size_t n = response_noun(after, e, noun_used, b, pp); n != SIZE_MAX) {
      noun_used[n - b] = true;
      const int32_t a = noun_actor(n, b, e);
      const bool reaction = cameo.starts_with("11") || cameo.starts_with("12") || cameo.starts_with("14");
      if (a != kNone && a != source && (target == kNone || (pp && reaction))) target = a;
    }
  }
  // "Kyiv welcomed the sanctions", "rejected the accusations", "called for
  // their release": a reaction to an event the article has reported is
  // aimed at that event's actor.
  if (noun != SIZE_MAX && reaction(cameo))
    if (const AntecedentNoun* an = dict_.antecedent(lemma(noun)); an && (target == kNone || an->holder))
      if (int32_t a = antecedent_actor(*an, noun, after, subject); a != kNone) target = a;
  return target;
}

int32_t EventCoder::Pass::antecedent_actor(const AntecedentNoun& an, size_t noun, size_t after, int32_t subject) const {
  if (!an.holder) {
    size_t k = noun;
    while (k > after && (pos(k - 1) == Pos::kJJ || pos(k - 1) == Pos::kNN || pos(k - 1) == Pos::kVBN)) --k;
    if (k == after) return kNone;
    const std::string_view d = lemma(k - 1);
    if (!(d == "the" || d == "this" || d == "these" || d == "those" || d == "that")) return kNone;
    for (size_t x = k; x <= noun; ++x)
      if (actor_[x] != kNone) return kNone;
    if (noun + 1 < toks_.size() && (lemma(noun + 1) == "by" || lemma(noun + 1) == "from")) return kNone;
  }
  const Event* first = nullptr;
  for (size_t k = 0; k < doc_.events.size(); ++k) {
    const Event& ev = doc_.events[k];
    if (ev.source == kNone || ev.source == subject || ev.negated) continue;
    bool kind = false;
    for (const std::string& r : an.roots) kind = kind || ev.cameo.starts_with(r);
    if (!kind) continue;
    if (ev.trigger.begin >= body_begin_) return ev.source;
    if (!first) first = &ev;
  }
  return first ? first->source : kNone;
}

bool EventCoder::Pass::reciprocal(std::string_view cameo) {
  return cameo == "030" || cameo == "036" || cameo.starts_with("04") || cameo == "057" || cameo.starts_with("06");
}

std::vector<int32_t> EventCoder::Pass::coordinated(int32_t entity) {
  std::vector<int32_t> out;
  if (entity == kNone || last_use_.count(entity) == 0) return out;
  size_t end = last_use_.at(entity);
  while (end + 1 < toks_.size() && out.size() < 12) {
    size_t k = end;
    bool comma = text(k) == ",";
    if (comma) ++k;
    if (k < toks_.size() && (lemma(k) == "and" || lemma(k) == "or")) ++k;
    else if (!comma) break;
    const size_t item = k;
    while (k < toks_.size() && (pos(k) == Pos::kDT || pos(k) == Pos::kJJ)) ++k;
    // "US and British forces": a group noun as the next item.
    if (k < toks_.size() && actor_[k] == kNone) {
      size_t h = k;
      while (h + 1 < toks_.size() && nominal(h + 1) && actor_[h + 1] == kNone) ++h;
      if (nominal(h) && group_actor(h, item) != kNone) k = actor_start_[h];
    }
    if (k >= toks_.size() || actor_[k] == kNone || actor_start_[k] != k) break;
    // A comma and a name with its own verb start a clause: "Iran, Syria said".
    if (comma && lemma(k - 1) != "and" && lemma(k - 1) != "or" && actor_end_[k] < toks_.size() &&
        is_verb(pos(actor_end_[k])))
      break;
    // "Kofi Annan, UN secretary-general": a name before a noun is its modifier, no list item.
    if (comma && actor_end_[k] < toks_.size() && is_noun(pos(actor_end_[k])) && actor_[actor_end_[k]] == kNone) break;
    if (std::find(out.begin(), out.end(), actor_[k]) == out.end() && actor_[k] != entity) out.push_back(actor_[k]);
    end = actor_end_[k];
  }
  return out;
}

std::vector<int32_t> EventCoder::Pass::coordinated_before(int32_t entity) {
  std::vector<int32_t> out;
  if (entity == kNone || first_use_.count(entity) == 0) return out;
  size_t k = first_use_.at(entity);
  bool list = false;  // past an "and": earlier items are separated by commas
  size_t valid = 0;   // the items that stand where a subject does
  while (k > 0 && out.size() < 8) {
    // Titles and determiners before a name: "the", "Bulgarian President".
    size_t j = k;
    // And a demonym inside the description: "Hungarian and [Romanian] officials".
    while (j > 0 && k - j < 4 &&
           ((actor_[j - 1] == kNone &&
             (pos(j - 1) == Pos::kDT || pos(j - 1) == Pos::kJJ ||
              ((pos(j - 1) == Pos::kNNP || pos(j - 1) == Pos::kNN) && toks_[j - 1].has(kUpperInitial)))) ||
            (actor_[j - 1] != kNone && pos(j - 1) == Pos::kJJ && j == k &&
             doc_.entities[actor_[j - 1]].type == EntityType::kNorp)))
      --j;
    if (j < 2) break;
    const std::string_view sep = lemma(j - 1);
    if (!(sep == "and" || (list && sep == ","))) break;
    size_t m = j - 2;
    int32_t a = actor_[m];
    if (a == kNone) {
      a = demonym_actor(m, toks_.size(), true);
      if (a == kNone) break;
    }
    const EntityType t = doc_.entities[a].type;
    if (t == EntityType::kLoc || t == EntityType::kFac || a == entity ||
        std::find(out.begin(), out.end(), a) != out.end())
      break;
    out.push_back(a);
    list = true;
    k = actor_start_[m];
    // The list must stand where a subject does; a longer one that does
    // not ("Cessation of Hostilities, the government and X") keeps the
    // items that do.
    size_t f = k;
    while (f > 0 && k - f < 3 && pos(f - 1) == Pos::kDT && lemma(f - 1) != "that") --f;
    if (!(f > 0 && (is_verb(pos(f - 1)) || is_preposition(lemma(f - 1)) || pos(f - 1) == Pos::kIN)))
      valid = out.size();
  }
  out.resize(valid);
  return out;
}

size_t EventCoder::Pass::response_noun(size_t after, size_t e, const std::vector<bool>& used, size_t b,
                                       bool& pp) const {
  pp = false;
  bool in_pp = false;
  for (size_t k = after; k < e && k < after + 10; ++k) {
    if (boundary(k, false) || text(k) == "," || pos(k) == Pos::kWDT || pos(k) == Pos::kWP || lemma(k) == "that")
      return SIZE_MAX;
    if (is_verb(pos(k)) && pos(k) != Pos::kVBN) return SIZE_MAX;
    const std::string_view l = lemma(k);
    if (pos(k) == Pos::kIN || pos(k) == Pos::kTO) {
      if (l == "over" || l == "about" || l == "against" || l == "to") {
        in_pp = true;
        continue;
      }
      if (l != "of") return SIZE_MAX;
      continue;
    }
    if (!nominal(k) || actor_[k] != kNone) continue;
    if (k + 1 < e && (nominal(k + 1) || toks_[k + 1].kind == TokenKind::kClitic)) continue;
    if (!used[k - b] && noun_pattern(k)) {
      pp = in_pp;
      return k;
    }
    // An object of another kind ("proposed changes to the deal"): what
    // follows belongs to it.
    if (!in_pp) return SIZE_MAX;
  }
  return SIZE_MAX;
}

}  // namespace sitrep
