// Unicode word classes: one pass over the pattern that knows RE2's escapes, \Q...\E and classes.
#include "ptool/grep/unicode_word.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

namespace ptool {
namespace {

// Checked against ripgrep 13 over every code point: the same set, except for characters that
// Unicode 15 (RE2's tables) assigned after Unicode 14 (ripgrep's).
constexpr std::string_view word_items =
    R"(\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc}\x{200C}\x{200D}\x{24B6}-\x{24E9})"
    R"(\x{1F130}-\x{1F149}\x{1F150}-\x{1F169}\x{1F170}-\x{1F189})";

constexpr char32_t last_code_point = 0x10FFFF;
constexpr char32_t first_surrogate = 0xD800;
constexpr char32_t last_surrogate = 0xDFFF;

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
        return;
    }
    const int continuation_bytes = code_point < 0x800 ? 1 : code_point < 0x10000 ? 2 : 3;
    static constexpr unsigned char lead_marks[] = {0, 0xC0, 0xE0, 0xF0};
    out += static_cast<char>(lead_marks[continuation_bytes] |
                             (code_point >> (6 * continuation_bytes)));
    for (int shift = 6 * (continuation_bytes - 1); shift >= 0; shift -= 6) {
        out += static_cast<char>(0x80 | ((code_point >> shift) & 0x3F));
    }
}

// The code point that valid UTF-8 `bytes` start with.
char32_t first_code_point(std::string_view bytes) {
    const auto lead = static_cast<unsigned char>(bytes[0]);
    if (lead < 0x80) {
        return lead;
    }
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    char32_t value = lead & (0x7FU >> length);
    for (std::size_t i = 1; i < length; ++i) {
        value = (value << 6) | (static_cast<unsigned char>(bytes[i]) & 0x3FU);
    }
    return value;
}

char32_t last_code_point_of(std::string_view bytes) {
    std::size_t start = bytes.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(bytes[start]) & 0xC0U) == 0x80U) {
        --start;
    }
    return first_code_point(bytes.substr(start));
}

// \W as class items, for inside a class, where a negated class cannot go: ranges of code points.
// RE2 itself finds them, running the non-word class over every code point in order, so they
// agree with its Unicode tables. A few milliseconds, and only for a \W inside a class.
std::string compute_non_word_items() {
    std::string every_code_point;
    every_code_point.reserve(std::size_t{4500} << 10);
    for (char32_t code_point = 0; code_point <= last_code_point; ++code_point) {
        if (code_point < first_surrogate || code_point > last_surrogate) {
            append_utf8(every_code_point, code_point);
        }
    }
    // A run across the left-out surrogates takes them in: they are not word characters either.
    const RE2 non_word_runs("([^" + std::string(word_items) + "]+)");
    re2::StringPiece input(every_code_point);
    re2::StringPiece run;
    std::string items;
    while (RE2::FindAndConsume(&input, non_word_runs, &run)) {
        const std::string_view bytes(run.data(), run.size());
        items += fmt::format("\\x{{{:X}}}-\\x{{{:X}}}",
                             static_cast<std::uint32_t>(first_code_point(bytes)),
                             static_cast<std::uint32_t>(last_code_point_of(bytes)));
    }
    return items;
}

const std::string& non_word_items() {
    static const std::string items = compute_non_word_items();  // immutable once built
    return items;
}

class WordClassRewriter {
  public:
    explicit WordClassRewriter(std::string_view pattern) : pattern_(pattern) {}

    std::string rewrite() {
        while (at_ < pattern_.size()) {
            if (pattern_[at_] == '\\') {
                escape_outside_class();
            } else if (pattern_[at_] == '[') {
                character_class();
            } else {
                out_ += pattern_[at_++];
            }
        }
        return std::move(out_);
    }

  private:
    void escape_outside_class() {
        if (at_ + 1 == pattern_.size()) {
            out_ += pattern_[at_++];
            return;
        }
        const char escaped = pattern_[at_ + 1];
        at_ += 2;
        if (escaped == 'w') {
            out_ += word_class();
        } else if (escaped == 'W') {
            out_ += non_word_class();
        } else if (escaped == 'Q') {
            quoted_text();
        } else {
            out_ += '\\';
            out_ += escaped;
        }
    }

    // \Q...\E: literal up to the first \E (as RE2 reads it, even after a backslash).
    void quoted_text() {
        const std::size_t end = pattern_.find("\\E", at_);
        const std::size_t stop = end == std::string_view::npos ? pattern_.size() : end + 2;
        out_ += "\\Q";
        out_.append(pattern_.substr(at_, stop - at_));
        at_ = stop;
    }

    // From '[' to its ']'. A ']' right after "[" or "[^" is a literal, as is a '[' that does
    // not open a "[:name:]".
    void character_class() {
        copy(1);
        if (at_ < pattern_.size() && pattern_[at_] == '^') {
            copy(1);
        }
        if (at_ < pattern_.size() && pattern_[at_] == ']') {
            copy(1);
        }
        while (at_ < pattern_.size()) {
            const char byte = pattern_[at_];
            if (byte == ']') {
                copy(1);
                return;
            }
            if (byte == '\\') {
                escape_inside_class();
            } else if (pattern_.substr(at_).starts_with("[:")) {
                const std::size_t name_end = pattern_.find(":]", at_ + 2);
                copy(name_end == std::string_view::npos ? 1 : name_end + 2 - at_);
            } else {
                copy(1);
            }
        }
    }

    void escape_inside_class() {
        if (at_ + 1 == pattern_.size()) {
            copy(1);
            return;
        }
        const char escaped = pattern_[at_ + 1];
        if (escaped == 'w') {
            out_ += word_items;
        } else if (escaped == 'W') {
            out_ += non_word_items();
        } else {
            out_.append(pattern_.substr(at_, 2));
        }
        at_ += 2;
    }

    void copy(std::size_t bytes) {
        out_.append(pattern_.substr(at_, bytes));
        at_ += bytes;
    }

    std::string_view pattern_;
    std::size_t at_ = 0;
    std::string out_;
};

}  // namespace

std::string_view word_class_items() { return word_items; }

std::string word_class() { return "[" + std::string(word_items) + "]"; }

std::string non_word_class() { return "[^" + std::string(word_items) + "]"; }

std::string with_unicode_word_classes(std::string_view pattern) {
    return WordClassRewriter{pattern}.rewrite();
}

}  // namespace ptool
