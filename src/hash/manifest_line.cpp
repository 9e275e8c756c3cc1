#include "ptool/hash/manifest_line.hpp"

#include <algorithm>
#include <optional>

namespace ptool {
namespace {

constexpr std::string_view xxh3_prefix = "XXH3_";
constexpr std::string_view characters_to_escape = "\n\r\\";

bool needs_escaping(std::string_view path, LineEnd end) {
    return end == LineEnd::newline &&
           path.find_first_of(characters_to_escape) != std::string_view::npos;
}

void append_path(std::string& out, std::string_view path, bool escape) {
    if (escape) {
        append_escaped_name(out, path);
    } else {
        out += path;
    }
}

ImproperManifestLine improper(std::string_view reason) { return ImproperManifestLine{reason}; }

bool is_blank(char character) { return character == ' ' || character == '\t'; }

bool is_hex_digit(char character) {
    return (character >= '0' && character <= '9') || (character >= 'a' && character <= 'f') ||
           (character >= 'A' && character <= 'F');
}

std::string lowercase_hex(std::string_view hex) {
    std::string lowercase(hex);
    for (char& character : lowercase) {
        if (character >= 'A' && character <= 'F') {
            character = static_cast<char>(character - 'A' + 'a');
        }
    }
    return lowercase;
}

bool consume_prefix(std::string_view& text, std::string_view prefix) {
    if (!text.starts_with(prefix)) {
        return false;
    }
    text.remove_prefix(prefix.size());
    return true;
}

void skip_blanks(std::string_view& text) {
    while (!text.empty() && is_blank(text.front())) {
        text.remove_prefix(1);
    }
}

// `ALGO (` or `ALGO(`, as coreutils accepts both; `XXH3` must not swallow the `XXH32` tag or
// the `XXH3_` prefix, which the `(` after it rules out.
std::optional<HashAlgorithm> consume_tag(std::string_view& text) {
    for (HashAlgorithm algorithm : all_hash_algorithms) {
        std::string_view rest = text;
        if (consume_prefix(rest, tag_name(algorithm))) {
            consume_prefix(rest, " ");
            if (consume_prefix(rest, "(")) {
                text = rest;
                return algorithm;
            }
        }
    }
    return std::nullopt;
}

std::optional<HashAlgorithm> algorithm_from_hex_length(std::size_t length) {
    switch (length) {
        case 8:
            return HashAlgorithm::xxh32;
        case 16:
            return HashAlgorithm::xxh64;
        case 32:
            return HashAlgorithm::xxh128;
        case 64:
            return HashAlgorithm::sha256;
        default:
            return std::nullopt;
    }
}

std::optional<std::string> unescape_name(std::string_view escaped) {
    std::string name;
    name.reserve(escaped.size());
    for (std::size_t index = 0; index < escaped.size(); ++index) {
        if (escaped[index] != '\\') {
            name.push_back(escaped[index]);
            continue;
        }
        if (++index == escaped.size()) {
            return std::nullopt;
        }
        switch (escaped[index]) {
            case 'n':
                name.push_back('\n');
                break;
            case 'r':
                name.push_back('\r');
                break;
            case '\\':
                name.push_back('\\');
                break;
            default:
                return std::nullopt;
        }
    }
    return name;
}

// The checks both forms share once they have split the line into its three parts.
ParsedManifestLine make_entry(HashAlgorithm algorithm, std::string_view hex, std::string_view name,
                              bool escaped) {
    if (hex.size() != digest_hex_length(algorithm)) {
        return improper("the hash has the wrong length for its algorithm");
    }
    if (!std::all_of(hex.begin(), hex.end(), is_hex_digit)) {
        return improper("the hash is not hexadecimal");
    }
    if (name.empty()) {
        return improper("no file name");
    }
    if (name.find('\0') != std::string_view::npos) {
        return improper("the file name holds a NUL byte");
    }
    if (!escaped) {
        return ManifestEntry{algorithm, lowercase_hex(hex), std::string(name)};
    }
    std::optional<std::string> unescaped = unescape_name(name);
    if (!unescaped) {
        return improper(R"(the file name holds an escape other than \n, \r or \\)");
    }
    return ManifestEntry{algorithm, lowercase_hex(hex), std::move(*unescaped)};
}

// After `ALGO (`: `NAME) = HASH`. The name ends at the last `)`, so it may hold `)` itself.
ParsedManifestLine parse_tag_form(HashAlgorithm algorithm, std::string_view rest, bool escaped) {
    const std::size_t close = rest.rfind(')');
    if (close == std::string_view::npos) {
        return improper("no `)` after the file name");
    }
    std::string_view name = rest.substr(0, close);
    std::string_view hex = rest.substr(close + 1);
    skip_blanks(hex);
    if (!consume_prefix(hex, "=")) {
        return improper("no `=` before the hash");
    }
    skip_blanks(hex);
    return make_entry(algorithm, hex, name, escaped);
}

// `HASH  NAME` or `HASH *NAME`, the hash possibly `XXH3_`-prefixed.
ParsedManifestLine parse_gnu_form(std::string_view rest, bool escaped) {
    const bool has_xxh3_prefix = consume_prefix(rest, xxh3_prefix);
    const std::size_t hex_end = std::find_if(rest.begin(), rest.end(), is_blank) - rest.begin();
    if (hex_end == rest.size()) {
        return improper("no space after the hash");
    }
    std::string_view hex = rest.substr(0, hex_end);
    std::string_view after_hex = rest.substr(hex_end + 1);
    if (after_hex.empty() || (after_hex.front() != ' ' && after_hex.front() != '*')) {
        return improper("the hash is not followed by two spaces or by ` *`");
    }
    std::string_view name = after_hex.substr(1);
    std::optional<HashAlgorithm> algorithm = has_xxh3_prefix
                                                 ? std::optional(HashAlgorithm::xxh3)
                                                 : algorithm_from_hex_length(hex.size());
    if (!algorithm) {
        return improper("the hash length matches no algorithm");
    }
    return make_entry(*algorithm, hex, name, escaped);
}

}  // namespace

void append_escaped_name(std::string& out, std::string_view name) {
    for (char character : name) {
        switch (character) {
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\\':
                out += "\\\\";
                break;
            default:
                out.push_back(character);
        }
    }
}

void append_manifest_line(std::string& out, HashAlgorithm algorithm, std::string_view hex_digest,
                          std::string_view path, ManifestStyle style, LineEnd end) {
    const bool escape = needs_escaping(path, end);
    if (escape) {
        out.push_back('\\');
    }
    if (style == ManifestStyle::gnu) {
        if (algorithm == HashAlgorithm::xxh3) {
            out += xxh3_prefix;
        }
        out += hex_digest;
        out += "  ";
        append_path(out, path, escape);
    } else {
        out += tag_name(algorithm);
        out += " (";
        append_path(out, path, escape);
        out += ") = ";
        out += hex_digest;
    }
    out.push_back(end == LineEnd::newline ? '\n' : '\0');
}

ParsedManifestLine parse_manifest_line(std::string_view line, LineEnd end) {
    if (end == LineEnd::newline && line.ends_with('\r')) {
        line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') {
        return IgnoredManifestLine{};
    }
    // coreutils skips leading blanks, but only a `#` in the first column starts a comment.
    skip_blanks(line);
    if (line.empty()) {
        return improper("a line of blanks");
    }
    const bool escaped = consume_prefix(line, "\\");
    if (std::optional<HashAlgorithm> tagged = consume_tag(line)) {
        return parse_tag_form(*tagged, line, escaped);
    }
    return parse_gnu_form(line, escaped);
}

}  // namespace ptool
