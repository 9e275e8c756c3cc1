// LiteralPrefilter: the atoms come from RE2's FilteredRE2; only an "any of these" shape is used
// (each atom alone lets the regex match), which covers a single required literal and an
// alternation of literals. x86-64 only (SSE2 is part of its baseline).
#include "ptool/grep/literal_prefilter.hpp"

#include <emmintrin.h>
#include <re2/filtered_re2.h>
#include <strings.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstring>

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
    constexpr std::size_t longest_useful = 16;
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

}  // namespace

std::optional<LiteralPrefilter> LiteralPrefilter::build(const std::string& pattern,
                                                        const GrepOptions& /*options*/) {
    auto literals = required_literals(pattern);
    if (!literals) {
        return std::nullopt;
    }
    LiteralPrefilter prefilter;
    for (std::string& literal : *literals) {
        std::size_t rarest = rarest_byte(literal, literal.size());
        std::size_t second = literal.size() == 1 ? 0 : rarest_byte(literal, rarest);
        prefilter.reach_ = std::max(prefilter.reach_, std::max(rarest, second) + 16);
        prefilter.literals_.push_back(Literal{std::move(literal), rarest, second});
    }
    return prefilter;
}

namespace {

// Tests sixteen consecutive starts for a literal's two rarest bytes. Letters are compared with
// the 0x20 bit set in the text (other bytes may change too: this only ever makes more
// candidates, which are then compared in full).
struct PairTest {
    __m128i first_wanted;
    __m128i second_wanted;
    __m128i first_fold;
    __m128i second_fold;
    std::size_t first_index = 0;
    std::size_t second_index = 0;
};

PairTest pair_test(std::string_view lowercase, std::size_t first_index, std::size_t second_index) {
    auto fold_for = [](char byte) {
        return _mm_set1_epi8(is_ascii_letter(static_cast<unsigned char>(byte)) ? 0x20 : 0);
    };
    char first = lowercase[first_index];
    char second = lowercase[second_index];
    return PairTest{_mm_set1_epi8(first), _mm_set1_epi8(second), fold_for(first),
                    fold_for(second),     first_index,           second_index};
}

// Bit i set: the literal's two bytes are where they would be for a start at `at + i`.
unsigned pair_mask(const PairTest& test, const char* at) {
    __m128i first = _mm_or_si128(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + test.first_index)), test.first_fold);
    __m128i second =
        _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at + test.second_index)),
                     test.second_fold);
    __m128i both = _mm_and_si128(_mm_cmpeq_epi8(first, test.first_wanted),
                                 _mm_cmpeq_epi8(second, test.second_wanted));
    return static_cast<unsigned>(_mm_movemask_epi8(both));
}

bool literal_at(std::string_view text, std::size_t start, std::string_view lowercase) {
    return start + lowercase.size() <= text.size() &&
           ::strncasecmp(text.data() + start, lowercase.data(), lowercase.size()) == 0;
}

}  // namespace

std::size_t LiteralPrefilter::next_candidate(std::string_view text, std::size_t from) const {
    return literals_.size() == 1 ? next_of_one(text, from) : next_of_any(text, from);
}

std::size_t LiteralPrefilter::next_of_one(std::string_view text, std::size_t from) const {
    const Literal& literal = literals_.front();
    PairTest test = pair_test(literal.lowercase, literal.rare_index, literal.second_index);
    std::size_t start = from;
    for (; start + reach_ <= text.size(); start += 16) {
        for (unsigned mask = pair_mask(test, text.data() + start); mask != 0; mask &= mask - 1) {
            std::size_t candidate = start + static_cast<std::size_t>(std::countr_zero(mask));
            if (literal_at(text, candidate, literal.lowercase)) {
                return candidate;
            }
        }
    }
    return next_by_bytes(text, start);
}

// All literals in one pass: each block of sixteen starts is tested for every literal, and the
// starts are then taken in order, so the first candidate found is the earliest.
std::size_t LiteralPrefilter::next_of_any(std::string_view text, std::size_t from) const {
    std::array<PairTest, max_literals> tests;
    for (std::size_t i = 0; i < literals_.size(); ++i) {
        tests[i] =
            pair_test(literals_[i].lowercase, literals_[i].rare_index, literals_[i].second_index);
    }
    std::array<unsigned, max_literals> masks{};
    std::size_t start = from;
    for (; start + reach_ <= text.size(); start += 16) {
        unsigned any = 0;
        for (std::size_t i = 0; i < literals_.size(); ++i) {
            masks[i] = pair_mask(tests[i], text.data() + start);
            any |= masks[i];
        }
        for (; any != 0; any &= any - 1) {
            auto offset = static_cast<unsigned>(std::countr_zero(any));
            for (std::size_t i = 0; i < literals_.size(); ++i) {
                if ((masks[i] >> offset & 1U) != 0 &&
                    literal_at(text, start + offset, literals_[i].lowercase)) {
                    return start + offset;
                }
            }
        }
    }
    return next_by_bytes(text, start);
}

// The last starts, too close to the end for a sixteen-byte test.
std::size_t LiteralPrefilter::next_by_bytes(std::string_view text, std::size_t from) const {
    for (std::size_t start = from; start < text.size(); ++start) {
        for (const Literal& literal : literals_) {
            if (literal_at(text, start, literal.lowercase)) {
                return start;
            }
        }
    }
    return std::string_view::npos;
}

}  // namespace ptool
