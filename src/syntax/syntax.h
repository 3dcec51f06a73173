// DependencyTree: the questions later stages ask of a sentence's parse
// (Document::heads, Document::relations): a predicate's subject, object and
// passive agent, whether it is passive, its clausal complement, the
// conjuncts of a word, and the clause a word belongs to. Answers are token
// indices, kNone when there is none.
//
// Built once per document in O(n) (children lists); every query is a walk
// over a few tokens. A document without a parse gives kNone and false.
//
//   DependencyTree tree(doc);
//   int32_t actor = tree.subject(verb);     // "had warned" in "X told jurors
//                                            // he met Y and had warned him": X's clause
//   if (tree.is_passive(verb)) actor = tree.agent(verb);
//   int32_t target = tree.patient(verb);    // the object, or the passive's subject
//
// Relations follow Universal Dependencies v2 (universaldependencies.org/u/dep).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sitrep/document.h"

namespace sitrep {

class DependencyTree {
 public:
  explicit DependencyTree(const Document& doc);

  bool empty() const { return heads_.empty(); }
  int32_t head(int32_t t) const { return valid(t) ? heads_[t] : kNone; }
  DepRel relation(int32_t t) const { return valid(t) ? relations_[t] : DepRel::kDep; }
  // Dependents of t in text order.
  std::span<const int32_t> children(int32_t t) const;
  // The first dependent of t with relation r, kNone when none.
  int32_t child(int32_t t, DepRel r) const;

  // The subject of predicate t: its nsubj, nsubj:pass, csubj or csubj:pass.
  // Without one of its own, a subject it shares:
  // - a coordinated predicate takes its first conjunct's ("he met Y and had
  //   warned him": "warned" takes "he");
  // - an open complement (xcomp) takes its controller: the governing verb's
  //   object if it has one ("urged them to leave": them), else its subject
  //   ("wanted to leave");
  // - an adverbial clause without a subject takes the main clause's ("the
  //   militants attacked, killing three": the militants);
  // - a relative clause's relative pronoun stands for the noun it modifies
  //   ("the man who shot him": man);
  // - a reduced relative with a present participle is the noun's own act
  //   ("militants firing rockets": militants).
  // A passive's subject is its patient (see patient()).
  int32_t subject(int32_t t) const;
  // The direct object (obj), else the indirect one (iobj).
  int32_t object(int32_t t) const;
  // Whether t is a passive verb: with aux:pass or a passive subject, a
  // reduced relative in the past participle ("executives indicted in the
  // case"), or a participle coordinated with a passive ("was arrested and
  // charged").
  bool is_passive(int32_t t) const;
  // The agent of a passive: obl:agent, or an obl introduced by "by".
  int32_t agent(int32_t t) const;
  // Who or what undergoes t: the object of an active verb; the subject of a
  // passive, or for a reduced relative the noun it modifies ("executives").
  int32_t patient(int32_t t) const;
  // The clausal complement: ccomp, else xcomp.
  int32_t complement(int32_t t) const;
  // Every conjunct of the coordination t belongs to, t included, in text
  // order; {t} when t is coordinated with nothing.
  std::vector<int32_t> conjuncts(int32_t t) const;
  // The head of the clause t belongs to: t itself or its nearest ancestor
  // that heads a clause (the root, a clausal complement, an adverbial or
  // relative clause, parataxis, or a coordinated predicate).
  int32_t clause_of(int32_t t) const;
  bool heads_clause(int32_t t) const;

 private:
  bool valid(int32_t t) const { return t >= 0 && static_cast<size_t>(t) < heads_.size(); }
  bool relative_pronoun(int32_t t) const;
  bool is_verb(int32_t t) const;
  int32_t own_subject(int32_t t) const;

  const Document& doc_;
  std::span<const int32_t> heads_;
  std::span<const DepRel> relations_;
  std::vector<uint32_t> first_child_;  // n + 1 offsets into children_
  std::vector<int32_t> children_;
};

}  // namespace sitrep
