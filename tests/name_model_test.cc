// The name model (entities/name_model.h): its labels and decoding, its model
// file, its trainer, and how the name finder combines it with the lists, on
// sentences written for these tests.
#include "entities/name_model.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "entities/name_finder.h"
#include "entities/name_trainer.h"
#include "sitrep/engine.h"
#include "temp_dir.h"

namespace sitrep {
namespace {

using testing::TempDir;

constexpr uint8_t kO = 0;
constexpr uint8_t B(NameType t) { return name_label(t, BilouPart::kBegin); }
constexpr uint8_t I(NameType t) { return name_label(t, BilouPart::kInside); }
constexpr uint8_t L(NameType t) { return name_label(t, BilouPart::kLast); }
constexpr uint8_t U(NameType t) { return name_label(t, BilouPart::kUnit); }
constexpr NameType kPer = NameType::kPer, kOrg = NameType::kOrg, kLoc = NameType::kLoc;

TEST(NameModel, LabelsFollowTheBilouConstraints) {
  EXPECT_EQ(label_name(kO), "O");
  EXPECT_EQ(label_name(B(kPer)), "B-PER");
  EXPECT_EQ(label_name(U(kLoc)), "U-LOC");
  EXPECT_TRUE(label_may_follow(kO, B(kOrg)));
  EXPECT_TRUE(label_may_follow(U(kOrg), U(kPer)));
  EXPECT_FALSE(label_may_follow(kO, I(kOrg)));        // an inside label needs a beginning
  EXPECT_FALSE(label_may_follow(B(kOrg), L(kPer)));   // of its own type
  EXPECT_FALSE(label_may_follow(B(kOrg), kO));        // a name that began must end
  EXPECT_TRUE(label_may_follow(I(kOrg), L(kOrg)));
  EXPECT_FALSE(label_may_follow(L(kOrg), I(kOrg)));
}

TEST(NameModel, ViterbiFindsTheBestAllowedLabels) {
  // Three tokens; alone, token 0 prefers I-PER (not allowed first) and
  // token 2 B-ORG (not allowed last).
  std::vector<int32_t> base(3 * kNameLabels, 0);
  base[0 * kNameLabels + I(kPer)] = 50;
  base[0 * kNameLabels + B(kPer)] = 10;
  base[1 * kNameLabels + L(kPer)] = 20;
  base[2 * kNameLabels + B(kOrg)] = 30;
  base[2 * kNameLabels + U(kLoc)] = 5;
  auto no_history = [](size_t, uint32_t, int32_t*) {};
  uint8_t out[3];
  std::vector<int32_t> chosen(3 * kNameLabels);
  viterbi<int32_t>(3, base.data(), no_history, out, chosen.data());
  EXPECT_EQ(out[0], B(kPer));
  EXPECT_EQ(out[1], L(kPer));
  EXPECT_EQ(out[2], U(kLoc));
  EXPECT_EQ(chosen[2 * kNameLabels + B(kOrg)], 30);
}

TEST(NameModel, SpansAreReadFromTheLabels) {
  Document doc;
  doc.tokens.resize(7);
  doc.name_tags = {B(kPer), L(kPer), kO, U(kLoc), B(kOrg), I(kOrg), L(kOrg)};
  std::vector<NameSpan> spans = name_spans(doc, 0, 7);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].begin, 0u);
  EXPECT_EQ(spans[0].end, 2u);
  EXPECT_EQ(spans[0].type, kPer);
  EXPECT_EQ(spans[1].begin, 3u);
  EXPECT_EQ(spans[2].end, 7u);
  EXPECT_EQ(spans[2].type, kOrg);
}

