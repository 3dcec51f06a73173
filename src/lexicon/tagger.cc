#include "lexicon/tagger.h"
