#include "ingest/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "ingest/date.h"
#include "text/utf8.h"

namespace sitrep {
namespace {

// Windows-1252's 0x80..0x9F; the rest of the byte range is Latin-1.
constexpr uint16_t kCp1252[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                  0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

std::string to_utf8(std::string_view html) {
  if (is_valid_utf8(html)) return std::string(html);
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  for (unsigned char c : html) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0xA0) append_utf8(out, kCp1252[c - 0x80]);
    else append_utf8(out, c);
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

const char* attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

bool is_element(const GumboNode* n, GumboTag tag) { return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag; }

// Collapses white space to single spaces and trims.
std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// Elements that are never article text.
bool is_boilerplate_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_HEAD: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// Class or id words that mark page furniture rather than the story.
bool is_boilerplate_box(const GumboNode* n) {
  std::string names;
  if (const char* c = attr(n, "class")) names += c;
  if (const char* i = attr(n, "id")) names += std::string(" ") + i;
  if (const char* r = attr(n, "role"); r && (std::strcmp(r, "navigation") == 0 || std::strcmp(r, "banner") == 0))
    return true;
  if (names.empty()) return false;
  names = lower(names);
  for (const char* w : {"nav", "menu", "footer", "sidebar", "share", "social", "related", "comment", "advert",
                        "promo", "cookie", "newsletter", "subscribe", "breadcrumb", "byline", "caption"})
    if (names.find(w) != std::string::npos) return true;
  return false;
}

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BR:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_PRE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT:
      return true;
    default:
      return false;
  }
}

// The text of a node, with blocks as separate paragraphs; depth-first with a
// stack of its own, since a page may nest elements many thousands deep.
void collect(const GumboNode* root, std::vector<std::string>& paragraphs, std::string& current) {
  auto flush = [&] {
    std::string p = squeeze(current);
    if (!p.empty()) paragraphs.push_back(std::move(p));
    current.clear();
  };
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    bool block;
  };
  std::vector<Frame> stack;
  auto enter = [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      current += n->v.text.text;
      return;
    }
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboTag tag = n->v.element.tag;
    if (is_boilerplate_tag(tag) || is_boilerplate_box(n)) return;
    const bool block = is_block(tag);
    if (block) flush();
    stack.push_back({n, 0, block});
  };
  enter(root);
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector& kids = f.node->v.element.children;
    if (f.next_child < kids.length) {
      enter(static_cast<const GumboNode*>(kids.data[f.next_child++]));
      continue;
    }
    const bool block = f.block;
    stack.pop_back();
    if (block) flush();
  }
}

std::string text_of(const GumboNode* n) {
  std::vector<std::string> ps;
  std::string cur;
  collect(n, ps, cur);
  if (!cur.empty()) ps.push_back(squeeze(cur));
  std::string out;
  for (const auto& p : ps) {
    if (!out.empty()) out += ' ';
    out += p;
  }
  return out;
}

struct Finder {
  const GumboNode* title = nullptr;
  const GumboNode* h1 = nullptr;
  const GumboNode* best_article = nullptr;
  size_t best_article_len = 0;
  const GumboNode* main = nullptr;
  const GumboNode* body = nullptr;
  const GumboNode* densest = nullptr;  // the element whose <p> children hold the most text
  size_t densest_len = 0;
  const GumboNode* time = nullptr;
  std::string og_title, author, date, url;

  void meta(const GumboNode* n) {
    const char* key = attr(n, "property");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    const char* content = attr(n, "content");
    if (!key || !content) return;
    const std::string k = lower(key);
    if (k == "og:title" && og_title.empty()) og_title = content;
    else if ((k == "author" || k == "article:author" || k == "dc.creator" || k == "byl") && author.empty())
      author = content;
    else if ((k == "article:published_time" || k == "datepublished" || k == "date" || k == "pubdate" ||
              k == "publishdate" || k == "dc.date.issued" || k == "dc.date" || k == "sailthru.date" ||
              k == "parsely-pub-date" || k == "og:published_time") &&
             date.empty())
      date = content;
    else if (k == "og:url" && url.empty())
      url = content;
  }

