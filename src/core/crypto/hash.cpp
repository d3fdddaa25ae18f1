// One-shot hashing through mbedTLS's generic digest call (same signature in 2.28 and 3.6).
#include "hash.hpp"

#include "mbedtls_compat.hpp"

namespace jwtcore::crypto {

Digest digest(Hash h, bytes_view data) noexcept {
  Digest out;
  const mbedtls_md_info_t *info = mbedtls_md_info_from_type(compat::md_type(h));
  if (info != nullptr && mbedtls_md(info, data.data(), data.size(), out.bytes.data()) == 0) {
    out.size = hash_size(h);
  }
  return out;
}

}  // namespace jwtcore::crypto
