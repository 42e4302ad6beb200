// An allocator for large arrays that grow while a search counts (a timeline's amounts): blocks
// of 1 MiB and more are 2 MiB-aligned and marked for transparent huge pages, so filling them
// takes a page fault per 2 MiB rather than per 4 KiB. Each fault is a trap into the kernel,
// dearer still in a virtual machine: filling a few MiB of fresh 4 KiB pages cost a ×16
// timeline about a fifth of its time. Smaller blocks come from operator new.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>

namespace docket::text {

template <typename T>
struct HugePageAllocator {
    using value_type = T;
    static constexpr std::size_t kHugePage = std::size_t{2} << 20, kHugeFrom = std::size_t{1} << 20;

    HugePageAllocator() = default;
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kHugeFrom) return static_cast<T*>(::operator new(bytes));
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        void* p = std::aligned_alloc(kHugePage, rounded);
        if (!p) throw std::bad_alloc();
        madvise(p, rounded, MADV_HUGEPAGE);  // only advice: without huge pages it still works
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        if (n * sizeof(T) < kHugeFrom)
            ::operator delete(p);
        else
            std::free(p);
    }
    friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

}  // namespace docket::text
