#include "ingest/corpus_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "ingest/compressed_stream.h"
#include "ingest/date.h"
#include "ingest/html_reader.h"
#include "ingest/warc_reader.h"
#include "text/utf8.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

// Pages with less main text than this are index pages, galleries or errors.
constexpr size_t kMinPageText = 300;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The name without a compression suffix: "a.jsonl.gz" → "a.jsonl".
std::string strip_compression(const std::string& name) {
  for (const char* ext : {".gz", ".zst", ".zstd"})
    if (name.ends_with(ext)) return name.substr(0, name.size() - std::char_traits<char>::length(ext));
  return name;
}

// The format a file's name says, or kAuto when it says none we read.
CorpusFormat format_of(const fs::path& p) {
  const std::string name = lower(strip_compression(p.filename().string()));
  auto ends = [&](std::initializer_list<const char*> exts) {
    return std::any_of(exts.begin(), exts.end(), [&](const char* e) { return name.ends_with(e); });
  };
  if (ends({".jsonl", ".ndjson"})) return CorpusFormat::kJsonl;
  if (ends({".txt", ".text"})) return CorpusFormat::kText;
  if (ends({".html", ".htm", ".xhtml"})) return CorpusFormat::kHtml;
  if (ends({".warc", ".arc"})) return CorpusFormat::kWarc;
  return CorpusFormat::kAuto;
}

uint64_t size_of(const fs::path& p) {
  std::error_code ec;
  uintmax_t n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

std::string stem_of(const std::string& path) {
  fs::path p(strip_compression(fs::path(path).filename().string()));
  return p.stem().string();
}

}  // namespace

bool parse_corpus_format(const std::string& name, CorpusFormat& out) {
  if (name == "auto") out = CorpusFormat::kAuto;
  else if (name == "text") out = CorpusFormat::kText;
  else if (name == "jsonl") out = CorpusFormat::kJsonl;
  else if (name == "html") out = CorpusFormat::kHtml;
  else if (name == "warc") out = CorpusFormat::kWarc;
  else return false;
  return true;
}

// The source being read: one of an ArticleReader (text, JSON Lines, possibly
// through a decompressor), a single HTML page, or a WARC file.
class CorpusReader::Current {
 public:
  std::string path, where;
  CorpusFormat format = CorpusFormat::kAuto;
  std::unique_ptr<CompressedFile> file;
  std::unique_ptr<ArticleReader> articles;
  std::unique_ptr<WarcReader> warc;
  bool html_done = false;
  bool file_error_reported = false;  // the decompressor's error, with the article it cut
  uint64_t yielded = 0;              // articles read from this source
  uint64_t short_pages = 0;          // WARC pages with too little main text
  uint64_t plain_bytes() const { return articles && !file ? articles->bytes_read() : 0; }
};

CorpusReader::CorpusReader(std::vector<std::string> inputs, CorpusOptions options, std::istream* in)
    : options_(std::move(options)), stdin_(in ? in : &std::cin) {
  for (const std::string& input : inputs) expand(input);
}

CorpusReader::~CorpusReader() = default;

void CorpusReader::problem(std::string where, std::string message, bool failed) {
  problems_.push_back({std::move(where), std::move(message), failed});
  failures_ += failed;
}

std::vector<InputProblem> CorpusReader::take_problems() {
  if (current_ && current_->articles) {
    // The ArticleReader names a decompressed file "<stdin>"; say which file it is.
    for (InputProblem& p : current_->articles->take_problems()) {
      if (current_->file && p.where.starts_with("<stdin>")) p.where = current_->path + p.where.substr(7);
      problem(std::move(p.where), std::move(p.message), p.failed);
    }
  }
  std::vector<InputProblem> out;
  out.swap(problems_);
  return out;
}

uint64_t CorpusReader::bytes_read() const {
  uint64_t n = finished_bytes_;
  if (current_) n += current_->file ? current_->file->raw_bytes() : current_->plain_bytes();
  return n;
}

