// `ptool grep` flags -> GrepCommandOptions -> run_grep inside a Session.
#include "ptool/cli/grep_command_line.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include "ptool/cli/context_shorthand.hpp"
#include "ptool/grep/grep_command.hpp"
#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

// Reads a -f file ('-': standard input) whole; patterns are small. Returns the errno on failure.
int read_pattern_file(const std::string& name, std::string& contents) {
    FileDescriptor opened;
    int fd = STDIN_FILENO;
    if (name != "-") {
        opened.reset(::open(name.c_str(), O_RDONLY | O_CLOEXEC));
        if (!opened) {
            return errno;
        }
        fd = opened.get();
    }
    std::array<char, 16 * 1024> buffer{};
    for (;;) {
        ssize_t got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return errno;
        }
        if (got == 0) {
            return 0;
        }
        contents.append(buffer.data(), static_cast<std::size_t>(got));
    }
}

bool is_directory(const std::string& path) {
    struct stat status {};
    return path != "-" && ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
}

// ripgrep's rule for a search without PATH: standard input when it is a pipe, a FIFO, a file or
// a socket (`cmd | ptool grep x`); the current directory when it is a terminal or a device such
// as /dev/null (a systemd service's). Cron and CI runners hand their jobs a pipe: those must
// name the directory.
bool standard_input_is_searchable() {
    struct stat status {};
    if (::isatty(STDIN_FILENO) == 1 || ::fstat(STDIN_FILENO, &status) != 0) {
        return false;
    }
    return S_ISREG(status.st_mode) || S_ISFIFO(status.st_mode) || S_ISSOCK(status.st_mode);
}

// Standard input can be read once: by one `-` path, and not also for the --files-from list.
std::optional<std::string> standard_input_conflict(const std::vector<std::string>& paths,
                                                   const std::optional<std::string>& files_from) {
    const auto dashes = std::count(paths.begin(), paths.end(), "-");
    if (dashes > 1) {
        return "'-' (standard input) is given more than once";
    }
    if (dashes == 1 && files_from == "-") {
        return "'-' (standard input) cannot be both a PATH and the --files-from list";
    }
    return std::nullopt;
}

}  // namespace

void GrepCommandLine::add_to(CLI::App& app) {
    command_ =
        app.add_subcommand("grep", "Search every file under PATHs for lines matching PATTERN");
    command_->set_help_flag("--help", "Print this help message and exit");  // -h: no file names
    command_->add_option("PATTERN PATH", positionals_,
                         "The pattern (unless -e or -f gave one), then files and directories "
                         "(default: .)");
    add_matching_flags();
    add_output_flags();
    add_walking_flags();
    common_.add_to(*command_,
                   {.paths_positional = false, .short_verbosity = false, .short_follow = false});
}

std::vector<std::string> GrepCommandLine::expand_context_shorthand(
    std::vector<std::string> command_line) const {
    constexpr std::size_t first_argument = 2;  // after the program and the subcommand
    if (command_line.size() <= first_argument || command_line[1] != command_->get_name()) {
        return command_line;
    }
    auto kind_of = [this](std::string_view name) {
        const CLI::Option* option = command_->get_option_no_throw(std::string(name));
        if (option == nullptr) {
            return OptionKind::unknown;
        }
        return option->get_expected_max() > 0 ? OptionKind::takes_value : OptionKind::flag;
    };
    std::vector<std::string> arguments(command_line.begin() + first_argument, command_line.end());
    command_line.resize(first_argument);
    for (std::string& argument : ptool::expand_context_shorthand(arguments, kind_of)) {
        command_line.push_back(std::move(argument));
    }
    return command_line;
}

void GrepCommandLine::add_matching_flags() {
    command_->add_option("-e,--regexp", regexps_, "A pattern to match (repeatable)")
        ->allow_extra_args(false)
        ->take_all();
    command_
        ->add_option("-f,--file", pattern_files_,
                     "Read patterns from FILE, one a line ('-': stdin)")
        ->allow_extra_args(false)
        ->take_all();
    command_->add_flag("-F,--fixed-strings", fixed_strings_, "Patterns are literal strings");
    command_->add_flag(
        "-E,--extended-regexp", accepted_and_ignored_,
        std::string{"Accepted for GNU grep users: patterns are always RE2 regular expressions"});
    command_->add_flag("-i,--ignore-case", ignore_case_, "Ignore case distinctions");
    command_->add_flag("-w,--word-regexp", word_regexp_, "Match only whole words");
    command_->add_flag("-x,--line-regexp", line_regexp_, "Match only whole lines");
    command_->add_flag("-v,--invert-match", invert_match_, "Select non-matching lines");
}

