// ThreadPool: ordering, exactly-once delivery, backpressure, shutdown versus cancel, failure
// accounting and caller-runs. Workers are held busy with latches so that every outcome is
// decided by program order, not by timing.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "ptool/pool/thread_pool.hpp"
#include "wait_until.hpp"

namespace ptool {
namespace {

using testing::wait_until;

// Occupies `count` workers until release(). Declare it before the pool: its latches must
// outlive the jobs that wait on them.
class BusyWorkers {
  public:
    explicit BusyWorkers(std::ptrdiff_t count) : count_(count), started_(count) {}
    // Returns once `count` workers are inside a held job, so the queue is empty again.
    void occupy(ThreadPool& pool) {
        for (std::ptrdiff_t index = 0; index < count_; ++index) {
            pool.execute([this] {
                started_.count_down();
                released_.wait();
            });
        }
        started_.wait();
    }
    void release() { released_.count_down(); }

  private:
    std::ptrdiff_t count_;
    std::latch started_;
    std::latch released_{1};
};

bool rejected_as_invalid(std::size_t workers, std::size_t capacity) {
    try {
        ThreadPool pool(workers, capacity);
    } catch (const std::invalid_argument&) {
        return true;
    }
    return false;
}

TEST(ThreadPool, RejectsZeroWorkersOrZeroCapacity) {
    EXPECT_TRUE(rejected_as_invalid(0, 4));
    EXPECT_TRUE(rejected_as_invalid(2, 0));
    EXPECT_THROW(ThreadPool{0}, std::invalid_argument);
}

TEST(ThreadPool, DefaultCapacityIsTwiceTheWorkers) {
    ThreadPool pool(3);
    EXPECT_EQ(pool.worker_count(), 3U);
    EXPECT_EQ(pool.queue_capacity(), 6U);
}

TEST(ThreadPool, OneWorkerRunsJobsInSubmissionOrder) {
    std::vector<int> order;  // touched only by the single worker until shutdown() joins it
    ThreadPool pool(1, 4);
    for (int index = 0; index < 200; ++index) {
        pool.execute([&order, index] { order.push_back(index); });
    }
    pool.shutdown();
    ASSERT_EQ(order.size(), 200U);
    for (int index = 0; index < 200; ++index) {
        EXPECT_EQ(order[index], index);
    }
}

TEST(ThreadPool, EveryJobRunsExactlyOnceWithManyProducersAndWorkers) {
    constexpr std::size_t producer_count = 4;
    constexpr std::size_t jobs_per_producer = 500;
    std::vector<std::atomic<int>> runs(producer_count * jobs_per_producer);
    ThreadPool pool(3, 8);
    std::vector<std::thread> producers;
    producers.reserve(producer_count);
    for (std::size_t producer = 0; producer < producer_count; ++producer) {
        producers.emplace_back([&, producer] {
            for (std::size_t index = 0; index < jobs_per_producer; ++index) {
                pool.execute([&runs, job = producer * jobs_per_producer + index] { ++runs[job]; });
            }
        });
    }
    for (std::thread& producer : producers) {
        producer.join();
    }
    pool.shutdown();
    for (std::size_t job = 0; job < runs.size(); ++job) {
        EXPECT_EQ(runs[job], 1) << "job " << job;
    }
    PoolCounters counters = pool.counters();
    EXPECT_EQ(counters.completed, runs.size());
    EXPECT_EQ(counters.queued, 0U);
    EXPECT_EQ(counters.running, 0U);
    EXPECT_EQ(counters.failed, 0U);
}

TEST(ThreadPool, FullQueueRefusesTryExecuteAndBlocksExecute) {
    constexpr std::size_t workers = 2;
    constexpr std::size_t capacity = 3;
    BusyWorkers busy(workers);
    ThreadPool pool(workers, capacity);
    busy.occupy(pool);  // jobs 1..W hold every worker, the queue is empty

    std::atomic<int> queued_jobs_run{0};
    for (std::size_t job = 1; job <= capacity; ++job) {
        ThreadPool::Job counted = [&] { ++queued_jobs_run; };
        EXPECT_TRUE(pool.try_execute(counted)) << "job W+" << job;
    }
    bool overflow_ran = false;
    ThreadPool::Job overflow = [&overflow_ran] { overflow_ran = true; };
    EXPECT_FALSE(pool.try_execute(overflow));
    EXPECT_TRUE(overflow) << "a refused job must be handed back intact";

    PoolCounters counters = pool.counters();
    EXPECT_EQ(counters.running, workers);
    EXPECT_EQ(counters.queued, capacity);

    std::atomic<bool> execute_returned{false};
    std::thread producer([&] {
        pool.execute(std::move(overflow));
        execute_returned = true;
    });
    wait_until([&] { return pool.blocked_producers() == 1; });
    EXPECT_FALSE(execute_returned);
    busy.release();
    producer.join();
    EXPECT_TRUE(execute_returned);
    pool.shutdown();
    EXPECT_EQ(queued_jobs_run, static_cast<int>(capacity));
    EXPECT_TRUE(overflow_ran);
}

TEST(ThreadPool, ShutdownRunsEveryQueuedJob) {
    BusyWorkers busy(1);
    ThreadPool pool(1, 10);
    busy.occupy(pool);
    std::atomic<int> ran{0};
    for (int job = 0; job < 10; ++job) {
        pool.execute([&ran] { ++ran; });
    }
    std::thread stopper([&] { pool.shutdown(); });
    // The queue is full and the worker busy, so try_execute refuses until shutdown() has
    // closed the pool, when it throws: only then let the worker go.
    ThreadPool::Job probe = [] {};
    wait_until([&] {
        try {
            return pool.try_execute(probe);
        } catch (const PoolStopped&) {
            return true;
        }
    });
    busy.release();
    stopper.join();
    EXPECT_EQ(ran, 10);
    PoolCounters counters = pool.counters();
    EXPECT_EQ(counters.completed, 11U);
    EXPECT_EQ(counters.queued, 0U);
    EXPECT_EQ(counters.running, 0U);
    pool.shutdown();  // idempotent
}

TEST(ThreadPool, CancelDropsJobsNotStartedAndLetsRunningOnesFinish) {
    BusyWorkers busy(1);
    ThreadPool pool(1, 10);
    busy.occupy(pool);
    std::atomic<int> ran{0};
    for (int job = 0; job < 4; ++job) {
        pool.execute([&ran] { ++ran; });
    }
    std::future<int> dropped_result = pool.submit([] { return 1; });
    EXPECT_EQ(pool.counters().queued, 5U);

    std::size_t dropped = 0;
    std::thread canceller([&] { dropped = pool.cancel(); });
    wait_until([&] { return pool.counters().queued == 0; });
    busy.release();
    canceller.join();

    EXPECT_EQ(dropped, 5U);
    EXPECT_EQ(ran, 0);
    EXPECT_EQ(pool.counters().completed, 1U) << "the running job finishes";
    try {
        dropped_result.get();
        FAIL() << "a dropped job produced a value";
    } catch (const std::future_error& error) {
        EXPECT_EQ(error.code(), std::future_errc::broken_promise);
    }
    EXPECT_EQ(pool.cancel(), 0U);
}

TEST(ThreadPool, JobCanCancelItsOwnPool) {
    ThreadPool pool(1, 8);
    std::latch go(1);
    std::size_t dropped_from_inside = 0;
    pool.execute([&] {
        go.wait();
        dropped_from_inside = pool.cancel();
    });
    std::atomic<int> ran{0};
    for (int job = 0; job < 3; ++job) {
        pool.execute([&ran] { ++ran; });
    }
    go.count_down();
    pool.shutdown();
    EXPECT_EQ(dropped_from_inside, 3U);
    EXPECT_EQ(ran, 0);
    EXPECT_THROW(pool.execute([] {}), PoolStopped);
}

TEST(ThreadPool, ThrowingJobsAreCountedFailedAndLaterJobsStillRun) {
    ThreadPool pool(1, 8);
    EXPECT_EQ(pool.first_exception(), nullptr);
    std::atomic<int> ran{0};
    pool.execute([] { throw std::runtime_error("first"); });
    pool.execute([&ran] { ++ran; });
    pool.execute([] { throw std::runtime_error("second"); });
    pool.execute([&ran] { ++ran; });
    pool.shutdown();
    EXPECT_EQ(ran, 2);
    PoolCounters counters = pool.counters();
    EXPECT_EQ(counters.failed, 2U);
    EXPECT_EQ(counters.completed, 2U);
    std::exception_ptr first = pool.first_exception();
    ASSERT_NE(first, nullptr);
    try {
        std::rethrow_exception(first);
    } catch (const std::runtime_error& error) {
        EXPECT_EQ(std::string(error.what()), "first");
    }
}

TEST(ThreadPool, SubmitCarriesValuesAndExceptionsThroughTheFuture) {
    ThreadPool pool(2);
    std::future<int> value = pool.submit([] { return 42; });
    std::future<void> failure = pool.submit([] { throw std::runtime_error("in the future"); });
    EXPECT_EQ(value.get(), 42);
    EXPECT_THROW(failure.get(), std::runtime_error);
    pool.shutdown();
    EXPECT_EQ(pool.counters().failed, 0U) << "submit() failures belong to the future";
    EXPECT_EQ(pool.counters().completed, 2U);
    EXPECT_EQ(pool.first_exception(), nullptr);
}

TEST(ThreadPool, RefusesJobsAfterShutdownOrCancel) {
    ThreadPool stopped(1);
    stopped.shutdown();
    EXPECT_THROW(stopped.execute([] {}), PoolStopped);
    ThreadPool::Job job = [] {};
    EXPECT_THROW(stopped.try_execute(job), PoolStopped);
    EXPECT_TRUE(job);
    EXPECT_THROW(stopped.submit([] { return 1; }), PoolStopped);

    ThreadPool cancelled(1);
    EXPECT_EQ(cancelled.cancel(), 0U);
    EXPECT_THROW(cancelled.execute([] {}), PoolStopped);
}

TEST(ThreadPool, RejectsEmptyJob) {
    ThreadPool pool(1);
    EXPECT_THROW(pool.execute(ThreadPool::Job{}), std::invalid_argument);
}

TEST(ThreadPool, WorkerExecutingOnItsOwnFullPoolRunsTheJobInline) {
    ThreadPool pool(1, 1);
    std::atomic<bool> queued_child_ran{false};
    bool inline_child_ran = false;
    std::optional<std::size_t> inline_child_worker;
    std::thread::id parent_thread;
    std::thread::id inline_child_thread;
    std::latch parent_done(1);
    pool.execute([&] {
        parent_thread = std::this_thread::get_id();
        pool.execute([&] { queued_child_ran = true; });  // fills the queue: the worker is busy
        pool.execute([&] {                               // full: must run here, now
            inline_child_ran = true;
            inline_child_thread = std::this_thread::get_id();
            inline_child_worker = ThreadPool::current_worker_index();
        });
        EXPECT_TRUE(inline_child_ran);
        parent_done.count_down();
    });
    parent_done.wait();  // shutting down earlier would make the children run inline for that
    pool.shutdown();
    EXPECT_TRUE(inline_child_ran);
    EXPECT_TRUE(queued_child_ran);
    EXPECT_EQ(inline_child_thread, parent_thread);
    EXPECT_EQ(inline_child_worker, std::optional<std::size_t>{0});
    EXPECT_EQ(pool.counters().completed, 3U);
}

TEST(ThreadPool, WorkersFanningOutIntoTheirOwnPoolNeverDeadlock) {
    constexpr int parents = 8;
    constexpr int children_per_parent = 50;
    std::atomic<int> children_run{0};
    ThreadPool pool(2, 1);
    for (int parent = 0; parent < parents; ++parent) {
        pool.execute([&] {
            for (int child = 0; child < children_per_parent; ++child) {
                pool.execute([&children_run] { ++children_run; });
            }
        });
    }
    pool.shutdown();
    EXPECT_EQ(children_run, parents * children_per_parent);
}

TEST(ThreadPool, ShutdownAlsoRunsJobsThatQueuedJobsSpawn) {
    std::atomic<int> children_run{0};
    BusyWorkers busy(1);
    ThreadPool pool(1, 4);
    busy.occupy(pool);
    pool.execute([&] {
        for (int child = 0; child < 10; ++child) {
            pool.execute([&children_run] { ++children_run; });
        }
    });
    std::thread stopper([&] { pool.shutdown(); });
    ThreadPool::Job probe = [] {};
    wait_until([&] {  // wait until shutdown() has closed the pool, then let the worker go
        try {
            return pool.try_execute(probe);
        } catch (const PoolStopped&) {
            return true;
        }
    });
    busy.release();
    stopper.join();
    EXPECT_EQ(children_run, 10);
    EXPECT_EQ(pool.counters().failed, 0U);
}

TEST(ThreadPool, CurrentWorkerIndexNamesEachWorkerOnce) {
    EXPECT_EQ(ThreadPool::current_worker_index(), std::nullopt);
    constexpr std::size_t workers = 3;
    ThreadPool pool(workers);
    std::latch all_workers_in(workers);
    std::vector<std::optional<std::size_t>> seen(workers);
    for (std::size_t job = 0; job < workers; ++job) {
        pool.execute([&, job] {
            seen[job] = ThreadPool::current_worker_index();
            all_workers_in.arrive_and_wait();  // each job holds its worker: three distinct ones
        });
    }
    pool.shutdown();
    std::set<std::size_t> indexes;
    for (const std::optional<std::size_t>& index : seen) {
        ASSERT_TRUE(index.has_value());
        indexes.insert(*index);
    }
    EXPECT_EQ(indexes, (std::set<std::size_t>{0, 1, 2}));
}

TEST(ThreadPool, CreatingAndDestroyingABusyPoolRepeatedlyNeverDeadlocks) {
    std::atomic<int> ran{0};
    for (int round = 0; round < 1000; ++round) {
        // Mostly one worker: thread creation dominates (about 1 ms a thread under tsan on a busy
        // 2-core machine), and two workers in every round would blow the test's 2 s budget.
        ThreadPool pool(round % 8 == 0 ? 2 : 1, 2);
        for (int job = 0; job < 4; ++job) {
            pool.execute([&ran] { ++ran; });
        }
    }  // each destructor runs the queued jobs and joins
    EXPECT_EQ(ran, 4000);
}

}  // namespace
}  // namespace ptool
