// Walker: depth-first, sorted, descriptor-relative directory walking.
#include "ptool/walk/walker.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <span>
#include <utility>

#include "ptool/walk/ignore_rules.hpp"

namespace ptool {
namespace {

// One directory's entries, stored compactly: a directory may hold hundreds of thousands.
class DirectoryListing {
  public:
    struct Entry {
        std::uint32_t name_offset;
        std::uint16_t name_length;
        unsigned char type;  // d_type
    };

    // Reads every entry but "." and "..". Returns 0 or the errno of the failure.
    int read(int directory_fd, std::span<char> scratch) {
        names_.clear();
        entries_.clear();
        for (;;) {
            ssize_t filled = ::getdents64(directory_fd, scratch.data(), scratch.size());
            if (filled < 0) {
                return errno;
            }
            if (filled == 0) {
                return 0;
            }
            for (ssize_t offset = 0; offset < filled;) {
                const auto* record = reinterpret_cast<const dirent64*>(scratch.data() + offset);
                add(record->d_name, record->d_type);
                offset += record->d_reclen;
            }
        }
    }

    void sort_by_name() {
        std::sort(entries_.begin(), entries_.end(),
                  [this](const Entry& a, const Entry& b) { return name(a) < name(b); });
    }

    [[nodiscard]] std::string_view name(const Entry& entry) const {
        return std::string_view{names_}.substr(entry.name_offset, entry.name_length);
    }
    [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

  private:
    void add(const char* name, unsigned char type) {
        std::string_view view{name};
        if (view == "." || view == "..") {
            return;
        }
        entries_.push_back({static_cast<std::uint32_t>(names_.size()),
                            static_cast<std::uint16_t>(view.size()), type});
        names_.append(view);
    }

    std::string names_;
    std::vector<Entry> entries_;
};

unsigned char type_from_mode(mode_t mode) {
    if (S_ISREG(mode)) return DT_REG;
    if (S_ISDIR(mode)) return DT_DIR;
    if (S_ISLNK(mode)) return DT_LNK;
    return DT_UNKNOWN;  // FIFOs, sockets and devices: never opened
}

std::string read_small_file(int directory_fd, const char* name) {
    FileDescriptor fd{::openat(directory_fd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    std::string contents;
    struct stat status {};
    if (!fd || ::fstat(fd.get(), &status) != 0 || !S_ISREG(status.st_mode)) {
        return contents;
    }
    std::array<char, 16 * 1024> buffer{};
    for (ssize_t got; (got = ::read(fd.get(), buffer.data(), buffer.size())) > 0;) {
        contents.append(buffer.data(), static_cast<std::size_t>(got));
    }
    return contents;
}

struct FileIdentity {
    dev_t device;
    ino_t inode;
    bool operator==(const FileIdentity&) const = default;
};

// GNU grep's test for a directory named on its command line (gnulib's exclude_fnmatch without
// EXCLUDE_ANCHORED): the pattern, trailing slashes removed, matches the whole name as given or
// the part after any '/' that another '/' does not follow (`sub` skips `./sub` and `.//sub`, not
// `sub/`), with fnmatch(3) and no flags.
bool excludes_named_directory(std::string_view glob, const std::string& name) {
    std::string pattern{glob};
    while (pattern.size() > 1 && pattern.ends_with('/')) {
        pattern.pop_back();
    }
    if (::fnmatch(pattern.c_str(), name.c_str(), 0) == 0) {
        return true;
    }
    for (std::size_t slash = name.find('/'); slash != std::string::npos;
         slash = name.find('/', slash + 1)) {
        if (name[slash + 1] != '/' &&
            ::fnmatch(pattern.c_str(), name.c_str() + slash + 1, 0) == 0) {
            return true;
        }
    }
    return false;
}

}  // namespace

int WalkedFile::directory_fd() const { return directory ? directory->get() : AT_FDCWD; }

OpenResult open_regular_file(const WalkedFile& file, bool follow_symlinks) {
    int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow_symlinks ? 0 : O_NOFOLLOW);
    const std::string_view name = file.name();
    FileDescriptor fd{::openat(file.directory_fd(), name.data(), flags)};
    if (!fd) {
        // A link where a file was walked, without -L: it changed under us; skip it quietly.
        return {std::nullopt, errno == ELOOP && !follow_symlinks ? 0 : errno};
    }
    OpenResult result{OpenedFile{std::move(fd), {}}, 0};
    if (::fstat(result.file->descriptor.get(), &result.file->status) != 0) {
        return {std::nullopt, errno};
    }
    if (!S_ISREG(result.file->status.st_mode)) {
        return {std::nullopt, 0};
    }
    return result;
}

// The state of walking one root: the path being built, the ignore rules and the ancestors.
class Walker::DirectoryWalk {
  public:
    DirectoryWalk(const Walker& walker, const std::string& root)
        : walker_(walker), options_(walker.options_), path_(root) {
        relative_start_ = root.size() + (root.ends_with('/') ? 0 : 1);
    }

