#include "entities/name_finder.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "entities/name_model.h"
#include "text/chars.h"
#include "text/utf8.h"

namespace sitrep {

namespace {

constexpr uint16_t kHeads = kOrgHead | kGpeHead | kLocHead | kFacHead | kEventHead;

bool is_speech_verb(std::string_view w) {
  static const std::unordered_set<std::string_view> kVerbs = {
      "said", "says", "told", "added", "wrote", "stated", "announced", "noted", "argued", "insisted",
      "claimed", "warned", "explained", "tweeted", "posted", "replied", "asked", "confirmed", "denied"};
  return kVerbs.count(w) != 0;
}

}  // namespace

class NameFinder::Pass {
 public:
  Pass(const NameFinder& f, Document& doc)
      : gaz_(*f.gazetteer_), lex_(*f.lexicon_), abbr_(*f.abbreviations_), doc_(doc), toks_(doc.tokens),
        source_(doc.name_tags.size() == doc.tokens.size() ? f.source_ : NameSource::kLists) {
    collect_case_evidence();
    if (source_ != NameSource::kLists) {
      model_at_.assign(toks_.size(), kNone);
      for (const Sentence& s : doc_.sentences)
        for (NameSpan n : name_spans(doc_, s.first_token, s.end_token)) {
          if (!proper_name(n)) continue;
          model_at_[n.begin] = static_cast<int32_t>(spans_.size());
          spans_.push_back(n);
        }
    }
  }

  void run() {
    for (const Sentence& s : doc_.sentences) sentence(s);
    sports_teams();
    column_labels();
    shouted_lines();
    headline_surnames();
    join_acronym_expansions();
  }

 private:
  std::string_view text(size_t i) const { return doc_.text_of(toks_[i]); }
  uint16_t cues(size_t i) const { return lex_.cues(text(i)); }
  bool has_tags() const { return doc_.pos.size() == toks_.size(); }

  // A capitalised word that may be part of a name.
  bool is_cap(size_t i) const {
    const Token& t = toks_[i];
    if (t.kind == TokenKind::kAbbrev) {
      std::string_view a = text(i);
      a.remove_suffix(1);
      AbbrevClass c = abbr_.lookup(a);
      return t.has(kUpperInitial) && (c == AbbrevClass::kNone || c == AbbrevClass::kGeneral);
    }
    if (t.kind != TokenKind::kWord) return false;
    if (t.has(kUpperInitial)) {
      // "Iran-linked", "Washington-based": an adjective made from a name.
      std::string_view w = text(i);
      size_t hyphen = w.rfind('-');
      if (hyphen != std::string_view::npos && hyphen + 1 < w.size() && w[hyphen + 1] >= 'a' && w[hyphen + 1] <= 'z' &&
          !(cues(i) & kPersonParticle)) {
        if (w.substr(0, hyphen).find('-') != std::string_view::npos) return true;  // al-Qassam-style stays
        // A two-syllable given name after a surname ("Chen Wei-lun", "Moon
        // Jae-in") is a name; "-linked", "-based", "-led" make adjectives.
        const std::string_view tail = w.substr(hyphen + 1);
        static constexpr std::string_view kAdjectiveTails[] = {"led", "run", "era", "born", "made", "held", "wide",
                                                              "free", "like", "only", "rich", "poor", "dry"};
        bool adjective = tail.size() > 4 || hyphen > 4;
        for (std::string_view a : kAdjectiveTails) adjective = adjective || tail == a;
        return !adjective && i > 0 && toks_[i - 1].kind == TokenKind::kWord && toks_[i - 1].has(kUpperInitial);
      }
      return true;
    }
    // al-Qassam, el-Sisi: an Arabic article before a capitalised name.
    std::string_view w = text(i);
    size_t hyphen = w.find('-');
    if (hyphen != std::string_view::npos && hyphen <= 3 && hyphen + 1 < w.size() &&
        (lex_.cues(w.substr(0, hyphen)) & kPersonParticle)) {
      uint32_t cp;
      decode_utf8(w, hyphen + 1, cp);
      return is_upper_codepoint(cp);
    }
    return false;
  }

  // The first word of a sentence, or the first after opening quotes and dashes.
  bool sentence_initial(size_t i, size_t first) const {
    for (size_t k = first; k < i; ++k) {
      const Token& t = toks_[k];
      if (!(t.kind == TokenKind::kQuote || t.kind == TokenKind::kDash || t.has(kOpening))) return false;
    }
    return true;
  }
  // Sentence-initial, or the first word after a dash, where a dateline ends
  // ("KHARTOUM, March 3 (Wire) — Between 20 and 30 ...") or a new clause starts.
  bool clause_initial(size_t i, size_t first) const {
    return sentence_initial(i, first) || (i > first && toks_[i - 1].kind == TokenKind::kDash);
  }

  // Case evidence from the whole document: words seen capitalised where a
  // capital means a name.
  void collect_case_evidence() {
    for (const Sentence& s : doc_.sentences) {
      for (size_t i = s.first_token; i < s.end_token; ++i) {
        const Token& t = toks_[i];
        if (t.kind != TokenKind::kWord) continue;
        if (t.has(kUpperInitial) && !clause_initial(i, s.first_token) && !title_case(s.paragraph))
          capitalised_.insert(text(i));
      }
    }
  }

  // Whether a capitalised first word is a name rather than a capitalised common word.
  bool name_at_sentence_start(size_t i) const {
    std::string_view w = text(i);
    if (abbr_.is_sentence_starter(w) || (cues(i) & (kTimeWord | kNotName))) return false;
    if (lex_.given_name(w)) return true;
    if ((cues(i) & (kEventPrefix | kLocPrefix)) && i + 1 < toks_.size() && is_cap(i + 1)) return true;
    // The document's own evidence first: the word capitalised mid-sentence elsewhere.
    if (capitalised_.count(w)) return true;
    if (table_row_name(i)) return true;
    // "Montavia's army", "Papermaster's team": a possessive after a
    // capitalised first word that is no closed-class word ("That's", "It's"
    // are sentence starters, "Today's" a time word: both ruled out above).
    if (possessive_after(i) && !function_word(w)) return true;
    if (has_tags()) return doc_.pos[i] == Pos::kNNP || doc_.pos[i] == Pos::kNNPS;
    return toks_[i].has(kAllUpper);
  }

