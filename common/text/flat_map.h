// A small open-addressing hash map from 64-bit hashes to values. The recogniser fills
// a few per article, where node-based maps spent more time allocating than the model
// spends scoring; the gazetteer looks every capitalised word up in one; facets count
// every match's codes in one. Key 0 is stored as 1 (0 marks a free slot).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace docket::text {

template <typename V>
class FlatMap64 {
public:
    // The value of `key`, value-initialised when new.
    V& operator[](std::uint64_t key) {
        key = key ? key : 1;  // 0 marks a free slot
        if (2 * (size_ + 1) > keys_.size()) grow();
        std::size_t i = slot(key);
        if (keys_[i] == 0) {
            keys_[i] = key;
            values_[i] = V{};
            ++size_;
        }
        return values_[i];
    }
    const V* find(std::uint64_t key) const {
        if (keys_.empty()) return nullptr;
        key = key ? key : 1;
        const std::size_t i = slot(key);
        return keys_[i] == 0 ? nullptr : &values_[i];
    }
    V* find(std::uint64_t key) { return const_cast<V*>(static_cast<const FlatMap64&>(*this).find(key)); }
    bool contains(std::uint64_t key) const { return find(key) != nullptr; }
    // Calls fn(key, value) for every entry, in no particular order.
    template <typename Fn>
    void for_each(Fn fn) const {
        for (std::size_t i = 0; i < keys_.size(); ++i)
            if (keys_[i]) fn(keys_[i], values_[i]);
    }
    bool empty() const { return size_ == 0; }
    void clear() {
        keys_.clear();
        values_.clear();
        size_ = 0;
    }

private:
    std::size_t slot(std::uint64_t key) const {
        const std::size_t mask = keys_.size() - 1;
        std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 17) & mask;
        while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask;
        return i;
    }
    void grow() {
        std::vector<std::uint64_t> old_keys = std::move(keys_);
        std::vector<V> old_values = std::move(values_);
        keys_.assign(old_keys.empty() ? 64 : 2 * old_keys.size(), 0);
        values_.assign(keys_.size(), V{});
        for (std::size_t i = 0; i < old_keys.size(); ++i)
            if (old_keys[i]) {
                const std::size_t to = slot(old_keys[i]);
                keys_[to] = old_keys[i];
                values_[to] = std::move(old_values[i]);
            }
    }
    std::vector<std::uint64_t> keys_;
    std::vector<V> values_;
    std::size_t size_ = 0;
};

}  // namespace docket::text
