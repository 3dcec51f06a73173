// The article record of ../shared/SCHEMA.md. Entity ids are "e" + (index + 1).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "output/json_writer.h"
#include "sitrep/record.h"
#include "text/utf8.h"

namespace sitrep {

namespace {

std::string entity_id(int32_t index) { return "e" + std::to_string(index + 1); }

// Tone figures to four decimals: enough for any use, and the same after a
// round trip through the store.
double rounded(double v) { return std::round(v * 1e4) / 1e4; }

class RecordWriter {
 public:
  RecordWriter(const Document& doc, std::string& out, const RecordOptions& options)
      : doc_(doc), options_(options), cp_(doc.text()), w_(out, options.style == RecordStyle::kIndented) {}

  void write() {
    const Article& a = doc_.article;
    w_.begin_object();
    w_.key("id");
    w_.value(a.id);
    w_.key("title");
    w_.string_or_null(a.title);
    w_.key("date");
    w_.string_or_null(a.date);
    entities();
    quotes();
    reported();
    claims();
    times();
    events();
    tone();
    w_.end_object();
  }

 private:
  // "start", "end" and "text" of a span, inside the current object.
  void span(ByteSpan s) {
    w_.key("start");
    w_.value(cp_(s.begin));
    w_.key("end");
    w_.value(cp_(s.end));
    w_.key("text");
    w_.value(doc_.text_of(s));
  }
  void ref(std::string_view key, int32_t entity) {
    w_.key(key);
    if (entity == kNone) {
      w_.null();
    } else {
      w_.value(entity_id(entity));
    }
  }
  void optional_span_text(std::string_view key, ByteSpan s) {
    w_.key(key);
    if (s.empty()) {
      w_.null();
    } else {
      w_.value(doc_.text_of(s));
    }
  }

  void entities() {
    const bool all = options_.mentions == MentionDetail::kAll;
    // Exhaustive output: the aside mentions of each entity, and of the
    // things of their own, except those inside a time expression ("last week").
    std::vector<std::vector<const Mention*>> aside(all ? doc_.entities.size() + doc_.aside_entities.size() : 0);
    // A phrase that ends where a mention ends has that mention's head: a
    // later stage (the event actors) made it a mention after all.
    std::vector<uint32_t> ends;
    if (all) {
      for (const Mention& m : doc_.mentions) ends.push_back(m.span.end);
      std::sort(ends.begin(), ends.end());
    }
    if (all)
      for (const AsideMention& a : doc_.aside_mentions) {
        if (a.mention.entity == kNone || in_time(a.mention.span)) continue;
        if (a.own && std::binary_search(ends.begin(), ends.end(), a.mention.span.end)) continue;
        aside[static_cast<size_t>(a.mention.entity) + (a.own ? doc_.entities.size() : 0)].push_back(&a.mention);
      }
    std::vector<const Mention*> listed;
    w_.key("entities");
    w_.begin_array();
    const size_t total = doc_.entities.size() + (all ? doc_.aside_entities.size() : 0);
    for (size_t i = 0; i < total; ++i) {
      const bool own = i >= doc_.entities.size();
      const Entity& e = own ? doc_.aside_entities[i - doc_.entities.size()] : doc_.entities[i];
      listed.clear();
      if (!own)
        for (int32_t m : e.mentions) {
          const Mention& mention = doc_.mentions[m];
          if (mention.kind == MentionKind::kPronoun && options_.mentions == MentionDetail::kNames) continue;
          listed.push_back(&mention);
        }
      if (all) {
        listed.insert(listed.end(), aside[i].begin(), aside[i].end());
        if (own && listed.empty()) continue;  // only ever inside time expressions
        std::stable_sort(listed.begin(), listed.end(),
                         [](const Mention* a, const Mention* b) { return a->span.begin < b->span.begin; });
      }
      w_.begin_object();
      w_.key("id");
      w_.value(entity_id(static_cast<int32_t>(i)));
      w_.key("type");
      w_.value(to_string(e.type));
      w_.key("name");
      w_.value(e.name);
      w_.key("actor_code");
      w_.string_or_null(e.actor_code);
      w_.key("attributes");
      w_.begin_object();
      for (auto [k, v] : {std::pair<const char*, const std::string*>{"title", &e.title},
                          {"role", &e.role},
                          {"country", &e.country}}) {
        if (v->empty()) continue;
        w_.key(k);
        w_.value(*v);
      }
      w_.end_object();
      w_.key("mentions");
      w_.begin_array();
      for (const Mention* mention : listed) {
        w_.begin_object();
        span(mention->span);
        w_.key("kind");
        w_.value(to_string(mention->kind));
        w_.end_object();
      }
      w_.end_array();
      if (!own && doc_.has_tone && i < doc_.entity_tones.size()) {
        const EntityTone& t = doc_.entity_tones[i];
        w_.key("tone");
        w_.begin_object();
        w_.key("toward");
        w_.value(rounded(t.toward));
        w_.key("sentences");
        w_.value(t.sentences);
        w_.key("stance");
        w_.value(rounded(t.stance));
        w_.key("quotes");
        w_.value(t.quotes);
        w_.end_object();
      }
      w_.end_object();
    }
    w_.end_array();
  }