TEST(NameModel, ABadModelFileIsAnErrorNamingIt) {
  TempDir dir;
  auto gaz = std::shared_ptr<const Gazetteer>();
  auto lex = std::shared_ptr<const NameLexicon>();
  auto message = [&](const std::string& path) {
    try {
      NameModel::load(path, gaz, lex);
    } catch (const learn::ModelError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(dir.path() + "/none.model").find("none.model"), std::string::npos);
  const std::string garbage = dir.write("garbage.model", "not a model at all\n");
  EXPECT_NE(message(garbage).find("garbage.model"), std::string::npos);
  // A tagger's model is not a name model.
  const std::string tagger = std::string(SITREP_SOURCE_DATA_DIR) + "/models/tagger.model";
  EXPECT_NE(message(tagger).find("tagger.model"), std::string::npos);
  // Cut short: the checksum fails.
  std::ifstream in(std::string(SITREP_SOURCE_DATA_DIR) + "/models/names.model", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  const std::string cut = dir.write("cut.model", bytes.substr(0, bytes.size() / 2));
  EXPECT_NE(message(cut).find("cut.model"), std::string::npos);
}

const NameStages& stages() {
  static const NameStages s = NameStages::load(SITREP_SOURCE_DATA_DIR);
  return s;
}

// Which tokens the model is asked about: words with a capital, and short
// links between them; lower case among lower case is outside any name.
TEST(NameModel, AsksAboutCapitalisedWordsAndTheLinksBetweenThem) {
  static const Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .text = "The Bank of England raised rates, the bank said. Johnson & Johnson filed a lawsuit against eBay."});
  for (const auto& stage : p.stages()) {
    if (stage->name() == std::string_view("name model")) break;
    stage->run(doc);
  }
  const NameEvidence ev(doc, *stages().gazetteer, *stages().lexicon, nullptr);
  std::string asked;
  for (size_t i = 0; i < doc.tokens.size(); ++i)
    if (ev[i].asked) asked += std::string(asked.empty() ? "" : " ") + std::string(doc.text_of(doc.tokens[i]));
  EXPECT_EQ(asked, "The Bank of England Johnson & Johnson eBay");
}

TEST(NameTrainer, TheSameDataGivesTheSameBytesAndTheModelLearnsIt) {
  TempDir dir;
  std::string bio;
  for (int copy = 0; copy < 3; ++copy) {
    bio += "-DOCSTART-\n\n";
    bio += "Kofi\tB-PER\nMensah\tI-PER\nvisited\tO\nAccra\tB-LOC\non\tO\nMonday\tO\n.\tO\n\n";
    bio += "The\tO\nBank\tB-ORG\nof\tI-ORG\nGhana\tI-ORG\nraised\tO\nrates\tO\n.\tO\n\n";
  }
  const std::string path = dir.write("tiny.bio", bio);
  std::vector<NameDocument> docs = read_bio(path, stages());
  ASSERT_EQ(docs.size(), 3u);
  NameTrainOptions o;
  o.epochs = 4;
  const std::string a = train_names(docs, {}, stages(), o).serialize();
  const std::string b = train_names(docs, {}, stages(), o).serialize();
  EXPECT_EQ(a, b);
  const learn::ModelFile file = learn::ModelFile::parse(a, "tiny.model", "names");
  NameModel model(file, stages().gazetteer, stages().lexicon);
  NameScore score = evaluate_names(model, docs);
  EXPECT_EQ(score.f(), 1.0) << score.right[0] << " " << score.right[1] << " " << score.right[2];
  // A malformed tag is an error naming file and line.
  const std::string bad = dir.write("bad.bio", "Kofi\tB-PER\nMensah\tX-PER\n");
  try {
    read_bio(bad, stages());
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.bio:2"), std::string::npos) << e.what();
  }
}

