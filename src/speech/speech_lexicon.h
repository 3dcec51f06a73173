// SpeechLexicon: the words the speech stage reads attribution with.
//
// Three data files (see their headers):
// - data/speech_cues.tsv: cue verbs, nouns and phrases ("said", "statement",
//   "according to") with every inflection and the constructions ("frames")
//   each reports through;
// - data/attribution_cues.tsv: the kind of each cue (assertion, belief,
//   intention, knowledge, denial), and the verbs and nouns of belief,
//   intention, knowledge and denial that speech_cues.tsv lacks ("believe",
//   "vowed to", "knew", "denied"), their constructions mapped onto frames;
// - data/speech_words.tsv: closed-class words (pronouns, auxiliaries,
//   prepositions, time words, ...) and role nouns ("the minister") that tell
//   where a speaker or a reported clause starts and ends.
// Lookups take a lower-cased word; nothing allocates after loading.
//
//   auto lex = SpeechLexicon::load(data_dir);     // throws TsvError naming file:line
//   if (const SpeechLexicon::Entry* e = lex.lookup("said")) lex.cue(e->verb).frames;
//   lex.lookup("the")->classes & SpeechLexicon::kDeterminer;
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/tsv.h"
#include "sitrep/document.h"

namespace sitrep {

class SpeechLexicon {
 public:
  // Constructions a cue reports through (speech_cues.tsv, column frames).
  enum Frame : uint16_t {
    kQuote = 1 << 0,        // cue of a direct or partial quote
    kThat = 1 << 1,         // said [adjunct] that CLAUSE
    kClause = 1 << 2,       // said it would ... (a bare finite clause)
    kObject = 1 << 3,       // told reporters (that) ... (a listener first)
    kParen = 1 << 4,        // CONTENT, the agency said. / CONTENT, according to X.
    kOf = 1 << 5,           // warned of NP
    kGerund = 1 << 6,       // denied V-ing
    kAccusation = 1 << 7,   // accused X of V-ing
    kPredicative = 1 << 8,  // called X a Y
    kTo = 1 << 9,           // vowed to V ...: the source is the subject (intentions)
    kNpClause = 1 << 10,    // fear the truce will collapse: a belief verb that also takes an object reads a
                            // clause only when a short noun phrase is followed at once by a finite verb
  };
  enum class CueClass : uint8_t { kVerb, kNoun, kPhrase };
  // Cues with no source of their own in the text: an adverb ("X reportedly
  // did Y": the clause is the content) or a passive ("it is believed that
  // ...", "X is said to ...", "was told that ...": a by-phrase is the source).
  enum EvidentialFrame : uint8_t {
    kItThat = 1 << 0,        // it is believed that CLAUSE
    kSubjectTo = 1 << 1,     // X is said to V ...: X and the infinitive are the content
    kListenerThat = 1 << 2,  // X was told that CLAUSE: X is the listener
    kHolderThat = 1 << 3,    // X is confident that CLAUSE: X is the source
    kHolderTo = 1 << 4,      // X is willing to V ...: X is the source, the infinitive's clause the content
    kPossessorThat = 1 << 5,  // X's position is that CLAUSE: X is the source
    kPossessorTo = 1 << 6,    // X's aim is to V ...: X is the source, the infinitive's clause the content
  };
  struct Evidential {
    bool adverb = false;  // else a passive
    uint8_t frames = 0;   // EvidentialFrame bits, for a passive
    AttributionKind kind = AttributionKind::kAssertion;
  };
  struct Cue {
    std::string lemma;
    CueClass cls = CueClass::kVerb;
    uint16_t frames = 0;
    std::vector<std::string> rest;  // a phrase's words after the first ("according" + "to")
    AttributionKind kind = AttributionKind::kAssertion;
  };
  // What one lower-cased word is: its cue readings (-1 where it has none),
  // its word classes and the entity types it can stand for.
  struct Entry {
    int16_t verb = -1;
    int16_t noun = -1;
    int16_t phrase = -1;
    int16_t evidential = -1;  // an adverb ("reportedly") or a passive's participle ("believed")
    uint32_t classes = 0;
    uint16_t refers_to = 0;  // bit (1 << EntityType) per type
    char gender = 0;         // 'm' or 'f' where the word fixes it (he, she)
  };

