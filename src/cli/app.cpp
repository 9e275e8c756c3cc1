// The front end: one CLI11 app with a subcommand per command.
#include "ptool/cli/app.hpp"

#include <CLI/CLI.hpp>

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
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : exit_usage_error;
    }
    return hash.run();
}

}  // namespace ptool
