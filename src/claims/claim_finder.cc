#include "claims/claim_finder.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claims/claim_lexicon.h"
#include "claims/claim_scan.h"

namespace sitrep {
namespace claims {

// Decides what a figure counts from the words around it.
bool Scan::kind_of(const Figure& f, const Sentence& s, Reading& r) const {
  const uint32_t first = s.first_token, limit = s.end_token;
  r.first = f.begin;
  r.last = f.end - 1;

  if (f.unit) {
    // Money, shares and measures are never a count of victims; a pledge
    // ("would release 35 million euros") is a figure too.
    r.kind = "quantity";
    r.unit = f.unit->code;
    return true;
  }
  // The counted phrase: "people", "Palestinian civilians", "of the attackers".
  uint32_t p = f.end;
  if (p < limit && kind(p) == TokenKind::kQuote) ++p;
  if (p + 1 < limit && is(p, "of") && (f.vague || (role(p + 1) & kObject))) {
    ++p;
    if (p < limit && (role(p) & kObject)) ++p;
  }
  const KindWord* run_kind = nullptr;
  uint32_t head = 0;
  bool has_head = false;
  uint32_t q = p;
  auto object_follows = [&](uint32_t t) {
    if (t >= limit) return false;
    if (kind(t) == TokenKind::kNumber || (role(t) & kObject)) return true;
    Number dummy;
    return lex_.number(w_[t]) != nullptr && read_number(t, limit, dummy);
  };
  for (; q < limit && q < p + 6; ++q) {
    if (!wordlike(q) || (role(q) & kStop) || time_at_[q] != kNone) break;
    const KindWord* k = nullptr;
    uint32_t len = lex_.kinds.forward(w_, q, limit, &k);
    if (len == 1 && (k->patterns & (kMod | kNoun)) && !object_follows(q + 1)) {
      run_kind = k;
      if ((k->patterns & kNoun) && !(k->patterns & kMod)) {
        head = q;  // the counted noun ends the phrase: "250 hostages [remain]"
        has_head = true;
        ++q;
        break;
      }
      continue;
    }
    if (len > 0) break;  // a verb: "12 people killed", "bombers killed 23"
    if (!noun_like(q)) break;  // "800,000 Iraqi Kurds [sought] refuge"
    head = q;
    has_head = true;
  }
  const uint32_t run_end = q;
  if (has_head) r.unit = std::string(doc_.text_of(doc_.tokens[head]));
  if (run_end > p) r.last = std::max(r.last, run_end - 1);

  // A verb before the figure whose object it is: "killing over 1,100 people".
  const KindWord* verb_kind = nullptr;
  uint32_t a = f.begin;
  if (a > first && kind(a - 1) == TokenKind::kQuote) --a;
  // "released the last four detained staff": a determiner and one adjective.
  uint32_t a_det = a;
  if (a_det > first + 1 && wordlike(a_det - 1) && !(role(a_det - 1) & kStop) && is(a_det - 2, "the")) a_det -= 2;
  else if (a_det > first && is(a_det - 1, "the")) a_det -= 1;
  const KindWord* k = nullptr;
  uint32_t len = lex_.kinds.backward(w_, first, a, &k);
  if (!(len > 0 && (k->patterns & kActive)) && a_det != a) {
    len = lex_.kinds.backward(w_, first, a_det, &k);
    if (len > 0 && (k->patterns & kActive)) a = a_det;
  }
  if (len > 0 && (k->patterns & kActive)) {
    bool needs_from = k->patterns & kFrom;
    bool from_ok = !needs_from;
    for (uint32_t t = run_end; t < limit && t < run_end + 3 && !from_ok; ++t) from_ok = is(t, "from");
    // "killing or wounding 50" names no one kind.
    uint32_t vb = a - len;
    const KindWord* other = nullptr;
    bool either = vb >= first + 2 && (is(vb - 1, "or") || is(vb - 1, "and")) &&
                  lex_.kinds.backward(w_, first, vb - 1, &other) > 0 && other->kind != k->kind;
    if (either) return false;
    // "agreed to evacuate 21 settlements", "will free 30 prisoners": not (yet) a figure of what happened.
    if (vb > first && (role(vb - 1) & kModal)) return false;
    if (vb > first + 2 && (is(vb - 1, "and") || is(vb - 1, "or")) && (role(vb - 3) & kModal)) return false;
    if (from_ok) {
      verb_kind = k;
      r.verb_begin = vb;
      r.verb_end = a;
      r.active = true;
      r.first = vb;
      r.current = vb > first && (is(vb - 1, "have") || is(vb - 1, "has"));
    }
  }
  // A verb after the counted phrase whose subject it is: "were killed", "fled".
  if (!verb_kind) {
    uint32_t v = run_end;
    if (v < limit && (role(v) & kRelative)) ++v;
    bool be = false, have = false, had = false;
    for (int steps = 0; v < limit && steps < 6; ++steps, ++v) {
      uint16_t rl = role(v);
      if (rl & kBe) {
        be = true;
      } else if (rl & kHave) {
        have = true;
        had = had || is(v, "had");
      } else if (!(rl & kSkip) && !adverb(v)) {
        break;
      }
    }
    if (uint32_t len = lex_.kinds.forward(w_, v, limit, &k)) {
      bool ok = (be && (k->patterns & kPassive)) || (!be && (k->patterns & kIntrans)) ||
                (!be && !have && v == run_end && (k->patterns & kBare) && !object_follows(v + len));
      if (ok && (k->patterns & kFrom) && !(k->patterns & kPassive)) ok = false;
      const KindWord* other = nullptr;
      if (ok && v + len + 1 < limit && (is(v + len, "or") || is(v + len, "and")) &&
          lex_.kinds.forward(w_, v + len + 1, limit, &other) > 0 && other->kind != k->kind)
        return false;  // "were killed or wounded"
      if (ok) {
        verb_kind = k;
        r.verb_begin = v;
        r.verb_end = v + len;
        r.after_verb = true;
        r.last = v + len - 1;
        r.current = have && !had;
      }
    }
  }
  // "the deaths of two Israelis"; "the death toll rose to 34,000".
  const KindWord* other_kind = nullptr;
  if (!verb_kind && !run_kind) {
    if (a >= first + 2 && is(a - 1, "of") && lex_.kinds.backward(w_, first, a - 1, &k) > 0 && (k->patterns & kOf)) {
      other_kind = k;
      r.first = a - 2;
    }
    for (uint32_t t = a; !other_kind && t > first && t + 8 > a; --t) {
      if (w_[t - 1] == ";" || kind(t - 1) == TokenKind::kNumber) break;
      if (lex_.kinds.forward(w_, t - 1, a, &k) > 0 && (k->patterns & kToll)) {
        other_kind = k;
        r.first = t - 1;
        for (uint32_t u = t; u < a; ++u) r.current = r.current || is(u, "has") || is(u, "have") || is(u, "stands");
      }
    }
  }

  const KindWord* chosen = verb_kind ? verb_kind : run_kind ? run_kind : other_kind;
  if (!chosen && !f.vague && (has_head ? f.value >= 2 : f.value >= 1000000)) {
    // Any counted thing is a figure of the general kind: "42 aircraft",
    // "12 companies", "41,000 employees"; a bare number only when it is large
    // ("1.2 million").
    r.kind = "quantity";
    return true;
  }
  if (verb_kind && run_kind && (run_kind->patterns & kNoun) &&
      std::find(run_kind->overrides.begin(), run_kind->overrides.end(), verb_kind->kind) != run_kind->overrides.end())
    chosen = run_kind;
  if (!chosen) return false;
  r.kind = chosen->kind;
  // "one" with nothing counted is a pronoun: "the one that was executed".
  if (!has_head && !f.digits && f.value == 1) return false;
  if (r.unit.empty()) r.unit = "people";
  if (!r.active && !r.after_verb && f.begin > first && wordlike(f.begin - 1) && !(role(f.begin - 1) & kStop) &&
      !doc_.tokens[f.begin - 1].has(kUpperInitial)) {
    // "taking some 250 hostages": the word before is the verb whose subject is the actor.
    r.active = true;
    r.verb_begin = f.begin - 1;
    r.verb_end = f.begin;
    r.first = f.begin - 1;
  }
  return true;
}

// One named victim: "A Palestinian prisoner died", "killed the deputy chief".
bool Scan::singular(uint32_t i, const Sentence& s, Figure& f, Reading& r) const {
  const KindWord* k = nullptr;
  uint32_t len = lex_.kinds.forward(w_, i, s.end_token, &k);
  if (len == 0 || !(k->patterns & kSingular)) return false;
  // Object: killed the|a ... <person>
  if (k->patterns & kActive) {
    uint32_t d = i + len;
    if (d < s.end_token && (is(d, "the") || is(d, "a") || is(d, "an"))) {
      uint32_t h = 0;
      bool found = false;
      for (uint32_t t = d + 1; t < s.end_token && t < d + 6 && wordlike(t) && !(role(t) & kStop); ++t) {
        h = t;
        found = true;
      }
      if (found && (role(h) & kPerson)) {
        f = Figure{};
        f.begin = i + len;
        f.end = h + 1;
        f.value = 1;
        r = Reading{};
        r.kind = k->kind;
        r.unit = std::string(doc_.text_of(doc_.tokens[h]));
        r.first = i;
        r.last = h;
        r.verb_begin = i;
        r.verb_end = i + len;
        r.active = true;
        return true;
      }
    }
  }
  // Subject: A|The ... <person> (was|has been) killed / died
  uint32_t v = i;
  bool be = false, have = false;
  while (v > s.first_token && v + 6 > i) {
    uint16_t rl = role(v - 1);
    if (rl & kBe) {
      be = true;
    } else if (rl & kHave) {
      have = have || !is(v - 1, "had");
    } else if (!(rl & kSkip) && !adverb(v - 1)) {
      break;
    }
    --v;
  }
  if (v > s.first_token && (role(v - 1) & kRelative)) --v;
  bool ok = (be && (k->patterns & kPassive)) || (!be && (k->patterns & kIntrans));
  if (!ok || v <= s.first_token || !(role(v - 1) & kPerson)) return false;
  uint32_t h = v - 1, t = h;
  while (t > s.first_token && t + 5 > h && wordlike(t - 1) && !(role(t - 1) & kStop)) --t;
  if (t == s.first_token || !(is(t - 1, "a") || is(t - 1, "an") || is(t - 1, "the"))) return false;
  f = Figure{};
  f.begin = t - 1;
  f.end = h + 1;
  f.value = 1;
  r = Reading{};
  r.kind = k->kind;
  r.unit = std::string(doc_.text_of(doc_.tokens[h]));
  r.first = t - 1;
  r.last = i + len - 1;
  r.verb_begin = i;
  r.verb_end = i + len;
  r.after_verb = true;
  r.current = have;
  return true;
}

// The speaker of a cue verb: "Gaza health authorities have estimated", "...,
// police said", "said the ministry".
int32_t Scan::cue_subject(uint32_t cue, const Sentence& s, bool& parenthetical) const {
  auto after_comma = [&](uint32_t t) {
    return t > s.first_token && (w_[t - 1] == "," || kind(t - 1) == TokenKind::kQuote || kind(t - 1) == TokenKind::kDash);
  };
  parenthetical = false;
  uint32_t t = cue;
  for (int steps = 0; t > s.first_token && steps < 6; ++steps) {
    --t;
    if (int32_t e = entity_at(t); e != kNone) {
      // ", the national disaster agency said": the attribution closes the sentence.
      uint32_t start = doc_.mentions[mention_at_[t]].first_token;
      for (int k = 0; k < 6 && start > s.first_token && !after_comma(start) && wordlike(start - 1) &&
                      mention_at_[start - 1] == kNone && !(role(start - 1) & (kCue | kPrep)) && !is(start - 1, "and");
           ++k)
        --start;
      parenthetical = after_comma(start) || start == s.first_token;
      return e;
    }
    if (mention_at_[t] != kNone) return kNone;
    uint16_t rl = role(t);
    if (!((rl & (kHave | kSkip)) || time_at_[t] != kNone || adverb(t))) break;
  }
  if (after_comma(cue)) {
    for (uint32_t u = cue + 1; u < s.end_token && u < cue + 5; ++u) {
      if (int32_t e = entity_at(u); e != kNone) {
        parenthetical = true;
        return e;
      }
      if (!wordlike(u) && time_at_[u] == kNone) break;
    }
  }
  return kNone;
}

// Who a figure is attributed to: "according to X" in its sentence, the speaker
// of reported speech or a quote around it, or the subject of a speech verb in
// its sentence. kNone in the article's own voice.
// The speaker of the reported speech (first) or quote that contains `span`.
// Speech spans are indexed once per document in text order, so each lookup
// checks only the few spans that start just before it.
int32_t Scan::speech_around(ByteSpan span) const {
  if (speech_.empty() && !speech_indexed_) {
    for (int pass = 0; pass < 2; ++pass) {
      if (pass == 0) {
        for (const ReportedSpeech& r : doc_.reported)
          if (r.speaker != kNone) speech_.push_back({r.span.begin, r.span.end, r.speaker, 0});
      } else {
        for (const Quote& q : doc_.quotes)
          if (q.speaker != kNone) speech_.push_back({q.span.begin, q.span.end, q.speaker, 1});
      }
    }
    std::sort(speech_.begin(), speech_.end(), [](const SpeechSpan& a, const SpeechSpan& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.rank < b.rank;
    });
    speech_indexed_ = true;
  }
  auto it = std::upper_bound(speech_.begin(), speech_.end(), span.begin,
                             [](uint32_t b, const SpeechSpan& x) { return b < x.begin; });
  int32_t best = kNone;
  int best_rank = 2;
  for (int looked = 0; it != speech_.begin() && looked < 64; ++looked) {
    --it;
    if (span.end <= it->end && it->rank < best_rank) {
      best = it->speaker;
      best_rank = it->rank;
    }
  }
  return best;
}

int32_t Scan::source_of(ByteSpan span, uint32_t first, uint32_t last, const Sentence& s) const {
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    if (!(role(t) & kAccording)) continue;
    uint32_t u = t + 1;
    if (is(t, "according")) {
      if (u >= s.end_token || !is(u, "to")) continue;
      ++u;
    }
    for (; u < s.end_token && u < t + 9; ++u) {
      if (int32_t e = entity_at(u); e != kNone) return e;
      if (!wordlike(u)) break;
    }
    return kNone;  // attributed, to someone the entities do not name
  }
  if (int32_t speaker = speech_around(span); speaker != kNone) return speaker;
  int32_t before = kNone, after = kNone;
  for (uint32_t t = s.first_token; t < s.end_token; ++t) {
    if (t >= first && t <= last) continue;
    if (!(role(t) & kCue) || (t > s.first_token && (role(t - 1) & kBe))) continue;
    bool parenthetical = false;
    int32_t e = cue_subject(t, s, parenthetical);
    if (e == kNone) continue;
    // A speech verb after the figure attributes it only as a closing
    // attribution (", police said"), not as a clause of its own ("..., and
    // the United States said it would send ...").
    if (t < first) before = e;
    else if (after == kNone && parenthetical) after = e;
  }
  return before != kNone ? before : after;
}

// The nearest name before a verb that can be its subject: not after a
// preposition ("in Gaza"), not beyond a speech verb ("police said gunmen killed").
int32_t Scan::subject_before(uint32_t verb, const Sentence& s) const {
  uint32_t t = verb;
  while (t > s.first_token) {
    --t;
    if ((role(t) & kCue) && mention_at_[t] == kNone) return kNone;
    int32_t m = mention_at_[t];
    if (m == kNone) continue;
    uint32_t start = doc_.mentions[m].first_token;
    if (start > s.first_token && (role(start - 1) & kPrep)) {
      t = start;
      continue;
    }
    return doc_.mentions[m].entity;
  }
  return kNone;
}

// Who is responsible: the subject of an active verb, the agent of a passive
// one ("killed by X"), or the owner of the attack it happened in ("killed amid
// Israel's siege").
int32_t Scan::actor_of(const Reading& r, const Sentence& s) const {
  if (r.active) return subject_before(r.verb_begin, s);
  if (!r.after_verb) return kNone;
  for (uint32_t t = r.verb_end; t < s.end_token && t < r.verb_end + 3; ++t) {
    if (!is(t, "by")) continue;
    for (uint32_t u = t + 1; u < s.end_token && u < t + 5; ++u)
      if (int32_t e = entity_at(u); e != kNone) return e;
    return kNone;
  }
  for (uint32_t t = r.verb_end; t < s.end_token && t < r.verb_end + 4; ++t) {
    if (!(is(t, "in") || is(t, "amid") || is(t, "during") || is(t, "by"))) continue;
    for (uint32_t u = t + 1; u < s.end_token && u < t + 4; ++u) {
      int32_t m = mention_at_[u];
      if (m == kNone) continue;
      uint32_t after = doc_.mentions[m].end_token;
      if (after < s.end_token && kind(after) == TokenKind::kClitic) ++after;
      while (after < s.end_token && after < doc_.mentions[m].end_token + 4 && !(role(after) & kAttack) &&
             wordlike(after) && !(role(after) & kStop))
        ++after;
      if (after < s.end_token && (role(after) & kAttack)) return doc_.mentions[m].entity;
      break;
    }
    break;
  }
  return kNone;
}

// When: the time expression of its sentence nearest to it; else the
// publication date for a running figure ("have been killed"); else unknown.
std::string Scan::date_of(const Reading& r, const Sentence& s) const {
  const uint32_t sb = doc_.tokens[s.first_token].begin, se = doc_.tokens[s.end_token - 1].end;
  const uint32_t cb = doc_.tokens[r.first].begin, ce = doc_.tokens[r.last].end;
  const TimeExpression* best = nullptr;
  uint32_t best_distance = UINT32_MAX;
  // Times are in text order: start at the sentence's first by binary search,
  // so a long article costs no more per claim than a short one.
  auto first = std::lower_bound(doc_.times.begin(), doc_.times.end(), sb,
                                [](const TimeExpression& t, uint32_t b) { return t.span.begin < b; });
  for (auto it = first; it != doc_.times.end() && it->span.begin < se; ++it) {
    const TimeExpression& t = *it;
    if (t.span.end > se || t.value.empty()) continue;
    if (t.value[0] == 'P' || t.value.find("XX") != std::string::npos) continue;  // durations and sets
    uint32_t d = t.span.end <= cb ? cb - t.span.end : t.span.begin >= ce ? t.span.begin - ce : 0;
    if (d < best_distance) {
      best = &t;
      best_distance = d;
    }
  }
  if (best) return best->value;
  if (r.current) return doc_.article.date;
  return {};
}

void Scan::emit(const Figure& f, const Reading& r, const Sentence& s, std::vector<Found>& out) const {
  Claim c;
  uint32_t first = std::min(r.first, f.begin), last = std::max(r.last, f.end - 1);
  c.span = ByteSpan{doc_.tokens[first].begin, doc_.tokens[last].end};
  c.kind = r.kind;
  c.value = f.value;
  c.qualifier = f.qualifier;
  if (!f.hedged && r.kind != "quantity") {
    // "police estimated the crowd at 6,000": an estimate without a hedge of its own.
    for (uint32_t t = f.begin > s.first_token + 6 ? f.begin - 6 : s.first_token; t < f.begin; ++t)
      if (role(t) & kEstimate) c.qualifier = Qualifier::kAbout;
  }
  c.unit = r.unit;
  c.source = source_of(c.span, first, last, s);
  c.actor = actor_of(r, s);
  c.date = date_of(r, s);
  out.push_back({std::move(c), first < title_end_});
}

void Scan::sentence(const Sentence& s, std::vector<Found>& out) {
  for (uint32_t i = s.first_token; i < s.end_token; ++i) {
    TokenKind k = kind(i);
    uint8_t trig = 0;
    if (k == TokenKind::kWord) {
      std::string_view word = w_[i];
      trig = lex_.trigger(word);
      if (!trig && word.find('-') != std::string_view::npos)
        trig = lex_.trigger(word.substr(0, word.find('-')));  // twenty-five
    }
    Figure f;
    Reading r;
    if (k == TokenKind::kNumber || (trig & kStartsNumber)) {
      if (read_figure(i, s, f)) {
        if (kind_of(f, s, r)) emit(f, r, s, out);
        i = std::max(i, f.end - 1);
        continue;
      }
    }
    if ((trig & kSingularVerb) && singular(i, s, f, r)) emit(f, r, s, out);
  }
}

}  // namespace claims

