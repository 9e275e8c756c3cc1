// Fuzzes the way `hash --check` and `--audit` read a manifest: the RecordReader splits arbitrary
// bytes (from a memfd, so the real read loop runs) into capped records, and each record goes to
// parse_manifest_line. Beyond not crashing: no record exceeds the cap; a record is flagged too
// long exactly when its line was longer; and the records, rejoined, give back the input when no
// line was too long.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stop_token>
#include <string>
#include <string_view>

#include "ptool/hash/manifest_line.hpp"
#include "ptool/util/file_descriptor.hpp"
#include "ptool/util/record_reader.hpp"

namespace {

constexpr std::size_t cap = 96;  // small, so long lines are common

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void check(std::string_view input, char separator) {
    ptool::FileDescriptor file{::memfd_create("manifest", MFD_CLOEXEC)};
    require(file.valid());
    require(::write(file.get(), input.data(), input.size()) == static_cast<ssize_t>(input.size()));
    require(::lseek(file.get(), 0, SEEK_SET) == 0);
    std::string rejoined;
    bool any_too_long = false;
    const ptool::LineEnd end = separator == '\0' ? ptool::LineEnd::nul : ptool::LineEnd::newline;
    ptool::RecordReaderCallbacks callbacks{
        .on_record =
            [&](const ptool::Record& record) {
                require(record.bytes.size() <= cap);
                require(!record.too_long || record.bytes.size() == cap);
                any_too_long = any_too_long || record.too_long;
                rejoined.append(record.bytes);
                rejoined.push_back(separator);
                (void)ptool::parse_manifest_line(record.bytes, end);
            },
        .on_idle = {},
    };
    std::stop_source never;
    require(ptool::read_records(file.get(), {.separator = separator, .max_record_length = cap},
                                callbacks, never.get_token()) == 0);
    if (!any_too_long) {
        if (!input.empty() && input.back() != separator) {
            rejoined.pop_back();  // the last line had no separator
        }
        require(rejoined == input);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check(input, '\n');
    check(input, '\0');
    return 0;
}
