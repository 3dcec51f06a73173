#include "ingest/article_reader.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

#include "ingest/date.h"
#include "ingest/json.h"
#include "text/utf8.h"

namespace sitrep {
namespace fs = std::filesystem;

std::string hash_id(std::string_view key) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

namespace {

bool has_extension(const fs::path& p, std::initializer_list<std::string_view> exts) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(exts.begin(), exts.end(), e) != exts.end();
}

bool is_jsonl_name(const fs::path& p) { return has_extension(p, {".jsonl", ".ndjson"}); }
bool is_text_name(const fs::path& p) { return has_extension(p, {".txt", ".text"}); }

std::string megabytes(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

bool only_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

// The first non-empty line, trimmed.
std::string first_line(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    size_t b = line.find_first_not_of(" \t\r\f\v");
    if (b != std::string_view::npos) {
      size_t e = line.find_last_not_of(" \t\r\f\v");
      return std::string(line.substr(b, e - b + 1));
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return "";
}

}  // namespace

std::vector<fs::path> files_below(const std::string& folder, const std::function<bool(const fs::path&)>& wanted,
                                  std::vector<InputProblem>& problems) {
  std::vector<fs::path> files;
  std::vector<fs::path> folders{fs::path(folder)};
  while (!folders.empty()) {
    const fs::path dir = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      problems.push_back({dir.string(), "cannot read this folder: " + ec.message(), true});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      if (p.filename().string().starts_with(".")) continue;
      std::error_code e2;
      const fs::file_status link = it->symlink_status(e2);
      if (e2) {
        problems.push_back({p.string(), "cannot read: " + e2.message(), true});
        continue;
      }
      if (fs::is_directory(link)) folders.push_back(p);
      else if (it->is_regular_file(e2) && wanted(p)) files.push_back(p);
    }
    if (ec) problems.push_back({dir.string(), "cannot read the whole folder: " + ec.message(), true});
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool read_bounded_line(std::istream& in, std::string& line, size_t max, bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  char chunk[1 << 16];
  // A line over the limit is read to its end, but no further than this: an
  // endless input (a device, a stream without new lines) must not run forever.
  const uint64_t give_up = std::max<uint64_t>(uint64_t{1} << 30, uint64_t{16} * max);
  uint64_t seen = 0;
  while (true) {
    in.getline(chunk, sizeof chunk);
    const auto got = static_cast<size_t>(in.gcount());
    any = any || got > 0;
    // Without fail or eof, the line ended and its '\n' was counted in got.
    const bool ended = !in.fail() && !in.eof();
    const size_t stored = ended ? got - 1 : got;
    if (!too_long && line.size() + stored > max) {
      too_long = true;
      std::string().swap(line);
    }
    if (!too_long) line.append(chunk, stored);
    if (ended) return true;
    seen += got;
    if (too_long && seen > give_up) {
      in.setstate(std::ios::badbit);
      return true;
    }
    if (in.eof() || in.bad()) {
      // The last line may lack its '\n'.
      if (any) in.clear(in.rdstate() & ~std::ios::failbit);
      return any;
    }
    in.clear();  // the chunk was full: the line goes on
  }
}

ArticleReader::ArticleReader(std::vector<std::string> inputs, ReaderOptions options, std::istream* in)
    : inputs_(std::move(inputs)), options_(std::move(options)), stdin_(in ? in : &std::cin) {}

ArticleReader::~ArticleReader() = default;

void ArticleReader::problem(std::string where, std::string message, bool failed) {
  problems_.push_back({std::move(where), std::move(message), failed});
  failures_ += failed;
}

std::vector<InputProblem> ArticleReader::take_problems() {
  std::vector<InputProblem> out;
  out.swap(problems_);
  return out;
}

bool ArticleReader::open_next_source() {
  // Expands the next command-line input into sources.
  pending_.clear();
  next_pending_ = 0;
  while (pending_.empty() && next_input_ < inputs_.size()) {
    const std::string& input = inputs_[next_input_++];
    if (input == "-") {
      pending_.push_back({input, options_.format});
      break;
    }
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      problem(input, "no such file or folder", true);
      continue;
    }
    if (fs::is_directory(st)) {
      auto wanted = [&](const fs::path& p) {
        return options_.format == InputFormat::kText    ? is_text_name(p)
               : options_.format == InputFormat::kJsonl ? is_jsonl_name(p)
                                                        : is_text_name(p) || is_jsonl_name(p);
      };
      std::vector<InputProblem> unreadable;
      std::vector<fs::path> files = files_below(input, wanted, unreadable);
      for (InputProblem& p : unreadable) problem(std::move(p.where), std::move(p.message), true);
      if (files.empty()) {
        std::string looked = options_.format == InputFormat::kText    ? "*.txt, *.text"
                             : options_.format == InputFormat::kJsonl ? "*.jsonl, *.ndjson"
                                                                      : "*.txt, *.text, *.jsonl, *.ndjson";
        problem(input, "no articles in this folder (looked for " + looked + ")", true);
      }
      for (const auto& f : files) {
        InputFormat fmt = options_.format != InputFormat::kAuto ? options_.format
                          : is_jsonl_name(f)                   ? InputFormat::kJsonl
                                                               : InputFormat::kText;
        pending_.push_back({f.string(), fmt});
      }
      continue;
    }
    InputFormat fmt = options_.format != InputFormat::kAuto ? options_.format
                      : is_jsonl_name(input)                ? InputFormat::kJsonl
                                                            : InputFormat::kText;
    pending_.push_back({input, fmt});
  }
  return !pending_.empty();
}

bool ArticleReader::finish_article(Article& a, const std::string& where) {
  Utf8Repair r = repair_utf8(a.text);
  if (r.replaced)
    problem(where,
            "invalid UTF-8 at byte " + std::to_string(r.first_bad_byte) + " (" + std::to_string(r.replaced) +
                " sequence" + (r.replaced == 1 ? "" : "s") + " replaced with U+FFFD); offsets refer to the repaired text",
            false);
  if (only_space(a.text)) {
    problem(where, "empty article (no text), skipped", true);
    return false;
  }
  if (a.date.empty()) a.date = options_.default_date;
  a.origin = where;
  return true;
}

bool ArticleReader::read_text(const Source& src, Article& out) {
  out = Article{};
  std::string& text = out.text;
  const bool is_stdin = src.path == "-";
  const std::string where = is_stdin ? "<stdin>" : src.path;
  const std::string limit = megabytes(options_.max_article_bytes) + " (raise it with --max-article-mb)";
  std::ifstream file;
  std::istream* in = stdin_;
  if (!is_stdin) {
    std::error_code ec;
    auto size = fs::file_size(src.path, ec);
    if (!ec && size > options_.max_article_bytes) {
      problem(src.path, "article is " + megabytes(size) + ", over the limit of " + limit, true);
      return false;
    }
    file.open(src.path, std::ios::binary);
    if (!file) {
      problem(src.path, std::string("cannot open: ") + std::strerror(errno), true);
      return false;
    }
    if (!ec) text.reserve(size);
    in = &file;
  }
  // In chunks, so that an input of unknown size (standard input, a pipe, a
  // device) is refused once over the limit without holding it all.
  char buf[1 << 16];
  while (in->read(buf, sizeof buf) || in->gcount() > 0) {
    text.append(buf, static_cast<size_t>(in->gcount()));
    if (text.size() > options_.max_article_bytes) {
      problem(where, (is_stdin ? "standard input" : std::string("the input")) + " is larger than the article limit of " +
                         limit,
              true);
      if (is_stdin) stdin_->ignore(std::numeric_limits<std::streamsize>::max());
      return false;
    }
  }
  if (in->bad()) {
    problem(where, "read error", true);
    return false;
  }
  bytes_read_ += text.size();
  if (is_stdin) {
    out.id = hash_id(text);
  } else {
    out.id = fs::path(src.path).stem().string();
  }
  if (!finish_article(out, where)) return false;
  out.title = first_line(out.text);
  return true;
}

bool ArticleReader::read_jsonl_line(Article& out) {
  std::string& line = line_;
  bool too_long = false;
  while (read_bounded_line(*jsonl_, line, options_.max_article_bytes, too_long)) {
    ++jsonl_line_;
    bytes_read_ += line.size() + 1;
    const std::string where = jsonl_path_ + ":" + std::to_string(jsonl_line_);
    if (too_long) {
      ++jsonl_content_lines_;
      if (jsonl_->bad()) {
        problem(where, "no line end in over " + megabytes(std::max<size_t>(size_t{1} << 30, 16 * options_.max_article_bytes)) +
                           ": not JSON Lines? The rest of the input is skipped",
                true);
        break;
      }
      problem(where, "line is over the article limit of " + megabytes(options_.max_article_bytes) +
                         " (raise it with --max-article-mb)",
              true);
      continue;
    }
    if (only_space(line)) continue;
    ++jsonl_content_lines_;
    JsonValue v;
    std::string error;
    if (!parse_json(line, v, error, options_.max_json_depth)) {
      problem(where, "not valid JSON: " + error, true);
      continue;
    }
    if (v.type != JsonValue::Type::kObject) {
      problem(where, "expected a JSON object {\"id\", \"title\", \"date\", \"text\", \"url\"}, found " +
                         std::string(to_string(v.type)),
              true);
      continue;
    }
    out = Article{};
    bool ok = true;
    auto field = [&](std::string_view name, std::string& dest, bool required) {
      const JsonValue* f = v.find(name);
      if (!f || f->is_null()) {
        if (required) {
          problem(where, "no \"" + std::string(name) + "\" member", true);
          ok = false;
        }
        return;
      }
      if (f->type == JsonValue::Type::kNumber && name == "id") {
        dest = f->string;  // the number as written: ids above 2^53 stay exact
        return;
      }
      if (!f->is_string()) {
        problem(where, "\"" + std::string(name) + "\" should be a string, found " + std::string(to_string(f->type)),
                true);
        ok = false;
        return;
      }
      dest = f->string;
    };
    field("text", out.text, true);
    if (ok) field("id", out.id, false);
    if (ok) field("title", out.title, false);
    if (ok) field("url", out.url, false);
    std::string date;
    if (ok) field("date", date, false);
    if (!ok) continue;
    if (!date.empty()) {
      std::string err;
      if (!parse_publication_date(date, out.date, err))
        problem(where, "date " + err + "; the article is read without a date", false);
    }
    repair_utf8(out.title);
    repair_utf8(out.id);
    repair_utf8(out.url);
    if (out.id.empty()) out.id = hash_id(out.url.empty() ? out.text : out.url);
    if (!finish_article(out, where)) continue;
    return true;
  }
  // (A line given up on was reported where it was read.)
  if (jsonl_->bad()) {
    if (!too_long) problem(jsonl_path_, "read error after line " + std::to_string(jsonl_line_), true);
  } else if (jsonl_content_lines_ == 0) {
    problem(jsonl_path_, "no articles in this file (it is empty)", true);
  }
  jsonl_ = nullptr;
  jsonl_file_.reset();
  return false;
}

bool ArticleReader::next(Article& out) {
  while (true) {
    if (jsonl_ && read_jsonl_line(out)) return true;
    if (next_pending_ >= pending_.size() && !open_next_source()) return false;
    const Source src = pending_[next_pending_++];
    InputFormat fmt = src.format;
    if (src.path == "-" && fmt == InputFormat::kAuto) {
      // Standard input in JSON Lines starts with '{'.
      int c;
      while ((c = stdin_->peek()) != EOF && std::isspace(c)) stdin_->get();
      fmt = c == '{' ? InputFormat::kJsonl : InputFormat::kText;
    }
    if (fmt == InputFormat::kJsonl) {
      jsonl_path_ = src.path == "-" ? "<stdin>" : src.path;
      jsonl_line_ = 0;
      jsonl_content_lines_ = 0;
      if (src.path == "-") {
        jsonl_ = stdin_;
      } else {
        jsonl_file_ = std::make_unique<std::ifstream>(src.path, std::ios::binary);
        if (!*jsonl_file_) {
          problem(src.path, std::string("cannot open: ") + std::strerror(errno), true);
          jsonl_file_.reset();
          continue;
        }
        jsonl_ = jsonl_file_.get();
      }
      continue;
    }
    if (read_text(src, out)) return true;
  }
}

}  // namespace sitrep
