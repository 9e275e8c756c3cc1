// ptool's entry point: everything lives in ptool_core; this only hands over the arguments.
#include "ptool/cli/app.hpp"

int main(int argc, char** argv) { return ptool::run_command_line(argc, argv); }
