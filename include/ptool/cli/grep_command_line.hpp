// The `ptool grep` subcommand's flags (GNU grep's spellings where it has them, ripgrep's
// otherwise), and running it once they are parsed.
// Easy to get wrong: grep's short flags clash with the shared ones: -v is --invert-match, -q is
// --quiet (no output), -L is --files-without-match and -h is --no-filename. So here logging is
// --verbose / --no-warnings, following links is --follow, and help is --help only. The first
// positional is the pattern unless -e or -f gave one; every other positional is a path.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ptool/cli/common_options.hpp"
#include "ptool/grep/grep_options.hpp"
#include "ptool/run/session.hpp"

namespace ptool {

class GrepCommandLine {
  public:
    void add_to(CLI::App& app);
    // `command_line` (argv, program name first) with grep's -NUM turned into --context=NUM when
    // the subcommand is grep; call it after add_to and before parsing.
    [[nodiscard]] std::vector<std::string> expand_context_shorthand(
        std::vector<std::string> command_line) const;
    [[nodiscard]] bool selected() const { return command_ != nullptr && command_->parsed(); }
    [[nodiscard]] int run();

  private:
    void add_matching_flags();
    void add_output_flags();
    void add_walking_flags();
    // Fills patterns from -e, -f and the first positional; false after reporting a problem.
    bool collect_patterns(Session& session, GrepOptions& options);
    [[nodiscard]] GrepOutputMode output_mode() const;
    [[nodiscard]] BinaryMode binary_mode() const;
    [[nodiscard]] bool shows_file_names() const;
    [[nodiscard]] bool last_given(const CLI::Option* first, const CLI::Option* second) const;

    CLI::App* command_ = nullptr;
    CommonOptions common_;
    std::vector<std::string> positionals_;
    std::vector<std::string> regexps_;
    std::vector<std::string> pattern_files_;
    bool fixed_strings_ = false;
    bool ignore_case_ = false;
    bool word_regexp_ = false;
    bool line_regexp_ = false;
    bool invert_match_ = false;
    bool line_number_ = false;
    bool count_ = false;
    bool files_with_matches_ = false;
    bool files_without_match_ = false;
    bool only_matching_ = false;
    bool quiet_ = false;
    bool json_ = false;
    bool null_ = false;
    bool text_ = false;
    bool skip_binary_ = false;
    bool no_messages_ = false;
    bool hidden_ = true;
    bool ignore_vcs_ = false;
    bool with_filename_flag_ = false;
    bool no_filename_flag_ = false;
    bool accepted_and_ignored_ = false;  // -E, -r: what ptool always does
    std::string color_ = "auto";
    std::string binary_files_;
    std::optional<std::uint64_t> max_count_;
    std::optional<std::size_t> after_context_;
    std::optional<std::size_t> before_context_;
    std::optional<std::size_t> context_;
    CLI::Option* with_filename_ = nullptr;
    CLI::Option* no_filename_ = nullptr;
    CLI::Option* files_with_matches_option_ = nullptr;
    CLI::Option* files_without_match_option_ = nullptr;
    CLI::Option* text_option_ = nullptr;
    CLI::Option* skip_binary_option_ = nullptr;
    CLI::Option* binary_files_option_ = nullptr;
};

}  // namespace ptool
