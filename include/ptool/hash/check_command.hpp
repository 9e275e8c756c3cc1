// `ptool hash --check MANIFEST...`: verifies manifests as `sha256sum -c` and `xxhsum -c` do, with
// coreutils' messages, flags and exit status, but in parallel: each manifest line is one unit of
// work in the ordered pipeline, so results print in manifest order whatever -j is. A manifest
// is streamed (never loaded whole); each line is parsed by parse_manifest_line, so it may mix
// algorithms and forms (GNU, --tag, XXH3_ prefix, escaped names, CRLF).
// Easy to get wrong: lines are capped at max_manifest_line_length bytes; a longer line is
// improperly formatted, never buffered whole (no name that long could be opened anyway: the
// kernel's PATH_MAX is 4096). And per-file errors go to stderr from the workers, so their order
// there follows the manifest only with -j 1; stdout is always in manifest order.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ptool/hash/check_tally.hpp"
#include "ptool/hash/hash_algorithm.hpp"
#include "ptool/hash/manifest_line.hpp"
#include "ptool/run/ordered_pipeline.hpp"
#include "ptool/run/session.hpp"

namespace ptool {

inline constexpr std::size_t max_manifest_line_length = 64 * 1024;

struct CheckOptions {
    std::vector<std::string> manifests;  // "-": standard input; none: standard input
    PipelineOptions pipeline;
    CheckSettings settings;
    // Named in --warn's "improperly formatted XXH128 checksum line" (coreutils names its one
    // algorithm there; a ptool manifest's lines may use any).
    HashAlgorithm named_algorithm = HashAlgorithm::xxh128;
    LineEnd line_end = LineEnd::newline;  // -0: NUL-terminated manifest lines
};

// Returns 0 when every manifest passed (at least one file verified, none failed), else 1.
int run_check(const CheckOptions& options, Session& session);

}  // namespace ptool
