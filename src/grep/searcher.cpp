// Searcher: one FileScan per file does the work; the Searcher keeps the buffers between files.
// The regex runs over every complete line in the buffer at once; line boundaries are looked for
// only around a match, so a buffer without a match costs one regex scan and nothing per line.
#include "ptool/grep/searcher.hpp"

#include <emmintrin.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

namespace ptool {
namespace {

constexpr std::size_t long_line_piece_bytes = std::size_t{64} << 10;

// The descriptor's current offset, or nothing when it cannot seek (a pipe, a socket, a terminal).
std::optional<std::uint64_t> offset_of(int fd) {
    const off_t offset = ::lseek(fd, 0, SEEK_CUR);
    return offset < 0 ? std::nullopt : std::optional<std::uint64_t>(offset);
}

// The sixteen bytes of `lanes` added up (psadbw against zero sums each half).
std::uint64_t sum_of_lanes(__m128i lanes) {
    __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums) +
                                      _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
}

// Counts '\n' sixteen bytes at a time (-n counts every byte of the file, so this is hot): each
// lane of `lanes` counts the newlines it saw and is summed before it can wrap; the last
// partial block is counted by re-reading the final sixteen bytes and keeping the lanes not yet
// counted.
std::uint64_t count_newlines(const char* begin, const char* end) {
    std::uint64_t count = 0;
    if (end - begin < 16) {
        for (; begin < end; ++begin) {
            count += *begin == '\n' ? 1 : 0;
        }
        return count;
    }
    constexpr std::size_t blocks_before_wrap = 255;
    const __m128i newline = _mm_set1_epi8('\n');
    const char* last_block = end - 16;
    while (begin <= last_block) {
        std::size_t blocks = std::min<std::size_t>(
            blocks_before_wrap, static_cast<std::size_t>(last_block - begin) / 16 + 1);
        __m128i lanes = _mm_setzero_si128();
        for (const char* stop = begin + 16 * blocks; begin < stop; begin += 16) {
            __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin));
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(bytes, newline));  // true is -1
        }
        count += sum_of_lanes(lanes);
    }
    if (auto rest = static_cast<std::size_t>(end - begin); rest != 0) {
        // The last block again, with only its final `rest` lanes kept: 16 - rest zeros, then ones.
        static constexpr std::array<unsigned char, 32> keep_last = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                                                    0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1,
                                                                    1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(last_block));
        __m128i keep = _mm_loadu_si128(reinterpret_cast<const __m128i*>(keep_last.data() + rest));
        count += sum_of_lanes(_mm_and_si128(_mm_cmpeq_epi8(bytes, newline), keep));
    }
    return count;
}

class FileScan {
  public:
    FileScan(const GrepOptions& options, const Matcher& matcher, ByteBuffer& buffer,
             ByteBuffer& piece, std::vector<MatchRange>& matches, int fd, std::uint64_t known_size,
             SearchSink& sink, FileSearchResult& result, const std::stop_token& stop)
        : options_(options),
          matcher_(matcher),
          buffer_(buffer),
          piece_(piece),
          matches_(matches),
          fd_(fd),
          known_size_(known_size),
          sink_(sink),
          result_(result),
          stop_request_(stop),
          count_lines_(sink.wants_line_numbers()),
          context_enabled_(options.before_context > 0 || options.after_context > 0) {}

    void run();

  private:
    [[nodiscard]] std::size_t capacity() const { return buffer_.size(); }
    [[nodiscard]] std::uint64_t absolute(std::size_t index) const { return buffer_offset_ + index; }
    [[nodiscard]] const char* data() const { return buffer_.data(); }

    bool make_room();
    void shift_buffer(std::size_t by);
    std::size_t read_into_buffer();
    std::size_t read_some(char* into, std::size_t size);
    void note_new_bytes(const char* bytes, std::size_t size);

    void search_region(std::size_t region_end);
    void search_region_for_matches(std::size_t region_end);
    void search_region_inverted(std::size_t region_end);
    bool accept_selected_line();
    void select_line(std::size_t line_start, std::size_t line_end);
    void print_context_before(std::size_t line_start);
    void print_after_context_until(std::size_t limit);
    void print_line(std::size_t line_start, std::size_t line_end, bool selected);
    void collect_matches(std::string_view line);

