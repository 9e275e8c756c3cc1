// AuditLine: plain lines, escaped names, NUL-terminated lines and JSON objects.
#include <gtest/gtest.h>

#include "ptool/hash/audit_line.hpp"

namespace ptool {
namespace {

std::string line(const AuditDifference& difference, LineEnd end = LineEnd::newline) {
    std::string out;
    append_audit_line(out, difference, end);
    return out;
}

std::string json(const AuditDifference& difference) {
    std::string out;
    append_audit_json(out, difference);
    return out;
}

TEST(AuditLine, OneWordThenThePath) {
    EXPECT_EQ(line({.status = AuditStatus::changed, .path = "d/f"}), "changed d/f\n");
    EXPECT_EQ(line({.status = AuditStatus::new_file, .path = "n"}), "new n\n");
    EXPECT_EQ(line({.status = AuditStatus::missing, .path = "m"}), "missing m\n");
    EXPECT_EQ(line({.status = AuditStatus::ok, .path = "o"}), "ok o\n");
    EXPECT_EQ(line({.status = AuditStatus::moved, .path = "new", .moved_from = "old"}),
              "moved old -> new\n");
}

TEST(AuditLine, EscapesNamesThatWouldBreakTheLine) {
    EXPECT_EQ(line({.status = AuditStatus::new_file, .path = "a\nb"}), "\\new a\\nb\n");
    EXPECT_EQ(line({.status = AuditStatus::moved, .path = "plain", .moved_from = "back\\slash"}),
              "\\moved back\\\\slash -> plain\n");
    EXPECT_EQ(line({.status = AuditStatus::new_file, .path = "a\nb"}, LineEnd::nul),
              std::string("new a\nb\0", 8));
}

TEST(AuditLine, JsonObjects) {
    EXPECT_EQ(json({.status = AuditStatus::changed,
                    .path = "f",
                    .algorithm = HashAlgorithm::xxh64,
                    .expected_hex = "00",
                    .actual_hex = "11"}),
              R"({"status":"changed","path":"f","algorithm":"xxh64","expected":"00","actual":"11"})"
              "\n");
    EXPECT_EQ(json({.status = AuditStatus::moved, .path = "b", .moved_from = "a"}),
              R"({"status":"moved","path":"b","from":"a"})"
              "\n");
    EXPECT_EQ(json({.status = AuditStatus::new_file, .path = "\xff"}),
              R"({"status":"new","path":null,"path_base64":"/w=="})"
              "\n");
}

}  // namespace
}  // namespace ptool
