// LiteralPrefilter: the atoms come from RE2's FilteredRE2; only an "any of these" shape is used
// (each atom alone lets the regex match), which covers a single required literal and an
// alternation of literals. x86-64 only (SSE2 is part of its baseline).
#include "ptool/grep/literal_prefilter.hpp"

#include <emmintrin.h>
#include <re2/filtered_re2.h>
#include <strings.h>

#include <algorithm>
#include <bit>
#include <cstring>

namespace ptool {
namespace {

constexpr std::size_t minimum_literal_bytes = 3;

bool is_ascii_letter(unsigned char byte) { return (byte | 0x20U) >= 'a' && (byte | 0x20U) <= 'z'; }

// A rough cost of looking for a byte with memchr in source code and prose: how often it occurs,
// doubled for letters, which are looked for in both cases.
int search_cost(unsigned char byte) {
    static constexpr std::string_view by_frequency = "etaoinshrdlucmfywgpbvkxqjz";
    if (is_ascii_letter(byte)) {
        auto rank = by_frequency.find(static_cast<char>(byte | 0x20U));
        return 2 * (static_cast<int>(by_frequency.size() - rank) + 4);
    }
    if (byte == ' ' || byte == '\t') {
        return 100;
    }
    if (byte == '_' || byte == '.' || byte == ',' || byte == '(' || byte == ')') {
        return 20;
    }
    return 6;
}

// The index of the rarest byte of `literal`, other than `except`.
std::size_t rarest_byte(std::string_view literal, std::size_t except) {
    std::size_t best = except == 0 ? 1 : 0;
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (i != except && search_cost(static_cast<unsigned char>(literal[i])) <
                               search_cost(static_cast<unsigned char>(literal[best]))) {
            best = i;
        }
    }
    return best;
}

bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::optional<LiteralPrefilter> LiteralPrefilter::build(const std::string& pattern,
                                                        const GrepOptions& options) {
    if (options.ignore_case) {
        return std::nullopt;  // RE2's own case-folding prefix search does as well, and is exact
    }
    re2::FilteredRE2 filter(minimum_literal_bytes);
    RE2::Options re2_options;
    re2_options.set_log_errors(false);
    re2_options.set_never_nl(true);
    int id = 0;
    if (filter.Add(pattern, re2_options, &id) != RE2::NoError) {
        return std::nullopt;
    }
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    std::vector<int> passing;
    filter.AllPotentials({}, &passing);
    if (atoms.empty() || !passing.empty()) {
        return std::nullopt;  // matches without any atom
    }
    LiteralPrefilter prefilter;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        passing.clear();
        filter.AllPotentials({static_cast<int>(i)}, &passing);
        if (passing.empty() || !is_ascii(atoms[i]) || atoms[i].size() < minimum_literal_bytes) {
            return std::nullopt;  // several atoms needed together: not this simple shape
        }
        std::size_t rarest = rarest_byte(atoms[i], atoms[i].size());
        prefilter.literals_.push_back(Literal{atoms[i], rarest, rarest_byte(atoms[i], rarest)});
    }
    return prefilter;
}

namespace {

// A 16-byte lane of `text` at `at`, with ASCII letters folded to lower case when `fold` (other
// bytes may change too: this only ever makes more candidates, which are then verified).
__m128i load_folded(const char* at, bool fold) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    return fold ? _mm_or_si128(bytes, _mm_set1_epi8(0x20)) : bytes;
}

bool literal_at(std::string_view text, std::size_t start, std::string_view lowercase) {
    return start + lowercase.size() <= text.size() &&
           ::strncasecmp(text.data() + start, lowercase.data(), lowercase.size()) == 0;
}

}  // namespace

// The first start of `literal` in [from, start_limit), or npos. Sixteen starts at a time are
// tested on the literal's two rarest bytes (SSE2), and only those that pass are compared.
std::size_t LiteralPrefilter::next_occurrence(const Literal& literal, std::string_view text,
                                              std::size_t from, std::size_t start_limit) {
    std::string_view lowercase = literal.lowercase;
    if (text.size() < lowercase.size()) {
        return std::string_view::npos;
    }
    start_limit = std::min(start_limit, text.size() - lowercase.size() + 1);
    auto first = static_cast<unsigned char>(lowercase[literal.rare_index]);
    auto second = static_cast<unsigned char>(lowercase[literal.second_index]);
    bool fold_first = is_ascii_letter(first);
    bool fold_second = is_ascii_letter(second);
    const __m128i first_wanted = _mm_set1_epi8(static_cast<char>(first));
    const __m128i second_wanted = _mm_set1_epi8(static_cast<char>(second));
    std::size_t reach = std::max(literal.rare_index, literal.second_index) + 16;
    std::size_t start = from;
    for (; start < start_limit && start + reach <= text.size(); start += 16) {
        __m128i first_equal = _mm_cmpeq_epi8(
            load_folded(text.data() + start + literal.rare_index, fold_first), first_wanted);
        __m128i second_equal = _mm_cmpeq_epi8(
            load_folded(text.data() + start + literal.second_index, fold_second), second_wanted);
        auto mask =
            static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(first_equal, second_equal)));
        while (mask != 0) {
            std::size_t candidate = start + static_cast<std::size_t>(std::countr_zero(mask));
            if (candidate >= start_limit) {
                return std::string_view::npos;
            }
            if (literal_at(text, candidate, lowercase)) {
                return candidate;
            }
            mask &= mask - 1;
        }
    }
    for (; start < start_limit; ++start) {
        if (literal_at(text, start, lowercase)) {
            return start;
        }
    }
    return std::string_view::npos;
}

// Each literal is only looked for before the best position found so far, so a rare literal
// costs no more than a frequent one: the whole call is linear in the distance skipped.
std::size_t LiteralPrefilter::next_candidate(std::string_view text, std::size_t from) const {
    std::size_t best = std::string_view::npos;
    for (const Literal& literal : literals_) {
        std::size_t found = next_occurrence(literal, text, from, std::min(best, text.size()));
        best = std::min(best, found);
    }
    return best;
}

}  // namespace ptool
