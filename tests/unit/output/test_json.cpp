// JSON helpers: escapes, UTF-8 validation and base64, as the --json outputs rely on them.
#include <gtest/gtest.h>

#include <string>

#include "ptool/output/json.hpp"

namespace ptool {
namespace {

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

TEST(Json, StringEscapesControlCharactersQuotesAndDelete) {
    EXPECT_EQ(json_string("a\"b\\c\n\r\t\b\f"), R"("a\"b\\c\n\r\t\b\f")");
    EXPECT_EQ(json_string(std::string("\x01\x1f\x7f", 3)), R"("\u0001\u001f\u007f")");
    EXPECT_EQ(json_string("é丰"), "\"é丰\"");
}

TEST(Json, EscapedAsciiLeavesDeleteAsItIs) {
    std::string out;
    for (char byte : std::string("\"\x02\x7fz", 4)) {
        append_json_escaped_ascii(out, byte);
    }
    EXPECT_EQ(out, std::string("\\\"\\u0002\x7fz"));
}

TEST(Json, Utf8SequenceLengthsFollowRfc3629) {
    EXPECT_EQ(utf8_sequence_length("a", 0), 1U);
    EXPECT_EQ(utf8_sequence_length("xé", 1), 2U);
    EXPECT_EQ(utf8_sequence_length("丰", 0), 3U);
    EXPECT_EQ(utf8_sequence_length("\xF0\x9F\x98\x80", 0), 4U);
    EXPECT_EQ(utf8_sequence_length("\xC0\xAF", 0), 0U);      // overlong
    EXPECT_EQ(utf8_sequence_length("\xED\xA0\x80", 0), 0U);  // surrogate
    EXPECT_EQ(utf8_sequence_length("\xE4\xB8", 0), 0U);      // cut short
    EXPECT_FALSE(is_valid_utf8("ok\xFF"));
    EXPECT_TRUE(is_valid_utf8("ok é"));
}

TEST(Json, Base64WithPadding) {
    std::string out;
    append_base64(out, "f");
    out += ' ';
    append_base64(out, "fo");
    out += ' ';
    append_base64(out, "foo");
    EXPECT_EQ(out, "Zg== Zm8= Zm9v");
}

}  // namespace
}  // namespace ptool
