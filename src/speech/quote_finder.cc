#include "speech/quote_finder.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <utility>

#include "speech/speech_lexicon.h"
#include "speech/speakers.h"
#include "syntax/syntax.h"

namespace sitrep {

QuoteFinder::QuoteFinder(const std::string& data_dir)
    : lexicon_(std::make_shared<const SpeechLexicon>(SpeechLexicon::load(data_dir))) {}

QuoteFinder::QuoteFinder(std::shared_ptr<const SpeechLexicon> lexicon) : lexicon_(std::move(lexicon)) {}

QuoteFinder::~QuoteFinder() = default;

namespace {

using Lex = SpeechLexicon;

// The quotes and reported speech of one document. SpeechReader has paired the
// quotation marks; then reported speech is read cue by cue, and each quote is
// attributed after it (a quote without a cue may take the speaker of the
// reported speech before it in its paragraph, a partial quote that of the
// report it sits in).
class SpeechFinder : public SpeakerReader {
 public:
  SpeechFinder(Document& doc, const Lex& lex) : SpeakerReader(doc, lex) {
    if (doc.heads.size() == n_ && doc.relations.size() == n_) tree_.emplace(doc);
  }

  void run() {
    read_reported();
    attribute_quotes();
    finish_sources();
  }

 private:
  // ---- reported speech ----------------------------------------------------

  void read_reported() {
    for (uint32_t i = 0; i < n_; ++i) {
      if (cue_[i] < 0 || in_quote(i)) continue;
      const Lex::Cue& cue = lex_.cue(cue_[i]);
      const uint32_t after = i + cue_len_[i];
      const Sentence& s = doc_.sentences[static_cast<size_t>(sentence_[i])];
      if (cue.cls == Lex::CueClass::kNoun) {
        read_noun_cue(i, s);
        continue;
      }
      if (cue.cls == Lex::CueClass::kPhrase) {
        read_according_to(i, s);
        continue;
      }
      // “…,” said X / “…,” X said: the words after an inverted cue name the speaker
      const bool after_quote = i > s.first_token && (is_mark(i - 1) || (is_comma(i - 1) && i - 1 > s.first_token &&
                                                                          is_mark(i - 2)));
      // (but “…,” noting that ...: a participle with a clause of its own reports it)
      const bool own_clause = gerund(i) && after < s.end_token && (bits_[after] & kThatWord) && (cue.frames & Lex::kThat);
      if (after_quote && !own_clause) continue;
      // "The bridge, said X, will open": an inverted cue inside a split
      // content, whose words after it are its subject, not a clause of its own.
      if ((cue.frames & Lex::kParen) && i > content_start(s) + 1 && is_comma(i - 1) &&
          split_rest(after, s, content_start(s), i - 1) != 0) {
        read_parenthetical(i, s);
        continue;
      }
      int64_t start = -1;
      if (cue.frames & Lex::kThat) start = that_clause(after, s, cue.frames & Lex::kObject);
      if (start < 0 && (cue.frames & Lex::kClause)) start = bare_clause(after, s, cue.frames & Lex::kObject);
      if (start < 0 && (cue.frames & Lex::kNpClause)) start = np_clause(after, s);
      if (start < 0 && (cue.frames & Lex::kOf) && after < s.end_token && (bits_[after] & kOfWord))
        start = after + 1;
      if (start < 0 && (cue.frames & Lex::kGerund) && after < s.end_token && gerund(after)) start = after;
      if (start < 0 && (cue.frames & Lex::kAccusation)) start = accusation(after, s);
      if (start < 0 && (cue.frames & Lex::kPredicative)) start = predicative(after, s);
      // vowed [on Monday] to V ...: the content starts at the verb.
      // ("is expected to V" is a passive: no intention of the subject's.)
      const bool passive = i > s.first_token && doc_.lemmas.size() == n_ && doc_.lemmas[i - 1] == "be";
      if (start < 0 && (cue.frames & Lex::kTo) && !passive) {
        const uint32_t to = skip_time_adjuncts(after, s.end_token);
        if (to + 1 < s.end_token && (bits_[to] & kToWord) && is_word(to + 1) && !is_mark(to + 1)) start = to + 1;
      }
      if (start >= 0) {
        emit_clauses(static_cast<uint32_t>(start), s, i, speaker_of_cue(i));
        continue;
      }
      if (cue.frames & Lex::kParen) read_parenthetical(i, s);
    }
    for (const Sentence& sentence : doc_.sentences) read_view(sentence);
    for (const EvidentialAt& e : evidentials_) {
      if (in_quote(e.token)) continue;
      const Lex::Evidential& ev = lex_.evidential(e.evidential);
      if (ev.adverb) read_adverb(e.token, ev, sentence_of(e.token));
      else if (ev.frames & (Lex::kPossessorThat | Lex::kPossessorTo)) read_possessor_is(e.token, ev, sentence_of(e.token));
      else read_passive(e.token, ev, sentence_of(e.token));
    }
    std::sort(doc_.reported.begin(), doc_.reported.end(),
              [](const ReportedSpeech& a, const ReportedSpeech& b) { return a.span.begin < b.span.begin; });
  }

