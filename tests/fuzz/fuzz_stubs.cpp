// libFuzzer entry point for the "stubs" target (see targets.h).
#include "targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    docket::fuzz::stubs(data, size);
    return 0;
}