void GrepCommandLine::add_output_flags() {
    command_->add_flag("-n,--line-number", line_number_, "Prefix each line with its line number");
    with_filename_ = command_->add_flag("-H,--with-filename", with_filename_flag_,
                                        std::string{"Print the file name for each match"});
    no_filename_ = command_->add_flag("-h,--no-filename", no_filename_flag_,
                                      std::string{"Never print file names"});
    command_->add_flag("-c,--count", count_, "Print PATH:COUNT for each file with a selected line");
    files_with_matches_option_ = command_->add_flag("-l,--files-with-matches", files_with_matches_,
                                                    "Print only the names of files with a match");
    files_without_match_option_ =
        command_->add_flag("-L,--files-without-match", files_without_match_,
                           "Print only the names of files without a match");
    command_->add_flag("-o,--only-matching", only_matching_, "Print only the matched parts");
    // GNU grep takes the last of repeated -m, -A, -B, -C (and -NUM).
    command_->add_option("-m,--max-count", max_count_, "Stop a file after NUM selected lines")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    command_->add_flag("-q,--quiet,--silent", quiet_,
                       "Print nothing; exit 0 at the first selected line");
    command_->add_option("-A,--after-context", after_context_, "Print NUM lines after a match")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    command_->add_option("-B,--before-context", before_context_, "Print NUM lines before a match")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    command_
        ->add_option("-C,--context", context_,
                     "Print NUM lines around a match (also -NUM, as GNU grep: -2, -n2)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    command_->add_flag("-s,--no-messages", no_messages_,
                       "No messages about missing or unreadable files (exit status still 2)");
    command_->add_flag("-0,--null", null_,
                       "Print NUL after file names; read --files-from as NUL-separated");
    command_
        ->add_flag("--color{auto},--colour{auto}", color_,
                   "Highlight matches: --color=auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    auto* json = command_->add_flag("--json", json_, "ripgrep's JSON Lines output");
    json->excludes("--count")->excludes("--files-with-matches")->excludes("--files-without-match");
    text_option_ = command_->add_flag("-a,--text", text_, "Search binary files as text");
    skip_binary_option_ =
        command_->add_flag("-I", skip_binary_, "Skip binary files (those holding a NUL byte)");
    binary_files_option_ =
        command_
            ->add_option("--binary-files", binary_files_,
                         "binary (report a match), text (-a) or without-match (-I)")
            ->type_name("TYPE")
            ->check(CLI::IsMember({"binary", "text", "without-match"}))
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

void GrepCommandLine::add_walking_flags() {
    command_->add_flag("-r,--recursive", accepted_and_ignored_,
                       std::string{"Accepted for GNU grep users: directories are always searched"});
    command_->add_flag("--hidden,!--no-hidden", hidden_,
                       "Search hidden files and directories (the default), or not");
    command_->add_flag("--ignore-vcs,!--no-ignore-vcs", ignore_vcs_,
                       "Skip what .gitignore and .ignore files under each PATH exclude");
}

bool GrepCommandLine::last_given(const CLI::Option* first, const CLI::Option* second) const {
    const auto& order = command_->parse_order();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (*it == first) {
            return true;
        }
        if (*it == second) {
            return false;
        }
    }
    return false;
}

GrepOutputMode GrepCommandLine::output_mode() const {
    if (quiet_) {
        return GrepOutputMode::quiet;
    }
    if (files_with_matches_ && files_without_match_) {
        return last_given(files_with_matches_option_, files_without_match_option_)
                   ? GrepOutputMode::files_with_matches
                   : GrepOutputMode::files_without_match;
    }
    if (files_with_matches_) {
        return GrepOutputMode::files_with_matches;
    }
    if (files_without_match_) {
        return GrepOutputMode::files_without_match;
    }
    if (count_) {
        return GrepOutputMode::count;
    }
    return json_ ? GrepOutputMode::json : GrepOutputMode::lines;
}

// The last of -a, -I and --binary-files wins, as GNU grep reads them in order.
BinaryMode GrepCommandLine::binary_mode() const {
    const auto& order = command_->parse_order();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        if (*it == text_option_) {
            return BinaryMode::text;
        }
        if (*it == skip_binary_option_) {
            return BinaryMode::skip;
        }
        if (*it == binary_files_option_) {
            return binary_files_ == "text"            ? BinaryMode::text
                   : binary_files_ == "without-match" ? BinaryMode::skip
                                                      : BinaryMode::detect;
        }
    }
    return BinaryMode::detect;
}

