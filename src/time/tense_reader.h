// TenseReader: the tense of the clause around a temporal expression, read
// from cue words of data/time_words.tsv (and past-tense tags when the tagger
// ran), for the values that depend on it (a weekday, a date without a year).
//
//   TenseReader r(lexicon, doc, ids, in_expression);
//   TenseReading t = r.around(span_begin, span_end, sentence_begin, sentence_end);
#pragma once

#include <cstdint>

#include "sitrep/document.h"
#include "time/time_lexicon.h"
#include "time/time_value.h"

namespace sitrep::timex {

// A weak cue is a guess from the word's shape (-ed) or reaches the expression
// through an infinitive; a strong one is a listed word.
enum class Cue { kNone, kPast, kWeakPast, kFuture, kWeakFuture, kStop };

struct TenseReading {
  Tense tense = Tense::kUnknown;
  int weight = 1;  // how much this occurrence counts when occurrences disagree
};

// Reads the tense of the clause around an expression from the nearest cue
// word: an auxiliary (will, would, was), a past form (said, -ed) that is not a
// passive participle, "until"/"by" right before it, or a to-infinitive after
// a future word (set to, plans to). A plain infinitive ends the search.
class TenseReader {
 public:
  // `ids`: the lexicon word of each token; `in_expression`: 1 for the tokens
  // of the expressions found, which are no cues.
  TenseReader(const TimeLexicon& lex, const Document& doc, const int32_t* ids, const uint8_t* in_expression)
      : lex_(lex), doc_(doc), ids_(ids), in_expression_(in_expression) {}

  // The tense around the expression in tokens [b, e) of the sentence [sb, se);
  // the reader looks at most 12 tokens either way.
  TenseReading around(size_t b, size_t e, size_t sb, size_t se) const {
    Cue left = Cue::kNone, right = Cue::kNone;
    for (size_t j = b; j > sb && b - j < 12;) {
      --j;
      Cue c = cue_at(j, b, sb, se);
      if (c == Cue::kNone) continue;
      if (c != Cue::kStop) left = c;
      break;
    }
    for (size_t j = e; j < se && j - e < 12; ++j) {
      Cue c = cue_at(j, b, sb, se);
      if (c == Cue::kNone) continue;
      if (c != Cue::kStop) right = c;
      break;
    }
    // The verb that governs an adverbial usually comes before it; the one
    // after counts when nothing before does ("On Monday, markets fell").
    Cue pick = left != Cue::kNone ? left : right;
    switch (pick) {
      case Cue::kPast: return {Tense::kPast, 2};
      case Cue::kWeakPast: return {Tense::kPast, 1};
      case Cue::kFuture: return {Tense::kFuture, 2};
      case Cue::kWeakFuture: return {Tense::kFuture, 1};
      default: return {Tense::kUnknown, 1};
    }
  }

 private:
  bool after_be(size_t j) const { return j > 0 && lex_.word_has(ids_[j - 1], WordClass::kBe); }

  Cue cue_at(size_t j, size_t b, size_t sb, size_t se) const {
    const int32_t id = ids_[j];
    const Token& t = doc_.tokens[j];
    // Words of other time expressions (May 20) and capitalised words inside
    // a sentence (a name, a headline word) are no cues.
    if (in_expression_[j] || (t.has(kUpperInitial) && j != sb)) return Cue::kNone;
    if (lex_.word_has(id, WordClass::kTense)) {
      switch (static_cast<TenseCue>(lex_.word(id).value(WordClass::kTense))) {
        case TenseCue::kFuture: return Cue::kFuture;
        case TenseCue::kFutureAdjacent: return j + 1 == b ? Cue::kFuture : Cue::kNone;
        case TenseCue::kPast: return after_be(j) ? Cue::kNone : Cue::kPast;
        case TenseCue::kInfinitive: {
          size_t n = j + 1;
          if (n >= se || n == b) return Cue::kNone;
          const Token& v = doc_.tokens[n];
          if (v.kind != TokenKind::kWord || v.has(kUpperInitial) || lex_.word_has(ids_[n], WordClass::kDeterminer))
            return Cue::kNone;
          if (j > 0 && lex_.word_has(ids_[j - 1], WordClass::kTense)) {
            auto before = static_cast<TenseCue>(lex_.word(ids_[j - 1]).value(WordClass::kTense));
            // "expected to follow": future, but only by way of the infinitive.
            if (before == TenseCue::kFuture || before == TenseCue::kBeforeTo) return Cue::kWeakFuture;
          }
          return Cue::kStop;
        }
        default: break;
      }
    }
    const bool tagged_past = doc_.pos.size() == doc_.tokens.size() && doc_.pos[j] == Pos::kVBD;
    std::string_view w = doc_.text_of(t);
    const bool ed = t.kind == TokenKind::kWord && !t.has(kUpperInitial) && w.size() >= 5 &&
                    w[w.size() - 2] == 'e' && w[w.size() - 1] == 'd' && !lex_.word_has(id, WordClass::kNotPast);
    if ((ed || tagged_past) && !after_be(j)) return Cue::kWeakPast;
    return Cue::kNone;
  }

  const TimeLexicon& lex_;
  const Document& doc_;
  const int32_t* ids_;
  const uint8_t* in_expression_;
};

}  // namespace sitrep::timex
