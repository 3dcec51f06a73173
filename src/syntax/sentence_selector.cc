#include "syntax/sentence_selector.h"

#include "core/tsv.h"
#include "learn/feature_hash.h"
#include "lexicon/tagger.h"

namespace sitrep {

std::shared_ptr<const SentenceSelector> SentenceSelector::load(const std::string& data_dir) {
  std::vector<std::pair<uint64_t, uint16_t>> words;
  auto add = [&](std::string_view w) {
    if (size_t space = w.find(' '); space != std::string_view::npos) w = w.substr(0, space);
    if (!w.empty()) words.emplace_back(learn::hash_text(w), 1);
  };
  TsvTable verbs = load_tsv(data_dir + "/event_verbs.tsv");
  for (const auto& row : verbs.rows) add(row[verbs.column("lemma")]);
  TsvTable nouns = load_tsv(data_dir + "/event_nouns.tsv");
  for (const auto& row : nouns.rows) add(row[nouns.column("noun")]);
  TsvTable cues = load_tsv(data_dir + "/speech_cues.tsv");
  for (const auto& row : cues.rows) {
    std::string_view forms = row[cues.column("forms")];
    for (size_t start = 0; start <= forms.size();) {
      size_t bar = forms.find('|', start);
      add(forms.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
      if (bar == std::string_view::npos) break;
      start = bar + 1;
    }
  }
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
