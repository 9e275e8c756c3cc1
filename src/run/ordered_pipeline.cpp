// OrderedPipeline: wires the thread pool to the ordered writer.
#include "ptool/run/ordered_pipeline.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

namespace ptool {

// The writer's window: every job the pool holds (running or queued) may own a slot, plus one
// being opened.
OrderedPipeline::OrderedPipeline(const PipelineOptions& options, OutputStream& output,
                                 std::stop_source stop)
    : writer_(output, options.workers + options.queue_capacity + 1, options.slot_byte_limit),
      pool_(options.workers, options.queue_capacity),
      stop_(std::move(stop)),
      batch_size_(std::max<std::size_t>(1, options.batch_size)),
      slot_byte_limit_(options.slot_byte_limit),
      batch_limit_(batch_size_) {
    batch_.reserve(batch_size_);
}

OrderedPipeline::~OrderedPipeline() { finish(); }

void OrderedPipeline::submit(Work work) {
    batch_.push_back(std::move(work));
    if (batch_.size() >= batch_limit_) {
        hand_over();
    }
}

void OrderedPipeline::hand_over() {
    if (batch_.empty()) {
        return;
    }
    const std::uint64_t sequence = next_sequence_++;
    pool_.execute(
        [this, sequence, batch = std::exchange(batch_, {})] { run_batch(sequence, batch); });
    batch_limit_ = fitting_batch_size();
    batch_.reserve(batch_limit_);
}

// A batch whose output outgrows its slot's limit makes its worker wait for the head, if it is
// ahead of it: with output-heavy units (grep printing most lines) the batches are made small
// enough that an average one fills half a slot.
std::size_t OrderedPipeline::fitting_batch_size() const {
    const std::uint64_t units = units_run_.load(std::memory_order_acquire);
    if (units == 0) {
        return batch_size_;
    }
    const std::uint64_t bytes_per_unit =
        std::max<std::uint64_t>(1, output_bytes_.load(std::memory_order_relaxed) / units);
    const std::uint64_t fitting = slot_byte_limit_ / 2 / bytes_per_unit;
    return static_cast<std::size_t>(std::clamp<std::uint64_t>(fitting, 1, batch_size_));
}

void OrderedPipeline::run_batch(std::uint64_t sequence, const std::vector<Work>& batch) {
    if (writer_.output_failed()) {
        writer_.skip(sequence);  // nobody will read it: finish quickly
        return;
    }
    auto slot = writer_.open_slot(sequence);  // opened first: unwinding still completes it
    std::exception_ptr first_failure;
    for (const auto& work : batch) {
        try {
            work(slot);
        } catch (...) {  // one unit's failure must not lose the rest of the batch
            if (!first_failure) {
                first_failure = std::current_exception();
            }
        }
        if (writer_.output_failed()) {
            stop_.request_stop();
            break;
        }
    }
    output_bytes_.fetch_add(slot.bytes_written(), std::memory_order_relaxed);
    // Release: whoever sees these units counted sees their bytes counted too.
    units_run_.fetch_add(batch.size(), std::memory_order_release);
    if (first_failure) {
        std::rethrow_exception(first_failure);  // counted by the pool
    }
}

void OrderedPipeline::finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
    hand_over();
    pool_.shutdown();
    writer_.flush();
}

void OrderedPipeline::flush() { writer_.flush(); }

std::size_t OrderedPipeline::worker_index() {
    auto index = ThreadPool::current_worker_index();
    if (!index) {
        throw std::logic_error("OrderedPipeline::worker_index called outside a worker");
    }
    return *index;
}

std::string OrderedPipeline::first_failure() const {
    auto failure = pool_.first_exception();
    if (!failure) {
        return {};
    }
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& error) {
        return error.what();
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace ptool
