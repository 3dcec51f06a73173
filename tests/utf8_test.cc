#include "text/utf8.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Utf8, ValidTextIsUntouched) {
  std::string s = "Israel’s army — “Gaza” 🔥 Ω";
  std::string copy = s;
  Utf8Repair r = repair_utf8(s);
  EXPECT_EQ(r.replaced, 0u);
  EXPECT_EQ(s, copy);
  EXPECT_TRUE(is_valid_utf8(s));
}

TEST(Utf8, InvalidBytesBecomeReplacementChars) {
  std::string s = "ab\xFF" "cd\xC3";  // a stray byte and a truncated sequence at the end
  Utf8Repair r = repair_utf8(s);
  EXPECT_EQ(r.replaced, 2u);
  EXPECT_EQ(r.first_bad_byte, 2u);
  EXPECT_EQ(s, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8(s));
}

TEST(Utf8, OverlongAndSurrogatesAreInvalid) {
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));       // a literal U+FFFD is fine
}

TEST(Utf8, TruncatedMultibyteSequenceIsOneReplacement) {
  std::string s = "x\xE2\x80y";  // the first two bytes of an em dash
  Utf8Repair r = repair_utf8(s);
  EXPECT_EQ(r.replaced, 1u);
  EXPECT_EQ(s, "x\xEF\xBF\xBDy");
}

TEST(Utf8, ByteOrderMarkIsDropped) {
  std::string s = "\xEF\xBB\xBFTitle";
  repair_utf8(s);
  EXPECT_EQ(s, "Title");
}

TEST(Utf8, DecodeAndEncodeRoundTrip) {
  for (uint32_t cp : {0x41u, 0xE9u, 0x2019u, 0x1F525u, 0x10FFFFu}) {
    std::string s;
    append_utf8(s, cp);
    uint32_t back = 0;
    EXPECT_EQ(decode_utf8(s, 0, back), s.size());
    EXPECT_EQ(back, cp);
  }
}

TEST(Utf8, CodepointMapMatchesCounting) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += i % 3 ? "a’b" : "🔥 x";
  CodepointMap map(text);
  for (size_t b = 0; b <= text.size(); ++b) {
    if (b < text.size() && (static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;
    ASSERT_EQ(map(b), count_codepoints(std::string_view(text).substr(0, b))) << "byte " << b;
  }
}

}  // namespace
}  // namespace sitrep
