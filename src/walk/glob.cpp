#include "ptool/walk/glob.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <utility>

namespace ptool {
namespace {

using Component = Glob::Component;
using Token = Glob::Component::Token;
using ByteSet = std::bitset<256>;

// The named classes are ASCII only, so that a locale set elsewhere in the program cannot change
// what a glob matches.
bool in_range(int c, int low, int high) { return c >= low && c <= high; }
bool is_lower(int c) { return in_range(c, 'a', 'z'); }
bool is_upper(int c) { return in_range(c, 'A', 'Z'); }
bool is_digit(int c) { return in_range(c, '0', '9'); }
bool is_alpha(int c) { return is_lower(c) || is_upper(c); }
bool is_alnum(int c) { return is_alpha(c) || is_digit(c); }
bool is_graph(int c) { return in_range(c, 0x21, 0x7e); }
bool is_print(int c) { return in_range(c, 0x20, 0x7e); }
bool is_punct(int c) { return is_graph(c) && !is_alnum(c); }
bool is_space(int c) { return c == ' ' || in_range(c, '\t', '\r'); }
bool is_blank(int c) { return c == ' ' || c == '\t'; }
bool is_cntrl(int c) { return in_range(c, 0, 0x1f) || c == 0x7f; }
bool is_xdigit(int c) { return is_digit(c) || in_range(c, 'a', 'f') || in_range(c, 'A', 'F'); }

bool add_named_class(std::string_view name, ByteSet& set) {
    using NamedClass = std::pair<std::string_view, bool (*)(int)>;
    static constexpr std::array<NamedClass, 12> kClasses = {{
        {"alnum", is_alnum},
        {"alpha", is_alpha},
        {"blank", is_blank},
        {"cntrl", is_cntrl},
        {"digit", is_digit},
        {"graph", is_graph},
        {"lower", is_lower},
        {"print", is_print},
        {"punct", is_punct},
        {"space", is_space},
        {"upper", is_upper},
        {"xdigit", is_xdigit},
    }};
    const auto* found = std::find_if(kClasses.begin(), kClasses.end(),
                                     [&](const auto& entry) { return entry.first == name; });
    if (found == kClasses.end()) {
        return false;
    }
    for (int c = 0; c < 128; ++c) {
        if (found->second(c)) {
            set.set(static_cast<std::size_t>(c));
        }
    }
    return true;
}

// Reads one possibly backslash-escaped byte at `position` and moves past it.
unsigned char take_byte(std::string_view pattern, std::size_t& position) {
    if (pattern[position] == '\\' && position + 1 < pattern.size()) {
        ++position;
    }
    return static_cast<unsigned char>(pattern[position++]);
}

// Parses the bracket expression opening at `open`; nullopt when it is never closed, in which
// case the caller takes the '[' literally (as fnmatch does).
std::optional<std::pair<ByteSet, std::size_t>> parse_class(std::string_view pattern,
                                                           std::size_t open) {
    std::size_t position = open + 1;
    bool negated = false;
    if (position < pattern.size() && (pattern[position] == '!' || pattern[position] == '^')) {
        negated = true;
        ++position;
    }
    ByteSet set;
    bool first = true;
    while (position < pattern.size()) {
        if (pattern[position] == ']' && !first) {
            if (negated) {
                set.flip();
            }
            set.reset('/');
            return std::pair{set, position + 1};
        }
        first = false;
        if (pattern.substr(position).starts_with("[:")) {
            std::size_t close = pattern.find(":]", position + 2);
            if (close != std::string_view::npos &&
                add_named_class(pattern.substr(position + 2, close - position - 2), set)) {
                position = close + 2;
                continue;
            }
        }
        unsigned char low = take_byte(pattern, position);
        // Set before looking for a '-', as git's wildmatch does: a reversed range like "[z-a]"
        // still matches its first byte.
        set.set(low);
        bool is_range = position + 1 < pattern.size() && pattern[position] == '-' &&
                        pattern[position + 1] != ']';
        if (!is_range) {
            continue;
        }
        ++position;
        unsigned char high = take_byte(pattern, position);
        for (unsigned value = low; value <= high; ++value) {
            set.set(value);
        }
    }
    return std::nullopt;
}

// Consecutive stars mean the same as one; merging them keeps the matcher's backtracking short.
void merge_star_runs(std::vector<Token>& tokens) {
    auto both_stars = [](const Token& left, const Token& right) {
        return left.kind == Token::Kind::any_run && right.kind == Token::Kind::any_run;
    };
    tokens.erase(std::unique(tokens.begin(), tokens.end(), both_stars), tokens.end());
}

bool all_bytes(std::vector<Token>::const_iterator begin, std::vector<Token>::const_iterator end) {
    return std::all_of(begin, end,
                       [](const Token& token) { return token.kind == Token::Kind::byte; });
}

std::string bytes_of(std::vector<Token>::const_iterator begin,
                     std::vector<Token>::const_iterator end) {
    std::string bytes;
    for (auto it = begin; it != end; ++it) {
        bytes.push_back(static_cast<char>(it->byte));
    }
    return bytes;
}

// Picks the cheapest way to match the component: most real globs are "*.ext", "name" or "name*".
void classify(Component& component) {
    auto& tokens = component.tokens;
    auto is_star = [](const Token& token) { return token.kind == Token::Kind::any_run; };
    if (all_bytes(tokens.begin(), tokens.end())) {
        component.kind = Component::Kind::exact;
        component.literal = bytes_of(tokens.begin(), tokens.end());
    } else if (tokens.size() == 1 && is_star(tokens.front())) {
        component.kind = Component::Kind::anything;
    } else if (is_star(tokens.front()) && all_bytes(tokens.begin() + 1, tokens.end())) {
        component.kind = Component::Kind::suffix;
        component.literal = bytes_of(tokens.begin() + 1, tokens.end());
    } else if (is_star(tokens.back()) && all_bytes(tokens.begin(), tokens.end() - 1)) {
        component.kind = Component::Kind::prefix;
        component.literal = bytes_of(tokens.begin(), tokens.end() - 1);
    } else {
        component.kind = Component::Kind::general;
        return;
    }
    tokens.clear();
}

Component finish_component(Component component, bool whole_path) {
    auto& tokens = component.tokens;
    bool is_double_star = tokens.size() == 2 && tokens[0].kind == Token::Kind::any_run &&
                          tokens[1].kind == Token::Kind::any_run;
    if (whole_path && is_double_star) {
        component.kind = Component::Kind::any_directories;
        tokens.clear();
        return component;
    }
    merge_star_runs(tokens);
    classify(component);
    return component;
}

std::vector<Component> parse_components(std::string_view pattern, bool whole_path) {
    std::vector<Component> components;
    Component current;
    std::size_t position = 0;
    while (position < pattern.size()) {
        char c = pattern[position];
        bool escaped_slash = c == '\\' && pattern.substr(position + 1).starts_with('/');
        if (c == '/' || escaped_slash) {
            components.push_back(finish_component(std::move(current), whole_path));
            current = Component{};
            position += escaped_slash ? 2 : 1;
        } else if (c == '*') {
            current.tokens.push_back({Token::Kind::any_run, 0, 0});
            ++position;
        } else if (c == '?') {
            current.tokens.push_back({Token::Kind::any_byte, 0, 0});
            ++position;
        } else if (auto parsed = c == '[' ? parse_class(pattern, position) : std::nullopt) {
            auto index = static_cast<std::uint16_t>(current.classes.size());
            current.classes.push_back(parsed->first);
            current.tokens.push_back({Token::Kind::byte_class, 0, index});
            position = parsed->second;
        } else {
            current.tokens.push_back({Token::Kind::byte, take_byte(pattern, position), 0});
        }
    }
    components.push_back(finish_component(std::move(current), whole_path));
    return components;
}

// "a/**/**/b" means "a/**/b"; a trailing "**" needs at least one component ("foo/**" matches
// what is inside foo, not foo itself), so it becomes "*/**".
void normalise_double_stars(std::vector<Component>& components) {
    auto both_any_directories = [](const Component& left, const Component& right) {
        return left.kind == Component::Kind::any_directories &&
               right.kind == Component::Kind::any_directories;
    };
    components.erase(std::unique(components.begin(), components.end(), both_any_directories),
                     components.end());
    if (components.back().kind == Component::Kind::any_directories) {
        Component any_one;
        any_one.kind = Component::Kind::anything;
        components.insert(components.end() - 1, std::move(any_one));
    }
}

bool is_escaped(std::string_view pattern, std::size_t position) {
    std::size_t backslashes = 0;
    while (position > backslashes && pattern[position - backslashes - 1] == '\\') {
        ++backslashes;
    }
    return backslashes % 2 == 1;
}

bool token_matches(const Component& component, const Token& token, unsigned char byte) {
    switch (token.kind) {
        case Token::Kind::byte:
            return token.byte == byte;
        case Token::Kind::any_byte:
            return true;
        case Token::Kind::byte_class:
            return component.classes[token.class_index].test(byte);
        case Token::Kind::any_run:
            break;
    }
    return false;
}

// The classic single-backtrack wildcard match: every token but '*' consumes exactly one byte, so
// retrying from the most recent '*' is enough and the cost stays O(tokens * bytes).
bool wildcard_matches(const Component& component, std::string_view name) {
    const auto& tokens = component.tokens;
    std::size_t token = 0;
    std::size_t byte = 0;
    std::optional<std::size_t> star_token;
    std::size_t star_byte = 0;
    while (byte < name.size()) {
        if (token < tokens.size() && tokens[token].kind == Token::Kind::any_run) {
            star_token = token++;
            star_byte = byte;
        } else if (token < tokens.size() && token_matches(component, tokens[token],
                                                          static_cast<unsigned char>(name[byte]))) {
            ++token;
            ++byte;
        } else if (star_token) {
            token = *star_token + 1;
            byte = ++star_byte;
        } else {
            return false;
        }
    }
    while (token < tokens.size() && tokens[token].kind == Token::Kind::any_run) {
        ++token;
    }
    return token == tokens.size();
}

// A cursor over the '/'-separated components of a relative path.
struct PathCursor {
    std::string_view path;
    std::size_t start = 0;  // past the end (path.size() + 1) once every component is consumed

