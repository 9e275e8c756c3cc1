// Glob: a shell wildcard pattern compiled once and matched against every path of a walk, for
// --include/--exclude/--exclude-dir and for the patterns of .gitignore files.
// Easy to get wrong: a pattern without a '/' matches the base name at any depth; a pattern with
// one is anchored to the walk root and matched against the whole relative path, where '*', '?'
// and '[...]' never match a '/' and only a whole "**" component spans directories.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ptool {

class Glob {
  public:
    // Syntax: '*' (any run of bytes), '?' (one byte), '[a-z]', '[!a-z]' or '[^a-z]', '[[:digit:]]'
    // style classes, '\x' for a literal x, and "**" as a whole component ("**/x", "x/**",
    // "a/**/b") for any number of directories. A trailing '/' restricts the glob to directories;
    // a leading '/' only anchors it. Never fails: an unclosed '[' and a trailing '\' stand for
    // themselves. Matching is by bytes, case-sensitive, and '*' matches a leading '.'.
    static Glob compile(std::string_view pattern);

    // relative_path: from the walk root, '/'-separated, without a leading "./" or '/'.
    // base_name: its last component, which the walker already has at hand.
    [[nodiscard]] bool matches(std::string_view relative_path, std::string_view base_name,
                               bool is_directory) const;

    // True when the pattern held a '/' (other than a trailing one), so the whole path is matched.
    [[nodiscard]] bool matches_whole_path() const { return matches_whole_path_; }
    [[nodiscard]] bool directory_only() const { return directory_only_; }
    [[nodiscard]] const std::string& pattern() const { return pattern_; }

    // One compiled path component of the pattern; public only so that the matcher in glob.cpp can
    // name it.
    struct Component {
        enum class Kind : std::uint8_t {
            any_directories,  // "**": zero or more whole components
            exact,            // no wildcard: compare bytes
            anything,         // "*"
            prefix,           // "literal*"
            suffix,           // "*literal"
            general,          // anything else: run the wildcard matcher over `tokens`
        };
        struct Token {
            enum class Kind : std::uint8_t { byte, any_byte, byte_class, any_run };
            Kind kind;
            unsigned char byte;         // for Kind::byte
            std::uint16_t class_index;  // into `classes`, for Kind::byte_class
        };
        Kind kind = Kind::general;
        std::string literal;  // for exact, prefix and suffix
        std::vector<Token> tokens;
        std::vector<std::bitset<256>> classes;

        [[nodiscard]] bool matches(std::string_view name) const;
    };

  private:
    [[nodiscard]] bool matches_components(std::string_view relative_path) const;

    std::string pattern_;
    std::vector<Component> components_;
    bool matches_whole_path_ = false;
    bool directory_only_ = false;
};

// The --include/--exclude pair: a path is selected when it matches no exclude glob and, if any
// include glob was given, at least one of them. An empty set selects everything.
// Easy to get wrong: include globs only narrow the files; the walker applies a separate set built
// from --exclude-dir to directories, so that an include like "*.c" never prunes a directory.
class GlobSet {
  public:
    void add_include(std::string_view pattern);
    void add_exclude(std::string_view pattern);

    [[nodiscard]] bool selects(std::string_view relative_path, std::string_view base_name,
                               bool is_directory) const;
    [[nodiscard]] bool empty() const { return includes_.empty() && excludes_.empty(); }

  private:
    std::vector<Glob> includes_;
    std::vector<Glob> excludes_;
};

}  // namespace ptool