    void scan_long_line();
    void print_long_line(std::uint64_t start, std::uint64_t end, std::uint64_t line_number,
                         bool has_terminator, bool selected);

    [[nodiscard]] std::size_t line_start_at(std::size_t position, std::size_t lower) const;
    [[nodiscard]] std::size_t line_end_at(std::size_t position, std::size_t limit) const;
    std::uint64_t line_number_at(std::size_t line_start);
    void fail(int error_number);
    void fail(int error_number, std::string message);

    const GrepOptions& options_;
    const Matcher& matcher_;
    ByteBuffer& buffer_;
    ByteBuffer& piece_;
    std::vector<MatchRange>& matches_;
    int fd_;
    const std::uint64_t known_size_;  // 0: unknown, read to the end
    SearchSink& sink_;
    FileSearchResult& result_;
    const std::stop_token& stop_request_;
    const bool count_lines_;
    const bool context_enabled_;

    std::size_t end_ = 0;              // buffer_[0, end_) holds file bytes
    std::size_t search_pos_ = 0;       // first byte not searched yet, always a line start
    std::uint64_t buffer_offset_ = 0;  // file offset of buffer_[0]
    bool eof_ = false;
    bool stop_ = false;
    bool done_selecting_ = false;  // -m reached: only trailing context is left

    std::size_t counted_pos_ = 0;  // newlines before this index are counted
    std::uint64_t newlines_before_counted_ = 0;

    bool printed_any_ = false;
    std::uint64_t printed_end_ = 0;  // file offset just past the last printed line
    std::size_t after_remaining_ = 0;
};

void FileScan::run() {
    if (options_.max_count == 0U) {
        return;  // -m 0: GNU grep reads nothing
    }
    while (!stop_) {
        if (!eof_ && capacity() - end_ < capacity() / 4 && !make_room()) {
            scan_long_line();
            continue;
        }
        if (!eof_) {
            read_into_buffer();
            if (stop_) {
                break;
            }
        }
        std::size_t region_end = end_;
        if (!eof_) {
            const void* newline = ::memrchr(data() + search_pos_, '\n', end_ - search_pos_);
            if (newline == nullptr) {
                continue;  // no complete line yet: read more
            }
            region_end = static_cast<std::size_t>(static_cast<const char*>(newline) - data()) + 1;
        }
        if (region_end > search_pos_) {
            search_region(region_end);
        }
        search_pos_ = region_end;
        if (eof_ && search_pos_ == end_) {
            break;
        }
    }
}

// Moves the bytes still needed (unsearched, and the lines kept for -B) to the front, growing the
// buffer up to its cap. False when one unfinished line fills the whole capped buffer.
bool FileScan::make_room() {
    std::size_t keep_from = search_pos_;
    for (std::size_t kept = 0; kept < options_.before_context && keep_from > 0; ++kept) {
        keep_from = line_start_at(keep_from - 1, 0);
    }
    shift_buffer(keep_from);
    if (capacity() - end_ >= capacity() / 4) {
        return true;
    }
    if (capacity() < options_.max_buffer_bytes) {
        buffer_.resize(std::min(capacity() * 2, options_.max_buffer_bytes));
        return true;
    }
    shift_buffer(search_pos_);  // at the cap, before-context gives way to the current line
    return end_ < capacity();
}

void FileScan::shift_buffer(std::size_t by) {
    if (by == 0) {
        return;
    }
    if (count_lines_) {
        line_number_at(std::max(counted_pos_, by));
    }
    std::memmove(buffer_.data(), buffer_.data() + by, end_ - by);
    buffer_offset_ += by;
    end_ -= by;
    search_pos_ -= by;
    counted_pos_ -= std::min(counted_pos_, by);
}

