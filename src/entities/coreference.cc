#include "entities/coreference.h"

#include <algorithm>
#include <cmath>

#include "core/tsv.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace sitrep {

Coreference::Coreference(std::shared_ptr<const Gazetteer> gazetteer, std::shared_ptr<const NameLexicon> names,
                         const std::string& data_dir)
    : gazetteer_(std::move(gazetteer)), names_(std::move(names)) {
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
  for (size_t r = 0; r < n.rows.size(); ++r) {
    const auto& row = n.rows[r];
    EntityType t = parse_entity_type(row[type]);
    if (t == EntityType::kOther)
      throw TsvError(n.path + ":" + std::to_string(n.line_numbers[r]) + ": unknown entity type '" + row[type] + "'");
    nominals_[row[head]] = {t, row[nkind], row[nnum] == "pl"};
  }
  TsvTable f = load_tsv(data_dir + "/function_words.tsv");
  for (const auto& row : f.rows) function_words_.insert(row[f.column("word")]);
}

namespace {

bool is_determiner(std::string_view w) { return w == "the" || w == "The"; }

bool lower_word(const Token& t) { return t.kind == TokenKind::kWord && !t.has(kUpperInitial); }

// Kinds that a description's kind accepts.
bool kinds_agree(std::string_view wanted, std::string_view have) {
  if (wanted.empty() || have.empty() || wanted == have) return true;
  if (wanted == "country") return have == "territory";
  if (wanted == "city") return have == "capital";
  if (wanted == "government") return have == "country" || have == "ministry";
  if (wanted == "military") return have == "armed_group";
  return false;
}

}  // namespace

class Coreference::Pass {
 public:
  Pass(const Coreference& c, Document& doc)
      : c_(c), gaz_(*c.gazetteer_), lex_(*c.names_), doc_(doc), toks_(doc.tokens) {}

  void run() {
    index();
    for (Entity& e : doc_.entities) infer_gender(e);
    appositions();
    scan();
    actor_codes();
    finish();
  }

 private:
  struct Salience {
    int64_t token = -1;  // the end of the entity's latest mention
    uint32_t sentence = 0;
    bool subject = false;
    int count = 0;
  };

  std::string_view text(size_t i) const { return doc_.text_of(toks_[i]); }

  void index() {
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
  }

  void infer_gender(Entity& e) const {
    if (e.type != EntityType::kPerson || e.gender) return;
    std::string_view first = std::string_view(e.name).substr(0, e.name.find(' '));
    char g = lex_.given_name(first);
    if (g == 'm' || g == 'f') e.gender = g;
  }

  // The token index where a byte offset begins.
  size_t token_at(uint32_t begin) const {
    auto it = std::lower_bound(toks_.begin(), toks_.end(), begin,
                               [](const Token& t, uint32_t b) { return t.begin < b; });
    return static_cast<size_t>(it - toks_.begin());
  }

