// The command line: parses argv with CLI11, sets up logging and signals, and dispatches to the
// hash or grep command. Returns the process exit status (see exit_status.hpp).
#pragma once

namespace ptool {

int run_command_line(int argc, char** argv);

}  // namespace ptool
