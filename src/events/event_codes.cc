// Code choice for the event coder (event_coder.h): each verb group's CAMEO
// and PLOVER code from the patterns of data/event_verbs.tsv (particles,
// objects, light verbs with an event noun), its source and target, what its
// modality makes of it (a threat, an intent, a refusal, nothing yet), and
// the event emitted into Document::events with its date and its copies for
// the actors coordinated with its source and target.
#include "events/event_coder_pass.h"

namespace sitrep {

namespace {

// Demands, criticism, rejection, threats, protest and force (roots 10-20):
// vowing one of these is a threat.
bool coercive(std::string_view cameo) { return cameo.size() >= 2 && (cameo[0] == '2' || (cameo[0] == '1' && cameo[1] >= '0')); }
// Consult, support, cooperate, aid, yield, investigate (roots 04-09): what
// one announces or promises to do in CAMEO 03.
bool cooperative(std::string_view cameo) { return cameo.size() >= 2 && cameo[0] == '0' && cameo[1] >= '4'; }
bool is_material(std::string_view cameo) { return cameo.size() >= 2 && (cameo[0] == '2' || (cameo[0] == '1' && cameo[1] >= '5')); }

}  // namespace

void EventCoder::Pass::code(const Sentence& s, const std::vector<Group>& gs, std::vector<bool>& noun_used) {
  const size_t b = s.first_token, e = s.end_token;
  int32_t last_source = kNone, last_target = kNone;
  for (size_t i = 0; i < gs.size(); ++i) {
    const Group& g = gs[i];
    const size_t head = g.head;
    const std::string_view l = lemma(head);
    if (unasserted(head, b)) continue;
    // "X said Y must withdraw", "X said the US must be ready to mediate":
    // X's demand on Y (CAMEO 10), not Y's act.
    if (g.obligation && !g.negated && g.subject != kNone && !g.after_to) {
      if (int32_t speaker = reporter(gs, i); speaker != kNone && speaker != g.subject) {
        emit(speaker, g.subject, "100", "DEMAND", false, Modality::kAsserted, g.first, head + 1, s);
        continue;
      }
    }
    if (l == "be" || l == "have" || l == "do") continue;
    // "declined to comment", "refused to say how many": no rejection of anyone.
    if ((l == "decline" || l == "refuse") && head + 2 < e && lemma(head + 1) == "to" && speech_verb(lemma(head + 2)))
      continue;
    // "Nigeria beat Ghana 2-1": a match result, not an assault.
    if ((l == "beat" || l == "defeat" || l == "thrash" || l == "rout") && match_score(head + 1, e)) continue;
    if (size_t d = demanded_clause(g, b); d != SIZE_MAX) {
      // Whoever must act is the demand's target.
      for (size_t k = sentence_events_; k < doc_.events.size(); ++k) {
        Event& de = doc_.events[k];
        if (de.trigger.end <= toks_[d].end && de.target == kNone && de.source != g.subject &&
            (de.cameo.starts_with("10") || de.cameo.starts_with("02")))
          de.target = g.subject;
      }
      continue;
    }
    // "the recently imposed law": a participle used as an adjective.
    if (g.first == head && (pos(head) == Pos::kVBN || pos(head) == Pos::kVBG) && head > b &&
        (pos(head - 1) == Pos::kDT || pos(head - 1) == Pos::kRB || pos(head - 1) == Pos::kJJ ||
         pos(head - 1) == Pos::kPRPS) &&
        head + 1 < e && is_noun(pos(head + 1)))
      continue;
    size_t after = head + 1;
    // "troops backed by militias", "talks mediated by the African Union": a
    // participle after a noun with an agent is a passive.
    const bool reduced = g.first == head && pos(head) == Pos::kVBN && head > b &&
                         (nominal(head - 1) || actor_[head - 1] != kNone) && after < e && lemma(after) == "by";
    // "Israel is opposed to X" states what Israel does: no passive.
    const bool passive = (g.passive || reduced) && !(l == "oppose" && after < e && lemma(after) == "to");

    // "was met with approval from X": the noun carries the event.
    if (passive && after + 1 < e && lemma(after) == "with") {
      size_t n = object_noun(after + 1, e);
      if (n != SIZE_MAX && noun_pattern(n)) continue;
    }

    const VerbPattern* pattern = nullptr;
    size_t noun = object_noun(after, e);
    // "gave the Ivory Coast 5.1 million dollars of aid": a named first
    // object before a second is the one it is given to.
    int32_t indirect = kNone;
    if (noun != SIZE_MAX && actor_[noun] != kNone && actor_end_[noun] < e && !is_preposition(lemma(actor_end_[noun]))) {
      size_t second = object_noun(actor_end_[noun], e);
      if (second != SIZE_MAX && actor_[second] == kNone) {
        for (const VerbPattern& p : dict_.verbs(l))
          if (!p.objects.empty() && p.particle.empty() && object_in(p.objects, second)) {
            indirect = actor_[noun];
            noun = second;
            break;
          }
      }
    }
    // "began a hunger strike": a phrase with an event of its own outranks
    // the verb's reading of its head ("launch ... strike" is an attack).
    const bool phrase_event = noun != SIZE_MAX && dict_.light_verb(l) && !phrase_at(noun, phrase_buf_).empty() &&
                              dict_.noun(phrase_buf_) != nullptr;
    for (const VerbPattern& p : dict_.verbs(l)) {
      if (!p.particle.empty() && !(after < e && lemma(after) == p.particle)) continue;
      if (phrase_event && !p.objects.empty()) continue;
      // An intransitive reading does not take an actor as its object:
      // "we're going to resign them to the dustbin" is no resignation.
      if (p.target.none && p.objects.empty() && p.particle.empty() && after < e && actor_[after] != kNone &&
          (pos(after) == Pos::kPRP || pos(after) == Pos::kNNP || pos(after) == Pos::kNNPS))
        continue;
      // "called the vote illegal" denounces; "called it justified" does not.
      if (l == "call" && p.particle.empty() && (p.cameo == "111") != pejorative_after(after, e)) continue;
      if (!p.objects.empty() && (noun == SIZE_MAX || !object_in(p.objects, noun)))
        continue;
      pattern = &p;
      break;
    }
    // A light verb with an event noun: "launched a relentless assault on Gaza".
    const NounPattern* object_event =
        noun != SIZE_MAX && dict_.light_verb(l) ? noun_pattern(noun) : nullptr;
    if (pattern && !pattern->particle.empty()) ++after;

    const Group* gov = governor(g, gs, b);
    const ModalEffect effect = effect_of(g, gov, b, e);
    bool negated = g.negated || (gov && gov->negated);
    if (effect == ModalEffect::kNegated) negated = true;
    // "NATO said it would tighten the blockade": force announced is a threat.
    const bool announced_force = ((g.hypothetical && !g.obligation) || g.future) && !g.negated;
    if ((g.hypothetical && !announced_force) || effect == ModalEffect::kHypothetical || (gov && gov->hypothetical)) {
      continue;
    }
    // "vowed to eliminate X": the vow is coded with what it governs, below.
    if (governs_threat(i, gs) || threat_without_verb(g, gs, e, s)) continue;

    int32_t source = passive ? kNone : g.subject;
    int32_t target = kNone;
    std::string cameo, plover;
    size_t trigger_e = after;
    if (pattern) {
      cameo = pattern->cameo;
      plover = pattern->plover;
      target = passive ? g.subject : target_of(pattern->target, after, e);
      if (!pattern->objects.empty() && noun != SIZE_MAX) {
        noun_used[noun - b] = true;
        trigger_e = noun + 1;
        if (target == kNone) target = target_of(pattern->target, noun + 1, e);
        // "expelled two Russian diplomats", "expelled inspectors of the
        // IAEA": whose the people or things acted on are.
        if (target == kNone && !passive && pattern->target.prepositions.empty()) target = object_owner(noun, after, e);
      }
    } else if (object_event && object_event->source_subject) {
      cameo = object_event->cameo;
      plover = object_event->plover;
      target = target_of(object_event->target, noun + 1, e);
      noun_used[noun - b] = true;
      trigger_e = noun + 1;
    }
    if (indirect != kNone && pattern) target = indirect;
    if (pattern && !passive) target = reaction_target(cameo, l, noun, after, source, g.subject, target, s, noun_used);
    if (passive && pattern) {
      source = mention_after(after, e, "by");
      if (source == kNone) source = mention_after(after, e, "from");
    }
    // "vowed to eliminate X", "threatening to land blows against X": a threat.
    const bool vowed = (gov && dict_.modality(lemma(gov->head)) != ModalEffect::kAsserted) || ready_to(g, b);
    bool threat = effect == ModalEffect::kThreatened ||
                  (vowed && effect == ModalEffect::kIntended && coercive(cameo));
    // The complement's target completes its governor's event: "agreed to
    // provide aid for Romania", "refused to deploy troops in Iraq".
    if (gov && gov_event_.count(gov->head)) {
      Event& ge = doc_.events[gov_event_.at(gov->head)];
      // The agreed act gives an agreement its sub-code (CAMEO 03 is intent
      // to cooperate, by the kind of act): "agreed to meet" is 036 (express
      // intent to meet or negotiate), not the meeting (04) nor 030;
      // "agreed to release" 035, "agreed to provide aid" 033.
      if (ge.cameo == "030" && cooperative(cameo) && !negated) ge.cameo = intent_code(cameo);
      if (ge.target == kNone) {
        int32_t t = pattern ? target_of(pattern->target, trigger_e, e) : kNone;
        if (t == kNone && noun != SIZE_MAX) t = mention_after(noun + 1, e, "for");
        if (t == kNone) t = locative_place(after, e);
        if (t != ge.source) ge.target = t;
      }
    }
    // An intention to cooperate is itself an event (CAMEO 03, PLOVER AGREE):
    // "promised to democratize Serbia", "is willing to withdraw from Lebanon".
    if (vowed && !threat && effect == ModalEffect::kIntended && !negated && !gov_event_.count(gov ? gov->head : 0)) {
      int32_t src = gov ? gov->subject : g.subject;
      if (target == kNone) target = locative_place(after, e);
      // An act the dictionary does not know ("promised to democratize X",
      // "is willing to send material") is an intent to cooperate in general.
      // Without anyone it is aimed at, an unknown act says too little:
      // "plans to reach 3.6 million people", "expected to save $250 million".
      if (!cooperative(cameo) && target == kNone && clause_target(trigger_e, e, src) == kNone) continue;
      std::string code = intent_code(cameo);
      if (src != kNone) emit(src, target, code, "AGREE", false, Modality::kIntended, gov ? gov->first : g.first,
                             trigger_e, s);
      continue;
    }
    if (threat && gov) {
      if (target == kNone && noun != SIZE_MAX) target = mention_after(noun + 1, e, "on");
      if (target == kNone) target = mention_after(after, e, "against");
      if (target == kNone && noun != SIZE_MAX) target = mention_after(noun + 1, e, "against");
      if (target == kNone) target = locative_place(after, e);
      // "threatened to strike unless Israel withdrew": whoever must comply.
      if (target == kNone && condition_subject_ != gov->subject) target = condition_subject_;
      int32_t src = gov->subject;
      if (!negated) emit(src, target, "130", "THREATEN", false, Modality::kThreatened, gov->first, trigger_e, s);
      continue;
    }
    if (cameo.empty()) continue;
    // "guerrillas killed", "bombers wounded", "was attacked by militiamen":
    // killing and attacking by irregular armed groups is unconventional
    // violence (CAMEO 18), not the use of conventional force (19).
    if (cameo == "190" && (l == "kill" || l == "wound" || l == "injure" || l == "attack" || l == "strike" || l == "hit" ||
                           l == "shoot") &&
        irregular(source != kNone ? source : mention_after(after, e, "by"))) {
      cameo = "180";
      plover = "ASSAULT";
    }
    if (target == kNone && coercive(cameo) && cameo >= "15" && !passive) {
      target = locative_country(after, e);
      if (target == kNone) target = locative_place(after, e);
      if (target == kNone && i > 0 && source == last_source) target = last_target;
    }
    if (announced_force && source != kNone) {
      if (target == kNone) target = locative_place(after, e);
      // Force, protest or a threat announced: "said they would boycott X".
      if (is_material(cameo) || cameo.starts_with("13") || cameo.starts_with("14")) {
        emit(source, target, "130", "THREATEN", false, Modality::kThreatened, g.first, trigger_e, s);
        continue;
      }
      // "Jawara will visit Mauritania": an announced act of cooperation.
      if (cooperative(cameo)) {
        emit(source, target, intent_code(cameo), "AGREE", false, Modality::kIntended, g.first, trigger_e, s);
        continue;
      }
    }
    // "Syria says it will not accept more refugees": an announced refusal.
    if ((g.future || g.hypothetical) && g.negated && !g.obligation && !gov && source != kNone &&
        (cooperative(cameo) || cameo.starts_with("03"))) {
      emit(source, target, "120", "REJECT", false, Modality::kAsserted, g.first, trigger_e, s);
      continue;
    }
    if (g.hypothetical) continue;
    if (effect == ModalEffect::kIntended) continue;  // an intention is not an event (a vow to strike is a threat, above)
    Modality modality = g.future ? Modality::kIntended : Modality::kAsserted;
    if (source == kNone) continue;  // "34,000 have been killed": no actor, no event
    // "refused to meet X", "denied backing X": the refusal or denial is the
    // event; the act it negates is not one more.
    if (effect == ModalEffect::kNegated && !g.negated) continue;
    emit(source, target, cameo, plover, negated, modality, g.first, trigger_e, s);
    if (!doc_.events.empty() && doc_.events.back().trigger.begin == toks_[g.first].begin)
      gov_event_[head] = doc_.events.size() - 1;
    // "pushed back an offensive by M23 rebels on Butembo", "repelled an RSF
    // attack on the city": the attack fought off took place too.
    if (cameo.starts_with("19") && !negated && noun != SIZE_MAX) repelled_attack(noun, source, e, s);
    // Not from a relative clause: "The RSF, which has fought Sudan's army,
    // shelled residential districts" did not shell the army.
    const bool relative = g.first > b && (pos(g.first - 1) == Pos::kWDT || pos(g.first - 1) == Pos::kWP);
    if (!negated && !relative) {
      last_source = source;
      last_target = target;
    }
  }
}

bool EventCoder::Pass::speech_verb(std::string_view l) {
  return l == "comment" || l == "say" || l == "elaborate" || l == "discuss" || l == "disclose" || l == "confirm" ||
         l == "specify" || l == "identify" || l == "name" || l == "give" || l == "provide" || l == "answer" ||
         l == "speculate" || l == "reveal";
}

bool EventCoder::Pass::match_score(size_t from, size_t e) const {
  for (size_t k = from; k < e && k < from + 6; ++k) {
    // "3-1" as three tokens.
    if (pos(k) == Pos::kCD && k + 2 < e && (text(k + 1) == "-" || text(k + 1) == "\u2013") && pos(k + 2) == Pos::kCD &&
        text(k).size() <= 2 && text(k + 2).size() <= 2)
      return true;
    if (boundary(k, false)) return false;
    const std::string_view w = text(k);
    const size_t d = w.find('-');
    if (d != std::string_view::npos && d > 0 && d + 1 < w.size() && w[0] >= '0' && w[0] <= '9' && w[d + 1] >= '0' &&
        w[d + 1] <= '9' && w.size() <= 5)
      return true;
  }
  return false;
}

std::string_view EventCoder::Pass::phrase_at(size_t k, std::string& buf) const {
  buf.clear();
  if (k > 0 && (is_noun(pos(k - 1)) || pos(k - 1) == Pos::kJJ) && toks_[k - 1].kind == TokenKind::kWord) {
    buf.append(lemma(k - 1)).push_back(' ');
    buf.append(lemma(k));
  }
  return buf;
}

const NounPattern* EventCoder::Pass::noun_pattern(size_t k) const {
  if (!phrase_at(k, phrase_buf_).empty())
    if (const NounPattern* n = dict_.noun(phrase_buf_)) return n;
  return dict_.noun(lemma(k));
}

bool EventCoder::Pass::object_in(const std::vector<std::string>& objects, size_t k) const {
  if (!phrase_at(k, phrase_buf_).empty() && std::find(objects.begin(), objects.end(), phrase_buf_) != objects.end())
    return true;
  return std::find(objects.begin(), objects.end(), lemma(k)) != objects.end();
}

std::string EventCoder::Pass::date_of(size_t b, size_t e) const {
  uint32_t lo = toks_[b].begin, hi = toks_[e - 1].end;
  auto it = std::lower_bound(doc_.times.begin(), doc_.times.end(), lo,
                             [](const TimeExpression& t, uint32_t v) { return t.span.begin < v; });
  for (; it != doc_.times.end() && it->span.begin < hi; ++it)
    if (it->span.end <= hi && it->value.size() >= 4 && it->value[0] != 'P') return it->value;
  return doc_.article.date;
}

void EventCoder::Pass::emit(int32_t source, int32_t target, std::string cameo, std::string plover, bool negated,
                            Modality modality, size_t trigger_b, size_t trigger_e, const Sentence& s, bool copies) {
  // Plain statements: PLOVER codes none. Admissions (015) and denials (016)
  // carry CONCEDE and REJECT and are kept.
  if (cameo.starts_with("01") && plover.empty()) return;
  if (source != kNone && source == target) target = kNone;
  // "Typhoon Dalisay killed 31": a storm, war or other named event is no actor.
  if (source != kNone && doc_.entities[source].type == EntityType::kEvent) return;
  // "Egypt, Ethiopia and Sudan agreed to restart negotiations": an act of
  // joint agreement or consultation by a list of actors is each one's act
  // towards the others.
  if (target == kNone && source != kNone && reciprocal(cameo)) {
    std::vector<int32_t> parties = coordinated_before(source);
    if (!parties.empty()) {
      parties.push_back(source);
      for (int32_t a : parties)
        for (int32_t o : parties)
          if (a != o) emit(a, o, cameo, plover, negated, modality, trigger_b, trigger_e, s, false);
      return;
    }
  }
  if (target == kNone && source != kNone) target = clause_target(trigger_e, s.end_token, source);
  if (source == kNone && target == kNone) return;
  if (plover.empty()) plover = std::string(plover_of_cameo_root(cameo));
  Event ev;
  ev.source = source;
  ev.target = target;
  ev.cameo = std::move(cameo);
  ev.plover = std::move(plover);
  ev.negated = negated;
  ev.modality = modality;
  ev.trigger = {toks_[trigger_b].begin, toks_[trigger_e - 1].end};
  ev.date = date_of(s.first_token, s.end_token);
  for (size_t k = sentence_events_; k < doc_.events.size(); ++k) {
    const Event& x = doc_.events[k];
    if (x.source == ev.source && x.target == ev.target && x.cameo == ev.cameo && x.trigger == ev.trigger) return;
  }
  doc_.events.push_back(ev);
  if (!copies) return;
  // "between Syria and ... Yasser Arafat", "U.S. and Russian negotiators":
  // an actor coordinated with the source or target takes part too.
  for (int32_t other : coordinated(ev.target)) {
    if (other == ev.source) continue;
    Event copy = ev;
    copy.target = other;
    doc_.events.push_back(copy);
  }
  for (int32_t other : coordinated_before(ev.source)) {
    if (other == ev.target) continue;
    Event copy = ev;
    copy.source = other;
    doc_.events.push_back(copy);
  }
  // "X said Saudi and Emirati forces must open the port": a list before
  // a target that is a clause's subject.
  for (int32_t other : coordinated_before(ev.target)) {
    if (other == ev.source) continue;
    Event copy = ev;
    copy.target = other;
    doc_.events.push_back(copy);
  }
}

std::string EventCoder::Pass::intent_code(std::string_view cameo) {
  if (cameo.size() < 2 || cameo[0] != '0') return "030";
  switch (cameo[1]) {
    case '4': return "036";
    case '5': return "032";
    case '6': return "031";
    case '7': return "033";
    case '8': return "035";
    default: return "030";
  }
}

bool EventCoder::Pass::pejorative_after(size_t from, size_t e) const {
  for (size_t k = from; k < e && k < from + 10; ++k) {
    if (boundary(k, false)) return false;
    if (dict_.pejorative(lemma(k))) return true;
  }
  return false;
}

std::string_view EventCoder::Pass::cameo_of(std::string_view verb) const {
  const auto& ps = dict_.verbs(verb);
  return ps.empty() ? std::string_view() : std::string_view(ps.front().cameo);
}

}  // namespace sitrep