  // Word classes (speech_words.tsv, column classes).
  enum WordClass : uint32_t {
    kPronoun = 1 << 0,
    kFirstPerson = 1 << 1,
    kRelative = 1 << 2,
    kPossessive = 1 << 3,
    kDeterminer = 1 << 4,
    kAuxiliary = 1 << 5,
    kPast = 1 << 6,
    kPreposition = 1 << 7,
    kTime = 1 << 8,
    kCoordinator = 1 << 9,
    kSubordinator = 1 << 10,
    kAdverb = 1 << 11,
    kNotGerund = 1 << 12,
    kRole = 1 << 13,
    kConcessive = 1 << 14,  // though, although, whereas
    kQuestion = 1 << 15,    // whether, how, what: an indirect question
    kScare = 1 << 16,       // so-called: scare quotes follow
    kTimeModifier = 1 << 17,  // last, this, early: part of a date adjunct before a time word
    kSource = 1 << 18,        // diplomats, officials, delegation: the head of an unnamed source
    kDocument = 1 << 19,      // poll, estimates, figures: a source after "according to" when named ("an Ipsos poll")
  };

  static SpeechLexicon load(const std::string& data_dir) {
    SpeechLexicon lex(load_tsv(data_dir + "/speech_cues.tsv"), load_tsv(data_dir + "/speech_words.tsv"));
    lex.add_attribution_cues(load_tsv(data_dir + "/attribution_cues.tsv"));
    return lex;
  }

  // The kinds of data/attribution_cues.tsv for the cues already read, and its
  // verbs and nouns of belief, intention, knowledge and denial that
  // speech_cues.tsv lacks, through the constructions
  // the reader knows: that (a content clause, "that" optional), to (an
  // infinitive: intentions), listener, paren, of and gerund. Its
  // phrases are read as speech_cues.tsv gives them; adverbs and passives
  // of one participle are evidentials (add_evidential).
  void add_attribution_cues(const TsvTable& t) {
    const size_t c_cue = t.column("cue"), c_cat = t.column("category"), c_kind = t.column("kind"),
                 c_takes = t.column("takes"), c_forms = t.column("forms");
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const auto& row = t.rows[r];
      auto where = [&] { return t.path + ":" + std::to_string(t.line_numbers[r]) + ": "; };
      AttributionKind kind;
      if (row[c_kind] == "assertion") kind = AttributionKind::kAssertion;
      else if (row[c_kind] == "belief") kind = AttributionKind::kBelief;
      else if (row[c_kind] == "intention") kind = AttributionKind::kIntention;
      else if (row[c_kind] == "knowledge") kind = AttributionKind::kKnowledge;
      else if (row[c_kind] == "denial") kind = AttributionKind::kDenial;
      else throw TsvError(where() + "kind must be assertion, belief, intention, knowledge or denial, not '" +
                          row[c_kind] + "'");
      CueClass cls;
      if (row[c_cat] == "verb") cls = CueClass::kVerb;
      else if (row[c_cat] == "noun") cls = CueClass::kNoun;
      else if (row[c_cat] == "phrase" && !row[c_cue].starts_with("be ") && !row[c_cue].starts_with("x's ")) cls = CueClass::kPhrase;
      else {  // adverbs, passives, "be" + adjective ("be confident that", "be willing to"), "x's position is"
        add_evidential(row[c_cat], row[c_cue], split(row[c_takes], '|'), split(row[c_forms], '|'), kind);
        continue;
      }
      // A cue of speech_cues.tsv keeps its frames and takes the kind, the
      // infinitive of an intention ("vowed to V") and, for a verb of belief
      // or denial, a clause without "that" where bare_clause() allows one.
      const std::vector<std::string_view> takes = split(row[c_takes], '|');
      const bool takes_to = std::find(takes.begin(), takes.end(), "to") != takes.end();
      bool known = false;
      for (Cue& c : cues_)
        if (c.lemma == row[c_cue] && c.cls == cls) {
          c.kind = kind;
          if (takes_to && kind == AttributionKind::kIntention) c.frames |= kTo;
          // "believes the bill will fail": "that" left out (the frames of the
          // verbs of saying stay as speech_cues.tsv gives them).
          if (cls == CueClass::kVerb && kind != AttributionKind::kAssertion && bare_clause(kind, takes))
            c.frames |= kClause;
          if (cls == CueClass::kVerb && np_clause(row[c_cue], kind, takes)) c.frames |= kNpClause;
          known = true;
        }
      // New cues of assertion are not read: speech_cues.tsv holds the verbs
      // and nouns of saying the reader was written with, and more of them
      // ("posted", "responded") break the clauses of those it has.
      if (known || cls == CueClass::kPhrase || kind == AttributionKind::kAssertion) continue;
      Cue cue;
      cue.lemma = row[c_cue];
      cue.cls = cls;
      cue.kind = kind;
      for (std::string_view take : takes) {
        if (take == "that") {
          cue.frames |= cls == CueClass::kVerb && bare_clause(kind, takes) ? kThat | kClause : kThat;
          if (cls == CueClass::kVerb && np_clause(row[c_cue], kind, takes)) cue.frames |= kNpClause;
        }
        else if (take == "to") cue.frames |= kTo;
        // ("quote" is left to the cues of speech_cues.tsv, which quote attribution was written with.)
        else if (take == "listener") cue.frames |= kObject;
        else if (take == "paren") cue.frames |= kParen;
        else if (take == "of") cue.frames |= kOf;
        else if (take == "gerund") cue.frames |= kGerund;
      }
      if (!cue.frames) continue;
      const auto index = static_cast<int16_t>(cues_.size());
      bool added = false;
      for (std::string_view form : split(row[c_forms], '|')) {
        if (form.empty() || form.find(' ') != std::string_view::npos) continue;
        Entry& f = entry(form);
        int16_t& slot = cls == CueClass::kVerb ? f.verb : f.noun;
        if (slot >= 0) continue;  // a form another cue reads already ("felt")
        slot = index;
        added = true;
      }
      if (added) cues_.push_back(std::move(cue));
    }
  }

