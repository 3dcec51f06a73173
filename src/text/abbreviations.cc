#include "text/abbreviations.h"

#include "core/tsv.h"

namespace sitrep {

void Abbreviations::add(std::string_view abbreviation, AbbrevClass cls) {
  table_.insert_or_assign(std::string(abbreviation), cls);
}

void Abbreviations::add_sentence_starter(std::string_view word) { starters_.emplace(word); }

Abbreviations Abbreviations::load(const std::string& data_dir) {
  Abbreviations a;
  TsvTable t = load_tsv(data_dir + "/abbreviations.tsv");
  size_t word = t.column("abbreviation"), cls = t.column("class");
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const std::string& c = t.rows[i][cls];
    AbbrevClass k = c == "title"     ? AbbrevClass::kTitle
                    : c == "month"   ? AbbrevClass::kMonth
                    : c == "weekday" ? AbbrevClass::kWeekday
                    : c == "number"  ? AbbrevClass::kNumber
                    : c == "general" ? AbbrevClass::kGeneral
                                     : AbbrevClass::kNone;
    if (k == AbbrevClass::kNone)
      throw TsvError(t.path + ":" + std::to_string(t.line_numbers[i]) + ": unknown class '" + c +
                     "' (title, month, weekday, number or general)");
    std::string w = t.rows[i][word];
    if (!w.empty() && w.back() == '.') w.pop_back();  // tolerate "Gen." written with its period
    if (w.empty()) throw TsvError(t.path + ":" + std::to_string(t.line_numbers[i]) + ": empty abbreviation");
    a.add(w, k);
  }
  TsvTable s = load_tsv(data_dir + "/sentence_starters.tsv");
  size_t sw = s.column("word");
  for (const auto& row : s.rows) a.add_sentence_starter(row[sw]);
  return a;
}

}  // namespace sitrep
