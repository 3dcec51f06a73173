// DependencyTree: each query on sentences written for it, with their trees
// given by hand (CoNLL-U), so that the answers test the API, not the parser.
#include "syntax/syntax.h"

#include <gtest/gtest.h>

#include <sstream>

#include "syntax/conllu.h"
#include "syntax/perceptron_tagger.h"

namespace sitrep {
namespace {

// A document of one sentence from "FORM XPOS HEAD DEPREL" lines (HEAD 1-based,
// 0 for the root), with its heads, relations and tags filled in.
Document tree_of(const std::string& rows) {
  std::istringstream in(rows);
  std::string conllu, line;
  int id = 0;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string form, xpos, head, rel;
    if (!(f >> form >> xpos >> head >> rel)) continue;
    conllu += std::to_string(++id) + "\t" + form + "\t_\t_\t" + xpos + "\t_\t" + head + "\t" + rel + "\t_\t_\n";
  }
  std::istringstream cin(conllu);
  ConlluReader reader(cin, "test");
  ConlluSentence s;
  EXPECT_TRUE(reader.next(s));
  Document doc = document_of(s);
  for (const ConlluWord& w : s.words) {
    doc.pos.push_back(pos_of_xpos(w.xpos));
    doc.heads.push_back(w.head == 0 ? kNone : w.head - 1);
    DepRel r = DepRel::kDep;
    EXPECT_TRUE(parse_deprel(w.deprel, r)) << w.deprel;
    doc.relations.push_back(r);
  }
  return doc;
}

// The token index of the first token spelled `word`.
int32_t at(const Document& doc, std::string_view word) {
  for (size_t i = 0; i < doc.tokens.size(); ++i)
    if (doc.text_of(doc.tokens[i]) == word) return static_cast<int32_t>(i);
  ADD_FAILURE() << "no token " << word;
  return kNone;
}

TEST(DependencyTree, ActiveClause) {
  Document d = tree_of(R"(Police NNS 2 nsubj
                          arrested VBD 0 root
                          the DT 4 det
                          man NN 2 obj
                          . . 2 punct)");
  DependencyTree t(d);
  const int32_t v = at(d, "arrested");
  EXPECT_EQ(t.subject(v), at(d, "Police"));
  EXPECT_EQ(t.object(v), at(d, "man"));
  EXPECT_FALSE(t.is_passive(v));
  EXPECT_EQ(t.agent(v), kNone);
  EXPECT_EQ(t.patient(v), at(d, "man"));
  EXPECT_EQ(t.clause_of(at(d, "the")), v);
  EXPECT_EQ(t.children(v).size(), 3u);
}

TEST(DependencyTree, PassiveWithAgent) {
  Document d = tree_of(R"(The DT 2 det
                          man NN 4 nsubj:pass
                          was VBD 4 aux:pass
                          arrested VBN 0 root
                          by IN 6 case
                          police NNS 4 obl:agent)");
  DependencyTree t(d);
  const int32_t v = at(d, "arrested");
  EXPECT_TRUE(t.is_passive(v));
  EXPECT_EQ(t.subject(v), at(d, "man"));
  EXPECT_EQ(t.patient(v), at(d, "man"));
  EXPECT_EQ(t.agent(v), at(d, "police"));
}

TEST(DependencyTree, AgentIsAByPhraseUnderAPassive) {
  // Some parses give the agent as plain obl: "by" under a passive verb marks it.
  Document d = tree_of(R"(The DT 2 det
                          town NN 4 nsubj:pass
                          was VBD 4 aux:pass
                          shelled VBN 0 root
                          by IN 6 case
                          troops NNS 4 obl
                          on IN 8 case
                          Monday NNP 4 obl)");
  DependencyTree t(d);
  EXPECT_EQ(t.agent(at(d, "shelled")), at(d, "troops"));
  Document active = tree_of(R"(He PRP 2 nsubj
                               stood VBD 0 root
                               by IN 4 case
                               troops NNS 2 obl)");
  EXPECT_EQ(DependencyTree(active).agent(1), kNone);
}

TEST(DependencyTree, CoordinatedVerbTakesTheFirstConjunctsSubject) {
  // "Sullivan told jurors he met Ebbers, told him about it and had warned him":
  // the verbs after the first are its conjuncts, with no subject of their own.
  Document d = tree_of(R"(Sullivan NNP 2 nsubj
                          told VBD 0 root
                          jurors NNS 2 iobj
                          he PRP 5 nsubj
                          met VBD 2 ccomp
                          Ebbers NNP 5 obj
                          , , 8 punct
                          told VBD 5 conj
                          him PRP 8 obj
                          and CC 12 cc
                          had VBD 12 aux
                          warned VBN 5 conj
                          him PRP 12 obj)");
  DependencyTree t(d);
  EXPECT_EQ(t.subject(11), at(d, "he"));
  EXPECT_EQ(t.subject(7), at(d, "he"));
  EXPECT_EQ(t.conjuncts(11), (std::vector<int32_t>{4, 7, 11}));
  EXPECT_EQ(t.complement(1), 4);
  EXPECT_EQ(t.clause_of(12), 11);  // "him" is in the clause of "warned"
  EXPECT_TRUE(t.heads_clause(7));
  EXPECT_EQ(t.clause_of(2), 1);
  // Without "he met", the conjunct takes the main clause's subject.
  Document e = tree_of(R"(Sullivan NNP 2 nsubj
                          met VBD 0 root
                          Ebbers NNP 2 obj
                          and CC 6 cc
                          had VBD 6 aux
                          warned VBN 2 conj
                          him PRP 6 obj)");
  EXPECT_EQ(DependencyTree(e).subject(5), 0);
  EXPECT_FALSE(DependencyTree(e).is_passive(5));  // a participle with "had" is not passive
}

TEST(DependencyTree, ReducedRelativeIsPassive) {
  // "one of six executives indicted in the case": the executives were indicted.
  Document d = tree_of(R"(one CD 0 root
                          of IN 4 case
                          six CD 4 nummod
                          executives NNS 1 nmod
                          indicted VBN 4 acl
                          in IN 8 case
                          the DT 8 det
                          case NN 5 obl)");
  DependencyTree t(d);
  const int32_t v = at(d, "indicted");
  EXPECT_TRUE(t.is_passive(v));
  EXPECT_EQ(t.subject(v), kNone);
  EXPECT_EQ(t.patient(v), at(d, "executives"));
  EXPECT_TRUE(t.heads_clause(v));
  // A present participle is the noun's own act: "militants firing rockets".
  Document e = tree_of(R"(militants NNS 0 root
                          firing VBG 1 acl
                          rockets NNS 2 obj)");
  DependencyTree u(e);
  EXPECT_EQ(u.subject(1), 0);
  EXPECT_FALSE(u.is_passive(1));
  EXPECT_EQ(u.patient(1), 2);
}

TEST(DependencyTree, CoordinatedParticipleOfAPassive) {
  Document d = tree_of(R"(He PRP 3 nsubj:pass
                          was VBD 3 aux:pass
                          arrested VBN 0 root
                          and CC 5 cc
                          charged VBN 3 conj)");
  DependencyTree t(d);
  EXPECT_TRUE(t.is_passive(4));
  EXPECT_EQ(t.patient(4), 0);
}

TEST(DependencyTree, ControlledAndRelativeSubjects) {
  Document urged = tree_of(R"(They PRP 2 nsubj
                              urged VBD 0 root
                              him PRP 2 obj
                              to TO 5 mark
                              leave VB 2 xcomp)");
  EXPECT_EQ(DependencyTree(urged).subject(4), 2);
  Document wanted = tree_of(R"(He PRP 2 nsubj
                               wanted VBD 0 root
                               to TO 4 mark
                               leave VB 2 xcomp)");
  EXPECT_EQ(DependencyTree(wanted).subject(3), 0);
  Document relative = tree_of(R"(the DT 2 det
                                 man NN 0 root
                                 who WP 4 nsubj
                                 shot VBD 2 acl:relcl
                                 him PRP 4 obj)");
  EXPECT_EQ(DependencyTree(relative).subject(3), 1);
  Document adverbial = tree_of(R"(The DT 2 det
                                  militants NNS 3 nsubj
                                  attacked VBD 0 root
                                  , , 5 punct
                                  killing VBG 3 advcl
                                  three CD 5 obj)");
  EXPECT_EQ(DependencyTree(adverbial).subject(4), 1);
  EXPECT_EQ(DependencyTree(adverbial).clause_of(5), 4);
}

TEST(DependencyTree, ComplementsAndConjunctsOfNouns) {
  Document d = tree_of(R"(Israel NNP 6 nsubj
                          , , 3 punct
                          Egypt NNP 1 conj
                          and CC 5 cc
                          Jordan NNP 1 conj
                          said VBD 0 root
                          that IN 9 mark
                          they PRP 9 nsubj
                          left VBD 6 ccomp)");
  DependencyTree t(d);
  EXPECT_EQ(t.conjuncts(2), (std::vector<int32_t>{0, 2, 4}));
  EXPECT_EQ(t.conjuncts(5), (std::vector<int32_t>{5}));
  EXPECT_EQ(t.subject(5), 0);
  EXPECT_EQ(t.complement(5), 8);
  EXPECT_EQ(t.clause_of(7), 8);
  EXPECT_FALSE(t.heads_clause(2));  // a coordinated noun heads no clause
}

TEST(DependencyTree, NoParseAnswersNothing) {
  Document d;
  d.tokens.resize(3);
  DependencyTree t(d);
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.subject(1), kNone);
  EXPECT_EQ(t.clause_of(1), kNone);
  EXPECT_FALSE(t.is_passive(1));
  EXPECT_TRUE(t.conjuncts(7).empty());
  EXPECT_TRUE(t.children(-1).empty());
}

}  // namespace
}  // namespace sitrep
