// ShellQuote: gnulib's quotearg shell-escape style, reduced to what a UTF-8 locale does.
#include "ptool/output/shell_quote.hpp"

#include <cstdint>
#include <optional>

namespace ptool {
namespace {

constexpr std::string_view always_special = " !\"$&()*;<=>?[\\^`|':\t";

// Length of the valid UTF-8 sequence of a printable character at the start of `text`, if any.
std::optional<std::size_t> printable_utf8_length(std::string_view text) {
    const auto lead = static_cast<std::uint8_t>(text.front());
    std::size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    if (length == 0 || lead > 0xf4 || text.size() < length) {
        return std::nullopt;
    }
    std::uint32_t code_point = lead & (0x7fU >> length);
    for (std::size_t index = 1; index < length; ++index) {
        const auto next = static_cast<std::uint8_t>(text[index]);
        if ((next & 0xc0U) != 0x80U) {
            return std::nullopt;
        }
        code_point = (code_point << 6U) | (next & 0x3fU);
    }
    constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    const bool valid = code_point >= smallest[length] && code_point <= 0x10ffff &&
                       (code_point < 0xd800 || code_point > 0xdfff);
    const bool c1_control = code_point < 0xa0;
    if (!valid || c1_control) {
        return std::nullopt;
    }
    return length;
}

bool is_control(char character) {
    const auto byte = static_cast<std::uint8_t>(character);
    return byte < 0x20 || byte == 0x7f;
}

// Whether the character at `index` forces quotes; `compatible` tells whether double quotes
// would still do (gnulib prefers "it's" to 'it'\''s').
bool forces_quotes(std::string_view name, std::size_t index, bool& compatible) {
    const char character = name[index];
    if ((character == '#' || character == '~') && index == 0) {
        return true;
    }
    if ((character == '{' || character == '}') && name.size() == 1) {
        compatible = false;
        return true;
    }
    if (character == ' ' || character == '\'') {
        return true;
    }
    if (always_special.find(character) != std::string_view::npos) {
        compatible = false;
        return true;
    }
    return false;
}

void append_escape(std::string& out, std::uint8_t byte) {
    constexpr std::string_view letters = "abtnvfr";  // bytes 7 to 13
    out.push_back('\\');
    if (byte >= 7 && byte <= 13) {
        out.push_back(letters[byte - 7]);
        return;
    }
    out.push_back(static_cast<char>('0' + ((byte >> 6U) & 7U)));
    out.push_back(static_cast<char>('0' + ((byte >> 3U) & 7U)));
    out.push_back(static_cast<char>('0' + (byte & 7U)));
}

// The whole name inside single quotes, leaving them for `$'...'` around unprintable bytes.
std::string single_quoted(std::string_view name) {
    std::string out = "'";
    bool in_escape = false;
    for (std::size_t index = 0; index < name.size();) {
        const char character = name[index];
        std::size_t length = 1;
        bool printable = !is_control(character);
        if (static_cast<std::uint8_t>(character) >= 0x80) {
            auto utf8 = printable_utf8_length(name.substr(index));
            printable = utf8.has_value();
            length = utf8.value_or(1);
        }
        if (!printable) {
            if (!in_escape) {
                out += "'$'";
                in_escape = true;
            }
            append_escape(out, static_cast<std::uint8_t>(character));
        } else {
            if (in_escape) {
                out += "''";
                in_escape = false;
            }
            if (character == '\'') {
                out += "'\\'";
            }
            out.append(name.substr(index, length));
        }
        index += length;
    }
    out.push_back('\'');
    return out;
}

}  // namespace

std::string shell_quote(std::string_view name) {
    if (name.empty()) {
        return "''";
    }
    bool quote = false;
    bool double_quotes_do = true;
    bool has_single_quote = false;
    for (std::size_t index = 0; index < name.size();) {
        std::size_t length = 1;
        if (static_cast<std::uint8_t>(name[index]) >= 0x80) {
            auto utf8 = printable_utf8_length(name.substr(index));
            quote = quote || !utf8;
            double_quotes_do = double_quotes_do && utf8;
            length = utf8.value_or(1);
        } else if (is_control(name[index])) {
            quote = true;
            double_quotes_do = false;
        } else if (forces_quotes(name, index, double_quotes_do)) {
            quote = true;
        }
        has_single_quote = has_single_quote || name[index] == '\'';
        index += length;
    }
    if (!quote) {
        return std::string(name);
    }
    if (has_single_quote && double_quotes_do) {
        return "\"" + std::string(name) + "\"";
    }
    return single_quoted(name);
}

}  // namespace ptool
