// The literal prefilter's AVX2 scan: this file alone is compiled with -mavx2 (CMakeLists.txt),
// and LiteralPrefilter calls it only after checking that the CPU has AVX2.
#include <immintrin.h>

#include "literal_scan.hpp"

namespace ptool {
namespace {

struct Avx2Lanes {
    using Vector = __m256i;
    static constexpr std::size_t width = 32;

    static Vector splat(char byte) { return _mm256_set1_epi8(byte); }

    static unsigned both_equal_mask(const char* first, Vector first_fold, Vector first_wanted,
                                    const char* second, Vector second_fold, Vector second_wanted) {
        Vector first_bytes =
            _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const Vector*>(first)), first_fold);
        Vector second_bytes = _mm256_or_si256(
            _mm256_loadu_si256(reinterpret_cast<const Vector*>(second)), second_fold);
        Vector both = _mm256_and_si256(_mm256_cmpeq_epi8(first_bytes, first_wanted),
                                       _mm256_cmpeq_epi8(second_bytes, second_wanted));
        return static_cast<unsigned>(_mm256_movemask_epi8(both));
    }
};

}  // namespace

std::size_t next_literal_candidate_avx2(const char* text, std::size_t size, std::size_t from,
                                        const LiteralPrefilter::Literal* literals,
                                        std::size_t count) {
    return next_candidate_with<Avx2Lanes>(text, size, from, literals, count);
}

}  // namespace ptool