  // An adverb's forms, or the word after "be" of a passive ("be believed" ->
  // "believed") or of an adjective phrase ("be confident" -> "confident");
  // several words after "be" ("be tipped off", "be of the view") are not read.
  void add_evidential(std::string_view category, std::string_view cue, const std::vector<std::string_view>& takes,
                      const std::vector<std::string_view>& forms, AttributionKind kind) {
    Evidential ev;
    ev.kind = kind;
    std::vector<std::string_view> words;
    if (category == "adverb") {
      ev.adverb = true;
      words = forms;
    } else if (category == "phrase" && cue.starts_with("x's ") && cue.ends_with(" is") && cue.size() > 7 &&
               cue.substr(4, cue.size() - 7).find(' ') == std::string_view::npos) {
      // "x's position is": the noun, read before "is that" or "is to" after a possessor
      words.push_back(cue.substr(4, cue.size() - 7));
      for (std::string_view take : takes) {
        if (take == "that") ev.frames |= kPossessorThat;
        else if (take == "to") ev.frames |= kPossessorTo;
      }
      if (!ev.frames) return;
    } else if (category == "passive" || category == "phrase") {
      if (!cue.starts_with("be ") || cue.find(' ', 3) != std::string_view::npos) return;
      words.push_back(cue.substr(3));
      const bool passive = category == "passive";
      for (std::string_view take : takes) {
        if (take == "it_that") ev.frames |= kItThat;
        else if (take == "subject_to") ev.frames |= kSubjectTo;
        else if (take == "that") ev.frames |= passive ? kListenerThat : kHolderThat;
        else if (take == "to" && !passive) ev.frames |= kHolderTo;
      }
      if (!ev.frames) return;
    } else {
      return;
    }
    const auto index = static_cast<int16_t>(evidentials_.size());
    bool added = false;
    for (std::string_view w : words) {
      if (w.empty() || w.find(' ') != std::string_view::npos) continue;
      Entry& e = entry(w);
      if (e.evidential >= 0) continue;
      e.evidential = index;
      added = true;
    }
    if (added) evidentials_.push_back(ev);
  }

  const Evidential& evidential(int index) const { return evidentials_[static_cast<size_t>(index)]; }

