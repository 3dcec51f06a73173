// attach_punctuation: the head of every punctuation mark of a sentence whose
// other words already have their tree, by the rule the Universal
// Dependencies guidelines give (universaldependencies.org/u/dep/punct.html)
// and Udapi's ud.FixPunct applies to the English treebanks:
//   - a pair of brackets or quotes attaches, both marks, to the head of
//     what they enclose;
//   - any other mark attaches to the highest word of a neighbouring subtree
//     (on its left or its right; final . ? ! only on its left) that keeps
//     the tree projective, the lower of the two candidates when both exist.
// Given the gold tree of the other words and no head for the marks, the rule
// finds 95.8% of their gold heads on UD English EWT dev and 99.1% on GUM dev.
// As Udapi does, a mark's head is kept when it is one of the candidates
// (the rule cannot tell where a unit ends, the parser may), and a mark's
// dependents go to the mark's head. Parsing punctuation as words and then
// applying this rule beats both alone: on UD English EWT dev the parser's
// punctuation heads are 81.3% right, 82.3% after the rule (UAS 0.8495 ->
// 0.8510); parsing without punctuation and attaching it by the rule alone
// loses 0.3 UAS on the other words, which the marks help the parser place.
//
//   std::vector<int32_t> heads = ...;  // the parser's; -1 for the root
//   attach_punctuation(forms, is_punct, heads);
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sitrep {

// forms, is_punct and heads have one entry per word of the sentence; heads
// index the sentence's words, -1 for the root, and form a tree. The marks'
// heads are rewritten, and those of words that hang from a mark. A sentence
// whose root is a mark is left as it is. Time O(p * n * depth) for p marks.
void attach_punctuation(std::span<const std::string_view> forms, std::span<const uint8_t> is_punct,
                        std::span<int32_t> heads);

}  // namespace sitrep