void CorpusReader::expand(const std::string& input) {
  if (input == "-") {
    sources_.push_back({input, options_.format});
    return;
  }
  std::error_code ec;
  fs::file_status st = fs::status(input, ec);
  if (ec || !fs::exists(st)) {
    problem(input, "no such file or folder", true);
    return;
  }
  auto wanted = [&](const fs::path& p) {
    CorpusFormat f = format_of(p);
    return f != CorpusFormat::kAuto && (options_.format == CorpusFormat::kAuto || options_.format == f);
  };
  if (fs::is_directory(st)) {
    std::vector<InputProblem> unreadable;
    std::vector<fs::path> files = files_below(input, wanted, unreadable);
    for (InputProblem& p : unreadable) problem(std::move(p.where), std::move(p.message), true);
    if (files.empty())
      problem(input, "no articles in this folder (looked for *.txt, *.jsonl, *.ndjson, *.html, *.htm, *.warc, "
                     "each also .gz or .zst)", true);
    for (const auto& f : files) {
      total_bytes_ += size_of(f);
      sources_.push_back({f.string(), format_of(f)});
    }
    return;
  }
  CorpusFormat f = options_.format != CorpusFormat::kAuto ? options_.format : format_of(input);
  // A file named on the command line is read even without a known name: as text.
  if (f == CorpusFormat::kAuto) f = CorpusFormat::kText;
  total_bytes_ += size_of(input);
  sources_.push_back({input, f});
}

void CorpusReader::take_warc_problems() {
  for (WarcProblem& p : current_->warc->take_problems())
    problem(current_->where + ": record " + std::to_string(p.record) + (p.url.empty() ? "" : " (" + p.url + ")"),
            std::move(p.message), p.failed);
}

// Reads the rest of `in`, at most `max` bytes; false (and `out` cleared) when there is more.
static bool read_at_most(std::istream& in, std::string& out, size_t max) {
  out.clear();
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<size_t>(in.gcount()));
    if (out.size() > max) {
      std::string().swap(out);
      return false;
    }
  }
  return true;
}

void CorpusReader::close_current() {
  if (!current_) return;
  std::vector<InputProblem> rest = take_problems();
  problems_ = std::move(rest);
  Current& c = *current_;
  if (c.file && !c.file->error().empty() && !c.file_error_reported) problem(c.path, c.file->error(), true);
  if (c.warc) {
    take_warc_problems();
    if (c.warc->records() == 0 && (!c.file || c.file->error().empty())) {
      problem(c.path, "no WARC records in this file (it is empty)", true);
    } else if (c.yielded == 0 && (!c.file || c.file->error().empty())) {
      problem(c.path, "no article in its " + std::to_string(c.warc->records()) + " records (no HTML page with " +
                          std::to_string(kMinPageText) + " characters of main text or more)",
              true);
    } else if (c.short_pages) {
      problem(c.path, std::to_string(c.short_pages) + " HTML page" + (c.short_pages == 1 ? "" : "s") +
                          " with less than " + std::to_string(kMinPageText) +
                          " characters of main text (index pages, galleries, errors) passed over",
              false);
    }
  }
  finished_bytes_ += c.file ? c.file->raw_bytes() : c.plain_bytes();
  current_.reset();
}

bool CorpusReader::open_next() {
  close_current();
  if (next_source_ >= sources_.size()) return false;
  const Source& src = sources_[next_source_++];
  current_ = std::make_unique<Current>();
  Current& c = *current_;
  c.path = src.path;
  c.format = src.format;
  const bool is_stdin = src.path == "-";
  c.where = is_stdin ? "<stdin>" : src.path;
  ReaderOptions ro = options_.reader;
  ro.format = c.format == CorpusFormat::kJsonl ? InputFormat::kJsonl
              : c.format == CorpusFormat::kText ? InputFormat::kText
                                                : InputFormat::kAuto;
  if (is_stdin && (c.format == CorpusFormat::kAuto || c.format == CorpusFormat::kText ||
                   c.format == CorpusFormat::kJsonl)) {
    c.articles = std::make_unique<ArticleReader>(std::vector<std::string>{"-"}, ro, stdin_);
    return true;
  }
  if (!is_stdin) {
    c.file = std::make_unique<CompressedFile>(src.path, nullptr, options_.max_compression_ratio);
    if (!c.file->is_open()) {
      problem(src.path, c.file->error(), true);
      c.file.reset();
      return true;  // nothing to read; next() moves on
    }
    // Plain text and JSON Lines files go to ArticleReader as they are.
    if (c.file->compression() == Compression::kNone &&
        (c.format == CorpusFormat::kText || c.format == CorpusFormat::kJsonl)) {
      c.file.reset();
      c.articles = std::make_unique<ArticleReader>(std::vector<std::string>{src.path}, ro);
      return true;
    }
  } else {
    c.file = std::make_unique<CompressedFile>("-", stdin_);
  }
  if (c.format == CorpusFormat::kText || c.format == CorpusFormat::kJsonl) {
    c.articles = std::make_unique<ArticleReader>(std::vector<std::string>{"-"}, ro, &c.file->stream());
  } else if (c.format == CorpusFormat::kWarc) {
    c.warc = std::make_unique<WarcReader>(c.file->stream(), WarcLimits{options_.reader.max_article_bytes});
  }
  return true;
}

