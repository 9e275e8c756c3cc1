// `ptool hash` flags -> HashOptions -> run_hash inside a Session.
#include "ptool/cli/hash_command_line.hpp"

#include "ptool/hash/check_command.hpp"
#include "ptool/hash/hash_command.hpp"

namespace ptool {

void HashCommandLine::add_to(CLI::App& app) {
    command_ = app.add_subcommand("hash", "Write an integrity manifest of every file under PATHs");
    common_.add_to(*command_);
    command_->add_option("-a,--algorithm", algorithm_, "Hash algorithm")
        ->check(CLI::IsMember({"xxh128", "xxh3", "xxh64", "xxh32", "sha256"}))
        ->capture_default_str();
    auto* tag = command_->add_flag("--tag", tag_, "BSD-style lines: ALGO (PATH) = HASH");
    command_->add_flag("-0,--zero", zero_,
                       "End lines with NUL, not newline, and escape nothing; read --files-from "
                       "as NUL-separated");
    auto* json =
        command_->add_flag("--json", json_, "One JSON object a file: path, algorithm, hash, size");
    json->excludes(tag);
    auto* check = command_->add_flag(
        "-c,--check", check_,
        "Verify the manifests named as PATHs ('-' or none: standard input), as sha256sum -c "
        "does; -q: no OK lines");
    check->excludes(tag)->excludes(json)->excludes("--files-from");
    command_->add_flag("-w,--warn", warn_, "With --check: report improperly formatted lines")
        ->needs(check);
    command_->add_flag("--status", status_, "With --check: print nothing, the exit status says")
        ->needs(check);
    command_->add_flag("--strict", strict_, "With --check: improperly formatted lines fail")
        ->needs(check);
    command_
        ->add_flag("--ignore-missing", ignore_missing_,
                   "With --check: skip listed files that do not exist")
        ->needs(check);
}

CheckSettings HashCommandLine::check_settings() const {
    CheckSettings settings{.strict = strict_, .ignore_missing = ignore_missing_};
    // coreutils: each of --quiet, --status and --warn cancels the other two; the last wins.
    const CLI::Option* quiet = command_->get_option("--quiet");
    const CLI::Option* status = command_->get_option("--status");
    const CLI::Option* warn = command_->get_option("--warn");
    for (const CLI::Option* option : command_->parse_order()) {
        if (option == quiet || option == status || option == warn) {
            settings.quiet = option == quiet;
            settings.status_only = option == status;
            settings.warn = option == warn;
        }
    }
    return settings;
}

int HashCommandLine::run_check() const {
    CheckOptions options;
    options.manifests = common_.paths;
    options.pipeline = common_.pipeline_options();
    options.settings = check_settings();
    options.named_algorithm = *parse_hash_algorithm(algorithm_);
    options.line_end = zero_ ? LineEnd::nul : LineEnd::newline;
    Session session{common_.session_options()};
    return session.finish(ptool::run_check(options, session));
}

int HashCommandLine::run() const {
    if (check_) {
        return run_check();
    }
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
