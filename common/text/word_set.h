// A fixed list of words (a rule's cue words, say), looked up by FNV-1a hash in a flat
// table and checked by one comparison. The extraction rules test most tokens against
// several lists, where std::set and std::unordered_set spent more time comparing and
// hashing than the rules spent deciding.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "text/flat_map.h"
#include "text/hash.h"

namespace docket::text {

class WordSet {
public:
    WordSet(std::initializer_list<std::string_view> words) {
        for (std::string_view w : words) {
            std::uint32_t& at = index_[fnv1a(w)];
            if (at == 0) {
                words_.push_back(w);
                at = static_cast<std::uint32_t>(words_.size());
            } else if (words_[at - 1] != w) {
                throw std::logic_error("WordSet: two words with one hash");  // never seen; a list would need another hash
            }
        }
    }
    // 1 when w is in the list (the std::set spelling the rules were written with).
    std::size_t count(std::string_view w) const {
        const std::uint32_t* at = index_.find(fnv1a(w));
        return at && words_[*at - 1] == w ? 1 : 0;
    }

private:
    FlatMap64<std::uint32_t> index_;  // hash -> 1 + index in words_
    std::vector<std::string_view> words_;
};

}  // namespace docket::text
