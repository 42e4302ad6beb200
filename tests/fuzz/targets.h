// Fuzz targets: each feeds arbitrary bytes through one input path of Docket.
// Built twice: with libFuzzer (clang, -fsanitize=fuzzer) for fuzzing, and into
// `fuzz_replay`, a normal test that replays the saved inputs in regressions/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace docket::fuzz {

// Every reader (the first byte picks the format), then the extractor on what it read.
void readers(const std::uint8_t* data, std::size_t size);
// The entity extractors on raw text.
void extract(const std::uint8_t* data, std::size_t size);
// The query path: syntax check, parse, run against a small in-memory index.
void query(const std::uint8_t* data, std::size_t size);

// Stub files: the input, split at NUL bytes into files s0, s1... of one folder
// (so they can name each other and themselves), opened as the searcher opens --db s0.
void stubs(const std::uint8_t* data, std::size_t size);

// Calls the target called `name`; false when there is none.
bool run(std::string_view name, const std::uint8_t* data, std::size_t size);

}  // namespace docket::fuzz