  // said [on Monday | in a statement | reporters ...] that CLAUSE
  int64_t that_clause(uint32_t p, const Sentence& s, bool takes_object) const {
    if (p >= s.end_token) return -1;
    // What stands between the cue and "that" is an adjunct (a preposition or
    // time word first) or, for told/warned, the listener; a "that" after a
    // plain object ("said the plan that ...") is a relative pronoun.
    if (!(bits_[p] & (kThatWord | Lex::kPreposition | Lex::kTime | Lex::kTimeModifier)) && !takes_object) return -1;
    for (uint32_t q = p; q < s.end_token && q < p + 12; ++q) {
      if (bits_[q] & kThatWord) return q + 1 < s.end_token ? int64_t{q} + 1 : -1;
      // (a noun cue in the adjunct is the same report: "said in a statement that ...")
      const bool noun_cue = cue_[q] >= 0 && lex_.cue(cue_[q]).cls == Lex::CueClass::kNoun;
      if (is_punct(q) || is_mark(q) || (cue_[q] >= 0 && !noun_cue) || (bits_[q] & kToWord)) break;
    }
    return -1;
  }

  // said [Monday] it would ... / told reporters she would ...
  int64_t bare_clause(uint32_t p, const Sentence& s, bool takes_object) const {
    p = skip_time_adjuncts(p, s.end_token);
    if (takes_object) {
      // The listener, a short noun phrase ("reporters", "the committee"); the
      // clause starts where a subject pronoun or a new determiner does
      // ("told reporters she would ...", "told reporters the search would ...").
      uint32_t q = p;
      if (q < s.end_token && (bits_[q] & (Lex::kDeterminer | Lex::kPossessive))) ++q;
      for (uint32_t k = 0; k < 3 && q < s.end_token && is_word(q) && !(bits_[q] & (Lex::kPronoun | Lex::kDeterminer));
           ++k)
        ++q;
      if (q == p || q >= s.end_token || !(bits_[q] & (Lex::kPronoun | Lex::kDeterminer))) return -1;
      return clause_starts_at(q, s) ? int64_t{q} : -1;
    }
    return clause_starts_at(p, s) ? int64_t{p} : -1;
  }

  // fear [that] the truce will collapse: a short noun phrase, then at once a
  // finite verb (not "feared the worst", "fear a wider war in the region").
  int64_t np_clause(uint32_t p, const Sentence& s) const {
    p = skip_time_adjuncts(p, s.end_token);
    uint32_t q = p;
    if (q < s.end_token && (bits_[q] & (Lex::kDeterminer | Lex::kPossessive))) ++q;
    const uint32_t words = q;
    while (q < s.end_token && q < words + 3 && (is_word(q) || doc_.tokens[q].kind == TokenKind::kAbbrev) &&
           !(bits_[q] & (Lex::kPreposition | Lex::kPronoun | Lex::kFirstPerson | Lex::kRelative | Lex::kCoordinator |
                         Lex::kSubordinator | kThatWord | kToWord | kOfWord)) &&
           cue_[q] < 0 && !has_verb_sign(q, q + 1))
      ++q;
    if (q == words || q >= s.end_token || in_quote(p)) return -1;
    const bool finite = (bits_[q] & (Lex::kAuxiliary | Lex::kPast)) ||
                        (has_tags_ && (doc_.pos[q] == Pos::kVBD || doc_.pos[q] == Pos::kVBZ ||
                                       doc_.pos[q] == Pos::kVBP || doc_.pos[q] == Pos::kMD));
    return finite ? int64_t{p} : -1;
  }

  // accused the army of V-ing ... ; the firms it accused of V-ing ...
  int64_t accusation(uint32_t p, const Sentence& s) const {
    for (uint32_t q = p; q < s.end_token && q < p + 10; ++q) {
      if (bits_[q] & kOfWord) return q + 1 < s.end_token && gerund(q + 1) ? int64_t{q} + 1 : -1;
      if (is_punct(q) || is_mark(q)) break;
    }
    return -1;
  }

  // called each filling a violation of ...: an object, then a second noun
  // phrase opened by a/an. When quotation marks carry the words ("called it
  // “justified”"), the quote is the report and no clause is read.
  int64_t predicative(uint32_t p, const Sentence& s) const {
    if (p >= s.end_token || !(bits_[p] & (Lex::kDeterminer | Lex::kPronoun))) return -1;
    for (uint32_t q = p + 1; q < s.end_token && q < p + 6; ++q) {
      if (is_punct(q) || is_mark(q) || (bits_[q] & Lex::kPreposition)) return -1;
      if (bits_[q] & kIndefinite) {
        uint32_t end = clause_end(p, s);
        for (uint32_t k = p; k < end; ++k)
          if (is_mark(k)) return -1;
        return p;
      }
    }
    return -1;
  }

