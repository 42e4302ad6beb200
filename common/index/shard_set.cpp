#include "index/shard_set.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "text/hash.h"
#include "text/text.h"

namespace docket::shard_set {
namespace fs = std::filesystem;

Entry remote_entry(const std::string& host_port, const std::string& what) {
    auto colon = host_port.rfind(':');
    auto bad = [&] { return std::runtime_error(what + ": expected HOST:PORT, got '" + host_port + "'"); };
    if (colon == std::string::npos || colon == 0 || colon + 1 == host_port.size()) throw bad();
    Entry e;
    e.remote = true;
    e.host = host_port.substr(0, colon);
    if (e.host.size() > 2 && e.host.front() == '[' && e.host.back() == ']') e.host = e.host.substr(1, e.host.size() - 2);
    unsigned long port = 0;
    for (char c : host_port.substr(colon + 1)) {
        if (c < '0' || c > '9') throw bad();
        port = port * 10 + static_cast<unsigned>(c - '0');
        if (port > 65535) throw bad();
    }
    if (port == 0) throw bad();
    e.port = static_cast<unsigned>(port);
    return e;
}

std::vector<Entry> read_stub(const std::string& stub_file) {
    std::ifstream in(stub_file);
    if (!in) throw std::runtime_error("cannot read stub file " + stub_file);
    const fs::path base = fs::path(stub_file).parent_path();
    std::vector<Entry> entries;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        line = text::trim(line);
        if (line.empty() || line[0] == '#') continue;
        const std::string where = stub_file + " line " + std::to_string(number);
        auto space = line.find_first_of(" \t");
        std::string kind = line.substr(0, space);
        std::string arg = space == std::string::npos ? "" : text::trim(line.substr(space));
        if (arg.empty()) throw std::runtime_error(where + ": '" + kind + "' needs an argument");
        if (kind == "remote") {
            entries.push_back(remote_entry(arg, where));
        } else if (kind == "auto" || kind == "glass" || kind == "chert") {
            Entry e;
            fs::path p(arg);
            e.path = (p.is_absolute() ? p : base / p).lexically_normal().string();
            entries.push_back(std::move(e));
        } else {
            throw std::runtime_error(where + ": expected 'auto PATH' or 'remote HOST:PORT', got '" + line + "'");
        }
    }
    return entries;
}

std::string stub_of(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        fs::path stub = fs::path(path) / kStubName;
        return fs::is_regular_file(stub, ec) ? stub.string() : std::string();
    }
    return fs::is_regular_file(path, ec) ? path : std::string();
}

namespace {

void resolve_into(const std::string& path, std::vector<std::string>& chain, std::vector<Entry>& out) {
    const std::string stub = stub_of(path);
    if (stub.empty()) {
        Entry local;
        local.path = path;
        out.push_back(std::move(local));
        return;
    }
    std::error_code ec;
    const std::string key = fs::weakly_canonical(stub, ec).string();
    auto named = [&] {
        std::string list;
        for (const auto& c : chain) list += c + " -> ";
        return list + key;
    };
    if (std::find(chain.begin(), chain.end(), key) != chain.end())
        throw std::runtime_error("stub files form a cycle: " + named());
    if (chain.size() == kMaxStubDepth)
        throw std::runtime_error("stub files nest deeper than " + std::to_string(kMaxStubDepth) + ": " + named());
    std::vector<Entry> entries;
    try {
        entries = read_stub(stub);
    } catch (const std::exception& e) {
        if (stub == path)  // a plain file given as an index
            throw std::runtime_error(path + " is neither an index folder nor a stub file (" + e.what() + ")");
        throw;
    }
    if (entries.empty())
        throw std::runtime_error("stub file " + stub + " lists no index (expected 'auto PATH' or 'remote HOST:PORT' lines)");
    chain.push_back(key);
    for (auto& e : entries) {
        if (e.remote) out.push_back(std::move(e));
        else resolve_into(e.path, chain, out);
    }
    chain.pop_back();
}

}  // namespace

std::vector<Entry> resolve(const std::string& path) {
    std::vector<std::string> chain;
    std::vector<Entry> out;
    resolve_into(path, chain, out);
    return out;
}

std::string shard_path(const std::string& set_dir, std::size_t k) {
    char name[32];
    std::snprintf(name, sizeof name, "shard-%02zu", k);
    return (fs::path(set_dir) / name).string();
}

std::size_t shard_of(const std::string& file_path, std::size_t shards) {
    std::uint64_t h = text::fnv1a(file_path);
    // FNV's low bits depend only on the low bits of each byte: mix all bits down (splitmix64's finaliser).
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return static_cast<std::size_t>(h % shards);
}

std::size_t count(const std::string& dir) {
    std::error_code ec;
    fs::path stub = fs::path(dir) / kStubName;
    if (!fs::is_regular_file(stub, ec)) return 0;
    std::size_t n = 0;
    for (const auto& e : read_stub(stub.string()))
        if (!e.remote) ++n;
    return n;
}

void write_stub(const std::string& dir, std::size_t n) {
    fs::path stub = fs::path(dir) / kStubName, tmp = fs::path(dir) / (std::string(kStubName) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# Docket shard set: " << n << " shards (articles assigned by a hash of their file path)\n";
        for (std::size_t k = 0; k < n; ++k) out << "auto " << fs::path(shard_path(dir, k)).filename().string() << "\n";
        if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, stub);
}

}  // namespace docket::shard_set
