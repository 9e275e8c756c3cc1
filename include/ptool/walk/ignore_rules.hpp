// IgnoreRules: the patterns of one .gitignore or .ignore file, with git's semantics; IgnoreStack:
// the rules of every directory from the walk root down to the one being read, so the walker can
// ask, entry by entry, whether to skip it.
// Easy to get wrong: the last matching rule wins, and a deeper directory's rules are consulted
// before a shallower one's; a negated rule cannot bring back a path whose parent directory is
// ignored, which holds here only because the walker never descends into an ignored directory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ptool/walk/glob.hpp"

namespace ptool {

enum class IgnoreVerdict {
    none,     // no rule matched: ask the next, shallower file
    ignore,   // the last matching rule is a plain pattern
    include,  // the last matching rule is a negated ("!pattern") one
};

class IgnoreRules {
  public:
    // Never fails: git ignores nothing it cannot parse either. Accepts '\n' or "\r\n" lines and a
    // leading UTF-8 byte order mark.
    static IgnoreRules parse(std::string_view file_contents);

    // path: relative to the directory that holds the ignore file, '/'-separated, no leading "./".
    [[nodiscard]] IgnoreVerdict match(std::string_view path, bool is_directory) const;
    [[nodiscard]] bool empty() const { return rules_.empty(); }
    [[nodiscard]] std::size_t size() const { return rules_.size(); }

  private:
    struct Rule {
        Glob glob;
        bool negated;
    };
    std::vector<Rule> rules_;
};

// The walker pushes a level for each directory it enters and pops it when it leaves; depth-first
// order makes a stack enough.
class IgnoreStack {
  public:
    // The first push is the walk root (its name is not part of any path the rules see); every
    // later one is a subdirectory of the innermost level. Among one directory's files, later ones
    // take precedence: pass {.gitignore, .ignore} for ripgrep's order.
    void push(std::string_view directory_name, std::vector<IgnoreRules> rules_for_this_directory);
    void pop();

    // name: an entry of the innermost directory. Answers in no time when no level has rules.
    [[nodiscard]] bool is_ignored(std::string_view name, bool is_directory) const;
    [[nodiscard]] std::size_t depth() const { return levels_.size(); }

  private:
    struct Level {
        std::size_t path_size_before_push;  // to restore path_ on pop
        std::size_t path_start;             // where paths relative to this directory begin
        std::vector<IgnoreRules> rules;
    };
    std::vector<Level> levels_;
    std::string path_;  // the innermost directory relative to the root, with a trailing '/'
    std::size_t levels_with_rules_ = 0;
};

}  // namespace ptool
