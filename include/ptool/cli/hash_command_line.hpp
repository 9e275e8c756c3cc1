// The `ptool hash` subcommand's flags, and running it once they are parsed.
// --check turns the PATHs into manifests to verify; --audit MANIFEST compares the PATHs with one.
// Easy to get wrong: -0 means both NUL-terminated output lines and a NUL-separated
// --files-from list, as `find -print0 | ptool hash --files-from - -0` expects (and, with
// --check, NUL-terminated manifest lines). --quiet, --status and --warn override each other,
// the last one given winning, as in coreutils.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "ptool/cli/common_options.hpp"
#include "ptool/hash/check_tally.hpp"

namespace ptool {

class HashCommandLine {
  public:
    void add_to(CLI::App& app);
    [[nodiscard]] bool selected() const { return command_ != nullptr && command_->parsed(); }
    [[nodiscard]] int run() const;

  private:
    [[nodiscard]] int run_check() const;
    [[nodiscard]] int run_audit() const;
    [[nodiscard]] CheckSettings check_settings() const;

    CLI::App* command_ = nullptr;
    CommonOptions common_;
    std::string algorithm_ = "xxh128";
    bool tag_ = false;
    bool zero_ = false;
    bool json_ = false;
    bool check_ = false;
    bool warn_ = false;
    bool status_ = false;
    bool strict_ = false;
    bool ignore_missing_ = false;
    std::string audit_manifest_;
};

}  // namespace ptool
