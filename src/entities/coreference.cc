#include "entities/coreference.h"

#include <algorithm>
#include <cmath>

#include "core/tsv.h"
#include "entities/coreference_pass.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace sitrep {

Coreference::Coreference(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const NameLexicon> names,
                         const std::string& data_dir, std::shared_ptr<const PhoenixActors> phoenix)
    : gazetteer_(std::move(gazetteer)), names_(std::move(names)), phoenix_(std::move(phoenix)) {
  TsvTable p = load_tsv(data_dir + "/pronouns.tsv");
  size_t word = p.column("word"), gender = p.column("gender"), number = p.column("number"), kind = p.column("kind");
  for (size_t r = 0; r < p.rows.size(); ++r) {
    const auto& row = p.rows[r];
    if (row[gender].size() != 1 || std::string_view("mfnap").find(row[gender][0]) == std::string_view::npos)
      throw TsvError(p.path + ":" + std::to_string(p.line_numbers[r]) + ": gender must be m, f, n, a or p");
    pronouns_[row[word]] = {row[gender][0], row[number] == "pl", row[number] == "any", row[kind] == "relative"};
  }
  TsvTable n = load_tsv(data_dir + "/nominals.tsv");
  size_t head = n.column("head"), type = n.column("type"), nkind = n.column("kind"), nnum = n.column("number");
  size_t refers = n.column("refers");
  for (size_t r = 0; r < n.rows.size(); ++r) {
    const auto& row = n.rows[r];
    EntityType t = parse_entity_type(row[type]);
    if (t == EntityType::kOther)
      throw TsvError(n.path + ":" + std::to_string(n.line_numbers[r]) + ": unknown entity type '" + row[type] + "'");
    if (row[refers] != "name" && row[refers] != "self")
      throw TsvError(n.path + ":" + std::to_string(n.line_numbers[r]) + ": refers must be name or self");
    nominals_[row[head]] = {t, row[nkind], row[nnum] == "pl", row[refers] == "name"};
  }
  TsvTable f = load_tsv(data_dir + "/function_words.tsv");
  for (const auto& row : f.rows) function_words_.insert(row[f.column("word")]);
  // Reporting verbs that take a bare or "that" clause: "said it would".
  TsvTable cues = load_tsv(data_dir + "/speech_cues.tsv");
  const size_t forms = cues.column("forms"), cls = cues.column("class"), frames = cues.column("frames");
  for (const auto& row : cues.rows) {
    if (row[cls] != "verb") continue;
    const std::string& fr = row[frames];
    if (fr.find("clause") == std::string::npos && fr.find("that") == std::string::npos) continue;
    for (size_t at = 0; at <= row[forms].size();) {
      const size_t bar = std::min(row[forms].find('|', at), row[forms].size());
      if (bar > at) reporting_verbs_.insert(row[forms].substr(at, bar - at));
      at = bar + 1;
    }
  }
}

void Coreference::Pass::run() {
  index();
  for (Entity& e : doc_.entities) infer_gender(e);
  appositions();
  scan();
  if (doc_.exhaustive_mentions) aside();
  actor_codes();
  headline_roles();
  finish();
}

