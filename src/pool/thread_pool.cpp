// ThreadPool: workers loop on the channel's recv() until it is closed and empty.
#include "ptool/pool/thread_pool.hpp"

#include <algorithm>

namespace ptool {
namespace {

// Which pool, and which of its workers, the current thread is. Thread-local, not global: each
// worker writes its own once, before taking any job, and nobody else ever writes it.
thread_local const ThreadPool* current_pool = nullptr;
thread_local std::size_t current_index = 0;

std::size_t validated_capacity(std::size_t workers, std::size_t queue_capacity) {
    if (workers == 0) {
        throw std::invalid_argument("ThreadPool needs at least 1 worker, got 0");
    }
    if (queue_capacity == 0) {
        throw std::invalid_argument("ThreadPool queue capacity must be at least 1, got 0");
    }
    return queue_capacity;
}

void reject_empty(const ThreadPool::Job& job) {
    if (!job) {
        throw std::invalid_argument("ThreadPool was given an empty job");
    }
}

}  // namespace

ThreadPool::ThreadPool(std::size_t workers, std::size_t queue_capacity)
    : queue_(validated_capacity(workers, queue_capacity)) {
    workers_.reserve(workers);
    try {
        for (std::size_t index = 0; index < workers; ++index) {
            workers_.emplace_back([this, index] { work(index); });
        }
    } catch (...) {
        // The destructor will not run: stop and join the workers already started, or their
        // std::thread destructors terminate the program.
        shutdown();
        throw;
    }
}

ThreadPool::ThreadPool(std::size_t workers) : ThreadPool(workers, 2 * workers) {}

ThreadPool::~ThreadPool() { shutdown(); }

void ThreadPool::execute(Job job) {
    reject_empty(job);
    if (is_own_worker()) {
        if (queue_.try_send(job)) {
            accepted_.fetch_add(1);
            return;
        }
        if (queue_.closed() && cancelled_.load()) {
            throw PoolStopped();
        }
        // Caller-runs. Full: blocking could leave every worker waiting for room that only
        // workers make. Closed by shutdown(): the job that spawns this one was accepted, and
        // shutdown() promises to finish what accepted jobs started.
        accepted_.fetch_add(1);
        started_.fetch_add(1);
        run(job);
        return;
    }
    try {
        queue_.send(std::move(job));
    } catch (const ChannelClosed&) {
        throw PoolStopped();
    }
    accepted_.fetch_add(1);
}

bool ThreadPool::try_execute(Job& job) {
    reject_empty(job);
    if (queue_.try_send(job)) {
        accepted_.fetch_add(1);
        return true;
    }
    if (queue_.closed()) {
        throw PoolStopped();
    }
    return false;
}

void ThreadPool::shutdown() {
    stop_accepting();
    join_workers();
}

std::size_t ThreadPool::cancel() {
    cancelled_.store(true);  // before closing: a worker that sees the queue closed sees this too
    stop_accepting();
    std::size_t dropped_count = 0;
    {
        // Destroyed here, outside the channel's lock and before joining: a dropped submit()
        // job breaks its promise now, waking whoever waits on its future.
        std::vector<Job> dropped = queue_.drain();
        dropped_count = dropped.size();
    }
    dropped_.fetch_add(dropped_count);
    join_workers();
    return dropped_count;
}

PoolCounters ThreadPool::counters() const {
    // Read the later stages first: each count only grows and a job reaches a later stage only
    // after the earlier ones, so the differences below cannot go negative, except accepted_,
    // which a producer increments just after its job may already have started.
    std::size_t completed = completed_.load();
    std::size_t failed = failed_.load();
    std::size_t started = started_.load();
    std::size_t dropped = dropped_.load();
    std::size_t accepted = accepted_.load();
    std::size_t left_queue = started + dropped;
    return PoolCounters{
        .queued = accepted > left_queue ? accepted - left_queue : 0,
        .running = started - completed - failed,
        .completed = completed,
        .failed = failed,
    };
}

std::exception_ptr ThreadPool::first_exception() const {
    std::lock_guard lock(first_exception_mutex_);
    return first_exception_;
}

std::optional<std::size_t> ThreadPool::current_worker_index() {
    if (current_pool == nullptr) {
        return std::nullopt;
    }
    return current_index;
}

bool ThreadPool::is_own_worker() const { return current_pool == this; }

void ThreadPool::work(std::size_t index) {
    current_pool = this;
    current_index = index;
    while (std::optional<Job> job = queue_.recv()) {
        started_.fetch_add(1);
        run(*job);
    }
}

void ThreadPool::run(Job& job) {
    bool succeeded = true;
    try {
        job();
    } catch (...) {
        record_failure(std::current_exception());
        succeeded = false;
    }
    // Release what the job captured before it counts as finished, so whoever sees the count
    // (or joins the pool) also sees those resources gone.
    job = nullptr;
    (succeeded ? completed_ : failed_).fetch_add(1);
}

void ThreadPool::record_failure(std::exception_ptr failure) {
    std::lock_guard lock(first_exception_mutex_);
    if (!first_exception_) {
        first_exception_ = std::move(failure);
    }
}

void ThreadPool::join_workers() {
    if (is_own_worker()) {
        return;  // a thread cannot join itself; the owner's shutdown() or destructor will
    }
    std::lock_guard lock(joining_);
    for (std::thread& worker : workers_) {
        if (worker.joinable()) {
            worker.join();
        }
    }
}

}  // namespace ptool
