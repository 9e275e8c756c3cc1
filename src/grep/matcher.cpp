// Matcher: builds one RE2 program for searching whole buffers, and with -w/-x a second one that
// confirms a candidate on its line. RE2 runs in linear time, so no pattern can blow up.
#include "ptool/grep/matcher.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "ptool/grep/unicode_word.hpp"

namespace ptool {
namespace {

std::vector<std::string> split_patterns(const std::vector<std::string>& patterns) {
    std::vector<std::string> split;
    for (const std::string& pattern : patterns) {
        std::size_t start = 0;
        while (true) {
            std::size_t newline = pattern.find('\n', start);
            split.push_back(pattern.substr(start, newline - start));
            if (newline == std::string::npos) {
                break;
            }
            start = newline + 1;
        }
    }
    return split;
}

enum class WordCharacters : std::uint8_t { unicode, ascii };

// All patterns as one alternation, each in its own group so that `a|b` stays whole; \w and \W
// are Unicode's, as in ripgrep, or RE2's own ASCII ones.
std::string alternation(const GrepOptions& options, WordCharacters word_characters) {
    std::string joined;
    for (const std::string& pattern : split_patterns(options.patterns)) {
        if (!joined.empty()) {
            joined += '|';
        }
        joined += "(?:";
        if (options.fixed_strings) {
            joined += RE2::QuoteMeta(pattern);
        } else {
            joined += word_characters == WordCharacters::unicode
                          ? with_unicode_word_classes(pattern)
                          : pattern;
        }
        joined += ')';
    }
    return joined;
}

RE2::Options re2_options(bool ignore_case) {
    RE2::Options re2_options;
    re2_options.set_log_errors(false);
    re2_options.set_case_sensitive(!ignore_case);
    // A match never crosses a line: \n is removed from every class, and a literal \n matches
    // nothing, which is what lets the searcher run the regex over a whole buffer.
    re2_options.set_never_nl(true);
    re2_options.set_max_mem(std::int64_t{64} << 20);
    return re2_options;
}

// -w as ripgrep: the match must be preceded and followed by a non-word character or the line's
// edge. The pattern itself is capture group 1; the edges are consumed around it.
std::string word_pattern(const std::string& joined, WordCharacters word_characters) {
    const std::string edge = word_characters == WordCharacters::unicode ? non_word_class() : "\\W";
    return "(?:^|" + edge + ")(" + joined + ")(?:$|" + edge + ")";
}

std::string line_pattern(const std::string& joined) { return "^(" + joined + ")$"; }

PatternSources pattern_sources(const GrepOptions& options, WordCharacters word_characters) {
    PatternSources sources;
    sources.candidate = alternation(options, word_characters);
    if (options.line_regexp) {
        sources.exact = line_pattern(sources.candidate);
    } else if (options.word_regexp) {
        sources.exact = word_pattern(sources.candidate, word_characters);
    }
    return sources;
}

// Lines longer than this are not checked for ASCII (the check would run again for every match
// of -o in the line): they are read with the Unicode programs.
constexpr std::size_t longest_line_checked_for_ascii = 4096;

bool is_ascii(std::string_view text) {
    constexpr std::uint64_t high_bits = 0x8080808080808080;
    std::size_t at = 0;
    for (; at + sizeof(std::uint64_t) <= text.size(); at += sizeof(std::uint64_t)) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + at, sizeof word);
        if ((word & high_bits) != 0) {
            return false;
        }
    }
    for (; at < text.size(); ++at) {
        if ((static_cast<unsigned char>(text[at]) & 0x80U) != 0) {
            return false;
        }
    }
    return true;
}

// The line around `position`, not starting before `lower`: [start, end past its '\n').
MatchRange line_around(std::string_view text, std::size_t position, std::size_t lower) {
    std::size_t start = lower;
    if (position > lower) {
        const void* newline = ::memrchr(text.data() + lower, '\n', position - lower);
        if (newline != nullptr) {
            start = static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
        }
    }
    std::size_t end = text.size();
    if (position < text.size()) {
        const void* newline = std::memchr(text.data() + position, '\n', text.size() - position);
        if (newline != nullptr) {
            end = static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
        }
    }
    return MatchRange{start, end};
}

std::unique_ptr<RE2> compile(const std::string& pattern, bool ignore_case) {
    // (?m): ^ and $ match at line edges, since the searcher hands over many lines at once.
    return std::make_unique<RE2>("(?m:" + pattern + ")", re2_options(ignore_case));
}

}  // namespace

