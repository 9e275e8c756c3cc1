// LiteralPrefilter: jumps to the next place where a match could start, using literals that
// every match must contain (RE2's FilteredRE2 "atoms"), found by testing sixteen positions at once
// for the two rarest bytes of every literal in one pass. It lets `[A-Z]+_MAX` or `foo|bar|baz`
// skip most of a buffer without running the regex there; the regex then runs on the candidate's
// line only. ASCII case is ignored (the atoms are lowercase), so it is a superset for
// case-sensitive patterns too. Easy to get wrong: it is a filter, never a verdict: a candidate's
// line must still be run through the regex; and an atom's `k` or `s` may stand for U+212A KELVIN
// SIGN or U+017F LONG S in the text (RE2 lowercases them to ASCII), so only the part of an atom
// free of those letters and of non-ASCII bytes is looked for.
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
    // More literals than this cost more to test at every position than running the regex.
    static constexpr std::size_t max_literals = 8;

    // A prefilter for `pattern` (as the Matcher compiles it), or nothing when no small set of
    // literals of at least three bytes is required.
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

    [[nodiscard]] std::size_t next_of_one(std::string_view text, std::size_t from) const;
    [[nodiscard]] std::size_t next_of_any(std::string_view text, std::size_t from) const;
    [[nodiscard]] std::size_t next_by_bytes(std::string_view text, std::size_t from) const;

    std::vector<Literal> literals_;
    std::size_t reach_ = 0;  // bytes a sixteen-position test reads past its first position
};

}  // namespace ptool