void Coreference::Pass::index() {
  sentence_of_.assign(toks_.size(), 0);
  for (uint32_t s = 0; s < doc_.sentences.size(); ++s)
    for (uint32_t t = doc_.sentences[s].first_token; t < doc_.sentences[s].end_token; ++t) sentence_of_[t] = s;
  covered_.assign(toks_.size(), kNone);
  starts_.assign(toks_.size(), {});
  for (size_t m = 0; m < doc_.mentions.size(); ++m) {
    Mention& mention = doc_.mentions[m];
    // A lexicon description takes a following head noun of its type:
    // "Israel’s military intelligence" + "agency".
    if (mention.kind == MentionKind::kNominal && mention.lexicon_entry != kNone) {
      while (mention.end_token < toks_.size() && lower_word(toks_[mention.end_token])) {
        auto it = c_.nominals_.find(text(mention.end_token));
        if (it == c_.nominals_.end() || it->second.type != mention.type) break;
        mention.span.end = toks_[mention.end_token].end;
        ++mention.end_token;
      }
    }
    starts_[doc_.mentions[m].first_token].push_back(static_cast<int32_t>(m));
    for (uint32_t t = doc_.mentions[m].first_token; t < doc_.mentions[m].end_token; ++t)
      covered_[t] = static_cast<int32_t>(m);
  }
  salience_.assign(doc_.entities.size(), {});
  country_hint_.assign(doc_.entities.size(), "");
  // Indexes that keep lookups off whole-document scans: the entity of each
  // lexicon entry, and the persons holding a title of each sector.
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    const Entity& ent = doc_.entities[e];
    for (int32_t mi : ent.mentions)
      if (doc_.mentions[mi].lexicon_entry != kNone)
        by_entry_.emplace(doc_.mentions[mi].lexicon_entry, static_cast<int32_t>(e));
    if (ent.type != EntityType::kPerson) continue;
    std::string sector = title_sector(ent);
    if (sector.empty() && ent.actor_code.size() >= 6) sector = ent.actor_code.substr(3, 3);
    if (!sector.empty()) by_sector_[sector].push_back(static_cast<int32_t>(e));
  }
  plural_.assign(doc_.entities.size(), 0);
  possessor_.assign(doc_.entities.size(), kNone);
  tentative_.assign(doc_.entities.size(), 0);
  np_at_.assign(toks_.size(), kNone);
  // A capitalised word outside any name that the lexicon knows as a noun
  // ("Markets rally ...", "Stock markets ...") heads phrases like any noun.
  std::vector<char> common(toks_.size(), 0);
  for (size_t t = 0; t < toks_.size(); ++t) {
    if (toks_[t].kind != TokenKind::kWord || covered_[t] != kNone) continue;
    const Pos p = doc_.pos[t];
    if ((p == Pos::kNNP || p == Pos::kNNPS) && !toks_[t].has(kAllUpper) && nominal_of(t) != nullptr) common[t] = 1;
    else if ((p == Pos::kNN || p == Pos::kNNS) && nominal_of(t) != nullptr) common[t] = 2;
  }
  for (const Sentence& s : doc_.sentences) {
    for (const NounPhrase& np : chunk_noun_phrases(doc_, s.first_token, s.end_token, &common)) {
      // A possessive pronoun is resolved on its own first ("its" in "its shares").
      size_t key = doc_.pos[np.first] == Pos::kPRPS ? np.first + 1 : np.first;
      if (key < np.end) np_at_[key] = static_cast<int32_t>(nps_.size());
      nps_.push_back(np);
    }
  }
}

void Coreference::Pass::infer_gender(Entity& e) const {
  if (e.type != EntityType::kPerson || e.gender) return;
  std::string_view first = std::string_view(e.name).substr(0, e.name.find(' '));
  char g = lex_.given_name(first);
  if (g == 'm' || g == 'f') e.gender = g;
}

size_t Coreference::Pass::token_at(uint32_t begin) const {
  auto it = std::lower_bound(toks_.begin(), toks_.end(), begin,
                             [](const Token& t, uint32_t b) { return t.begin < b; });
  return static_cast<size_t>(it - toks_.begin());
}

std::string Coreference::Pass::country_in(size_t b, size_t e) const {
  for (size_t k = b; k < e; ++k) {
    // The shorter readings too: "Israel" inside "Israel’s military intelligence".
    for (Gazetteer::Hit hit = gaz_.match(doc_, k, e); hit; hit = gaz_.match_shorter(doc_, k, e, hit.length)) {
      const GazetteerEntry& g = gaz_.entry(hit.entry);
      if ((g.type == EntityType::kNorp || g.kind == "country" || g.kind == "territory") && !g.country.empty())
        return g.country;
    }
  }
  return "";
}

int32_t Coreference::Pass::entity_for_entry(int32_t entry) {
  if (auto it = by_entry_.find(entry); it != by_entry_.end()) return it->second;
  const int32_t created = new_entity(entity_of(gaz_.entry(entry)));
  by_entry_.emplace(entry, created);
  return created;
}

