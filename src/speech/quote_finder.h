// QuoteFinder: direct and partial quotes and reported speech, with their
// speakers (Document::quotes, Document::reported).
//
// Quotes: marks are paired within a paragraph (curly or straight; single
// marks nested in double ones stay part of the outer quote). An opening mark
// left open ends its quote at the paragraph end, so a stray mark never takes
// the rest of the article; a quotation that runs on into the next paragraph
// (which opens with a mark) is one quote per paragraph. A quote is attributed
// by the cue after it (“…,” X said / said X, the Y of Z), the cue before it
// (X said: “…”), or, with no cue, as the continuation of the quote before it in
// the same or previous paragraph (“…,” he said. “…”). A quote that starts
// mid-sentence in lower case is partial; its cue is the nearest speech cue of
// its sentence. One or two quoted words with no cue in the sentence are scare
// quotes, and a few capitalised words mid-sentence a name, not quotes.
//
// Reported speech: a cue from data/speech_cues.tsv with a frame that fits the
// words around it (said that ..., said it would ..., told reporters ...,
// accused X of ..., ..., the agency said, according to X); the content runs to
// the end of its clause.
//
// Speakers: the entity of the mention that is the cue's subject, found left of
// the cue (across an apposition or a "who" clause), right of it in inversion
// ("said Netanyahu"), or inherited from the clause's earlier cue (", adding",
// "and warned"). A pronoun subject is first read as the speaker of an earlier
// cue in its sentence or of the sentence before, then by coreference's
// mention; a pronoun or definite role noun ("the council") that nothing else
// resolves falls back to the most recent compatible entity (speakers.h,
// recent_entity). First-person pronouns never name a speaker; an entity that
// cannot speak (an event, a place) is no speaker; nothing that fits gives kNone.
// An unnamed source ("a senior official", "Western diplomats", "Police",
// "Ukraine’s air force", "according to a local rights group") becomes an
// entity of its own (Entity::kind "source") with the phrase as its nominal
// mention; a later definite phrase with its words ("the rights group", "the
// official") is that entity. A person's office speaks for the person
// ("President X’s office"); a name before "of" heads the phrase ("the Eastern
// Command of the People’s Liberation Army").
// The stage adds those entities and mentions to the document.
//
// Every scan stays within a fixed reach of tokens, so the work per article is
// linear however long its sentences are.
//
//   pipeline.add(std::make_unique<QuoteFinder>(data_dir));  // after names, entities, coreference
#pragma once

#include <memory>
#include <string>

#include "sitrep/pipeline.h"

namespace sitrep {

class SpeechLexicon;

class QuoteFinder : public Stage {
 public:
  // Loads data/speech_cues.tsv and data/speech_words.tsv from data_dir;
  // throws TsvError naming file:line on a malformed file.
  explicit QuoteFinder(const std::string& data_dir);
  explicit QuoteFinder(std::shared_ptr<const SpeechLexicon> lexicon);
  ~QuoteFinder() override;

  std::string_view name() const override { return "quote_finder"; }
  LayerSet requires_layers() const override {
    return kTokensLayer | kSentencesLayer | kMentionsLayer | kEntitiesLayer;
  }
  LayerSet assigns_layers() const override {
    return kQuotesLayer | kReportedLayer | kMentionsLayer | kEntitiesLayer;
  }
  void run(Document& doc) const override;

 private:
  std::shared_ptr<const SpeechLexicon> lexicon_;
};

}  // namespace sitrep