    void walk_root(FileDescriptor directory, const struct stat& status) {
        root_device_ = status.st_dev;
        walk_directory(std::make_shared<const FileDescriptor>(std::move(directory)), status, 0);
    }

  private:
    void walk_directory(const std::shared_ptr<const FileDescriptor>& directory,
                        const struct stat& status, std::size_t depth) {
        DirectoryListing listing;
        if (int error = listing.read(directory->get(), scratch_); error != 0) {
            report(path_, std::strerror(error));
            return;
        }
        listing.sort_by_name();
        ancestors_.push_back({status.st_dev, status.st_ino});
        if (options_.honour_ignore_files) {
            push_ignore_rules(directory->get());
        }
        for (const auto& entry : listing.entries()) {
            if (walker_.stop_.stop_requested()) {
                break;
            }
            visit(directory, listing.name(entry), entry.type, depth + 1);
        }
        if (options_.honour_ignore_files) {
            ignore_stack_.pop();
        }
        ancestors_.pop_back();
    }

    void visit(const std::shared_ptr<const FileDescriptor>& directory, std::string_view name,
               unsigned char type, std::size_t depth) {
        if (!options_.include_hidden && name.starts_with('.')) {
            return;
        }
        const std::size_t parent_length = path_.size();
        if (!path_.ends_with('/')) {
            path_.push_back('/');
        }
        const std::size_t name_offset = path_.size();
        path_.append(name);
        visit_path(directory, name_offset, type, depth);
        path_.resize(parent_length);
    }

    void visit_path(const std::shared_ptr<const FileDescriptor>& directory, std::size_t name_offset,
                    unsigned char type, std::size_t depth) {
        const char* name = path_.c_str() + name_offset;
        struct stat status {};
        bool have_status = false;
        if (type == DT_UNKNOWN || (type == DT_LNK && options_.follow_symlinks)) {
            int flags = type == DT_LNK ? 0 : AT_SYMLINK_NOFOLLOW;
            if (::fstatat(directory->get(), name, &status, flags) != 0) {
                report(path_, std::strerror(errno));
                return;
            }
            type = type_from_mode(status.st_mode);
            have_status = true;
        }
        if (options_.max_depth && depth > *options_.max_depth) {
            return;
        }
        if (type == DT_DIR && options_.max_depth && depth == *options_.max_depth) {
            return;  // every entry inside would be too deep
        }
        if (type == DT_DIR) {
            enter_directory(directory, name_offset, depth, have_status ? &status : nullptr);
        } else if (type == DT_REG && selected_file(name_offset)) {
            walker_.callbacks_.on_file(WalkedFile{path_, directory, name_offset});
        }
    }

    [[nodiscard]] bool selected_file(std::size_t name_offset) const {
        const std::string_view name = std::string_view{path_}.substr(name_offset);
        if (!options_.file_globs.selects(relative_path(), name, false)) {
            return false;
        }
        return !options_.honour_ignore_files || !ignore_stack_.is_ignored(name, false);
    }

