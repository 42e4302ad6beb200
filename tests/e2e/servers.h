// Servers for end-to-end tests, on 127.0.0.1 only: free ports, a supervisor that
// starts a program with arguments and waits until its port accepts, and a port
// that accepts but never answers.
//
// A Server runs in its own process group (fork + exec) with PR_SET_PDEATHSIG, so
// that none survives a crashed test binary; the group is killed on destruction.
#pragma once

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <cstdint>
#include <fcntl.h>
#include <filesystem>
#include <netinet/in.h>
#include <signal.h>
#include <string>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "run.h"

namespace e2e {

constexpr const char* kLoopback = "127.0.0.1";

inline sockaddr_in loopback(int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, kLoopback, &a.sin_addr);
    return a;
}

// A port nobody listens on right now (the kernel's pick for a loopback bind to port 0).
inline int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    int port = -1;
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    close(fd);
    return port;
}

inline bool port_open(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(port);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    return ok;
}

inline std::string loopback_address(int port) { return std::string(kLoopback) + ":" + std::to_string(port); }

// Whether `program` is on the PATH.
inline bool have_program(const std::string& program) {
    return run("/bin/sh", {"-c", "command -v " + quote(program)}).code == 0;
}

// One program serving on a free loopback port, in its own process group. Every `args` element
// equal to Server::kPort is replaced by the port chosen. Ready once the port accepts and, if
// `ready_text` is given, the program's output (stdout and stderr) contains it (so the port is its
// own); a port taken meanwhile or a program that exits is retried on a new port, 5 times.
class Server {
public:
    static constexpr const char* kPort = "{port}";

    Server(std::string program, std::vector<std::string> args, std::string ready_text = "",
           std::chrono::seconds timeout = std::chrono::seconds(20))
        : program_(std::move(program)), args_(std::move(args)), ready_text_(std::move(ready_text)), timeout_(timeout) {
        for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) start();
        std::string command = program_;
        for (const auto& a : args_) command += " " + a;
        INFO(command << ": " << last_log_);
        REQUIRE(pid_ > 0);
    }
    ~Server() { stop(SIGTERM); }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void kill() { stop(SIGKILL); }  // the server and any child it started (a connection it serves), at once
    // Sends SIGTERM and waits (at most 10 s): the exit code, or -1 if it did not exit by itself.
    int terminate() {
        using namespace std::chrono_literals;
        if (pid_ <= 0) return -1;
        ::kill(pid_, SIGTERM);
        int status = 0, code = -1;
        for (auto deadline = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < deadline;) {
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                ::kill(-pid_, SIGKILL);
                pid_ = -1;
                return code;
            }
            std::this_thread::sleep_for(10ms);
        }
        stop(SIGKILL);
        return -1;
    }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string address() const { return loopback_address(port_); }

private:
    void start() {
        using namespace std::chrono_literals;
        namespace fs = std::filesystem;
        port_ = free_port();
        log_ = fs::temp_directory_path() / ("docket-e2e-server-" + std::to_string(getpid()) + "-" +
                                            std::to_string(port_) + ".log");
        const std::string port_s = std::to_string(port_), log_s = log_.string();
        // argv is built before fork: the child only execs.
        std::vector<std::string> argv_s{program_};
        for (const auto& a : args_) argv_s.push_back(a == kPort ? port_s : a);
        std::vector<char*> argv;
        for (auto& a : argv_s) argv.push_back(a.data());
        argv.push_back(nullptr);
        const pid_t parent = getpid();
        pid_t pid = fork();
        if (pid == 0) {
            setpgid(0, 0);
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) _exit(127);
            int in = open("/dev/null", O_RDONLY), out = open(log_s.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
            dup2(in, 0);
            dup2(out, 1);
            dup2(out, 2);
            execvp(argv[0], argv.data());
            _exit(127);
        }
        if (pid < 0) return;
        setpgid(pid, pid);
        auto deadline = std::chrono::steady_clock::now() + timeout_;
        while (std::chrono::steady_clock::now() < deadline) {
            int status;
            if (waitpid(pid, &status, WNOHANG) == pid) {
                last_log_ = slurp(log_);
                fs::remove(log_);
                return;
            }
            if ((ready_text_.empty() || slurp(log_).find(ready_text_) != std::string::npos) && port_open(port_)) {
                pid_ = pid;
                fs::remove(log_);  // not needed any more; nothing left behind if this process is killed
                return;
            }
            std::this_thread::sleep_for(20ms);
        }
        last_log_ = "not listening after " + std::to_string(timeout_.count()) + " s: " + slurp(log_);
        ::kill(-pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        fs::remove(log_);
    }

    void stop(int sig) {
        using namespace std::chrono_literals;
        if (pid_ <= 0) return;
        ::kill(-pid_, sig);
        auto deadline = std::chrono::steady_clock::now() + 5s;
        bool reaped = false;
        while (!reaped && std::chrono::steady_clock::now() < deadline) {
            reaped = waitpid(pid_, nullptr, WNOHANG) == pid_;
            if (!reaped) std::this_thread::sleep_for(10ms);
        }
        if (!reaped) {
            ::kill(-pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        ::kill(-pid_, SIGKILL);  // children that outlived their parent, if any
        pid_ = -1;
    }

    std::string program_;
    std::vector<std::string> args_;
    std::string ready_text_;
    std::chrono::seconds timeout_;
    pid_t pid_ = -1;
    int port_ = -1;
    std::filesystem::path log_;
    std::string last_log_;
};

// A loopback port that accepts connections (the kernel's backlog does) and never says a word.
class SilentServer {
public:
    SilentServer() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a = loopback(0);
        socklen_t len = sizeof a;
        REQUIRE(bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(listen(fd_, 64) == 0);
        REQUIRE(getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        port_ = ntohs(a.sin_port);
    }
    ~SilentServer() { close(fd_); }
    SilentServer(const SilentServer&) = delete;
    SilentServer& operator=(const SilentServer&) = delete;
    int port() const { return port_; }

private:
    int fd_ = -1;
    int port_ = -1;
};

}  // namespace e2e
