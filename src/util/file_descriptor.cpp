// FileDescriptor: closing is the only thing that needs a system header.
#include "ptool/util/file_descriptor.hpp"

#include <unistd.h>

namespace ptool {

void FileDescriptor::reset(int fd) {
    if (fd_ >= 0) {
        ::close(fd_);
    }
    fd_ = fd;
}

}  // namespace ptool
