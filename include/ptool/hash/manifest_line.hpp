// ManifestLine: one line of an integrity manifest, written byte for byte as sha256sum (coreutils
// 9) and xxhsum write it, and read back from what ptool, coreutils or xxhsum wrote.
// Easy to get wrong: a name holding `\n`, `\r` or `\` must be escaped in newline-terminated
// manifests (the line then starts with `\`), and must NOT be escaped in NUL-terminated ones;
// the parser has to be told which kind of line it was given for the same reason.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "ptool/hash/hash_algorithm.hpp"

namespace ptool {

enum class ManifestStyle {
    gnu,  // `HASH  PATH` (`XXH3_HASH  PATH` for XXH3, as xxhsum 0.8.2 writes it)
    tag,  // `ALGO (PATH) = HASH`, as `--tag` writes it
};

enum class LineEnd {
    newline,  // `\n`; names with `\n`, `\r` or `\` are escaped
    nul,      // `\0` (`-0`); names are written as they are
};

// Appends `name` with coreutils' escapes: `\n`, `\r` and `\\` for newline, carriage return and
// backslash. The caller marks the line with a leading `\` when the name needed any.
void append_escaped_name(std::string& out, std::string_view name);

// Appends one whole line, terminator included. `hex_digest` is what Hasher produced.
void append_manifest_line(std::string& out, HashAlgorithm algorithm, std::string_view hex_digest,
                          std::string_view path, ManifestStyle style, LineEnd end);

struct ManifestEntry {
    HashAlgorithm algorithm;
    std::string expected_hex;  // lowercase, without `XXH3_`
    std::string path;          // unescaped: the bytes of the name to open
    bool operator==(const ManifestEntry&) const = default;
};

// A `#` comment in the first column or an empty line: skipped silently, as coreutils does.
struct IgnoredManifestLine {
    bool operator==(const IgnoredManifestLine&) const = default;
};

// Anything else that is not an entry. `reason` points to a string literal, for `--warn`-style
// diagnostics; counting these is what coreutils' "N lines are improperly formatted" reports.
struct ImproperManifestLine {
    std::string_view reason;
};

using ParsedManifestLine = std::variant<ManifestEntry, IgnoredManifestLine, ImproperManifestLine>;

// Parses one line given WITHOUT its terminator (the reader splits on `\n` or `\0`). For
// LineEnd::newline one trailing `\r` is dropped first (CRLF manifests), as coreutils does.
// Accepted (what coreutils and xxhsum accept, minus their quirks):
//   [\]HASH  NAME, [\]HASH *NAME         GNU form, text or binary marker; also after `XXH3_`
//   [\]ALGO (NAME) = HASH               BSD tag form, ALGO one of the tag names
// The GNU form's algorithm comes from the hex length (8 xxh32, 16 xxh64, 32 xxh128, 64 sha256)
// or the `XXH3_` prefix; the tag form's from the tag, and the length must match it. Hex digits
// may be uppercase. A leading `\` means the name is escaped: only `\n`, `\r` and `\\` are valid.
// Not accepted: coreutils' single-space "reversed" form (`HASH NAME`), which it only accepts
// depending on earlier lines; a line cannot be judged alone in that form.
[[nodiscard]] ParsedManifestLine parse_manifest_line(std::string_view line, LineEnd end);

}  // namespace ptool