  // X’s statement that ... / its statement that ...: the possessor is the
  // speaker; the claim that ... / a warning that ...: no source is given.
  void read_noun_cue(uint32_t i, const Sentence& s) {
    // X's plan to V ... / its decision to V ...: an intention of the possessor's,
    // the infinitive's clause up to the sentence's own verb ("... failed")
    if (i > s.first_token && i + 2 < s.end_token && (bits_[i + 1] & kToWord) && (lex_.cue(cue_[i]).frames & Lex::kTo) &&
        is_word(i + 2) && !is_mark(i + 2)) {
      int32_t speaker = kNone;
      if (bits_[i - 1] & Lex::kPossessive) {
        if (!refers_to(i - 1)) return;
        speaker = pronoun_entity(i - 1, 0);
      } else if (doc_.tokens[i - 1].kind == TokenKind::kClitic && i >= s.first_token + 2) {
        speaker = np_entity(i - 2, s.first_token, 0);
      } else {
        return;  // "a plan to ...", "the decision to ...": no one's said
      }
      uint32_t end = clause_end(i + 2, s);
      for (uint32_t t = i + 3; t < end; ++t)
        if (has_verb_sign(t, t + 1) || (is_comma(t) && t + 1 < end && has_verb_sign(t + 1, t + 2))) {
          end = t;
          break;
        }
      if (end > i + 2) emit_report(i + 2, end, ByteSpan{doc_.tokens[i].begin, doc_.tokens[i].end},
                                   lex_.cue(cue_[i]).kind, speaker);
      return;
    }
    // claims by X that ... / the warning from X that ...: the by-phrase is the source
    if (i + 3 < s.end_token && (equals_lower(text(i + 1), "by") || equals_lower(text(i + 1), "from"))) {
      for (uint32_t q = i + 2; q < s.end_token && q < i + 14; ++q) {
        if (bits_[q] & kThatWord) {
          if (q + 1 >= s.end_token || (bits_[q + 1] & (Lex::kAuxiliary | Lex::kPast))) return;  // a relative clause
          emit_clauses(q + 1, s, i, according_to_source(i + 2, q));
          return;
        }
        if (is_punct(q) || is_mark(q) || cue_[q] >= 0 || has_verb_sign(q, q + 1)) return;
      }
      return;
    }
    if (i < s.first_token + 1 || i + 2 >= s.end_token || !(bits_[i + 1] & kThatWord)) return;
    if (bits_[i + 2] & (Lex::kAuxiliary | Lex::kPast)) return;  // "that was released": a relative clause
    int32_t speaker = kNone;
    if (bits_[i - 1] & Lex::kPossessive)
      speaker = pronoun_entity(i - 1, 0);
    else if (i >= s.first_token + 2 && doc_.tokens[i - 1].kind == TokenKind::kClitic && mention_end_[i - 2] != kNone)
      speaker = speaking(doc_.mentions[static_cast<size_t>(mention_end_[i - 2])].entity);
    else if (!(bits_[i - 1] & Lex::kDeterminer))  // "the claim that ...": a content with no source
      return;
    emit_clauses(i + 2, s, i, speaker);
  }

  // "In the view of X, CONTENT" / "In her view, CONTENT" (also opinion,
  // assessment, judgment, and "in the eyes of X"): a belief of X's.
  void read_view(const Sentence& s) {
    const uint32_t t = content_start(s);
    if (t + 4 >= s.end_token || !equals_lower(text(t), "in") || in_quote(t)) return;
    auto view_noun = [&](uint32_t k, bool with_of) {
      const std::string_view w = text(k);
      return w == "view" || w == "opinion" || w == "assessment" || w == "judgment" || w == "judgement" ||
             (with_of && w == "eyes");
    };
    uint32_t noun = 0, from = 0;
    int32_t speaker = kNone;
    if (equals_lower(text(t + 1), "the") && view_noun(t + 2, true) && equals_lower(text(t + 3), "of")) {
      noun = t + 3;  // the cue runs to "of"
      from = t + 4;
      speaker = according_to_source(from, s.end_token);
    } else if ((bits_[t + 1] & Lex::kPossessive) && view_noun(t + 2, false)) {
      noun = t + 2;
      from = t + 3;
      speaker = pronoun_entity(t + 1, 0);
    } else if (mention_start_[t + 1] != kNone) {
      const Mention& m = doc_.mentions[static_cast<size_t>(mention_start_[t + 1])];
      const uint32_t c = m.end_token;
      if (c + 1 >= s.end_token || doc_.tokens[c].kind != TokenKind::kClitic || !view_noun(c + 1, false)) return;
      noun = c + 1;
      from = c + 2;
      speaker = speaking(m.entity);
    } else {
      return;
    }
    uint32_t comma = from;
    while (comma < s.end_token && comma < from + kReach && !is_comma(comma) && !is_final(comma)) ++comma;
    if (comma + 1 >= s.end_token || !is_comma(comma)) return;
    const uint32_t end = clause_end(comma + 1, s);
    if (end <= comma + 2 || !has_verb_sign(comma + 1, end)) return;
    emit_report(comma + 1, end, ByteSpan{doc_.tokens[t].begin, doc_.tokens[noun].end}, AttributionKind::kBelief, speaker,
                true);
  }

  // Where the clause holding token t begins: after the nearest comma, dash,
  // quote mark, cue, "that" or subordinator before it in its sentence.
  uint32_t clause_begin(uint32_t t, const Sentence& s) const {
    const uint32_t start = content_start(s);
    uint32_t b = t;
    while (b > start && t - b < kReach) {
      const uint32_t p = b - 1;
      if (is_punct(p) || is_mark(p) || doc_.tokens[p].kind == TokenKind::kDash || cue_[p] >= 0 ||
          (bits_[p] & (kThatWord | Lex::kSubordinator | Lex::kRelative | Lex::kConcessive)))
        break;
      --b;
    }
    return b;
  }

