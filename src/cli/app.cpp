// Placeholder front end until the hash command is wired in.
#include "ptool/cli/app.hpp"

#include <CLI/CLI.hpp>

namespace ptool {

int run_command_line(int argc, char** argv) {
    CLI::App app{"ptool: parallel batch file processing"};
    app.require_subcommand(1);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;
    }
    return 0;
}

}  // namespace ptool