bool CorpusReader::next(Article& out) {
  while (true) {
    if (!current_ && !open_next()) return false;
    Current& c = *current_;
    if (c.articles) {
      if (c.articles->next(out)) {
        // A compressed text file is read as stdin; its id is still its name.
        if (c.file && c.format == CorpusFormat::kText) {
          out.id = stem_of(c.path);
          out.origin = c.path;
        }
        if (c.file && out.origin.starts_with("<stdin>")) out.origin = c.path + out.origin.substr(7);
        // Read while the compressed data broke off: the article is cut short.
        if (c.file && !c.file->error().empty()) {
          if (c.format == CorpusFormat::kText) {
            problem(c.path, c.file->error() + "; the article is incomplete and is skipped", true);
            c.file_error_reported = true;
          } else {
            problem(out.origin, "the line is cut short by the damaged compressed data; skipped", true);
          }
          continue;
        }
        ++c.yielded;
        return true;
      }
    } else if (c.warc) {
      WarcPage page;
      while (c.warc->next(page)) {
        take_warc_problems();
        const std::string where = c.where + ": record " + std::to_string(page.record) + " (" + page.url + ")";
        HtmlPage html = read_html(page.html, options_.html);
        if (!html.error.empty()) {
          problem(where, "the page is refused: " + html.error, true);
          continue;
        }
        if (html.body_chars < kMinPageText) {
          ++c.short_pages;
          continue;
        }
        out = Article{};
        out.url = page.url;
        out.id = hash_id(page.url.empty() ? html.text : page.url);
        out.title = html.title;
        out.date = !html.date.empty() ? html.date : is_valid_date(page.date) ? page.date : options_.reader.default_date;
        out.text = std::move(html.text);
        out.origin = where;
        ++c.yielded;
        return true;
      }
      take_warc_problems();
    } else if (c.file && c.format == CorpusFormat::kHtml && !c.html_done) {
      c.html_done = true;
      std::string bytes;
      if (!read_at_most(c.file->stream(), bytes, options_.reader.max_article_bytes)) {
        problem(c.where, "page is over the article limit of " + std::to_string(options_.reader.max_article_bytes >> 20) +
                             " MB (raise it with --max-article-mb)",
                true);
      } else if (!c.file->error().empty()) {
        problem(c.where, c.file->error() + "; the page is incomplete and is skipped", true);
        c.file_error_reported = true;
      } else {
        HtmlPage html = read_html(bytes, options_.html);
        if (!html.error.empty()) {
          problem(c.where, "the page is refused: " + html.error, true);
        } else if (html.text.empty()) {
          problem(c.where, "no article text found in this page", true);
        } else {
          out = Article{};
          out.id = c.path == "-" ? hash_id(html.url.empty() ? html.text : html.url) : stem_of(c.path);
          out.url = html.url;
          out.title = html.title;
          out.date = html.date.empty() ? options_.reader.default_date : html.date;
          out.text = std::move(html.text);
          out.origin = c.where;
          repair_utf8(out.text);
          ++c.yielded;
          return true;
        }
      }
    }
    close_current();
  }
}

}  // namespace sitrep