  // X reportedly did Y: the clause around the adverb is the content, with no
  // source. "Reportedly, X did Y": the clause after the comma.
  void read_adverb(uint32_t t, const Lex::Evidential& ev, const Sentence& s) {
    uint32_t begin = clause_begin(t, s);
    if (begin == t) begin = t + 1 < s.end_token && is_comma(t + 1) ? t + 2 : t + 1;
    const uint32_t end = clause_end(std::max(begin, t + 1), s);
    if (end <= begin + 1 || !has_verb_sign(begin, end)) return;
    emit_report(begin, end, ByteSpan{doc_.tokens[t].begin, doc_.tokens[t].end}, ev.kind, kNone, true);
  }

  // it is believed that CLAUSE / X is said to V ... / X was told that CLAUSE,
  // with the by-phrase's entity as the source ("is alleged by Israel to"); X is
  // confident that CLAUSE / X is willing to V ..., with X as the source.
  void read_passive(uint32_t t, const Lex::Evidential& ev, const Sentence& s) {
    uint32_t p = t;  // "is widely believed"
    while (p > s.first_token && t - p < 2 && (bits_[p - 1] & (Lex::kAdverb | kEndsLy)) && !(bits_[p - 1] & kBeWord))
      --p;
    if (p <= s.first_token || !(bits_[p - 1] & kBeWord)) return;
    const uint32_t be = p - 1;
    const ByteSpan cue{doc_.tokens[be].begin, doc_.tokens[t].end};
    uint32_t k = t + 1;
    int32_t speaker = kNone;
    if (k < s.end_token && equals_lower(text(k), "by")) {
      speaker = according_to_source(k + 1, s.end_token);
      for (++k; k < s.end_token && k < t + 12 && !(bits_[k] & (kThatWord | kToWord)); ++k)
        if (is_punct(k) || is_mark(k)) return;
    }
    k = skip_time_adjuncts(k, s.end_token);
    if (k + 1 >= s.end_token) return;
    // X is confident that ... / X is willing to ...: the subject holds it
    // ("it is clear that" has no one behind it).
    if (ev.frames & (Lex::kHolderThat | Lex::kHolderTo)) {
      if (be == s.first_token || equals_lower(text(be - 1), "it") || (bits_[be - 1] & kThereWord)) return;
      const bool that = (bits_[k] & kThatWord) && (ev.frames & Lex::kHolderThat);
      const bool to = (bits_[k] & kToWord) && (ev.frames & Lex::kHolderTo) && is_word(k + 1);
      if (!that && !to) return;
      const uint32_t end = clause_end(k + 1, s);
      if (end > k + 1 && (to || has_verb_sign(k + 1, end))) emit_report(k + 1, end, cue, ev.kind, speaker_of_cue(be), true);
      return;
    }
    if (bits_[k] & kThatWord) {
      const bool it = be > s.first_token && equals_lower(text(be - 1), "it");
      if (!((ev.frames & Lex::kItThat) && it) && !(ev.frames & Lex::kListenerThat)) return;
      const uint32_t end = clause_end(k + 1, s);
      if (end > k + 2 && has_verb_sign(k + 1, end)) emit_report(k + 1, end, cue, ev.kind, speaker, true);
    } else if ((bits_[k] & kToWord) && (ev.frames & Lex::kSubjectTo) && is_word(k + 1)) {
      const uint32_t begin = clause_begin(be, s);
      if (begin >= be || (begin + 1 == be && (bits_[begin] & kThereWord)) || equals_lower(text(begin), "it")) return;
      emit_report(begin, clause_end(k + 1, s), cue, ev.kind, speaker, true);
    }
  }

  // X's position is that CLAUSE / Its aim is to V ...: the possessor holds
  // the content ("x's position is" in data/attribution_cues.tsv).
  void read_possessor_is(uint32_t t, const Lex::Evidential& ev, const Sentence& s) {
    if (t == s.first_token || t + 3 >= s.end_token || !(bits_[t + 1] & kBeWord)) return;
    const uint32_t k = t + 2;
    const bool that = (bits_[k] & kThatWord) && (ev.frames & Lex::kPossessorThat);
    const bool to = (bits_[k] & kToWord) && (ev.frames & Lex::kPossessorTo) && is_word(k + 1);
    if (!that && !to) return;
    const uint32_t p = t - 1;
    int32_t speaker = kNone;
    if (bits_[p] & Lex::kPossessive) {
      if (refers_to(p)) speaker = pronoun_entity(p, 0);
    } else if (doc_.tokens[p].kind == TokenKind::kClitic && p > s.first_token) {
      speaker = np_entity(p - 1, s.first_token, 0);
    } else {
      return;  // "the plan is to ...": no one's
    }
    const uint32_t end = clause_end(k + 1, s);
    if (end <= k + 1 || (that && !has_verb_sign(k + 1, end))) return;
    emit_report(k + 1, end, ByteSpan{doc_.tokens[t].begin, doc_.tokens[t + 1].end}, ev.kind, speaker, true);
  }

  // CONTENT, according to X.  /  According to X, CONTENT.
  void read_according_to(uint32_t i, const Sentence& s) {
    const uint32_t after = i + cue_len_[i];
    const uint32_t start = content_start(s);
    int32_t speaker = according_to_source(after, s.end_token);
    if (i == start) {
      uint32_t comma = after;
      while (comma < s.end_token && !is_comma(comma) && comma < after + kReach) ++comma;
      if (comma + 1 < s.end_token && is_comma(comma)) emit_span(comma + 1, clause_end(comma + 1, s), i, speaker);
      return;
    }
    if (i > start + 1 && i - start <= 2 * kReach && is_comma(i - 1) && !quoted_whole(start, i - 1) &&
        !reports_itself(start, i - 1)) {
      if (const uint32_t rest = split_rest(after, s, start, i - 1); rest != 0) {
        // "The ceasefire, according to the ministry, has held since Monday"
        emit_report(start, i - 1, cue_span(i), cue_kind(i), speaker, false, rest);
      } else if (has_verb_sign(start, i - 1)) {
        emit_span(start, i - 1, i, speaker);
      }
    }
  }

