#include "syntax/conllu.h"

#include <charconv>
#include <fstream>

#include "text/chars.h"
#include "text/utf8.h"

namespace sitrep {

namespace {

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return out;
    start = tab + 1;
  }
}

bool parse_number(std::string_view s, uint32_t& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool is_clitic(std::string_view f) {
  for (std::string_view c : {"'s", "'S", "n't", "N'T", "'re", "'ll", "'ve", "'d", "'m", "’s", "’S", "n’t", "’re",
                             "’ll", "’ve", "’d", "’m"})
    if (f == c) return true;
  return false;
}

bool is_quote(std::string_view f) {
  for (std::string_view q : {"\"", "'", "“", "”", "‘", "’", "«", "»", "„", "‹", "›", "`", "``", "''"})
    if (f == q) return true;
  return false;
}

// The kind the tokeniser would give a word of a treebank.
TokenKind kind_of(std::string_view f, bool attached) {
  if (f.empty()) return TokenKind::kWord;
  auto c = static_cast<unsigned char>(f[0]);
  if (attached && is_clitic(f)) return TokenKind::kClitic;
  if (is_quote(f)) return TokenKind::kQuote;
  if (f == "..." || f == "…" || f == ". . .") return TokenKind::kEllipsis;
  if (f == "—" || f == "–" || f == "--" || f == "-") return TokenKind::kDash;
  if (f.find("://") != std::string_view::npos || f.substr(0, 4) == "www." ||
      (f.find('@') != std::string_view::npos && f.find('.') != std::string_view::npos && f.size() > 4))
    return TokenKind::kUrl;
  if (c >= '0' && c <= '9') return TokenKind::kNumber;
  bool letters = false;
  for (unsigned char x : f) letters |= (x >= 'A' && x <= 'Z') || (x >= 'a' && x <= 'z') || x >= 0x80;
  if (letters) return f.size() > 1 && f.back() == '.' ? TokenKind::kAbbrev : TokenKind::kWord;
  bool punct = true;
  for (unsigned char x : f) punct &= std::string_view(".,;:!?()[]{}/").find(static_cast<char>(x)) != std::string_view::npos;
  return punct ? TokenKind::kPunct : TokenKind::kSymbol;
}

// As the tokeniser sets them: the first code point upper case; no lower-case
// letter and at least two capitals.
uint8_t case_flags(std::string_view f, TokenKind kind) {
  if (kind != TokenKind::kWord && kind != TokenKind::kAbbrev && kind != TokenKind::kNumber &&
      kind != TokenKind::kClitic)
    return 0;
  uint8_t flags = 0;
  uint32_t cp = 0;
  decode_utf8(f, 0, cp);
  if (is_upper_codepoint(cp)) flags |= kUpperInitial;
  size_t upper = 0;
  for (size_t i = 0; i < f.size();) {
    i += decode_utf8(f, i, cp);
    if (is_lower_codepoint(cp)) return flags;
    upper += is_upper_codepoint(cp);
  }
  if (upper >= 2) flags |= kAllUpper;
  return flags;
}

}  // namespace

namespace {

bool no_space_after(std::string_view misc) {
  for (size_t p = misc.find("SpaceAfter=No"); p != std::string_view::npos; p = misc.find("SpaceAfter=No", p + 1))
    if ((p == 0 || misc[p - 1] == '|') && (p + 13 == misc.size() || misc[p + 13] == '|')) return true;
  return false;
}

}  // namespace

bool ConlluSentence::space_after(size_t word) const {
  for (const Range& r : ranges) {
    if (word >= r.first && word < r.last) return false;
    if (word == r.last) return r.space_after;
  }
  return !no_space_after(words[word].misc);
}

bool ConlluSentence::has_tree() const {
  size_t n = words.size(), roots = 0;
  for (const ConlluWord& w : words) {
    if (w.head < 0 || static_cast<size_t>(w.head) > n) return false;
    roots += w.head == 0;
  }
  if (roots != 1) return false;
  // Every word reaches the root within n steps: no cycles.
  for (size_t i = 0; i < n; ++i) {
    int32_t h = static_cast<int32_t>(i) + 1;
    size_t steps = 0;
    while (h != 0 && steps++ <= n) h = words[static_cast<size_t>(h) - 1].head;
    if (h != 0) return false;
  }
  return true;
}

void ConlluReader::fail(size_t line, const std::string& what) const {
  throw ConlluError(name_ + ":" + std::to_string(line) + ": " + what);
}

