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
    // Writes `separator` here only if something, from this result or any earlier one in the
    // output order, has been written before this point (grep's `--` between context groups of
    // different files). Whether it has is only known when the bytes reach the output in order.
    virtual void write_separator(std::string_view separator) = 0;
    // True once nothing written here can reach anyone (the reader of stdout is gone, or a write
    // failed): a long job may give up instead of producing bytes that are thrown away.
    [[nodiscard]] virtual bool output_closed() const { return false; }
};

// Collects everything written into a string; for tests and for small results built up front.
class StringSink final : public ByteSink {
public:
    void write(std::string_view bytes) override { text_.append(bytes); }
    void write_separator(std::string_view separator) override {
        if (!text_.empty()) {
            text_.append(separator);
        }
    }
    [[nodiscard]] const std::string& text() const { return text_; }
    void clear() { text_.clear(); }

private:
    std::string text_;
};

}  // namespace ptool