  // Content that holds a report of its own ("the army said it ..., according to
  // a civil society group") belongs to that report; the trailing source is left out.
  bool reports_itself(uint32_t a, uint32_t b) const {
    const uint32_t from = doc_.tokens[a].begin, to = doc_.tokens[b - 1].end;
    // reports are read cue by cue, so this sentence's are the last ones
    // (A belief, intention or piece of knowledge inside it is part of what is reported.)
    for (auto it = doc_.reported.rbegin(); it != doc_.reported.rend() && it->cue.begin >= from; ++it)
      if (it->kind == AttributionKind::kAssertion && it->span.begin >= from && it->span.begin < to) return true;
    return false;
  }

  // CONTENT, X said [adjuncts].  /  CONTENT, said X.
  void read_parenthetical(uint32_t cue, const Sentence& s) {
    const uint32_t start = content_start(s);
    int64_t comma = -1;
    if (cue > start && is_comma(cue - 1) && cue + 1 < s.end_token && starts_subject(cue + 1))
      comma = cue - 1;  // inversion: ", said the agency"
    else
      comma = subject_comma(cue, start);
    if (comma <= static_cast<int64_t>(start) || comma - start > 2 * kReach) return;
    auto c = static_cast<uint32_t>(comma);
    if (in_quote(c) || quoted_whole(start, c) || reports_itself(start, c)) return;
    // "The talks, diplomats said, were close to collapse": the content goes
    // on after the attribution.
    if (const uint32_t rest = split_rest(cue + cue_len_[cue], s, start, c); rest != 0) {
      emit_report(start, c, cue_span(cue), cue_kind(cue), speaker_of_cue(cue), false, rest);
      return;
    }
    if (!has_verb_sign(start, c)) return;
    emit_span(start, c, cue, speaker_of_cue(cue));
  }

  // Where the second part of a split content starts, 0 when there is none.
  // The attribution (its subject or adjuncts: "said on Monday", "said the
  // minister", "according to the ministry") from `from` is closed by a comma;
  // the words before it, [first, end), and those after it make one content
  // when
  // - the words before have no verb and those after open with the finite
  //   verb they are the subject of ("The talks, diplomats said, were close
  //   to collapse"), or are a clause of their own that the words before
  //   introduce ("By Friday, he said, the troops would be gone");
  // - the words before are a subordinate clause ("If the talks fail, he
  //   warned, the war will resume") and those after a clause with a verb.
  uint32_t split_rest(uint32_t from, const Sentence& s, uint32_t first, uint32_t end) const {
    uint32_t k = from;
    while (k < s.end_token && k < from + 10 && !is_comma(k)) {
      if (is_punct(k) || is_mark(k) || cue_[k] >= 0 || has_verb_sign(k, k + 1)) return 0;
      ++k;
    }
    if (k + 1 >= s.end_token || !is_comma(k) || in_quote(k + 1) || is_mark(k + 1)) return 0;
    const bool verbless = !has_verb_sign(first, end);
    // (A full clause before keeps what follows the attribution out: "...,
    // officials said, killing five" or "..., as rescuers searched" is as often
    // the writer's own addition as the source's.)
    if (!verbless && !(bits_[first] & Lex::kSubordinator)) return 0;
    uint32_t v = k + 1;
    while (v < s.end_token && v < k + 3 && (bits_[v] & (Lex::kAdverb | kEndsLy)) && !has_verb_sign(v, v + 1)) ++v;
    if (v >= s.end_token) return 0;
    if (verbless && finite_verb(v)) return k + 1;
    const uint32_t clause = clause_end(k + 1, s);
    // a clause of its own: a verb after a word or more of its subject
    return v < clause && !finite_verb(v) && has_verb_sign(v + 1, clause) ? k + 1 : 0;
  }

  bool finite_verb(uint32_t t) const {
    if (has_tags_) {
      const Pos p = doc_.pos[t];
      return p == Pos::kVBD || p == Pos::kVBZ || p == Pos::kVBP || p == Pos::kMD;
    }
    return bits_[t] & Lex::kAuxiliary;
  }

  // The comma that ends the content before a short subject: ", the agency
  // said", ", the High Commissioner for Peace, Andres Cifuentes, told",
  // ", an official, who asked not to be named, said"; -1 when the words
  // before the cue are no such subject.
  int64_t subject_comma(uint32_t cue, uint32_t start) const {
    const uint32_t j = skip_adverbs_back(cue, start);
    if (j <= start + 1) return -1;
    uint32_t end = j;  // exclusive end of the subject phrase
    if (is_comma(j - 1)) {
      // an apposition or relative clause closes right before the cue
      uint32_t k = j - 1;
      while (k > start && !is_comma(k - 1) && j - k <= 16) --k;
      if (k <= start + 1 || j - k > 16) return -1;
      const bool relative = bits_[k] & Lex::kRelative;
      if (!relative && !short_phrase(k, j - 1)) return -1;
      end = k - 1;
    }
    uint32_t k = end;
    while (k > start && !is_comma(k - 1) && end - k <= 10) --k;
    if (k <= start + 1 || !short_phrase(k, end)) return -1;
    return int64_t{k} - 1;
  }

