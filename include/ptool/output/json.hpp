// JSON text helpers for the --json outputs: string escaping and the byte-string fallback that
// ripgrep uses for names and lines that are not valid UTF-8 (`{"bytes": "<base64>"}`).
// Easy to get wrong: JSON strings must be valid UTF-8; never copy arbitrary file-name bytes into
// one. Check with is_valid_utf8() and fall back to base64.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ptool {

[[nodiscard]] bool is_valid_utf8(std::string_view text);

// Length of the UTF-8 sequence starting at text[at], or 0 when it is not a valid one (RFC 3629,
// as Rust's str::from_utf8 checks: no overlongs, no surrogates).
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// Appends one ASCII byte as it stands inside a JSON string: the short escapes (\" \\ \n \r \t
// \b \f), \u00xx for other control characters, else the byte itself (DEL included).
void append_json_escaped_ascii(std::string& out, char byte);

// Appends `"text"` with JSON escapes; `text` must be valid UTF-8.
void append_json_string(std::string& out, std::string_view text);

// Appends the standard base64 encoding of `bytes` (with padding), without quotes.
void append_base64(std::string& out, std::string_view bytes);

// Appends `"key":"name"` for a file name, or `"key":null,"key_base64":"<base64>"` when the
// name's bytes are not valid UTF-8.
void append_json_name_field(std::string& out, std::string_view key, std::string_view name);

}  // namespace ptool
