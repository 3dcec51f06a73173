// Clause reading for the event coder (event_coder.h): the verb groups of a
// sentence with their auxiliaries, modals and negation, passive or not; the
// subject of each group, which coordinated verbs, participles and
// infinitives share and a reported clause's pronoun takes from its speaker;
// the object's head noun; the speaker who reports a clause.
#include "events/event_coder_pass.h"

namespace sitrep {

void EventCoder::Pass::index_times() {
  time_.assign(toks_.size(), false);
  size_t t = 0;
  for (const TimeExpression& x : doc_.times) {
    while (t < toks_.size() && toks_[t].end <= x.span.begin) ++t;
    for (size_t k = t; k < toks_.size() && toks_[k].begin < x.span.end; ++k) time_[k] = true;
  }
}

bool EventCoder::Pass::continues_group(size_t head, size_t next) const {
  if (head == SIZE_MAX) return true;
  std::string_view aux = lemma(head);
  Pos p = pos(next);
  if (pos(head) == Pos::kMD || aux == "do" || aux == "to") return true;
  // "to have X resign", "made them leave": a bare verb after a causative is
  // a clause of its own, not part of the group.
  if (p == Pos::kVB || p == Pos::kVBP) return false;
  if (p == Pos::kVBG) return aux == "be";
  if (p == Pos::kVBN || p == Pos::kVBD) return aux == "be" || aux == "have" || aux == "get";
  return aux == "be" || aux == "have";
}

std::vector<EventCoder::Pass::Group> EventCoder::Pass::groups(size_t b, size_t e) const {
  std::vector<Group> out;
  size_t t = b;
  while (t < e) {
    if ((!is_verb(pos(t)) && pos(t) != Pos::kMD) || in_name_[t]) {
      ++t;
      continue;
    }
    Group g;
    g.first = t;
    size_t head = is_verb(pos(t)) ? t : SIZE_MAX, k = t;
    while (k + 1 < e) {
      Pos p = pos(k + 1);
      if ((is_verb(p) || p == Pos::kMD) && continues_group(head, k + 1)) {
        head = ++k;
        continue;
      }
      // Adverbs inside the group: "has so far refused", "has not indicated".
      if ((p == Pos::kRB || p == Pos::kRBR) && k + 2 < e) {
        size_t j = k + 1;
        while (j < e && j - k <= 3 && (pos(j) == Pos::kRB || pos(j) == Pos::kRBR)) ++j;
        if (j < e && is_verb(pos(j)) && continues_group(head, j)) {
          k = j;
          head = j;
          continue;
        }
      }
      break;
    }
    if (head == SIZE_MAX) {
      t = k + 1;
      continue;
    }
    g.head = head;
    // "to voluntarily resign", "to “land ...”": adverbs and quote marks may stand between.
    for (size_t k = g.first; k > b;) {
      --k;
      if (pos(k) == Pos::kTO) {
        g.after_to = true;
        break;
      }
      if (pos(k) != Pos::kRB && toks_[k].kind != TokenKind::kQuote) break;
    }
    for (size_t x = g.first; x <= head; ++x) {
      std::string_view l = lemma(x);
      if (l == "not" || l == "n't" || l == "never") g.negated = true;
      if (x < head && (l == "be" || l == "get") && pos(head) == Pos::kVBN) g.passive = true;
      if (pos(x) == Pos::kMD) {
        if (l == "would" || l == "could" || l == "might" || l == "may" || l == "should" || l == "must")
          g.hypothetical = true;
        if (l == "must" || l == "should") g.obligation = true;
        if (l == "will" || l == "shall") g.future = true;
      }
    }
    out.push_back(g);
    t = head + 1;
  }
  return out;
}

std::string_view EventCoder::Pass::preposition_before(size_t start, size_t b) const {
  size_t k = start;
  // "in the Ivory Coast", "in south Serbia", "of its 12 neighbours".
  while (k > b && k + 4 > start &&
         (pos(k - 1) == Pos::kDT || pos(k - 1) == Pos::kJJ || pos(k - 1) == Pos::kPRPS || pos(k - 1) == Pos::kNN ||
          pos(k - 1) == Pos::kCD))
    --k;
  // "of Sudan's El Fasher": past a possessor.
  if (k >= b + 2 && toks_[k - 1].kind == TokenKind::kClitic && actor_[k - 2] != kNone && actor_start_[k - 2] >= b) {
    k = actor_start_[k - 2];
    while (k > b && (pos(k - 1) == Pos::kDT || pos(k - 1) == Pos::kJJ)) --k;
  }
  if (k > b && is_preposition(lemma(k - 1))) return lemma(k - 1);
  return {};
}

bool EventCoder::Pass::quote_between(size_t from, size_t to) const {
  for (size_t k = from + 1; k < to; ++k)
    if (toks_[k].kind == TokenKind::kQuote) return true;
  return false;
}

bool EventCoder::Pass::subordinator(std::string_view prep, size_t end, const Group& g) const {
  if (prep != "after" && prep != "before" && prep != "since" && prep != "until") return false;
  size_t k = end;
  while (k < g.first && pos(k) == Pos::kRB) ++k;
  if (k != g.first) return false;
  // A past participle as often stands for the past tense here ("after
  // supporters set up roadblocks"), unless an agent follows.
  const Pos p = pos(g.first);
  if (p == Pos::kVBN) return g.head + 1 >= toks_.size() || lemma(g.head + 1) != "by";
  return p == Pos::kVBD || p == Pos::kVBZ || p == Pos::kVBP || p == Pos::kMD;
}

int32_t EventCoder::Pass::subject_of(const Group& g, size_t b, const std::vector<Group>& before) {
  size_t from = g.first;
  // "journalists covering the protest had been beaten": a participle
  // right after a noun, and its object, modify the subject; not one
  // before a clause of its own ("a suspension imposed after the group
  // detained ...").
  for (auto it = before.rbegin(); it != before.rend(); ++it) {
    const Group& p = *it;
    if (p.head >= from || p.first != p.head || (pos(p.head) != Pos::kVBG && pos(p.head) != Pos::kVBN)) break;
    if (p.first <= b || !(nominal(p.first - 1) || actor_[p.first - 1] != kNone) || from - p.first > 8) break;
    bool clear = true;
    for (size_t k = p.head + 1; k < from; ++k) {
      const std::string_view l = lemma(k);
      if (boundary(k, false) || text(k) == "," || pos(k) == Pos::kWDT || pos(k) == Pos::kWP || l == "after" ||
          l == "before" || l == "since" || l == "until" || l == "when" || l == "while" || l == "because" ||
          l == "once" || l == "if")
        clear = false;
    }
    if (!clear) break;
    from = p.first;
  }
  bool seen_noun = false;
  size_t seen_head = 0;
  for (size_t j = from; j-- > b;) {
    // A partial quote that starts at the verb: said the group “welcomed ...”.
    if (j + 1 == g.first && toks_[j].kind == TokenKind::kQuote) continue;
    if (boundary(j)) return kNone;
    // A parenthesis is no subject: "the Azadliq (Freedom) coalition agreed".
    if (text(j) == ")") {
      size_t k = j;
      while (k > b && k + 12 > j && text(k) != "(") --k;
      if (text(k) == "(") j = k;
      continue;
    }
    // A relative clause between subject and verb: "The Houthis, who control
    // the capital Sanaa, released ..." — its subject is before it.
    if (text(j) == "," && j > b) {
      size_t k = j;
      while (k-- > b && k + 40 > j && !boundary(k)) {
        if (text(k) == "," && k + 1 < j && (pos(k + 1) == Pos::kWDT || pos(k + 1) == Pos::kWP || pos(k + 1) == Pos::kWPS)) {
          j = k;
          break;
        }
      }
      continue;
    }
    for (const Group& p : before)
      if (p.head == j) return kNone;
    if (actor_[j] == kNone) {
      // "Burmese troops have captured", "Thousands of students marched":
      // a group noun heading the subject acts without a name.
      if (!seen_noun && nominal(j) && !(j + 1 < g.first && nominal(j + 1))) {
        // A noun inside a prepositional phrase ("at a prison") is not the
        // subject's head, but "thousands of students" counts students.
        std::string_view prep = preposition_before(j, b);
        if (!prep.empty() && !subordinator(prep, j + 1, g)) {
          size_t k = j;
          while (k > b && lemma(k - 1) != prep) --k;
          bool count = prep == "of" && k >= b + 2 &&
                       (pos(k - 2) == Pos::kCD || lemma(k - 2) == "thousand" || lemma(k - 2) == "hundred" ||
                        lemma(k - 2) == "dozen" || lemma(k - 2) == "score" || lemma(k - 2) == "group" ||
                        lemma(k - 2) == "crowd" || lemma(k - 2) == "band" || lemma(k - 2) == "number");
          if (!count) continue;
        }
        seen_noun = true;
        seen_head = j;
        if (int32_t a = group_actor(j, b); a != kNone) return a;
      }
      continue;
    }
    size_t start = actor_start_[j];
    if (std::string_view prep = preposition_before(start, b); !prep.empty() && !subordinator(prep, actor_end_[j], g)) {
      j = start;  // a prepositional phrase: keep looking before it
      continue;
    }
    if (seen_noun) {
      // "his main challenger refused": a possessive pronoun before the
      // subject's head noun is someone else ("his resignation was met
      // with approval" is his act, though).
      if (pos(j) == Pos::kPRPS && !noun_pattern(seen_head)) return kNone;
      // "Amnesty International's Indonesia office condemned": a place
      // modifying the head, after a possessor, names the possessor's branch.
      const EntityType t = doc_.entities[actor_[j]].type;
      if ((t == EntityType::kGpe || t == EntityType::kLoc) && start >= b + 2 &&
          toks_[start - 1].kind == TokenKind::kClitic && actor_[start - 2] != kNone && actor_end_[j] < g.first &&
          nominal(actor_end_[j])) {
        note_use(start - 2);
        return actor_[start - 2];
      }
    }
    note_use(j);
    return actor_[j];
  }
  return kNone;
}

size_t EventCoder::Pass::object_noun(size_t after, size_t e) const {
  static constexpr std::string_view kMeasures[] = {
      "dollar", "euro",   "pound",  "yen",      "yuan",  "franc",    "shilling", "rupee",  "ton",    "tonne",
      "kg",     "kilogram", "million", "billion", "worth", "amount", "lot",      "number", "shipment", "consignment",
      "package", "batch", "load",   "supply",   "round", "quantity", "convoy",  "plane",  "truck",  "planeload"};
  for (size_t k = after; k < e && k - after < 6; ++k) {
    if (boundary(k, false) || text(k) == ",") break;
    // A clause of its own: "announced Wednesday it would prohibit aid".
    if (pos(k) == Pos::kMD || pos(k) == Pos::kWDT || pos(k) == Pos::kWP || (pos(k) == Pos::kIN && lemma(k) == "that") ||
        (pos(k) == Pos::kPRP && k > after))
      break;
    if (nominal(k) && (k + 1 >= e || !nominal(k + 1))) {
      if (k + 2 < e && lemma(k + 1) == "of" &&
          std::find(std::begin(kMeasures), std::end(kMeasures), lemma(k)) != std::end(kMeasures)) {
        size_t inner = object_noun(k + 2, e);
        if (inner != SIZE_MAX) return inner;
      }
      return k;
    }
  }
  return SIZE_MAX;
}

int32_t EventCoder::Pass::reporter(const std::vector<Group>& gs, size_t i) const {
  for (size_t k = 0; k < gs.size(); ++k) {
    if (k == i) continue;
    std::string_view l = lemma(gs[k].head);
    if (l == "say" || l == "tell" || l == "insist" || l == "state" || l == "declare" || l == "add" ||
        l == "stress" || l == "reiterate" || l == "warn" || l == "argue" || l == "write" || l == "announce" ||
        l == "conclude" || l == "emphasize" || l == "emphasise" || l == "remind" || l == "repeat" || l == "note")
      if (gs[k].subject != kNone && !gs[k].negated) return gs[k].subject;
  }
  return kNone;
}

void EventCoder::Pass::subjects(std::vector<Group>& gs, size_t b) {
  for (size_t i = 0; i < gs.size(); ++i) {
    Group& g = gs[i];
    std::vector<Group> before(gs.begin(), gs.begin() + static_cast<long>(i));
    // "killed 43 civilians and wounded 150": a verb right after "and" shares
    // the subject of the verb before it, not the object in between.
    // A verb group inside a quote before it is not the one it is
    // coordinated with: chanted “Education is not a luxury” and threw ...
    size_t prev = i - 1;
    while (i > 0 && prev > 0 && quote_between(gs[prev].head, g.first) && quote_between(gs[prev - 1].head, gs[prev].first))
      --prev;
    const bool coordinated_verb = i > 0 && g.first > b && (lemma(g.first - 1) == "and" || lemma(g.first - 1) == "or") &&
                                  gs[prev].subject != kNone && !g.after_to;
    g.subject = coordinated_verb ? gs[prev].subject : subject_of(g, b, before);
    // "pressure on Hamas to free", "urged Iran to halt": the mention right
    // before "to" controls the infinitive.
    if (g.after_to) {
      size_t to = g.first;
      while (to > b && pos(to - 1) != Pos::kTO) --to;
      std::string_view via = to >= b + 2 && actor_[to - 2] != kNone ? preposition_before(actor_start_[to - 2], b)
                                                                     : std::string_view("in");
      bool controller = via.empty() || via == "on" || via == "upon" || via == "for";
      if (to >= b + 2 && actor_[to - 2] != kNone && actor_end_[to - 2] == to - 1 && controller) {
        g.subject = actor_[to - 2];
      }
    }
    // "Hungary said it will support ...": an unresolved subject pronoun of
    // a reported clause is the speaker.
    // "China said it firmly opposed": adverbs may stand between.
    size_t pronoun = g.first;
    while (pronoun > b + 1 && pronoun + 3 > g.first && pos(pronoun - 1) == Pos::kRB) --pronoun;
    if (g.subject == kNone && pronoun > b && pos(pronoun - 1) == Pos::kPRP && actor_[pronoun - 1] == kNone) {
      std::string_view pr = lemma(pronoun - 1);
      if (pr == "it" || pr == "he" || pr == "she" || pr == "they" || pr == "we") {
        for (size_t k = i; k-- > 0 && gs[k].head + 10 > g.first;) {
          std::string_view l = lemma(gs[k].head);
          if (l == "say" || l == "announce" || l == "state" || l == "declare" || l == "tell" || l == "add" ||
              l == "confirm" || l == "insist" || l == "warn" || l == "promise" || l == "indicate") {
            g.subject = gs[k].subject;
            break;
          }
        }
      }
    }
    // Participles after a comma, coordinated verbs and infinitives share the
    // subject before them; a gerund after a preposition ("aimed at ending") does not.
    if (g.subject == kNone && i > 0 && g.first > b) {
      std::string_view prev = lemma(g.first - 1);
      if (prev == "," || prev == "and" || prev == "or" || prev == "but" || g.after_to) g.subject = gs[i - 1].subject;
    }
    // "X said the count lacked transparency and urged Y to publish it": a
    // call, warning or charge coordinated after a reported clause is the
    // speaker's act.
    if (i >= 2 && g.first > b && !g.after_to && (lemma(g.first - 1) == "and" || lemma(g.first - 1) == "but") &&
        speaker_act(lemma(g.head))) {
      for (size_t k = 0; k + 1 < i; ++k) {
        const std::string_view r = lemma(gs[k].head);
        if ((r == "say" || r == "tell") && !gs[k].negated && gs[k].subject != kNone && gs[k + 1].first > gs[k].head &&
            gs[k + 1].subject != gs[k].subject) {
          g.subject = gs[k].subject;
          break;
        }
      }
    }
  }
}

}  // namespace sitrep