  // A noun phrase of a few words: no verb, cue, quote mark or inner punctuation.
  bool short_phrase(uint32_t a, uint32_t b) const {
    if (b <= a || b - a > 10) return false;
    for (uint32_t t = a; t < b; ++t)
      if (is_mark(t) || (is_punct(t) && text(t) != "(" && text(t) != ")") || cue_[t] >= 0 || has_verb_sign(t, t + 1))
        return false;
    return true;
  }

  // Emits the reported content from `start` to its clause end, and each
  // further "and that" clause of the same cue.
  void emit_clauses(uint32_t start, const Sentence& s, uint32_t cue, int32_t speaker) {
    while (start < s.end_token) {
      uint32_t end = clause_end(start, s);
      if (end <= start) return;
      emit_span(start, end, cue, speaker);
      // ", and that ..." continues the same report
      uint32_t q = end;
      while (q < s.end_token && (is_comma(q) || (bits_[q] & Lex::kCoordinator))) ++q;
      if (q >= s.end_token || q == end || !(bits_[q] & kThatWord)) return;
      start = q + 1;
    }
  }

  ByteSpan cue_span(uint32_t cue) const {
    return ByteSpan{doc_.tokens[cue].begin, doc_.tokens[cue + cue_len_[cue] - 1].end};
  }
  AttributionKind cue_kind(uint32_t cue) const {
    return cue_[cue] >= 0 ? lex_.cue(cue_[cue]).kind : AttributionKind::kAssertion;
  }

  void emit_span(uint32_t first, uint32_t end, uint32_t cue, int32_t speaker) {
    emit_report(first, end, cue_span(cue), cue_kind(cue), speaker);
  }

  // [first, end) without the commas and dashes at its edges, ended by the
  // parse where there is one; empty when nothing is left.
  std::pair<uint32_t, uint32_t> trimmed(uint32_t first, uint32_t end) const {
    while (first < end && (is_comma(first) || doc_.tokens[first].kind == TokenKind::kDash)) ++first;
    while (end > first && (is_comma(end - 1) || doc_.tokens[end - 1].kind == TokenKind::kDash)) --end;
    end = parsed_end(first, end);
    while (end > first && (is_comma(end - 1) || doc_.tokens[end - 1].kind == TokenKind::kDash)) --end;
    return {first, end};
  }

  // A content [first, end); `rest`, when not 0, is where its second part
  // starts (a split content: the part runs to the end of its clause).
  void emit_report(uint32_t first, uint32_t end, ByteSpan cue, AttributionKind kind, int32_t speaker,
                   bool evidential = false, uint32_t rest = 0) {
    std::tie(first, end) = trimmed(first, end);
    if (end <= first || quoted_whole(first, end)) return;  // said that “…”: the quote is the report
    ReportedSpeech r;
    r.span = ByteSpan{doc_.tokens[first].begin, doc_.tokens[end - 1].end};
    if (rest != 0) {
      const Sentence& s = sentence_of(rest);
      const auto [a, b] = trimmed(rest, clause_end(rest, s));
      if (b <= a || quoted_whole(a, b)) return;
      r.part = ByteSpan{doc_.tokens[a].begin, doc_.tokens[b - 1].end};
    }
    r.speaker = speaker;
    r.cue = cue;
    r.kind = kind;
    // The same content can come twice only from cues of one sentence, which
    // were read last: a few recent reports are all there is to compare.
    const size_t n = doc_.reported.size();
    // (An adverb or passive inside a report's content is an attribution
    // nested in it: "said two officers are said to have fled".)
    for (size_t k = n; k > 0 && k + 8 > n; --k)
      if (doc_.reported[k - 1].span == r.span && (!evidential || doc_.reported[k - 1].cue == r.cue)) return;
    doc_.reported.push_back(r);
  }

  // With the sentence parsed (--parse), where the content [first, end) that
  // the clause rules found really ends. The rules run a content on to the end
  // of its sentence or clause; the parse tells whether what follows the
  // content's own clause is another clause of the speaker's or the writer's:
  // from the first word of the span that hangs, through its highest head
  // inside the span, on a clause of its own that is
  // - the sentence's root (the main verb after a content set in a relative
  //   clause: "the party, which had threatened to [file a motion], welcomed
  //   his departure"), or
  // - a verb or copula clause coordinated or set beside the content's clause
  //   (conj, parataxis) that either has its own subject ("said [X]; U.N. reports ...", "said [X],
  //   and she called on ...") or opens with ", and" ("called it [a
  //   violation], and in 2021 asked the council ...").
  // The content ends before it. Words that hang on the cue otherwise (times,
  // places, "while" and participle clauses) stay: the parse attaches such
  // adjuncts too unreliably to cut them. Nor is anything cut when the
  // content's first words do not climb to a predicate inside it (a parse
  // that hangs "the ministry" of "said the ministry had ..." on the cue).
  // A content is only ever shortened.
  uint32_t parsed_end(uint32_t first, uint32_t end) const {
    if (!tree_ || end <= first + 1) return end;
    const auto f = static_cast<int32_t>(first), e = static_cast<int32_t>(end);
    auto inside = [&](int32_t t) { return t >= f && t < e; };
    if (tree_->head(f) == kNone && tree_->relation(f) != DepRel::kRoot) return end;  // not parsed
    // The highest head of t inside the span (heads there are nearer the root: a short walk).
    auto top_of = [&](int32_t t) {
      for (uint32_t steps = 0; steps < end - first; ++steps) {
        const int32_t h = tree_->head(t);
        if (!inside(h)) break;
        t = h;
      }
      return t;
    };
    const int32_t top = top_of(f);
    if (!predicate(top)) return end;  // the content's first words hang on no clause of it: a misparse
    for (int32_t t = f + 1; t < e; ++t) {
      const int32_t c = top_of(t);
      if (c == top || c < t) continue;  // in the content's clause, or a word before its own head
      if (other_clause(c)) return static_cast<uint32_t>(t);
    }
    return end;
  }