int32_t Coreference::Pass::new_entity(Entity e, bool plural, bool tentative) {
  doc_.entities.push_back(std::move(e));
  salience_.emplace_back();
  country_hint_.emplace_back();
  plural_.push_back(plural ? 1 : 0);
  possessor_.push_back(kNone);
  tentative_.push_back(tentative ? 1 : 0);
  return static_cast<int32_t>(doc_.entities.size() - 1);
}

int32_t Coreference::Pass::add_mention(size_t b, size_t e, MentionKind kind, int32_t entity) {
  doc_.mentions.push_back(doc_.mention_over(b, e, kind, entity, doc_.entities[entity].type));
  auto id = static_cast<int32_t>(doc_.mentions.size() - 1);
  doc_.entities[entity].mentions.push_back(id);
  starts_[b].push_back(id);
  for (size_t t = b; t < e; ++t)
    if (covered_[t] == kNone) covered_[t] = id;
  return id;
}

bool Coreference::Pass::free(size_t b, size_t e) const {
  for (size_t t = b; t < e; ++t)
    if (covered_[t] != kNone && doc_.mentions[covered_[t]].kind != MentionKind::kName) return false;
  return true;
}

void Coreference::Pass::see(int32_t entity, size_t token, bool subject) {
  recent_.push_back({entity, sentence_of_[token]});
  Salience& s = salience_[entity];
  s.token = static_cast<int64_t>(token);
  s.sentence = sentence_of_[token];
  s.subject = subject;
  if (subject) s.subject_sentence = s.sentence;
  ++s.count;
}

bool Coreference::Pass::subject_position(size_t first_token) const {
  const Sentence& s = doc_.sentences[sentence_of_[first_token]];
  bool first = true;
  for (size_t t = s.first_token; first && t < first_token; ++t) {
    const Token& k = toks_[t];
    if (k.kind == TokenKind::kQuote || k.kind == TokenKind::kDash) continue;
    if (covered_[t] != kNone) first = false;  // another mention comes first
    if (k.kind == TokenKind::kWord && !k.has(kUpperInitial)) first = false;
    if (doc_.pos[t] == Pos::kIN) first = false;  // "In Hong Kong, the index fell"
  }
  return first || before_finite_verb(first_token, s.end_token);
}

bool Coreference::Pass::before_finite_verb(size_t first_token, size_t sentence_end) const {
  // "According to the filing, the company has told ...", "that it intends":
  // a mention after a clause boundary and right before the clause's verb.
  // "said it had put its forces": a bare clause after a reporting verb too.
  if (first_token > 0) {
    const std::string_view b = text(first_token - 1);
    if (b != "," && b != "that" && b != "and" && b != "but" && b != "which" && b != "because" && b != "while" &&
        b != "after" && b != "before" && b != "when" && b != "as" && b != "if" && !reporting_verb(first_token - 1))
      return false;
  }
  size_t end = first_token + 1;
  if (covered_[first_token] != kNone) {
    const Mention& m = doc_.mentions[covered_[first_token]];
    if (m.first_token != first_token && !(m.first_token < first_token)) return false;
    end = std::max<size_t>(end, m.end_token);
  }
  // Over an apposition: "Chrysler, another U.S. car maker, released".
  if (end < sentence_end && text(end) == ",") {
    size_t k = end + 1;
    while (k < sentence_end && k - end <= 10 && text(k) != "," && toks_[k].kind != TokenKind::kQuote) ++k;
    if (k < sentence_end && text(k) == ",") end = k + 1;
  }
  while (end < sentence_end && doc_.pos[end] == Pos::kRB) ++end;
  if (end >= sentence_end) return false;
  const Pos p = doc_.pos[end];
  if (p != Pos::kVBZ && p != Pos::kVBD && p != Pos::kVBP && p != Pos::kMD) return false;
  // "..., the agency said on Sunday.": an attribution after the clause is no
  // subject of the sentence's own news.
  return !(first_token > 0 && text(first_token - 1) == "," && sentence_end - end <= 5);
}

bool Coreference::Pass::agrees(int32_t entity, const Pronoun& p) const {
  const Entity& e = doc_.entities[entity];
  // A group named by a plural noun ("markets", "analysts") is "they", never "it".
  if (plural_[entity]) return p.plural || p.any_number;
  switch (p.gender) {
    case 'm':
    case 'f':
      return e.type == EntityType::kPerson && (e.gender == 0 || e.gender == p.gender);
    case 'p':
      return e.type == EntityType::kPerson;
    case 'n':
      return e.type != EntityType::kPerson && e.type != EntityType::kNorp;
    default:
      if (p.any_number) return true;
      return e.type == EntityType::kOrg || e.type == EntityType::kNorp;
  }
}

