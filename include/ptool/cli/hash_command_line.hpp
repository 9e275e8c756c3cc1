// The `ptool hash` subcommand's flags, and running it once they are parsed.
// Easy to get wrong: -0 means both NUL-terminated output lines and a NUL-separated
// --files-from list, as `find -print0 | ptool hash --files-from - -0` expects.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "ptool/cli/common_options.hpp"

namespace ptool {

class HashCommandLine {
public:
    void add_to(CLI::App& app);
    [[nodiscard]] bool selected() const { return command_ != nullptr && command_->parsed(); }
    [[nodiscard]] int run() const;

private:
    CLI::App* command_ = nullptr;
    CommonOptions common_;
    std::string algorithm_ = "xxh128";
    bool tag_ = false;
    bool zero_ = false;
    bool json_ = false;
};

}  // namespace ptool
