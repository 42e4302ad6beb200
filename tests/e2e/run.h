// Helpers for end-to-end tests: run the real binaries in a shell, capture
// stdout, stderr and the exit code; temporary directories that clean up.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace e2e {

struct Result {
    int code = -1;
    std::string out;
    std::string err;
};

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "docket-e2e-XXXXXX").string();
        path_ = mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Runs a shell command line, capturing stdout, stderr and the exit code;
// `during` (if given) runs while the command does.
inline Result run_command(const std::string& command, const std::function<void()>& during = {}) {
    static int counter = 0;
    auto err_file = std::filesystem::temp_directory_path() /
                    ("docket-e2e-stderr-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
    std::string cmd = command + " 2>" + quote(err_file.string()) + " </dev/null";
    Result r;
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return r;
    if (during) during();
    char buf[65536];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    int status = pclose(pipe);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = slurp(err_file);
    std::filesystem::remove(err_file);
    return r;
}

// Runs `program` with `args` (each shell-quoted).
inline Result run(const std::string& program, const std::vector<std::string>& args) {
    std::string cmd = quote(program);
    for (const auto& a : args) cmd += " " + quote(a);
    return run_command(cmd);
}

inline Result indexer(const std::vector<std::string>& args) { return run(DOCKET_INDEXER, args); }
inline Result searcher(const std::vector<std::string>& args) { return run(DOCKET_SEARCHER, args); }

inline std::size_t line_count(const std::string& s) {
    std::size_t n = 0;
    for (char c : s) n += c == '\n';
    return n;
}

// A bad input's answer: exit 2, one line on stderr naming `needle`, no abort.
inline void check_one_line_error(const Result& r, const std::string& needle) {
    INFO("stderr: " << r.err);
    CHECK(r.code == 2);
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find(needle) != std::string::npos);
    CHECK(r.err.find("terminate") == std::string::npos);
}

// A folder of Markdown articles written by a test (docs/) beside the index it builds (db).
struct ArticleFolder {
    TempDir dir;
    std::string db = (dir.path() / "db").string();
    std::filesystem::path docs = dir.path() / "docs";

    ArticleFolder() { std::filesystem::create_directories(docs); }
    void write(const std::string& name, const std::string& title, const std::string& date, const std::string& body) {
        std::filesystem::create_directories((docs / name).parent_path());
        std::ofstream(docs / name) << "---\ntitle: " << title << "\ndate: " << date << "\n---\n" << body << "\n";
    }
    // Indexes docs/ into db; the test stops unless the indexer succeeds.
    void index() {
        Result r = indexer({"-q", "--db", db, docs.string()});
        INFO(r.err);
        REQUIRE(r.code == 0);
    }
    std::string id(const std::string& name) const { return (docs / name).string(); }
};

}  // namespace e2e