bool ConlluReader::next(ConlluSentence& out) {
  out = ConlluSentence{};
  std::string line;
  std::vector<size_t> head_lines;
  while (std::getline(in_, line)) {
    ++line_;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (!out.words.empty()) break;
      if (!out.ranges.empty()) fail(line_, "a sentence with multiword tokens but no words");
      out.comments.clear();  // comments with no words after them belong to nothing
      continue;
    }
    if (line[0] == '#') {
      if (!out.words.empty()) fail(line_, "a comment inside a sentence (a blank line must end the sentence first)");
      out.comments.push_back(line);
      continue;
    }
    std::vector<std::string_view> f = split_fields(line);
    if (f.size() != 10)
      fail(line_, "expected 10 tab-separated fields (ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC), found " +
                      std::to_string(f.size()));
    std::string_view id = f[0];
    const uint32_t expected = static_cast<uint32_t>(out.words.size()) + 1;
    if (size_t dash = id.find('-'); dash != std::string_view::npos) {
      uint32_t a = 0, b = 0;
      if (!parse_number(id.substr(0, dash), a) || !parse_number(id.substr(dash + 1), b) || b < a)
        fail(line_, "malformed multiword token range '" + std::string(id) + "'");
      if (a != expected)
        fail(line_, "multiword token " + std::string(id) + " where word " + std::to_string(expected) + " comes next");
      out.ranges.push_back({a - 1, b - 1, line, !no_space_after(f[9])});
      continue;
    }
    if (size_t dot = id.find('.'); dot != std::string_view::npos) {
      uint32_t a = 0, b = 0;
      if (!parse_number(id.substr(0, dot), a) || !parse_number(id.substr(dot + 1), b) || a + 1 != expected)
        fail(line_, "malformed or misplaced empty node '" + std::string(id) + "'");
      continue;  // enhanced dependencies only
    }
    uint32_t n = 0;
    if (!parse_number(id, n)) fail(line_, "the ID '" + std::string(id) + "' is not a number");
    if (n != expected)
      fail(line_, "word ID " + std::to_string(n) + " where " + std::to_string(expected) + " comes next");
    if (f[1].empty()) fail(line_, "an empty FORM");
    if (out.words.empty()) out.line = line_;
    ConlluWord w;
    w.form = f[1];
    w.lemma = f[2];
    w.upos = f[3];
    w.xpos = f[4];
    w.feats = f[5];
    w.deprel = f[7];
    w.deps = f[8];
    w.misc = f[9];
    w.line = line_;
    if (f[6] != "_") {
      uint32_t h = 0;
      if (!parse_number(f[6], h)) fail(line_, "the HEAD '" + std::string(f[6]) + "' is not a number or _");
      w.head = static_cast<int32_t>(h);
    }
    out.words.push_back(std::move(w));
  }
  if (out.words.empty()) {
    if (!out.ranges.empty()) fail(line_, "a sentence with multiword tokens but no words");
    return false;
  }
  for (const ConlluSentence::Range& r : out.ranges) {
    if (r.last >= out.words.size()) fail(out.line, "a multiword token beyond the sentence's last word");
  }
  for (const ConlluWord& w : out.words) {
    if (w.head > static_cast<int32_t>(out.words.size()))
      fail(w.line, "HEAD " + std::to_string(w.head) + " is outside the sentence (" +
                       std::to_string(out.words.size()) + " words)");
  }
  return true;
}

std::vector<ConlluSentence> read_conllu(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConlluError(path + ": cannot open file");
  ConlluReader reader(in, path);
  std::vector<ConlluSentence> out;
  ConlluSentence s;
  while (reader.next(s)) out.push_back(std::move(s));
  return out;
}

void write_conllu(const ConlluSentence& s, std::string& out) {
  for (const std::string& c : s.comments) {
    out += c;
    out += '\n';
  }
  size_t range = 0;
  auto field = [&](std::string_view v) {
    out += v.empty() ? "_" : v;
  };
  for (size_t i = 0; i < s.words.size(); ++i) {
    while (range < s.ranges.size() && s.ranges[range].first == i) {
      out += s.ranges[range++].line;
      out += '\n';
    }
    const ConlluWord& w = s.words[i];
    out += std::to_string(i + 1);
    for (std::string_view v : {std::string_view(w.form), std::string_view(w.lemma), std::string_view(w.upos),
                               std::string_view(w.xpos), std::string_view(w.feats)}) {
      out += '\t';
      field(v);
    }
    out += '\t';
    out += w.head < 0 ? std::string("_") : std::to_string(w.head);
    for (std::string_view v : {std::string_view(w.deprel), std::string_view(w.deps), std::string_view(w.misc)}) {
      out += '\t';
      field(v);
    }
    out += '\n';
  }
  out += '\n';
}

