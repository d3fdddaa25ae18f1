// extern "C" shims for jwtcore/common.h and jwtcore/base64url.h.
#include "jwtcore/common.h"

#include <cstdlib>
#include <cstring>

#include "../core/base64url.hpp"
#include "../core/crypto/random.hpp"
#include "guard.hpp"
#include "jwtcore/base64url.h"
#include "jwtcore/version.h"

namespace jwtcore::capi {
namespace {

// Fixed-size so that recording an error never allocates (it may run while reporting bad_alloc).
constexpr size_t kMessageCap = 512;
thread_local char t_message[kMessageCap];

// The block header before every library-owned output: its full size, so that jwtcore_free can
// zero it. 16 bytes keeps the payload aligned for any scalar type.
struct alignas(16) OutHeader {
  size_t size;
  uint64_t magic;
};
constexpr uint64_t kOutMagic = 0x6a77746f75746d6dULL;

void set_message(std::string_view m) noexcept {
  size_t n = m.size() < kMessageCap - 1 ? m.size() : kMessageCap - 1;
  std::memcpy(t_message, m.data(), n);
  t_message[n] = '\0';
}

}  // namespace

int fail(const Status &st) noexcept {
  set_message(st.message());
  return st.code() == JWTCORE_OK ? JWTCORE_E_INTERNAL : st.code();
}

int fail(int code, std::string_view message) noexcept {
  set_message(message);
  return code;
}

void clear_error() noexcept { t_message[0] = '\0'; }

uint8_t *alloc_out(size_t n) {
  if (n > SIZE_MAX - sizeof(OutHeader) - 1) throw std::bad_alloc();
  const size_t total = sizeof(OutHeader) + n + 1;
  void *raw = std::malloc(total);
  if (raw == nullptr) throw std::bad_alloc();
  auto *h = static_cast<OutHeader *>(raw);
  h->size = total;
  h->magic = kOutMagic;
  auto *payload = reinterpret_cast<uint8_t *>(h + 1);
  payload[n] = 0;
  return payload;
}

int emit(uint8_t **out, size_t *out_len, bytes_view data) {
  uint8_t *p = alloc_out(data.size());
  if (!data.empty()) std::memcpy(p, data.data(), data.size());
  *out = p;
  *out_len = data.size();
  return JWTCORE_OK;
}

}  // namespace jwtcore::capi

using namespace jwtcore;

