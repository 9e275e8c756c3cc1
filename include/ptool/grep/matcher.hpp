// Matcher: the compiled form of grep's patterns and of -F, -i, -w, -x. It finds matches in a
// buffer of many lines; a match never spans a line terminator. \w, \W and -w's edges are
// Unicode's word characters, as in ripgrep (see unicode_word.hpp). Each worker owns one: its
// Unicode programs are compiled at the first line that needs them, so it must not be shared.
// Easy to get wrong: offsets returned are relative to the text passed in, and `from` must be a
// position inside that text: the bytes before it are still looked at for ^ and word boundaries.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ptool/grep/grep_options.hpp"
#include "ptool/grep/literal_prefilter.hpp"

namespace re2 {
class RE2;
}

namespace ptool {

struct MatchRange {
    std::size_t start = 0;
    std::size_t end = 0;
    bool operator==(const MatchRange&) const = default;
};

// RE2's message for the first pattern that does not compile, or nothing when all do. Call it
// before reading any file.
[[nodiscard]] std::optional<std::string> pattern_error(const GrepOptions& options);

// The sources of a Matcher's RE2 programs, for one reading of \w, \W and -w's edges.
struct PatternSources {
    std::string candidate;  // every pattern, as one alternation
    std::string exact;      // with -w or -x applied, to confirm a line; empty without them
};

// What every worker's Matcher is built from, worked out once: the sources of its RE2 programs and
// the literal prefilter (plain data, copied). Each Matcher still compiles its own programs.
struct PreparedPatterns {
    PatternSources unicode;  // \w, \W and -w's edges as Unicode's word characters: any text
    // The same with RE2's own ASCII \w, \W and edges, for lines of ASCII only, where both read
    // the same. Unicode's classes hold hundreds of ranges and take milliseconds to compile in
    // every worker; these take microseconds. Absent when the two would not differ.
    std::optional<PatternSources> ascii;
    std::optional<LiteralPrefilter> prefilter;
};

// Call once pattern_error() said the patterns are good; put the result in GrepOptions::prepared.
[[nodiscard]] std::shared_ptr<const PreparedPatterns> prepare_patterns(const GrepOptions& options);

class Matcher {
  public:
    // Throws std::invalid_argument with RE2's message if a pattern is bad (see pattern_error).
    explicit Matcher(const GrepOptions& options);
    ~Matcher();
    Matcher(Matcher&&) noexcept;
    Matcher& operator=(Matcher&&) noexcept;

    // The first match at or after `from` in `text` (many lines) whose line really matches, with
    // -w and -x applied. The range lies inside one line.
    [[nodiscard]] std::optional<MatchRange> find(std::string_view text, std::size_t from) const;

    // The first line at or after `from` (a line start) holding a match, with -w and -x applied:
    // its start, and its end past the '\n' when it has one. Cheaper than find(), as where the
    // match lies inside the line is not worked out. Text after a final '\n' is not a line.
    [[nodiscard]] std::optional<MatchRange> find_matching_line(std::string_view text,
                                                               std::size_t from) const;

    // The first match at or after `from` inside one line given without its terminator.
    [[nodiscard]] std::optional<MatchRange> find_in_line(std::string_view line,
                                                         std::size_t from) const;

  private:
    [[nodiscard]] std::optional<MatchRange> find_candidate(std::string_view text,
                                                           std::size_t from) const;
    [[nodiscard]] std::optional<MatchRange> find_candidate_in(const re2::RE2& program,
                                                              std::string_view text,
                                                              std::size_t from,
                                                              std::size_t to) const;
    [[nodiscard]] bool line_has_match(std::string_view line) const;
    [[nodiscard]] std::optional<MatchRange> find_in_prefiltered_lines(std::string_view text,
                                                                      std::size_t from) const;

    // The RE2 programs for one reading of \w, \W and -w's edges (PatternSources).
    struct Programs {
        std::unique_ptr<re2::RE2> candidate;  // the patterns alone, over many lines
        std::unique_ptr<re2::RE2> exact;      // with -w / -x applied, over one line
    };
    [[nodiscard]] const Programs& programs_for_line(std::string_view line) const;
    [[nodiscard]] const Programs& unicode_programs() const;
    [[nodiscard]] Programs compile_programs(const PatternSources& sources) const;

    bool matches_nothing_ = false;
    bool needs_line_check_ = false;  // -w / -x: a candidate must be confirmed on its line
    bool line_regexp_ = false;
    bool ignore_case_ = false;
    std::optional<LiteralPrefilter> prefilter_;
    std::shared_ptr<const PreparedPatterns> prepared_;
    std::optional<Programs> ascii_;            // when PreparedPatterns::ascii is there
    mutable std::optional<Programs> unicode_;  // compiled at first need when ascii_ is there
};

}  // namespace ptool
