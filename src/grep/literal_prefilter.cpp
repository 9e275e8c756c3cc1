// LiteralPrefilter: the atoms come from RE2's FilteredRE2; only an "any of these" shape is used
// (each atom alone lets the regex match), which covers a single required literal and an
// alternation of literals.
#include "ptool/grep/literal_prefilter.hpp"

#include <re2/filtered_re2.h>
#include <strings.h>

#include <algorithm>
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

std::size_t rarest_byte(std::string_view literal) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < literal.size(); ++i) {
        if (search_cost(static_cast<unsigned char>(literal[i])) <
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

const char* find_byte_any_case(const char* begin, const char* end, unsigned char byte) {
    auto size = static_cast<std::size_t>(end - begin);
    const void* first = std::memchr(begin, byte, size);
    if (!is_ascii_letter(byte)) {
        return static_cast<const char*>(first);
    }
    // Look for the other case only before the first hit of this one.
    auto other_end =
        first ? static_cast<std::size_t>(static_cast<const char*>(first) - begin) : size;
    const void* other = std::memchr(begin, byte ^ 0x20U, other_end);
    return static_cast<const char*>(other ? other : first);
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
        prefilter.literals_.push_back(Literal{atoms[i], rarest_byte(atoms[i])});
    }
    return prefilter;
}

// The first start of `literal` in [from, start_limit), or npos.
std::size_t LiteralPrefilter::next_occurrence(const Literal& literal, std::string_view text,
                                              std::size_t from, std::size_t start_limit) {
    std::size_t length = literal.lowercase.size();
    if (text.size() < length) {
        return std::string_view::npos;
    }
    start_limit = std::min(start_limit, text.size() - length + 1);
    auto rare = static_cast<unsigned char>(literal.lowercase[literal.rare_index]);
    const char* position = text.data() + from + literal.rare_index;
    const char* end = text.data() + start_limit + literal.rare_index;
    while (position < end) {
        const char* hit = find_byte_any_case(position, end, rare);
        if (hit == nullptr) {
            break;
        }
        const char* start = hit - literal.rare_index;
        if (::strncasecmp(start, literal.lowercase.data(), length) == 0) {
            return static_cast<std::size_t>(start - text.data());
        }
        position = hit + 1;
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
