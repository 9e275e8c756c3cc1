// `ptool hash [PATH...]`: writes an integrity manifest of every regular file under the paths,
// one line a file in walk order, in the form sha256sum/xxhsum write (or --tag, -0, --json).
// Easy to get wrong: a line is printed only for a file read to its end unchanged; every error
// is reported on stderr and makes the exit status 2, but never stops the run.
#pragma once

#include <cstddef>

#include "ptool/hash/hash_algorithm.hpp"
#include "ptool/hash/manifest_line.hpp"
#include "ptool/run/ordered_pipeline.hpp"
#include "ptool/run/session.hpp"
#include "ptool/walk/file_source.hpp"
#include "ptool/walk/walker.hpp"

namespace ptool {

enum class HashOutputFormat { manifest, json };

struct HashOptions {
    FileSourceOptions sources;
    WalkOptions walk;
    PipelineOptions pipeline;
    HashAlgorithm algorithm = HashAlgorithm::xxh128;
    ManifestStyle style = ManifestStyle::gnu;
    LineEnd line_end = LineEnd::newline;
    HashOutputFormat format = HashOutputFormat::manifest;
};

// Runs the command; returns 0 when every file was hashed, 2 after any error (the Session turns
// signals and output failures into their own statuses).
int run_hash(const HashOptions& options, Session& session);

}  // namespace ptool
