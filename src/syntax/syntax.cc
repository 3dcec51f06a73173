#include "syntax/syntax.h"

#include <algorithm>

namespace sitrep {

namespace {

bool is_subject(DepRel r) {
  return r == DepRel::kNsubj || r == DepRel::kNsubjPass || r == DepRel::kCsubj || r == DepRel::kCsubjPass;
}

bool lower_equals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? static_cast<char>(x + 32) : x) == y;
         });
}

}  // namespace

DependencyTree::DependencyTree(const Document& doc) : doc_(doc) {
  const size_t n = doc.tokens.size();
  if (doc.heads.size() != n || doc.relations.size() != n) return;
  heads_ = doc.heads;
  relations_ = doc.relations;
  first_child_.assign(n + 1, 0);
  for (size_t t = 0; t < n; ++t)
    if (valid(heads_[t])) ++first_child_[heads_[t] + 1];
  for (size_t t = 0; t < n; ++t) first_child_[t + 1] += first_child_[t];
  children_.resize(first_child_[n]);
  std::vector<uint32_t> next(first_child_.begin(), first_child_.end() - 1);
  for (size_t t = 0; t < n; ++t)  // in text order
    if (valid(heads_[t])) children_[next[heads_[t]]++] = static_cast<int32_t>(t);
}

std::span<const int32_t> DependencyTree::children(int32_t t) const {
  if (!valid(t)) return {};
  return std::span<const int32_t>(children_).subspan(first_child_[t], first_child_[t + 1] - first_child_[t]);
}

int32_t DependencyTree::child(int32_t t, DepRel r) const {
  for (int32_t c : children(t))
    if (relations_[c] == r) return c;
  return kNone;
}

bool DependencyTree::is_verb(int32_t t) const {
  if (static_cast<size_t>(t) < doc_.upos.size()) return doc_.upos[t] == Upos::kVERB || doc_.upos[t] == Upos::kAUX;
  if (static_cast<size_t>(t) < doc_.pos.size()) {
    Pos p = doc_.pos[t];
    return p == Pos::kMD || (p >= Pos::kVB && p <= Pos::kVBZ);
  }
  return false;
}

bool DependencyTree::relative_pronoun(int32_t t) const {
  if (static_cast<size_t>(t) < doc_.pos.size()) {
    Pos p = doc_.pos[t];
    if (p == Pos::kWDT || p == Pos::kWP) return true;
  }
  std::string_view w = doc_.text_of(doc_.tokens[t]);
  for (std::string_view r : {"who", "which", "that", "whom"})
    if (lower_equals(w, r)) return true;
  return false;
}

int32_t DependencyTree::own_subject(int32_t t) const {
  for (int32_t c : children(t))
    if (is_subject(relations_[c])) return c;
  return kNone;
}

int32_t DependencyTree::subject(int32_t t) const {
  // Each step climbs one arc, so a walk is at most as long as the sentence.
  for (size_t steps = 0; valid(t) && steps <= heads_.size(); ++steps) {
    const int32_t s = own_subject(t);
    const DepRel r = relations_[t];
    const int32_t h = heads_[t];
    if (s != kNone) {
      if ((r == DepRel::kAclRelcl || r == DepRel::kAdvclRelcl) && relative_pronoun(s) && valid(h)) return h;
      return s;
    }
    switch (r) {
      case DepRel::kConj:
      case DepRel::kAdvcl:
        t = h;
        continue;
      case DepRel::kXcomp: {
        int32_t controller = object(h);
        if (controller != kNone) return controller;
        t = h;
        continue;
      }
      case DepRel::kAcl:
        // "militants firing rockets": the noun acts; "executives indicted":
        // it undergoes (see patient()).
        if (static_cast<size_t>(t) < doc_.pos.size() && doc_.pos[t] == Pos::kVBG) return h;
        return kNone;
      default:
        return kNone;
    }
  }
  return kNone;
}

int32_t DependencyTree::object(int32_t t) const {
  int32_t o = child(t, DepRel::kObj);
  return o != kNone ? o : child(t, DepRel::kIobj);
}

bool DependencyTree::is_passive(int32_t t) const {
  for (size_t steps = 0; valid(t) && steps <= heads_.size(); ++steps) {
    for (int32_t c : children(t)) {
      DepRel r = relations_[c];
      if (r == DepRel::kAuxPass || r == DepRel::kNsubjPass || r == DepRel::kCsubjPass) return true;
    }
    const bool participle = static_cast<size_t>(t) < doc_.pos.size() && doc_.pos[t] == Pos::kVBN;
    if (!participle) return false;
    if (relations_[t] == DepRel::kAcl) return true;
    // "was arrested and charged": a participle coordinated with a passive
    // and with no subject of its own.
    if (relations_[t] != DepRel::kConj || own_subject(t) != kNone) return false;
    t = heads_[t];
  }
  return false;
}

int32_t DependencyTree::agent(int32_t t) const {
  if (int32_t a = child(t, DepRel::kOblAgent); a != kNone) return a;
  if (!is_passive(t)) return kNone;
  for (int32_t c : children(t)) {
    if (relations_[c] != DepRel::kObl) continue;
    for (int32_t m : children(c))
      if (relations_[m] == DepRel::kCase && lower_equals(doc_.text_of(doc_.tokens[m]), "by")) return c;
  }
  return kNone;
}

int32_t DependencyTree::patient(int32_t t) const {
  if (!valid(t)) return kNone;
  if (!is_passive(t)) return object(t);
  if (relations_[t] == DepRel::kAcl) return heads_[t];
  return subject(t);
}

int32_t DependencyTree::complement(int32_t t) const {
  int32_t c = child(t, DepRel::kCcomp);
  return c != kNone ? c : child(t, DepRel::kXcomp);
}

std::vector<int32_t> DependencyTree::conjuncts(int32_t t) const {
  if (!valid(t)) return {};
  // UD attaches every later conjunct to the first.
  int32_t first = t;
  for (size_t steps = 0; relations_[first] == DepRel::kConj && valid(heads_[first]) && steps <= heads_.size(); ++steps)
    first = heads_[first];
  std::vector<int32_t> out{first};
  for (int32_t c : children(first))
    if (relations_[c] == DepRel::kConj) out.push_back(c);
  std::sort(out.begin(), out.end());
  return out;
}

bool DependencyTree::heads_clause(int32_t t) const {
  if (!valid(t)) return false;
  switch (relations_[t]) {
    case DepRel::kRoot:
    case DepRel::kCcomp:
    case DepRel::kXcomp:
    case DepRel::kAdvcl:
    case DepRel::kAdvclRelcl:
    case DepRel::kAcl:
    case DepRel::kAclRelcl:
    case DepRel::kCsubj:
    case DepRel::kCsubjPass:
    case DepRel::kCsubjOuter:
    case DepRel::kParataxis:
      return true;
    case DepRel::kConj:
      // A coordinated predicate heads a clause of its own; a coordinated
      // noun does not.
      return heads_clause(heads_[t]) && (is_verb(t) || own_subject(t) != kNone || child(t, DepRel::kCop) != kNone);
    default:
      return heads_[t] == kNone;  // a sentence's root, or a word the parser left out
  }
}

int32_t DependencyTree::clause_of(int32_t t) const {
  for (size_t steps = 0; valid(t) && steps <= heads_.size(); ++steps) {
    if (heads_clause(t)) return t;
    t = heads_[t];
  }
  return kNone;
}

}  // namespace sitrep
