#include "walk.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fnmatch.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace docket::walk {
namespace fs = std::filesystem;

namespace {

std::int64_t to_ns(fs::file_time_type t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

bool is_hidden(const fs::path& p) {
    std::string name = p.filename().string();
    return name.size() > 1 && name[0] == '.';
}

std::vector<std::string> read_ignore_file(const fs::path& dir) {
    std::vector<std::string> patterns;
    std::ifstream in(dir / ".docketignore");
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (!line.empty() && line[0] != '#') patterns.push_back(line);
    }
    return patterns;
}

// A Xapian database or a shard set (an index kept inside the folder it indexes):
// its files are not articles.
bool is_index(const fs::path& dir) {
    std::error_code ec;
    return fs::exists(dir / "iamglass", ec) || fs::exists(dir / "XAPIANDB", ec);
}

bool excluded(const fs::path& p, const fs::path& root, const std::vector<std::string>& patterns) {
    const std::string name = p.filename().string(), rel = p.lexically_relative(root).string();
    for (const auto& pat : patterns)
        if (fnmatch(pat.c_str(), name.c_str(), 0) == 0 || fnmatch(pat.c_str(), rel.c_str(), FNM_PATHNAME) == 0)
            return true;
    return false;
}

}  // namespace

std::string stamp(const FileEntry& f) { return std::to_string(f.mtime_ns) + ":" + std::to_string(f.size); }

WalkResult walk(const std::vector<std::string>& roots, const std::vector<std::string>& excludes,
                const std::function<void(const std::string&, const std::string&)>& warn) {
    WalkResult result;
    auto add_file = [&](const fs::path& p) {
        std::error_code ec;
        auto status = fs::status(p, ec);  // follows symlinks
        if (ec) {
            std::error_code link_ec;
            bool link = fs::is_symlink(fs::symlink_status(p, link_ec));
            warn(p.string(), !link                                                ? ec.message()
                             : ec == std::errc::too_many_symbolic_link_levels ? "symbolic link loop"
                                                                                : "broken symbolic link");
            return;
        }
        if (!fs::is_regular_file(status)) return;
        FileEntry f;
        f.path = p.string();
        f.size = fs::file_size(p, ec);
        if (!ec) f.mtime_ns = to_ns(fs::last_write_time(p, ec));
        if (ec) {
            warn(f.path, ec.message());
            return;
        }
        result.files.push_back(std::move(f));
    };
    for (const auto& root_arg : roots) {
        std::error_code ec;
        fs::path root = fs::absolute(root_arg, ec).lexically_normal();
        if (root.has_filename() == false && root.has_parent_path()) root = root.parent_path();
        result.roots.push_back(root.string());
        auto status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            warn(root_arg, "no such file or directory");
            continue;
        }
        if (!fs::is_directory(status)) {
            if (!excluded(root, root.parent_path(), excludes)) add_file(root);
            continue;
        }
        // Listing a directory needs read and search permission; without it the
        // iterator below would skip it silently, as if its files were deleted.
        auto listable = [&](const fs::path& dir) {
            if (access(dir.c_str(), R_OK | X_OK) == 0) return true;
            warn(dir.string(), std::string("cannot list directory (") + std::strerror(errno) +
                                   "): the articles indexed from it before are kept");
            result.unlisted.push_back(dir.string());
            return false;
        };
        if (!listable(root)) continue;
        std::vector<std::string> patterns = excludes;
        for (auto& p : read_ignore_file(root)) patterns.push_back(std::move(p));
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
        if (ec) {
            warn(root.string(), ec.message());
            continue;
        }
        while (it != end) {
            const fs::path p = it->path();
            std::error_code type_ec;
            const auto link_status = it->symlink_status(type_ec);  // the entry itself, not its target
            if (is_hidden(p) || excluded(p, root, patterns)) {
                if (fs::is_directory(link_status)) it.disable_recursion_pending();
            } else if (fs::is_symlink(link_status)) {
                it.disable_recursion_pending();  // symlinked directories are not followed: no loops
                std::error_code target_ec;
                if (!fs::is_directory(fs::status(p, target_ec))) add_file(p);  // warns when broken or a loop
            } else if (type_ec) {
                warn(p.string(), type_ec.message());
            } else if (!fs::is_directory(link_status)) {
                add_file(p);
            } else if (is_index(p) || !listable(p)) {
                it.disable_recursion_pending();
            }
            it.increment(ec);
            if (ec) {
                // The directory may have vanished mid-run: say so, and delete nothing
                // below this root on the strength of an incomplete listing.
                warn(p.string(), ec.message());
                result.unlisted.push_back(root.string());
                ec.clear();
                break;
            }
        }
    }
    std::sort(result.files.begin(), result.files.end(),
              [](const FileEntry& a, const FileEntry& b) { return a.path < b.path; });
    result.files.erase(std::unique(result.files.begin(), result.files.end(),
                                   [](const FileEntry& a, const FileEntry& b) { return a.path == b.path; }),
                       result.files.end());
    return result;
}

}  // namespace docket::walk
