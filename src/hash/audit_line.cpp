// AuditLine: the text and JSON forms of one audit difference.
#include "ptool/hash/audit_line.hpp"

#include "ptool/hash/manifest_line.hpp"
#include "ptool/output/json.hpp"

namespace ptool {
namespace {

bool needs_escaping(std::string_view path) {
    return path.find_first_of("\n\r\\") != std::string_view::npos;
}

void append_path(std::string& out, std::string_view path, bool escape) {
    if (!escape) {
        out += path;
        return;
    }
    append_escaped_name(out, path);
}

}  // namespace

std::string_view audit_status_name(AuditStatus status) {
    switch (status) {
        case AuditStatus::ok:
            return "ok";
        case AuditStatus::changed:
            return "changed";
        case AuditStatus::new_file:
            return "new";
        case AuditStatus::missing:
            return "missing";
        case AuditStatus::moved:
            return "moved";
    }
    return "?";
}

void append_audit_line(std::string& out, const AuditDifference& difference, LineEnd end) {
    const bool moved = difference.status == AuditStatus::moved;
    const bool escape =
        end == LineEnd::newline &&
        (needs_escaping(difference.path) || (moved && needs_escaping(difference.moved_from)));
    if (escape) {
        out.push_back('\\');
    }
    out += audit_status_name(difference.status);
    out.push_back(' ');
    if (moved) {
        append_path(out, difference.moved_from, escape);
        out += " -> ";
    }
    append_path(out, difference.path, escape);
    out.push_back(end == LineEnd::newline ? '\n' : '\0');
}

void append_audit_json(std::string& out, const AuditDifference& difference) {
    out += "{\"status\":\"";
    out += audit_status_name(difference.status);
    out += "\",";
    append_json_name_field(out, "path", difference.path);
    if (difference.status == AuditStatus::moved) {
        out += ',';
        append_json_name_field(out, "from", difference.moved_from);
    }
    if (difference.status == AuditStatus::changed) {
        out += ",\"algorithm\":\"";
        out += cli_name(difference.algorithm);
        out += "\",\"expected\":\"";
        out += difference.expected_hex;
        out += "\",\"actual\":\"";
        out += difference.actual_hex;
        out += '"';
    }
    out += "}\n";
}

}  // namespace ptool
