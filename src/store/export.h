// Exports a whole store to files in a folder:
//   jsonl  records.jsonl: one record per article (SCHEMA.md), as extract writes them
//   csv    one file per table: articles.csv, entities.csv, mentions.csv, quotes.csv,
//          reported.csv, claims.csv, times.csv, events.csv, entity_tones.csv (RFC 4180);
//          articles.csv ends with the article's tone (GDELT's V1.5TONE fields: tone,
//          positive, negative, polarity, activity, self_group, words) and its story
//   gdelt  events.tsv: one coded event per line in the column order of the
//          GDELT 1.0 event table, for tools that read GDELT (AvgTone is the
//          article's tone; fields sitrep does not compute, such as the
//          Goldstein scale, are left empty)
//
//   size_t n = 0;
//   StoreStatus s = export_store(store, ExportFormat::kCsv, "out/", n);
#pragma once

#include <cstddef>
#include <string>

#include "store/store.h"

namespace sitrep {

enum class ExportFormat { kJsonl, kCsv, kGdelt };

// Writes the files (overwriting them) and sets `rows` to the number of
// records, table rows or events written. Leaves out wire copies unless
// `include_duplicates`.
StoreStatus export_store(Store& store, ExportFormat format, const std::string& dir, bool include_duplicates,
                         size_t& rows);

// A CSV field, quoted when it needs to be.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace sitrep