// The scores of a word's own features are kept per thread across articles;
// they belong to one model. Two models that read "Tema" differently, used in
// turn on one thread, each give what it gives alone on a fresh thread.
TEST(NameModel, ScoresKeptAcrossArticlesAreEachModelsOwn) {
  TempDir dir;
  auto train = [&](const std::string& name, const std::string& tema) {
    std::string bio;
    for (int copy = 0; copy < 3; ++copy) {
      bio += "-DOCSTART-\n\n";
      bio += "Kofi\tB-PER\nMensah\tI-PER\nvisited\tO\nTema\t" + tema + "\non\tO\nMonday\tO\n.\tO\n\n";
      bio += "The\tO\nBank\tB-ORG\nof\tI-ORG\nGhana\tI-ORG\nraised\tO\nrates\tO\n.\tO\n\n";
    }
    std::vector<NameDocument> docs = read_bio(dir.write(name, bio), stages());
    NameTrainOptions o;
    o.epochs = 4;
    const learn::ModelFile file =
        learn::ModelFile::parse(train_names(docs, {}, stages(), o).serialize(), name, "names");
    return std::make_unique<NameModel>(file, stages().gazetteer, stages().lexicon);
  };
  const auto place = train("place.bio", "B-LOC"), firm = train("firm.bio", "B-ORG");
  static const Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  auto labels = [&](const NameModel& model, const std::string& text) {
    Document doc(Article{.id = "t", .text = text});
    for (const auto& stage : p.stages()) {
      if (stage->name() == std::string_view("name model")) break;
      stage->run(doc);
    }
    model.run(doc);
    std::string out;
    for (size_t i = 0; i < doc.tokens.size(); ++i) out += label_name(doc.name_tags[i]) + " ";
    for (int32_t score : doc.name_scores) out += std::to_string(score) + ",";
    return out;
  };
  const std::string text = "Ama Owusu visited Tema on Monday.";
  std::string place_alone, firm_alone;
  std::thread([&] { place_alone = labels(*place, text); }).join();
  std::thread([&] { firm_alone = labels(*firm, text); }).join();
  ASSERT_NE(place_alone, firm_alone);
  EXPECT_NE(place_alone.find("U-LOC"), std::string::npos) << place_alone;
  EXPECT_NE(firm_alone.find("U-ORG"), std::string::npos) << firm_alone;
  // One thread, the models in turn, with other articles between.
  EXPECT_EQ(labels(*place, text), place_alone);
  EXPECT_EQ(labels(*firm, "The Bank of Ghana met Kofi Mensah in Tema."), labels(*firm, "The Bank of Ghana met Kofi Mensah in Tema."));
  EXPECT_EQ(labels(*firm, text), firm_alone);
  EXPECT_EQ(labels(*place, text), place_alone);
}

// A word's own scores, kept across articles, are keyed by its form and its
// shape: an apostrophe that opens a quote ("O 'Neill") and one that closes a
// plural possessive ("Dockers' Union") read differently, whichever came first.
TEST(NameModel, AnArticleIsLabelledAloneWhateverCameBeforeIt) {
  static const Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  auto labels = [&](const std::string& text) {
    Document doc(Article{.id = "t", .text = text});
    p.run(doc);
    std::string out;
    for (size_t i = 0; i < doc.tokens.size(); ++i) out += label_name(doc.name_tags[i]) + " ";
    for (int32_t score : doc.name_scores) out += std::to_string(score) + ",";
    return out;
  };
  const std::string before = "A contrary view came from Maria O 'Neill, an economist at a college in Leeds.";
  const std::string after = "Some 40,000 members of the Croatian Dockers' Union stopped work on Monday.";
  std::string alone, following;
  std::thread([&] { alone = labels(after); }).join();
  std::thread([&] {
    labels(before);
    following = labels(after);
  }).join();
  EXPECT_EQ(following, alone);
}

// --- the lists and the model together --------------------------------------

// The document through the stages before the name finder, with the model's
// labels replaced by `labels` (token text -> label; O elsewhere), scored so
// that the given label wins at each token, then the name finder with the
// lists and the model.
std::string combined(const std::string& text, const std::vector<std::pair<std::string, uint8_t>>& labels) {
  static const Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .text = text});
  const NameFinder* finder = nullptr;
  for (const auto& stage : p.stages()) {
    if (stage->name() == std::string_view("names")) {
      finder = static_cast<const NameFinder*>(stage.get());
      break;
    }
    stage->run(doc);
  }
  EXPECT_NE(finder, nullptr);
  doc.name_tags.assign(doc.tokens.size(), kO);
  doc.name_scores.assign(doc.tokens.size() * kNameLabels, 0);
  size_t next = 0;
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    uint8_t l = kO;
    if (next < labels.size() && doc.text_of(doc.tokens[i]) == labels[next].first) l = labels[next++].second;
    doc.name_tags[i] = l;
    doc.name_scores[i * kNameLabels + l] = 100;
  }
  EXPECT_EQ(next, labels.size()) << "not every labelled token was found";
  finder->run(doc);
  std::string out;
  for (const Mention& m : doc.mentions) {
    if (m.kind != MentionKind::kName) continue;
    if (!out.empty()) out += " | ";
    out += std::string(doc.text_of(m.span)) + "/" + std::string(to_string(m.type));
  }
  return out;
}

