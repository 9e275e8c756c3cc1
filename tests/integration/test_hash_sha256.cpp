// `ptool hash -a sha256` writes what sha256sum writes, byte for byte, in both forms, on a tree
// with odd names; so `sha256sum -c` verifies ptool's manifests and the reverse.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ptool_runner.hpp"

namespace ptool::testing {
namespace {

TEST(HashSha256, OutputIsByteIdenticalToSha256sumInBothForms) {
    TemporaryDirectory dir;
    const std::vector<std::string> names{"t/a",         "t/b/empty",           "t/b/big",
                                         "t/c d/space", "t/new\nline",         "t/back\\slash",
                                         "t/cr\rname",  "t/\xc3\xa9t\xc3\xa9", "t/bad\xff"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::size_t size = names[i].ends_with("big") ? 700 * 1024 : i * 1000;
        write_file(dir.path() / names[i], std::string(size, static_cast<char>('a' + i)));
    }
    // ptool's walk order (byte order, depth first) is the order sha256sum is given the names in.
    auto listing = run_ptool({"hash", "-0", "t"}, {.working_directory = dir.path()});
    ASSERT_EQ(listing.exit_status, 0) << listing.err;
    std::vector<std::string> walked;
    for (std::size_t at = 0; at < listing.out.size();) {
        const auto end = listing.out.find('\0', at);
        const auto name_start = listing.out.find("  ", at) + 2;
        walked.push_back(listing.out.substr(name_start, end - name_start));
        at = end + 1;
    }
    ASSERT_EQ(walked.size(), names.size());
    for (const bool tag : {false, true}) {
        std::vector<std::string> ours_args{"hash", "-a", "sha256", "-j", "4", "t"};
        std::vector<std::string> theirs_args{"sha256sum"};
        if (tag) {
            ours_args.insert(ours_args.begin() + 1, "--tag");
            theirs_args.push_back("--tag");
        }
        theirs_args.insert(theirs_args.end(), walked.begin(), walked.end());
        auto ours = run_ptool(ours_args, {.working_directory = dir.path()});
        auto theirs = run_program(theirs_args, {.working_directory = dir.path()});
        ASSERT_EQ(ours.exit_status, 0) << ours.err;
        EXPECT_EQ(ours.out, theirs.out) << (tag ? "--tag" : "GNU form");
    }
}

}  // namespace
}  // namespace ptool::testing
