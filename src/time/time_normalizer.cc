#include "time/time_normalizer.h"

namespace sitrep {

void TimeNormalizer::run(Document& doc) const { (void)doc; }

}  // namespace sitrep
