// Tokenizer: splits the article text into tokens (Document::tokens) in one
// pass over the bytes, with no allocation per token.
//
// Decisions, following news conventions and the Penn Treebank where they agree:
// - quotes (curly and straight) are tokens of their own; clitics are split off
//   (Haliva’s → Haliva ’s, don't → do n't), other inner apostrophes stay (O’Brien);
// - numbers keep separators and decimals (1,100  34,000  3.5  10:30  2023-10-07);
//   a digit range splits at its hyphen (20-30 → 20 - 30);
// - words keep inner hyphens (well-known, al-Qassam, F-16);
// - abbreviations keep their period: listed ones (Maj. Gen. Jan. Inc.), initials
//   (J.) and letter-period sequences (U.S. a.m.); "No." only before a digit;
// - URLs and e-mail addresses are one token;
// - a blank line starts a paragraph, and so does a single newline unless the
//   line was only wrapped (it ends without final punctuation and the next line
//   starts in lower case).
//
//   Tokenizer tok(abbreviations);
//   std::vector<Token> tokens;
//   tok.tokenize("Maj. Gen. Aharon Haliva’s resignation", tokens);
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "sitrep/document.h"
#include "sitrep/pipeline.h"
#include "text/abbreviations.h"

namespace sitrep {

class Tokenizer : public Stage {
 public:
  explicit Tokenizer(std::shared_ptr<const Abbreviations> abbreviations)
      : abbreviations_(std::move(abbreviations)) {}

  std::string_view name() const override { return "tokenizer"; }
  LayerSet assigns_layers() const override { return kTokensLayer; }
  void run(Document& doc) const override;

  // Appends the tokens of `text` to `out`.
  void tokenize(std::string_view text, std::vector<Token>& out) const;

 private:
  std::shared_ptr<const Abbreviations> abbreviations_;
};

}  // namespace sitrep
