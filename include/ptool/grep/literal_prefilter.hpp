// LiteralPrefilter: jumps to the next place where a match could start, using literals that
// every match must contain (RE2's FilteredRE2 "atoms"), found by testing 16 positions at once
// (SSE2), or 32 where the CPU has AVX2, for the two rarest bytes of every literal in one pass. It
// lets `[A-Z]+_MAX` or `foo|bar|baz` skip most of a buffer without running the regex there; the
// regex then runs on the candidate's line only. ASCII case is ignored (the atoms are lowercase),
// so it is a superset for case-sensitive patterns too. Easy to get wrong: it is a filter, never a
// verdict: a candidate's line must still be run through the regex; and an atom's `k` or `s` may
// stand for U+212A KELVIN SIGN or U+017F LONG S in the text (RE2 lowercases them to ASCII), so
// only the part of an atom free of those letters and of non-ASCII bytes is looked for.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ptool/grep/grep_options.hpp"

namespace ptool {

class LiteralPrefilter {
  public:
    // More literals than this cost more to test at every position than running the regex.
    static constexpr std::size_t max_literals = 8;
    // Longer literals would not make a candidate much more likely to be a match.
    static constexpr std::size_t longest_literal = 16;
    static constexpr std::size_t not_found = std::string_view::npos;

    // How many starts one step tests: AVX2's 32 where the CPU has it, else SSE2's 16.
    enum class VectorWidth { sse2, avx2 };
    [[nodiscard]] static VectorWidth widest_supported();

    // A prefilter for `pattern` (as the Matcher compiles it), or nothing when no small set of
    // literals of at least three bytes is required.
    [[nodiscard]] static std::optional<LiteralPrefilter> build(
        const std::string& pattern, const GrepOptions& options,
        VectorWidth width = widest_supported());

    // The smallest position >= from where one of the literals starts (ASCII case ignored), or
    // not_found.
    [[nodiscard]] std::size_t next_candidate(std::string_view text, std::size_t from) const;

    // One literal, as the scanning loops read it: plain bytes, no pointers.
    struct Literal {
        char lowercase[longest_literal];  // zero after `size` bytes
        char fold[longest_literal];       // 0x20 where `lowercase` has a letter, else 0
        std::size_t size;
        std::size_t rare_index;  // the two bytes looked for first
        std::size_t second_index;
    };
    using Scan = std::size_t (*)(const char* text, std::size_t size, std::size_t from,
                                 const Literal* literals, std::size_t count);

  private:
    std::array<Literal, max_literals> literals_{};
    std::size_t literal_count_ = 0;
    Scan scan_ = nullptr;
};

// The AVX2 scan (literal_scan_avx2.cpp, compiled with -mavx2): call only when the CPU has AVX2.
std::size_t next_literal_candidate_avx2(const char* text, std::size_t size, std::size_t from,
                                        const LiteralPrefilter::Literal* literals,
                                        std::size_t count);

}  // namespace ptool
