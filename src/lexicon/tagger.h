// Tagger: Penn Treebank part-of-speech tags for every token (Document::pos).
// (Being written: see the helper's report.)
#pragma once
