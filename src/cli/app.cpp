// The front end: one CLI11 app with a subcommand per command.
#include "ptool/cli/app.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "ptool/cli/grep_command_line.hpp"
#include "ptool/cli/hash_command_line.hpp"
#include "ptool/run/signal_monitor.hpp"
#include "ptool/util/process_limits.hpp"

namespace ptool {
namespace {

constexpr int exit_usage_error = 2;

}  // namespace

int run_command_line(int argc, char** argv) {
    SignalMonitor::block_signals();  // before any thread exists
    raise_open_file_limit();
    CLI::App app{"ptool: parallel batch file processing with ordered output"};
    app.set_version_flag("--version", "ptool 0.1.0");
    app.require_subcommand(1);
    HashCommandLine hash;
    hash.add_to(app);
    GrepCommandLine grep;
    grep.add_to(app);
    std::vector<std::string> command_line =
        grep.expand_context_shorthand(std::vector<std::string>(argv, argv + argc));
    std::vector<const char*> expanded_argv;
    for (const std::string& argument : command_line) {
        expanded_argv.push_back(argument.c_str());
    }
    try {
        app.parse(static_cast<int>(expanded_argv.size()), expanded_argv.data());
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : exit_usage_error;
    }
    if (grep.selected()) {
        return grep.run();
    }
    return hash.run();
}

}  // namespace ptool
