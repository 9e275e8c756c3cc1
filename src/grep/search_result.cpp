// SearchStats: adding up per-file statistics for ripgrep's --json summary.
#include "ptool/grep/search_result.hpp"

namespace ptool {

SearchStats& SearchStats::operator+=(const SearchStats& other) {
    elapsed += other.elapsed;
    searches += other.searches;
    searches_with_match += other.searches_with_match;
    bytes_searched += other.bytes_searched;
    bytes_printed += other.bytes_printed;
    matched_lines += other.matched_lines;
    matches += other.matches;
    return *this;
}

}  // namespace ptool
