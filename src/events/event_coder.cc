#include "events/event_coder.h"

#include <algorithm>
#include <unordered_map>

namespace sitrep {

namespace {

bool is_verb(Pos p) { return p >= Pos::kVB && p <= Pos::kVBZ; }
bool is_noun(Pos p) { return p == Pos::kNN || p == Pos::kNNS || p == Pos::kNNP || p == Pos::kNNPS; }
// Demands, criticism, rejection, threats, protest and force (roots 10-20):
// vowing one of these is a threat.
bool coercive(std::string_view cameo) { return cameo.size() >= 2 && (cameo[0] == '2' || (cameo[0] == '1' && cameo[1] >= '0')); }
// Consult, support, cooperate, aid, yield, investigate (roots 04-09): what
// one announces or promises to do in CAMEO 03.
bool cooperative(std::string_view cameo) { return cameo.size() >= 2 && cameo[0] == '0' && cameo[1] >= '4'; }
bool aspectual(std::string_view lemma) {
  return lemma == "begin" || lemma == "start" || lemma == "continue" || lemma == "resume" || lemma == "proceed" ||
         lemma == "keep" || lemma == "go";
}
bool is_material(std::string_view cameo) { return cameo.size() >= 2 && (cameo[0] == '2' || (cameo[0] == '1' && cameo[1] >= '5')); }

bool is_preposition(std::string_view w) {
  static constexpr std::string_view kPreps[] = {"of",   "in",      "at",     "on",     "from",  "by",    "to",
                                                "with", "for",     "against", "over",  "into",  "among", "amid",
                                                "about", "between", "after",  "before", "under", "across", "near",
                                                "despite", "following", "during", "toward", "towards", "through",
                                                "throughout", "around", "inside", "outside", "within", "along",
                                                "behind", "beyond", "via"};
  return std::find(std::begin(kPreps), std::end(kPreps), w) != std::end(kPreps);
}

}  // namespace

class EventCoder::Pass {
 public:
  Pass(const EventCoder& c, Document& doc) : dict_(*c.dict_), gaz_(*c.gazetteer_), doc_(doc), toks_(doc.tokens) {}

  void run() {
    if (doc_.pos.size() != toks_.size() || doc_.lemmas.size() != toks_.size()) return;
    index_actors();
    index_times();
    code_sources();
    // The body starts after the headline, when the text has one.
    if (const uint32_t h = doc_.headline_end(); h > 0 && h < toks_.size()) body_begin_ = toks_[h].begin;
    for (const Sentence& s : doc_.sentences) sentence(s);
  }

 private:
  struct Group {
    size_t first = 0, head = 0;
    bool passive = false, negated = false, hypothetical = false, future = false;
    bool after_to = false;
    bool obligation = false;  // "must", "should": what someone demands of the subject
    int32_t subject = kNone;
  };

  std::string_view text(size_t i) const { return doc_.text_of(toks_[i]); }
  std::string_view lemma(size_t i) const { return doc_.lemmas[i]; }
  Pos pos(size_t i) const { return doc_.pos[i]; }

  // Tokens inside a time expression ("signed an agreement today", "lifted
  // Friday a blockade"): no head of a noun phrase.
  void index_times() {
    time_.assign(toks_.size(), false);
    size_t t = 0;
    for (const TimeExpression& x : doc_.times) {
      while (t < toks_.size() && toks_[t].end <= x.span.begin) ++t;
      for (size_t k = t; k < toks_.size() && toks_[k].begin < x.span.end; ++k) time_[k] = true;
    }
  }
  // A noun that can head a phrase (not a time word).
  bool nominal(size_t k) const { return is_noun(pos(k)) && !time_[k]; }

  // The unnamed sources of the speech stage ("Kenyan anti-graft campaigners",
  // "Police", "Ukraine's air force": Entity::kind "source") get an actor code
  // as a group actor would, from their first mention's head noun and the
  // country in its words, and join the groups that later mentions of their
  // kind find ("police" after "Police said").
  void code_sources() {
    for (size_t e = 0; e < doc_.entities.size(); ++e) {
      Entity& ent = doc_.entities[e];
      if (ent.kind != "source" || !ent.actor_code.empty() || ent.mentions.empty()) continue;
      const Mention& m = doc_.mentions[static_cast<size_t>(ent.mentions.front())];
      if (m.end_token <= m.first_token || m.end_token > toks_.size()) continue;
      const size_t head = m.end_token - 1;
      const AgentNoun* agent = dict_.agent(lemma(head));
      if (!agent) continue;
      GroupPhrase g = group_phrase(head, m.first_token, *agent, static_cast<int32_t>(e));
      if (g.named != kNone) continue;
      ent.actor_code = g.country + std::string(g.sector);
      ent.country = g.country;
      groups_.emplace(g.country + "|" + std::string(lemma(head)), static_cast<int32_t>(e));
    }
  }