  // One element: its title, meta data, article and paragraph lengths.
  void visit(const GumboNode* n) {
    const GumboTag tag = n->v.element.tag;
    switch (tag) {
      case GUMBO_TAG_TITLE: if (!title) title = n; break;
      case GUMBO_TAG_H1: if (!h1) h1 = n; break;
      case GUMBO_TAG_META: meta(n); break;
      case GUMBO_TAG_MAIN: if (!main) main = n; break;
      case GUMBO_TAG_BODY: body = n; break;
      case GUMBO_TAG_TIME: if (!time && attr(n, "datetime")) time = n; break;
      case GUMBO_TAG_LINK:
        if (const char* rel = attr(n, "rel"); rel && lower(rel) == "canonical" && attr(n, "href")) url = attr(n, "href");
        break;
      case GUMBO_TAG_ARTICLE: {
        size_t len = text_of(n).size();
        if (len > best_article_len) {
          best_article = n;
          best_article_len = len;
        }
        break;
      }
      default: break;
    }
    if (const char* ip = attr(n, "itemprop")) {
      if (std::strcmp(ip, "datePublished") == 0 && date.empty()) {
        if (const char* dt = attr(n, "datetime")) date = dt;
        else if (const char* c = attr(n, "content")) date = c;
      }
      if (std::strcmp(ip, "author") == 0 && author.empty()) author = text_of(n);
    }
    if (const char* rel = attr(n, "rel"); rel && std::strcmp(rel, "author") == 0 && author.empty()) author = text_of(n);
    if (const char* cls = attr(n, "class"); cls && author.empty() && lower(cls).find("byline") != std::string::npos)
      author = text_of(n);
    const GumboVector& kids = n->v.element.children;
    if (!is_boilerplate_tag(tag) && !is_boilerplate_box(n)) {
      size_t p_len = 0;
      for (unsigned i = 0; i < kids.length; ++i) {
        const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
        if (is_element(k, GUMBO_TAG_P)) p_len += text_of(k).size();
      }
      if (p_len > densest_len) {
        densest = n;
        densest_len = p_len;
      }
    }
  }

  // Every element of the tree, in document order, without recursion.
  void visit_all(const GumboNode* root) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      visit(n);
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
  }
};

// How deeply a page nests its elements, counted over its tags before parsing:
// each start tag opens a level and each end tag closes one, except for void
// elements, self-closed tags and elements whose end is implied (p, li, td...),
// which a parser closes by itself. Comments and the text of script, style and
// the like are passed over. This bounds the tree the parser will build, in one
// pass over the bytes.
size_t nesting_depth(std::string_view html) {
  auto lower_name = [](std::string_view s, size_t i, char* out, size_t cap) {
    size_t n = 0;
    while (i + n < s.size() && n + 1 < cap && std::isalnum(static_cast<unsigned char>(s[i + n]))) {
      out[n] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + n])));
      ++n;
    }
    out[n] = 0;
    return n;
  };
  auto one_of = [](const char* name, std::initializer_list<const char*> names) {
    for (const char* x : names)
      if (std::strcmp(name, x) == 0) return true;
    return false;
  };
  size_t depth = 0, deepest = 0, i = 0;
  char name[16];
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.substr(i, 4) == "<!--") {
      i = html.find("-->", i + 4);
      if (i == std::string_view::npos) break;
      i += 3;
      continue;
    }
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    const size_t at = i + 1 + closing;
    const size_t len = lower_name(html, at, name, sizeof name);
    if (len == 0 || !std::isalpha(static_cast<unsigned char>(name[0]))) {
      ++i;
      continue;
    }
    const size_t gt = html.find('>', at + len);
    if (gt == std::string_view::npos) break;
    const bool self_closed = html[gt - 1] == '/';
    i = gt + 1;
    if (one_of(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}) &&
        !closing && !self_closed) {
      // Raw text up to the element's end tag.
      size_t e = i;
      while ((e = html.find("</", e)) != std::string_view::npos) {
        char n2[16];
        lower_name(html, e + 2, n2, sizeof n2);
        if (std::strcmp(n2, name) == 0) break;
        e += 2;
      }
      if (e == std::string_view::npos) break;
      i = e;
      continue;
    }
    if (self_closed ||
        one_of(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                      "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rp", "rt",
                      "rtc", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body"}))
      continue;
    if (closing) {
      depth -= depth > 0;
    } else {
      deepest = std::max(deepest, ++depth);
    }
  }
  return deepest;
}

