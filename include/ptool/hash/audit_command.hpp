// `ptool hash --audit MANIFEST [PATH...]`: walks the PATHs with the same pipeline as `ptool hash`
// and compares the tree with the manifest, printing one line a difference:
//   changed PATH        listed, content differs          } during the walk, in walk order
//   new PATH            not listed, content never seen   }
//   ok PATH             listed and identical (-v only)   }
//   moved OLD -> NEW    after the walk, in walk order of NEW: OLD is gone and NEW has its content
//   new PATH            after the walk: not listed, but a copy of content still present elsewhere
//   missing PATH        last, in manifest order: listed, not found, not moved
// A summary goes to stderr. Exit status: 0 the tree matches, 1 it differs, 2 something could not
// be read (an unreadable file, a file changed while read, a bad manifest line): a file that
// could not be hashed is never reported as new or missing, only as an error.
// Easy to get wrong: the manifest is held in memory (see AuditManifest; unlike --check, an
// audit must know every listed path to tell new from missing), and a new file whose content is
// in the manifest cannot be called new or moved before the walk ends, so it waits; and the
// manifest must not lie inside the walked tree (or it is reported new), as with hashdeep -a.
#pragma once

#include <string>

#include "ptool/hash/manifest_line.hpp"
#include "ptool/run/ordered_pipeline.hpp"
#include "ptool/run/session.hpp"
#include "ptool/walk/file_source.hpp"
#include "ptool/walk/walker.hpp"

namespace ptool {

struct AuditOptions {
    std::string manifest;  // "-": standard input
    FileSourceOptions sources;
    WalkOptions walk;
    PipelineOptions pipeline;
    LineEnd line_end = LineEnd::newline;  // -0: NUL-terminated manifest and report lines
    bool show_ok = false;                 // -v: `ok PATH` lines too
    bool json = false;                    // one JSON object a line
    bool summary = true;                  // the counts on stderr (not with -q)
};

int run_audit(const AuditOptions& options, Session& session);

}  // namespace ptool
