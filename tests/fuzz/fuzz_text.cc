// The tokeniser and sentence splitter on any text (made valid UTF-8 first, as
// the readers do): tokens are in order, inside the text, and cover no white
// space; sentences tile the tokens.
#include "fuzz_common.h"
#include "sitrep/document.h"
#include "text/abbreviations.h"
#include "text/sentences.h"
#include "text/tokenizer.h"
#include "text/utf8.h"

namespace {
struct Stages {
  std::shared_ptr<const sitrep::Abbreviations> abbreviations =
      std::make_shared<const sitrep::Abbreviations>(sitrep::Abbreviations::load(fuzz_data_dir()));
  sitrep::Tokenizer tokenizer{abbreviations};
  sitrep::SentenceSplitter splitter{abbreviations};
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Stages stages;
  sitrep::Article a;
  a.text.assign(as_text(data, size));
  sitrep::repair_utf8(a.text);
  sitrep::Document doc(std::move(a));
  stages.tokenizer.run(doc);
  stages.splitter.run(doc);
  uint32_t at = 0;
  for (const sitrep::Token& t : doc.tokens) {
    FUZZ_CHECK(t.begin >= at && t.begin < t.end && t.end <= doc.text().size(), "tokens in order inside the text");
    at = t.end;
  }
  uint32_t next = 0;
  for (const sitrep::Sentence& s : doc.sentences) {
    FUZZ_CHECK(s.first_token == next && s.end_token > s.first_token, "sentences tile the tokens");
    next = s.end_token;
  }
  FUZZ_CHECK(next == doc.tokens.size(), "every token is in a sentence");
  return 0;
}