TEST(NameCombination, TheModelsLongerNameWinsOverAPlaceInIt) {
  EXPECT_EQ(combined("Fans cheered as Manchester United signed a striker.",
                     {{"Manchester", B(kOrg)}, {"United", L(kOrg)}}),
            "Manchester United/ORG");
}

TEST(NameCombination, APlacesNameGivesWayToAClubCountriesDoNot) {
  EXPECT_EQ(combined("In the league, Valencia beat Sevilla 2-1 on Sunday.",
                     {{"Valencia", U(kOrg)}, {"Sevilla", U(kOrg)}}),
            "Valencia/ORG | Sevilla/ORG");
  EXPECT_EQ(combined("In the qualifier, Kenya beat Uganda 2-1 on Sunday.", {{"Kenya", U(kOrg)}, {"Uganda", U(kOrg)}}),
            "Kenya/GPE | Uganda/GPE");
}

TEST(NameCombination, ANameTheListsDoNotKnowIsTheModelsToJudge) {
  // The rules would take "Zorvath Quintel" for an organisation by default.
  EXPECT_EQ(combined("Shares rose after Zorvath Quintel joined the board.", {{"Zorvath", B(kPer)}, {"Quintel", L(kPer)}}),
            "Zorvath Quintel/PERSON");
  // And no name at all where the model sees none.
  EXPECT_EQ(combined("Shares rose after Zorvath Quintel joined the board.", {}), "");
}

TEST(NameCombination, TheArticlesOwnNamesComeFirst) {
  // A later surname and an acronym of a name given before are names, even
  // where the model sees none.
  EXPECT_EQ(combined("Joseph Mwansa won the vote. The crowd cheered Mwansa in Lusaka.",
                     {{"Joseph", B(kPer)}, {"Mwansa", L(kPer)}, {"Lusaka", U(kLoc)}}),
            "Joseph Mwansa/PERSON | Mwansa/PERSON | Lusaka/GPE");
  EXPECT_EQ(combined("The Ethics and Anti-Corruption Commission opened a case. Officers of the EACC came.", {}),
            "Ethics and Anti-Corruption Commission/ORG | EACC/ORG");
}

TEST(NameCombination, TitlesStayOutOfNames) {
  EXPECT_EQ(combined("Senator Paul Okonjo resigned.", {{"Senator", B(kPer)}, {"Paul", I(kPer)}, {"Okonjo", L(kPer)}}),
            "Paul Okonjo/PERSON");
}

TEST(NameCombination, TheModelReadsLinesInCapitals) {
  EXPECT_EQ(combined("NAIROBI RAIN FLOODS STREETS\n\nHeavy rain fell on Monday.", {{"NAIROBI", U(kLoc)}}),
            "NAIROBI/GPE");
}

// The learnt model itself, on sentences where it should not hesitate.
TEST(NameModel, TheCommittedModelReadsPlainNews) {
  static const Pipeline p = build_pipeline(SITREP_SOURCE_DATA_DIR);
  Document doc(Article{.id = "t", .text = "Officials in Kenya met Joseph Mwansa and General Motors in Nairobi on Monday."});
  p.run(doc);
  std::string out;
  for (const auto& s : doc.sentences)
    for (const NameSpan& n : name_spans(doc, s.first_token, s.end_token))
      out += std::string(doc.text_of(ByteSpan{doc.tokens[n.begin].begin, doc.tokens[n.end - 1].end})) + "/" +
             std::string(to_string(n.type)) + " ";
  EXPECT_EQ(out, "Kenya/LOC Joseph Mwansa/PER General Motors/ORG Nairobi/LOC ");
}

}  // namespace
}  // namespace sitrep