bool Coreference::Pass::reporting_verb(size_t t) const {
  thread_local std::string lower;
  return c_.reporting_verbs_.count(assign_ascii_lower(lower, text(t))) != 0;
}

int32_t Coreference::Pass::reporter_of(size_t t, bool& known) const {
  known = false;
  const size_t first = doc_.sentences[sentence_of_[t]].first_token;
  size_t k = t;
  if (k > first && text(k - 1) == "that") --k;
  // A date between the verb and its clause: "said on Tuesday it", "said Wednesday".
  static constexpr std::string_view kDateWords[] = {"on", "late", "early", "last", "this", "earlier", "later",
                                                   "also", "today", "yesterday", "week", "month"};
  for (int n = 0; n < 4 && k > first; ++n) {
    const Token& w = toks_[k - 1];
    bool date = w.kind == TokenKind::kNumber;
    if (!date && w.kind == TokenKind::kWord)
      for (std::string_view d : kDateWords)
        if (text(k - 1) == d) date = true;
    if (!date && w.has(kUpperInitial) && (c_.names_->cues(text(k - 1)) & kTimeWord)) date = true;
    if (!date) break;
    --k;
  }
  if (k <= first + 1) return kNone;
  if (!reporting_verb(k - 1)) return kNone;
  size_t v = k - 1;
  while (v > first && doc_.pos[v - 1] == Pos::kRB) --v;
  if (v <= first) return kNone;
  // "Mwansa, 64, thanked voters and said he", "The State Department urged
  // Beijing ... and said it": the subject of the clause's first verb.
  if (text(v - 1) == "and") {
    size_t f = first;
    while (f < v && !(doc_.pos[f] == Pos::kVBZ || doc_.pos[f] == Pos::kVBD || doc_.pos[f] == Pos::kVBP ||
                      doc_.pos[f] == Pos::kMD))
      ++f;
    if (f >= v - 1) return kNone;
    v = f;
    while (v > first && doc_.pos[v - 1] == Pos::kRB) --v;
    if (v <= first) return kNone;
  }
  // Over an apposition or a relative clause: "The Teamsters union, which represents drivers, said it".
  size_t end = v;
  if (text(end - 1) == ",") {
    size_t c = end - 1;
    while (c > first && end - c < 25 && text(c - 1) != ",") --c;
    if (c <= first + 1 || text(c - 1) != ",") return kNone;
    end = c - 1;
  }
  const int32_t cm = covered_[end - 1];
  if (cm != kNone && doc_.mentions[cm].end_token == end) {
    known = true;
    return doc_.mentions[cm].entity;
  }
  // A noun with no entity says the clause has a subject we cannot name:
  // "Police said they", "Student leaders said they".
  const Pos sp = doc_.pos[end - 1];
  if (sp == Pos::kNN || sp == Pos::kNNS || sp == Pos::kNNP || sp == Pos::kNNPS) known = true;
  return kNone;
}

int32_t Coreference::Pass::resolve_pronoun(size_t t, const Pronoun& p, bool possessive) const {
  const uint32_t sentence = sentence_of_[t];
  const bool initial = subject_position(t);
  int32_t best = kNone;
  double best_score = -1e9;
  const uint32_t reach = p.gender == 'm' || p.gender == 'f' ? 4u : 2u;
  // Only the entities seen within reach, newest first: the work per pronoun
  // does not grow with the article.
  ++stamp_;
  stamps_.resize(doc_.entities.size(), 0);
  for (size_t r = recent_.size(); r-- > 0;) {
    if (sentence - recent_[r].sentence > reach) break;
    const auto e = static_cast<size_t>(recent_[r].entity);
    if (stamps_[e] == stamp_) continue;
    stamps_[e] = stamp_;
    const Salience& s = salience_[e];
    if (s.token < 0) continue;
    const uint32_t distance = sentence - s.sentence;
    if (distance > reach) continue;
    if (!agrees(static_cast<int32_t>(e), p)) continue;
    double score = -1.0 * distance - static_cast<double>(static_cast<int64_t>(t) - s.token) / 100.0 +
                   std::min(s.count, 5) * 0.1;
    if (s.subject) score += initial ? 0.8 : 0.4;
    if (possessive && distance == 0) score += 0.3;
    // "they" is a group before it is one organisation.
    if (p.plural && plural_[e]) score += 0.5;
    if (score > best_score) {
      best_score = score;
      best = static_cast<int32_t>(e);
    }
  }
  return best;
}