  // For each token, the entity of the outermost mention covering it.
  void index_actors() {
    actor_.assign(toks_.size(), kNone);
    actor_start_.assign(toks_.size(), 0);
    actor_end_.assign(toks_.size(), 0);
    // A name wins over a description or group around it ("Czechia and
    // Albania" acts as two countries; coordination copies the event), and a
    // wider mention over a narrower one of the same kind.
    std::vector<uint32_t> width(toks_.size(), 0);
    in_name_.assign(toks_.size(), false);
    for (const Mention& m : doc_.mentions) {
      if (m.entity == kNone) continue;
      // Capitalised words inside a mention are a name's, no verbs: "the
      // paramilitary Rapid Support Forces", "Save the Children".
      if (m.end_token - m.first_token > 1)
        for (uint32_t t = m.first_token + (m.kind == MentionKind::kName ? 0 : 1); t < m.end_token; ++t)
          if (toks_[t].has(kUpperInitial)) in_name_[t] = true;
      uint32_t w = (m.end_token - m.first_token) | (m.kind == MentionKind::kName ? 1u << 16 : 0u);
      for (uint32_t t = m.first_token; t < m.end_token; ++t) {
        if (actor_[t] != kNone && width[t] >= w) continue;
        actor_[t] = m.entity;
        actor_start_[t] = m.first_token;
        actor_end_[t] = m.end_token;
        width[t] = w;
      }
    }
  }

  // Clause boundaries. After a verb, quote marks do not end the clause: a
  // partial quote runs on ("to “land painful blows” against X").
  bool boundary(size_t i, bool quotes = true) const {
    std::string_view w = text(i);
    const Token& t = toks_[i];
    return w == ";" || w == ":" || w == "." || (quotes && t.kind == TokenKind::kQuote) || t.kind == TokenKind::kDash;
  }

