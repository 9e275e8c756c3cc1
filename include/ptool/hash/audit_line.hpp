// AuditLine: one line of `hash --audit`'s report: `ok PATH`, `changed PATH`, `new PATH`,
// `missing PATH` or `moved OLD -> NEW`; or, with --json, one object a line:
// {"status":"changed","path":"x","algorithm":"xxh128","expected":"...","actual":"..."},
// {"status":"moved","path":"NEW","from":"OLD"}, {"status":"new","path":"x"}, ...
// Easy to get wrong: a name holding `\n`, `\r` or `\` is escaped as in manifests (the line then
// starts with `\`) so one difference stays one line; with -0 lines end in NUL and nothing is
// escaped. JSON names that are not UTF-8 go as base64 (`path_base64`).
#pragma once

#include <string>
#include <string_view>

#include "ptool/hash/hash_algorithm.hpp"
#include "ptool/hash/manifest_line.hpp"

namespace ptool {

enum class AuditStatus { ok, changed, new_file, missing, moved };

struct AuditDifference {
    AuditStatus status = AuditStatus::ok;
    std::string_view path{};                          // for moved: the new path
    std::string_view moved_from{};                    // for moved: the old path
    HashAlgorithm algorithm = HashAlgorithm::xxh128;  // for changed
    std::string_view expected_hex{};                  // for changed
    std::string_view actual_hex{};                    // for changed
};

[[nodiscard]] std::string_view audit_status_name(AuditStatus status);

void append_audit_line(std::string& out, const AuditDifference& difference, LineEnd end);
void append_audit_json(std::string& out, const AuditDifference& difference);

}  // namespace ptool
