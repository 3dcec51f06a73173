// SpeechReader: one document as the speech stage reads it — per-token word
// classes and cues, the quotation marks paired into quote spans, and the
// clause helpers that QuoteFinder's passes share (private to src/speech; see
// speakers.h for speaker resolution, quote_finder.h for what the stage finds).
//
// Built once per document in a few linear passes; every helper after that
// looks only at a handful of tokens around a cue.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "speech/speech_lexicon.h"
#include "text/chars.h"

namespace sitrep {

// A quoted stretch: the marks at `open` and `close` (close == end when the
// paragraph ended first), the words inside [first, end).
struct QuoteSpan {
  uint32_t open = 0;
  uint32_t first = 0;
  uint32_t end = 0;
  uint32_t close = 0;
  bool closed = false;
  uint32_t paragraph = 0;
};

class SpeechReader {
 protected:
  using Lex = SpeechLexicon;

  // Token bits beyond the lexicon's word classes (which take the low 20).
  static constexpr uint32_t kEndsIng = 1u << 20;
  static constexpr uint32_t kEndsEd = 1u << 21;
  static constexpr uint32_t kThatWord = 1u << 22;
  static constexpr uint32_t kOfWord = 1u << 23;
  static constexpr uint32_t kToWord = 1u << 24;
  static constexpr uint32_t kIndefinite = 1u << 25;  // a, an
  static constexpr uint32_t kBeWord = 1u << 26;      // is, was, were, are, be, been, being
  static constexpr uint32_t kLowerInitial = 1u << 27;
  static constexpr uint32_t kEndsLy = 1u << 28;
  static constexpr uint32_t kThereWord = 1u << 29;
  static constexpr uint32_t kMasculine = 1u << 30;  // he, his
  static constexpr uint32_t kFeminine = 1u << 31;   // she, her

  // How far any scan looks from where it starts, in tokens: reported content,
  // a subject or a cue lies within this reach, and an article that is one
  // endless sentence stays linear.
  static constexpr uint32_t kReach = 80;

  SpeechReader(Document& doc, const Lex& lex)
      : doc_(doc), lex_(lex), n_(static_cast<uint32_t>(doc.tokens.size())), has_tags_(doc.pos.size() == n_) {
    bits_.assign(n_, 0);
    cue_.assign(n_, -1);
    cue_len_.assign(n_, 0);
    sentence_.assign(n_, -1);
    quote_of_.assign(n_, -1);
    mention_start_.assign(n_, kNone);
    mention_end_.assign(n_, kNone);
    read_sentences();
    read_mentions();
    read_words();
    pair_marks();
  }

  // ---- tokens ---------------------------------------------------------------

  std::string_view text(uint32_t t) const { return doc_.text_of(doc_.tokens[t]); }
  bool is_word(uint32_t t) const { return doc_.tokens[t].kind == TokenKind::kWord; }
  bool is_mark(uint32_t t) const { return doc_.tokens[t].kind == TokenKind::kQuote; }
  bool is_punct(uint32_t t) const {
    TokenKind k = doc_.tokens[t].kind;
    return k == TokenKind::kPunct || k == TokenKind::kDash || k == TokenKind::kEllipsis;
  }
  bool is_comma(uint32_t t) const { return doc_.tokens[t].kind == TokenKind::kPunct && text(t) == ","; }
  bool is_final(uint32_t t) const {
    const Token& tok = doc_.tokens[t];
    if (tok.kind == TokenKind::kEllipsis) return true;
    if (tok.kind != TokenKind::kPunct) return false;
    char c = doc_.text()[tok.begin];
    return c == '.' || c == '!' || c == '?';
  }
  bool gerund(uint32_t t) const { return (bits_[t] & kEndsIng) && (bits_[t] & kLowerInitial); }
  bool in_quote(uint32_t t) const { return quote_of_[t] >= 0; }
  bool is_verb_cue(uint32_t t) const {
    return cue_[t] >= 0 && lex_.cue(cue_[t]).cls == Lex::CueClass::kVerb;
  }
  bool quote_cue(uint32_t t) const {
    return cue_[t] >= 0 && !in_quote(t) && (lex_.cue(cue_[t]).frames & Lex::kQuote);
  }
  const Sentence& sentence_of(uint32_t t) const { return doc_.sentences[static_cast<size_t>(sentence_[t])]; }

