// `ptool hash` flags -> HashOptions -> run_hash inside a Session.
#include "ptool/cli/hash_command_line.hpp"

#include "ptool/hash/audit_command.hpp"
#include "ptool/hash/check_command.hpp"
#include "ptool/hash/hash_command.hpp"

namespace ptool {

void HashCommandLine::add_to(CLI::App& app) {
    command_ = app.add_subcommand(
        "hash",
        "Write an integrity manifest of every file under PATHs; verify manifests (-c) or audit a "
        "tree against one (--audit)");
    common_.add_to(*command_);
    command_->add_option("-a,--algorithm", algorithm_, "Hash algorithm")
        ->type_name("NAME")
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
    command_
        ->add_option("--audit", audit_manifest_,
                     "Compare the PATHs with MANIFEST ('-': standard input): print changed, new, "
                     "moved and missing files (-v: ok ones too); exit 1 if any")
        ->excludes(check)
        ->excludes(tag);
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

int HashCommandLine::run_audit() const {
    AuditOptions options;
    options.manifest = audit_manifest_;
    options.sources = common_.file_sources(zero_);
    options.walk = common_.walk_options();
    options.pipeline = common_.pipeline_options();
    options.line_end = zero_ ? LineEnd::nul : LineEnd::newline;
    options.show_ok = common_.verbose >= 1;
    options.json = json_;
    options.summary = !common_.quiet;
    Session session{common_.session_options()};
    if (options.manifest == "-" && options.sources.files_from == "-") {
        session.diagnostics().error("standard input",
                                    "cannot hold both the manifest and the --files-from list");
        return session.finish(2);
    }
    return session.finish(ptool::run_audit(options, session));
}

int HashCommandLine::run() const {
    if (check_) {
        return run_check();
    }
    if (command_->count("--audit") != 0) {
        return run_audit();
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