  // GDELT's V1.5TONE fields (ArticleTone), when the tone stage ran.
  void tone() {
    if (!doc_.has_tone) return;
    const ArticleTone& t = doc_.tone;
    w_.key("tone");
    w_.begin_object();
    for (auto [k, v] : {std::pair<const char*, double>{"tone", t.tone},
                        {"positive", t.positive},
                        {"negative", t.negative},
                        {"polarity", t.polarity},
                        {"activity", t.activity},
                        {"self_group", t.self_group}}) {
      w_.key(k);
      w_.value(rounded(v));
    }
    w_.key("words");
    w_.value(t.words);
    w_.end_object();
  }

  bool in_time(ByteSpan s) const {
    for (const TimeExpression& t : doc_.times)
      if (t.span.begin < s.end && s.begin < t.span.end) return true;
    return false;
  }

  void quotes() {
    w_.key("quotes");
    w_.begin_array();
    for (const Quote& q : doc_.quotes) {
      w_.begin_object();
      span(q.span);
      ref("speaker", q.speaker);
      optional_span_text("cue", q.cue);
      w_.key("kind");
      w_.value(q.kind == QuoteKind::kDirect ? "direct" : "partial");
      w_.end_object();
    }
    w_.end_array();
  }

  void reported() {
    w_.key("reported");
    w_.begin_array();
    for (const ReportedSpeech& r : doc_.reported) {
      w_.begin_object();
      span(r.span);
      ref("speaker", r.speaker);
      optional_span_text("cue", r.cue);
      w_.key("kind");
      w_.value(to_string(r.kind));
      if (!r.part.empty()) {  // the second part of a split content
        w_.key("parts");
        w_.begin_array();
        w_.begin_object();
        span(r.part);
        w_.end_object();
        w_.end_array();
      }
      w_.end_object();
    }
    w_.end_array();
  }

  void claims() {
    w_.key("claims");
    w_.begin_array();
    for (const Claim& c : doc_.claims) {
      if (!options_.claim_kinds.empty() &&
          std::find(options_.claim_kinds.begin(), options_.claim_kinds.end(), c.kind) == options_.claim_kinds.end())
        continue;
      w_.begin_object();
      w_.key("kind");
      w_.value(c.kind);
      w_.key("value");
      w_.value(c.value);
      w_.key("qualifier");
      w_.value(to_string(c.qualifier));
      w_.key("unit");
      w_.string_or_null(c.unit);
      ref("source", c.source);
      ref("actor", c.actor);
      w_.key("date");
      w_.string_or_null(c.date);
      span(c.span);
      w_.end_object();
    }
    w_.end_array();
  }

  void times() {
    w_.key("times");
    w_.begin_array();
    for (const TimeExpression& t : doc_.times) {
      w_.begin_object();
      span(t.span);
      w_.key("value");
      w_.value(t.value);
      w_.end_object();
    }
    w_.end_array();
  }

  void events() {
    w_.key("events");
    w_.begin_array();
    for (const Event& e : doc_.events) {
      w_.begin_object();
      ref("source", e.source);
      ref("target", e.target);
      w_.key("cameo");
      w_.string_or_null(e.cameo);
      w_.key("plover");
      w_.string_or_null(e.plover);
      w_.key("negated");
      w_.value(e.negated);
      w_.key("modality");
      w_.value(to_string(e.modality));
      w_.key("date");
      w_.string_or_null(e.date);
      w_.key("trigger");
      w_.begin_object();
      span(e.trigger);
      w_.end_object();
      w_.end_object();
    }
    w_.end_array();
  }

  const Document& doc_;
  const RecordOptions& options_;
  CodepointMap cp_;
  JsonWriter w_;
};

}  // namespace

const std::vector<std::string>& claim_kinds() {
  static const std::vector<std::string> kKinds = {"killed",   "injured",   "hostages", "arrested",   "displaced",
                                                  "missing",  "evacuated", "released", "protesters", "quantity"};
  return kKinds;
}

void write_record(const Document& doc, std::string& out, const RecordOptions& options) {
  RecordWriter(doc, out, options).write();
}

}  // namespace sitrep
