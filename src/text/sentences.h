// SentenceSplitter: groups tokens into paragraphs and sentences
// (Document::paragraphs, Document::sentences).
//
// A sentence never crosses a paragraph. Inside one, a sentence ends at a
// period, ?, ! or ellipsis (with any closing quotes and brackets after it) when
// what follows can start a sentence:
// - after "." or "…": an upper-case word, a digit, an opening quote or bracket;
// - after "?" or "!": anything but a lower-case word or more punctuation, so
//   “Why?” he asked. stays one sentence;
// - after an abbreviation: only a listed sentence starter ("The", "He", ...),
//   and never after a title ("Gen.") or an initial ("J.") before a name, or a
//   month before a number ("Jan. 5").
#pragma once

#include <memory>

#include "sitrep/pipeline.h"
#include "text/abbreviations.h"

namespace sitrep {

class SentenceSplitter : public Stage {
 public:
  explicit SentenceSplitter(std::shared_ptr<const Abbreviations> abbreviations)
      : abbreviations_(std::move(abbreviations)) {}

  std::string_view name() const override { return "sentences"; }
  LayerSet requires_layers() const override { return kTokensLayer; }
  LayerSet assigns_layers() const override { return kSentencesLayer; }
  void run(Document& doc) const override;

 private:
  bool ends_sentence(const Document& doc, size_t terminal, size_t next) const;
  std::shared_ptr<const Abbreviations> abbreviations_;
};

}  // namespace sitrep
