// LiteralPrefilter: jumps to the next place where a match could start, using literals that
// every match must contain (RE2's FilteredRE2 "atoms"), found by testing sixteen positions at once
// for their two rarest bytes. It lets `[A-Z]+_MAX` or `foo|bar|baz` skip most of a buffer without
// running the regex there; the regex then runs on the candidate's line only. ASCII case is ignored
// (the atoms are lowercase), so it is a superset for case-sensitive patterns too. Easy to get
// wrong: it is a filter, never a verdict: a candidate's line must still be run through the regex.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ptool/grep/grep_options.hpp"

namespace ptool {

class LiteralPrefilter {
  public:
    // A prefilter for `pattern` (as the Matcher compiles it), or nothing when no set of literals
    // of at least three bytes is required, or when one would not be exact enough (-i, non-ASCII).
    [[nodiscard]] static std::optional<LiteralPrefilter> build(const std::string& pattern,
                                                               const GrepOptions& options);

    // The smallest position >= from where one of the literals starts (ASCII case ignored), or
    // std::string_view::npos.
    [[nodiscard]] std::size_t next_candidate(std::string_view text, std::size_t from) const;

  private:
    struct Literal {
        std::string lowercase;
        std::size_t rare_index = 0;  // the two bytes looked for first
        std::size_t second_index = 0;
    };

    static std::size_t next_occurrence(const Literal& literal, std::string_view text,
                                       std::size_t from, std::size_t start_limit);

    std::vector<Literal> literals_;
};

}  // namespace ptool