bool Coreference::Pass::possessive_pronoun(std::string_view w) {
  return w == "his" || w == "her" || w == "its" || w == "their" || w == "whose";
}

bool Coreference::Pass::referring_it(size_t t) const {
  size_t n0 = t + 1;
  while (n0 < toks_.size() && n0 < t + 3 && doc_.pos[n0] == Pos::kRB) ++n0;  // "it firmly opposed"
  const bool verb_follows =
      n0 < toks_.size() && (doc_.pos[n0] == Pos::kVBZ || doc_.pos[n0] == Pos::kVBD || doc_.pos[n0] == Pos::kVBP ||
                            doc_.pos[n0] == Pos::kMD);
  if (!verb_follows) n0 = t + 1;
  if (t > 0) {
    std::string_view before = text(t - 1);
    bool clause_start = subject_position(t) || before == "," || before == "and" || before == "but" ||
                        before == "that" || before == "because" || before == "as" || before == "when" ||
                        before == "after" || before == "before" || before == "while" || before == "which";
    // Before a finite verb "it" is a subject wherever it stands: "said it
    // would", "the music it sells", "Although it can fly".
    if (verb_follows) clause_start = true;
    if (!clause_start) return false;
  }
  size_t n = n0;
  if (n < toks_.size()) {
    std::string_view next = text(n);
    if (next == "would" || next == "will" || next == "could" || next == "might") ++n;
    if (n < toks_.size() && (text(n) == "is" || text(n) == "was" || text(n) == "be" || text(n) == "’s" ||
                             text(n) == "'s" || text(n) == "seems" || text(n) == "appears")) {
      size_t k = n + 1;
      while (k < toks_.size() && doc_.pos[k] == Pos::kRB) ++k;
      if (k >= toks_.size()) return false;
      const Pos p = doc_.pos[k];
      return p == Pos::kVBG || p == Pos::kDT || p == Pos::kPRPS ||
             (p == Pos::kVBN && !(k + 1 < toks_.size() && text(k + 1) == "that"));
    }
  }
  return true;
}

