// OrderedWriter: a ring of `window` pending slots indexed by job number; the head slot streams.
#include "ptool/output/ordered_writer.hpp"

#include <algorithm>
#include <stdexcept>

namespace ptool {

OrderedWriter::Slot::~Slot() {
    if (owns_completion_) {
        writer_.complete(sequence_);
    }
}

void OrderedWriter::Slot::write(std::string_view bytes) {
    bytes_written_ += bytes.size();
    writer_.write_from(sequence_, bytes);
}

void OrderedWriter::Slot::write_separator(std::string_view separator) {
    writer_.separator_from(sequence_, separator);
}

OrderedWriter::OrderedWriter(OutputStream& output, std::size_t window, std::size_t slot_byte_limit)
    : output_(output), slot_byte_limit_(slot_byte_limit), ring_(window) {
    if (window == 0) {
        throw std::invalid_argument("OrderedWriter: the window must hold at least one slot");
    }
}

OrderedWriter::Slot OrderedWriter::open_slot(std::uint64_t sequence) {
    std::unique_lock lock{mutex_};
    head_moved_.wait(lock, [&] { return sequence < head_ + ring_.size(); });
    pending(sequence).state = SlotState::open;
    return Slot{*this, sequence};
}

void OrderedWriter::skip(std::uint64_t sequence) { static_cast<void>(open_slot(sequence)); }

void OrderedWriter::write_from(std::uint64_t sequence, std::string_view bytes) {
    std::unique_lock lock{mutex_};
    if (sequence != head_) {
        auto& slot = pending(sequence);
        if (slot.bytes.size() + bytes.size() <= slot_byte_limit_) {
            // Room for the whole limit at once: a slot that grew by doubling would reallocate,
            // copy and fault in fresh pages every time it filled again.
            slot.bytes.reserve(slot_byte_limit_);
            slot.bytes.append(bytes);
            buffered_bytes_ += bytes.size();
            peak_buffered_bytes_ = std::max(peak_buffered_bytes_, buffered_bytes_);
            return;
        }
        // Too much to hold: wait to become the head; advance_head() then writes what we hold.
        head_moved_.wait(lock, [&] { return sequence == head_; });
    }
    write_out(bytes);
}

void OrderedWriter::separator_from(std::uint64_t sequence, std::string_view separator) {
    std::unique_lock lock{mutex_};
    if (sequence == head_) {
        if (wrote_anything_) {
            write_out(separator);
        }
        return;
    }
    auto& slot = pending(sequence);
    slot.separators.push_back({slot.bytes.size(), std::string{separator}});
}

void OrderedWriter::write_pending(PendingSlot& slot) {
    std::string_view bytes{slot.bytes};
    std::size_t written = 0;
    for (const auto& separator : slot.separators) {
        write_out(bytes.substr(written, separator.offset - written));
        written = separator.offset;
        if (wrote_anything_) {
            write_out(separator.text);
        }
    }
    write_out(bytes.substr(written));
    buffered_bytes_ -= slot.bytes.size();
    slot.bytes.clear();
    slot.separators.clear();
}

void OrderedWriter::write_out(std::string_view bytes) {
    if (bytes.empty()) {
        return;
    }
    wrote_anything_ = true;
    output_.write(bytes);
    if (output_.failed()) {
        output_failed_.store(true, std::memory_order_relaxed);
    }
}

void OrderedWriter::complete(std::uint64_t sequence) {
    std::unique_lock lock{mutex_};
    pending(sequence).state = SlotState::complete;
    if (sequence == head_) {
        advance_head(lock);
    }
}

void OrderedWriter::advance_head(std::unique_lock<std::mutex>& lock) {
    while (pending(head_).state == SlotState::complete) {
        pending(head_).state = SlotState::unused;
        ++head_;
        auto& next = pending(head_);
        if (next.state == SlotState::unused) {
            break;
        }
        write_pending(next);
    }
    lock.unlock();
    head_moved_.notify_all();
}

void OrderedWriter::flush() {
    std::lock_guard lock{mutex_};
    output_.flush();
    if (output_.failed()) {
        output_failed_.store(true, std::memory_order_relaxed);
    }
}

std::uint64_t OrderedWriter::head() const {
    std::lock_guard lock{mutex_};
    return head_;
}

std::size_t OrderedWriter::peak_buffered_bytes() const {
    std::lock_guard lock{mutex_};
    return peak_buffered_bytes_;
}

}  // namespace ptool