  // Whether token i is followed by a possessive "'s".
  bool possessive_after(size_t i) const {
    return i + 1 < toks_.size() && toks_[i + 1].kind == TokenKind::kClitic && !toks_[i + 1].has(kSpaceBefore) &&
           (text(i + 1) == "'s" || text(i + 1) == "\u2019s");
  }

  // Whether there is a line break between tokens a and a + 1.
  bool line_break_after(size_t a) const {
    return doc_.text().substr(toks_[a].end, toks_[a + 1].begin - toks_[a].end).find('\n') != std::string_view::npos;
  }
  // A row of a results table: capitalised words that open a line, a figure
  // right after them, one more figure at least, and no lower-case word on the
  // rest of the line ("Yankees 10 4 .714", "Kenya 2 Uganda 1"; not "Article 5
  // of the treaty", nor a heading "Article 5").
  bool table_row_name(size_t i) const {
    if (i > 0 && !line_break_after(i - 1)) return false;
    size_t j = i;
    while (j + 1 < toks_.size() && j - i < 4 && is_cap(j) && !line_break_after(j)) ++j;
    if (j == i || toks_[j].kind != TokenKind::kNumber || line_break_after(j - 1)) return false;
    int figures = 0;
    for (size_t k = j; k < toks_.size() && k - j < 24; ++k) {
      if (toks_[k].kind == TokenKind::kWord && !toks_[k].has(kUpperInitial)) return false;
      if (toks_[k].kind == TokenKind::kNumber) ++figures;
      if (k + 1 == toks_.size() || line_break_after(k)) return figures >= 2;
    }
    return false;
  }

  bool title_case(uint32_t paragraph) const {
    if (paragraph < title_case_.size()) return title_case_[paragraph] == 1;
    auto& cache = const_cast<std::vector<uint8_t>&>(title_case_);
    cache.resize(doc_.paragraphs.size(), 2);
    for (size_t p = 0; p < doc_.paragraphs.size(); ++p) {
      int cap = 0, lower = 0;
      for (size_t i = doc_.paragraphs[p].first_token + 1; i < doc_.paragraphs[p].end_token; ++i) {
        const Token& t = toks_[i];
        if (t.kind != TokenKind::kWord || t.end - t.begin < 4) continue;
        (t.has(kUpperInitial) ? cap : lower)++;
      }
      cache[p] = cap >= 3 && cap >= 4 * lower;
    }
    return title_case_[paragraph] == 1;
  }

  // The end of the capitalised sequence that starts at i.
  size_t cap_run(size_t i, size_t end) const {
    size_t j = i + 1;
    bool inside_of = false;
    while (j < end) {
      if (is_cap(j)) {
        uint32_t tl = 0;
        // A title inside the run starts a new name: "Hamas Political Chief Ismail Haniyeh".
        int32_t title = lex_.title_at(doc_, j, end, tl);
        if (title != kNone && j + tl < end && is_cap(j + tl)) break;
        // "Financial Intelligence Laura M. Whitfield": a given name followed
        // by another name word starts a person's name.
        char given = lex_.given_name(text(j));
        if (given && given != 'u' && j + 1 < end && is_cap(j + 1) && !(cues(j - 1) & kPersonParticle) &&
            !(cues(j) & kHeads) && !(cues(j + 1) & kHeads))
          break;
        if (cues(j) & (kTimeWord | kNotName)) break;
        ++j;
        continue;
      }
      if (j + 1 >= end || !is_cap(j + 1) || toks_[j].has(kSpaceBefore) == false) {
        if (!(j + 1 < end && is_cap(j + 1) && text(j) == "&")) break;
      }
      uint16_t c = cues(j);
      if (c & kPersonParticle) {
        ++j;
        continue;
      }
      if (text(j) == "&") {
        ++j;
        continue;
      }
      // "Bank of Zambia", "Ministry of Trade and Industry"; but a head before
      // "and" ends its name: "the Authority and Kenya Power".
      if ((c & kNameConnector) && (((cues(j - 1) & kHeads) && text(j) != "and") || inside_of)) {
        inside_of = true;
        ++j;
        continue;
      }
      // "Ethics and Anti-Corruption Commission", "Food and Drug
      // Administration": "and" inside a name that an organisation's head ends.
      // A name complete with its own head before "and" is a list: "the
      // Authority and Kenya Power".
      if (text(j) == "and" && !inside_of && !(cues(j - 1) & kHeads)) {
        size_t k = j + 1;
        while (k < end && is_cap(k) && k - j <= 4 && !(cues(k) & (kTimeWord | kNotName))) ++k;
        if (k > j + 1 && (cues(k - 1) & kOrgHead) && !(k < end && toks_[k].kind == TokenKind::kClitic)) {
          j = k;
          continue;
        }
      }
      break;
    }
    return j;
  }

  // The head that types a name: the word before its first "of", else its last word.
  uint16_t head_cues(size_t b, size_t e) const {
    // ("and" joins two words of a name, "Ethics and Anti-Corruption
    // Commission": the head is still the last.)
    for (size_t k = b + 1; k + 1 < e; ++k)
      if (!is_cap(k) && (cues(k) & kNameConnector) && text(k) != "and" && text(k) != "&") return cues(k - 1) & kHeads;
    return cues(e - 1) & kHeads;
  }

