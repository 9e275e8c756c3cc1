// OrderedPipeline: wires the thread pool to the ordered writer.
#include "ptool/run/ordered_pipeline.hpp"

#include <exception>
#include <stdexcept>

namespace ptool {

OrderedPipeline::OrderedPipeline(const PipelineOptions& options, OutputStream& output,
                                 std::stop_source stop)
    : output_(output),
      // Every job the pool holds (running or queued) may own a slot, plus one being opened.
      writer_(output, options.workers + options.queue_capacity + 1, options.slot_byte_limit),
      pool_(options.workers, options.queue_capacity),
      stop_(std::move(stop)) {}

OrderedPipeline::~OrderedPipeline() { finish(); }

void OrderedPipeline::submit(Work work) {
    const std::uint64_t sequence = next_sequence_++;
    pool_.execute([this, sequence, work = std::move(work)] { run_job(sequence, work); });
}

void OrderedPipeline::run_job(std::uint64_t sequence, const Work& work) {
    if (writer_.output_failed()) {
        writer_.skip(sequence);  // nobody will read it: finish quickly
        return;
    }
    auto slot = writer_.open_slot(sequence);  // opened first: unwinding still completes it
    work(slot);
    if (writer_.output_failed()) {
        stop_.request_stop();
    }
}

void OrderedPipeline::finish() {
    if (finished_) {
        return;
    }
    finished_ = true;
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
