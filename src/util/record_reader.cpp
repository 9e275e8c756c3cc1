// RecordReader: chunked reads, polling so that a stop request is seen while input is awaited.
#include "ptool/util/record_reader.hpp"

#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <string>

namespace ptool {
namespace {

constexpr int poll_interval_ms = 100;

// The record being assembled across chunks, capped at the maximum length.
class PendingRecord {
  public:
    explicit PendingRecord(std::size_t max_length) : max_length_(max_length) {}

    void append(std::string_view data) {
        const std::size_t room = max_length_ - std::min(max_length_, bytes_.size());
        if (data.size() > room) {
            too_long_ = true;
            data = data.substr(0, room);
        }
        bytes_.append(data);
    }
    [[nodiscard]] bool empty() const { return bytes_.empty() && !too_long_; }
    void deliver(const std::function<void(const Record&)>& on_record) {
        on_record(Record{bytes_, too_long_});
        bytes_.clear();
        too_long_ = false;
    }

  private:
    std::size_t max_length_;
    std::string bytes_;
    bool too_long_ = false;
};

// Waits until `fd` is readable, calling on_idle once before blocking. False when stopped.
bool wait_readable(int fd, const RecordReaderCallbacks& callbacks, const std::stop_token& stop) {
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, 0) != 0) {
        return true;
    }
    if (callbacks.on_idle) {
        callbacks.on_idle();
    }
    while (!stop.stop_requested()) {
        if (::poll(&ready, 1, poll_interval_ms) != 0) {
            return true;
        }
    }
    return false;
}

}  // namespace

int read_records(int fd, const RecordReaderOptions& options, const RecordReaderCallbacks& callbacks,
                 const std::stop_token& stop) {
    std::array<char, 64 * 1024> chunk{};
    PendingRecord pending{options.max_record_length};
    while (!stop.stop_requested()) {
        if (!wait_readable(fd, callbacks, stop)) {
            return 0;
        }
        ssize_t got = ::read(fd, chunk.data(), chunk.size());
        if (got < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            return errno;
        }
        if (got == 0) {
            break;
        }
        std::string_view data{chunk.data(), static_cast<std::size_t>(got)};
        for (auto end = data.find(options.separator); end != std::string_view::npos;
             end = data.find(options.separator)) {
            pending.append(data.substr(0, end));
            pending.deliver(callbacks.on_record);
            data.remove_prefix(end + 1);
            if (stop.stop_requested()) {
                return 0;
            }
        }
        pending.append(data);
    }
    if (!pending.empty() && !stop.stop_requested()) {
        pending.deliver(callbacks.on_record);
    }
    return 0;
}

}  // namespace ptool