int32_t Coreference::Pass::antecedent_of_relative(size_t t) const {
  size_t k = t;
  auto finite = [&](size_t i) {
    const Pos p = doc_.pos[i];
    return p == Pos::kVBZ || p == Pos::kVBD || p == Pos::kVBP || p == Pos::kMD;
  };
  if (text(t) == "that") {
    // "the plane that flew", "the dealerships that it was closing"
    if (t + 1 >= toks_.size()) return kNone;
    const bool subject_relative = finite(t + 1);
    const bool object_relative = doc_.pos[t + 1] == Pos::kPRP && t + 2 < toks_.size() && finite(t + 2);
    if (!subject_relative && !object_relative) return kNone;
  } else if (k > 0 && (text(k - 1) == "," || text(k - 1) == "(")) {
    --k;
    k = before_parenthesis(k);  // "the Dow Jones (DJIA), which"
  }
  if (k == 0 || covered_[k - 1] == kNone) return kNone;
  const Mention& m = doc_.mentions[covered_[k - 1]];
  if (m.end_token != k) return kNone;
  // "told the Treasury that it intends": after the object of a verb of
  // telling, "that" opens what was told.
  if (text(t) == "that" && m.first_token > 0) {
    size_t v = m.first_token - 1;
    if (v > 0 && (text(v) == "the" || doc_.pos[v] == Pos::kPRPS)) --v;
    static constexpr std::string_view kTelling[] = {"tell", "inform", "assure", "warn", "notify", "remind",
                                                    "convince", "persuade", "advise", "promise", "reassure"};
    if (v < doc_.lemmas.size())
      for (std::string_view verb : kTelling)
        if (doc_.lemmas[v] == verb) return kNone;
    // "told jurors in New York that he had", "said in Paris that it would":
    // after a place or time phrase that follows a verb of telling or saying
    // (and the verb's object), "that" opens what was said, too.
    static constexpr std::string_view kWhereWhen[] = {"in", "at", "on", "from", "outside", "near", "during", "after",
                                                      "before", "inside", "to"};
    v = m.first_token - 1;
    if (v > 0 && (text(v) == "the" || doc_.pos[v] == Pos::kPRPS)) --v;
    if (std::find(std::begin(kWhereWhen), std::end(kWhereWhen), text(v)) != std::end(kWhereWhen) && v > 0) {
      size_t w = v - 1;
      // The verb's object: a short noun phrase ("jurors", "the committee").
      for (size_t skipped = 0; w > 0 && skipped < 4; ++skipped, --w) {
        const Pos p = doc_.pos[w];
        if (!(p == Pos::kNN || p == Pos::kNNS || p == Pos::kNNP || p == Pos::kNNPS || p == Pos::kDT ||
              p == Pos::kJJ || p == Pos::kPRP || p == Pos::kPRPS || p == Pos::kCD))
          break;
      }
      if (w < doc_.lemmas.size()) {
        if (reporting_verb(w)) return kNone;
        for (std::string_view verb : kTelling)
          if (doc_.lemmas[w] == verb) return kNone;
      }
    }
  }
  return m.entity;
}

size_t Coreference::Pass::before_parenthesis(size_t k) const {
  if (k == 0 || text(k - 1) != ")") return k;
  for (size_t j = k - 1; j-- > 0 && k - j <= 8;)
    if (text(j) == "(") return j;
  return k;
}

void Coreference::Pass::scan() {
  thread_local std::string lower;
  size_t t = 0;
  while (t < toks_.size()) {
    if (covered_[t] != kNone) {
      // Mentions nest ("Israel" in "Israel’s military intelligence"): each
      // token inside one is visited, so every mention is seen in order.
      const std::vector<int32_t> here = starts_[t];
      // A name that premodifies a noun ("United States automobile company
      // General Motors") is not the clause's subject.
      const uint32_t name_end = doc_.mentions[covered_[t]].end_token;
      const bool premodifier = (np_at_[t] != kNone && nps_[np_at_[t]].head >= name_end) ||
                               (name_end < toks_.size() && toks_[name_end].kind == TokenKind::kClitic);
      for (int32_t mi : here) {
        const Mention& m = doc_.mentions[mi];
        if (m.entity != kNone)
          see(m.entity, m.end_token - 1, !premodifier && m.kind != MentionKind::kPronoun && subject_position(t));
      }
      for (int32_t mi : here)
        if (doc_.mentions[mi].kind == MentionKind::kName && coordination(mi)) break;
      // "the Jewish state’s military": a country's institution.
      for (int32_t mi : here) {
        const Mention& m = doc_.mentions[mi];
        if (m.entity != kNone && m.end_token + 1 < toks_.size() && toks_[m.end_token].kind == TokenKind::kClitic &&
            possessive_institution(mi))
          break;
      }
      // "US stocks", "Apple's iTunes music service": a phrase that a name opens.
      if (np_at_[t] != kNone && nps_[np_at_[t]].head >= doc_.mentions[covered_[t]].end_token) {
        if (size_t next = noun_phrase(nps_[np_at_[t]]); next > t) {
          t = next;
          continue;
        }
      }
      ++t;
      continue;
    }
    const Token& tok = toks_[t];
    if (tok.kind != TokenKind::kWord) {
      // "37 people", "U.S. automakers": a phrase may open with a number or an abbreviation.
      if (np_at_[t] != kNone) {
        if (size_t next = noun_phrase(nps_[np_at_[t]]); next > t) {
          t = next;
          continue;
        }
      }
      ++t;
      continue;
    }
    std::string_view w = text(t);
    lower.assign(w);
    if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = static_cast<char>(lower[0] + 32);
    if (auto it = c_.pronouns_.find(lower); it != c_.pronouns_.end() && !(lower == "it" && !referring_it(t))) {
      const Pronoun& p = it->second;
      int32_t e = kNone;
      if (p.relative) {
        e = antecedent_of_relative(t);
      } else if (bool known = false; !possessive_pronoun(lower) && (e = reporter_of(t, known), known) &&
                                      (e == kNone || agrees(e, p))) {
        // "China said it", "Police said they": the reporting verb's subject,
        // or no one when that subject is a phrase with no entity ("She said
        // he" is someone else).
      } else {
        e = resolve_pronoun(t, p, possessive_pronoun(lower));
      }
      if (e != kNone && agrees(e, p)) {
        add_mention(t, t + 1, MentionKind::kPronoun, e);
        see(e, t, p.relative || (!possessive_pronoun(lower) && subject_position(t)));
      }
      ++t;
      continue;
    }
    if (is_determiner(w)) {
      const size_t end = doc_.sentences[sentence_of_[t]].end_token;
      size_t head_end = 0;
      int32_t e = kNone;
      if (description(t, end, head_end, e) && free(t, head_end)) {
        add_mention(t, head_end, MentionKind::kNominal, e);
        // "the US automobile maker": "automobile" names a kind of product.
        if (np_at_[t] != kNone && nps_[np_at_[t]].end == head_end) product_premodifiers(nps_[np_at_[t]]);
        see(e, head_end - 1, subject_position(t));
        t = head_end;
        continue;
      }
    }
    if (np_at_[t] != kNone) {
      if (size_t next = noun_phrase(nps_[np_at_[t]]); next > t) {
        t = next;
        continue;
      }
    }
    ++t;
  }
}

