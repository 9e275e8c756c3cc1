// -NUM: which arguments are rewritten into --context=NUM, and which are left alone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ptool/cli/context_shorthand.hpp"

namespace ptool {
namespace {

// A few of grep's options: -e, -m, -C and --regexp take a value.
OptionKind kind_of(std::string_view name) {
    for (std::string_view valued : {"-e", "-m", "-C", "--regexp", "--context"}) {
        if (name == valued) {
            return OptionKind::takes_value;
        }
    }
    for (std::string_view flag : {"-n", "-v", "-c", "-0", "--null"}) {
        if (name == flag) {
            return OptionKind::flag;
        }
    }
    return OptionKind::unknown;
}

std::vector<std::string> expanded(const std::vector<std::string>& arguments) {
    return expand_context_shorthand(arguments, kind_of);
}

using Arguments = std::vector<std::string>;

TEST(ContextShorthand, NumbersBecomeContext) {
    EXPECT_EQ(expanded({"-2", "foo"}), (Arguments{"--context=2", "foo"}));
    EXPECT_EQ(expanded({"-12"}), (Arguments{"--context=12"}));
    EXPECT_EQ(expanded({"-10"}), (Arguments{"--context=10"}));
    EXPECT_EQ(expanded({"foo", "-3", "path"}), (Arguments{"foo", "--context=3", "path"}));
}

TEST(ContextShorthand, NumbersInsideAClusterAsGetoptReadsThem) {
    EXPECT_EQ(expanded({"-n2"}), (Arguments{"-n", "--context=2"}));
    EXPECT_EQ(expanded({"-2n"}), (Arguments{"--context=2", "-n"}));
    // A letter between digits starts a new number; the last one wins when parsed.
    EXPECT_EQ(expanded({"-1n2"}), (Arguments{"--context=1", "-n", "--context=2"}));
    // A 0 that does not follow a digit is ptool's -0 (--null): nothing to rewrite.
    EXPECT_EQ(expanded({"-n0"}), (Arguments{"-n0"}));
    EXPECT_EQ(expanded({"-n02"}), (Arguments{"-n", "-0", "--context=2"}));
    EXPECT_EQ(expanded({"-n20"}), (Arguments{"-n", "--context=20"}));
}

TEST(ContextShorthand, ValuesOfOptionsAreNeverRewritten) {
    EXPECT_EQ(expanded({"-e", "-5", "-m", "-1"}), (Arguments{"-e", "-5", "-m", "-1"}));
    EXPECT_EQ(expanded({"-m5", "-ve", "-5"}), (Arguments{"-m5", "-ve", "-5"}));
    EXPECT_EQ(expanded({"--regexp", "-5", "--regexp=-6"}),
              (Arguments{"--regexp", "-5", "--regexp=-6"}));
    EXPECT_EQ(expanded({"-C", "-3", "-C4"}), (Arguments{"-C", "-3", "-C4"}));
    // The value after a cluster that ends in a valued option.
    EXPECT_EQ(expanded({"-2e", "-5"}), (Arguments{"--context=2", "-e", "-5"}));
}

TEST(ContextShorthand, NothingAfterDoubleDashAndNoUnknownClusters) {
    EXPECT_EQ(expanded({"-1", "--", "-2", "-n3"}), (Arguments{"--context=1", "--", "-2", "-n3"}));
    EXPECT_EQ(expanded({"-Z2", "-", "-0", "--null"}), (Arguments{"-Z2", "-", "-0", "--null"}));
    EXPECT_EQ(expanded({"-nv"}), (Arguments{"-nv"}));
    EXPECT_EQ(expanded({}), (Arguments{}));
}

}  // namespace
}  // namespace ptool
