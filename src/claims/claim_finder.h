// ClaimFinder: figures claimed in an article (Document::claims): tolls of the
// killed and injured, hostages, arrests, the displaced, the missing, crowd
// sizes, and money, percentages and measures (kind `quantity`), each with its
// hedge (qualifier), the entity it is attributed to (source), the entity
// responsible (actor) and when it happened (date).
//
//   ClaimFinder claims(data_dir);  // data/number_words.tsv, data/claim_*.tsv
//   claims.run(doc);               // after entities, times and speech
//   for (const Claim& c : doc.claims) std::cout << c.kind << ' ' << c.value << '\n';
//
// A figure is a number phrase ("1,100", "some 250", "tens of thousands",
// "between 20 and 30", "$4.2 billion") read from number_words.tsv and
// claim_hedges.tsv. Its kind comes from the words around it (claim_kinds.tsv):
// the verb it is the object of ("killing over 1,100 people"), the verb it is
// the subject of ("34,000 Palestinians have been killed", "40,000 fled"), the
// counted noun ("250 hostages") or a toll ("the death toll rose to 200").
// Figures with no such word are claims only when a unit makes them one
// (claim_units.tsv: currency, percent, measures, votes); other counts are left
// out, since a record lists claims, not every number.
#pragma once

#include <memory>
#include <string>

#include "sitrep/pipeline.h"

namespace sitrep {
namespace claims {
struct ClaimLexicon;
}

class ClaimFinder : public Stage {
 public:
  // Loads its lexicons from data_dir; throws TsvError on a malformed file.
  explicit ClaimFinder(const std::string& data_dir);
  ~ClaimFinder() override;
  std::string_view name() const override { return "claim_finder"; }
  LayerSet requires_layers() const override {
    return kTokensLayer | kSentencesLayer | kEntitiesLayer | kTimesLayer | kQuotesLayer | kReportedLayer;
  }
  LayerSet assigns_layers() const override { return kClaimsLayer; }
  void run(Document& doc) const override;


 private:
  std::shared_ptr<const claims::ClaimLexicon> lexicon_;
};

}  // namespace sitrep
