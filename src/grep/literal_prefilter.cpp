// LiteralPrefilter: the atoms come from RE2's FilteredRE2; only an "any of these" shape is used
// (each atom alone lets the regex match), which covers a single required literal and an
// alternation of literals. x86-64 only (SSE2 is part of its baseline).
#include "ptool/grep/literal_prefilter.hpp"

#include <emmintrin.h>
#include <re2/filtered_re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "literal_scan.hpp"

namespace ptool {
namespace {

constexpr std::size_t minimum_literal_bytes = 3;

bool is_ascii_letter(unsigned char byte) { return (byte | 0x20U) >= 'a' && (byte | 0x20U) <= 'z'; }

// A rough cost of looking for a byte in source code and prose: how often it occurs, doubled for
// letters, which are looked for in both cases.
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

// A byte of an atom that stands for itself (up to ASCII case) in the text. An atom is the text
// lowercased by RE2, which turns U+212A KELVIN SIGN into `k` and U+017F LONG S into `s` (the only
// non-ASCII characters it lowercases to ASCII), and non-ASCII bytes may come from other
// characters of the same case.
bool stands_for_itself(char byte) {
    return static_cast<unsigned char>(byte) < 0x80 && byte != 'k' && byte != 's';
}

// The parts of `atom` (up to a length that is selective enough) made of bytes that stand for
// themselves: every match that holds the atom holds each of them too.
std::vector<std::string_view> plain_pieces(std::string_view atom, std::size_t shortest) {
    constexpr std::size_t longest_useful = LiteralPrefilter::longest_literal;
    std::vector<std::string_view> pieces;
    std::size_t run_start = 0;
    for (std::size_t i = 0; i <= atom.size(); ++i) {
        if (i < atom.size() && stands_for_itself(atom[i])) {
            continue;
        }
        for (std::size_t start = run_start; start + shortest <= i; ++start) {
            for (std::size_t size = shortest; size <= std::min(i - start, longest_useful); ++size) {
                pieces.push_back(atom.substr(start, size));
            }
        }
        run_start = i + 1;
    }
    return pieces;
}

std::size_t atoms_holding(std::string_view piece, const std::vector<std::string>& atoms,
                          const std::vector<bool>& covered) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        count += !covered[i] && atoms[i].find(piece) != std::string::npos ? 1 : 0;
    }
    return count;
}

// The piece held by the most atoms not yet covered, then the longest.
std::string_view most_shared_piece(const std::vector<std::string>& atoms,
                                   const std::vector<std::vector<std::string_view>>& pieces,
                                   const std::vector<bool>& covered) {
    std::string_view best;
    std::size_t best_count = 0;
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        if (covered[i]) {
            continue;
        }
        for (std::string_view piece : pieces[i]) {
            std::size_t count = atoms_holding(piece, atoms, covered);
            if (count > best_count || (count == best_count && piece.size() > best.size())) {
                best = piece;
                best_count = count;
            }
        }
    }
    return best;
}