  // `strong` (when given) tells whether the type rests on the context or the
  // name's own head word (a title, a locative, "... Ministry"), rather than on
  // a guess from its shape (an acronym, a given name, the ORG default).
  EntityType type_of_unknown(size_t b, size_t e, bool titled, size_t sentence_end, bool* strong = nullptr) const {
    bool ignored;
    bool& sure = strong ? *strong : ignored;
    sure = true;
    if (titled) return EntityType::kPerson;
    if (org_noun_before(b, e)) return EntityType::kOrg;
    // "fighting in Kitsombiro": an unknown single name after a locative preposition.
    if (e - b == 1 && b > 0 && (cues(b - 1) & kLocative) && !lex_.given_name(text(b)) &&
        !(e < sentence_end && toks_[e].kind == TokenKind::kClitic))
      return EntityType::kGpe;
    // "the village of Kitsombiro", "the town of Kalehe".
    if (e - b <= 2 && b >= 2 && text(b - 1) == "of" && (cues(b - 2) & kPlaceNoun)) return EntityType::kGpe;
    if (e - b >= 2 && (cues(b) & kEventPrefix)) return EntityType::kEvent;
    if (e - b >= 2 && (cues(b) & kLocPrefix)) return EntityType::kLoc;
    uint16_t head = head_cues(b, e);
    if (head & kOrgHead) return EntityType::kOrg;
    if (head & kFacHead) return EntityType::kFac;
    if (head & kLocHead) return EntityType::kLoc;
    if (head & kGpeHead) return EntityType::kGpe;
    if (head & kEventHead) return EntityType::kEvent;
    // "Northline Chief Executive Anna Lindqvist": a name right before a title
    // is the title's organisation.
    uint32_t title_length = 0;
    if (e < sentence_end && lex_.title_at(doc_, e, sentence_end, title_length) != kNone && e + title_length < sentence_end &&
        is_cap(e + title_length))
      return EntityType::kOrg;
    // "WorldCom chief Bernie Ebbers", "Nissan boss Carlos Ghosn": the
    // headline nouns for a leader, between a name and a person's, make the
    // first name the organisation led.
    if (e + 1 < sentence_end && (text(e) == "chief" || text(e) == "boss") && is_cap(e + 1) &&
        lex_.given_name(text(e + 1)))
      return EntityType::kOrg;
    // "GOMA, March 3 (Wire) —": one word in brackets after a dateline's date
    // is the news agency.
    if (e - b == 1 && b >= 3 && text(b - 1) == "(" && e < sentence_end && text(e) == ")" &&
        (toks_[b - 2].kind == TokenKind::kNumber || (cues(b - 2) & kTimeWord)))
      return EntityType::kOrg;
    sure = false;
    if (e - b == 1 && toks_[b].has(kAllUpper)) return EntityType::kOrg;  // an acronym
    char given = lex_.given_name(text(b));
    if (given && given != 'u' && e - b <= 4) return EntityType::kPerson;
    bool speech_after = e < sentence_end && is_speech_verb(text(e));
    if (e - b >= 2 && e - b <= 4) {
      // A person's name: a given name, a middle initial, or a speech verb after it.
      bool initial = false;
      for (size_t k = b + 1; k + 1 < e; ++k)
        if (toks_[k].kind == TokenKind::kAbbrev && toks_[k].end - toks_[k].begin == 2) initial = true;
      if (initial || speech_after || given) return EntityType::kPerson;
    }
    if (given && e - b == 1) return EntityType::kPerson;
    return EntityType::kOrg;
  }

  // A demonym names people when plural ("Palestinians") or before a noun for
  // a group ("Israeli officials", "Hungarian and Romanian officials").
  bool demonym_names_people(size_t i, uint32_t length, int32_t entry, size_t end) const {
    if (length == 1 && text(i) != gaz_.entry(entry).name) return true;  // a plural form
    size_t k = i + length;
    int skipped = 0;
    while (k < end) {
      if (cues(k) & kPeopleNoun) return !(k + 1 < end && is_cap(k + 1));
      std::string_view w = text(k);
      if (w == "and" || w == ",") {
        ++k;
        continue;
      }
      if (auto hit = gaz_.match(doc_, k, end); hit && gaz_.entry(hit.entry).type == EntityType::kNorp) {
        k += hit.length;
        continue;
      }
      if (toks_[k].kind == TokenKind::kWord && !toks_[k].has(kUpperInitial) && skipped < 1) {
        ++skipped;
        ++k;
        continue;
      }
      break;
    }
    return false;
  }

  // "Valencia beat Sevilla 2-1": in a sentence with a score, a city the
  // lists know that wins, loses or draws is a club named after it (ORG, no
  // longer the city's entry or code). Countries stay: a national side is
  // named as its country.
  void sports_teams() {
    static constexpr std::string_view kResults[] = {
        "beat",    "beats",    "beaten",  "defeated", "defeat",  "defeats", "edged",  "edge",   "thrashed",
        "routed",  "overcame", "drew",    "draw",     "lost",    "lose",    "loses",  "held",   "crushed",
        "hammered", "stunned", "upset",   "downed",   "outplayed", "eliminated", "knocked"};
    auto result = [&](size_t k) {
      return std::find(std::begin(kResults), std::end(kResults), text(k)) != std::end(kResults);
    };
    auto number = [&](size_t k) { return toks_[k].kind == TokenKind::kNumber && text(k).size() <= 3; };
    // The sentences with a score, by token; most articles have none.
    std::vector<uint8_t> scored;
    for (const Sentence& s : doc_.sentences) {
      bool score = false;
      for (size_t k = s.first_token; k + 2 < s.end_token && !score; ++k)
        score = number(k) && (text(k + 1) == "-" || text(k + 1) == "\u2013") && number(k + 2) &&
                !toks_[k + 1].has(kSpaceBefore) && !toks_[k + 2].has(kSpaceBefore);
      if (!score) continue;
      if (scored.empty()) scored.assign(toks_.size(), 0);
      std::fill(scored.begin() + s.first_token, scored.begin() + s.end_token, 1);
    }
    if (scored.empty()) return;
    for (Mention& m : doc_.mentions) {
      if (!scored[m.first_token] || m.kind != MentionKind::kName || m.lexicon_entry == kNone ||
          (m.type != EntityType::kGpe && m.type != EntityType::kOrg))
        continue;
      if (gaz_.entry(m.lexicon_entry).kind != "city") continue;
      // A result word next to it, in a sentence with a score.
      const bool subject = m.end_token < toks_.size() && scored[m.end_token] && result(m.end_token);
      const bool object = m.first_token > 0 && scored[m.first_token - 1] && result(m.first_token - 1);
      const bool with = m.first_token >= 2 && scored[m.first_token - 2] &&
                        (text(m.first_token - 1) == "with" || text(m.first_token - 1) == "to") &&
                        result(m.first_token - 2);  // "drew with", "lost to"
      if (!subject && !object && !with) continue;
      m.type = EntityType::kOrg;
      m.lexicon_entry = kNone;
    }
  }