    [[nodiscard]] bool at_end() const { return start > path.size(); }
    [[nodiscard]] std::size_t component_end() const {
        std::size_t slash = path.find('/', start);
        return slash == std::string_view::npos ? path.size() : slash;
    }
    [[nodiscard]] std::string_view component() const {
        return path.substr(start, component_end() - start);
    }
    void advance() { start = component_end() + 1; }
};

}  // namespace

bool Glob::Component::matches(std::string_view name) const {
    switch (kind) {
        case Kind::exact:
            return name == literal;
        case Kind::anything:
        case Kind::any_directories:
            return true;
        case Kind::prefix:
            return name.starts_with(literal);
        case Kind::suffix:
            return name.ends_with(literal);
        case Kind::general:
            break;
    }
    return wildcard_matches(*this, name);
}

Glob Glob::compile(std::string_view pattern) {
    Glob glob;
    glob.pattern_ = std::string(pattern);
    if (!pattern.empty() && pattern.back() == '/' && !is_escaped(pattern, pattern.size() - 1)) {
        glob.directory_only_ = true;
        pattern.remove_suffix(1);
    }
    glob.matches_whole_path_ = pattern.find('/') != std::string_view::npos;
    if (glob.matches_whole_path_ && pattern.starts_with('/')) {
        pattern.remove_prefix(1);
    }
    glob.components_ = parse_components(pattern, glob.matches_whole_path_);
    if (glob.matches_whole_path_) {
        normalise_double_stars(glob.components_);
    }
    return glob;
}

bool Glob::matches(std::string_view relative_path, std::string_view base_name,
                   bool is_directory) const {
    if (directory_only_ && !is_directory) {
        return false;
    }
    if (!matches_whole_path_) {
        return components_.front().matches(base_name);
    }
    return matches_components(relative_path);
}

// The same single-backtrack idea as wildcard_matches, one level up: every component but "**"
// consumes exactly one path component, so retrying from the most recent "**" is enough.
bool Glob::matches_components(std::string_view relative_path) const {
    std::size_t index = 0;
    PathCursor cursor{relative_path};
    std::optional<std::size_t> star_index;
    PathCursor star_cursor = cursor;
    while (!cursor.at_end()) {
        if (index < components_.size() &&
            components_[index].kind == Component::Kind::any_directories) {
            star_index = index++;
            star_cursor = cursor;
        } else if (index < components_.size() && components_[index].matches(cursor.component())) {
            ++index;
            cursor.advance();
        } else if (star_index) {
            star_cursor.advance();
            cursor = star_cursor;
            index = *star_index + 1;
        } else {
            return false;
        }
    }
    while (index < components_.size() &&
           components_[index].kind == Component::Kind::any_directories) {
        ++index;
    }
    return index == components_.size();
}

void GlobSet::add_include(std::string_view pattern) { includes_.push_back(Glob::compile(pattern)); }

void GlobSet::add_exclude(std::string_view pattern) { excludes_.push_back(Glob::compile(pattern)); }

bool GlobSet::selects(std::string_view relative_path, std::string_view base_name,
                      bool is_directory) const {
    auto matches = [&](const Glob& glob) {
        return glob.matches(relative_path, base_name, is_directory);
    };
    if (std::any_of(excludes_.begin(), excludes_.end(), matches)) {
        return false;
    }
    return includes_.empty() || std::any_of(includes_.begin(), includes_.end(), matches);
}

}  // namespace ptool