// The longest piece of each atom, without repeats.
std::vector<std::string> longest_pieces(const std::vector<std::vector<std::string_view>>& pieces) {
    std::vector<std::string> longest;
    for (const std::vector<std::string_view>& of_atom : pieces) {
        std::string_view best = *std::max_element(
            of_atom.begin(), of_atom.end(),
            [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
        if (std::find(longest.begin(), longest.end(), best) == longest.end()) {
            longest.emplace_back(best);
        }
    }
    return longest;
}

// A few literals such that every atom holds one of them: the longest piece of each when there
// are few atoms, else chosen greedily: `[0-9]bar`'s ten atoms 0bar..9bar need only `bar`. Nothing
// when an atom has no usable piece or more than max_literals are needed.
std::optional<std::vector<std::string>> covering_literals(const std::vector<std::string>& atoms,
                                                          std::size_t shortest,
                                                          std::size_t max_literals) {
    constexpr std::size_t most_atoms_considered = 64;
    if (atoms.size() > most_atoms_considered) {
        return std::nullopt;
    }
    std::vector<std::vector<std::string_view>> pieces;
    for (const std::string& atom : atoms) {
        pieces.push_back(plain_pieces(atom, shortest));
        if (pieces.back().empty()) {
            return std::nullopt;
        }
    }
    if (atoms.size() <= max_literals) {
        return longest_pieces(pieces);  // longer literals: fewer candidate lines to check
    }
    std::vector<bool> covered(atoms.size(), false);
    std::vector<std::string> chosen;
    while (std::find(covered.begin(), covered.end(), false) != covered.end()) {
        if (chosen.size() == max_literals) {
            return std::nullopt;
        }
        std::string_view best = most_shared_piece(atoms, pieces, covered);
        for (std::size_t j = 0; j < atoms.size(); ++j) {
            covered[j] = covered[j] || atoms[j].find(best) != std::string::npos;
        }
        chosen.emplace_back(best);
    }
    return chosen;
}

// Every required literal that FilteredRE2 finds, when each one alone lets the pattern match, or
// nothing when the pattern needs no literal or several together.
std::optional<std::vector<std::string>> required_atoms(const std::string& pattern,
                                                       std::size_t shortest) {
    re2::FilteredRE2 filter(static_cast<int>(shortest));
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
    for (std::size_t i = 0; i < atoms.size(); ++i) {
        passing.clear();
        filter.AllPotentials({static_cast<int>(i)}, &passing);
        if (passing.empty()) {
            return std::nullopt;  // several atoms needed together: not this simple shape
        }
    }
    return atoms;
}

bool is_punctuation(char byte) { return std::ispunct(static_cast<unsigned char>(byte)) != 0; }

// Literals of three bytes or more; else, as `\\w+\\(` has, literals of punctuation only, which
// most lines of text lack, so that looking for them still skips more than it costs.
std::optional<std::vector<std::string>> required_literals(const std::string& pattern) {
    if (auto atoms = required_atoms(pattern, minimum_literal_bytes)) {
        return covering_literals(*atoms, minimum_literal_bytes, LiteralPrefilter::max_literals);
    }
    auto atoms = required_atoms(pattern, 1);
    if (!atoms) {
        return std::nullopt;
    }
    auto literals = covering_literals(*atoms, 1, LiteralPrefilter::max_literals);
    bool all_punctuation =
        literals && std::all_of(literals->begin(), literals->end(), [](const std::string& literal) {
            return std::all_of(literal.begin(), literal.end(), is_punctuation);
        });
    return all_punctuation ? literals : std::nullopt;
}

// SSE2 is part of x86-64's baseline: this is every CPU's scan.
struct Sse2Lanes {
    using Vector = __m128i;
    static constexpr std::size_t width = 16;

    static Vector splat(char byte) { return _mm_set1_epi8(byte); }

    static unsigned both_equal_mask(const char* first, Vector first_fold, Vector first_wanted,
                                    const char* second, Vector second_fold, Vector second_wanted) {
        Vector first_bytes =
            _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const Vector*>(first)), first_fold);
        Vector second_bytes =
            _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const Vector*>(second)), second_fold);
        Vector both = _mm_and_si128(_mm_cmpeq_epi8(first_bytes, first_wanted),
                                    _mm_cmpeq_epi8(second_bytes, second_wanted));
        return static_cast<unsigned>(_mm_movemask_epi8(both));
    }
};

std::size_t next_literal_candidate_sse2(const char* text, std::size_t size, std::size_t from,
                                        const ScanLiteral* literals, std::size_t count) {
    return next_candidate_with<Sse2Lanes>(text, size, from, literals, count);
}

}  // namespace

LiteralPrefilter::VectorWidth LiteralPrefilter::widest_supported() {
    static const bool has_avx2 = __builtin_cpu_supports("avx2") != 0;
    return has_avx2 ? VectorWidth::avx2 : VectorWidth::sse2;
}

std::optional<LiteralPrefilter> LiteralPrefilter::build(const std::string& pattern,
                                                        const GrepOptions& /*options*/,
                                                        VectorWidth width) {
    auto literals = required_literals(pattern);
    if (!literals) {
        return std::nullopt;
    }
    LiteralPrefilter prefilter;
    for (const std::string& text : *literals) {
        Literal& literal = prefilter.literals_[prefilter.literal_count_++];
        std::memcpy(literal.lowercase, text.data(), text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            literal.fold[i] = is_ascii_letter(static_cast<unsigned char>(text[i])) ? 0x20 : 0;
        }
        literal.size = text.size();
        literal.rare_index = rarest_byte(text, text.size());
        literal.second_index = text.size() == 1 ? 0 : rarest_byte(text, literal.rare_index);
    }
    prefilter.scan_ =
        width == VectorWidth::avx2 ? next_literal_candidate_avx2 : next_literal_candidate_sse2;
    return prefilter;
}

std::size_t LiteralPrefilter::next_candidate(std::string_view text, std::size_t from) const {
    return scan_(text.data(), text.size(), from, literals_.data(), literal_count_);
}

}  // namespace ptool
