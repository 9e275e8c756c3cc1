// ThreadPool: a fixed number of worker threads that take jobs from one BoundedChannel, so the
// producer feels backpressure (execute() blocks while capacity jobs are waiting). It knows
// nothing of what the jobs do; one pool carries one job per file of a whole tree.
// Easy to get wrong: shutdown() runs every job already queued, cancel() drops them; both stop
// the pool for good (a later execute() throws PoolStopped), and jobs that are running always
// finish, whichever you call. There is no way to "pause and resume".
//
// Rules worth knowing before use:
// - Caller-runs: a worker that calls execute()/submit() on its own pool while the queue is full
//   runs the job inline, on itself, instead of blocking. Otherwise every worker could block on
//   a full queue that only workers empty: a deadlock. Likewise after shutdown(), so that jobs
//   which spawn jobs (a directory job queueing its files) still finish their work: shutdown()
//   waits for every accepted job and everything those spawn. After cancel() a worker's
//   execute() throws PoolStopped like anyone's. try_execute() never runs inline.
// - Failures: a job run by execute()/try_execute() that throws is counted failed, the first
//   such exception is kept for first_exception(), and the worker goes on with the next job.
//   submit() is different: its exception travels through the future, and the job counts as
//   completed (the pool did run it; what it returned, value or exception, is the caller's).
// - shutdown() and cancel() may be called from a job running on this pool (say, on a fatal
//   error): they then stop the pool without waiting, as a thread cannot join itself; the
//   owner's shutdown() or the destructor does the joining.
// - The destructor calls shutdown(): it blocks until queued jobs have run. A job must not
//   destroy its own pool (a thread cannot join itself).
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "ptool/pool/bounded_channel.hpp"

namespace ptool {

// Read with counters() at any time from any thread. Not one atomic snapshot: a job moving on
// while counters() runs may show in the stage it just left, or, for the instant between a
// producer's send and its count (or a worker's receive and its count), in none; it is never
// counted in two. No value ever wraps below zero, so running > 0 or queued > 0 always means
// real work. Once shutdown() or cancel() has returned (and every execute() with it), queued
// and running are 0 and completed + failed is the number of jobs that ran.
struct PoolCounters {
    std::size_t queued;     // accepted, waiting in the queue, not yet picked up by a worker
    std::size_t running;    // picked up, not yet finished
    std::size_t completed;  // finished normally (and every submit() job, whatever it returned)
    std::size_t failed;     // threw an exception (execute()/try_execute() jobs only)
};

class PoolStopped : public std::logic_error {
  public:
    PoolStopped()
        : std::logic_error("job given to a thread pool that was shut down or cancelled") {}
};

class ThreadPool {
  public:
    using Job = std::function<void()>;

    // Throws std::invalid_argument for 0 workers or 0 capacity.
    explicit ThreadPool(std::size_t workers, std::size_t queue_capacity);
    // Queue capacity 2 * workers: enough for each worker to find its next job waiting.
    explicit ThreadPool(std::size_t workers);
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;
    ~ThreadPool();

    // Blocks while the queue is full (except on this pool's own workers: caller-runs, see
    // above). Throws PoolStopped after shutdown() or cancel(), std::invalid_argument for an
    // empty job.
    void execute(Job job);
    // Never blocks, never runs inline. On success moves from job and returns true; when the
    // queue is full returns false and leaves job untouched. Throws PoolStopped after shutdown().
    bool try_execute(Job& job);
    // Like execute(), returning the job's result or exception through a future. A job dropped
    // by cancel() leaves its future with std::future_errc::broken_promise.
    template <typename F>
    auto submit(F&& function) -> std::future<std::invoke_result_t<std::decay_t<F>>>;

    // Stops accepting jobs, runs every job already queued, joins the workers. Idempotent.
    void shutdown();
    // Stops accepting jobs, drops those not yet started, lets running ones finish, joins the
    // workers. Returns how many jobs were dropped (0 when called again).
    std::size_t cancel();

    [[nodiscard]] PoolCounters counters() const;
    // The first exception an execute()/try_execute() job threw, or null.
    [[nodiscard]] std::exception_ptr first_exception() const;
    [[nodiscard]] std::size_t worker_count() const { return workers_.size(); }
    [[nodiscard]] std::size_t queue_capacity() const { return queue_.capacity(); }
    // Threads blocked in execute() waiting for room right now (tests, progress displays).
    [[nodiscard]] std::size_t blocked_producers() const { return queue_.waiting_senders(); }

    // 0..worker_count()-1 when the calling thread is a worker of some ThreadPool (of the pool
    // running the current job), std::nullopt on any other thread. Lets jobs index per-worker
    // scratch (buffers, hash states) without locking.
    static std::optional<std::size_t> current_worker_index();

  private:
    bool is_own_worker() const;
    void work(std::size_t index);
    void run(Job& job);
    void record_failure(std::exception_ptr failure);
    void stop_accepting() { queue_.close(); }
    void join_workers();

    BoundedChannel<Job> queue_;
    std::vector<std::thread> workers_;
    std::mutex joining_;  // serialises join_workers() between threads that call shutdown()

    // Monotonic event counts, cheaper than keeping queued/running up to date (three atomic
    // increments per job) and impossible to drive below zero; counters() derives the rest.
    std::atomic<std::size_t> accepted_{0};
    std::atomic<std::size_t> started_{0};
    std::atomic<std::size_t> completed_{0};
    std::atomic<std::size_t> failed_{0};
    std::atomic<std::size_t> dropped_{0};
    std::atomic<bool> cancelled_{false};

    mutable std::mutex first_exception_mutex_;
    std::exception_ptr first_exception_;
};

template <typename F>
auto ThreadPool::submit(F&& function) -> std::future<std::invoke_result_t<std::decay_t<F>>> {
    using Result = std::invoke_result_t<std::decay_t<F>>;
    // std::function must be copyable and a packaged_task is not: share it.
    auto task = std::make_shared<std::packaged_task<Result()>>(std::forward<F>(function));
    std::future<Result> result = task->get_future();
    execute([task = std::move(task)] { (*task)(); });
    return result;
}

}  // namespace ptool
