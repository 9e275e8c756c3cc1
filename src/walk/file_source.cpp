// FileSource: arguments, or a --files-from list streamed by the RecordReader.
#include "ptool/walk/file_source.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ptool/util/file_descriptor.hpp"
#include "ptool/util/record_reader.hpp"

namespace ptool {
namespace {

void walk_listed_paths(const std::string& list_name, char separator, Walker& walker,
                       const Walker::Callbacks& callbacks, const std::stop_token& stop) {
    FileDescriptor opened;
    int fd = STDIN_FILENO;
    if (list_name != "-") {
        opened.reset(::open(list_name.c_str(), O_RDONLY | O_CLOEXEC));
        if (!opened) {
            callbacks.on_error(list_name, std::strerror(errno));
            return;
        }
        fd = opened.get();
    }
    RecordReaderCallbacks reader_callbacks{
        .on_record =
            [&](const Record& record) {
                if (!record.bytes.empty()) {
                    walker.walk(std::string(record.bytes));
                }
            },
        .on_idle = callbacks.on_idle,
    };
    int error = read_records(fd, {.separator = separator}, reader_callbacks, stop);
    if (error != 0) {
        callbacks.on_error(list_name == "-" ? "standard input" : list_name, std::strerror(error));
    }
}

}  // namespace

void walk_file_sources(const FileSourceOptions& sources, const WalkOptions& walk_options,
                       const Walker::Callbacks& callbacks, const std::stop_token& stop) {
    Walker walker{walk_options, callbacks, stop};
    if (sources.paths.empty() && !sources.files_from) {
        walker.walk(".", Walker::RootOrigin::implicit);
    }
    for (const auto& path : sources.paths) {
        if (stop.stop_requested()) {
            return;
        }
        if (sources.dash_is_standard_input && path == "-") {
            WalkedFile standard_input;
            standard_input.path = path;
            standard_input.standard_input = true;
            callbacks.on_file(std::move(standard_input));
        } else {
            walker.walk(path);
        }
    }
    if (sources.files_from) {
        const char separator = sources.nul_separated_list ? '\0' : '\n';
        walk_listed_paths(*sources.files_from, separator, walker, callbacks, stop);
    }
}

}  // namespace ptool
