// -NUM: each short-option cluster is read as getopt reads it, letter by letter.
#include "ptool/cli/context_shorthand.hpp"

#include <optional>

namespace ptool {
namespace {

bool is_digit(char byte) { return byte >= '0' && byte <= '9'; }

struct Cluster {
    std::vector<std::string> pieces;  // what the cluster becomes
    bool has_context = false;         // it held a -NUM
    bool value_follows = false;       // its last option takes the next argument as its value
};

// Reads `-abc` letter by letter; nothing when a letter is not an option.
std::optional<Cluster> read_cluster(std::string_view cluster, const OptionKindLookup& kind_of) {
    Cluster read;
    std::string digits;
    auto end_digits = [&] {
        if (!digits.empty()) {
            read.pieces.push_back("--context=" + digits);
            read.has_context = true;
            digits.clear();
        }
    };
    for (std::size_t at = 1; at < cluster.size(); ++at) {
        const char letter = cluster[at];
        if (is_digit(letter) && (letter != '0' || !digits.empty())) {
            digits += letter;
            continue;
        }
        end_digits();
        const std::string option{'-', letter};
        const OptionKind kind = kind_of(option);
        if (kind == OptionKind::unknown) {
            return std::nullopt;
        }
        if (kind == OptionKind::takes_value) {
            // The rest of the cluster is the value (`-m5`), or else the next argument is.
            read.pieces.push_back(option + std::string(cluster.substr(at + 1)));
            read.value_follows = at + 1 == cluster.size();
            return read;
        }
        read.pieces.push_back(option);
    }
    end_digits();
    return read;
}

}  // namespace

std::vector<std::string> expand_context_shorthand(const std::vector<std::string>& arguments,
                                                  const OptionKindLookup& kind_of) {
    std::vector<std::string> expanded;
    for (std::size_t at = 0; at < arguments.size(); ++at) {
        const std::string& argument = arguments[at];
        bool value_follows = false;
        if (argument == "--") {
            expanded.insert(expanded.end(), arguments.begin() + static_cast<std::ptrdiff_t>(at),
                            arguments.end());
            return expanded;
        }
        if (argument.starts_with("--")) {
            value_follows = argument.find('=') == std::string::npos &&
                            kind_of(argument) == OptionKind::takes_value;
            expanded.push_back(argument);
        } else if (argument.starts_with('-') && argument.size() > 1) {
            auto cluster = read_cluster(argument, kind_of);
            if (cluster && cluster->has_context) {
                expanded.insert(expanded.end(), cluster->pieces.begin(), cluster->pieces.end());
            } else {
                expanded.push_back(argument);
            }
            value_follows = cluster && cluster->value_follows;
        } else {
            expanded.push_back(argument);
        }
        if (value_follows && at + 1 < arguments.size()) {
            expanded.push_back(arguments[++at]);
        }
    }
    return expanded;
}

}  // namespace ptool