  // A surname in the headline, before the body gives the full name
  // ("Ebbers denies fraud charges", then "Bernie Ebbers denied ..."), found
  // no evidence when the headline was read: the body's persons give it. Only
  // the first paragraph, and only a word that is the last of a person's name
  // of two words or more found after it.
  void headline_surnames() {
    if (doc_.paragraphs.size() < 2) return;
    const Paragraph& head = doc_.paragraphs[0];
    std::vector<std::string_view> surnames;
    for (const Mention& m : doc_.mentions)
      if (m.kind == MentionKind::kName && m.type == EntityType::kPerson && m.first_token >= head.end_token &&
          m.end_token - m.first_token >= 2 && is_cap(m.end_token - 1))
        surnames.push_back(text(m.end_token - 1));
    if (surnames.empty()) return;
    std::vector<uint8_t> covered(head.end_token - head.first_token, 0);
    for (const Mention& m : doc_.mentions)
      for (uint32_t k = std::max(m.first_token, head.first_token); k < std::min(m.end_token, head.end_token); ++k)
        covered[k - head.first_token] = 1;
    for (uint32_t k = head.first_token; k < head.end_token; ++k) {
      if (covered[k - head.first_token] || toks_[k].kind != TokenKind::kWord || !is_cap(k)) continue;
      if (std::find(surnames.begin(), surnames.end(), text(k)) == surnames.end()) continue;
      add(k, k + 1, EntityType::kPerson, MentionKind::kName, kNone, {});
    }
  }

  // A line in capitals ("EBBERS DENIES WORLDCOM FRAUD") has no case to tell
  // its names by. The article's own names, found where it has case, do:
  // words that spell one of them ("WORLDCOM", "BERNIE EBBERS"), or a
  // person's surname ("EBBERS"), are mentions of it, typed as it.
  // A closed-class word ("TO", "AND", "SAYS" in a headline in capitals): no
  // column label, nor part of a name.
  bool function_word(std::string_view w) const {
    thread_local std::string lower;
    return lex_.function_word(assign_ascii_lower(lower, w));
  }
  // A table's header line ("TEAM W L PCT GB", "POS NAME PTS") is column
  // labels, no names: a line of three words or more, all in capitals, most
  // of them of three letters or fewer, none a function word, and nothing
  // else but punctuation.
  void column_labels() {
    const std::string_view body = doc_.text();
    std::vector<std::pair<uint32_t, uint32_t>> labels;  // byte ranges of label lines
    size_t k = 0;
    while (k < toks_.size()) {
      // The line's tokens [k, end): one search for its line break, not one a token.
      const size_t line_end = std::min(body.find('\n', toks_[k].end), body.size());
      size_t end = k + 1;
      while (end < toks_.size() && toks_[end].begin < line_end) ++end;
      size_t words = 0, short_words = 0;
      bool labels_only = true;
      for (size_t t = k; t < end && labels_only; ++t) {
        const Token& tok = toks_[t];
        if (tok.kind == TokenKind::kPunct) continue;
        labels_only = tok.kind == TokenKind::kWord && (tok.has(kAllUpper) || tok.end - tok.begin == 1) &&
                      !function_word(text(t));
        ++words;
        if (tok.end - tok.begin <= 3) ++short_words;
      }
      if (labels_only && words >= 3 && short_words * 2 > words) labels.emplace_back(toks_[k].begin, toks_[end - 1].end);
      k = end;
    }
    if (labels.empty()) return;
    std::erase_if(doc_.mentions, [&](const Mention& m) {
      for (const auto& [b, e] : labels)
        if (m.span.begin >= b && m.span.end <= e) return true;
      return false;
    });
  }

  void shouted_lines() {
    // Shouted: two words or more, every word of two letters or more in capitals.
    auto shouted = [&](const Paragraph& p) {
      size_t words = 0;
      for (uint32_t k = p.first_token; k < p.end_token; ++k) {
        const Token& t = toks_[k];
        if (t.kind != TokenKind::kWord || t.end - t.begin < 2) continue;
        if (!t.has(kAllUpper)) return false;
        ++words;
      }
      return words >= 2;
    };
    if (std::none_of(doc_.paragraphs.begin(), doc_.paragraphs.end(), shouted)) return;
    // A guessed name that runs over a function word there is a run of shouted
    // words, no name ("AND UK TO SEND AID TO SUDAN"): it goes, and its words
    // are read again below.
    std::vector<uint8_t> in_shouted(toks_.size(), 0);
    for (const Paragraph& p : doc_.paragraphs)
      if (shouted(p))
        for (uint32_t k = p.first_token; k < p.end_token && k < toks_.size(); ++k) in_shouted[k] = 1;
    std::erase_if(doc_.mentions, [&](const Mention& m) {
      if (m.kind != MentionKind::kName || m.lexicon_entry != kNone || m.end_token <= m.first_token ||
          m.end_token > toks_.size() || !in_shouted[m.first_token] || !in_shouted[m.end_token - 1])
        return false;
      for (uint32_t k = m.first_token; k < m.end_token; ++k)
        if (function_word(text(k))) return true;
      return false;
    });
    struct Known {
      std::vector<std::string> words;  // lower case
      EntityType type;
    };
    std::vector<Known> known;
    std::vector<uint8_t> covered(toks_.size(), 0);
    for (const Mention& m : doc_.mentions) {
      for (uint32_t k = m.first_token; k < m.end_token && k < covered.size(); ++k) covered[k] = 1;
      if (m.kind != MentionKind::kName || m.type == EntityType::kNorp || m.type == EntityType::kOther ||
          m.end_token - m.first_token > 6 || toks_[m.first_token].has(kAllUpper))
        continue;
      Known n{{}, m.type};
      for (uint32_t k = m.first_token; k < m.end_token; ++k) append_ascii_lower(n.words.emplace_back(), text(k));
      known.push_back(n);
      if (m.type == EntityType::kPerson && n.words.size() >= 2 && n.words.back().size() > 2)
        known.push_back(Known{{n.words.back()}, m.type});  // the surname alone
    }
    for (const Paragraph& p : doc_.paragraphs) {
      if (!shouted(p)) continue;
      for (uint32_t k = p.first_token; k < p.end_token; ++k) {
        if (covered[k] || toks_[k].kind != TokenKind::kWord) continue;
        // A name the lists know, read without case ("SUDAN"), when the
        // article does not name it otherwise.
        if (Gazetteer::Hit hit = gaz_.match_folded(doc_, k, p.end_token);
            hit && hit.kind == MentionKind::kName && coarse(gaz_.entry(hit.entry).type) >= 0 &&
            !gaz_.entry(hit.entry).common_word && !function_word(text(k))) {
          bool free = true;
          for (uint32_t c = k; c < k + hit.length; ++c) free = free && !covered[c];
          if (free) {
            add(k, k + hit.length, gaz_.entry(hit.entry).type, MentionKind::kName, hit.entry, {});
            for (uint32_t c = k; c < k + hit.length; ++c) covered[c] = 1;
            k += hit.length - 1;
            continue;
          }
        }
        const Known* best = nullptr;
        for (const Known& n : known) {
          if (k + n.words.size() > p.end_token || (best && best->words.size() >= n.words.size())) continue;
          bool match = true;
          for (size_t w = 0; w < n.words.size() && match; ++w)
            match = !covered[k + w] && equals_ascii_lower(text(k + w), n.words[w]);
          if (match) best = &n;
        }
        if (!best) continue;
        const auto e = static_cast<uint32_t>(k + best->words.size());
        add(k, e, best->type, MentionKind::kName, kNone, {});
        for (uint32_t c = k; c < e; ++c) covered[c] = 1;
        k = e - 1;
      }
    }
  }

