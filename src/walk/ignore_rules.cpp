#include "ptool/walk/ignore_rules.hpp"

#include <algorithm>
#include <utility>

namespace ptool {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// git's trim_trailing_spaces: unescaped trailing spaces go (tabs stay); "foo\ " keeps its space.
std::string_view trim_trailing_spaces(std::string_view line) {
    std::size_t keep = line.size();
    bool in_trailing_spaces = false;
    for (std::size_t position = 0; position < line.size(); ++position) {
        if (line[position] == ' ') {
            if (!in_trailing_spaces) {
                keep = position;
                in_trailing_spaces = true;
            }
            continue;
        }
        if (line[position] == '\\') {
            ++position;
        }
        in_trailing_spaces = false;
        keep = line.size();
    }
    return line.substr(0, keep);
}

std::string_view base_name_of(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Later files of one directory take precedence, as later rules of one file do.
IgnoreVerdict last_verdict(const std::vector<IgnoreRules>& files, std::string_view path,
                           bool is_directory) {
    for (std::size_t index = files.size(); index > 0; --index) {
        IgnoreVerdict verdict = files[index - 1].match(path, is_directory);
        if (verdict != IgnoreVerdict::none) {
            return verdict;
        }
    }
    return IgnoreVerdict::none;
}

}  // namespace

IgnoreRules IgnoreRules::parse(std::string_view file_contents) {
    IgnoreRules parsed;
    if (file_contents.starts_with(kByteOrderMark)) {
        file_contents.remove_prefix(kByteOrderMark.size());
    }
    while (!file_contents.empty()) {
        std::size_t newline = file_contents.find('\n');
        std::string_view line = file_contents.substr(0, newline);
        file_contents.remove_prefix(newline == std::string_view::npos ? file_contents.size()
                                                                      : newline + 1);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        if (line.starts_with('#')) {
            continue;
        }
        line = trim_trailing_spaces(line);
        bool negated = line.starts_with('!');
        if (negated) {
            line.remove_prefix(1);
        }
        if (!line.empty()) {
            parsed.rules_.push_back({Glob::compile(line), negated});
        }
    }
    return parsed;
}

IgnoreVerdict IgnoreRules::match(std::string_view path, bool is_directory) const {
    std::string_view base_name = base_name_of(path);
    auto last_match = std::find_if(rules_.rbegin(), rules_.rend(), [&](const Rule& rule) {
        return rule.glob.matches(path, base_name, is_directory);
    });
    if (last_match == rules_.rend()) {
        return IgnoreVerdict::none;
    }
    return last_match->negated ? IgnoreVerdict::include : IgnoreVerdict::ignore;
}

void IgnoreStack::push(std::string_view directory_name,
                       std::vector<IgnoreRules> rules_for_this_directory) {
    std::size_t size_before = path_.size();
    if (!levels_.empty()) {
        path_.append(directory_name);
        path_.push_back('/');
    }
    std::erase_if(rules_for_this_directory, [](const IgnoreRules& rules) { return rules.empty(); });
    if (!rules_for_this_directory.empty()) {
        ++levels_with_rules_;
    }
    levels_.push_back({size_before, path_.size(), std::move(rules_for_this_directory)});
}

void IgnoreStack::pop() {
    if (levels_.empty()) {
        return;
    }
    if (!levels_.back().rules.empty()) {
        --levels_with_rules_;
    }
    path_.resize(levels_.back().path_size_before_push);
    levels_.pop_back();
}

bool IgnoreStack::is_ignored(std::string_view name, bool is_directory) const {
    if (levels_with_rules_ == 0) {
        return false;
    }
    // Built only when a level above the innermost one has rules: the innermost level sees `name`.
    std::string path;
    for (std::size_t depth = levels_.size(); depth > 0; --depth) {
        const Level& level = levels_[depth - 1];
        if (level.rules.empty()) {
            continue;
        }
        if (path.empty() && level.path_start != path_.size()) {
            path = path_;
            path.append(name);
        }
        std::string_view relative = level.path_start == path_.size()
                                        ? name
                                        : std::string_view(path).substr(level.path_start);
        IgnoreVerdict verdict = last_verdict(level.rules, relative, is_directory);
        if (verdict != IgnoreVerdict::none) {
            return verdict == IgnoreVerdict::ignore;
        }
    }
    return false;
}

}  // namespace ptool