std::optional<std::string> pattern_error(const GrepOptions& options) {
    if (options.patterns.empty()) {
        return std::nullopt;
    }
    auto whole = compile(alternation(options, WordCharacters::unicode), options.ignore_case);
    if (whole->ok()) {
        return std::nullopt;  // one compile for the common case
    }
    for (const std::string& pattern : split_patterns(options.patterns)) {
        std::string source = options.fixed_strings ? RE2::QuoteMeta(pattern) : pattern;
        // Alone, unwrapped, so that RE2's message quotes the pattern as the user wrote it.
        RE2 compiled(source, re2_options(options.ignore_case));
        if (!compiled.ok()) {
            return compiled.error();
        }
    }
    return whole->error();
}

std::shared_ptr<const PreparedPatterns> prepare_patterns(const GrepOptions& options) {
    auto prepared = std::make_shared<PreparedPatterns>();
    if (options.patterns.empty()) {
        return prepared;
    }
    prepared->unicode = pattern_sources(options, WordCharacters::unicode);
    PatternSources ascii = pattern_sources(options, WordCharacters::ascii);
    if (ascii.candidate != prepared->unicode.candidate || ascii.exact != prepared->unicode.exact) {
        prepared->ascii = std::move(ascii);
    }
    // RE2's prefilter takes any class of more than a few characters for "any character", as
    // both forms of \w and \W are: the literals are the same, and the ASCII form is far quicker
    // to compile (FilteredRE2 compiles the whole pattern, once or twice).
    const std::string& cheapest =
        prepared->ascii ? prepared->ascii->candidate : prepared->unicode.candidate;
    prepared->prefilter = LiteralPrefilter::build("(?m:" + cheapest + ")", options);
    return prepared;
}

Matcher::Matcher(const GrepOptions& options)
    : matches_nothing_(options.patterns.empty()),
      needs_line_check_(options.word_regexp || options.line_regexp),
      line_regexp_(options.line_regexp),
      ignore_case_(options.ignore_case) {
    if (matches_nothing_) {
        return;
    }
    prepared_ = options.prepared ? options.prepared : prepare_patterns(options);
    prefilter_ = prepared_->prefilter;
    if (prepared_->ascii) {
        ascii_ = compile_programs(*prepared_->ascii);
    } else {
        unicode_ = compile_programs(prepared_->unicode);
    }
}

Matcher::Programs Matcher::compile_programs(const PatternSources& sources) const {
    Programs programs;
    programs.candidate = compile(sources.candidate, ignore_case_);
    if (!programs.candidate->ok()) {
        throw std::invalid_argument(programs.candidate->error());
    }
    if (needs_line_check_) {
        programs.exact = compile(sources.exact, ignore_case_);
        if (!programs.exact->ok()) {
            throw std::invalid_argument(programs.exact->error());
        }
    }
    return programs;
}

const Matcher::Programs& Matcher::unicode_programs() const {
    if (!unicode_) {
        unicode_ = compile_programs(prepared_->unicode);
    }
    return *unicode_;
}

// The ASCII programs read a line of ASCII only as the Unicode ones would: the two differ only in
// which non-ASCII characters \w, \W and -w's edges take. Outside the line the regex looks only
// at the byte before it, for ^ and \b, which are the same in both. Once the Unicode programs
// are compiled they serve every line, and lines are no longer checked.
const Matcher::Programs& Matcher::programs_for_line(std::string_view line) const {
    if (!unicode_ && line.size() <= longest_line_checked_for_ascii && is_ascii(line)) {
        return *ascii_;
    }
    return unicode_programs();
}

Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

std::optional<MatchRange> Matcher::find_candidate(std::string_view text, std::size_t from) const {
    return prefilter_ ? find_in_prefiltered_lines(text, from)
                      : find_candidate_in(*unicode_programs().candidate, text, from, text.size());
}

std::optional<MatchRange> Matcher::find_candidate_in(const re2::RE2& program, std::string_view text,
                                                     std::size_t from, std::size_t to) const {
    re2::StringPiece match;
    if (!program.Match(re2::StringPiece(text.data(), text.size()), from, to, RE2::UNANCHORED,
                       &match, 1)) {
        return std::nullopt;
    }
    auto start = static_cast<std::size_t>(match.data() - text.data());
    return MatchRange{start, start + match.size()};
}

