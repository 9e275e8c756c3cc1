// CheckTally: what `hash --check` counts for one manifest, and what coreutils' `sha256sum -c`
// concludes from those counts: the WARNING lines (with their exact wording and plural forms),
// and whether the manifest passed.
// Easy to get wrong: a manifest passes only when at least one file was verified; and with
// --ignore-missing a manifest whose every file is missing fails ("no file was verified").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ptool {

struct CheckSettings {
    bool quiet = false;           // no `NAME: OK` lines
    bool status_only = false;     // print nothing on stdout, no summary
    bool warn = false;            // report each improperly formatted line
    bool strict = false;          // improperly formatted lines fail the manifest
    bool ignore_missing = false;  // a listed file that does not exist is skipped
};

struct CheckTally {
    std::uint64_t entries = 0;         // properly formatted lines
    std::uint64_t improper_lines = 0;  // neither an entry nor a comment or empty line
    std::uint64_t matched = 0;         // files whose digest matched
    std::uint64_t mismatched = 0;      // files whose digest did not
    std::uint64_t open_or_read_failures = 0;
};

// The lines for stderr once the manifest `quoted_name` (already shell_quote'd) is checked,
// without the program-name prefix.
[[nodiscard]] std::vector<std::string> check_summary_lines(const CheckTally& tally,
                                                           std::string_view quoted_name,
                                                           const CheckSettings& settings);

[[nodiscard]] bool check_passed(const CheckTally& tally, const CheckSettings& settings);

}  // namespace ptool
