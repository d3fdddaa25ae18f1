// Zeroing, guarded key memory, init and randomness: the libsodium side of secure_mem.hpp and
// random.hpp.
#include <sodium.h>

#include <mutex>
#include <cstdlib>
#include <cstring>
#include <new>

#include "../secure_mem.hpp"
#include "random.hpp"

namespace jwtcore {

void secure_zero(void *p, size_t n) noexcept {
  if (p != nullptr && n != 0) sodium_memzero(p, n);
}

GuardedBytes::GuardedBytes(const uint8_t *src, size_t n) {
  if (n == 0) return;
  if (!crypto::ensure_init()) throw std::bad_alloc();
  if (void *p = sodium_malloc(n); p != nullptr) {
    std::memcpy(p, src, n);
    sodium_mprotect_readonly(p);
    data_ = static_cast<uint8_t *>(p);
    guarded_ = true;
  } else {
    auto *heap = static_cast<uint8_t *>(std::malloc(n));
    if (heap == nullptr) throw std::bad_alloc();
    (void)sodium_mlock(heap, n);  // best effort: keep it out of swap where the limit allows
    std::memcpy(heap, src, n);
    data_ = heap;
  }
  size_ = n;
}

GuardedBytes::GuardedBytes(GuardedBytes &&other) noexcept
    : data_(other.data_), size_(other.size_), guarded_(other.guarded_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

GuardedBytes &GuardedBytes::operator=(GuardedBytes &&other) noexcept {
  if (this != &other) {
    this->~GuardedBytes();
    data_ = other.data_;
    size_ = other.size_;
    guarded_ = other.guarded_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

GuardedBytes::~GuardedBytes() {
  if (data_ != nullptr && guarded_) {
    sodium_free(data_);  // zeroes the block (after making it writable) and checks the canary
  } else if (data_ != nullptr) {
    sodium_munlock(data_, size_);  // zeroes the block, then unlocks it
    std::free(data_);
  }
  data_ = nullptr;
  size_ = 0;
}

}  // namespace jwtcore

namespace jwtcore::crypto {

bool ensure_init() noexcept {
  static std::once_flag once;
  static bool ok = false;
  std::call_once(once, [] { ok = sodium_init() >= 0; });
  return ok;
}

void random_bytes(uint8_t *out, size_t n) noexcept {
  ensure_init();
  randombytes_buf(out, n);
}

int mbedtls_rng(void *, unsigned char *out, size_t n) {
  random_bytes(out, n);
  return 0;
}

bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n) noexcept {
  return sodium_memcmp(a, b, n) == 0;
}

}  // namespace jwtcore::crypto
