#include "syntax/sentence_selector.h"

#include "core/tsv.h"
#include "learn/feature_hash.h"
#include "lexicon/tagger.h"

namespace sitrep {

namespace {

// Calls f on each |-joined form of a column.
template <typename F>
void each_form(std::string_view forms, F f) {
  for (size_t start = 0; start <= forms.size();) {
    size_t bar = forms.find('|', start);
    f(forms.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
}

// The word of a phrase that says most that it is there: its longest word,
// "x" (the source) aside ("according to": according; "is of the view":
// view; "x's position is": position).
std::string_view key_word(std::string_view phrase) {
  std::string_view best;
  for (size_t start = 0; start < phrase.size();) {
    size_t space = phrase.find(' ', start);
    if (space == std::string_view::npos) space = phrase.size();
    std::string_view w = phrase.substr(start, space - start);
    if (w != "x" && !w.starts_with("x'") && !w.starts_with("x\u2019") && w.size() > best.size()) best = w;
    start = space + 1;
  }
  return best;
}

}  // namespace

std::shared_ptr<const SentenceSelector> SentenceSelector::load(const std::string& data_dir) {
  std::vector<std::pair<uint64_t, uint16_t>> words;
  auto add = [&](std::string_view w) {
    if (!w.empty()) words.emplace_back(learn::hash_text(w), 1);
  };
  TsvTable cues = load_tsv(data_dir + "/speech_cues.tsv");
  for (const auto& row : cues.rows) each_form(row[cues.column("forms")], [&](std::string_view f) { add(key_word(f)); });
  TsvTable attribution = load_tsv(data_dir + "/attribution_cues.tsv");
  for (const auto& row : attribution.rows)
    each_form(row[attribution.column("forms")], [&](std::string_view f) { add(key_word(f)); });
  auto s = std::make_shared<SentenceSelector>();
  s->words_ = learn::KeyTable(words);
  return s;
}

bool SentenceSelector::operator()(const Document& doc, const Sentence& sentence) const {
  char lower[64];
  for (uint32_t t = sentence.first_token; t < sentence.end_token && t < doc.tokens.size(); ++t) {
    if (t < doc.lemmas.size() && words_.find(learn::hash_text(doc.lemmas[t]))) return true;
    if (size_t n = fold_for_lookup(doc.text_of(doc.tokens[t]), lower, sizeof lower);
        n && words_.find(learn::hash_text(std::string_view(lower, n))))
      return true;
  }
  return false;
}

}  // namespace sitrep
