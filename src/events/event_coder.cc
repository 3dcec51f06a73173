// EventCoder (event_coder.h): the stage's entry point and the run over a
// document, sentence by sentence. The pass's parts are in the units that
// event_coder_pass.h lists.
#include "events/event_coder_pass.h"

namespace sitrep {

void EventCoder::Pass::run() {
  if (doc_.pos.size() != toks_.size() || doc_.lemmas.size() != toks_.size()) return;
  index_actors();
  index_times();
  code_sources();
  // The body starts after the headline, when the text has one.
  if (const uint32_t h = doc_.headline_end(); h > 0 && h < toks_.size()) body_begin_ = toks_[h].begin;
  for (const Sentence& s : doc_.sentences) sentence(s);
}

void EventCoder::Pass::sentence(const Sentence& s) {
  const size_t b = s.first_token, e = s.end_token;
  first_use_.clear();
  last_use_.clear();
  gov_event_.clear();
  sentence_events_ = doc_.events.size();
  mark_conditions(b, e);
  std::vector<Group> gs = groups(b, e);
  std::vector<bool> noun_used(e - b, false);
  subjects(gs, b);
  code(s, gs, noun_used);
  nominal_events(s, gs, noun_used);
}

void EventCoder::run(Document& doc) const {
  doc.events.clear();
  Pass(*this, doc).run();
}

}  // namespace sitrep
