#include "claims/claim_finder.h"

namespace sitrep {

void ClaimFinder::run(Document& doc) const { (void)doc; }

}  // namespace sitrep
