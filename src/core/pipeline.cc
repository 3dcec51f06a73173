#include "sitrep/pipeline.h"

#include <stdexcept>

namespace sitrep {

std::string describe_layers(LayerSet layers) {
  static constexpr std::string_view kNames[] = {"tokens", "sentences", "tags",   "mentions", "entities",
                                                "times",  "quotes",    "reported", "claims", "events"};
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

void Pipeline::run(Document& doc) const {
  for (const auto& s : stages_) s->run(doc);
}

}  // namespace sitrep