  // A finite verb in [from, to): a tag when the tagger ran, else an
  // auxiliary, a listed past form or an -ed word not led by a determiner.
  bool has_verb_sign(uint32_t from, uint32_t to) const {
    for (uint32_t t = from; t < to && t < n_; ++t) {
      if (has_tags_) {
        Pos p = doc_.pos[t];
        if (p == Pos::kVBD || p == Pos::kVBZ || p == Pos::kVBP || p == Pos::kMD) return true;
      }
      if (bits_[t] & (Lex::kAuxiliary | Lex::kPast)) return true;
      if ((bits_[t] & kEndsEd) && (bits_[t] & kLowerInitial) && !(t > 0 && (bits_[t - 1] & Lex::kDeterminer)))
        return true;
    }
    return false;
  }

  // a == lower, ignoring the case of a's ASCII letters.
  static bool equals_lower(std::string_view a, std::string_view lower) { return equals_ascii_lower(a, lower); }

  // ---- clauses --------------------------------------------------------------

  // Past date adjuncts right after a cue: "said Monday", "said on April 3", "announced last week".
  uint32_t skip_time_adjuncts(uint32_t p, uint32_t end) const {
    while (p < end) {
      uint32_t q = p;
      if ((bits_[q] & Lex::kPreposition) && q + 1 < end && (bits_[q + 1] & (Lex::kTime | Lex::kTimeModifier))) ++q;
      if ((bits_[q] & Lex::kTimeModifier) && q + 1 < end && (bits_[q + 1] & Lex::kTime)) ++q;
      if (!(bits_[q] & Lex::kTime)) break;
      ++q;
      while (q < end && ((bits_[q] & Lex::kTime) || doc_.tokens[q].kind == TokenKind::kNumber)) ++q;
      p = q;
    }
    return p;
  }

  // Does a finite clause start at p ("it would", "troops backed by ... had retaken")?
  bool clause_starts_at(uint32_t p, const Sentence& s) const {
    if (p >= s.end_token) return false;
    const uint32_t b = bits_[p];
    if (b & (Lex::kPronoun | Lex::kFirstPerson | kThereWord))
      return !(b & Lex::kRelative) && has_verb_sign(p + 1, clause_end(p, s));  // "said it would", not "said it
    if (is_punct(p) || is_mark(p) || doc_.tokens[p].kind == TokenKind::kUrl) return false;
    // "at least 28 people", "about 20 storms": a preposition before a figure quantifies a subject
    const bool quantifier = (b & Lex::kPreposition) && p + 1 < s.end_token &&
                            (doc_.tokens[p + 1].kind == TokenKind::kNumber || text(p + 1) == "least" ||
                             text(p + 1) == "most");
    if (!quantifier && (b & (Lex::kPreposition | Lex::kAdverb | Lex::kAuxiliary | Lex::kCoordinator |
                             Lex::kSubordinator | Lex::kQuestion | kToWord | kThatWord | kEndsLy)))
      return false;
    if (gerund(p) || cue_[p] >= 0) return false;
    return has_verb_sign(p + 1, clause_end(p, s));
  }

  // Where reported content that starts at `from` ends: before ", and that",
  // "and warned", ", saying", ", according to", ", though", or at the
  // sentence end (a final stop inside closing quote marks stays in).
  uint32_t clause_end(uint32_t from, const Sentence& s) const {
    const uint32_t end = std::min(s.end_token, from + 2 * kReach);
    for (uint32_t t = from; t < end; ++t) {
      if (t > from && is_comma(t) && t + 1 < end) {
        const uint32_t u = t + 1;
        if ((cue_[u] >= 0 && gerund(u)) || (cue_[u] >= 0 && lex_.cue(cue_[u]).cls == Lex::CueClass::kPhrase))
          return t;
        if (bits_[u] & Lex::kConcessive) return t;
      }
      if (t > from && (bits_[t] & Lex::kCoordinator) && t + 1 < end) {
        uint32_t u = t + 1;
        while (u < end && (bits_[u] & (Lex::kAdverb | kEndsLy))) ++u;
        if (u < end && ((bits_[u] & kThatWord) || is_verb_cue(u))) return t > from && is_comma(t - 1) ? t - 1 : t;
      }
      if (is_final(t)) {
        uint32_t u = t + 1;
        while (u < end && is_mark(u) && doc_.tokens[u].has(kClosing)) ++u;
        if (u == end) return u > t + 1 ? end : t;
      }
    }
    return end;
  }

