// Pool throughput: how many empty jobs per second one producer pushes through a ThreadPool, for
// 1, 2 and 4 workers and queue capacities 1, 2 * workers and 1024, beside the naive alternative
// of one std::thread per job. Empty jobs measure the pool's own cost per job: the channel's lock
// and wake-ups, std::function, the counters.
// Each iteration builds a pool, feeds it, and shuts it down (joining), so the time covers every
// job being run, not just queued. Wall-clock time: the work happens on other threads.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <thread>
#include <vector>

#include "ptool/pool/thread_pool.hpp"

namespace {

constexpr std::int64_t pool_jobs_per_iteration = 10'000;
// Far fewer for the baseline: each job costs a thread creation and a join.
constexpr std::int64_t thread_jobs_per_iteration = 1'000;

void empty_jobs_through_pool(benchmark::State& state) {
    auto workers = static_cast<std::size_t>(state.range(0));
    auto capacity = static_cast<std::size_t>(state.range(1));
    for (auto _ : state) {
        ptool::ThreadPool pool(workers, capacity);
        for (std::int64_t job = 0; job < pool_jobs_per_iteration; ++job) {
            pool.execute([] {});
        }
        pool.shutdown();
    }
    state.SetItemsProcessed(state.iterations() * pool_jobs_per_iteration);
}

void empty_jobs_one_thread_each(benchmark::State& state) {
    std::vector<std::thread> threads;
    threads.reserve(thread_jobs_per_iteration);
    for (auto _ : state) {
        for (std::int64_t job = 0; job < thread_jobs_per_iteration; ++job) {
            threads.emplace_back([] {});
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        threads.clear();
    }
    state.SetItemsProcessed(state.iterations() * thread_jobs_per_iteration);
}

void worker_and_capacity_grid(benchmark::internal::Benchmark* benchmark) {
    for (std::int64_t workers : {1, 2, 4}) {
        for (std::int64_t capacity : {std::int64_t{1}, 2 * workers, std::int64_t{1024}}) {
            benchmark->Args({workers, capacity});
        }
    }
}

BENCHMARK(empty_jobs_through_pool)
    ->ArgNames({"workers", "capacity"})
    ->Apply(worker_and_capacity_grid)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(empty_jobs_one_thread_each)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