  // Whether the verb at `next` continues the group whose last verb is `head`:
  // only through auxiliaries ("has been killed", "will meet", "is fighting");
  // "denied backing" is two groups.
  bool continues_group(size_t head, size_t next) const {
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

  std::vector<Group> groups(size_t b, size_t e) const {
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

  // The preposition before a mention, past its determiner and adjectives
  // ("in the Ivory Coast"), or an empty view.
  std::string_view preposition_before(size_t start, size_t b) const {
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

  bool quote_between(size_t from, size_t to) const {
    for (size_t k = from + 1; k < to; ++k)
      if (toks_[k].kind == TokenKind::kQuote) return true;
    return false;
  }
  static bool speech_verb(std::string_view l) {
    return l == "comment" || l == "say" || l == "elaborate" || l == "discuss" || l == "disclose" || l == "confirm" ||
           l == "specify" || l == "identify" || l == "name" || l == "give" || l == "provide" || l == "answer" ||
           l == "speculate" || l == "reveal";
  }
  // A sports score ("2-1", "3–0") in the few words after `from`.
  bool match_score(size_t from, size_t e) const {
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
  // Verbs of demanding, warning and charging: what a speaker does by speaking.
  static bool speaker_act(std::string_view l) {
    return l == "urge" || l == "warn" || l == "call" || l == "appeal" || l == "accuse" || l == "ask" || l == "demand" ||
           l == "condemn" || l == "criticise" || l == "criticize" || l == "vow" || l == "pledge" || l == "promise" ||
           l == "threaten" || l == "blame";
  }

  // "after the group detained", "before police arrived": a word that is a
  // preposition before a noun phrase and a conjunction before a clause; the
  // phrase ending at `end` right before the group's finite verb is its subject.
  bool subordinator(std::string_view prep, size_t end, const Group& g) const {
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

  // The nearest mention before the group that no preposition governs; a
  // verb or clause boundary on the way means the clause has none.
  int32_t subject_of(const Group& g, size_t b, const std::vector<Group>& before) {
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

  // The first mention after `from` (within the clause) that no other
  // preposition governs; `prep` non-empty asks for one after that preposition.
  int32_t mention_after(size_t from, size_t e, std::string_view prep, size_t* at = nullptr) {
    size_t j = from;
    if (!prep.empty()) {
      while (j < e && j - from < 10 && lemma(j) != prep) {
        if (boundary(j, false) || text(j) == "," || is_verb(pos(j))) return kNone;
        ++j;
      }
      if (j >= e || lemma(j) != prep) return kNone;
      ++j;
    }
    for (size_t k = j; k < e && k - j < 6; ++k) {
      if (boundary(k, false) || text(k) == ",") return kNone;
      if (actor_[k] == kNone && nominal(k) && !(k + 1 < e && nominal(k + 1)))
        if (int32_t a = group_actor(k, j); a != kNone) {
          if (at) *at = k;
          return a;
        }
      if (int32_t a = demonym_actor(k, e); a != kNone) {
        if (at) *at = k;
        return a;
      }
      if (actor_[k] != kNone) {
        // "the Palestinian security forces": a demonym before a group noun
        // is that group.
        const EntityType t = doc_.entities[actor_[k]].type;
        if (t == EntityType::kNorp || t == EntityType::kGpe) {
          // (a group the speech stage made a source covers it: "Yoruba leaders said")
          size_t h = actor_end_[k];
          while (h < e && (is_noun(pos(h)) || pos(h) == Pos::kJJ) &&
                 (actor_[h] == kNone || doc_.entities[actor_[h]].kind == "source"))
            ++h;
          if (h > actor_end_[k] && !(h < e && is_noun(pos(h))))
            if (int32_t g = group_actor(h - 1, j); g != kNone) {
              if (at) *at = h - 1;
              return g;
            }
        }
        if (at) *at = k;
        note_use(k);
        return actor_[k];
      }
      if (is_verb(pos(k)) && pos(k) != Pos::kVBN && pos(k) != Pos::kVBG) return kNone;
      // "shelled positions of the security forces": an object's "of" phrase
      // may name whom the act is aimed at; other prepositions end the object.
      // "rejects the result as Ruto wins": nor does a clause after "as".
      if (prep.empty() && k > j && ((is_preposition(lemma(k)) && lemma(k) != "of") || lemma(k) == "as")) return kNone;
    }
    return kNone;
  }

  int32_t target_of(const TargetRule& r, size_t after, size_t e) {
    if (r.none) return kNone;
    if (r.object)
      if (int32_t t = mention_after(after, e, ""); t != kNone) return t;
    for (const std::string& p : r.prepositions)
      if (int32_t t = mention_after(after, e, p); t != kNone) return t;
    return kNone;
  }

  // "on Israeli territory", "in Gaza": a country named in a locative phrase.
  int32_t locative_country(size_t from, size_t e) {
    for (size_t j = from; j + 1 < e && j - from < 12; ++j) {
      if (boundary(j)) return kNone;
      std::string_view l = lemma(j);
      if (l != "on" && l != "in" && l != "into" && l != "inside") continue;
      if (Gazetteer::Hit hit = gaz_.match(doc_, j + 1, e)) {
        const GazetteerEntry& g = gaz_.entry(hit.entry);
        if (g.type == EntityType::kNorp || g.kind == "country" || g.kind == "territory")
          return country_entity(g.country);
      }
    }
    return kNone;
  }

  // "a curfew in Algiers": a place mentioned after a locative preposition.
  int32_t locative_place(size_t from, size_t e) const {
    for (size_t j = from; j + 1 < e && j - from < 12; ++j) {
      if (boundary(j, false)) return kNone;
      std::string_view l = lemma(j);
      if (l != "on" && l != "in" && l != "into" && l != "inside") continue;
      size_t k = j + 1;
      while (k < e && (pos(k) == Pos::kDT || pos(k) == Pos::kJJ)) ++k;
      if (k < e && actor_[k] != kNone) {
        EntityType t = doc_.entities[actor_[k]].type;
        if (t == EntityType::kGpe || t == EntityType::kLoc) return actor_[k];
      }
    }
    return kNone;
  }

  // The words of a group noun's phrase back from `head` (not before b): where
  // it starts, the country a demonym or country in it gives ("Burmese
  // troops", "Israel's troops"), the sector (a group noun before the head:
  // "police officers"), or the named organisation or person it belongs to
  // ("Hamas fighters": `named`, at token `named_at`).
  struct GroupPhrase {
    size_t start = 0;
    std::string country;
    std::string_view sector;
    int32_t named = kNone;
    size_t named_at = 0;
  };
  GroupPhrase group_phrase(size_t head, size_t b, const AgentNoun& agent, int32_t self = kNone) const {
    GroupPhrase g;
    size_t start = head;  // where the phrase starts
    std::string& country = g.country;
    std::string_view sector = agent.sector;
    while (start > b) {
      size_t k = start - 1;
      // "the Hizbollah (Party of God) group": past a parenthesis.
      if (text(k) == ")" && start == head) {
        size_t o = k;
        while (o > b && k - o < 8 && text(o) != "(") --o;
        if (text(o) != "(" || o == b || actor_[o - 1] == kNone) break;
        start = o;
        continue;
      }
      if (actor_[k] != kNone && actor_[k] != self) {
        const Entity& ent = doc_.entities[actor_[k]];
        if (ent.type == EntityType::kOrg || ent.type == EntityType::kPerson) {
          if (actor_end_[k] != start) break;
          g.named = actor_[k];
          g.named_at = k;
          return g;
        }
        if (ent.type != EntityType::kNorp && ent.type != EntityType::kGpe) break;
        if (country.empty()) country = ent.country.empty() ? ent.actor_code.substr(0, 3) : ent.country;
        start = actor_start_[k];
        if (start > b && toks_[start].kind == TokenKind::kClitic) break;
        continue;
      }
      Pos p = pos(k);
      if (toks_[k].kind == TokenKind::kClitic && k > b && actor_[k - 1] != kNone) {  // "Israel's troops"
        start = k;
        continue;
      }
      // "Congolese rebels": a demonym the names stage left alone gives the country.
      if (p == Pos::kJJ && toks_[k].has(kUpperInitial) && country.empty())
        if (Gazetteer::Hit hit = gaz_.match(doc_, k, head); hit && k + hit.length <= head) {
          const GazetteerEntry& ge = gaz_.entry(hit.entry);
          if (ge.type == EntityType::kNorp && !ge.country.empty()) country = ge.country;
        }
      // "rebel group", "opposition candidates", "police officers": a group
      // noun before the head gives the sector.
      const AgentNoun* modifier = (p == Pos::kNN || p == Pos::kNNP) ? dict_.agent(lemma(k)) : nullptr;
      // A participle modifies ("armed groups"), unless it is a verb's ("has banned").
      if (p == Pos::kVBN && k > b && (is_verb(pos(k - 1)) || pos(k - 1) == Pos::kMD)) break;
      if (p != Pos::kJJ && p != Pos::kJJR && p != Pos::kJJS && p != Pos::kNN && p != Pos::kVBN && !modifier) break;
      if (modifier && sector == agent.sector) sector = modifier->sector;
      start = k;
    }
    g.start = start;
    g.sector = sector;
    return g;
  }

  // An actor for a group noun at `head` ("troops", "suicide bombers",
  // "Thousands of students"): the phrase's named organisation or person when
  // it has one ("Hamas fighters" act as Hamas), else one entity per group and
  // country in the document, with a nominal mention over the words after the
  // name ("Burmese [troops]") and the actor code country + sector (MMRMIL).
  int32_t group_actor(size_t head, size_t b) {
    const AgentNoun* agent = dict_.agent(lemma(head));
    if (!agent) return kNone;
    if (actor_[head] != kNone) {  // made already ("Ugandan opposition candidates")
      note_use(head);
      return actor_[head];
    }
    if (pos(head) == Pos::kNNP || pos(head) == Pos::kNNPS) return kNone;
    // "fighters of the al-Nour Brigade", "troops of the African Union": the organisation.
    if (head + 2 < toks_.size() && lemma(head + 1) == "of") {
      size_t k = head + 2;
      while (k < toks_.size() && (pos(k) == Pos::kDT || pos(k) == Pos::kJJ)) ++k;
      // (or the speech stage's unnamed source: "a group of Moroccan diplomats")
      if (k < toks_.size() && actor_[k] != kNone &&
          (doc_.entities[actor_[k]].type == EntityType::kOrg || doc_.entities[actor_[k]].type == EntityType::kGpe ||
           doc_.entities[actor_[k]].kind == "source")) {
        note_use(k);
        return actor_[k];
      }
    }
    GroupPhrase g = group_phrase(head, b, *agent);
    if (g.named != kNone) {
      note_use(g.named_at);
      return g.named;
    }
    const size_t start = g.start;
    const std::string& country = g.country;
    const std::string_view sector = g.sector;
    // The mention covers the whole phrase, a demonym in it too ("Burmese
    // troops"), as a description holds a name ("Gaza health authorities").
    const size_t words = start;
    const std::string key = country + "|" + std::string(lemma(head));
    int32_t id;
    if (auto it = groups_.find(key); it != groups_.end()) {
      id = it->second;
    } else {
      Entity ent;
      ent.type = agent->type == "NORP" ? EntityType::kNorp : EntityType::kOrg;
      ent.name = std::string(doc_.text().substr(toks_[start].begin, toks_[head].end - toks_[start].begin));
      ent.actor_code = country + std::string(sector);
      ent.country = country;
      ent.kind = "group";
      doc_.entities.push_back(std::move(ent));
      id = static_cast<int32_t>(doc_.entities.size() - 1);
      groups_.emplace(key, id);
    }
    add_mention(id, words, head + 1, MentionKind::kNominal);
    note_use(head);
    return id;
  }

  // A mention of entity `id` over tokens [b, e) that the event coder found,
  // in the entity's list in text order and in the actor index.
  void add_mention(int32_t id, size_t b, size_t e, MentionKind kind) {
    doc_.mentions.push_back(doc_.mention_over(b, e, kind, id, doc_.entities[id].type));
    std::vector<int32_t>& ms = doc_.entities[id].mentions;
    const int32_t mi = static_cast<int32_t>(doc_.mentions.size() - 1);
    ms.insert(std::upper_bound(ms.begin(), ms.end(), mi,
                               [&](int32_t x, int32_t y) { return doc_.mentions[x].span.begin < doc_.mentions[y].span.begin; }),
              mi);
    for (size_t t = b; t < e; ++t) {
      actor_[t] = id;
      actor_start_[t] = static_cast<uint32_t>(b);
      actor_end_[t] = static_cast<uint32_t>(e);
    }
  }

  // A demonym before a noun that the names stage leaves alone ("rejected an
  // Australian ultimatum", "proposed Israeli changes"): when an event needs
  // a target there, the people it names, as the names stage makes them.
  // With `coordinated`, the first of coordinated demonyms before a noun
  // ("the Turkish and Greek sides", "French and Egyptian warships").
  int32_t demonym_actor(size_t k, size_t e, bool coordinated = false) {
    if (actor_[k] != kNone || !toks_[k].has(kUpperInitial)) return kNone;
    Gazetteer::Hit hit = gaz_.match(doc_, k, e);
    if (!hit || hit.kind != MentionKind::kName) return kNone;
    const GazetteerEntry& g = gaz_.entry(hit.entry);
    const size_t end = k + hit.length;
    if (g.type != EntityType::kNorp || end >= e) return kNone;
    if (coordinated) {
      if (lemma(end) != "and" && lemma(end) != "or") return kNone;
    } else if (!is_noun(pos(end)) || actor_[end] != kNone) {
      return kNone;
    }
    // Not before a named head ("Israeli opposition leader Yair Lapid" is
    // Lapid), nor before a group noun, which acts itself ("Palestinian
    // security forces").
    size_t h = end;
    while (!coordinated && h < e && (is_noun(pos(h)) || pos(h) == Pos::kJJ) && actor_[h] == kNone) ++h;
    if (!coordinated && h < e && actor_[h] != kNone) return kNone;
    if (h > end && dict_.agent(lemma(h - 1))) return kNone;
    int32_t id = kNone;
    for (size_t x = 0; x < doc_.entities.size() && id == kNone; ++x)
      if (doc_.entities[x].type == EntityType::kNorp && doc_.entities[x].name == g.name) id = static_cast<int32_t>(x);
    if (id == kNone) {
      doc_.entities.push_back(entity_of(g));
      id = static_cast<int32_t>(doc_.entities.size() - 1);
    }
    add_mention(id, k, end, MentionKind::kName);
    note_use(k);
    return id;
  }

  int32_t country_entity(const std::string& code) {
    for (size_t e = 0; e < doc_.entities.size(); ++e)
      if (doc_.entities[e].actor_code == code && (doc_.entities[e].kind == "country" || doc_.entities[e].kind == "territory"))
        return static_cast<int32_t>(e);
    int32_t entry = gaz_.country(code);
    if (entry == kNone) return kNone;
    doc_.entities.push_back(entity_of(gaz_.entry(entry)));
    return static_cast<int32_t>(doc_.entities.size() - 1);
  }

  // The first noun after the head (the object's head for light verbs).
  // A measure or amount is not the head that counts: "70 million dollars of
  // aid", "1,000 tons of grain", "a shipment of arms".
  size_t object_noun(size_t after, size_t e) const {
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

  // The two-word phrase ending at noun k ("hunger strike"), or its lemma.
  std::string_view phrase_at(size_t k, std::string& buf) const {
    buf.clear();
    if (k > 0 && (is_noun(pos(k - 1)) || pos(k - 1) == Pos::kJJ) && toks_[k - 1].kind == TokenKind::kWord) {
      buf.append(lemma(k - 1)).push_back(' ');
      buf.append(lemma(k));
    }
    return buf;
  }
  // The noun pattern of the phrase ending at k, or of its head.
  const NounPattern* noun_pattern(size_t k) const {
    if (!phrase_at(k, phrase_buf_).empty())
      if (const NounPattern* n = dict_.noun(phrase_buf_)) return n;
    return dict_.noun(lemma(k));
  }
  // Whether a pattern's object list holds the phrase ending at k or its head.
  bool object_in(const std::vector<std::string>& objects, size_t k) const {
    if (!phrase_at(k, phrase_buf_).empty() && std::find(objects.begin(), objects.end(), phrase_buf_) != objects.end())
      return true;
    return std::find(objects.begin(), objects.end(), lemma(k)) != objects.end();
  }

  // Times are in text order: the sentence's first one by binary search, so a
  // long article costs no more per event than a short one.
  std::string date_of(size_t b, size_t e) const {
    uint32_t lo = toks_[b].begin, hi = toks_[e - 1].end;
    auto it = std::lower_bound(doc_.times.begin(), doc_.times.end(), lo,
                               [](const TimeExpression& t, uint32_t v) { return t.span.begin < v; });
    for (; it != doc_.times.end() && it->span.begin < hi; ++it)
      if (it->span.end <= hi && it->value.size() >= 4 && it->value[0] != 'P') return it->value;
    return doc_.article.date;
  }

  void emit(int32_t source, int32_t target, std::string cameo, std::string plover, bool negated, Modality modality,
            size_t trigger_b, size_t trigger_e, const Sentence& s, bool copies = true) {
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

  // The CAMEO 03 code of the intent to do an act of root 04-09: to meet or
  // negotiate (036), cooperate diplomatically (032) or materially (031),
  // give aid (033), yield (035); to cooperate in general (030) otherwise.
  static std::string intent_code(std::string_view cameo) {
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

  // Reactions to what others did: appeals, support, demands, criticism,
  // rejection, threats and protest (and admissions and denials).
  static bool reaction(std::string_view cameo) {
    return cameo.starts_with("015") || cameo.starts_with("016") || cameo.starts_with("02") || cameo.starts_with("05") ||
           (cameo >= "10" && cameo < "15");
  }

  // The actor of the event that the event noun at `noun`, the object of a
  // reaction, refers back to: the first one the article's body reported of
  // the kinds the noun names, by someone other than `subject`. The noun must
  // be definite ("the sanctions", "this provocation") and have no actor of
  // its own ("the U.S. sanctions", "accusations by X"), unless it names the
  // undoing of a detention ("their release"), whose holder is the target.
  int32_t antecedent_actor(const AntecedentNoun& an, size_t noun, size_t after, int32_t subject) const {
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

  // Acts that a list of actors does together: agreeing (030), intending to
  // meet or negotiate (036), consulting (04), signing (057), cooperating (06).
  static bool reciprocal(std::string_view cameo) {
    return cameo == "030" || cameo == "036" || cameo.starts_with("04") || cameo == "057" || cameo.starts_with("06");
  }

  // The actor an event with no object or prepositional target is directed at:
  // the first one named later in its clause ("agreed to extend the mandate of
  // the force in Lebanon", "captured part of a Karen stronghold"), the way
  // event coders read the rest of the verb phrase. Not one in a phrase of time
  // or cause ("despite Israel's wish", "after talks with X"), nor the subject
  // of a clause of its own ("..., and Y said"), nor past a relative pronoun or
  // a speech verb.
  int32_t clause_target(size_t from, size_t e, int32_t source) const {
    for (size_t k = from; k < e && k < from + 30; ++k) {
      if (boundary(k, false)) return kNone;
      const Pos p = pos(k);
      if (p == Pos::kWDT || p == Pos::kWP || p == Pos::kWPS) return kNone;
      const std::string_view l = lemma(k);
      if (l == "that" && p == Pos::kIN) return kNone;  // "agreed that their countries ...": its content
      // A coordinated call or request of its own: "called each filling a
      // violation, and in 2021 asked the U.N.", "used tear gas and urged X".
      if ((p == Pos::kVBD || p == Pos::kVBZ) && speaker_act(l) && k >= from + 1 &&
          (lemma(k - 1) == "and" || lemma(k - 1) == "but" || (k >= from + 3 && lemma(k - 3) == "and")))
        return kNone;
      if (l == "say" || l == "tell" || l == "report" || l == "accord" || l == "add" || l == "quote" ||
          l == "because" || l == "while" || l == "whereas" || l == "although" || l == "but" || l == "if" ||
          l == "unless" || (l == "as" && k + 1 < e && actor_[k + 1] != kNone))
        return kNone;
      // A phrase of time or cause ends the search: "resigned over the failure
      // to prevent the Hamas attack", "despite Israel's wish".
      if (p == Pos::kIN && (l == "despite" || l == "after" || l == "before" || l == "following" || l == "during" ||
                            l == "amid" || l == "since" || l == "over" || l == "by"))
        return kNone;
      if (actor_[k] == kNone) continue;
      const size_t end = actor_end_[k];
      // Followed by its own verb: the subject of a new clause.
      size_t v = end;
      while (v < e && (pos(v) == Pos::kRB || pos(v) == Pos::kPOS)) ++v;
      if (v < e && v == end && (pos(v) == Pos::kVBD || pos(v) == Pos::kVBZ || pos(v) == Pos::kVBP || pos(v) == Pos::kMD))
        return kNone;
      if (actor_[k] != source) {
        const Entity& ent = doc_.entities[actor_[k]];
        if (ent.type == EntityType::kGpe || ent.type == EntityType::kOrg || ent.type == EntityType::kPerson ||
            ent.type == EntityType::kNorp) {
          note_use(k);
          return actor_[k];
        }
      }
      k = end - 1;
    }
    return kNone;
  }

  // A word of data/event_pejoratives.tsv in the few words after `from`.
  bool pejorative_after(size_t from, size_t e) const {
    for (size_t k = from; k < e && k < from + 10; ++k) {
      if (boundary(k, false)) return false;
      if (dict_.pejorative(lemma(k))) return true;
    }
    return false;
  }

  // Whether a verb lemma codes any event at all.
  std::string_view cameo_of(std::string_view verb) const {
    const auto& ps = dict_.verbs(verb);
    return ps.empty() ? std::string_view() : std::string_view(ps.front().cameo);
  }
  // The subject of the sentence's speech verb that reports group i: "X said
  // (that) Y must ...", "Y must ..., X said".
  int32_t reporter(const std::vector<Group>& gs, size_t i) const {
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

  // The entity after "and" that follows the last mention of `entity` seen.
  // A list runs on through commas: "to Iran, Libya, North Korea and Sudan".
  std::vector<int32_t> coordinated(int32_t entity) {
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
  // The actors coordinated before the first mention of `entity` as a subject:
  // "Israel and the Palestinians", "Iran, Syria and Hezbollah", "Libyan
  // leader Muammar Gaddafi and Bulgarian President Todor Zhivkov", "the
  // Turkish and Greek sides". Not a list that is a verb's object or in a
  // prepositional phrase ("attacked X and Y fled").
  std::vector<int32_t> coordinated_before(int32_t entity) {
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

  // The group whose head governs g through "to": "refused to accept",
  // "vowed over the weekend to increase".
  const Group* governor(const Group& g, const std::vector<Group>& gs, size_t b) const {
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

  // "is willing to withdraw", "stands ready to help": an adjective of intent before "to".
  bool ready_to(const Group& g, size_t b) const {
    if (!g.after_to) return false;
    size_t to = g.first;
    while (to > b && pos(to - 1) != Pos::kTO) --to;
    if (to < b + 2) return false;
    std::string_view a = lemma(to - 2);
    return a == "willing" || a == "ready" || a == "prepared" || a == "determined" || a == "eager" || a == "set";
  }

  // Whether group i is a threat or intention verb that governs a later group
  // through "to" (that later group codes the event).
  bool governs_threat(size_t i, const std::vector<Group>& gs) const {
    ModalEffect effect = dict_.modality(lemma(gs[i].head));
    if (effect != ModalEffect::kThreatened && effect != ModalEffect::kIntended) return false;
    for (size_t k = i + 1; k < gs.size(); ++k)
      if (governor(gs[k], gs, 0) == &gs[i]) return true;
    return false;
  }

  // "threatening to “land blows” against X" where the tagger saw no verb in
  // the complement: the threat and its target, read after "to".
  bool threat_without_verb(const Group& g, const std::vector<Group>& gs, size_t e, const Sentence& s) {
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

  // Conditional clauses: "unless Israel rescinded the annexation", "if Hamas,
  // which ..., ran": from "if"/"unless" to the comma or boundary after the
  // clause's own verb (a relative clause inside it runs on). Events there are
  // hypothetical; the clause's subject is who a threat is aimed at.
  void mark_conditions(size_t b, size_t e) {
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
  bool unasserted(size_t t, size_t b) const { return t >= b && t - b < unasserted_.size() && unasserted_[t - b]; }

  // "demanded that the US cancel ...", "its demand that Israel ease ...": the
  // verb of a clause that a demand governs is the act demanded, not one done.
  // Returns the demand's verb or noun, or SIZE_MAX.
  size_t demanded_clause(const Group& g, size_t b) const {
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

  // Whose act an event noun is: its possessor or an actor modifying it ("North
  // Korea's demand", "a US offer", "two Israeli air raids"), or "by"/"from"
  // right after it ("calls by Kofi Annan", "demands from UNITA").
  int32_t noun_actor(size_t n, size_t b, size_t e, bool agent = true) {
    for (size_t k = n; k > b && k + 6 > n;) {
      --k;
      if (actor_[k] != kNone) {
        const EntityType t = doc_.entities[actor_[k]].type;
        if (t == EntityType::kLoc || t == EntityType::kFac) break;
        note_use(k);
        return actor_[k];
      }
      if (toks_[k].kind == TokenKind::kClitic) continue;
      if (pos(k) == Pos::kPRPS) break;
      if (int32_t a = demonym_actor(k, e); a != kNone) return a;
      if (pos(k) != Pos::kJJ && pos(k) != Pos::kNN && pos(k) != Pos::kNNS && pos(k) != Pos::kCD &&
          pos(k) != Pos::kVBN && pos(k) != Pos::kRB)
        break;
    }
    if (agent && n + 1 < e && (lemma(n + 1) == "by" || lemma(n + 1) == "from"))
      return mention_after(n + 1, e, lemma(n + 1));
    return kNone;
  }

  // A rebel, insurgent, criminal or unidentified armed actor (sector REB,
  // INS, CRM or UAF of its actor code).
  bool irregular(int32_t entity) const {
    if (entity == kNone) return false;
    const std::string& code = doc_.entities[entity].actor_code;
    for (size_t k = 0; k + 3 <= code.size(); k += 3) {
      const std::string_view sector = std::string_view(code).substr(k, 3);
      if (sector == "REB" || sector == "INS" || sector == "CRM" || sector == "UAF") return true;
    }
    return false;
  }

  // Whose the object at `noun` is: a group it names ("Russian diplomats"),
  // an actor modifying it, or an organisation or country after "of".
  int32_t object_owner(size_t noun, size_t after, size_t e) {
    if (int32_t a = group_actor(noun, after); a != kNone) return a;
    if (int32_t a = noun_actor(noun, after, e, false); a != kNone) return a;
    if (noun + 2 < e && lemma(noun + 1) == "of") {
      size_t k = noun + 2;
      while (k < e && (pos(k) == Pos::kDT || pos(k) == Pos::kJJ)) ++k;
      if (k < e && actor_[k] != kNone) {
        const EntityType t = doc_.entities[actor_[k]].type;
        if (t == EntityType::kOrg || t == EntityType::kGpe || t == EntityType::kNorp) {
          note_use(k);
          return actor_[k];
        }
      }
    }
    return kNone;
  }

  // An event noun a verb responds to: its object's head ("rejected calls by
  // X") or the head after "over", "about", "against" or "to" ("complained
  // ... over Israeli air raids", "agreed to US mediation"). Sets `pp` when
  // the noun is in such a phrase.
  size_t response_noun(size_t after, size_t e, const std::vector<bool>& used, size_t b, bool& pp) const {
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

  void sentence(const Sentence& s) {
    const size_t b = s.first_token, e = s.end_token;
    first_use_.clear();
    last_use_.clear();
    gov_event_.clear();
    sentence_events_ = doc_.events.size();
    mark_conditions(b, e);
    std::vector<Group> gs = groups(b, e);
    std::vector<bool> noun_used(e - b, false);
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
      ModalEffect effect = gov ? dict_.modality(lemma(gov->head)) : ModalEffect::kAsserted;
      // An infinitive is not yet an event ("pressure on Hamas to free the
      // hostages"), unless its governor only marks aspect ("began to shell").
      // An infinitive after the aspect verb's object is a purpose clause
      // ("continued their hunger strike to demand ..."), no event yet.
      if (gov && effect == ModalEffect::kAsserted &&
          !(aspectual(lemma(gov->head)) && gov->head + 1 < e && pos(gov->head + 1) == Pos::kTO))
        effect = ModalEffect::kIntended;
      if (!gov && ready_to(g, b)) effect = ModalEffect::kIntended;
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
      // "rejected calls by Kofi Annan", "rejected a Senegalese peace plan",
      // "complained to the UN over Israeli air raids": the event noun a verb
      // responds to is no event of its own; whose act it is, is the target
      // (of a complaint or protest, rather than whom it is addressed to).
      if (pattern && !cameo.starts_with("01") && !dict_.light_verb(l) && !passive) {
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
      if (pattern && !passive && noun != SIZE_MAX && reaction(cameo))
        if (const AntecedentNoun* an = dict_.antecedent(lemma(noun)); an && (target == kNone || an->holder))
          if (int32_t a = antecedent_actor(*an, noun, after, g.subject); a != kNone) target = a;
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
    nominal_events(s, gs, noun_used);
  }

  // The attack named by the object of a verb of fighting back, when someone
  // other than the one fighting back made it.
  void repelled_attack(size_t noun, int32_t defender, size_t e, const Sentence& s) {
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

  // Event nouns not taken by a verb: "Israel’s siege of the enclave",
  // "international criticism of Israel", "approval from X".
  void nominal_events(const Sentence& s, const std::vector<Group>& gs, const std::vector<bool>& used) {
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

  const EventDictionary& dict_;
  const Gazetteer& gaz_;
  Document& doc_;
  const std::vector<Token>& toks_;
  std::vector<int32_t> actor_;
  std::vector<uint32_t> actor_start_, actor_end_;
  std::vector<bool> time_;
  std::vector<bool> in_name_;  // tokens of a name of more than one word
  uint32_t body_begin_ = 0;     // where the article's body starts, after its headline (a byte offset)
  // Where the current sentence's roles were found, for coordination.
  mutable std::unordered_map<int32_t, size_t> first_use_, last_use_;
  std::unordered_map<size_t, size_t> gov_event_;            // a group's head token → the event it emitted
  std::unordered_map<std::string, int32_t> groups_;         // country|lemma → the group's entity
  mutable std::string phrase_buf_;  // a phrase noun being looked up ("hunger strike"), reused
  std::vector<bool> unasserted_;       // tokens of the sentence's conditional clauses
  int32_t condition_subject_ = kNone;  // the subject of its first one
  size_t sentence_events_ = 0;         // the first event of the current sentence
  void note_use(size_t token) const {
    auto [it, fresh] = first_use_.emplace(actor_[token], actor_start_[token]);
    if (!fresh && actor_start_[token] < it->second) it->second = actor_start_[token];
    last_use_[actor_[token]] = actor_end_[token];
  }
};

void EventCoder::run(Document& doc) const {
  doc.events.clear();
  Pass(*this, doc).run();
}

}  // namespace sitrep
