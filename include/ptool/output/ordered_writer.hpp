// OrderedWriter: prints the results of numbered jobs in job order, whatever order the workers
// finish them in, with bounded memory. Job #k's worker opens slot k, writes its bytes into it and
// completes it. The slot at the head of the order streams straight to the OutputStream; a later
// slot buffers its bytes until every earlier slot is complete.
// Two bounds keep memory flat however large the tree or a result:
//  - open_slot(k) waits while k is `window` or more jobs ahead of the head, and
//  - a slot that has buffered `slot_byte_limit` bytes waits until it becomes the head, then
//    streams the rest.
// Easy to get wrong: job numbers must be handed to workers in order (a FIFO channel does this),
// otherwise the head could wait behind a slot that can never open, and everything stops.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ptool/output/byte_sink.hpp"
#include "ptool/output/output_stream.hpp"

namespace ptool {

class OrderedWriter {
public:
    // A worker's handle on one job's output; completes the slot when destroyed.
    class Slot final : public ByteSink {
    public:
        Slot(Slot&& other) noexcept
            : writer_(other.writer_),
              sequence_(other.sequence_),
              bytes_written_(other.bytes_written_),
              owns_completion_(std::exchange(other.owns_completion_, false)) {}
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        Slot& operator=(Slot&&) = delete;
        ~Slot() override;
        void write(std::string_view bytes) override;
        void write_separator(std::string_view separator) override;
        [[nodiscard]] bool output_closed() const override { return writer_.output_failed(); }
        [[nodiscard]] std::uint64_t sequence() const { return sequence_; }
        // Bytes written so far (separators not counted).
        [[nodiscard]] std::uint64_t bytes_written() const { return bytes_written_; }

    private:
        friend class OrderedWriter;
        Slot(OrderedWriter& writer, std::uint64_t sequence) : writer_(writer), sequence_(sequence) {}
        OrderedWriter& writer_;
        std::uint64_t sequence_;
        std::uint64_t bytes_written_ = 0;
        bool owns_completion_ = true;  // false once moved from
    };

    OrderedWriter(OutputStream& output, std::size_t window, std::size_t slot_byte_limit);

    // Blocks while `sequence` is `window` or more jobs ahead of the head.
    [[nodiscard]] Slot open_slot(std::uint64_t sequence);

    // Marks `sequence` as done without output; for jobs that were never run.
    void skip(std::uint64_t sequence);

    // Writes out what the stream buffers; safe from any thread.
    void flush();

    // True once a write to the output failed (the reader is gone, or the disk is full).
    [[nodiscard]] bool output_failed() const { return output_failed_.load(std::memory_order_relaxed); }

    // The next job number to be printed; every earlier one is written out.
    [[nodiscard]] std::uint64_t head() const;

    // Largest number of bytes buffered by non-head slots at once; for tests of the bound.
    [[nodiscard]] std::size_t peak_buffered_bytes() const;

private:
    enum class SlotState : std::uint8_t { unused, open, complete };
    // A separator held in a buffered slot: written before bytes[offset] if output precedes it.
    struct PendingSeparator {
        std::size_t offset;
        std::string text;
    };
    struct PendingSlot {
        SlotState state = SlotState::unused;
        std::string bytes;
        std::vector<PendingSeparator> separators;
    };

    PendingSlot& pending(std::uint64_t sequence) { return ring_[sequence % ring_.size()]; }
    void write_from(std::uint64_t sequence, std::string_view bytes);
    void separator_from(std::uint64_t sequence, std::string_view separator);
    void write_pending(PendingSlot& slot);
    void complete(std::uint64_t sequence);
    void advance_head(std::unique_lock<std::mutex>& lock);
    void write_out(std::string_view bytes);

    OutputStream& output_;
    std::size_t slot_byte_limit_;
    std::vector<PendingSlot> ring_;
    std::uint64_t head_ = 0;
    bool wrote_anything_ = false;
    std::size_t buffered_bytes_ = 0;
    std::size_t peak_buffered_bytes_ = 0;
    std::atomic<bool> output_failed_{false};
    mutable std::mutex mutex_;
    std::condition_variable head_moved_;
};

}  // namespace ptool
