// The whole pipeline on any text (made valid UTF-8 first, as the readers do),
// with the first byte choosing exhaustive mentions: it runs, every span lies
// inside the text, and the record it writes is valid JSON.
#include "fuzz_common.h"
#include "ingest/json.h"
#include "sitrep/engine.h"
#include "sitrep/record.h"
#include "text/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const sitrep::Pipeline pipeline = sitrep::build_pipeline(fuzz_data_dir());
  if (size == 0) return 0;
  sitrep::Article a;
  a.id = "fuzz";
  a.date = (data[0] & 2) ? "2024-04-22" : "";
  a.text.assign(as_text(data + 1, size - 1));
  sitrep::repair_utf8(a.text);
  sitrep::Document doc(std::move(a));
  doc.exhaustive_mentions = data[0] & 1;
  pipeline.run(doc);  // an exception here is a finding: no stage may throw
  for (const sitrep::Mention& m : doc.mentions) {
    FUZZ_CHECK(m.span.begin <= m.span.end && m.span.end <= doc.text().size(), "mentions inside the text");
    FUZZ_CHECK(m.entity == sitrep::kNone || static_cast<size_t>(m.entity) < doc.entities.size(), "mention entities exist");
  }
  for (const sitrep::Event& e : doc.events) {
    FUZZ_CHECK(e.source == sitrep::kNone || static_cast<size_t>(e.source) < doc.entities.size(), "event sources exist");
    FUZZ_CHECK(e.target == sitrep::kNone || static_cast<size_t>(e.target) < doc.entities.size(), "event targets exist");
  }
  std::string record;
  sitrep::RecordOptions options;
  options.mentions = (data[0] & 1) ? sitrep::MentionDetail::kAll : sitrep::MentionDetail::kNames;
  sitrep::write_record(doc, record, options);
  sitrep::JsonValue v;
  std::string error;
  FUZZ_CHECK(sitrep::parse_json(record, v, error), "the record is valid JSON");
  return 0;
}
