// Secret memory: zeroing on release for transient secrets, and libsodium guarded pages for keys.
// The implementations live in src/core/crypto/memory.cpp, the only place that may call libsodium.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>

namespace jwtcore {

// Overwrites n bytes in a way the compiler may not elide (sodium_memzero).
void secure_zero(void *p, size_t n) noexcept;

// An allocator whose deallocate() zeroes the block first: for std::vector/std::string holding
// CEKs, derived keys and plaintext.
template <class T>
struct ZeroingAllocator {
  using value_type = T;
  ZeroingAllocator() noexcept = default;
  template <class U>
  ZeroingAllocator(const ZeroingAllocator<U> &) noexcept {}  // NOLINT: allocator rebind

  T *allocate(size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T *p, size_t n) noexcept {
    secure_zero(p, n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }
  template <class U>
  bool operator==(const ZeroingAllocator<U> &) const noexcept { return true; }
  template <class U>
  bool operator!=(const ZeroingAllocator<U> &) const noexcept { return false; }
};

// Long-lived key material in libsodium guarded memory (sodium_malloc: guard pages, canary,
// mlock where the system allows it), made read-only once filled and zeroed when released.
// Each guarded block costs several pages and memory mappings, so a process holding tens of
// thousands of keys reaches the kernel's mapping limit (vm.max_map_count); past that point the
// bytes go to an ordinary heap block instead, still mlock'ed where allowed and zeroed on release,
// rather than failing the import. Move-only; an empty GuardedBytes has size 0.
class GuardedBytes {
 public:
  GuardedBytes() = default;
  // Copies `n` bytes from `src` into fresh guarded memory; throws std::bad_alloc on failure.
  GuardedBytes(const uint8_t *src, size_t n);
  GuardedBytes(GuardedBytes &&other) noexcept;
  GuardedBytes &operator=(GuardedBytes &&other) noexcept;
  GuardedBytes(const GuardedBytes &) = delete;
  GuardedBytes &operator=(const GuardedBytes &) = delete;
  ~GuardedBytes();

  const uint8_t *data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  uint8_t *data_ = nullptr;
  size_t size_ = 0;
  bool guarded_ = false;  // sodium_malloc'ed (else the heap fallback)
};

}  // namespace jwtcore