// Every read goes through here, so a requested stop ends the search within one buffer (-q: a
// huge file or an endless pipe must not hold up the exit once another file answered).
std::size_t FileScan::read_into_buffer() {
    if (stop_request_.stop_requested()) {
        stop_ = true;
        return 0;
    }
    std::size_t got = read_some(buffer_.data() + end_, capacity() - end_);
    if (got == 0) {
        eof_ = true;
        return 0;
    }
    note_new_bytes(buffer_.data() + end_, got);
    end_ += got;
    eof_ = known_size_ != 0 && buffer_offset_ + end_ >= known_size_;
    return got;
}

std::size_t FileScan::read_some(char* into, std::size_t size) {
    while (true) {
        ssize_t got = ::read(fd_, into, size);
        if (got >= 0) {
            return static_cast<std::size_t>(got);
        }
        if (errno != EINTR) {
            fail(errno);
            eof_ = true;
            return 0;
        }
    }
}

void FileScan::note_new_bytes(const char* bytes, std::size_t size) {
    result_.stats.bytes_searched += size;
    if (options_.binary_mode == BinaryMode::text || result_.binary) {
        return;
    }
    const void* nul = std::memchr(bytes, '\0', size);
    if (nul == nullptr) {
        return;
    }
    result_.binary = true;
    result_.binary_offset =
        buffer_offset_ + static_cast<std::uint64_t>(static_cast<const char*>(nul) - buffer_.data());
    if (options_.binary_mode == BinaryMode::skip) {
        stop_ = true;
    }
}

void FileScan::fail(int error_number) { fail(error_number, std::strerror(error_number)); }

void FileScan::fail(int error_number, std::string message) {
    result_.error = SearchError{error_number, std::move(message)};
    stop_ = true;
}

void FileScan::search_region(std::size_t region_end) {
    if (!done_selecting_) {
        if (options_.invert_match) {
            search_region_inverted(region_end);
        } else {
            search_region_for_matches(region_end);
        }
    }
    if (stop_ && !done_selecting_) {
        return;
    }
    print_after_context_until(region_end);
    if (done_selecting_ && after_remaining_ == 0) {
        stop_ = true;
    }
}

void FileScan::search_region_for_matches(std::size_t region_end) {
    std::string_view text(data(), region_end);
    std::size_t position = search_pos_;
    while (position < region_end && !stop_ && !done_selecting_) {
        auto line = matcher_.find_matching_line(text, position);
        if (!line) {
            return;
        }
        select_line(line->start, line->end);
        position = line->end;
    }
}

void FileScan::search_region_inverted(std::size_t region_end) {
    std::string_view text(data(), region_end);
    std::size_t position = search_pos_;
    while (position < region_end && !stop_ && !done_selecting_) {
        auto matching_line = matcher_.find_matching_line(text, position);
        std::size_t selected_until = matching_line ? matching_line->start : region_end;
        while (position < selected_until && !stop_ && !done_selecting_) {
            std::size_t line_end = line_end_at(position, selected_until);
            select_line(position, line_end);
            position = line_end;
        }
        if (!matching_line) {
            return;
        }
        position = std::max(position, matching_line->end);
    }
}

// Counts a selected line and says whether it is to be printed; stops when the mode says so.
bool FileScan::accept_selected_line() {
    ++result_.selected_lines;
    bool reached_max = options_.max_count && result_.selected_lines >= *options_.max_count;
    switch (options_.output_mode) {
        case GrepOutputMode::quiet:
        case GrepOutputMode::files_with_matches:
        case GrepOutputMode::files_without_match:
            stop_ = true;
            return false;
        case GrepOutputMode::count:
            stop_ = reached_max;
            return false;
        case GrepOutputMode::lines:
        case GrepOutputMode::json:
            break;
    }
    if (result_.binary && options_.binary_mode == BinaryMode::detect) {
        result_.binary_matched = true;
        stop_ = true;
        return false;
    }
    if (reached_max) {
        done_selecting_ = true;
    }
    return true;
}

void FileScan::select_line(std::size_t line_start, std::size_t line_end) {
    if (!accept_selected_line()) {
        return;
    }
    print_context_before(line_start);
    print_line(line_start, line_end, true);
    after_remaining_ = options_.after_context;
}

