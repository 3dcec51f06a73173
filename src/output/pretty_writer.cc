// A readable terminal view of one record: the article sentence by sentence,
// then each annotation layer with its evidence.
#include <cstdio>
#include <string>

#include "sitrep/record.h"

namespace sitrep {

namespace {

class Pretty {
 public:
  Pretty(const Document& doc, std::string& out, bool color) : doc_(doc), out_(out), color_(color) {}

  void write() {
    const Article& a = doc_.article;
    style("1");
    out_ += a.title.empty() ? a.id : a.title;
    reset();
    out_ += "\n";
    dim("id " + a.id + (a.date.empty() ? "" : " · " + a.date) + (a.url.empty() ? "" : " · " + a.url) + " · " +
        std::to_string(doc_.paragraphs.size()) + " paragraphs, " + std::to_string(doc_.sentences.size()) +
        " sentences, " + std::to_string(doc_.tokens.size()) + " tokens");
    out_ += "\n\n";
    uint32_t para = UINT32_MAX;
    for (size_t i = 0; i < doc_.sentences.size(); ++i) {
      const Sentence& s = doc_.sentences[i];
      if (s.paragraph != para && para != UINT32_MAX) out_ += "\n";
      para = s.paragraph;
      dim(pad(std::to_string(i + 1), 4) + " ");
      out_ += doc_.text_of(s);
      out_ += "\n";
    }
    layers();
  }

 private:
  static std::string pad(std::string s, size_t w) { return s.size() < w ? std::string(w - s.size(), ' ') + s : s; }
  void style(const char* code) {
    if (color_) out_ += std::string("\x1b[") + code + "m";
  }
  void reset() { style("0"); }
  void dim(const std::string& s) {
    style("2");
    out_ += s;
    reset();
  }
  void heading(const char* name, size_t n) {
    out_ += "\n";
    style("1");
    out_ += name;
    reset();
    out_ += " (" + std::to_string(n) + ")\n";
  }
  std::string entity(int32_t e) const {
    if (e == kNone) return "?";
    return "e" + std::to_string(e + 1) + " " + doc_.entities[e].name;
  }
  std::string quoted(ByteSpan s) const { return "“" + std::string(doc_.text_of(s)) + "”"; }

  void layers() {
    heading("entities", doc_.entities.size());
    for (size_t i = 0; i < doc_.entities.size(); ++i) {
      const Entity& e = doc_.entities[i];
      out_ += "  e" + std::to_string(i + 1) + " " + std::string(to_string(e.type)) + " " + e.name;
      if (!e.actor_code.empty()) out_ += " [" + e.actor_code + "]";
      out_ += " —";
      for (int32_t m : e.mentions) out_ += " " + quoted(doc_.mentions[m].span);
      out_ += "\n";
    }
    heading("quotes", doc_.quotes.size());
    for (const Quote& q : doc_.quotes) out_ += "  " + entity(q.speaker) + ": " + quoted(q.span) + "\n";
    heading("reported", doc_.reported.size());
    // What is attributed, when it is more than an assertion, and the cue:
    // "e1 Israel (intention, vowing): “eliminate Hamas”".
    for (const ReportedSpeech& r : doc_.reported) {
      std::string how = r.kind == AttributionKind::kAssertion ? "" : std::string(to_string(r.kind));
      if (!r.cue.empty()) how += (how.empty() ? "" : ", ") + std::string(doc_.text_of(r.cue));
      out_ += "  " + entity(r.speaker) + (how.empty() ? "" : " (" + how + ")") + ": " + quoted(r.span) + "\n";
    }
    heading("claims", doc_.claims.size());
    for (const Claim& c : doc_.claims) {
      char value[32];
      std::snprintf(value, sizeof value, "%.15g", c.value);
      out_ += "  " + c.kind + " " + std::string(to_string(c.qualifier)) + " " + value + (c.unit.empty() ? "" : " ") +
              c.unit + " — " + (c.source == kNone ? "" : "per " + entity(c.source) + " — ") + quoted(c.span) + "\n";
    }
    heading("times", doc_.times.size());
    for (const TimeExpression& t : doc_.times) out_ += "  " + t.value + " — " + quoted(t.span) + "\n";
    heading("events", doc_.events.size());
    for (const Event& e : doc_.events)
      out_ += "  " + entity(e.source) + " " + e.cameo + "/" + e.plover + (e.negated ? " (negated)" : "") + " " +
              entity(e.target) + " — " + quoted(e.trigger) + "\n";
    if (doc_.has_tone) {
      const ArticleTone& t = doc_.tone;
      char line[200];
      std::snprintf(line, sizeof line, "  %+.2f (positive %.2f, negative %.2f, polarity %.2f, activity %.2f, "
                    "self/group %.2f; %u words)\n", t.tone, t.positive, t.negative, t.polarity, t.activity,
                    t.self_group, t.words);
      out_ += "\n";
      style("1");
      out_ += "tone";
      reset();
      out_ += "\n";
      out_ += line;
      for (size_t i = 0; i < doc_.entities.size() && i < doc_.entity_tones.size(); ++i) {
        const EntityTone& et = doc_.entity_tones[i];
        if (et.toward == 0 && et.stance == 0) continue;
        std::snprintf(line, sizeof line, "  toward %+.3f (%u sentences), stance %+.3f (%u quotes): ", et.toward,
                      et.sentences, et.stance, et.quotes);
        out_ += line + entity(static_cast<int32_t>(i)) + "\n";
      }
    }
    for (const Diagnostic& d : doc_.diagnostics) {
      out_ += d.severity == Diagnostic::Severity::kError ? "error: " : "warning: ";
      out_ += d.message + "\n";
    }
  }

  const Document& doc_;
  std::string& out_;
  bool color_;
};

}  // namespace

void write_pretty(const Document& doc, std::string& out, bool color) { Pretty(doc, out, color).write(); }

}  // namespace sitrep
