// Printers: GNU grep's line format and ripgrep's JSON Lines, byte for byte.
#include "ptool/grep/printer.hpp"

#include <array>
#include <cstdio>

#include "ptool/output/json.hpp"

namespace ptool {
namespace {

constexpr std::size_t flush_threshold = std::size_t{64} << 10;

// GNU grep's default GREP_COLORS, each closed by "\33[m\33[K" as grep does.
constexpr std::string_view file_name_color = "\33[35m\33[K";
constexpr std::string_view line_number_color = "\33[32m\33[K";
constexpr std::string_view separator_color = "\33[36m\33[K";
constexpr std::string_view match_color = "\33[01;31m\33[K";
constexpr std::string_view color_end = "\33[m\33[K";
constexpr std::string_view colored_group_separator = "\33[36m\33[K--\33[m\33[K\n";

std::string_view without_terminator(std::string_view line) {
    if (!line.empty() && line.back() == '\n') {
        line.remove_suffix(1);
    }
    return line;
}

// serde_json's string escaping: short escapes where JSON has them, \u00xx (lowercase) otherwise.
// Invalid UTF-8 becomes U+FFFD; callers use base64 instead when they must keep the bytes.
void append_json_string_body(std::string& out, std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        if (static_cast<unsigned char>(bytes[i]) < 0x80) {
            append_json_escaped_ascii(out, bytes[i]);  // DEL stays as it is, as in serde_json
            ++i;
            continue;
        }
        std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(bytes.substr(i, length));
            i += length;
        }
    }
}

// ripgrep's {"text":"..."} for UTF-8, {"bytes":"<base64>"} for anything else.
void append_ripgrep_data(std::string& out, std::string_view bytes) {
    if (is_valid_utf8(bytes)) {
        out += "{\"text\":\"";
        append_json_string_body(out, bytes);
        out += "\"}";
    } else {
        out += "{\"bytes\":\"";
        append_base64(out, bytes);
        out += "\"}";
    }
}

void append_number(std::string& out, std::uint64_t value) { out += std::to_string(value); }

