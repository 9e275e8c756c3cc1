// OrderedWriter prints in job order, streams the head, and bounds what it buffers.
#include "ptool/output/ordered_writer.hpp"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <latch>
#include <string>
#include <thread>

#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

// An OutputStream over an in-memory file whose contents the test reads back.
class CapturedOutput {
public:
    OutputStream& stream() { return stream_; }
    std::string contents() {
        std::string text(static_cast<std::size_t>(::lseek(file_.get(), 0, SEEK_END)), '\0');
        EXPECT_EQ(::pread(file_.get(), text.data(), text.size(), 0),
                  static_cast<ssize_t>(text.size()));
        return text;
    }

private:
    FileDescriptor file_{::memfd_create("ordered-writer-test", 0)};
    OutputStream stream_{file_.get(), 4};  // tiny buffer: writes reach the file at once
};

TEST(OrderedWriter, PrintsInJobOrderWhateverTheCompletionOrder) {
    CapturedOutput output;
    OrderedWriter writer{output.stream(), 8, 1024};
    {
        auto first = writer.open_slot(0);
        {
            auto third = writer.open_slot(2);
            third.write("three\n");
        }
        {
            auto second = writer.open_slot(1);
            second.write("two\n");
        }
        EXPECT_EQ(output.contents(), "");
        first.write("one\n");
    }
    writer.flush();
    EXPECT_EQ(output.contents(), "one\ntwo\nthree\n");
    EXPECT_EQ(writer.head(), 3U);
}

TEST(OrderedWriter, HeadSlotStreamsBeforeItCompletes) {
    CapturedOutput output;
    OrderedWriter writer{output.stream(), 4, 16};
    auto head = writer.open_slot(0);
    head.write("streamed straight out\n");
    EXPECT_EQ(output.contents(), "streamed straight out\n");
    EXPECT_EQ(writer.peak_buffered_bytes(), 0U);
}

TEST(OrderedWriter, SkippedJobsLetLaterOutputThrough) {
    CapturedOutput output;
    OrderedWriter writer{output.stream(), 4, 1024};
    {
        auto later = writer.open_slot(1);
        later.write("later\n");
    }
    writer.skip(0);
    writer.flush();
    EXPECT_EQ(output.contents(), "later\n");
}

TEST(OrderedWriter, OpeningBeyondTheWindowWaitsForTheHead) {
    CapturedOutput output;
    OrderedWriter writer{output.stream(), 2, 1024};
    std::uint64_t head_seen_by_late_slot = 0;
    std::latch about_to_open{1};
    auto first = std::make_unique<OrderedWriter::Slot>(writer.open_slot(0));
    {
        auto second = writer.open_slot(1);
        second.write("b");
    }
    std::thread late{[&] {
        about_to_open.count_down();
        auto third = writer.open_slot(2);  // two ahead of head 0: must wait
        head_seen_by_late_slot = writer.head();
        third.write("c");
    }};
    about_to_open.wait();
    first->write("a");
    first.reset();
    late.join();
    writer.flush();
    EXPECT_GE(head_seen_by_late_slot, 1U);
    EXPECT_EQ(output.contents(), "abc");
}

TEST(OrderedWriter, LargeEarlyResultWaitsInsteadOfGrowingMemory) {
    CapturedOutput output;
    constexpr std::size_t limit = 64;
    OrderedWriter writer{output.stream(), 4, limit};
    const std::string big(10 * limit, 'x');
    auto first = std::make_unique<OrderedWriter::Slot>(writer.open_slot(0));
    std::latch writing{1};
    std::thread second_worker{[&] {
        auto second = writer.open_slot(1);
        writing.count_down();
        for (int chunk = 0; chunk < 10; ++chunk) {
            second.write(std::string_view{big}.substr(0, limit));
        }
    }};
    writing.wait();
    first->write("head\n");
    first.reset();
    second_worker.join();
    writer.flush();
    EXPECT_LE(writer.peak_buffered_bytes(), limit);
    EXPECT_EQ(output.contents(), "head\n" + big);
}

TEST(OrderedWriter, SeparatorsAppearOnlyAfterEarlierOutput) {
    CapturedOutput output;
    OrderedWriter writer{output.stream(), 8, 1024};
    {
        auto first = writer.open_slot(0);
        {
            auto third = writer.open_slot(2);  // buffered: decided when it reaches the output
            third.write_separator("--\n");
            third.write("c\n");
        }
        {
            auto second = writer.open_slot(1);
            second.write_separator("--\n");  // nothing printed yet by slot 0: no separator
            second.write("b\n");
        }
        first.write_separator("--\n");  // head, nothing before it
    }
    {
        auto fourth = writer.open_slot(3);
        fourth.write_separator("--\n");
        fourth.write("d\n");
    }
    writer.flush();
    EXPECT_EQ(output.contents(), "b\n--\nc\n--\nd\n");
}

TEST(OrderedWriter, ManyWorkersKeepJobOrder) {
    CapturedOutput output;
    constexpr std::uint64_t jobs = 2000;
    constexpr unsigned workers = 4;
    OrderedWriter writer{output.stream(), workers + 2, 1 << 20};
    std::atomic<std::uint64_t> next{0};
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            // Taking numbers from one counter in order is what the FIFO channel guarantees.
            for (std::uint64_t job; (job = next.fetch_add(1)) < jobs;) {
                auto slot = writer.open_slot(job);
                slot.write(std::to_string(job) + "\n");
            }
        });
    }
    for (auto& thread : threads) thread.join();
    writer.flush();
    std::string expected;
    for (std::uint64_t job = 0; job < jobs; ++job) expected += std::to_string(job) + "\n";
    EXPECT_EQ(output.contents(), expected);
}

}  // namespace
}  // namespace ptool