// As grep -r and rg: names are shown when a directory or several paths are searched.
bool GrepCommandLine::shows_file_names() const {
    if (with_filename_->count() > 0 || no_filename_->count() > 0) {
        return last_given(with_filename_, no_filename_);
    }
    if (common_.paths.empty() || common_.paths.size() > 1 || common_.files_from) {
        return true;
    }
    return is_directory(common_.paths.front());
}

bool GrepCommandLine::collect_patterns(Session& session, GrepOptions& options) {
    options.patterns = regexps_;
    for (const std::string& name : pattern_files_) {
        std::string contents;
        if (int error = read_pattern_file(name, contents); error != 0) {
            session.diagnostics().error(name, std::strerror(error));
            return false;
        }
        if (contents.ends_with('\n')) {
            contents.pop_back();  // the last line's terminator does not start another pattern
        } else if (contents.empty()) {
            continue;  // an empty file holds no pattern: it matches nothing
        }
        options.patterns.push_back(std::move(contents));
    }
    return true;
}

int GrepCommandLine::run() {
    std::vector<std::string> paths = positionals_;
    const bool pattern_from_flags = !regexps_.empty() || !pattern_files_.empty();
    if (!pattern_from_flags && paths.empty()) {
        std::fputs("ptool grep: no PATTERN given\nRun with --help for more information.\n", stderr);
        return grep_exit_error;
    }
    GrepCommandOptions options;
    if (!pattern_from_flags) {
        options.grep.patterns.push_back(paths.front());
        paths.erase(paths.begin());
    }
    if (auto conflict = standard_input_conflict(paths, common_.files_from)) {
        std::fprintf(stderr, "ptool grep: %s\nRun with --help for more information.\n",
                     conflict->c_str());
        return grep_exit_error;
    }
    const bool patterns_from_standard_input =
        std::find(pattern_files_.begin(), pattern_files_.end(), "-") != pattern_files_.end();
    if (paths.empty() && !common_.files_from && !patterns_from_standard_input &&
        standard_input_is_searchable()) {
        paths.emplace_back("-");
    }
    common_.paths = std::move(paths);
    options.sources = common_.file_sources(null_);
    options.sources.dash_is_standard_input = true;
    options.walk = common_.walk_options();
    options.walk.include_hidden = hidden_;
    options.walk.honour_ignore_files = ignore_vcs_;
    options.walk.exclude_named_root_directories = true;  // as GNU grep
    options.pipeline = common_.pipeline_options();
    options.no_file_messages = no_messages_;

    GrepOptions& grep = options.grep;
    grep.fixed_strings = fixed_strings_;
    grep.ignore_case = ignore_case_;
    grep.word_regexp = word_regexp_;
    grep.line_regexp = line_regexp_;
    grep.invert_match = invert_match_;
    grep.output_mode = output_mode();
    grep.with_filename = shows_file_names();
    grep.line_number = line_number_;
    grep.only_matching = only_matching_;
    grep.null_after_name = null_;
    grep.color = color_ == "always" || (color_ == "auto" && ::isatty(STDOUT_FILENO) == 1 &&
                                        grep.output_mode != GrepOutputMode::json);
    grep.max_count = max_count_;
    grep.after_context = after_context_.value_or(context_.value_or(0));
    grep.before_context = before_context_.value_or(context_.value_or(0));
    grep.binary_mode = binary_mode();

    Session session{common_.session_options()};
    if (pattern_from_flags && !collect_patterns(session, grep)) {
        return session.finish(grep_exit_error);
    }
    return session.finish(run_grep(options, session));
}

}  // namespace ptool