  // Whether a verb of this kind and these constructions reads a content
  // clause without "that": verbs of saying and thinking do ("believes the
  // bill will fail"); not those of knowing and perceiving ("saw militants
  // break through" is no content), nor intentions, nor a verb that also takes
  // a noun phrase, whose object would read as a clause ("rejected the
  // budget on Tuesday after ...").
  // A belief verb that takes a noun phrase too ("feared a wider war"), and a
  // verb of knowing other than one of perception ("knew the books were
  // doctored", not "saw the militants cross"), reads a clause without "that"
  // only when the noun phrase is short and a finite verb follows it at once
  // ("fear the truce will collapse"; np_clause in the reader).
  static bool np_clause(std::string_view lemma, AttributionKind kind, const std::vector<std::string_view>& takes) {
    auto has = [&](std::string_view t) { return std::find(takes.begin(), takes.end(), t) != takes.end(); };
    static constexpr std::string_view kPerception[] = {"see", "hear", "notice", "spot", "detect", "perceive",
                                                       "find", "grasp", "regret", "forget", "remember"};
    if (kind == AttributionKind::kKnowledge)
      return has("that") && std::find(std::begin(kPerception), std::end(kPerception), lemma) == std::end(kPerception);
    return kind == AttributionKind::kBelief && has("that") && has("object");
  }

  static bool bare_clause(AttributionKind kind, const std::vector<std::string_view>& takes) {
    auto has = [&](std::string_view t) { return std::find(takes.begin(), takes.end(), t) != takes.end(); };
    return has("that") && !has("object") && kind != AttributionKind::kKnowledge && kind != AttributionKind::kIntention;
  }

  SpeechLexicon(const TsvTable& cues, const TsvTable& words) {
    const size_t c_forms = cues.column("forms"), c_cue = cues.column("cue"), c_class = cues.column("class"),
                 c_frames = cues.column("frames");
    for (size_t r = 0; r < cues.rows.size(); ++r) {
      const auto& row = cues.rows[r];
      auto where = [&] { return cues.path + ":" + std::to_string(cues.line_numbers[r]) + ": "; };
      Cue cue;
      cue.lemma = row[c_cue];
      if (row[c_class] == "verb") cue.cls = CueClass::kVerb;
      else if (row[c_class] == "noun") cue.cls = CueClass::kNoun;
      else if (row[c_class] == "phrase") cue.cls = CueClass::kPhrase;
      else throw TsvError(where() + "class must be verb, noun or phrase, not '" + row[c_class] + "'");
      for (std::string_view f : split(row[c_frames], '|')) {
        uint16_t bit = frame_bit(f);
        if (!bit) throw TsvError(where() + "unknown frame '" + std::string(f) + "'");
        cue.frames |= bit;
      }
      const auto index = static_cast<int16_t>(cues_.size());
      for (std::string_view form : split(row[c_forms], '|')) {
        if (form.empty()) throw TsvError(where() + "empty form");
        std::vector<std::string_view> words_of_form = split(form, ' ');
        Entry& f = entry(words_of_form[0]);
        if (cue.cls == CueClass::kPhrase) {
          if (words_of_form.size() < 2) throw TsvError(where() + "a phrase cue needs several words");
          cue.rest.assign(words_of_form.begin() + 1, words_of_form.end());
          f.phrase = index;
        } else if (words_of_form.size() != 1) {
          throw TsvError(where() + "a " + row[c_class] + " form is one word: '" + std::string(form) + "'");
        } else {
          (cue.cls == CueClass::kVerb ? f.verb : f.noun) = index;
        }
      }
      cues_.push_back(std::move(cue));
    }
    const size_t w_word = words.column("word"), w_classes = words.column("classes"),
                 w_refers = words.column("refers_to"), w_gender = words.column("gender");
    for (size_t r = 0; r < words.rows.size(); ++r) {
      const auto& row = words.rows[r];
      auto where = [&] { return words.path + ":" + std::to_string(words.line_numbers[r]) + ": "; };
      Entry& w = entry(row[w_word]);
      for (std::string_view c : split(row[w_classes], '|')) {
        uint32_t bit = class_bit(c);
        if (!bit) throw TsvError(where() + "unknown class '" + std::string(c) + "'");
        w.classes |= bit;
      }
      for (std::string_view t : split(row[w_refers], '|')) {
        if (t.empty()) continue;
        int bit = type_bit(t);
        if (bit < 0) throw TsvError(where() + "unknown entity type '" + std::string(t) + "'");
        w.refers_to |= static_cast<uint16_t>(1u << bit);
      }
      const std::string& g = row[w_gender];
      if (!g.empty() && g != "m" && g != "f") throw TsvError(where() + "gender must be m, f or empty, not '" + g + "'");
      w.gender = g.empty() ? 0 : g[0];
    }
  }

