// ByteSink: where a command writes the bytes of one result. The printer side of every command
// writes into a ByteSink and never knows whether the bytes are buffered, streamed to stdout or
// collected by a test. Easy to get wrong: a sink may block (backpressure from the ordered
// writer), so never call write() while holding a lock that another worker needs.
#pragma once

#include <string>
#include <string_view>

namespace ptool {

class ByteSink {
public:
    virtual ~ByteSink() = default;
    virtual void write(std::string_view bytes) = 0;
};

// Collects everything written into a string; for tests and for small results built up front.
class StringSink final : public ByteSink {
public:
    void write(std::string_view bytes) override { text_.append(bytes); }
    [[nodiscard]] const std::string& text() const { return text_; }
    void clear() { text_.clear(); }

private:
    std::string text_;
};

}  // namespace ptool
