// Word clusters: words that appear in the same contexts in unlabelled news share a
// cluster, at three granularities, so the recogniser can generalise from a word it
// was trained on to one it never saw ("Gracenote" near "firm", "said", "shares").
// Made by tests/eval/train_clusters from Reuters-21578; data/word-clusters.tsv.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "text/flat_map.h"

namespace docket::recogniser {

inline constexpr int kClusterLevels = 3;
using ClusterIds = std::array<std::uint16_t, kClusterLevels>;  // coarse to fine

class WordClusters {
public:
    // The clusters compiled into the binaries.
    static const WordClusters& builtin();
    // Loads "word<TAB>coarse<TAB>middle<TAB>fine" lines ('#' lines are comments).
    // Throws std::runtime_error naming origin and line on bad input.
    void load(std::string_view tsv, std::string_view origin);
    // The clusters of a word (by its FNV-1a hash, as written), or nullptr.
    const ClusterIds* of(std::uint64_t word_hash) const { return clusters_.find(word_hash); }

private:
    text::FlatMap64<ClusterIds> clusters_;
};

}  // namespace docket::recogniser
