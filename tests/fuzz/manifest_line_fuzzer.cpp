// Fuzzes parse_manifest_line with one line of arbitrary bytes, read both as a newline-terminated
// and as a NUL-terminated line. Beyond not crashing, every entry it accepts must be well formed
// and must survive being written again with append_manifest_line and read back unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "ptool/hash/manifest_line.hpp"

namespace {

using ptool::LineEnd;
using ptool::ManifestEntry;
using ptool::ManifestStyle;

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void require_well_formed(const ManifestEntry& entry) {
    require(entry.expected_hex.size() == ptool::digest_hex_length(entry.algorithm));
    for (char character : entry.expected_hex) {
        require((character >= '0' && character <= '9') || (character >= 'a' && character <= 'f'));
    }
    require(!entry.path.empty());
    require(entry.path.find('\0') == std::string::npos);
}

void require_round_trip(const ManifestEntry& entry, ManifestStyle style, LineEnd end) {
    std::string line;
    ptool::append_manifest_line(line, entry.algorithm, entry.expected_hex, entry.path, style, end);
    line.pop_back();  // the terminator, which the manifest reader strips
    const ptool::ParsedManifestLine reparsed = ptool::parse_manifest_line(line, end);
    const auto* again = std::get_if<ManifestEntry>(&reparsed);
    require(again != nullptr && *again == entry);
}

void check(std::string_view line, LineEnd end) {
    const ptool::ParsedManifestLine parsed = ptool::parse_manifest_line(line, end);
    const auto* entry = std::get_if<ManifestEntry>(&parsed);
    if (entry == nullptr) {
        return;
    }
    require_well_formed(*entry);
    for (ManifestStyle style : {ManifestStyle::gnu, ManifestStyle::tag}) {
        require_round_trip(*entry, style, LineEnd::nul);
        require_round_trip(*entry, style, LineEnd::newline);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    check(line, LineEnd::newline);
    check(line, LineEnd::nul);
    return 0;
}
