// RecordReader: streams separator-terminated records (lines, or NUL-terminated entries) from a
// file descriptor in fixed chunks, for --files-from lists and `hash --check` manifests. It never
// holds more than one record (up to its length cap) and one chunk, whatever the input's size. It
// polls with a timeout, so a stop request (SIGTERM) ends a wait on a slow or silent pipe, and it
// tells the caller when it is about to wait, so work held back can be handed over first.
// Easy to get wrong: a record longer than the cap is not split into pieces; it is delivered once,
// flagged too long and cut to the cap, and the rest of it up to the separator is skipped.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <stop_token>
#include <string_view>

namespace ptool {

struct RecordReaderOptions {
    char separator = '\n';
    std::size_t max_record_length = std::numeric_limits<std::size_t>::max();
};

struct Record {
    std::string_view bytes;  // without its separator; valid only during the callback
    bool too_long = false;   // longer than max_record_length: `bytes` is its beginning only
};

struct RecordReaderCallbacks {
    std::function<void(const Record&)> on_record;
    // Optional: called before the reader blocks waiting for input.
    std::function<void()> on_idle;
};

// Reads `fd` to its end (or until a stop is requested), calling on_record for each record; a
// last record without a separator counts too. Returns 0, or the errno of a failed read.
int read_records(int fd, const RecordReaderOptions& options, const RecordReaderCallbacks& callbacks,
                 const std::stop_token& stop);

}  // namespace ptool
