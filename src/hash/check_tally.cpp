// CheckTally: coreutils' digest_check() conclusions, message for message.
#include "ptool/hash/check_tally.hpp"

#include <fmt/format.h>

namespace ptool {
namespace {

std::string counted(std::uint64_t count, std::string_view one, std::string_view many) {
    return fmt::format("WARNING: {} {}", count, count == 1 ? one : many);
}

}  // namespace

std::vector<std::string> check_summary_lines(const CheckTally& tally, std::string_view quoted_name,
                                             const CheckSettings& settings) {
    std::vector<std::string> lines;
    if (tally.entries == 0) {
        lines.push_back(fmt::format("{}: no properly formatted checksum lines found", quoted_name));
        return lines;
    }
    if (settings.status_only) {
        return lines;
    }
    if (tally.improper_lines != 0) {
        lines.push_back(counted(tally.improper_lines, "line is improperly formatted",
                                "lines are improperly formatted"));
    }
    if (tally.open_or_read_failures != 0) {
        lines.push_back(counted(tally.open_or_read_failures, "listed file could not be read",
                                "listed files could not be read"));
    }
    if (tally.mismatched != 0) {
        lines.push_back(counted(tally.mismatched, "computed checksum did NOT match",
                                "computed checksums did NOT match"));
    }
    if (settings.ignore_missing && tally.matched == 0) {
        lines.push_back(fmt::format("{}: no file was verified", quoted_name));
    }
    return lines;
}

bool check_passed(const CheckTally& tally, const CheckSettings& settings) {
    return tally.entries != 0 && tally.matched != 0 && tally.mismatched == 0 &&
           tally.open_or_read_failures == 0 && (!settings.strict || tally.improper_lines == 0);
}

}  // namespace ptool
