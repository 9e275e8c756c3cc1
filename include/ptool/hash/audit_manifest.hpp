// AuditManifest: the manifest `hash --audit` compares a tree with, held in memory (an audit
// must look up every walked path, and tell at the end which entries no path matched, so unlike
// --check it cannot stream the manifest: memory grows with the manifest's entry count, about
// 300 bytes an entry with a 25-byte path: 314 MB for a million). It
// indexes the entries by path and by content, records which ones the walk reached, and at the
// end pairs missing entries with new files of the same content: moves.
// Easy to get wrong: content shared by several files must not confuse moves. A move needs an
// entry that the walk did NOT reach (its old path is gone) and a new path with its content;
// each entry and each new path takes part in one move at most. A deleted file whose twin still
// exists is missing, not moved to the twin; a new copy of a file that is still there is new.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ptool/hash/hash_algorithm.hpp"
#include "ptool/hash/manifest_line.hpp"

namespace ptool {

// A walked file that is not in the manifest, with its digest under each algorithm the manifest
// uses (so it can be matched with any missing entry).
struct NewFile {
    std::string path;
    std::vector<std::pair<HashAlgorithm, std::string>> digests;
};

struct AuditResolution {
    std::vector<std::optional<std::size_t>> move_of_new_file;  // entry index when moved
    std::vector<std::size_t> missing;                          // entry indexes, manifest order
};

class AuditManifest {
  public:
    // Loading. A path listed twice keeps its last line, as a later line supersedes.
    void add(ManifestEntry entry);
    [[nodiscard]] const ManifestEntry& entry(std::size_t index) const { return entries_[index]; }
    // The algorithms the entries use, each once, in order of first use.
    [[nodiscard]] const std::vector<HashAlgorithm>& algorithms() const { return algorithms_; }

    // Producer side, one thread: the walk reached `path`; returns its entry, if listed.
    std::optional<std::size_t> mark_walked(const std::string& path);

    // Worker side (read only, safe while the producer marks): does any entry have this content?
    [[nodiscard]] bool content_listed(HashAlgorithm algorithm, std::string_view hex) const;

    // After the walk: which new files (in walk order) are moves, and which entries are missing.
    [[nodiscard]] AuditResolution resolve(const std::vector<NewFile>& new_files) const;

  private:
    static constexpr std::size_t no_entry = static_cast<std::size_t>(-1);

    // Entries of the same content (same hex digest), in manifest order, as a linked chain.
    template <typename Visit>
    void for_each_twin(HashAlgorithm algorithm, std::string_view hex, Visit visit) const;

    // A deque: the indexes' keys are views into the entries, which must never move.
    std::deque<ManifestEntry> entries_;
    std::vector<bool> walked_;
    std::vector<bool> superseded_;  // an earlier line for a path listed again
    std::vector<std::size_t> next_twin_;
    std::vector<HashAlgorithm> algorithms_;
    std::unordered_map<std::string_view, std::size_t> by_path_;
    std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>>
        by_content_;  // first, last
};

}  // namespace ptool
