// The web view's files (web/*), compiled into the binary by
// src/serve/embed_assets.cmake so that `sitrep serve` is one self-contained
// program: no files to install beside it, nothing fetched at run time.
//
//   if (const Asset* a = find_asset("/app.js")) send(a->content_type, a->body);
#pragma once

#include <string_view>
#include <vector>

namespace sitrep::serve {

struct Asset {
  std::string_view path;          // "/index.html"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view body;
};

const std::vector<Asset>& assets();

// The asset served at `path` ("/" is /index.html), or nullptr.
inline const Asset* find_asset(std::string_view path) {
  if (path == "/") path = "/index.html";
  for (const Asset& a : assets())
    if (a.path == path) return &a;
  return nullptr;
}

}  // namespace sitrep::serve
