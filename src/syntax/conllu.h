// CoNLL-U, the treebank format of Universal Dependencies
// (universaldependencies.org/format.html): reading, writing, and the
// Document of one sentence.
//
// A sentence is comment lines ("# text = ..."), then one line per word with
// ten tab-separated fields (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS
// MISC), then a blank line. Multiword tokens ("1-2 don't") span words and are
// kept as lines to write back; empty nodes ("8.1", enhanced graphs only) are
// skipped. A malformed line throws ConlluError "FILE:LINE: what is wrong".
//
//   ConlluReader reader(in, "train.conllu");
//   ConlluSentence s;
//   while (reader.next(s)) { Document doc = document_of(s); ... }
#pragma once

#include <cstdint>
#include <istream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {

class ConlluError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ConlluWord {
  std::string form, lemma, upos, xpos, feats, deprel, deps, misc;
  int32_t head = -1;  // 0: the root; -1: "_" (not given)
  size_t line = 0;
};

struct ConlluSentence {
  // A multiword token: its line as read, written back before word `first`.
  struct Range {
    uint32_t first = 0;  // 0-based indices of its first and last words
    uint32_t last = 0;
    std::string line;
    bool space_after = true;  // false when its MISC holds SpaceAfter=No
  };
  std::vector<std::string> comments;  // whole lines, "# ..." 
  std::vector<ConlluWord> words;
  std::vector<Range> ranges;
  size_t line = 0;  // the line of the sentence's first word

  // False when MISC holds SpaceAfter=No, or the word and the next are parts
  // of one multiword token (whose own MISC then says what follows it).
  bool space_after(size_t word) const;
  // Whether every word has a head and they form one tree.
  bool has_tree() const;
};

class ConlluReader {
 public:
  // `name` names the input in messages.
  ConlluReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}
  // The next sentence; false at the end. Throws ConlluError.
  bool next(ConlluSentence& out);

 private:
  [[noreturn]] void fail(size_t line, const std::string& what) const;
  std::istream& in_;
  std::string name_;
  size_t line_ = 0;
};

// Every sentence of a file; throws ConlluError (also when it cannot be opened).
std::vector<ConlluSentence> read_conllu(const std::string& path);

// Appends the sentence in CoNLL-U, ending with its blank line.
void write_conllu(const ConlluSentence& s, std::string& out);

// A Document of one sentence: the words as tokens (joined by a space unless
// SpaceAfter=No), their kinds and flags as the tokeniser would set them, one
// sentence and one paragraph. The gold columns are not copied.
Document document_of(const ConlluSentence& s);
// A Document of several sentences (a treebank's document): each sentence a
// line and a paragraph of its own, its words as document_of makes them.
Document document_of(std::span<const ConlluSentence> sentences);

// Writes the document's predictions for its tokens [first, end) into the
// words of `s` (which has end - first words): lemma, UPOS, XPOS, head and
// relation, when the document has them; FEATS and DEPS become "_".
void annotate(ConlluSentence& s, const Document& doc, size_t first, size_t end);

// A sentence of a document as CoNLL-U, with "# sent_id" and "# text".
ConlluSentence sentence_of(const Document& doc, const Sentence& sentence, const std::string& id);

}  // namespace sitrep
