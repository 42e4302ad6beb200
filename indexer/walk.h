// The indexer's first step: walk the given files and directories and list the
// files to consider, with the size and mtime that incremental runs compare.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace docket::walk {

struct FileEntry {
    std::string path;  // absolute, lexically normal
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
};

struct WalkResult {
    std::vector<FileEntry> files;  // sorted by path
    std::vector<std::string> roots;  // absolute forms of the given roots
    // Directories that could not be listed (permission denied, vanished mid-walk):
    // the files indexed from below them before are kept, not taken as deleted.
    std::vector<std::string> unlisted;
};

// Recursively lists regular files below each root (a root may be a file).
// Hidden entries (".git") are skipped, and so are files matching an exclude
// pattern (fnmatch, against the name or the path below the root) or a line of
// a `.docketignore` file in a root directory; symlinked files are followed, symlinked
// directories are not (no loops). Problems (unreadable directory, broken
// symlink, a root that does not exist) go to `warn` with the path, and the walk goes on.
WalkResult walk(const std::vector<std::string>& roots, const std::vector<std::string>& excludes,
                const std::function<void(const std::string& path, const std::string& why)>& warn);

// "<mtime_ns>:<size>", the stamp stored per file.
std::string stamp(const FileEntry& f);

}  // namespace docket::walk