  // The first token of a sentence's own words, after a dateline
  // ("BOGOTA, Oct. 18 — ").
  uint32_t content_start(const Sentence& s) const {
    const uint32_t t = s.first_token;
    if (!doc_.tokens[t].has(kParagraphStart)) return t;
    for (uint32_t k = t; k < s.end_token && k < t + 14; ++k) {
      const Token& tok = doc_.tokens[k];
      if (tok.kind == TokenKind::kDash) return k > t && k + 1 < s.end_token ? k + 1 : t;
      if ((tok.kind == TokenKind::kWord || tok.kind == TokenKind::kAbbrev) && !tok.has(kUpperInitial)) return t;
      if (tok.kind == TokenKind::kQuote) return t;
    }
    return t;
  }

  // [a, b) is one quotation, marks included.
  bool quoted_whole(uint32_t a, uint32_t b) const {
    return b > a + 1 && is_mark(a) && quote_of_[a] >= 0 && quote_of_[a] == quote_of_[b - 1];
  }

  // Does the quote opening at `open` start a sentence of its own: at a
  // sentence start, after a colon, or right after a cue (chanted “…”, said, “…”,
  // said in an interview “…”)?
  bool opens_sentence_at(uint32_t open) const {
    const Sentence& s = sentence_of(open);
    if (doc_.tokens[open].has(kParagraphStart) || open == s.first_token || open == content_start(s)) return true;
    const uint32_t prev = open - 1;
    if (is_final(prev) || text(prev) == ":" || doc_.tokens[prev].kind == TokenKind::kDash) return true;
    for (uint32_t t = prev + 1, k = 0; t-- > s.first_token && k < 7; ++k) {
      if (quote_cue(t)) return true;
      if (is_comma(t) && t == prev) continue;
      if (is_punct(t) || is_mark(t) || has_verb_sign(t, t + 1)) return false;
    }
    return false;
  }

  bool upper_start(uint32_t t) const {
    return doc_.tokens[t].has(kUpperInitial) || doc_.tokens[t].kind == TokenKind::kNumber;
  }

  uint32_t word_count(const QuoteSpan& q) const {
    uint32_t words = 0;
    for (uint32_t t = q.first; t < q.end; ++t)
      words += doc_.tokens[t].kind == TokenKind::kWord || doc_.tokens[t].kind == TokenKind::kNumber;
    return words;
  }

  // A few capitalised words ("Azure Shield", "Operation Iron Swords") are a name in marks.
  bool name_like(const QuoteSpan& q) const {
    uint32_t words = 0, upper = 0;
    for (uint32_t t = q.first; t < q.end; ++t) {
      if (doc_.tokens[t].kind != TokenKind::kWord && doc_.tokens[t].kind != TokenKind::kAbbrev) continue;
      ++words;
      if (doc_.tokens[t].has(kUpperInitial)) ++upper;
      else if (!(bits_[t] & (Lex::kDeterminer | Lex::kPreposition | Lex::kCoordinator))) return false;
    }
    return upper > 0 && words <= 4;
  }

  // Entity types (bit 1 << EntityType) a pronoun, possessive or role word stands for.
  uint16_t refers_to(uint32_t t) const { return refers_[t]; }

  // ---- state ----------------------------------------------------------------

  Document& doc_;
  const Lex& lex_;
  const uint32_t n_;
  const bool has_tags_;
  std::vector<uint32_t> bits_;       // word classes and kEndsIng ... per token
  std::vector<uint16_t> refers_;     // entity types a pronoun or role word stands for
  std::vector<int16_t> cue_;         // the cue starting at a token, or -1
  std::vector<uint8_t> cue_len_;     // its tokens (2 for "according to")
  struct EvidentialAt {
    uint32_t token;
    int16_t evidential;  // SpeechLexicon::evidential
  };
  std::vector<EvidentialAt> evidentials_;  // adverb and passive cues, in text order
  std::vector<int32_t> sentence_;    // sentence index per token, -1 outside every sentence
  std::vector<int32_t> quote_of_;    // index into quotes_ for a mark or quoted token, else -1
  // (mutable: an unnamed source found while a speaker is read becomes a mention; speakers.h)
  mutable std::vector<int32_t> mention_start_;  // the longest mention starting at a token
  mutable std::vector<int32_t> mention_end_;    // the longest mention ending at a token
  mutable std::vector<int32_t> by_start_;       // mention indices in text order
  std::vector<QuoteSpan> quotes_;