void FileScan::print_context_before(std::size_t line_start) {
    print_after_context_until(line_start);
    std::size_t lower = 0;
    if (printed_any_ && printed_end_ > buffer_offset_) {
        lower = static_cast<std::size_t>(printed_end_ - buffer_offset_);
    }
    std::size_t first = line_start;
    for (std::size_t taken = 0; taken < options_.before_context && first > lower; ++taken) {
        first = line_start_at(first - 1, lower);
    }
    if (printed_any_ && context_enabled_ && absolute(first) > printed_end_) {
        sink_.group_separator();
    }
    while (first < line_start) {
        std::size_t line_end = line_end_at(first, line_start);
        print_line(first, line_end, false);
        first = line_end;
    }
}

void FileScan::print_after_context_until(std::size_t limit) {
    if (after_remaining_ == 0 || !printed_any_ || printed_end_ < buffer_offset_) {
        return;
    }
    std::size_t position = static_cast<std::size_t>(printed_end_ - buffer_offset_);
    while (after_remaining_ > 0 && position < limit) {
        std::size_t line_end = line_end_at(position, limit);
        print_line(position, line_end, false);
        --after_remaining_;
        position = line_end;
    }
}

void FileScan::print_line(std::size_t line_start, std::size_t line_end, bool selected) {
    std::string_view bytes(data() + line_start, line_end - line_start);
    matches_.clear();
    bool wants_matches =
        selected ? sink_.wants_matches_in_selected_lines() : sink_.wants_matches_in_context_lines();
    if (wants_matches) {
        collect_matches(bytes);
    }
    FoundLine line{bytes, count_lines_ ? line_number_at(line_start) : 0, absolute(line_start),
                   matches_};
    if (selected) {
        result_.stats.matches += matches_.size();
        sink_.selected_line(line);
    } else {
        sink_.context_line(line);
    }
    printed_any_ = true;
    printed_end_ = absolute(line_end);
}

void FileScan::collect_matches(std::string_view line) {
    if (!line.empty() && line.back() == '\n') {
        line.remove_suffix(1);
    }
    std::size_t from = 0;
    while (from <= line.size()) {
        auto match = matcher_.find_in_line(line, from);
        if (!match) {
            return;
        }
        if (match->end > match->start) {
            matches_.push_back(*match);
            from = match->end;
        } else {
            from = match->end + 1;  // an empty match: step over it
        }
    }
}

// One line fills the whole capped buffer (search_pos_ == 0, no '\n' in it). Search it in
// windows that overlap by a quarter of the cap, then print it by re-reading it with pread().
void FileScan::scan_long_line() {
    std::uint64_t line_offset = buffer_offset_;
    std::uint64_t line_number = count_lines_ ? line_number_at(0) : 0;
    std::size_t overlap = capacity() / 4;
    std::size_t window_from = 0;
    std::size_t scan_from = 0;
    bool found = false;
    const void* newline = nullptr;
    while (true) {
        newline = std::memchr(data() + scan_from, '\n', end_ - scan_from);
        std::size_t window_end =
            newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data()) : end_;
        bool last_window = newline != nullptr || eof_;
        if (!found) {
            auto match = matcher_.find(std::string_view(data(), window_end), window_from);
            // A match touching a window's edge inside the line may be cut: the next window,
            // overlapping, finds it whole.
            found = match && (last_window || match->end < window_end);
        }
        if (last_window || stop_) {
            break;
        }
        shift_buffer(end_ - overlap);
        window_from = 1;  // the byte before is context, so ^ does not match mid-line
        scan_from = end_;
        read_into_buffer();
    }
    if (stop_) {
        return;  // a read error, or -I on a NUL byte
    }
    std::size_t line_end_index =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data()) + 1 : end_;
    std::uint64_t line_end = absolute(line_end_index);
    bool selected = found != options_.invert_match;
    if (selected && accept_selected_line()) {
        if (printed_any_ && context_enabled_ && line_offset > printed_end_) {
            sink_.group_separator();
        }
        print_long_line(line_offset, line_end, line_number, newline != nullptr, true);
        after_remaining_ = options_.after_context;
    } else if (!selected && after_remaining_ > 0 && printed_end_ == line_offset) {
        print_long_line(line_offset, line_end, line_number, newline != nullptr, false);
        --after_remaining_;
    }
    if (done_selecting_ && after_remaining_ == 0) {
        stop_ = true;
    }
    shift_buffer(line_end_index);
    search_pos_ = 0;
}

