// libFuzzer entry point for the "extract" target (see targets.h).
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docket::fuzz::extract(data, size);
    return 0;
}
