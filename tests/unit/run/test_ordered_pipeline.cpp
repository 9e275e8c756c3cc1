// OrderedPipeline: output in submission order across batches and workers, and batches that
// shrink when the units print much.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <string>
#include <thread>

#include "ptool/run/ordered_pipeline.hpp"
#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

std::string contents_of(int fd) {
    std::string contents;
    char buffer[4096];
    for (off_t offset = 0;;) {
        ssize_t got = ::pread(fd, buffer, sizeof buffer, offset);
        if (got <= 0) {
            return contents;
        }
        contents.append(buffer, static_cast<std::size_t>(got));
        offset += got;
    }
}

TEST(OrderedPipeline, PrintsUnitsInSubmissionOrder) {
    FileDescriptor file{::memfd_create("pipeline-test", MFD_CLOEXEC)};
    ASSERT_TRUE(file.valid());
    OutputStream output{file.get()};
    std::string expected;
    {
        OrderedPipeline pipeline{{.workers = 4, .queue_capacity = 2, .batch_size = 3}, output, {}};
        for (int unit = 0; unit < 1000; ++unit) {
            std::string line = std::to_string(unit) + "\n";
            expected += line;
            // Perturb the order the workers finish in: odd units give up their CPU first.
            pipeline.submit([line, unit](ByteSink& sink) {
                if (unit % 2 == 1) {
                    std::this_thread::yield();
                }
                sink.write(line);
            });
        }
        pipeline.finish();
    }
    EXPECT_EQ(contents_of(file.get()), expected);
}

TEST(OrderedPipeline, BatchesShrinkWhenUnitsPrintMuch) {
    FileDescriptor file{::memfd_create("pipeline-test", MFD_CLOEXEC)};
    ASSERT_TRUE(file.valid());
    OutputStream output{file.get()};
    OrderedPipeline pipeline{
        {.workers = 1, .queue_capacity = 2, .slot_byte_limit = 1000, .batch_size = 8}, output, {}};
    EXPECT_EQ(pipeline.batch_limit(), 8U);
    for (int unit = 0; unit < 8; ++unit) {  // one full batch of units printing 100 bytes each
        pipeline.submit([](ByteSink& sink) { sink.write(std::string(99, 'x') + "\n"); });
    }
    while (pipeline.units_run() < 8) {  // the batch's output is counted once it has run
        std::this_thread::yield();
    }
    // The limit is worked out when a batch is handed over; this one is after the first batch
    // has run (the first hand-over may or may not have seen it, depending on the worker).
    pipeline.submit([](ByteSink& sink) { sink.write(std::string(99, 'y') + "\n"); });
    pipeline.hand_over();
    // Half a slot of 1000 bytes holds five units of 100.
    EXPECT_EQ(pipeline.batch_limit(), 5U);
    pipeline.finish();
    EXPECT_EQ(contents_of(file.get()).size(), 900U);
}

}  // namespace
}  // namespace ptool