extern "C" {

JWTCORE_API const char *jwtcore_strerror(int code) {
  switch (code) {
    case JWTCORE_OK: return "success";
    case JWTCORE_E_INTERNAL: return "internal error";
    case JWTCORE_E_NO_MEMORY: return "out of memory";
    case JWTCORE_E_INVALID_ARGUMENT: return "invalid argument";
    case JWTCORE_E_INVALID_HANDLE: return "invalid handle";
    case JWTCORE_E_BAD_FLAG: return "unknown flag bits";
    case JWTCORE_E_INVALID_STATE: return "invalid state for this operation";
    case JWTCORE_E_NOT_SUPPORTED: return "not supported";
    case JWTCORE_E_RANDOM: return "random generator failure";
    case JWTCORE_E_MALFORMED: return "malformed input";
    case JWTCORE_E_BASE64: return "invalid base64url";
    case JWTCORE_E_JSON: return "invalid JSON";
    case JWTCORE_E_JSON_DUPLICATE: return "duplicate JSON member name";
    case JWTCORE_E_TOKEN_FORMAT: return "malformed token serialization";
    case JWTCORE_E_HEADER: return "invalid header";
    case JWTCORE_E_PEM: return "invalid PEM or DER";
    case JWTCORE_E_KEY_INVALID: return "invalid key";
    case JWTCORE_E_KEY_UNSUPPORTED: return "unsupported key type or curve";
    case JWTCORE_E_KEY_WEAK: return "key too weak";
    case JWTCORE_E_KEY_MISMATCH: return "key does not fit the algorithm";
    case JWTCORE_E_KEY_NOT_FOUND: return "no matching key";
    case JWTCORE_E_KEY_USAGE: return "key use or key_ops forbid the operation";
    case JWTCORE_E_KEY_NOT_PRIVATE: return "a private or secret key is required";
    case JWTCORE_E_POINT_INVALID: return "invalid elliptic-curve point";
    case JWTCORE_E_ALG_NOT_ALLOWED: return "algorithm not allowed";
    case JWTCORE_E_BAD_SIGNATURE: return "signature verification failed";
    case JWTCORE_E_CRIT_UNKNOWN: return "unsupported critical header";
    case JWTCORE_E_TYP_MISMATCH: return "unexpected token type";
    case JWTCORE_E_UNKNOWN_ALG: return "unknown algorithm";
    case JWTCORE_E_DECRYPT: return "decryption failed";
    case JWTCORE_E_ENC_NOT_ALLOWED: return "content encryption not allowed";
    case JWTCORE_E_ZIP_UNSUPPORTED: return "compression not supported";
    case JWTCORE_E_EXPIRED: return "token expired";
    case JWTCORE_E_NOT_YET_VALID: return "token not yet valid";
    case JWTCORE_E_ISSUED_IN_FUTURE: return "token issued in the future";
    case JWTCORE_E_ISSUER: return "issuer not accepted";
    case JWTCORE_E_AUDIENCE: return "audience not accepted";
    case JWTCORE_E_CLAIM_MISSING: return "required claim missing";
    case JWTCORE_E_CLAIM_TYPE: return "claim has the wrong type";
    case JWTCORE_E_CLAIM_MISMATCH: return "claim value not accepted";
    case JWTCORE_E_SCOPE: return "required scope missing";
    case JWTCORE_E_TOO_OLD: return "token too old";
    case JWTCORE_E_LIFETIME: return "token lifetime too long";
    case JWTCORE_E_REVOKED: return "token revoked";
    case JWTCORE_E_LIMIT_SIZE: return "input too large";
    case JWTCORE_E_LIMIT_DEPTH: return "JSON nested too deeply";
    case JWTCORE_E_LIMIT_ITERATIONS: return "PBES2 iteration count out of range";
    case JWTCORE_E_LIMIT_INFLATE: return "decompressed size over the limit";
    default: return "unknown status code";
  }
}

JWTCORE_API const char *jwtcore_last_error_message(void) { return capi::t_message; }

JWTCORE_API void jwtcore_free(void *p) {
  if (p == nullptr) return;
  auto *h = static_cast<capi::OutHeader *>(p) - 1;
  // A pointer we did not hand out is a caller bug; refusing it beats corrupting the heap.
  if (h->magic != capi::kOutMagic) return;
  const size_t total = h->size;
  secure_zero(h, total);
  std::free(h);
}

JWTCORE_API uint32_t jwtcore_version_number(void) { return JWTCORE_VERSION_NUMBER; }
JWTCORE_API const char *jwtcore_version_string(void) { return JWTCORE_VERSION_STRING; }
JWTCORE_API uint32_t jwtcore_abi_version(void) { return JWTCORE_ABI_VERSION; }

JWTCORE_API int jwtcore_base64url_encode(uint8_t **out, size_t *out_len, const uint8_t *in, size_t len) {
  return capi::guard([&]() -> int {
    if (out == nullptr || out_len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out and out_len must not be NULL");
    *out = nullptr;
    *out_len = 0;
    if (!capi::span_ok(in, len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "in is NULL with a non-zero length");
    const size_t n = base64url::encoded_size(len);
    uint8_t *p = capi::alloc_out(n);
    base64url::encode_to(bytes_view(in, len), reinterpret_cast<char *>(p));
    *out = p;
    *out_len = n;
    return JWTCORE_OK;
  });
}

JWTCORE_API int jwtcore_base64url_decode(uint8_t **out, size_t *out_len, const char *in, size_t len) {
  return capi::guard([&]() -> int {
    if (out == nullptr || out_len == nullptr) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "out and out_len must not be NULL");
    *out = nullptr;
    *out_len = 0;
    if (!capi::span_ok(in, len)) return capi::fail(JWTCORE_E_INVALID_ARGUMENT, "in is NULL with a non-zero length");
    uint8_t *p = capi::alloc_out(base64url::decoded_size(len));
    size_t written = 0;
    Status st = base64url::decode_to(std::string_view(in, len), p, &written);
    if (!st) {
      jwtcore_free(p);
      return capi::fail(st);
    }
    p[written] = 0;
    *out = p;
    *out_len = written;
    return JWTCORE_OK;
  });
}

}  // extern "C"
