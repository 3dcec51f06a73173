// Lemmatizer: the lemma of every token (Document::lemmas).
// (Being written: see the helper's report.)
#pragma once
