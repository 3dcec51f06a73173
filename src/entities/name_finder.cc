#include "entities/name_finder.h"

#include <algorithm>
#include <unordered_set>

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
      : gaz_(*f.gazetteer_), lex_(*f.lexicon_), abbr_(*f.abbreviations_), doc_(doc), toks_(doc.tokens) {
    collect_case_evidence();
  }

  void run() {
    for (const Sentence& s : doc_.sentences) sentence(s);
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
    if (has_tags()) return doc_.pos[i] == Pos::kNNP || doc_.pos[i] == Pos::kNNPS;
    return toks_[i].has(kAllUpper);
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
    for (size_t k = b + 1; k + 1 < e; ++k)
      if (!is_cap(k) && (cues(k) & kNameConnector)) return cues(k - 1) & kHeads;
    return cues(e - 1) & kHeads;
  }

  EntityType type_of_unknown(size_t b, size_t e, bool titled, size_t sentence_end) const {
    if (titled) return EntityType::kPerson;
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

  void add(size_t b, size_t e, EntityType type, MentionKind kind, int32_t entry, ByteSpan title) {
    Mention m = doc_.mention_over(b, e, kind, kNone, type);
    m.lexicon_entry = entry;
    m.title = title;
    doc_.mentions.push_back(m);
  }

  void sentence(const Sentence& s) {
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

      // 1. The gazetteer. Inside a description only names count: "Jewish
      // state" inside "the Jewish state" is no second mention.
      Gazetteer::Hit hit = gaz_.match(doc_, i, end);
      if (hit && hit.kind == MentionKind::kNominal && i < description_end_) hit = {};
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
        EntityType type = type_of_unknown(b, e, titled, end);
        add(b, e, type, MentionKind::kName, kNone, this_title);
      }
      i = std::max(e, i + 1);
    }
  }

  const Gazetteer& gaz_;
  const NameLexicon& lex_;
  const Abbreviations& abbr_;
  Document& doc_;
  const std::vector<Token>& toks_;
  std::unordered_set<std::string_view> capitalised_;
  std::vector<uint8_t> title_case_;
  size_t description_end_ = 0;  // the end of the last description found
};

void NameFinder::run(Document& doc) const {
  doc.mentions.clear();
  Pass(*this, doc).run();
}

}  // namespace sitrep
