// fuzz_replay DIR: runs every saved input under DIR/<target>/ through its target,
// so inputs that once crashed stay fixed (a test in the normal suite).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "targets.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_replay DIR\n");
        return 2;
    }
    std::size_t inputs = 0;
    for (const auto& target : std::filesystem::directory_iterator(argv[1])) {
        if (!target.is_directory()) continue;
        for (const auto& file : std::filesystem::directory_iterator(target.path())) {
            std::ifstream in(file.path(), std::ios::binary);
            std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (!docket::fuzz::run(target.path().filename().string(), data.data(), data.size())) {
                std::fprintf(stderr, "fuzz_replay: %s: no such target\n", target.path().c_str());
                return 2;
            }
            ++inputs;
        }
    }
    std::printf("fuzz_replay: %zu saved inputs ran without a crash\n", inputs);
    return 0;
}
