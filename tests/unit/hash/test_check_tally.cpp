// CheckTally: the summary lines and verdicts of coreutils 9.1's `sha256sum -c`.
#include <gtest/gtest.h>

#include "ptool/hash/check_tally.hpp"

namespace ptool {
namespace {

using Lines = std::vector<std::string>;

TEST(CheckTally, SingularAndPluralWarningsInCoreutilsOrder) {
    CheckTally tally{.entries = 5,
                     .improper_lines = 1,
                     .matched = 1,
                     .mismatched = 2,
                     .open_or_read_failures = 1};
    EXPECT_EQ(check_summary_lines(tally, "m", {}),
              (Lines{"WARNING: 1 line is improperly formatted",
                     "WARNING: 1 listed file could not be read",
                     "WARNING: 2 computed checksums did NOT match"}));
    tally = {.entries = 5,
             .improper_lines = 3,
             .matched = 0,
             .mismatched = 1,
             .open_or_read_failures = 2};
    EXPECT_EQ(check_summary_lines(tally, "m", {}),
              (Lines{"WARNING: 3 lines are improperly formatted",
                     "WARNING: 2 listed files could not be read",
                     "WARNING: 1 computed checksum did NOT match"}));
}

TEST(CheckTally, NoEntriesSaysSoEvenWithStatus) {
    const CheckTally tally{.improper_lines = 4};
    EXPECT_EQ(check_summary_lines(tally, "'standard input'", {.status_only = true}),
              (Lines{"'standard input': no properly formatted checksum lines found"}));
    EXPECT_FALSE(check_passed(tally, {}));
}

TEST(CheckTally, StatusSilencesTheWarnings) {
    const CheckTally tally{.entries = 2, .improper_lines = 1, .matched = 1, .mismatched = 1};
    EXPECT_TRUE(check_summary_lines(tally, "m", {.status_only = true}).empty());
}

TEST(CheckTally, IgnoreMissingWithNothingVerifiedFails) {
    const CheckTally tally{.entries = 2};
    EXPECT_EQ(check_summary_lines(tally, "m", {.ignore_missing = true}),
              (Lines{"m: no file was verified"}));
    EXPECT_FALSE(check_passed(tally, {.ignore_missing = true}));
}

TEST(CheckTally, StrictFailsOnImproperLinesOnly) {
    const CheckTally tally{.entries = 2, .improper_lines = 1, .matched = 2};
    EXPECT_TRUE(check_passed(tally, {}));
    EXPECT_FALSE(check_passed(tally, {.strict = true}));
    EXPECT_TRUE(check_passed({.entries = 2, .matched = 2}, {.strict = true}));
}

}  // namespace
}  // namespace ptool
