// Backend initialisation and randomness. Init is never required from callers (API.md rule 12):
// every entry point that needs the backend calls ensure_init(), which runs once (std::call_once).
#pragma once

#include <cstddef>
#include <cstdint>

namespace jwtcore::crypto {

// Initialises libsodium once per process; cheap after the first call. Returns false only if
// libsodium could not initialise (no usable randomness source).
bool ensure_init() noexcept;

// Fills `out` with `n` bytes from libsodium's CSPRNG (randombytes_buf).
void random_bytes(uint8_t *out, size_t n) noexcept;

// An mbedTLS-style f_rng adapter over random_bytes, for blinding and key generation
// (int (*)(void *, unsigned char *, size_t)); `ctx` is ignored.
int mbedtls_rng(void *ctx, unsigned char *out, size_t n);

// Constant-time equality of two equal-length buffers (sodium_memcmp); false if lengths differ.
bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n) noexcept;

}  // namespace jwtcore::crypto
