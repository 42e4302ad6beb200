// Reading the project's line-based data files (the recogniser's model, word clusters)
// and linking big ones into the binaries.
#pragma once

#include <cstddef>
#include <string_view>

namespace docket::text {

// Calls fn(line, line_no) for each line that is neither empty nor a '#' comment.
template <typename Fn>
void for_each_data_line(std::string_view tsv, Fn fn) {
    std::size_t line_no = 0;
    for (std::size_t start = 0; start < tsv.size();) {
        std::size_t end = tsv.find('\n', start);
        if (end == std::string_view::npos) end = tsv.size();
        const std::string_view line = tsv.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (!line.empty() && line[0] != '#') fn(line, line_no);
    }
}

}  // namespace docket::text

// Links the file at PATH (a string literal) into the binary as the bytes NAME[] up to
// NAME_end[], with the assembler's .incbin: a data file of megabytes compiles in no time
// this way, where an array literal takes minutes. Use once per file, at namespace scope.
#define DOCKET_EMBED_FILE(NAME, PATH)                 \
    extern "C" const char NAME[];                     \
    extern "C" const char NAME##_end[];               \
    asm(".section .rodata\n"                          \
        ".global " #NAME "\n"                         \
        ".global " #NAME "_end\n" #NAME ":\n"         \
        ".incbin \"" PATH "\"\n" #NAME "_end:\n"      \
        ".byte 0\n"                                   \
        ".previous\n")