 private:
  void read_sentences() {
    for (size_t s = 0; s < doc_.sentences.size(); ++s)
      for (uint32_t t = doc_.sentences[s].first_token; t < doc_.sentences[s].end_token && t < n_; ++t)
        sentence_[t] = static_cast<int32_t>(s);
  }

  void read_mentions() {
    by_start_.resize(doc_.mentions.size());
    for (size_t k = 0; k < doc_.mentions.size(); ++k) {
      by_start_[k] = static_cast<int32_t>(k);
      const Mention& m = doc_.mentions[k];
      if (m.end_token <= m.first_token || m.end_token > n_) continue;
      auto longer = [&](int32_t other) {
        if (other == kNone) return true;
        const Mention& o = doc_.mentions[static_cast<size_t>(other)];
        return m.end_token - m.first_token > o.end_token - o.first_token;
      };
      if (longer(mention_start_[m.first_token])) mention_start_[m.first_token] = static_cast<int32_t>(k);
      if (longer(mention_end_[m.end_token - 1])) mention_end_[m.end_token - 1] = static_cast<int32_t>(k);
    }
    std::stable_sort(by_start_.begin(), by_start_.end(), [&](int32_t a, int32_t b) {
      return doc_.mentions[static_cast<size_t>(a)].first_token < doc_.mentions[static_cast<size_t>(b)].first_token;
    });
  }

  // Word classes and cues, from one lexicon lookup per word.
  void read_words() {
    refers_.assign(n_, 0);
    std::vector<uint8_t> in_mention(n_, 0);
    for (const Mention& m : doc_.mentions)
      for (uint32_t t = m.first_token; t < m.end_token && t < n_; ++t) in_mention[t] = 1;
    char buf[48];
    for (uint32_t t = 0; t < n_; ++t) {
      const Token& tok = doc_.tokens[t];
      if (tok.kind != TokenKind::kWord && tok.kind != TokenKind::kClitic && tok.kind != TokenKind::kAbbrev) continue;
      std::string_view w = text(t);
      if (w.size() >= sizeof buf) continue;
      for (size_t k = 0; k < w.size(); ++k) buf[k] = (w[k] >= 'A' && w[k] <= 'Z') ? char(w[k] - 'A' + 'a') : w[k];
      std::string_view lw(buf, w.size());
      uint32_t b = 0;
      if (w[0] >= 'a' && w[0] <= 'z') b |= kLowerInitial;
      if (lw.size() >= 5 && lw.ends_with("ing")) b |= kEndsIng;
      if (lw.size() >= 4 && lw.ends_with("ed")) b |= kEndsEd;
      if (lw.size() >= 5 && lw.ends_with("ly")) b |= kEndsLy;
      if (lw == "that") b |= kThatWord;
      else if (lw == "of") b |= kOfWord;
      else if (lw == "to") b |= kToWord;
      else if (lw == "a" || lw == "an") b |= kIndefinite;
      else if (lw == "there") b |= kThereWord;
      else if (lw == "is" || lw == "was" || lw == "were" || lw == "are" || lw == "be" || lw == "been" ||
               lw == "being")
        b |= kBeWord;
      const Lex::Entry* e = lex_.lookup(lw);
      if (e) {
        b |= e->classes;
        refers_[t] = e->refers_to;
        if (e->gender == 'm') b |= kMasculine;
        if (e->gender == 'f') b |= kFeminine;
        if (e->classes & Lex::kNotGerund) b &= ~kEndsIng;
      }
      bits_[t] = b;
      if (e && sentence_[t] >= 0 && !in_mention[t]) read_cue(t, *e, lw);
      if (e && e->evidential >= 0 && sentence_[t] >= 0 && !in_mention[t])
        evidentials_.push_back({t, e->evidential});
    }
  }

