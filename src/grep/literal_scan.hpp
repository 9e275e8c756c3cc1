// The literal prefilter's scanning loops, written once over a vector width. Included by
// literal_prefilter.cpp (SSE2: sixteen starts a step, every x86-64 has it) and by
// literal_scan_avx2.cpp (compiled with -mavx2: thirty-two starts a step), each of which defines
// the `Lanes` operations for its width.
// Easy to get wrong: everything here has internal linkage and uses no standard-library template,
// so no function compiled for AVX2 can be merged by the linker into code that runs on a CPU
// without it.
#pragma once

#include <emmintrin.h>
#include <strings.h>

#include <cstddef>

#include "ptool/grep/literal_prefilter.hpp"

namespace ptool {
namespace {

using ScanLiteral = LiteralPrefilter::Literal;

// Tests `Lanes::width` consecutive starts for a literal's two rarest bytes. Letters are compared
// with the 0x20 bit set in the text (other bytes may change too: this only ever makes more
// candidates, which are then compared in full).
template <typename Lanes>
struct PairTest {
    typename Lanes::Vector first_wanted;
    typename Lanes::Vector second_wanted;
    typename Lanes::Vector first_fold;
    typename Lanes::Vector second_fold;
    std::size_t first_index = 0;
    std::size_t second_index = 0;

    PairTest() = default;
    explicit PairTest(const ScanLiteral& literal)
        : first_wanted(Lanes::splat(literal.lowercase[literal.rare_index])),
          second_wanted(Lanes::splat(literal.lowercase[literal.second_index])),
          first_fold(Lanes::splat(literal.fold[literal.rare_index])),
          second_fold(Lanes::splat(literal.fold[literal.second_index])),
          first_index(literal.rare_index),
          second_index(literal.second_index) {}

    // Bit i set: the two bytes are where they would be for a start at `at + i`.
    [[nodiscard]] unsigned mask(const char* at) const {
        return Lanes::both_equal_mask(at + first_index, first_fold, first_wanted, at + second_index,
                                      second_fold, second_wanted);
    }
};

// The literal at `start`, ASCII case ignored (the fold bit makes a letter lowercase and leaves
// every other byte as it is): one sixteen-byte comparison where the text has sixteen bytes left.
bool literal_at(const char* text, std::size_t size, std::size_t start, const ScanLiteral& literal) {
    if (start + literal.size > size) {
        return false;
    }
    if (start + LiteralPrefilter::longest_literal > size) {
        return ::strncasecmp(text + start, literal.lowercase, literal.size) == 0;
    }
    __m128i bytes = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(text + start)),
                                 _mm_loadu_si128(reinterpret_cast<const __m128i*>(literal.fold)));
    auto equal = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(
        bytes, _mm_loadu_si128(reinterpret_cast<const __m128i*>(literal.lowercase)))));
    unsigned wanted = (1U << literal.size) - 1;
    return (equal & wanted) == wanted;
}

// The last starts, too close to the end for a whole vector.
std::size_t next_by_bytes(const char* text, std::size_t size, std::size_t from,
                          const ScanLiteral* literals, std::size_t count) {
    for (std::size_t start = from; start < size; ++start) {
        for (std::size_t i = 0; i < count; ++i) {
            if (literal_at(text, size, start, literals[i])) {
                return start;
            }
        }
    }
    return LiteralPrefilter::not_found;
}

template <typename Lanes>
std::size_t next_of_one(const char* text, std::size_t size, std::size_t from,
                        const ScanLiteral& literal, std::size_t reach) {
    const PairTest<Lanes> test(literal);
    std::size_t start = from;
    for (; start + reach <= size; start += Lanes::width) {
        for (unsigned mask = test.mask(text + start); mask != 0; mask &= mask - 1) {
            std::size_t candidate = start + static_cast<std::size_t>(__builtin_ctz(mask));
            if (literal_at(text, size, candidate, literal)) {
                return candidate;
            }
        }
    }
    return next_by_bytes(text, size, start, &literal, 1);
}

// All literals in one pass: each block of starts is tested for every literal, and the starts
// are then taken in order, so the first candidate found is the earliest.
template <typename Lanes>
std::size_t next_of_any(const char* text, std::size_t size, std::size_t from,
                        const ScanLiteral* literals, std::size_t count, std::size_t reach) {
    PairTest<Lanes> tests[LiteralPrefilter::max_literals];
    for (std::size_t i = 0; i < count; ++i) {
        tests[i] = PairTest<Lanes>(literals[i]);
    }
    unsigned masks[LiteralPrefilter::max_literals];
    std::size_t start = from;
    for (; start + reach <= size; start += Lanes::width) {
        unsigned any = 0;
        for (std::size_t i = 0; i < count; ++i) {
            masks[i] = tests[i].mask(text + start);
            any |= masks[i];
        }
        for (; any != 0; any &= any - 1) {
            auto offset = static_cast<unsigned>(__builtin_ctz(any));
            for (std::size_t i = 0; i < count; ++i) {
                if ((masks[i] >> offset & 1U) != 0 &&
                    literal_at(text, size, start + offset, literals[i])) {
                    return start + offset;
                }
            }
        }
    }
    return next_by_bytes(text, size, start, literals, count);
}

// How far a whole-vector test of the literals reads past its first start.
std::size_t vector_reach(const ScanLiteral* literals, std::size_t count, std::size_t width) {
    std::size_t furthest = 0;
    for (std::size_t i = 0; i < count; ++i) {
        std::size_t last = literals[i].rare_index > literals[i].second_index
                               ? literals[i].rare_index
                               : literals[i].second_index;
        furthest = last > furthest ? last : furthest;
    }
    return furthest + width;
}

template <typename Lanes>
std::size_t next_candidate_with(const char* text, std::size_t size, std::size_t from,
                                const ScanLiteral* literals, std::size_t count) {
    std::size_t reach = vector_reach(literals, count, Lanes::width);
    return count == 1 ? next_of_one<Lanes>(text, size, from, literals[0], reach)
                      : next_of_any<Lanes>(text, size, from, literals, count, reach);
}

}  // namespace
}  // namespace ptool
