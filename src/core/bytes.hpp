// Byte spans and owned byte buffers used throughout the core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "secure_mem.hpp"

namespace jwtcore {

// A non-owning view of bytes (C++17 has no std::span). Parse in place, copy only at the ABI.
class bytes_view {
 public:
  constexpr bytes_view() = default;
  constexpr bytes_view(const uint8_t *data, size_t size) : data_(data), size_(size) {}
  bytes_view(std::string_view s)  // NOLINT: implicit, text is bytes here
      : data_(reinterpret_cast<const uint8_t *>(s.data())), size_(s.size()) {}
  template <class Alloc>
  bytes_view(const std::vector<uint8_t, Alloc> &v)  // NOLINT: implicit like span
      : data_(v.data()), size_(v.size()) {}
  template <class Traits, class Alloc>
  bytes_view(const std::basic_string<char, Traits, Alloc> &s)  // NOLINT: implicit, text is bytes here
      : data_(reinterpret_cast<const uint8_t *>(s.data())), size_(s.size()) {}

  constexpr const uint8_t *data() const { return data_; }
  constexpr size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const uint8_t *begin() const { return data_; }
  constexpr const uint8_t *end() const { return data_ + size_; }
  constexpr uint8_t operator[](size_t i) const { return data_[i]; }
  constexpr bytes_view subview(size_t pos, size_t n) const { return bytes_view(data_ + pos, n); }
  std::string_view as_string() const { return {reinterpret_cast<const char *>(data_), size_}; }

 private:
  const uint8_t *data_ = nullptr;
  size_t size_ = 0;
};

// Public data (signatures, ciphertexts, public keys).
using Bytes = std::vector<uint8_t>;

// Transient secrets (CEKs, derived keys, plaintext): zeroed when released or reallocated.
using SecretBytes = std::vector<uint8_t, ZeroingAllocator<uint8_t>>;

// Text that may hold secrets (a private JWK being serialized, a decrypted payload as text).
using SecretString = std::basic_string<char, std::char_traits<char>, ZeroingAllocator<char>>;

inline Bytes to_bytes(bytes_view v) { return Bytes(v.begin(), v.end()); }
inline SecretBytes to_secret(bytes_view v) { return SecretBytes(v.begin(), v.end()); }

}  // namespace jwtcore
