// The parser's feature templates: which facts of a configuration (the words
// and tags at the top of the stack and the front of the buffer, their
// dependents so far, distances, valencies, relation sets) the move
// classifier and the relation classifier weigh. After Zhang and Nivre (2011),
// adapted to the arc-hybrid system, where stack words have no head yet.
//
// Tags are the tagger's Penn tags (XPOS), words their normalised lower-case
// form (WordFeatures::lower), so a word split or joined differently by
// the pipeline's tokeniser than by UD still looks like itself.
#pragma once

#include <cstddef>
#include <cstdint>

#include "syntax/arc_hybrid.h"

namespace sitrep {

// Bump when a template changes: the model header names it.
inline constexpr const char* kParserFeatureSet = "parser-arc-hybrid-zn-upos 4";

// What the templates read of one word; ParserWords has n + 1 of them, the
// root last.
struct ParserWord {
  uint64_t word = 0;  // WordFeatures::lower
  uint64_t tag = 0;   // the Penn tag's hash
  uint64_t upos = 0;  // the universal tag's hash
  uint64_t both = 0;  // word and tag together
  uint64_t suffix = 0;  // WordFeatures::suffix[2]
  uint64_t shape = 0;   // WordFeatures::shape
  bool punct = false;
  bool verb = false;        // VERB or AUX
  uint8_t verbs_after = 0;  // verbs after this word in the sentence, at most 2
};

inline constexpr size_t kMaxMoveFeatures = 112;
inline constexpr size_t kMaxLabelFeatures = 48;

// The templates that read a single word at one position of the configuration
// (its form, tags, suffix, shape at s0, s1, s2, b0, b1 or b2). Their weights
// depend on the word and the position only, so the parser adds them up once
// per word and position of a sentence rather than at every move.
enum class Position : uint8_t { kS0, kS1, kS2, kB0, kB1, kB2 };
inline constexpr size_t kPositions = 6;
inline constexpr size_t kMaxPositionFeatures = 6;
// The single-word features of word x (kNoWord for none) at position p.
size_t position_features(const ParserWord* words, int32_t x, Position p, uint32_t* out);

// The features of the state for the next move; returns how many it wrote.
// Without `positions`, the single-word ones (position_features) are left out.
size_t move_features(const ArcHybrid& state, const ParserWord* words, uint32_t* out, bool positions = true);
// The features for the relation of an arc head -> dependent about to be made.
size_t label_features(const ArcHybrid& state, const ParserWord* words, int32_t head, int32_t dependent,
                      uint32_t* out);

// A ParserWord for the root.
ParserWord root_word();
// Fills `verbs_after` of words[0 .. n) from their `verb`.
void count_verbs(ParserWord* words, size_t n);

}  // namespace sitrep