  void read_cue(uint32_t t, const Lex::Entry& e, std::string_view lower) {
    (void)lower;
    if (e.phrase >= 0) {
      const Lex::Cue& cue = lex_.cue(e.phrase);
      uint32_t k = t + 1;
      bool match = true;
      for (const std::string& word : cue.rest) {
        if (k >= n_ || !equals_lower(text(k), word)) {
          match = false;
          break;
        }
        ++k;
      }
      if (match) {
        cue_[t] = e.phrase;
        cue_len_[t] = static_cast<uint8_t>(k - t);
        return;
      }
    }
    // After a determiner or possessive the word is a noun ("a post"); after
    // "’s" or a possessive pronoun it may be a noun cue ("Israel’s claim
    // that", "its statement that").
    const bool after_det = t > 0 && (bits_[t - 1] & (Lex::kDeterminer | Lex::kPossessive));
    const bool after_clitic = t > 0 && doc_.tokens[t - 1].kind == TokenKind::kClitic;
    // "claims by Israel that ...": a noun with its source in a by-phrase
    const bool by_next = e.noun >= 0 && t + 1 < n_ && (equals_lower(text(t + 1), "by") || equals_lower(text(t + 1), "from"));
    if (e.verb >= 0 && !after_det && !after_clitic && !by_next) {
      // "is said to", "were told to": a passive names the listener, not the speaker
      uint32_t p = t;
      while (p > 0 && (bits_[p - 1] & (Lex::kAdverb | kEndsLy)) && !(bits_[p - 1] & kBeWord)) --p;
      if (p > 0 && (bits_[p - 1] & kBeWord) && !(bits_[t] & kEndsIng)) return;
      cue_[t] = e.verb;
      cue_len_[t] = 1;
    } else if (e.noun >= 0 && (after_clitic || after_det || by_next)) {
      cue_[t] = e.noun;
      cue_len_[t] = 1;
    }
  }


  static bool double_mark(std::string_view m) {
    return m == "\"" || m == "\xE2\x80\x9C" || m == "\xE2\x80\x9D" || m == "\xE2\x80\x9E" || m == "\xE2\x80\x9F" ||
           m == "\xC2\xAB" || m == "\xC2\xBB" || m == "``" || m == "''";
  }

  // Pairs the marks of each paragraph. Single marks inside a double quote
  // belong to it; an opening double mark left open ends its quote at the
  // paragraph end; single marks quote only when they close in the paragraph
  // (’ is also an apostrophe: "the soldiers’ families").
  void pair_marks() {
    for (size_t p = 0; p < doc_.paragraphs.size(); ++p) {
      const Paragraph& para = doc_.paragraphs[p];
      int64_t open_double = -1, open_single = -1;
      for (uint32_t t = para.first_token; t < para.end_token && t < n_; ++t) {
        const Token& tok = doc_.tokens[t];
        if (tok.kind != TokenKind::kQuote) continue;
        const bool opening = tok.has(kOpening);
        if (double_mark(text(t))) {
          if (opening) {
            open_double = t;  // a second opening before a close drops the first as stray
            open_single = -1;
          } else if (open_double >= 0) {
            add_quote(static_cast<uint32_t>(open_double), t, true, static_cast<uint32_t>(p));
            open_double = -1;
          }
        } else if (open_double < 0) {
          if (opening) open_single = t;
          else if (open_single >= 0) {
            add_quote(static_cast<uint32_t>(open_single), t, true, static_cast<uint32_t>(p));
            open_single = -1;
          }
        }
      }
      if (open_double >= 0 && static_cast<uint32_t>(open_double) + 1 < std::min(para.end_token, n_))
        add_quote(static_cast<uint32_t>(open_double), std::min(para.end_token, n_), false, static_cast<uint32_t>(p));
    }
  }

  void add_quote(uint32_t open, uint32_t close, bool closed, uint32_t paragraph) {
    if (close <= open + 1) return;
    const auto index = static_cast<int32_t>(quotes_.size());
    quotes_.push_back(QuoteSpan{open, open + 1, close, close, closed, paragraph});
    for (uint32_t t = open; t < close + (closed ? 1 : 0) && t < n_; ++t) quote_of_[t] = index;
  }
};

}  // namespace sitrep
