// libFuzzer entry point for the "query" target (see targets.h).
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docket::fuzz::query(data, size);
    return 0;
}