  // A verb: by its universal tag where the learnt tagger gave one, else by its Penn tag.
  bool verb(int32_t t) const {
    const auto k = static_cast<size_t>(t);
    if (k < doc_.upos.size() && doc_.upos[k] != Upos::kX) return doc_.upos[k] == Upos::kVERB || doc_.upos[k] == Upos::kAUX;
    return has_tags_ && (doc_.pos[k] == Pos::kMD || (doc_.pos[k] >= Pos::kVB && doc_.pos[k] <= Pos::kVBZ));
  }

  // Whether t heads a clause: a verb, or a predicate with a subject or copula.
  bool predicate(int32_t t) const {
    if (verbal(t)) return true;
    for (int32_t c : tree_->children(t)) {
      const DepRel r = tree_->relation(c);
      if (r == DepRel::kNsubj || r == DepRel::kNsubjPass || r == DepRel::kCsubj) return true;
    }
    return false;
  }

  // A verb, or a predicate with a copula ("is still held", "was absurd").
  bool verbal(int32_t t) const { return verb(t) || tree_->child(t, DepRel::kCop) != kNone; }

  // Whether c, outside the content's clause, heads a clause of its own (see parsed_end).
  bool other_clause(int32_t c) const {
    if (tree_->head(c) == kNone) return tree_->relation(c) == DepRel::kRoot;
    const DepRel r = tree_->relation(c);
    if ((r != DepRel::kConj && r != DepRel::kParataxis) || !verbal(c)) return false;
    for (int32_t k : tree_->children(c)) {
      const DepRel kr = tree_->relation(k);
      if (k < c && (kr == DepRel::kNsubj || kr == DepRel::kNsubjPass)) return true;
      if (k < c && kr == DepRel::kCc && k > 0 && is_comma(static_cast<uint32_t>(k) - 1)) return true;
    }
    return false;
  }

  std::optional<DependencyTree> tree_;

  // ---- quotes -------------------------------------------------------------

  void attribute_quotes() {
    std::vector<Quote> out;
    std::vector<uint32_t> out_paragraph;
    int64_t last_cue = -1;  // the cue token of the last attributed quote
    uint32_t last_close = 0;  // the closing mark of the last quote
    for (const QuoteSpan& q : quotes_) {
      if (q.end <= q.first || sentence_[q.open] < 0) continue;
      const bool opens_sentence = opens_sentence_at(q.open);
      // the exercise “Azure Shield”, a plan it calls “Fair Share” (but “Yes,” he said)
      if (name_like(q) && !(opens_sentence && !(q.open > 0 && quote_cue(q.open - 1)))) continue;
      if (q.open > 0 && (bits_[q.open - 1] & Lex::kScare)) continue;  // the so-called “peace plan”
      Quote quote;
      quote.span = ByteSpan{doc_.tokens[q.first].begin, doc_.tokens[q.end - 1].end};
      // “…,” he said, “but …”: the piece after the cue continues the quote before it
      const bool split = last_cue > static_cast<int64_t>(last_close) && last_cue < q.open && is_comma(q.open - 1) &&
                         !has_final(last_close, q.open);
      const bool direct = split || (opens_sentence && upper_start(q.first));
      quote.kind = direct ? QuoteKind::kDirect : QuoteKind::kPartial;
      int64_t cue = split ? last_cue : direct ? direct_cue(q) : partial_cue(q);
      last_close = q.close;
      if (direct && cue >= 0 && cue == last_cue && !out.empty()) {
        quote.speaker = out.back().speaker;
      } else if (const ReportedSpeech* r = direct ? nullptr : report_around(quote.span, cue)) {
        // a partial quote inside reported speech is the report's speaker's
        quote.cue = r->cue;
        quote.speaker = r->speaker;
      } else if (cue >= 0) {
        auto c = static_cast<uint32_t>(cue);
        quote.cue = ByteSpan{doc_.tokens[c].begin, doc_.tokens[c + cue_len_[c] - 1].end};
        quote.speaker = speaker_of_cue(c);
        last_cue = cue;
      } else if (!direct) {
        if (word_count(q) <= 2) continue;  // scare quotes
      } else if (int32_t labelled = speaker_label(q); labelled != kNone) {
        quote.speaker = labelled;
      } else {
        quote.speaker = continued_speaker(q, out, out_paragraph);
      }
      out.push_back(quote);
      out_paragraph.push_back(q.paragraph);
    }
    doc_.quotes = std::move(out);
  }

