// OutputStream buffers writes, keeps the first write error, and enlarges a pipe it writes to.
#include "ptool/output/output_stream.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <string>

#include "ptool/util/file_descriptor.hpp"

namespace ptool {
namespace {

struct Pipe {
    Pipe() {
        int ends[2];
        EXPECT_EQ(::pipe(ends), 0);
        read_end.reset(ends[0]);
        write_end.reset(ends[1]);
    }
    FileDescriptor read_end;
    FileDescriptor write_end;
};

TEST(OutputStream, EnlargesAPipeToOneMebibyte) {
    Pipe pipe;
    ASSERT_LT(::fcntl(pipe.write_end.get(), F_GETPIPE_SZ), 1 << 20);
    OutputStream stream{pipe.write_end.get()};
    EXPECT_EQ(::fcntl(pipe.write_end.get(), F_GETPIPE_SZ), 1 << 20);
}

TEST(OutputStream, HoldsBytesUntilFlushedOrFull) {
    Pipe pipe;
    ASSERT_EQ(::fcntl(pipe.read_end.get(), F_SETFL, O_NONBLOCK), 0);
    OutputStream stream{pipe.write_end.get(), 8};
    char bytes[16];
    stream.write("abc");
    EXPECT_EQ(::read(pipe.read_end.get(), bytes, sizeof bytes), -1);  // still buffered
    stream.write("defghij");  // no room for it: "abc" goes out, then the rest is held
    EXPECT_EQ(::read(pipe.read_end.get(), bytes, sizeof bytes), 3);
    stream.flush();
    ASSERT_EQ(::read(pipe.read_end.get(), bytes, sizeof bytes), 7);
    EXPECT_EQ(std::string(bytes, 7), "defghij");
}

TEST(OutputStream, KeepsTheFirstWriteError) {
    FileDescriptor full{::open("/dev/full", O_WRONLY)};
    ASSERT_TRUE(full.valid());
    OutputStream stream{full.get(), 4};
    stream.write("more than four bytes");
    EXPECT_TRUE(stream.failed());
    EXPECT_EQ(stream.error(), ENOSPC);
    EXPECT_FALSE(stream.reader_gone());
}

TEST(OutputStream, SaysWhenTheReaderIsGone) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    struct sigaction previous {};
    ASSERT_EQ(::sigaction(SIGPIPE, &ignore, &previous), 0);  // as ptool's SignalMonitor does
    Pipe pipe;
    pipe.read_end.reset();
    OutputStream stream{pipe.write_end.get(), 4};
    stream.write("lost");
    stream.flush();
    EXPECT_TRUE(stream.reader_gone());
    ::sigaction(SIGPIPE, &previous, nullptr);
}

}  // namespace
}  // namespace ptool
