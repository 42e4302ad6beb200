// Shard sets: an index split into N shard databases in one directory, listed
// by a Xapian stub file (DIR/XAPIANDB, lines "auto shard-00"), and stub files
// in general: "auto PATH" for a local database, "remote HOST:PORT" for a shard
// served by xapian-tcpsrv. Indexer and searcher read them the same way.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace docket::shard_set {

inline constexpr const char* kStubName = "XAPIANDB";

struct Entry {
    bool remote = false;
    std::string path;  // local: absolute or relative to the stub's directory, resolved
    std::string host;  // remote
    unsigned port = 0;
    // How messages name the shard: the local path, or "remote HOST:PORT".
    std::string describe() const { return remote ? "remote " + host + ":" + std::to_string(port) : path; }
};

// The entries of a stub file. Throws std::runtime_error naming the file and
// line of anything it cannot read.
std::vector<Entry> read_stub(const std::string& stub_file);

// Parses "HOST:PORT" (the host may be a name, IPv4, or [IPv6]); throws
// std::runtime_error naming `what` when malformed.
Entry remote_entry(const std::string& host_port, const std::string& what);

// The stub file for `path` when it is a shard-set directory (DIR/XAPIANDB) or a
// stub file itself; empty when it is a plain index or nothing.
std::string stub_of(const std::string& path);

// The databases `path` stands for: itself when it is a plain index (or
// nothing), else its stub's entries with stubs inside stubs expanded here, so
// Xapian never follows a stub itself (a stub naming itself would recurse in
// libxapian without end). Throws std::runtime_error naming the files of a
// cycle, of nesting deeper than kMaxStubDepth, of a stub listing nothing,
// and of a file that is neither an index nor a stub.
inline constexpr std::size_t kMaxStubDepth = 8;
std::vector<Entry> resolve(const std::string& path);

// Shard k's directory inside a shard set.
std::string shard_path(const std::string& set_dir, std::size_t k);

// The shard an article's file belongs to: a hash of its path, so every run
// (and every article of a .jsonl file) lands in the same shard.
std::size_t shard_of(const std::string& file_path, std::size_t shards);

// Number of shards of the set at `dir`, or 0 when it is not a shard set.
std::size_t count(const std::string& dir);

// Writes DIR/XAPIANDB listing shards 0..n-1 (atomically: written beside, renamed).
void write_stub(const std::string& dir, std::size_t n);

}  // namespace docket::shard_set
