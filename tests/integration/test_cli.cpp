// The front end: usage errors exit 2 with CLI11's message.
#include <gtest/gtest.h>

#include "ptool_runner.hpp"

namespace ptool::testing {
namespace {

TEST(CommandLine, UnknownCommandIsAUsageError) {
    auto result = run_ptool({"frobnicate"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_FALSE(result.err.empty());
}

}  // namespace
}  // namespace ptool::testing
