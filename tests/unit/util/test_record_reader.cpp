// RecordReader: records split across chunks, the last record without a separator, the length
// cap, and a stop request ending a wait on a silent pipe.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "ptool/util/file_descriptor.hpp"
#include "ptool/util/record_reader.hpp"

namespace ptool {
namespace {

struct Collected {
    std::vector<std::string> records;
    std::vector<bool> too_long;
};

// Feeds `input` through a temporary file and collects what the reader delivers.
Collected read_all(const std::string& input, RecordReaderOptions options) {
    std::FILE* file = std::tmpfile();
    EXPECT_NE(file, nullptr);
    std::fwrite(input.data(), 1, input.size(), file);
    std::fflush(file);
    std::rewind(file);
    Collected collected;
    RecordReaderCallbacks callbacks{.on_record =
                                        [&](const Record& record) {
                                            collected.records.emplace_back(record.bytes);
                                            collected.too_long.push_back(record.too_long);
                                        },
                                    .on_idle = {}};
    std::stop_source stop;
    EXPECT_EQ(read_records(::fileno(file), options, callbacks, stop.get_token()), 0);
    std::fclose(file);
    return collected;
}

TEST(RecordReader, SplitsOnTheSeparatorAndKeepsAnUnterminatedLastRecord) {
    auto collected = read_all("one\n\ntwo\nthree", {});
    EXPECT_EQ(collected.records, (std::vector<std::string>{"one", "", "two", "three"}));
}

TEST(RecordReader, NulSeparatedRecordsMayHoldNewlines) {
    auto collected = read_all(std::string("a\nb\0c\0", 6), {.separator = '\0'});
    EXPECT_EQ(collected.records, (std::vector<std::string>{"a\nb", "c"}));
}

TEST(RecordReader, RecordsLongerThanAChunkArriveWhole) {
    const std::string long_record(200 * 1024, 'x');
    auto collected = read_all(long_record + "\nend\n", {});
    ASSERT_EQ(collected.records.size(), 2U);
    EXPECT_EQ(collected.records[0], long_record);
    EXPECT_EQ(collected.records[1], "end");
}

TEST(RecordReader, ARecordOverTheCapIsFlaggedCutAndSkippedToItsEnd) {
    const std::string input = std::string(100 * 1024, 'y') + "\nshort\n" + "12345";
    auto collected = read_all(input, {.max_record_length = 4});
    EXPECT_EQ(collected.records, (std::vector<std::string>{"yyyy", "shor", "1234"}));
    EXPECT_EQ(collected.too_long, (std::vector<bool>{true, true, true}));
    auto exact = read_all("abcd\n", {.max_record_length = 4});
    EXPECT_EQ(exact.too_long, (std::vector<bool>{false}));
}

TEST(RecordReader, AStopRequestEndsAWaitOnASilentPipe) {
    std::array<int, 2> ends{};
    ASSERT_EQ(::pipe(ends.data()), 0);
    FileDescriptor read_end{ends[0]};
    FileDescriptor write_end{ends[1]};
    ASSERT_EQ(::write(write_end.get(), "first\n", 6), 6);
    std::stop_source stop;
    std::vector<std::string> records;
    int idle_calls = 0;
    RecordReaderCallbacks callbacks{
        .on_record = [&](const Record& record) { records.emplace_back(record.bytes); },
        .on_idle =
            [&] {
                ++idle_calls;
                stop.request_stop();  // as the signal thread would, while the writer is silent
            },
    };
    EXPECT_EQ(read_records(read_end.get(), {}, callbacks, stop.get_token()), 0);
    EXPECT_EQ(records, (std::vector<std::string>{"first"}));
    EXPECT_EQ(idle_calls, 1);
}

}  // namespace
}  // namespace ptool