// The regex runs only on lines where the prefilter saw a required literal.
std::optional<MatchRange> Matcher::find_in_prefiltered_lines(std::string_view text,
                                                             std::size_t from) const {
    while (from < text.size()) {
        std::size_t literal = prefilter_->next_candidate(text, from);
        if (literal == std::string_view::npos) {
            return std::nullopt;
        }
        std::size_t line_start = from;
        if (literal > from) {
            std::size_t newline = text.rfind('\n', literal - 1);
            if (newline != std::string_view::npos && newline >= from) {
                line_start = newline + 1;
            }
        }
        std::size_t line_end = text.find('\n', literal);
        line_end = line_end == std::string_view::npos ? text.size() : line_end + 1;
        const RE2& program =
            *programs_for_line(text.substr(line_start, line_end - line_start)).candidate;
        if (auto match = find_candidate_in(program, text, line_start, line_end)) {
            return match;
        }
        from = line_end;
    }
    return std::nullopt;
}

std::optional<MatchRange> Matcher::find(std::string_view text, std::size_t from) const {
    if (matches_nothing_) {
        return std::nullopt;
    }
    while (from <= text.size()) {
        auto candidate = find_candidate(text, from);
        if (!candidate || !needs_line_check_) {
            return candidate;
        }
        // Confirm on the candidate's line: the -w/-x program runs on one line only.
        std::size_t line_start = 0;
        if (candidate->start > 0) {
            std::size_t newline = text.rfind('\n', candidate->start - 1);
            line_start = newline == std::string_view::npos ? 0 : newline + 1;
        }
        std::size_t line_end = text.find('\n', candidate->start);
        if (line_end == std::string_view::npos) {
            line_end = text.size();
        }
        std::string_view line = text.substr(line_start, line_end - line_start);
        if (auto exact = find_in_line(line, 0)) {
            return MatchRange{line_start + exact->start, line_start + exact->end};
        }
        from = line_end + 1;
    }
    return std::nullopt;
}

std::optional<MatchRange> Matcher::find_matching_line(std::string_view text,
                                                      std::size_t from) const {
    if (matches_nothing_) {
        return std::nullopt;
    }
    while (from < text.size()) {
        std::size_t position = 0;  // a byte of the first line that may hold a match
        if (prefilter_) {
            position = prefilter_->next_candidate(text, from);
            if (position == std::string_view::npos) {
                return std::nullopt;
            }
        } else {
            auto match = find_candidate_in(*unicode_programs().candidate, text, from, text.size());
            if (!match || (match->start == text.size() && text.back() == '\n')) {
                return std::nullopt;  // an empty match after the last '\n' is on no line
            }
            position = match->start;
        }
        MatchRange line = line_around(text, position, from);
        // Without a prefilter or -w/-x, the regex already said this line matches.
        if ((!prefilter_ && !needs_line_check_) ||
            line_has_match(text.substr(line.start, line.end - line.start))) {
            return line;
        }
        from = line.end;
    }
    return std::nullopt;
}

// Only whether the line matches: RE2 stops at the first match found and computes no bounds.
bool Matcher::line_has_match(std::string_view line) const {
    if (!line.empty() && line.back() == '\n') {
        line.remove_suffix(1);
    }
    const Programs& programs = programs_for_line(line);
    const RE2& program = needs_line_check_ ? *programs.exact : *programs.candidate;
    return program.Match(re2::StringPiece(line.data(), line.size()), 0, line.size(),
                         RE2::UNANCHORED, nullptr, 0);
}

std::optional<MatchRange> Matcher::find_in_line(std::string_view line, std::size_t from) const {
    if (matches_nothing_ || from > line.size()) {
        return std::nullopt;
    }
    if (!needs_line_check_) {
        // No prefilter: the line is already known to be worth running the regex on.
        return find_candidate_in(*programs_for_line(line).candidate, line, from, line.size());
    }
    if (line_regexp_ && from > 0) {
        return std::nullopt;  // a whole-line match is the only one
    }
    re2::StringPiece groups[2];
    if (!programs_for_line(line).exact->Match(re2::StringPiece(line.data(), line.size()), from,
                                              line.size(), RE2::UNANCHORED, groups, 2)) {
        return std::nullopt;
    }
    auto start = static_cast<std::size_t>(groups[1].data() - line.data());
    return MatchRange{start, start + groups[1].size()};
}

}  // namespace ptool