  // The reported speech that holds a partial quote, unless a cue inside the
  // report is nearer ("accused them of spying, charges the U.N. has called “absurd”").
  const ReportedSpeech* report_around(ByteSpan span, int64_t nearer_cue) const {
    // doc_.reported is sorted by start; reports that hold the quote start at
    // or before it, and only the few nearest can reach over it
    auto it = std::upper_bound(doc_.reported.begin(), doc_.reported.end(), span.begin,
                               [](uint32_t b, const ReportedSpeech& r) { return b < r.span.begin; });
    for (int k = 0; k < 4 && it != doc_.reported.begin(); ++k) {
      const ReportedSpeech& r = *--it;
      if (span.end > r.span.end) continue;
      if (nearer_cue >= 0 && doc_.tokens[static_cast<size_t>(nearer_cue)].begin >= r.span.begin) return nullptr;
      return &r;
    }
    return nullptr;
  }

  bool has_final(uint32_t a, uint32_t b) const {
    for (uint32_t t = a; t < b; ++t)
      if (is_final(t)) return true;
    return false;
  }

  // A direct quote's cue: after it (“…,” X said), else before it (X said: “…”).
  int64_t direct_cue(const QuoteSpan& q) const {
    if (q.closed && q.close + 1 < n_) {
      const uint32_t last = q.end - 1;
      const bool ends_sentence = is_final(last) && !(bits_[q.close + 1] & kLowerInitial);
      for (uint32_t t = q.close + 1; !ends_sentence && t < n_ && t < q.close + 16; ++t) {
        if (doc_.tokens[t].has(kParagraphStart) || is_final(t) || is_mark(t)) break;
        if (quote_cue(t)) return t;
        if (is_comma(t) && t + 1 < n_ && (bits_[t + 1] & Lex::kRelative)) {
          // “…,” the official, who asked not to be named, said.
          ++t;
          while (t + 1 < n_ && !is_comma(t + 1) && !is_final(t + 1) && !is_mark(t + 1)) ++t;
          continue;
        }
        if (has_verb_sign(t, t + 1)) break;
      }
    }
    // X said: “…” / X said, adding: “…” / protesters chanted “…”
    const uint32_t sf = sentence_of(q.open).first_token;
    for (uint32_t t = q.open; t > sf && t + 12 > q.open;) {
      --t;
      if (is_mark(t) || is_final(t)) break;
      if (quote_cue(t)) return t;
    }
    return -1;
  }

  // A partial quote's cue: the nearest cue before it in its sentence, else the
  // first after it ("... a “peace zone” ..., Cifuentes told reporters").
  int64_t partial_cue(const QuoteSpan& q) const {
    const Sentence& s = sentence_of(q.open);
    for (uint32_t t = q.open; t-- > s.first_token && t + kReach > q.open;)
      if (quote_cue(t)) return t;
    const uint32_t from = q.closed ? q.close + 1 : q.end;
    const uint32_t to = from < n_ && sentence_[from] >= 0 ? sentence_of(from).end_token : s.end_token;
    for (uint32_t t = from; t < to && t < from + kReach; ++t)
      if (quote_cue(t)) return t;
    return -1;
  }

  // A name and a colon before a quote label its speaker: `Secretary James Roche: “Oy.”`
  int32_t speaker_label(const QuoteSpan& q) const {
    if (q.open < 2 || text(q.open - 1) != ":" || mention_end_[q.open - 2] == kNone) return kNone;
    const Mention& m = doc_.mentions[static_cast<size_t>(mention_end_[q.open - 2])];
    return m.kind == MentionKind::kName ? speaking(m.entity) : kNone;
  }

  // A direct quote with no cue continues the latest speaker before it: of a
  // quote in its paragraph (or in the one before, when it opens its
  // paragraph), or of reported speech in its paragraph.
  int32_t continued_speaker(const QuoteSpan& q, const std::vector<Quote>& out,
                            const std::vector<uint32_t>& out_paragraph) const {
    const bool opens_paragraph = doc_.tokens[q.open].has(kParagraphStart);
    const uint32_t at = doc_.tokens[q.open].begin;
    const uint32_t para_begin = doc_.tokens[doc_.paragraphs[q.paragraph].first_token].begin;
    uint32_t best_at = 0;
    int32_t speaker = kNone;
    bool found = false;
    if (!out.empty()) {
      const uint32_t p = out_paragraph.back();
      if (p == q.paragraph || (opens_paragraph && p + 1 == q.paragraph)) {
        speaker = out.back().speaker;
        best_at = out.back().span.begin;
        found = true;
      }
    }
    auto it = std::upper_bound(doc_.reported.begin(), doc_.reported.end(), at,
                               [](uint32_t b, const ReportedSpeech& r) { return b < r.span.begin; });
    for (int k = 0; k < 4 && it != doc_.reported.begin();) {
      const ReportedSpeech& r = *--it;
      if (r.span.begin < para_begin) break;
      if (r.span.end > at) {
        ++k;
        continue;
      }
      if (!found || r.span.begin > best_at) speaker = r.speaker;
      break;
    }
    return speaker;
  }
};

}  // namespace

void QuoteFinder::run(Document& doc) const {
  doc.quotes.clear();
  doc.reported.clear();
  if (doc.tokens.empty() || doc.sentences.empty()) return;
  SpeechFinder(doc, *lexicon_).run();
}

}  // namespace sitrep
