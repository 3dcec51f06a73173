// sitrep/record.h: the article record (../shared/SCHEMA.md) as JSON, and a
// readable terminal view.
//
// Offsets in the record are Unicode code points into the article text, end
// exclusive, so text[start:end] works in Python and JavaScript.
//
//   std::string out;
//   sitrep::write_record(doc, out, sitrep::RecordStyle::kIndented);
#pragma once

#include <string>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {

enum class RecordStyle { kCompact, kIndented };

enum class MentionDetail : uint8_t {
  kNames,     // names and the descriptions that refer to them ("the Jewish state")
  kPronouns,  // and pronouns
  // And every other mention, as exhaustive corpora (ACE, MEANTIME) annotate
  // (the document must be annotated with Document::exhaustive_mentions set):
  // proper adjectives as mentions of their country ("Japanese stocks"), roles
  // before a name ("Apple CEO Steve Jobs"), and noun phrases for things the
  // article names once ("the world"), each an entity of its own.
  kAll,
};

struct RecordOptions {
  RecordStyle style = RecordStyle::kCompact;
  // Which mentions entities list. Pronouns ("he", "its") are resolved either
  // way (speakers, sources and event actors use them).
  MentionDetail mentions = MentionDetail::kNames;
  // Claim kinds to list ("killed", "injured" ...); empty lists every kind.
  std::vector<std::string> claim_kinds;
};

// The claim kinds the claims stage produces, in SCHEMA.md order.
const std::vector<std::string>& claim_kinds();

// Appends the record of `doc` to `out` (no trailing newline).
void write_record(const Document& doc, std::string& out, const RecordOptions& options);
inline void write_record(const Document& doc, std::string& out, RecordStyle style) {
  write_record(doc, out, RecordOptions{style});
}

// Appends a human-readable view: the article by paragraph and sentence with
// each annotation layer listed. `color` adds ANSI colours for a terminal.
void write_pretty(const Document& doc, std::string& out, bool color);

}  // namespace sitrep
