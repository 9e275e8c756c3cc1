// `ptool hash` flags -> HashOptions -> run_hash inside a Session.
#include "ptool/cli/hash_command_line.hpp"

#include "ptool/hash/hash_command.hpp"

namespace ptool {

void HashCommandLine::add_to(CLI::App& app) {
    command_ = app.add_subcommand("hash", "Write an integrity manifest of every file under PATHs");
    common_.add_to(*command_);
    command_->add_option("-a,--algorithm", algorithm_, "Hash algorithm")
        ->type_name("NAME")
        ->check(CLI::IsMember({"xxh128", "xxh3", "xxh64", "xxh32", "sha256"}))
        ->capture_default_str();
    auto* tag = command_->add_flag("--tag", tag_, "BSD-style lines: ALGO (PATH) = HASH");
    command_->add_flag("-0,--zero", zero_,
                       "End lines with NUL, not newline, and escape nothing; read --files-from "
                       "as NUL-separated");
    command_->add_flag("--json", json_, "One JSON object a file: path, algorithm, hash, size")
        ->excludes(tag);
}

int HashCommandLine::run() const {
    HashOptions options;
    options.sources = common_.file_sources(zero_);
    options.walk = common_.walk_options();
    options.pipeline = common_.pipeline_options();
    options.algorithm = *parse_hash_algorithm(algorithm_);
    options.style = tag_ ? ManifestStyle::tag : ManifestStyle::gnu;
    options.line_end = zero_ ? LineEnd::nul : LineEnd::newline;
    options.format = json_ ? HashOutputFormat::json : HashOutputFormat::manifest;
    Session session{common_.session_options()};
    return session.finish(run_hash(options, session));
}

}  // namespace ptool
