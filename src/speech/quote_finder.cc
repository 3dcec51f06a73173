#include "speech/quote_finder.h"

namespace sitrep {

void QuoteFinder::run(Document& doc) const { (void)doc; }

}  // namespace sitrep