  // "National Disaster Risk Reduction and Management Council (NDRRMC)": the
  // names that the acronym after them spells out are one name, with the
  // connectors between them ("and", "of", "for").
  void join_acronym_expansions() {
    auto& ms = doc_.mentions;
    std::stable_sort(ms.begin(), ms.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    std::vector<int32_t> ending(toks_.size() + 1, kNone);  // token → the name mention that ends there
    for (size_t i = 0; i < ms.size(); ++i)
      if (ms[i].kind == MentionKind::kName) ending[ms[i].end_token] = static_cast<int32_t>(i);
    std::vector<char> dropped(ms.size(), 0);
    bool any = false;
    for (size_t p = 1; p + 2 < toks_.size(); ++p) {
      if (text(p) != "(" || text(p + 2) != ")" || !toks_[p + 1].has(kAllUpper)) continue;
      std::string_view acronym = text(p + 1);
      if (acronym.size() < 3 || ending[p] == kNone) continue;
      // Walk back over names joined by connectors while the initials fall short.
      int32_t first = ending[p];
      for (int joined = 0; joined < 3; ++joined) {
        const size_t b = ms[first].first_token;
        std::string ini;
        for (size_t k = b; k < p; ++k)
          if (toks_[k].has(kUpperInitial)) ini += text(k)[0];
        if (ini == acronym) {
          if (first == ending[p]) break;  // already one name
          Mention joined_name = doc_.mention_over(b, p, MentionKind::kName, kNone, EntityType::kOrg);
          for (int32_t k = first; k <= ending[p]; ++k) dropped[k] = 1;
          dropped[ending[p]] = 0;
          ms[ending[p]] = joined_name;
          any = true;
          break;
        }
        if (ini.size() >= acronym.size() || b < 2 || !(cues(b - 1) & kNameConnector) || ending[b - 1] == kNone) break;
        first = ending[b - 1];
      }
    }
    if (!any) return;
    size_t out = 0;
    for (size_t i = 0; i < ms.size(); ++i)
      if (!dropped[i]) ms[out++] = ms[i];
    ms.resize(out);
  }

  bool seen_entry(int32_t entry) const {
    for (const Mention& m : doc_.mentions)
      if (m.lexicon_entry == entry) return true;
    return false;
  }

  // A span with lower-case words is a description, not a proper name.
  bool is_descriptive(size_t b, size_t e) const {
    for (size_t k = b; k < e; ++k)
      if (toks_[k].kind == TokenKind::kWord && !toks_[k].has(kUpperInitial) && !(cues(k) & kNameConnector))
        return true;
    return false;
  }

  // A name of the model's as the schema spans names: without a leading
  // determiner ("The Bank of Zambia") or a trailing clitic ("Chad's"), and
  // proper: every word capitalised but the particles and connectors inside
  // names ("Bank of Zambia", "bin Laden"), so not "Chad army". In a line in
  // capitals every word is. False when nothing is left.
  bool proper_name(NameSpan& n) const {
    while (n.begin < n.end && (abbr_.is_sentence_starter(text(n.begin)) || text(n.begin) == "the" ||
                               (toks_[n.begin].kind != TokenKind::kWord && toks_[n.begin].kind != TokenKind::kAbbrev &&
                                toks_[n.begin].kind != TokenKind::kNumber)))
      ++n.begin;
    while (n.end > n.begin && (toks_[n.end - 1].kind == TokenKind::kClitic || toks_[n.end - 1].kind == TokenKind::kPunct ||
                               toks_[n.end - 1].kind == TokenKind::kQuote || toks_[n.end - 1].kind == TokenKind::kDash))
      --n.end;
    if (n.begin >= n.end || !(is_cap(n.begin) || toks_[n.begin].has(kAllUpper))) return false;
    for (size_t k = n.begin + 1; k < n.end; ++k) {
      const Token& t = toks_[k];
      if (t.kind != TokenKind::kWord || is_cap(k) || t.has(kAllUpper)) continue;
      if (!(cues(k) & (kNameConnector | kPersonParticle))) return false;
    }
    return true;
  }

  // The name model's coarse type of an entity type (PER, ORG, LOC), or -1.
  static int coarse(EntityType t) {
    switch (t) {
      case EntityType::kPerson: return static_cast<int>(NameType::kPer);
      case EntityType::kOrg: return static_cast<int>(NameType::kOrg);
      case EntityType::kGpe: case EntityType::kLoc: case EntityType::kFac: return static_cast<int>(NameType::kLoc);
      default: return -1;
    }
  }

  // The entity type of a name the model found: a place is the gazetteer's
  // kind of place when it knows the name, else by its head word ("... River"
  // LOC, "... Airport" FAC), else a GPE.
  // Whether the model's name [i, model_end) is two: the lists' name of
  // `length` words at i, then a possessive ("Colombia’s National Liberation
  // Army").
  bool two_names(size_t i, uint32_t length, size_t model_end) const {
    const size_t k = i + length;
    return k + 1 < model_end && toks_[k].kind == TokenKind::kClitic;
  }

  // "Irish national airline Aer Lingus", "flag carrier Aeroflot": a noun for
  // a kind of organisation right before a name that no given name starts.
  bool org_noun_before(size_t b, size_t e) const {
    if (b == 0 || !(cues(b - 1) & kOrgNoun) || toks_[b - 1].has(kUpperInitial)) return false;
    const char given = lex_.given_name(text(b));
    return !(given && given != 'u' && e - b >= 2);
  }

  EntityType model_type(const NameSpan& n, int32_t entry) const {
    if (entry == kNone && org_noun_before(n.begin, n.end)) return EntityType::kOrg;
    if (n.type == NameType::kPer) return EntityType::kPerson;
    if (n.type == NameType::kOrg) return EntityType::kOrg;
    if (entry != kNone && coarse(gaz_.entry(entry).type) == static_cast<int>(NameType::kLoc)) return gaz_.entry(entry).type;
    const uint16_t head = head_cues(n.begin, n.end);
    if (head & kFacHead) return EntityType::kFac;
    if (head & kLocHead) return EntityType::kLoc;
    if (n.end - n.begin >= 2 && (cues(n.begin) & kLocPrefix)) return EntityType::kLoc;
    return EntityType::kGpe;
  }

  // Whether the lists' reading of a name the model types otherwise gives way:
  // a place's name for an organisation ("Valencia beat Sevilla"), never a
  // country, an organisation or a person the lists know.
  bool list_gives_way(const GazetteerEntry& e, NameType model) const {
    return e.priority >= 4 && model == NameType::kOrg;
  }

  void add(size_t b, size_t e, EntityType type, MentionKind kind, int32_t entry, ByteSpan title) {
    // The words of a person's or an organisation's name, for its later short forms.
    if (kind == MentionKind::kName && (type == EntityType::kPerson || type == EntityType::kOrg)) {
      // Initials count the capitals after a hyphen too: "Anti-Corruption" gives AC.
      std::string initials, heads;
      for (size_t k = b; k < e; ++k) {
        if (!is_cap(k)) continue;
        const std::string_view w = text(k);
        if (w.size() > 1) seen_words_.emplace(w, type);
        initials += w[0];
        heads += w[0];
        for (size_t c = 1; c + 1 < w.size(); ++c)
          if (w[c] == '-' && w[c + 1] >= 'A' && w[c + 1] <= 'Z') initials += w[c + 1];
      }
      if (heads.size() >= 2 && e - b >= 2) {
        if (initials != heads) seen_initials_.emplace(std::move(initials), type);
        seen_initials_.emplace(std::move(heads), type);
      }
    }
    Mention m = doc_.mention_over(b, e, kind, kNone, type);
    m.lexicon_entry = entry;
    m.title = title;
    doc_.mentions.push_back(m);
  }

  // The model's names in [first, end) that no mention overlaps: where the
  // rules read nothing (headlines in title case, lines in capitals, names
  // without a capital).
  void model_only(size_t first, size_t end, size_t mentions_before) {
    for (size_t i = first; i < end; ++i) {
      if (model_at_[i] == kNone) continue;
      const NameSpan& n = spans_[model_at_[i]];
      bool free = true;
      for (size_t m = mentions_before; m < doc_.mentions.size() && free; ++m)
        free = doc_.mentions[m].end_token <= n.begin || doc_.mentions[m].first_token >= n.end;
      // A name starts with a capital (in news; the model also learnt from
      // tweets, which often have none).
      if (!free || !(is_cap(n.begin) || toks_[n.begin].has(kAllUpper))) continue;
      // In capitals, the lists know names the case-sensitive reading missed
      // ("EL FASHER, Sudan"): their type wins there.
      Gazetteer::Hit hit = gaz_.match(doc_, n.begin, n.end);
      if (!hit) hit = gaz_.match_folded(doc_, n.begin, n.end);
      if (hit && hit.length == n.end - n.begin && hit.kind == MentionKind::kName) {
        // A demonym, an event or a product the lists know is theirs to read
        // (the rules leave "Israeli" out of "Israeli territory").
        if (coarse(gaz_.entry(hit.entry).type) >= 0)
          add(n.begin, n.end, gaz_.entry(hit.entry).type, MentionKind::kName, hit.entry, {});
        continue;
      }
      add(n.begin, n.end, model_type(n, kNone), MentionKind::kName, kNone, {});
    }
  }

  void sentence(const Sentence& s) {
    if (source_ == NameSource::kBoth) {
      const size_t before = doc_.mentions.size();
      sentence_rules(s);
      model_only(s.first_token, s.end_token, before);
    } else {
      sentence_rules(s);
    }
  }

  void sentence_rules(const Sentence& s) {
    const size_t first = s.first_token, end = s.end_token;
    const bool headline = title_case(s.paragraph);
    ByteSpan title{};
    size_t title_end = SIZE_MAX;
    size_t i = first;
    while (i < end) {
      const Token& t = toks_[i];
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kAbbrev && t.kind != TokenKind::kNumber) {
        ++i;
        continue;
      }
      const bool titled = title_end == i;
      const ByteSpan this_title = titled ? title : ByteSpan{};

      // 0. The name model, with the lists. A name of the model's that starts
      // here and is longer than the lists' ("Manchester United", where the
      // lists know Manchester), or that the lists know but type otherwise
      // where they give way (a city's name for its club, "Valencia beat
      // Sevilla"; a later surname), is the model's. With the model alone,
      // every name of its is.
      Gazetteer::Hit hit = gaz_.match(doc_, i, end);
      if (hit && hit.kind == MentionKind::kNominal && i < description_end_) hit = {};
      // Web text writes names in lower case ("flights to india", "in san
      // francisco"): a country, a region or a capital the lists know (or a
      // place of two words or more) is read without case where the tagger
      // takes the word for a proper noun (not "fine china").
      if (!hit && t.kind == TokenKind::kWord && !t.has(kUpperInitial) && has_tags() &&
          (doc_.pos[i] == Pos::kNNP || doc_.pos[i] == Pos::kNNPS)) {
        if (Gazetteer::Hit folded = gaz_.match_folded(doc_, i, end); folded && folded.kind == MentionKind::kName) {
          const GazetteerEntry& ge = gaz_.entry(folded.entry);
          // Not a word that matches only without its accents ("falcon" is no Falcón).
          if (coarse(ge.type) == static_cast<int>(NameType::kLoc) && !ge.common_word &&
              (folded.length >= 2 || (ge.priority <= 4 && equals_ascii_folded(text(i), ge.name))))
            hit = folded;
        }
      }
      // "Senator Norton", "Justice Cardona": a title makes the name after it a
      // person's, though the lists know a town of that name (not a country:
      // "President Jordan" is rare, "the Jordan government" is not titled).
      if (hit && titled && hit.kind == MentionKind::kName && gaz_.entry(hit.entry).priority >= 4 &&
          coarse(gaz_.entry(hit.entry).type) == static_cast<int>(NameType::kLoc))
        hit = {};
      // Titles and the prefixes of events and places ("Senator", "Cyclone",
      // "Lake") are the rules' to read: the name follows them.
      uint32_t title_length = 0;
      const bool rules_first = lex_.title_at(doc_, i, end, title_length) != kNone || (cues(i) & (kEventPrefix | kLocPrefix));
      if (source_ != NameSource::kLists && model_at_[i] != kNone && i >= description_end_ && !rules_first) {
        const NameSpan& n = spans_[model_at_[i]];
        const uint32_t length = n.end - n.begin;
        const bool list_name = hit && hit.kind == MentionKind::kName;
        // Names of several words that the lists do not know are the model's
        // ("Robert Louis Stevenson", which the rules split at a given name).
        bool model_wins = source_ == NameSource::kModel ? true
                          : list_name                   ? hit.length < length && !two_names(i, hit.length, n.end)
                                                        : length >= 2 && is_cap(i);
        int32_t entry = kNone;
        if (list_name && hit.length == length) {
          const GazetteerEntry& ge = gaz_.entry(hit.entry);
          if (coarse(ge.type) == static_cast<int>(n.type)) {
            entry = hit.entry;  // the lists agree: they link it
            model_wins = source_ == NameSource::kModel;
          } else if (coarse(ge.type) >= 0 && list_gives_way(ge, n.type)) {
            SpanVerdict v;
            model_wins = source_ == NameSource::kModel || (span_verdict(doc_, n.begin, n.end, v) && v.type == n.type &&
                                                            v.type_margin > 0 && v.name_margin > 0);
          }
        }
        if (model_wins) {
          add(n.begin, n.end, model_type(n, entry), MentionKind::kName, entry, this_title);
          i = n.end;
          continue;
        }
      }
      // With the model alone, the lists give only what it has no type for.
      if (source_ == NameSource::kModel && hit && hit.kind == MentionKind::kName && coarse(gaz_.entry(hit.entry).type) >= 0)
        hit = {};

      // 1. The gazetteer. Inside a description only names count: "Jewish
      // state" inside "the Jewish state" is no second mention.
      if (hit) {
        const GazetteerEntry& e = gaz_.entry(hit.entry);
        const size_t run_end = is_cap(i) ? cap_run(i, end) : i;
        // A longer name typed by its head wins ("New York Times", "Alliance for
        // Democratic Change"), and so does a person whose given name is also a
        // place ("Mary W. Odhiambo").
        char given = lex_.given_name(text(i));
        // Not across a coordination: "General Motors and Chrysler" is two names.
        bool coordinated = false;
        for (size_t k = i + hit.length; k < run_end; ++k) coordinated = coordinated || text(k) == "and";
        const bool longer_typed_name =
            !headline && hit.kind == MentionKind::kName && run_end > i + hit.length && !coordinated &&
            ((e.type != EntityType::kPerson && head_cues(i, run_end) != 0) ||
             (e.priority >= 4 && hit.length == 1 && given && given != 'u'));
        if (!longer_typed_name) {
          bool accept = true;
          if (hit.kind == MentionKind::kName) {
            if (e.common_word && (!is_cap(i) || sentence_initial(i, first))) accept = false;
            // "Can you", "Save the date", "Come and see": an English word opening
            // a sentence matches a town only without its accents (Çan, Savé,
            // Comé); without other evidence that it is a name there, it is none.
            if (e.priority >= 4 && hit.length == 1 && text(i) != e.name && sentence_initial(i, first) &&
                !name_at_sentence_start(i))
              accept = false;
            // A month, a weekday or a word like "Alliance" is not a town of that name.
            if (e.priority >= 4 && hit.length == 1 && (cues(i) & (kTimeWord | kHeads | kNotName))) accept = false;
            if (e.type == EntityType::kNorp && !demonym_names_people(i, hit.length, hit.entry, end)) accept = false;
            if (e.type == EntityType::kPerson && sentence_initial(i, first) && hit.length == 1 &&
                !name_at_sentence_start(i) && !capitalised_.count(text(i)))
              accept = false;
          }
          // A description ("the enclave") refers only to an entity already named.
          if (hit.needs_antecedent && !seen_entry(hit.entry)) accept = false;
          // "US$40": a country code before a currency sign is part of the currency.
          if (i + hit.length < end && toks_[i + hit.length].kind == TokenKind::kSymbol &&
              !toks_[i + hit.length].has(kSpaceBefore))
            accept = false;
          uint32_t length = hit.length;
          // A product's model number belongs to its name: "iPhone 4", "iOS 5".
          if (e.type == EntityType::kProduct && i + length < end && toks_[i + length].kind == TokenKind::kNumber &&
              text(i + length).find(',') == std::string_view::npos)
            ++length;
          if (accept) add(i, i + length, e.type, hit.kind, hit.entry, this_title);
          // Names inside a description are mentions of their own: "Israel" in
          // "Israel’s military intelligence", "Gaza" in "Gaza health authorities".
          if (accept && is_descriptive(i, i + hit.length)) {
            description_end_ = i + hit.length;
            if (Gazetteer::Hit inner = gaz_.match_shorter(doc_, i, end, hit.length);
                inner && inner.kind == MentionKind::kName && is_cap(i) &&
                gaz_.entry(inner.entry).type != EntityType::kNorp) {  // a demonym there only modifies
              const GazetteerEntry& ie = gaz_.entry(inner.entry);
              add(i, i + inner.length, ie.type, MentionKind::kName, inner.entry, {});
            }
            ++i;
          } else {
            i += hit.length;
          }
          continue;
        }
      }

      // 2. A title or role before a capitalised name.
      uint32_t tl = 0;
      int32_t title_id = lex_.title_at(doc_, i, end, tl);
      // "Under Secretary for Terrorism and Financial Intelligence Laura
      // Whitfield", "Minister of Foreign Affairs Ana Rojas": the portfolio
      // after "for" or "of" is the title's, up to the given name that starts
      // the person's.
      if (title_id != kNone && i + tl + 2 < end && (text(i + tl) == "for" || text(i + tl) == "of") &&
          is_cap(i + tl + 1)) {
        size_t k = i + tl + 1;
        while (k < end && k - i < 14) {
          if (k > i + tl + 1 && is_cap(k) && lex_.given_name(text(k)) && k + 1 < end && is_cap(k + 1)) break;
          if (is_cap(k) || ((text(k) == "and" || text(k) == "&" || text(k) == "of") && k + 1 < end && is_cap(k + 1))) {
            ++k;
            continue;
          }
          k = end;
        }
        if (k < end && k - i < 14) tl = static_cast<uint32_t>(k - i);
      }
      if (title_id != kNone && i + tl < end && is_cap(i + tl)) {
        title = {toks_[i].begin, toks_[i + tl - 1].end};
        title_end = i + tl;
        i += tl;
        continue;
      }

      // 3. A capitalised sequence (not in a title-case headline, where every
      // word has a capital: there only known names and titled names count).
      if (!is_cap(i) || (headline && !titled) || i < description_end_) {
        ++i;
        continue;
      }
      size_t b = i, e = cap_run(i, end);
      if (source_ == NameSource::kModel) {
        i = e;  // with the model alone, only its names
        continue;
      }
      if (!titled && clause_initial(b, first) && !name_at_sentence_start(b)) ++b;
      // "The", "This", "He" begin no name, after a dateline either.
      if (b == i && abbr_.is_sentence_starter(text(b))) ++b;
      while (b < e && (cues(b) & (kTimeWord | kNotName))) ++b;
      while (e > b && (cues(e - 1) & (kTimeWord | kNotName))) --e;
      // The run may now start where the gazetteer knows a name: go round again.
      if (b > i && b < e) {
        i = b;
        continue;
      }
      if (b < e && (!headline || titled)) {
        bool strong = false;
        EntityType type = type_of_unknown(b, e, titled, end, &strong);
        SpanVerdict v;
        if (source_ == NameSource::kBoth && !strong && span_verdict(doc_, b, e, v)) {
          // A name the lists do not know, typed by a guess: the model says
          // whether it is a name (none of its names overlaps it, and it
          // scores it below no name: not one) and of what type.
          // The article's own evidence comes first: a word of a name it gave
          // before ("Mwansa" after "Joseph Mwansa", "Vantor" after "Vantor
          // Logistics") is that name's, and so is an acronym of its initials
          // ("EACC" after "Ethics and Anti-Corruption Commission").
          bool overlapped = false;
          for (size_t k = b; k < e && !overlapped; ++k) overlapped = doc_.name_tags[k] != 0;
          EntityType seen = EntityType::kOther;
          if (e - b == 1) {
            if (auto it = seen_words_.find(text(b)); it != seen_words_.end()) seen = it->second;
            else if (auto ini = seen_initials_.find(text(b)); ini != seen_initials_.end() && toks_[b].has(kAllUpper))
              seen = ini->second;
          }
          // The rules' own evidence keeps a name too: one that opens its
          // sentence and that they took for a name there (a proper noun by
          // its tag, capitalised elsewhere), one a speech verb follows, and
          // a single word that opens its clause with a possessive ("Montavia's
          // army retook ...").
          const bool kept = (e < end && is_speech_verb(text(e))) || table_row_name(b) ||
                            (e - b == 1 && clause_initial(b, first) && possessive_after(b) && !function_word(text(b)));
          if (seen != EntityType::kOther) type = seen;
          else if (overlapped || v.name_margin > 0) type = model_type(NameSpan{uint32_t(b), uint32_t(e), v.type}, kNone);
          else if (!kept) type = EntityType::kOther;  // (kept: the rules' type)
        }
        if (type != EntityType::kOther) {
          add(b, e, type, MentionKind::kName, kNone, this_title);
          doc_.mentions.back().typed_by_context = strong;
        }
      }
      i = std::max(e, i + 1);
    }
  }

  const Gazetteer& gaz_;
  const NameLexicon& lex_;
  const Abbreviations& abbr_;
  Document& doc_;
  const std::vector<Token>& toks_;
  const NameSource source_;
  std::vector<NameSpan> spans_;     // the model's names, in text order
  std::vector<int32_t> model_at_;   // token -> the model's name starting there, or kNone
  std::unordered_set<std::string_view> capitalised_;
  std::unordered_map<std::string_view, EntityType> seen_words_;  // words of the names found so far
  std::unordered_map<std::string, EntityType, StringHash, std::equal_to<>> seen_initials_;  // and their initials
  std::vector<uint8_t> title_case_;
  size_t description_end_ = 0;  // the end of the last description found
};

void NameFinder::run(Document& doc) const {
  doc.mentions.clear();
  Pass(*this, doc).run();
}

}  // namespace sitrep