  // One lookup per token: nullptr when the word is neither a cue nor listed.
  // Runs for every word of every article, so it is an open-addressing table
  // probed with FNV-1a rather than a node-based map.
  const Entry* lookup(std::string_view lower) const {
    if (lower.size() > max_length_ || slots_.empty()) return nullptr;
    for (size_t i = hash(lower) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const int32_t k = slots_[i];
      if (k < 0) return nullptr;
      if (keys_[static_cast<size_t>(k)] == lower) return &entries_[static_cast<size_t>(k)];
    }
  }
  const Cue& cue(int index) const { return cues_[static_cast<size_t>(index)]; }

 private:

  static uint32_t hash(std::string_view s) {
    uint32_t h = 2166136261u;
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
  }

  // The entry of a word, added when new; the table stays at most a quarter full.
  Entry& entry(std::string_view word) {
    if (slots_.empty() || (keys_.size() + 1) * 4 > slots_.size()) {
      slots_.assign(std::max<size_t>(1024, slots_.size() * 2), -1);
      for (size_t k = 0; k < keys_.size(); ++k) place(k);
    }
    for (size_t i = hash(word) & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const int32_t k = slots_[i];
      if (k >= 0 && keys_[static_cast<size_t>(k)] == word) return entries_[static_cast<size_t>(k)];
      if (k < 0) {
        slots_[i] = static_cast<int32_t>(keys_.size());
        keys_.emplace_back(word);
        max_length_ = std::max(max_length_, word.size());
        return entries_.emplace_back();
      }
    }
  }
  void place(size_t k) {
    size_t i = hash(keys_[k]) & (slots_.size() - 1);
    while (slots_[i] >= 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = static_cast<int32_t>(k);
  }

  static std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
      size_t p = s.find(sep, start);
      out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
      if (p == std::string_view::npos) break;
      start = p + 1;
    }
    return out;
  }
  static uint16_t frame_bit(std::string_view f) {
    static constexpr std::pair<std::string_view, Frame> kNames[] = {
        {"quote", kQuote}, {"that", kThat}, {"clause", kClause}, {"object", kObject}, {"paren", kParen},
        {"of", kOf}, {"gerund", kGerund}, {"accusation", kAccusation}, {"predicative", kPredicative}};
    for (const auto& [name, bit] : kNames)
      if (name == f) return bit;
    return 0;
  }
  static uint32_t class_bit(std::string_view c) {
    static constexpr std::pair<std::string_view, WordClass> kNames[] = {
        {"pronoun", kPronoun}, {"first_person", kFirstPerson}, {"relative", kRelative},
        {"possessive", kPossessive}, {"determiner", kDeterminer}, {"auxiliary", kAuxiliary},
        {"past", kPast}, {"preposition", kPreposition}, {"time", kTime}, {"coordinator", kCoordinator},
        {"subordinator", kSubordinator}, {"adverb", kAdverb}, {"not_gerund", kNotGerund}, {"role", kRole},
        {"concessive", kConcessive}, {"question", kQuestion}, {"scare", kScare},
        {"time_modifier", kTimeModifier}, {"source", kSource},
        {"document", kDocument}};
    for (const auto& [name, bit] : kNames)
      if (name == c) return bit;
    return 0;
  }
  static int type_bit(std::string_view t) {
    for (int i = 0; i <= static_cast<int>(EntityType::kOther); ++i)
      if (to_string(static_cast<EntityType>(i)) == t) return i;
    return -1;
  }

  std::vector<Cue> cues_;
  std::vector<Evidential> evidentials_;
  std::vector<std::string> keys_;  // lower-cased words, parallel to entries_
  std::vector<Entry> entries_;
  std::vector<int32_t> slots_;     // open addressing: index into keys_, -1 when free
  size_t max_length_ = 0;
};

}  // namespace sitrep