ClaimFinder::ClaimFinder(const std::string& data_dir) : lexicon_(claims::ClaimLexicon::load(data_dir)) {}

ClaimFinder::~ClaimFinder() = default;

void ClaimFinder::run(Document& doc) const {
  using claims::Scan;
  doc.claims.clear();
  if (doc.tokens.empty()) return;
  Scan scan(doc, *lexicon_);
  std::vector<Scan::Found> found;
  for (const Sentence& s : doc.sentences)
    if (s.first_token < s.end_token) scan.sentence(s, found);
  // One claim per kind and value: a figure repeated (headline and body, or
  // twice in the body) is one claim, taken from its first mention in the body.
  // A map from kind and value to the claim kept, so a long article with
  // many figures costs no more per figure than a short one.
  std::vector<bool> keep(found.size(), true);
  std::map<std::pair<std::string_view, double>, size_t> kept;
  for (size_t b = 0; b < found.size(); ++b) {
    auto [it, fresh] = kept.emplace(std::make_pair(std::string_view(found[b].claim.kind), found[b].claim.value), b);
    if (fresh) continue;
    const size_t a = it->second;
    if (found[a].in_title && !found[b].in_title) {
      keep[a] = false;  // the body's mention replaces the headline's
      it->second = b;
    } else {
      keep[b] = false;
    }
  }
  for (size_t a = 0; a < found.size(); ++a)
    if (keep[a]) doc.claims.push_back(std::move(found[a].claim));
}

}  // namespace sitrep
