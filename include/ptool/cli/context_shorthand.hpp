// GNU grep's -NUM, the same as --context=NUM (`-2`, `-n2`, `-12`), which CLI11 cannot parse (it
// takes `-2` for a negative number, hence a positional). The arguments are rewritten before
// parsing: `-n2` becomes `-n --context=2`.
// Easy to get wrong: only an option cluster is rewritten, never an option's value (`-e -5`,
// `-m5`, `--regexp -5`) nor anything after `--`; and a 0 that does not follow a digit is ptool's
// `-0` (--null), not a context of zero lines.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ptool {

enum class OptionKind { unknown, flag, takes_value };

// What the option spelled `name` ("-m", "--regexp") is; the command line's own definitions.
using OptionKindLookup = std::function<OptionKind(std::string_view name)>;

// `arguments` (after the subcommand's name) with every -NUM turned into --context=NUM. A cluster
// holding an unknown option is left as it is, for the parser to report.
[[nodiscard]] std::vector<std::string> expand_context_shorthand(
    const std::vector<std::string>& arguments, const OptionKindLookup& kind_of);

}  // namespace ptool
