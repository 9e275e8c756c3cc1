// AuditManifest: path and content indexes, and the pairing of missing entries with new files.
#include "ptool/hash/audit_manifest.hpp"

#include <algorithm>

namespace ptool {

void AuditManifest::add(ManifestEntry entry) {
    if (std::find(algorithms_.begin(), algorithms_.end(), entry.algorithm) == algorithms_.end()) {
        algorithms_.push_back(entry.algorithm);
    }
    const std::size_t index = entries_.size();
    const ManifestEntry& stored = entries_.emplace_back(std::move(entry));
    walked_.push_back(false);
    superseded_.push_back(false);
    next_twin_.push_back(no_entry);
    auto [listed, inserted] = by_path_.try_emplace(stored.path, index);
    if (!inserted) {
        superseded_[listed->second] = true;
        listed->second = index;
    }
    auto [twins, first_of_its_content] =
        by_content_.try_emplace(stored.expected_hex, std::pair{index, index});
    if (!first_of_its_content) {
        next_twin_[twins->second.second] = index;
        twins->second.second = index;
    }
}

template <typename Visit>
void AuditManifest::for_each_twin(HashAlgorithm algorithm, std::string_view hex,
                                  Visit visit) const {
    auto twins = by_content_.find(hex);
    if (twins == by_content_.end()) {
        return;
    }
    for (std::size_t at = twins->second.first; at != no_entry; at = next_twin_[at]) {
        if (!superseded_[at] && entries_[at].algorithm == algorithm && visit(at)) {
            return;
        }
    }
}

std::optional<std::size_t> AuditManifest::mark_walked(const std::string& path) {
    auto listed = by_path_.find(path);
    if (listed == by_path_.end()) {
        return std::nullopt;
    }
    walked_[listed->second] = true;
    return listed->second;
}

bool AuditManifest::content_listed(HashAlgorithm algorithm, std::string_view hex) const {
    bool listed = false;
    for_each_twin(algorithm, hex, [&](std::size_t) { return listed = true; });
    return listed;
}

AuditResolution AuditManifest::resolve(const std::vector<NewFile>& new_files) const {
    AuditResolution resolution;
    std::vector<bool> moved_away(entries_.size(), false);
    resolution.move_of_new_file.resize(new_files.size());
    for (std::size_t file = 0; file < new_files.size(); ++file) {
        for (const auto& [algorithm, hex] : new_files[file].digests) {
            // The first entry of that content, in manifest order, whose path is gone.
            for_each_twin(algorithm, hex, [&](std::size_t at) {
                if (walked_[at] || moved_away[at]) {
                    return false;
                }
                moved_away[at] = true;
                resolution.move_of_new_file[file] = at;
                return true;
            });
            if (resolution.move_of_new_file[file]) {
                break;
            }
        }
    }
    for (std::size_t index = 0; index < entries_.size(); ++index) {
        if (!walked_[index] && !moved_away[index] && !superseded_[index]) {
            resolution.missing.push_back(index);
        }
    }
    return resolution;
}

}  // namespace ptool
