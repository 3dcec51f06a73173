#include "sitrep/pipeline.h"

#include <new>
#include <stdexcept>

namespace sitrep {

std::string describe_layers(LayerSet layers) {
  static constexpr std::string_view kNames[] = {"tokens", "sentences", "tags",   "mentions", "entities",
                                                "times",  "quotes",    "reported", "claims", "events", "syntax", "name tags",
                                                "tone"};
  std::string out;
  for (size_t i = 0; i < std::size(kNames); ++i) {
    if (layers & (1u << i)) {
      if (!out.empty()) out += ", ";
      out += kNames[i];
    }
  }
  return out;
}

void Pipeline::add(std::unique_ptr<Stage> stage) {
  LayerSet missing = stage->requires_layers() & ~assigned_;
  if (missing != 0) {
    throw std::logic_error("stage '" + std::string(stage->name()) + "' needs " + describe_layers(missing) +
                           ", which no earlier stage assigns");
  }
  assigned_ |= stage->assigns_layers();
  stages_.push_back(std::move(stage));
}

StageError::StageError(std::string_view stage, std::string_view what)
    : std::runtime_error("internal error in " + std::string(stage) + ": " + std::string(what)), stage_(stage) {}

void Pipeline::run(Document& doc) const {
  for (const auto& s : stages_) {
    try {
      if (!fault_marker_.empty() && s->name() == fault_stage_ && doc.text().find(fault_marker_) != std::string_view::npos)
        throw std::runtime_error("injected fault (SITREP_TEST_FAULT)");
      s->run(doc);
    } catch (const std::bad_alloc&) {
      throw StageError(s->name(), "out of memory");
    } catch (const std::exception& e) {
      throw StageError(s->name(), e.what());
    } catch (...) {
      throw StageError(s->name(), "unknown exception");
    }
  }
}

}  // namespace sitrep