void FileScan::print_long_line(std::uint64_t start, std::uint64_t end, std::uint64_t line_number,
                               bool has_terminator, bool selected) {
    // Where reading started in the file (stdin may start mid-file), asked only now: one lseek
    // for a rare long line rather than one for every file.
    const std::optional<std::uint64_t> now = offset_of(fd_);
    const std::optional<std::uint64_t> start_offset =
        now ? std::optional<std::uint64_t>(*now - absolute(end_)) : std::nullopt;
    if (!start_offset) {
        // Memory stays bounded: the line is not kept, and a pipe cannot give it again.
        fail(ESPIPE, fmt::format("a line longer than {} bytes cannot be printed from a pipe",
                                 options_.max_buffer_bytes));
        return;
    }
    sink_.begin_long_line(selected, line_number, start);
    std::uint64_t content_end = has_terminator ? end - 1 : end;
    for (std::uint64_t position = start; position < content_end;) {
        auto wanted = static_cast<std::size_t>(
            std::min<std::uint64_t>(piece_.size(), content_end - position));
        ssize_t got =
            ::pread(fd_, piece_.data(), wanted, static_cast<off_t>(*start_offset + position));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            fail(got < 0 ? errno : EIO);
            break;
        }
        sink_.long_line_piece(std::string_view(piece_.data(), static_cast<std::size_t>(got)));
        position += static_cast<std::uint64_t>(got);
    }
    sink_.end_long_line(has_terminator);
    printed_any_ = true;
    printed_end_ = end;
}

std::size_t FileScan::line_start_at(std::size_t position, std::size_t lower) const {
    if (position <= lower) {
        return lower;
    }
    const void* newline = ::memrchr(data() + lower, '\n', position - lower);
    return newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data()) + 1
                   : lower;
}

std::size_t FileScan::line_end_at(std::size_t position, std::size_t limit) const {
    const void* newline = std::memchr(data() + position, '\n', limit - position);
    return newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data()) + 1
                   : limit;
}

// Line numbers are counted lazily, only as far as a printed line, and only when wanted.
std::uint64_t FileScan::line_number_at(std::size_t line_start) {
    if (line_start > counted_pos_) {
        newlines_before_counted_ += count_newlines(data() + counted_pos_, data() + line_start);
        counted_pos_ = line_start;
    } else if (line_start < counted_pos_) {
        return newlines_before_counted_ + 1 -
               count_newlines(data() + line_start, data() + counted_pos_);
    }
    return newlines_before_counted_ + 1;
}

}  // namespace

Searcher::Searcher(const GrepOptions& options)
    : options_(options),
      matcher_(options),
      buffer_(std::max<std::size_t>(options.initial_buffer_bytes, 16)),
      long_line_piece_(long_line_piece_bytes) {
    options_.max_buffer_bytes = std::max(options_.max_buffer_bytes, buffer_.size());
}

FileSearchResult Searcher::search(int fd, std::string_view path, SearchSink& sink,
                                  std::uint64_t known_size, const std::stop_token& stop) {
    auto started = std::chrono::steady_clock::now();
    if (buffer_.size() > options_.initial_buffer_bytes * 4) {
        // One huge line must not pin the cap's memory for good.
        buffer_.resize(std::max<std::size_t>(options_.initial_buffer_bytes, 16));
    }
    FileSearchResult result;
    sink.begin_file(path);
    FileScan(options_, matcher_, buffer_, long_line_piece_, matches_, fd, known_size, sink, result,
             stop)
        .run();
    result.stats.searches = 1;
    result.stats.searches_with_match = result.selected() ? 1 : 0;
    result.stats.matched_lines = result.selected_lines;
    result.stats.elapsed = std::chrono::steady_clock::now() - started;
    sink.end_file(result);
    return result;
}

}  // namespace ptool