Document document_of(const ConlluSentence& s) { return document_of(std::span<const ConlluSentence>(&s, 1)); }

Document document_of(std::span<const ConlluSentence> sentences) {
  Document doc;
  std::string& text = doc.article.text;
  for (const ConlluSentence& s : sentences) {
    const auto first = static_cast<uint32_t>(doc.tokens.size());
    if (!text.empty()) text += '\n';
    for (size_t i = 0; i < s.words.size(); ++i) {
      const std::string& form = s.words[i].form;
      bool space = i > 0 && s.space_after(i - 1);
      if (space) text += ' ';
      Token t;
      t.begin = static_cast<uint32_t>(text.size());
      text += form;
      t.end = static_cast<uint32_t>(text.size());
      bool attached = i > 0 && !space;
      t.kind = kind_of(form, attached && doc.tokens.back().kind != TokenKind::kPunct);
      t.flags = case_flags(form, t.kind);
      if (space) t.flags |= kSpaceBefore;
      if (i == 0) t.flags |= kParagraphStart;
      if (t.kind == TokenKind::kQuote || t.kind == TokenKind::kPunct) {
        std::string_view f = form;
        if (f == "(" || f == "[" || f == "{" || f == "“" || f == "‘" || f == "«" || f == "``") {
          t.flags |= kOpening;
        } else if (f == ")" || f == "]" || f == "}" || f == "”" || f == "»" || f == "''") {
          t.flags |= kClosing;
        } else if (t.kind == TokenKind::kQuote) {
          // A straight quote opens when it follows a space (or starts the
          // sentence) and the next word is attached to it.
          bool next_attached = i + 1 < s.words.size() && !s.space_after(i);
          t.flags |= (i == 0 || space) && next_attached ? kOpening : kClosing;
        }
      }
      doc.tokens.push_back(t);
    }
    const auto end = static_cast<uint32_t>(doc.tokens.size());
    if (end == first) continue;
    doc.sentences.push_back(Sentence{first, end, static_cast<uint32_t>(doc.paragraphs.size())});
    doc.paragraphs.push_back(Paragraph{first, end});
  }
  return doc;
}

void annotate(ConlluSentence& s, const Document& doc, size_t first, size_t end) {
  for (size_t i = first; i < end && i - first < s.words.size(); ++i) {
    ConlluWord& w = s.words[i - first];
    // What the document does not predict is "_", never the input's own.
    w.lemma = i < doc.lemmas.size() ? std::string(doc.lemmas[i]) : "_";
    w.upos = i < doc.upos.size() ? std::string(to_string(doc.upos[i])) : "_";
    w.xpos = i < doc.xpos.size() ? std::string(doc.xpos[i]) : i < doc.pos.size() ? std::string(to_string(doc.pos[i])) : "_";
    w.head = -1;
    w.deprel = "_";
    if (i < doc.heads.size() && i < doc.relations.size()) {
      const int32_t h = doc.heads[i];
      const bool inside = h >= static_cast<int32_t>(first) && h < static_cast<int32_t>(end);
      // A head outside [first, end) cannot be written; the word becomes a root.
      w.head = h == kNone || !inside ? 0 : h - static_cast<int32_t>(first) + 1;
      w.deprel = h == kNone || !inside ? "root" : std::string(to_string(doc.relations[i]));
    }
    w.feats = "_";
    w.deps = "_";
  }
}

ConlluSentence sentence_of(const Document& doc, const Sentence& sentence, const std::string& id) {
  ConlluSentence s;
  s.comments.push_back("# sent_id = " + id);
  std::string text(doc.text_of(sentence));
  for (char& c : text)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  s.comments.push_back("# text = " + text);
  for (uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
    ConlluWord w;
    w.form = doc.text_of(doc.tokens[i]);
    if (i + 1 < sentence.end_token && !doc.tokens[i + 1].has(kSpaceBefore)) w.misc = "SpaceAfter=No";
    s.words.push_back(std::move(w));
  }
  annotate(s, doc, sentence.first_token, sentence.end_token);
  return s;
}

}  // namespace sitrep
