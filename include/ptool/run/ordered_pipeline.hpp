// OrderedPipeline: the seam every command plugs into. A producer (the walker's callback, or a
// manifest reader) submits units of work; each is numbered, queued in the thread pool's bounded
// channel (submit blocks while it is full: backpressure), run by a worker, and its output bytes
// are printed by the ordered writer in submission order. A command is a Work function plus
// whatever it prints; the pipeline knows nothing of hashing or grep.
// Easy to get wrong: Work runs on a worker thread while the producer keeps submitting; anything
// it shares with other jobs must be per worker (index by worker_index()) or synchronised.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <vector>

#include "ptool/output/byte_sink.hpp"
#include "ptool/output/ordered_writer.hpp"
#include "ptool/output/output_stream.hpp"
#include "ptool/pool/thread_pool.hpp"

namespace ptool {

struct PipelineOptions {
    std::size_t workers = 1;
    std::size_t queue_capacity = 2;
    std::size_t slot_byte_limit = 256 * 1024;  // what one early result may buffer
    // Units of work in one pool job, at most. Each hand-off may wake a sleeping thread; at 32
    // those wake-ups cost ~8% of hashing small files, at 128 ~2%. Batches are made smaller when
    // the units print much (see OrderedPipeline::batch_limit).
    std::size_t batch_size = 128;
};

class OrderedPipeline {
  public:
    using Work = std::function<void(ByteSink& output)>;

    // A failed write to `output` requests a stop through `stop` and makes later jobs skip.
    OrderedPipeline(const PipelineOptions& options, OutputStream& output, std::stop_source stop);
    OrderedPipeline(const OrderedPipeline&) = delete;
    OrderedPipeline& operator=(const OrderedPipeline&) = delete;
    ~OrderedPipeline();

    // Producer side: adds the work to the current batch; queues the batch when it is full,
    // blocking while the queue is full.
    void submit(Work work);
    // Queues the current batch now, full or not; for a producer about to wait for input.
    void hand_over();
    // Runs every queued job, joins the workers and flushes the output. Idempotent.
    void finish();
    // Writes out buffered output now; safe from any thread (the progress tick uses it).
    void flush();

    [[nodiscard]] std::size_t worker_count() const { return pool_.worker_count(); }
    // How many units the current batch takes before it is queued: PipelineOptions::batch_size,
    // or fewer when the units run so far printed much, so that an average batch fills half a
    // slot (a worker ahead of the head then rarely waits for it). Producer side only.
    [[nodiscard]] std::size_t batch_limit() const { return batch_limit_; }
    // Units whose batch has finished running.
    [[nodiscard]] std::uint64_t units_run() const {
        return units_run_.load(std::memory_order_acquire);
    }
    // The calling worker's index in [0, worker_count()); for per-worker scratch.
    [[nodiscard]] static std::size_t worker_index();
    // Jobs that ended by throwing: their output is lost; the first exception's text.
    [[nodiscard]] std::size_t failed_jobs() const { return pool_.counters().failed; }
    [[nodiscard]] std::string first_failure() const;

  private:
    void run_batch(std::uint64_t sequence, const std::vector<Work>& batch);
    [[nodiscard]] std::size_t fitting_batch_size() const;

    OrderedWriter writer_;
    ThreadPool pool_;
    std::stop_source stop_;
    std::size_t batch_size_;
    std::size_t slot_byte_limit_;
    std::size_t batch_limit_;  // the current batch is handed over at this size
    std::vector<Work> batch_;
    // Output of the units run so far, written by workers, read by the producer.
    std::atomic<std::uint64_t> output_bytes_{0};
    std::atomic<std::uint64_t> units_run_{0};
    std::uint64_t next_sequence_ = 0;
    bool finished_ = false;
};

}  // namespace ptool
