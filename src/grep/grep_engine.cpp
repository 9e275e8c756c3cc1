// GrepEngine: wires a Searcher to the printer the options ask for.
#include "ptool/grep/grep_engine.hpp"

namespace ptool {

GrepEngine::GrepEngine(const GrepOptions& options)
    : searcher_(options), printer_(make_printer(options)) {}

FileSearchResult GrepEngine::search_file(int fd, std::string_view path, ByteSink& output,
                                         std::uint64_t known_size, const std::stop_token& stop) {
    printer_->set_output(output);
    return searcher_.search(fd, path, *printer_, known_size, stop);
}

}  // namespace ptool