// ripgrep's elapsed time: whole seconds, the nanoseconds within, and "%.6fs".
void append_elapsed(std::string& out, std::chrono::nanoseconds elapsed, bool sorted_keys) {
    auto total = static_cast<std::uint64_t>(elapsed.count());
    std::array<char, 64> human{};
    std::snprintf(human.data(), human.size(), "%.6fs", static_cast<double>(total) / 1e9);
    std::string secs = std::to_string(total / 1'000'000'000);
    std::string nanos = std::to_string(total % 1'000'000'000);
    if (sorted_keys) {
        out += "{\"human\":\"" + std::string(human.data()) + "\",\"nanos\":" + nanos +
               ",\"secs\":" + secs + "}";
    } else {
        out += "{\"secs\":" + secs + ",\"nanos\":" + nanos + ",\"human\":\"" +
               std::string(human.data()) + "\"}";
    }
}

// The length of an unfinished UTF-8 sequence at the very end of `bytes` (0 if none), so that a
// character split between two long-line pieces is not taken for invalid bytes.
std::size_t unfinished_utf8_tail(std::string_view bytes) {
    for (std::size_t back = 1; back <= 3 && back <= bytes.size(); ++back) {
        auto byte = static_cast<unsigned char>(bytes[bytes.size() - back]);
        if ((byte & 0xC0) == 0x80) {
            continue;
        }
        std::size_t needed = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        return needed > back ? back : 0;
    }
    return 0;
}

}  // namespace

void GrepPrinter::write(std::string_view bytes) {
    if (written_ == 0 && !file_separator_.empty() && output_ != nullptr) {
        output_->write_separator(file_separator_);  // pending_ is empty: nothing written yet
    }
    pending_.append(bytes);
    written_ += bytes.size();
    if (pending_.size() >= flush_threshold) {
        flush();
    }
}

void GrepPrinter::flush() {
    if (!pending_.empty() && output_ != nullptr) {
        output_->write(pending_);
    }
    pending_.clear();
}

// ---- StandardPrinter ----

StandardPrinter::StandardPrinter(const GrepOptions& options)
    : GrepPrinter(separator_between_files(options)), options_(options) {}

bool StandardPrinter::wants_line_numbers() const { return options_.line_number; }

bool StandardPrinter::wants_matches_in_selected_lines() const {
    return !options_.invert_match && (options_.only_matching || options_.color);
}

// GNU grep highlights matches in context lines only under -v, where they are the matching ones.
bool StandardPrinter::wants_matches_in_context_lines() const {
    return options_.invert_match && options_.color && !options_.only_matching;
}

void StandardPrinter::begin_file(std::string_view path) {
    path_.assign(path);
    reset_written();
}

void StandardPrinter::write_file_name() {
    if (options_.color) {
        write(file_name_color);
        write(path_);
        write(color_end);
    } else {
        write(path_);
    }
}

void StandardPrinter::write_separator(char separator) {
    std::string_view text(&separator, 1);
    if (options_.color) {
        write(separator_color);
        write(text);
        write(color_end);
    } else {
        write(text);
    }
}

void StandardPrinter::write_prefix(char separator, std::uint64_t line_number) {
    if (options_.with_filename) {
        write_file_name();
        if (options_.null_after_name) {
            write(std::string_view("\0", 1));
        } else {
            write_separator(separator);
        }
    }
    if (options_.line_number) {
        std::string number = std::to_string(line_number);
        if (options_.color) {
            write(line_number_color);
            write(number);
            write(color_end);
        } else {
            write(number);
        }
        write_separator(separator);
    }
}

void StandardPrinter::write_highlighted(std::string_view bytes,
                                        std::span<const MatchRange> matches) {
    std::size_t position = 0;
    for (const MatchRange& match : matches) {
        write(bytes.substr(position, match.start - position));
        write(match_color);
        write(bytes.substr(match.start, match.end - match.start));
        write(color_end);
        position = match.end;
    }
    write(bytes.substr(position));
}

void StandardPrinter::write_line(const FoundLine& line, char separator, bool highlight) {
    write_prefix(separator, line.line_number);
    std::string_view content = without_terminator(line.bytes);
    if (highlight && options_.color) {
        write_highlighted(content, line.matches);
    } else {
        write(content);
    }
    write("\n");
}

void StandardPrinter::selected_line(const FoundLine& line) {
    if (!options_.only_matching) {
        write_line(line, ':', true);
        return;
    }
    for (const MatchRange& match : line.matches) {
        write_prefix(':', line.line_number);
        std::string_view text = line.bytes.substr(match.start, match.end - match.start);
        if (options_.color) {
            write(match_color);
            write(text);
            write(color_end);
        } else {
            write(text);
        }
        write("\n");
    }
}

void StandardPrinter::context_line(const FoundLine& line) {
    if (!options_.only_matching) {
        write_line(line, '-', true);
    }
}

void StandardPrinter::group_separator() {
    write(options_.color ? colored_group_separator : std::string_view("--\n"));
}

void StandardPrinter::begin_long_line(bool selected, std::uint64_t line_number,
                                      std::uint64_t /*absolute_offset*/) {
    if (!options_.only_matching) {
        write_prefix(selected ? ':' : '-', line_number);
    }
}

void StandardPrinter::long_line_piece(std::string_view bytes) {
    if (!options_.only_matching) {
        write(bytes);
    }
}

void StandardPrinter::end_long_line(bool /*had_terminator*/) {
    if (!options_.only_matching) {
        write("\n");
    }
}

void StandardPrinter::end_file(FileSearchResult& result) {
    bool listed = false;
    switch (options_.output_mode) {
        case GrepOutputMode::count:
            if (result.selected()) {
                if (options_.with_filename) {
                    write_file_name();
                    if (options_.null_after_name) {
                        write(std::string_view("\0", 1));
                    } else {
                        write_separator(':');
                    }
                }
                write(std::to_string(result.selected_lines));
                write("\n");
            }
            break;
        case GrepOutputMode::files_with_matches:
            listed = result.selected();
            break;
        case GrepOutputMode::files_without_match:
            listed = !result.selected() && !result.error;
            break;
        default:
            break;
    }
    if (listed) {
        write_file_name();
        write(options_.null_after_name ? std::string_view("\0", 1) : std::string_view("\n"));
    }
    flush();
    result.stats.bytes_printed = written();
    result.printed_anything = written() > 0;
}

// ---- JsonPrinter ----

JsonPrinter::JsonPrinter(const GrepOptions& options) : GrepPrinter({}), options_(options) {}

bool JsonPrinter::wants_line_numbers() const { return true; }
bool JsonPrinter::wants_matches_in_selected_lines() const { return !options_.invert_match; }
bool JsonPrinter::wants_matches_in_context_lines() const { return false; }

void JsonPrinter::begin_file(std::string_view path) {
    path_.assign(path);
    begun_ = false;
    reset_written();
}

void JsonPrinter::write_begin_once() {
    if (begun_) {
        return;
    }
    begun_ = true;
    message_ = "{\"type\":\"begin\",\"data\":{\"path\":";
    append_ripgrep_data(message_, path_);
    message_ += "}}\n";
    write(message_);
}

void JsonPrinter::write_line_message(std::string_view type, const FoundLine& line) {
    write_begin_once();
    message_ = "{\"type\":\"";
    message_ += type;
    message_ += "\",\"data\":{\"path\":";
    append_ripgrep_data(message_, path_);
    message_ += ",\"lines\":";
    append_ripgrep_data(message_, line.bytes);
    message_ += ",\"line_number\":";
    append_number(message_, line.line_number);
    message_ += ",\"absolute_offset\":";
    append_number(message_, line.absolute_offset);
    message_ += ",\"submatches\":[";
    bool first = true;
    for (const MatchRange& match : line.matches) {
        message_ += first ? "" : ",";
        first = false;
        message_ += "{\"match\":";
        append_ripgrep_data(message_, line.bytes.substr(match.start, match.end - match.start));
        message_ += ",\"start\":";
        append_number(message_, match.start);
        message_ += ",\"end\":";
        append_number(message_, match.end);
        message_ += '}';
    }
    message_ += "]}}\n";
    write(message_);
}

void JsonPrinter::selected_line(const FoundLine& line) { write_line_message("match", line); }
void JsonPrinter::context_line(const FoundLine& line) { write_line_message("context", line); }
void JsonPrinter::group_separator() {}

// A long line is written as text as it streams (its bytes cannot be checked as a whole), with
// invalid UTF-8 replaced by U+FFFD.
void JsonPrinter::begin_long_line(bool selected, std::uint64_t line_number,
                                  std::uint64_t absolute_offset) {
    write_begin_once();
    message_ = selected ? "{\"type\":\"match\"" : "{\"type\":\"context\"";
    message_ += ",\"data\":{\"path\":";
    append_ripgrep_data(message_, path_);
    message_ += ",\"lines\":{\"text\":\"";
    write(message_);
    held_back_.clear();
    long_line_number_ = line_number;
    message_ = ",\"line_number\":" + std::to_string(line_number) +
               ",\"absolute_offset\":" + std::to_string(absolute_offset) + ",\"submatches\":[]}}\n";
}

void JsonPrinter::long_line_piece(std::string_view bytes) {
    std::string joined = held_back_;
    joined.append(bytes);
    std::size_t tail = unfinished_utf8_tail(joined);
    held_back_ = joined.substr(joined.size() - tail);
    std::string escaped;
    append_json_string_body(escaped, std::string_view(joined).substr(0, joined.size() - tail));
    write(escaped);
}

void JsonPrinter::end_long_line(bool had_terminator) {
    std::string escaped;
    append_json_string_body(escaped, held_back_);
    held_back_.clear();
    if (had_terminator) {
        escaped += "\\n";
    }
    escaped += "\"}";
    write(escaped);
    write(message_);
}

void JsonPrinter::end_file(FileSearchResult& result) {
    if (begun_) {
        result.stats.bytes_printed = written();
        message_ = "{\"type\":\"end\",\"data\":{\"path\":";
        append_ripgrep_data(message_, path_);
        message_ += ",\"binary_offset\":";
        message_ += result.binary_offset ? std::to_string(*result.binary_offset) : "null";
        message_ += ",\"stats\":{\"elapsed\":";
        append_elapsed(message_, result.stats.elapsed, false);
        const SearchStats& stats = result.stats;
        message_ += ",\"searches\":" + std::to_string(stats.searches) +
                    ",\"searches_with_match\":" + std::to_string(stats.searches_with_match) +
                    ",\"bytes_searched\":" + std::to_string(stats.bytes_searched) +
                    ",\"bytes_printed\":" + std::to_string(stats.bytes_printed) +
                    ",\"matched_lines\":" + std::to_string(stats.matched_lines) +
                    ",\"matches\":" + std::to_string(stats.matches) + "}}}\n";
        write(message_);
    }
    flush();
    // bytes_printed stays what the `end` message said, as ripgrep's summary adds those up.
    result.printed_anything = written() > 0;
}

// ---- free functions ----

std::unique_ptr<GrepPrinter> make_printer(const GrepOptions& options) {
    if (options.output_mode == GrepOutputMode::json) {
        return std::make_unique<JsonPrinter>(options);
    }
    return std::make_unique<StandardPrinter>(options);
}

std::string_view separator_between_files(const GrepOptions& options) {
    bool context = options.before_context > 0 || options.after_context > 0;
    if (!context || options.output_mode != GrepOutputMode::lines) {
        return {};
    }
    return options.color ? colored_group_separator : std::string_view("--\n");
}

std::string json_summary(const SearchStats& total, std::chrono::nanoseconds elapsed_total) {
    std::string out = "{\"data\":{\"elapsed_total\":";
    append_elapsed(out, elapsed_total, true);
    out += ",\"stats\":{\"bytes_printed\":" + std::to_string(total.bytes_printed) +
           ",\"bytes_searched\":" + std::to_string(total.bytes_searched) + ",\"elapsed\":";
    append_elapsed(out, total.elapsed, true);
    out += ",\"matched_lines\":" + std::to_string(total.matched_lines) +
           ",\"matches\":" + std::to_string(total.matches) +
           ",\"searches\":" + std::to_string(total.searches) +
           ",\"searches_with_match\":" + std::to_string(total.searches_with_match) +
           "}},\"type\":\"summary\"}\n";
    return out;
}

}  // namespace ptool
