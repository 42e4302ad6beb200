// FNV-1a, 64 bits: the one hash Docket stores (content keys, facet codes, long
// terms, shard placement, the gazetteer fingerprint). Stable across runs, builds
// and machines, so what one run writes another can recompute.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace docket::text {

inline constexpr std::uint64_t kFnvOffsetBasis = 1469598103934665603ULL;

// `bytes` hashed on from `h` (so several pieces hash as their concatenation).
inline std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = kFnvOffsetBasis) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
    return h;
}

// The lowest `digits` hex digits of `h`, most significant first.
inline std::string hex_digits(std::uint64_t h, int digits = 16) {
    std::string out(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = "0123456789abcdef"[h & 15];
    return out;
}

}  // namespace docket::text