  // A country named by a demonym or a country name (possessive or not) in [b, e).
  std::string country_in(size_t b, size_t e) const {
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

  // At a country mention [t, clitic) followed by ’s and a head such as
  // "military" or "government": a mention of that country's institution.
  bool possessive_institution(int32_t mention) {
    const Mention m = doc_.mentions[mention];
    const size_t t = m.first_token, clitic = m.end_token;
    if (doc_.entities[m.entity].kind != "country" || clitic + 1 >= toks_.size()) return false;
    auto it = c_.nominals_.find(text(clitic + 1));
    if (it == c_.nominals_.end() || it->second.kind.empty() || !lower_word(toks_[clitic + 1])) return false;
    const std::string& country = doc_.entities[m.entity].country;
    int32_t entry = gaz_.institution(country, it->second.kind);
    if (entry == kNone) return false;
    size_t b = t > 0 && is_determiner(text(t - 1)) ? t - 1 : t;
    int32_t e = entity_for_entry(entry);
    see(m.entity, m.end_token - 1, false);
    add_mention(b, clitic + 2, MentionKind::kNominal, e);
    see(e, clitic + 1, subject_position(b));
    return true;
  }

  // The entity of a lexicon entry, created when the article has not named it.
  int32_t entity_for_entry(int32_t entry) {
    for (size_t e = 0; e < doc_.entities.size(); ++e)
      for (int32_t mi : doc_.entities[e].mentions)
        if (doc_.mentions[mi].lexicon_entry == entry) return static_cast<int32_t>(e);
    const GazetteerEntry& g = gaz_.entry(entry);
    Entity e;
    e.type = g.type;
    e.name = g.name;
    e.actor_code = g.actor_code;
    e.country = g.country;
    e.kind = g.kind;
    doc_.entities.push_back(std::move(e));
    salience_.emplace_back();
    country_hint_.emplace_back();
    return static_cast<int32_t>(doc_.entities.size() - 1);
  }

  int32_t add_mention(size_t b, size_t e, MentionKind kind, int32_t entity) {
    Mention m;
    m.span = {toks_[b].begin, toks_[e - 1].end};
    m.kind = kind;
    m.entity = entity;
    m.type = doc_.entities[entity].type;
    m.first_token = static_cast<uint32_t>(b);
    m.end_token = static_cast<uint32_t>(e);
    doc_.mentions.push_back(m);
    auto id = static_cast<int32_t>(doc_.mentions.size() - 1);
    doc_.entities[entity].mentions.push_back(id);
    starts_[b].push_back(id);
    for (size_t t = b; t < e; ++t)
      if (covered_[t] == kNone) covered_[t] = id;
    return id;
  }

  bool free(size_t b, size_t e) const {
    for (size_t t = b; t < e; ++t)
      if (covered_[t] != kNone && doc_.mentions[covered_[t]].kind != MentionKind::kName) return false;
    return true;
  }

  // "The head of X’s agency, Major General Y, ..." and "Y, the Z of W, ...".
  void appositions() {
    const size_t names = doc_.mentions.size();
    for (size_t mi = 0; mi < names; ++mi) {
      const Mention m = doc_.mentions[mi];
      if (m.kind != MentionKind::kName || m.entity == kNone) continue;
      const EntityType type = doc_.entities[m.entity].type;
      if (type != EntityType::kPerson && type != EntityType::kOrg) continue;
      const Sentence& s = doc_.sentences[sentence_of_[m.first_token]];
      size_t start = m.title.empty() ? m.first_token : token_at(m.title.begin);
      // Left: a sentence-initial description ending in a comma right before the name.
      if (start >= 2 && text(start - 1) == ",") {
        size_t k = s.first_token;
        while (k < start && toks_[k].kind == TokenKind::kQuote) ++k;
        bool ok = k + 1 < start - 1 && start - 1 - k <= 12 && (text(k) == "The" || text(k) == "A" || text(k) == "An");
        for (size_t t = k; ok && t < start - 1; ++t)
          if (toks_[t].kind == TokenKind::kPunct || toks_[t].kind == TokenKind::kQuote) ok = false;
        if (ok && starts_[k].empty()) {
          add_mention(k, start - 1, MentionKind::kNominal, m.entity);
          std::string c = country_in(k, start - 1);
          if (!c.empty()) country_hint_[m.entity] = c;
        }
      }
      // Right: ", the Z of W," after the name.
      size_t after = m.end_token;
      if (after + 2 < s.end_token && text(after) == "," && (text(after + 1) == "the" || text(after + 1) == "a")) {
        size_t j = after + 1;
        while (j < s.end_token && j - after <= 12 && toks_[j].kind != TokenKind::kPunct &&
               toks_[j].kind != TokenKind::kQuote && toks_[j].kind != TokenKind::kDash)
          ++j;
        bool closes = j < s.end_token && j - after <= 12 && toks_[j].kind != TokenKind::kQuote;
        // "Egypt, the Sudan and ..." is a list, not an apposition.
        for (size_t t = after + 1; closes && t < j; ++t)
          if (text(t) == "and" || text(t) == "or") closes = false;
        if (closes && free(after + 1, j)) {
          add_mention(after + 1, j, MentionKind::kNominal, m.entity);
          std::string c = country_in(after + 1, j);
          if (!c.empty() && country_hint_[m.entity].empty()) country_hint_[m.entity] = c;
        }
      }
      // "Israeli opposition leader Yair Lapid", "Israel’s Prime Minister X".
      if (!m.title.empty() && start >= 1) {
        size_t b = start >= 2 && toks_[start - 1].kind == TokenKind::kClitic ? start - 2 : start - 1;
        std::string c = country_in(b, start);
        if (!c.empty()) country_hint_[m.entity] = c;
      }
    }
  }

  void see(int32_t entity, size_t token, bool subject) {
    Salience& s = salience_[entity];
    s.token = static_cast<int64_t>(token);
    s.sentence = sentence_of_[token];
    s.subject = subject;
    ++s.count;
  }

  bool subject_position(size_t first_token) const {
    const Sentence& s = doc_.sentences[sentence_of_[first_token]];
    for (size_t t = s.first_token; t < first_token; ++t) {
      const Token& k = toks_[t];
      if (k.kind == TokenKind::kQuote || k.kind == TokenKind::kDash) continue;
      if (covered_[t] != kNone) return false;  // another mention comes first
      if (k.kind == TokenKind::kWord && !k.has(kUpperInitial)) return false;
    }
    return true;
  }

  bool agrees(const Entity& e, const Pronoun& p) const {
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

  int32_t resolve_pronoun(size_t t, const Pronoun& p, bool possessive) const {
    const uint32_t sentence = sentence_of_[t];
    const bool initial = subject_position(t);
    int32_t best = kNone;
    double best_score = -1e9;
    for (size_t e = 0; e < doc_.entities.size(); ++e) {
      const Salience& s = salience_[e];
      if (s.token < 0) continue;
      const uint32_t distance = sentence - s.sentence;
      if (distance > (p.gender == 'm' || p.gender == 'f' ? 4u : 2u)) continue;
      if (!agrees(doc_.entities[e], p)) continue;
      double score = -1.0 * distance - static_cast<double>(static_cast<int64_t>(t) - s.token) / 100.0 +
                     std::min(s.count, 5) * 0.1;
      if (s.subject) score += initial ? 0.8 : 0.4;
      if (possessive && distance == 0) score += 0.3;
      if (score > best_score) {
        best_score = score;
        best = static_cast<int32_t>(e);
      }
    }
    return best;
  }

  static bool possessive_pronoun(std::string_view w) {
    return w == "his" || w == "her" || w == "its" || w == "their" || w == "whose";
  }

  // "It" refers to an entity as a clause subject ("It said ...", ", and it
  // denied ..."), not as an object ("called it") or a dummy subject ("it would
  // be appropriate for", "it is likely that").
  bool referring_it(size_t t) const {
    if (t > 0) {
      std::string_view before = text(t - 1);
      bool clause_start = subject_position(t) || before == "," || before == "and" || before == "but" ||
                          before == "that" || before == "because" || before == "as";
      if (!clause_start) return false;
    }
    size_t n = t + 1;
    if (n < toks_.size()) {
      std::string_view next = text(n);
      if (next == "would" || next == "will" || next == "could" || next == "might") ++n;
      if (n < toks_.size() && (text(n) == "is" || text(n) == "was" || text(n) == "be" || text(n) == "’s" ||
                               text(n) == "'s" || text(n) == "seems" || text(n) == "appears"))
        return false;
    }
    return true;
  }

  // The mention right before a relative pronoun ("Yair Lapid, who ...").
  int32_t antecedent_of_relative(size_t t) const {
    size_t k = t;
    if (k > 0 && text(k - 1) == ",") --k;
    if (k == 0 || covered_[k - 1] == kNone) return kNone;
    const Mention& m = doc_.mentions[covered_[k - 1]];
    return m.end_token == k ? m.entity : kNone;
  }

  // A definite description at t: "the company", "the Israeli leader".
  bool description(size_t t, size_t end, size_t& head_end, int32_t& entity) const {
    size_t j = t + 1;
    std::string country;
    int modifiers = 0;
    while (j < end && modifiers <= 3) {
      uint32_t tl = 0;
      if (int32_t title = lex_.title_at(doc_, j, end, tl); title != kNone && lower_word(toks_[j + tl - 1])) {
        if (j + tl < end && is_cap_word(j + tl)) return false;  // a title before a name, not a description
        head_end = j + tl;
        entity = resolve_role(lex_.title(title), country, t);
        return entity != kNone;
      }
      if (lower_word(toks_[j])) {
        if (c_.function_words_.count(text(j))) return false;
        auto it = c_.nominals_.find(text(j));
        if (it != c_.nominals_.end() && !(j + 1 < end && lower_word(toks_[j + 1]) && c_.nominals_.count(text(j + 1)))) {
          head_end = j + 1;
          entity = resolve_nominal(it->second, country, t);
          return entity != kNone;
        }
        ++modifiers;
        ++j;
        continue;
      }
      if (Gazetteer::Hit hit = gaz_.match(doc_, j, end); hit && gaz_.entry(hit.entry).type == EntityType::kNorp) {
        country = gaz_.entry(hit.entry).country;
        j += hit.length;
        ++modifiers;
        continue;
      }
      return false;
    }
    return false;
  }

  bool is_cap_word(size_t i) const { return toks_[i].kind == TokenKind::kWord && toks_[i].has(kUpperInitial); }

  int32_t resolve_nominal(const Nominal& n, const std::string& country, size_t t) const {
    int32_t best = kNone;
    int64_t best_token = -1;
    for (size_t e = 0; e < doc_.entities.size(); ++e) {
      const Salience& s = salience_[e];
      const Entity& ent = doc_.entities[e];
      if (s.token < 0 || sentence_of_[t] - s.sentence > 6) continue;
      bool type_ok = ent.type == n.type ||
                     (n.kind == "government" && ent.type == EntityType::kGpe && ent.kind == "country");
      if (!type_ok || !kinds_agree(n.kind, ent.kind)) continue;
      if (!country.empty() && !ent.country.empty() && ent.country != country) continue;
      if (s.token > best_token) {
        best_token = s.token;
        best = static_cast<int32_t>(e);
      }
    }
    return best;
  }

  // The sector of an entity's title, if it has one.
  std::string title_sector(const Entity& e) const {
    for (int32_t mi : e.mentions) {
      const Mention& m = doc_.mentions[mi];
      if (m.title.empty()) continue;
      uint32_t tl = 0;
      size_t b = token_at(m.title.begin);
      int32_t title = lex_.title_at(doc_, b, toks_.size(), tl);
      if (title != kNone) return lex_.title(title).sector;
    }
    return "";
  }

  int32_t resolve_role(const Title& role, const std::string& country, size_t t) const {
    int32_t best = kNone;
    int64_t best_token = -1;
    for (size_t e = 0; e < doc_.entities.size(); ++e) {
      const Salience& s = salience_[e];
      const Entity& ent = doc_.entities[e];
      if (s.token < 0 || ent.type != EntityType::kPerson) continue;
      std::string sector = title_sector(ent);
      if (sector.empty() && ent.actor_code.size() >= 6) sector = ent.actor_code.substr(3, 3);
      if (sector != role.sector) continue;
      std::string ec = !ent.country.empty() ? ent.country : country_hint_[e];
      if (!country.empty() && ec != country) continue;
      (void)t;
      if (s.token > best_token) {
        best_token = s.token;
        best = static_cast<int32_t>(e);
      }
    }
    return best;
  }

  void scan() {
    thread_local std::string lower;
    size_t t = 0;
    while (t < toks_.size()) {
      if (covered_[t] != kNone) {
        // Mentions nest ("Israel" in "Israel’s military intelligence"): each
        // token inside one is visited, so every mention is seen in order.
        const std::vector<int32_t> here = starts_[t];
        for (int32_t mi : here) {
          const Mention& m = doc_.mentions[mi];
          if (m.entity != kNone) see(m.entity, m.end_token - 1, m.kind != MentionKind::kPronoun && subject_position(t));
        }
        // "the Jewish state’s military": a country's institution.
        for (int32_t mi : here) {
          const Mention& m = doc_.mentions[mi];
          if (m.entity != kNone && m.end_token + 1 < toks_.size() && toks_[m.end_token].kind == TokenKind::kClitic &&
              possessive_institution(mi))
            break;
        }
        ++t;
        continue;
      }
      const Token& tok = toks_[t];
      if (tok.kind != TokenKind::kWord) {
        ++t;
        continue;
      }
      std::string_view w = text(t);
      lower.assign(w);
      if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = static_cast<char>(lower[0] + 32);
      if (auto it = c_.pronouns_.find(lower); it != c_.pronouns_.end() && !(lower == "it" && !referring_it(t))) {
        const Pronoun& p = it->second;
        int32_t e = p.relative ? antecedent_of_relative(t)
                               : resolve_pronoun(t, p, possessive_pronoun(lower));
        if (e != kNone && agrees(doc_.entities[e], p)) {
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
          see(e, head_end - 1, subject_position(t));
          t = head_end;
          continue;
        }
      }
      ++t;
    }
  }

  void actor_codes() {
    for (size_t e = 0; e < doc_.entities.size(); ++e) {
      Entity& ent = doc_.entities[e];
      if (!ent.actor_code.empty()) continue;
      if (ent.country.empty()) ent.country = country_hint_[e];
      if (ent.type == EntityType::kPerson) {
        std::string sector = title_sector(ent);
        if (!ent.country.empty() || !sector.empty()) ent.actor_code = ent.country + sector;
      }
    }
  }

  // Keeps Document::mentions in text order and each entity's list with it.
  void finish() {
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

  const Coreference& c_;
  const Gazetteer& gaz_;
  const NameLexicon& lex_;
  Document& doc_;
  const std::vector<Token>& toks_;
  std::vector<uint32_t> sentence_of_;
  std::vector<int32_t> covered_;  // token → a mention covering it
  std::vector<std::vector<int32_t>> starts_;  // token → the mentions that start there
  std::vector<Salience> salience_;
  std::vector<std::string> country_hint_;  // per entity: a country from its context
};

void Coreference::run(Document& doc) const {
  if (doc.sentences.empty()) return;
  Pass(*this, doc).run();
}

}  // namespace sitrep
