// AuditManifest: path and content indexes, and the pairing of missing entries with new files.
#include "ptool/hash/audit_manifest.hpp"

#include <algorithm>

namespace ptool {

std::string AuditManifest::content_key(HashAlgorithm algorithm, std::string_view hex) {
    std::string key{tag_name(algorithm)};
    key += ':';
    key += hex;
    return key;
}

void AuditManifest::add(ManifestEntry entry) {
    if (std::find(algorithms_.begin(), algorithms_.end(), entry.algorithm) == algorithms_.end()) {
        algorithms_.push_back(entry.algorithm);
    }
    auto [listed, inserted] = by_path_.try_emplace(entry.path, entries_.size());
    if (!inserted) {  // the earlier line is superseded: drop it from the content index
        auto& twins = by_content_[content_key(entries_[listed->second].algorithm,
                                              entries_[listed->second].expected_hex)];
        std::erase(twins, listed->second);
        entries_[listed->second] = std::move(entry);
        by_content_[content_key(entries_[listed->second].algorithm,
                                entries_[listed->second].expected_hex)]
            .push_back(listed->second);
        return;
    }
    by_content_[content_key(entry.algorithm, entry.expected_hex)].push_back(entries_.size());
    entries_.push_back(std::move(entry));
    walked_.push_back(false);
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
    auto twins = by_content_.find(content_key(algorithm, hex));
    return twins != by_content_.end() && !twins->second.empty();
}

AuditResolution AuditManifest::resolve(const std::vector<NewFile>& new_files) const {
    AuditResolution resolution;
    std::vector<bool> moved_away(entries_.size(), false);
    resolution.move_of_new_file.resize(new_files.size());
    for (std::size_t file = 0; file < new_files.size(); ++file) {
        for (const auto& [algorithm, hex] : new_files[file].digests) {
            auto twins = by_content_.find(content_key(algorithm, hex));
            if (twins == by_content_.end()) {
                continue;
            }
            // The first entry of that content, in manifest order, whose path is gone.
            auto old =
                std::find_if(twins->second.begin(), twins->second.end(),
                             [&](std::size_t at) { return !walked_[at] && !moved_away[at]; });
            if (old != twins->second.end()) {
                moved_away[*old] = true;
                resolution.move_of_new_file[file] = *old;
                break;
            }
        }
    }
    for (std::size_t index = 0; index < entries_.size(); ++index) {
        if (!walked_[index] && !moved_away[index]) {
            resolution.missing.push_back(index);
        }
    }
    return resolution;
}

}  // namespace ptool