    [[nodiscard]] bool excluded_directory(std::string_view name) const {
        for (const auto& glob : options_.excluded_directories) {
            if (glob.matches(relative_path(), name, true)) {
                return true;
            }
        }
        return options_.honour_ignore_files && ignore_stack_.is_ignored(name, true);
    }

    void enter_directory(const std::shared_ptr<const FileDescriptor>& parent,
                         std::size_t name_offset, std::size_t depth, const struct stat* known) {
        const char* name = path_.c_str() + name_offset;
        if (excluded_directory(name)) {
            return;
        }
        int flags =
            O_RDONLY | O_DIRECTORY | O_CLOEXEC | (options_.follow_symlinks ? 0 : O_NOFOLLOW);
        FileDescriptor fd{::openat(parent->get(), name, flags)};
        if (!fd) {
            report(path_, std::strerror(errno));
            return;
        }
        struct stat status {};
        if (known != nullptr) {
            status = *known;
        } else if (::fstat(fd.get(), &status) != 0) {
            report(path_, std::strerror(errno));
            return;
        }
        if (options_.one_file_system && status.st_dev != root_device_) {
            return;
        }
        if (std::find(ancestors_.begin(), ancestors_.end(),
                      FileIdentity{status.st_dev, status.st_ino}) != ancestors_.end()) {
            report(path_, "file system loop detected");
            return;
        }
        walk_directory(std::make_shared<const FileDescriptor>(std::move(fd)), status, depth);
    }

    void push_ignore_rules(int directory_fd) {
        std::vector<IgnoreRules> rules;
        for (const char* file : {".gitignore", ".ignore"}) {
            if (auto contents = read_small_file(directory_fd, file); !contents.empty()) {
                rules.push_back(IgnoreRules::parse(contents));
            }
        }
        ignore_stack_.push(relative_path(), std::move(rules));
    }

    [[nodiscard]] std::string_view relative_path() const {
        return relative_start_ < path_.size() ? std::string_view{path_}.substr(relative_start_)
                                              : std::string_view{};
    }

    void report(std::string_view path, std::string_view reason) const {
        walker_.callbacks_.on_error(path, reason);
    }

    const Walker& walker_;
    const WalkOptions& options_;
    std::string path_;
    std::size_t relative_start_;
    dev_t root_device_ = 0;
    std::vector<FileIdentity> ancestors_;
    IgnoreStack ignore_stack_;
    std::array<char, 32 * 1024> scratch_{};
};

bool Walker::excluded_root(const std::string& root) const {
    return std::any_of(
        options_.excluded_directories.begin(), options_.excluded_directories.end(),
        [&root](const Glob& glob) { return excludes_named_directory(glob.pattern(), root); });
}

Walker::Walker(WalkOptions options, Callbacks callbacks, std::stop_token stop)
    : options_(std::move(options)), callbacks_(std::move(callbacks)), stop_(std::move(stop)) {}

Walker::~Walker() = default;

void Walker::walk(const std::string& root, RootOrigin origin) {
    struct stat status {};
    if (::stat(root.c_str(), &status) != 0) {
        callbacks_.on_error(root, std::strerror(errno));
        return;
    }
    if (S_ISDIR(status.st_mode) && origin == RootOrigin::named &&
        options_.exclude_named_root_directories && excluded_root(root)) {
        return;
    }
    if (S_ISREG(status.st_mode)) {
        callbacks_.on_file(WalkedFile{root, nullptr, 0});
        return;
    }
    if (!S_ISDIR(status.st_mode)) {
        spdlog::warn("{}: not a regular file or directory, skipped", root);
        return;
    }
    if (options_.max_depth == 0) {
        return;
    }
    FileDescriptor directory{::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (!directory) {
        callbacks_.on_error(root, std::strerror(errno));
        return;
    }
    DirectoryWalk{*this, root}.walk_root(std::move(directory), status);
}

}  // namespace ptool
