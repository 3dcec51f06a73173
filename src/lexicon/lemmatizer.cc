#include "lexicon/lemmatizer.h"
