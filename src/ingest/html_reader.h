// HtmlReader: a news web page to an article. Finds the title (og:title, the
// first <h1>, <title>), the byline (meta author, rel=author, a "byline"
// element), the publication date (article:published_time and similar meta
// tags, itemprop=datePublished, <time datetime>), the canonical URL, and the
// main text: the <article> element when there is one, else the element whose
// paragraphs hold the most text, leaving out navigation, headers, footers,
// asides, forms, scripts and share/related/comment boxes. Paragraphs become
// lines; the text starts with the title line and a blank line, as a plain-text
// article does, so offsets run over that text.
//
//   HtmlPage page = read_html(bytes);
//   if (!page.text.empty()) store(page.title, page.date, page.text);
#pragma once

#include <string>
#include <string_view>

namespace sitrep {

struct HtmlPage {
  std::string title;
  std::string byline;  // "Jane Doe", or empty
  std::string date;    // YYYY-MM-DD, or empty
  std::string url;     // canonical URL, or empty
  std::string text;    // title line, blank line, one paragraph per line; empty when no body was found
  size_t body_chars = 0;  // bytes of main text (without the title), to tell pages from index pages
  std::string error;      // why the page was refused (over a limit), or ""
};

// Bounds on what one page may cost. A page over either is refused with a
// message in HtmlPage::error, in time and memory proportional to its size:
// - max_depth: elements nested deeper than this, as counted before parsing
//   (elements that close themselves, such as <p>, <li> and <td>, do not count);
// - max_tree_bytes: the memory of the parsed tree (a malformed page can make a
//   parser build far more elements than it has tags).
struct HtmlLimits {
  size_t max_depth = 512;
  size_t max_tree_bytes = size_t{256} << 20;
};

// `html` may be in any encoding: invalid UTF-8 is read as Windows-1252, as
// browsers do for pages that declare nothing. The tree is walked without
// recursion.
HtmlPage read_html(std::string_view html, const HtmlLimits& limits = {});

}  // namespace sitrep