// The parser's memory, taken from a budget: past it, the parse is abandoned
// (longjmp out of the parser, whose frames are all C), and every block is
// freed with the arena, so the tree needs no recursive destruction either.
struct Arena {
  struct Block {
    Block* prev;
    Block* next;
    size_t size;
  };
  // The block header, rounded up so that the memory after it is aligned for anything.
  static constexpr size_t kHeader = (sizeof(Block) + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);

  Block* head = nullptr;
  size_t used = 0, budget = 0;
  std::jmp_buf over;

  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    while (head) {
      Block* b = head;
      head = b->next;
      std::free(b);
    }
  }
  static void* allocate(void* self, size_t n) {
    Arena& a = *static_cast<Arena*>(self);
    Block* b = n > a.budget - a.used ? nullptr : static_cast<Block*>(std::malloc(kHeader + n));
    if (!b) std::longjmp(a.over, 1);
    b->prev = nullptr;
    b->next = a.head;
    b->size = n;
    if (a.head) a.head->prev = b;
    a.head = b;
    a.used += n;
    return reinterpret_cast<unsigned char*>(b) + kHeader;
  }
  static void deallocate(void* self, void* p) {
    if (!p) return;
    Arena& a = *static_cast<Arena*>(self);
    Block* b = reinterpret_cast<Block*>(static_cast<unsigned char*>(p) - kHeader);
    if (b->prev) b->prev->next = b->next;
    else a.head = b->next;
    if (b->next) b->next->prev = b->prev;
    a.used -= b->size;
    std::free(b);
  }
};

// Parses `html` within the arena's budget; nullptr when it ran out.
GumboOutput* parse_within(Arena& arena, const std::string& html) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::allocate;
  options.deallocator = &Arena::deallocate;
  options.userdata = &arena;
  options.max_errors = 0;  // the parse errors are not read: keep none
  if (setjmp(arena.over) != 0) return nullptr;
  return gumbo_parse_with_options(&options, html.data(), html.size());
}

}  // namespace

HtmlPage read_html(std::string_view raw, const HtmlLimits& limits) {
  HtmlPage page;
  if (size_t depth = nesting_depth(raw); depth > limits.max_depth) {
    page.error = "its elements nest " + std::to_string(depth) + " deep, over the limit of " +
                 std::to_string(limits.max_depth) + " (raise it with --max-html-depth)";
    return page;
  }
  const std::string html = to_utf8(raw);
  Arena arena;
  arena.budget = limits.max_tree_bytes;
  GumboOutput* out = parse_within(arena, html);
  if (!out) {
    page.error = "its HTML tree outgrew " + std::to_string(limits.max_tree_bytes >> 20) +
                 " MB, a malformed page (raise the limit with --max-html-tree-mb)";
    return page;
  }
  Finder f;
  f.visit_all(out->root);

  page.title = squeeze(!f.og_title.empty() ? f.og_title : f.h1 ? text_of(f.h1) : f.title ? text_of(f.title) : "");
  page.byline = squeeze(f.author);
  if (page.byline.size() > 3 && lower(page.byline.substr(0, 3)) == "by ") page.byline = page.byline.substr(3);
  page.url = f.url;
  std::string date = f.date;
  if (date.empty() && f.time) date = attr(f.time, "datetime");
  std::string err;
  if (!date.empty() && !parse_publication_date(squeeze(date), page.date, err)) page.date.clear();

  // The story: <article>, else <main>, else the densest block of paragraphs.
  const GumboNode* main = f.best_article && f.best_article_len >= 200 ? f.best_article
                          : f.main                                    ? f.main
                          : f.densest && f.densest_len >= 200         ? f.densest
                                                                      : f.body;
  std::vector<std::string> paragraphs;
  std::string cur;
  if (main) collect(main, paragraphs, cur);
  if (!cur.empty()) paragraphs.push_back(squeeze(cur));
  // The arena frees the tree.

  // The headline often opens the main text too; keep it once, as the title line.
  if (!paragraphs.empty() && paragraphs.front() == page.title) paragraphs.erase(paragraphs.begin());
  for (const auto& p : paragraphs) page.body_chars += p.size();
  if (paragraphs.empty()) return page;
  page.text = page.title.empty() ? "" : page.title + "\n\n";
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    page.text += paragraphs[i];
    page.text += '\n';
  }
  return page;
}

}  // namespace sitrep