void Coreference::Pass::actor_codes() {
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    Entity& ent = doc_.entities[e];
    if (!ent.actor_code.empty()) continue;
    // A person's title in the article ("Afghan President Hamid Karzai")
    // gives the sector: the article's own evidence comes first.
    std::string sector = ent.type == EntityType::kPerson ? title_sector(ent) : std::string();
    // Else an actor of the Phoenix dictionaries, by its full name, with the
    // code its role had on the article's date ("Hamid Karzai": AFGGOV from
    // 2001-12-22). The lists of data/ coded theirs already, and win.
    if (c_.phoenix_ && sector.empty() && ent.type != EntityType::kOther)
      if (const std::string_view code = c_.phoenix_->code(ent.name, doc_.article.date); !code.empty()) {
        ent.actor_code = std::string(code);
        if (ent.country.empty() && code.size() >= 3 && gaz_.country(code.substr(0, 3)) != kNone)
          ent.country = std::string(code.substr(0, 3));
        continue;
      }
    if (ent.country.empty()) ent.country = country_hint_[e];
    if (ent.type == EntityType::kPerson && (!ent.country.empty() || !sector.empty()))
      ent.actor_code = ent.country + sector;
  }
}

void Coreference::Pass::headline_roles() {
  const size_t end = doc_.headline_end();
  if (end == 0) return;
  const size_t first = doc_.paragraphs[0].first_token;
  for (size_t j = first; j < end; ++j) {
    uint32_t tl = 0;
    const int32_t id = lex_.title_at(doc_, j, end, tl);
    if (id == kNone) continue;
    const size_t role_end = j + tl;
    // A title before a name is the name's; a role alone names no one yet.
    if (!lower_word(toks_[role_end - 1]) || (role_end < end && is_cap_word(role_end)) || !free(j, role_end)) {
      j = role_end - 1;
      continue;
    }
    // Its modifiers and country: "Israel’s top military", "Kenyan".
    size_t b = j;
    while (b > first && j - b < 3 && covered_[b - 1] == kNone && lower_word(toks_[b - 1]) &&
           (doc_.pos[b - 1] == Pos::kJJ || doc_.pos[b - 1] == Pos::kNN))
      --b;
    if (b >= 2 && toks_[b - 1].kind == TokenKind::kClitic && covered_[b - 2] != kNone)
      b = doc_.mentions[covered_[b - 2]].first_token;
    else if (b >= 1 && country_in(b - 1, b) != "")
      --b;
    const std::string country = country_in(b, j);
    const Title& role = lex_.title(id);
    // The body's first person with the role's words in a title or a
    // description ("Prime Minister X", "X, a former county governor"), else
    // of its sector.
    std::string words;
    append_ascii_lower(words, role.phrase);
    const std::string_view head = std::string_view(words).substr(words.rfind(' ') + 1);
    int32_t holder = kNone;
    int best = 0;
    std::string said;
    for (const Mention& m : doc_.mentions) {
      if (m.first_token < end || m.entity == kNone) continue;
      const Entity& ent = doc_.entities[m.entity];
      if (ent.type != EntityType::kPerson) continue;
      const std::string_view code = ent.actor_code;
      const std::string& ec = !ent.country.empty() ? ent.country : country_hint_[m.entity];
      if (!country.empty() && !ec.empty() && ec != country) continue;
      int level = 0;
      if (assign_ascii_lower(said, !m.title.empty() ? doc_.text_of(m.title) : doc_.text_of(m.span)).find(head) !=
          std::string::npos)
        level = 2;
      else if (code.size() >= 3 && code.substr(code.size() - 3) == role.sector) level = 1;
      if (level > best) {
        best = level;
        holder = m.entity;
      }
    }
    if (holder != kNone) add_mention(b, role_end, MentionKind::kNominal, holder);
    j = role_end - 1;
  }
}

void Coreference::Pass::finish() {
  std::vector<int32_t> renumber(doc_.entities.size(), 0);
  std::vector<int> count(doc_.entities.size(), 0);
  for (const Mention& m : doc_.mentions)
    if (m.entity != kNone) ++count[m.entity];
  // A phrase's entity mentioned once is a thing of its own in exhaustive output.
  std::vector<int32_t> to_aside(doc_.entities.size(), kNone);
  int32_t kept = 0;
  for (size_t e = 0; e < doc_.entities.size(); ++e) {
    if ((tentative_[e] == 1 && count[e] < 2) || (tentative_[e] == 2 && count[e] < 1)) {
      renumber[e] = kNone;
      if (count[e] == 1 && doc_.exhaustive_mentions) {
        to_aside[e] = static_cast<int32_t>(doc_.aside_entities.size());
        doc_.aside_entities.push_back(std::move(doc_.entities[e]));
      }
      continue;
    }
    if (kept != static_cast<int32_t>(e)) doc_.entities[kept] = std::move(doc_.entities[e]);
    renumber[e] = kept++;
  }
  doc_.entities.resize(static_cast<size_t>(kept));
  size_t out = 0;
  for (size_t i = 0; i < doc_.mentions.size(); ++i) {
    Mention& m = doc_.mentions[i];
    if (m.entity != kNone) {
      const int32_t old = m.entity;
      m.entity = renumber[old];
      if (m.entity == kNone) {
        if (to_aside[old] != kNone) {
          m.entity = to_aside[old];
          doc_.aside_mentions.push_back({m, true});
        }
        continue;
      }
    }
    doc_.mentions[out++] = m;
  }
  doc_.mentions.resize(out);
  for (AsideMention& a : doc_.aside_mentions) {
    if (a.own) continue;
    const int32_t old = a.mention.entity;
    a.mention.entity = renumber[old];
    if (a.mention.entity == kNone) {
      a.mention.entity = to_aside[old];
      a.own = true;
    }
  }
  std::vector<int32_t> order(doc_.mentions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    const Mention& x = doc_.mentions[a];
    const Mention& y = doc_.mentions[b];
    return x.span.begin != y.span.begin ? x.span.begin < y.span.begin : x.span.end > y.span.end;
  });
  std::vector<Mention> sorted;
  sorted.reserve(order.size());
  for (int32_t i : order) sorted.push_back(doc_.mentions[i]);
  doc_.mentions.swap(sorted);
  for (Entity& e : doc_.entities) e.mentions.clear();
  for (size_t i = 0; i < doc_.mentions.size(); ++i)
    if (doc_.mentions[i].entity != kNone)
      doc_.entities[doc_.mentions[i].entity].mentions.push_back(static_cast<int32_t>(i));
}

void Coreference::run(Document& doc) const {
  if (doc.sentences.empty()) return;
  Pass(*this, doc).run();
}

}  // namespace sitrep
