// RSA over mbedTLS. See rsa.hpp for the thread-safety contract; the short version: verify
// paths only read the context, everything that touches blinding state or ctx->hash_id runs
// under Impl::mutex.
#include "rsa.hpp"

#include <mbedtls/rsa.h>

#include <cstring>
#include <mutex>
#include <string>

#include "asym_internal.hpp"
#include "rsa_impl.hpp"
#include "random.hpp"

namespace jwtcore::crypto {

namespace {

using detail::Mpi;
using rsa_detail::need_private;
using rsa_detail::set_padding;

// mbedTLS as built caps bignums at MBEDTLS_MPI_MAX_SIZE bytes (1024 = 8192 bits on Debian).
constexpr size_t backend_max_bits = MBEDTLS_MPI_MAX_SIZE * 8;

size_t effective_max_bits(const RsaLimits &limits) {
  size_t cap = RsaLimits::hard_max_bits < backend_max_bits ? RsaLimits::hard_max_bits
                                                           : backend_max_bits;
  return limits.max_bits < cap ? limits.max_bits : cap;
}

bytes_view strip_leading_zeros(bytes_view v) {
  size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  return v.subview(i, v.size() - i);
}

// Every private member except d is optional only as the full CRT set (RFC 7518 §6.3.2).
Status check_crt_set(const RsaComponentsView &c) {
  const std::pair<const char *, bytes_view> crt[] = {
      {"p", c.p}, {"q", c.q}, {"dp", c.dp}, {"dq", c.dq}, {"qi", c.qi}};
  size_t present = 0;
  for (const auto &m : crt) present += m.second.empty() ? 0 : 1;
  if (present == 0 || present == 5) return Status::ok();
  for (const auto &m : crt) {
    if (m.second.empty()) {
      return error(JWTCORE_E_KEY_INVALID,
                   std::string("RSA member '") + m.first +
                       "' is missing: p, q, dp, dq and qi must all be present or all absent");
    }
  }
  return Status::ok();
}

Status check_public_numbers(const mbedtls_mpi *n, const mbedtls_mpi *e, const RsaLimits &limits) {
  size_t bits = mbedtls_mpi_bitlen(n);
  if (bits < limits.min_bits) {
    return error(JWTCORE_E_KEY_WEAK, "RSA modulus 'n' is " + std::to_string(bits) +
                                         " bits, the minimum is " +
                                         std::to_string(limits.min_bits));
  }
  size_t max_bits = effective_max_bits(limits);
  if (bits > max_bits) {
    return error(JWTCORE_E_LIMIT_SIZE, "RSA modulus 'n' is " + std::to_string(bits) +
                                           " bits, the maximum is " + std::to_string(max_bits));
  }
  if (mbedtls_mpi_get_bit(n, 0) == 0) {
    return error(JWTCORE_E_KEY_INVALID, "RSA modulus 'n' is even");
  }
  if (mbedtls_mpi_get_bit(e, 0) == 0 || mbedtls_mpi_cmp_int(e, 1) <= 0) {
    return error(JWTCORE_E_KEY_WEAK, "RSA exponent 'e' must be odd and greater than 1");
  }
  // FIPS 186-5 §A.1.1 bounds e below 2^256; a huge e turns every verify into a slow private-
  // size exponentiation (denial of service with an attacker-supplied JWK).
  if (mbedtls_mpi_bitlen(e) > 256) {
    return error(JWTCORE_E_KEY_UNSUPPORTED, "RSA exponent 'e' is " +
                                                std::to_string(mbedtls_mpi_bitlen(e)) +
                                                " bits, at most 256 are supported");
  }
  if (mbedtls_mpi_cmp_mpi(e, n) >= 0) {
    return error(JWTCORE_E_KEY_INVALID, "RSA exponent 'e' is not less than the modulus 'n'");
  }
  return Status::ok();
}

Status read_member(mbedtls_mpi *out, bytes_view v, const char *name) {
  if (mbedtls_mpi_read_binary(out, v.data(), v.size()) != 0) {
    return error(JWTCORE_E_NO_MEMORY, std::string("RSA member '") + name + "' could not be read");
  }
  return Status::ok();
}

// mbedTLS derived DP, DQ, QP from (p, q, d); a JWK whose dp/dq/qi differ would make CRT
// signing produce faulty signatures, which leak the factorisation (Boneh-DeMillo-Lipton).
Status check_given_crt(const mbedtls_rsa_context *ctx, const RsaComponentsView &c) {
  Mpi dp, dq, qp;
  if (mbedtls_rsa_export_crt(ctx, dp.get(), dq.get(), qp.get()) != 0) {
    return error(JWTCORE_E_KEY_INVALID, "RSA CRT parameters could not be derived");
  }
  const std::pair<const char *, std::pair<bytes_view, const Mpi *>> given[] = {
      {"dp", {c.dp, &dp}}, {"dq", {c.dq, &dq}}, {"qi", {c.qi, &qp}}};
  for (const auto &g : given) {
    Mpi v;
    JWTCORE_TRY(read_member(v.get(), g.second.first, g.first));
    if (mbedtls_mpi_cmp_mpi(v.get(), g.second.second->get()) != 0) {
      return error(JWTCORE_E_KEY_INVALID,
                   std::string("RSA member '") + g.first + "' is inconsistent with 'p', 'q', 'd'");
    }
  }
  return Status::ok();
}

Status import_private(mbedtls_rsa_context *ctx, const mbedtls_mpi *n, const mbedtls_mpi *e,
                      const RsaComponentsView &c) {
  JWTCORE_TRY(check_crt_set(c));
  Mpi d, p, q;
  JWTCORE_TRY(read_member(d.get(), c.d, "d"));
  bool with_crt = !c.p.empty();
  if (with_crt) {
    JWTCORE_TRY(read_member(p.get(), c.p, "p"));
    JWTCORE_TRY(read_member(q.get(), c.q, "q"));
  }
  if (mbedtls_mpi_cmp_int(d.get(), 0) == 0 ||
      (with_crt && (mbedtls_mpi_cmp_int(p.get(), 0) == 0 || mbedtls_mpi_cmp_int(q.get(), 0) == 0))) {
    return error(JWTCORE_E_KEY_INVALID, "RSA private member 'd', 'p' or 'q' is zero");
  }
  int ret = mbedtls_rsa_import(ctx, n, with_crt ? p.get() : nullptr, with_crt ? q.get() : nullptr,
                               d.get(), e);
  if (ret != 0) return error(JWTCORE_E_NO_MEMORY, "RSA private key could not be imported");
  if (mbedtls_rsa_complete(ctx) != 0) {
    return error(JWTCORE_E_KEY_INVALID,
                 with_crt ? "RSA private key is inconsistent: 'p' * 'q' != 'n' or bad 'd'"
                          : "RSA private key is inconsistent: 'n' cannot be factored from 'e', 'd'");
  }
  // Checks p*q == n, d*e == 1 mod (p-1) and (q-1), 1 < d < n, and the CRT values.
  if (mbedtls_rsa_check_privkey(ctx) != 0) {
    return error(JWTCORE_E_KEY_INVALID,
                 "RSA private key is inconsistent: 'd', 'p', 'q' do not match 'n', 'e'");
  }
  if (with_crt) JWTCORE_TRY(check_given_crt(ctx, c));
  return Status::ok();
}

// One public operation at import fills mbedTLS's lazily computed Montgomery constant (ctx->RN)
// while the key is still private to this thread, so later concurrent verifies only read it.
void warm_public_cache(mbedtls_rsa_context *ctx, size_t len) {
  Bytes in(len, 0), out(len);
  in[len - 1] = 2;
  (void)mbedtls_rsa_public(ctx, in.data(), out.data());
}

int raw_verify(mbedtls_rsa_context *ctx, RsaSignatureScheme scheme, Hash hash, bytes_view digest,
               const uint8_t *sig) {
  mbedtls_md_type_t md = compat::md_type(hash);
  auto hlen = static_cast<unsigned int>(digest.size());
  if (scheme == RsaSignatureScheme::pkcs1v15) {
    // mbedTLS re-encodes EMSA-PKCS1-v1_5(hash) and compares all k bytes in constant time
    // (rsa.c: rsa_rsassa_pkcs1_v15_encode + mbedtls_safer_memcmp/mbedtls_ct_memcmp): no BER
    // parsing of the decrypted block, so Bleichenbacher'06-style forgeries cannot pass.
    return mbedtls_rsa_rsassa_pkcs1_v15_verify(ctx, JWTCORE_RSA_RNG_MODE(MBEDTLS_RSA_PUBLIC) md,
                                               hlen, digest.data(), sig);
  }
  // RFC 7518 §3.5: MGF1 with the same hash and a salt as long as the hash, both enforced.
  return mbedtls_rsa_rsassa_pss_verify_ext(ctx, JWTCORE_RSA_RNG_MODE(MBEDTLS_RSA_PUBLIC) md, hlen,
                                           digest.data(), md, static_cast<int>(digest.size()),
                                           sig);
}

// Caller holds the key mutex.
int raw_sign(mbedtls_rsa_context *ctx, RsaSignatureScheme scheme, Hash hash, bytes_view digest,
             uint8_t *sig) {
  mbedtls_md_type_t md = compat::md_type(hash);
  auto hlen = static_cast<unsigned int>(digest.size());
  if (scheme == RsaSignatureScheme::pkcs1v15) {
    int ret = set_padding(ctx, MBEDTLS_RSA_PKCS_V15, hash);
    if (ret != 0) return ret;
    return mbedtls_rsa_rsassa_pkcs1_v15_sign(ctx, mbedtls_rng, nullptr,
                                             JWTCORE_RSA_MODE(MBEDTLS_RSA_PRIVATE) md, hlen,
                                             digest.data(), sig);
  }
  // The _ext form fixes the salt length; the hash for H and MGF1 comes from ctx->hash_id.
  int ret = set_padding(ctx, MBEDTLS_RSA_PKCS_V21, hash);
  if (ret != 0) return ret;
  return mbedtls_rsa_rsassa_pss_sign_ext(ctx, mbedtls_rng, nullptr, md, hlen, digest.data(),
                                         static_cast<int>(digest.size()), sig);
}

Status check_digest_size(Hash hash, bytes_view digest) {
  if (digest.size() == hash_size(hash)) return Status::ok();
  return error(JWTCORE_E_INVALID_ARGUMENT, "digest is " + std::to_string(digest.size()) +
                                               " bytes, the hash produces " +
                                               std::to_string(hash_size(hash)));
}

}  // namespace

// ---- construction ----------------------------------------------------------------------------

RsaKey::RsaKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RsaKey::RsaKey(RsaKey &&) noexcept = default;
RsaKey &RsaKey::operator=(RsaKey &&) noexcept = default;
RsaKey::~RsaKey() = default;

Result<RsaKey> RsaKey::from_components(const RsaComponentsView &c, const RsaLimits &limits) {
  if (c.n.empty()) return error(JWTCORE_E_KEY_INVALID, "RSA member 'n' is missing");
  if (c.e.empty()) return error(JWTCORE_E_KEY_INVALID, "RSA member 'e' is missing");
  // Bound the work before any bignum is built from attacker-sized input.
  size_t n_bytes = strip_leading_zeros(c.n).size();
  if (n_bytes > RsaLimits::hard_max_bits / 8 + 1) {
    return error(JWTCORE_E_LIMIT_SIZE,
                 "RSA modulus 'n' is " + std::to_string(n_bytes) + " bytes, over the hard cap");
  }
  if (strip_leading_zeros(c.e).size() > 64) {
    return error(JWTCORE_E_KEY_UNSUPPORTED, "RSA exponent 'e' is longer than 256 bits");
  }
  Mpi n, e;
  JWTCORE_TRY(read_member(n.get(), c.n, "n"));
  JWTCORE_TRY(read_member(e.get(), c.e, "e"));
  JWTCORE_TRY(check_public_numbers(n.get(), e.get(), limits));

  auto impl = std::make_unique<Impl>();
  bool is_private = !c.d.empty();
  if (is_private) {
    JWTCORE_TRY(import_private(&impl->ctx, n.get(), e.get(), c));
  } else {
    if (!c.p.empty() || !c.q.empty() || !c.dp.empty() || !c.dq.empty() || !c.qi.empty()) {
      return error(JWTCORE_E_KEY_INVALID, "RSA CRT members present without the private exponent 'd'");
    }
    if (mbedtls_rsa_import(&impl->ctx, n.get(), nullptr, nullptr, nullptr, e.get()) != 0 ||
        mbedtls_rsa_complete(&impl->ctx) != 0 || mbedtls_rsa_check_pubkey(&impl->ctx) != 0) {
      return error(JWTCORE_E_KEY_INVALID, "RSA public key 'n', 'e' is invalid");
    }
  }
  impl->has_private = is_private;
  impl->bits = mbedtls_mpi_bitlen(n.get());
  impl->bytes = mbedtls_rsa_get_len(&impl->ctx);
  warm_public_cache(&impl->ctx, impl->bytes);
  return RsaKey(std::move(impl));
}

Result<RsaKey> RsaKey::generate(size_t bits) {
  if (bits < 2048 || bits > 8192) {
    return error(JWTCORE_E_INVALID_ARGUMENT,
                 "RSA key size " + std::to_string(bits) + " is outside [2048, 8192]");
  }
  if (!ensure_init()) return error(JWTCORE_E_RANDOM, "the random generator is unavailable");
  auto impl = std::make_unique<Impl>();
  int ret = mbedtls_rsa_gen_key(&impl->ctx, mbedtls_rng, nullptr,
                                static_cast<unsigned int>(bits), 65537);
  if (ret != 0) {
    return error(JWTCORE_E_INTERNAL, "RSA key generation failed: " + detail::mbedtls_error_text(ret));
  }
  impl->has_private = true;
  impl->bits = mbedtls_mpi_bitlen(&impl->ctx.JWTCORE_MBEDTLS_FIELD(N));
  impl->bytes = mbedtls_rsa_get_len(&impl->ctx);
  warm_public_cache(&impl->ctx, impl->bytes);
  return RsaKey(std::move(impl));
}

// ---- accessors -------------------------------------------------------------------------------

bool RsaKey::has_private() const { return impl_->has_private; }
size_t RsaKey::modulus_bits() const { return impl_->bits; }
size_t RsaKey::modulus_bytes() const { return impl_->bytes; }

RsaPublicComponents RsaKey::public_components() const {
  Mpi n, e;
  mbedtls_rsa_export(&impl_->ctx, n.get(), nullptr, nullptr, nullptr, e.get());
  return {detail::mpi_minimal<Bytes>(n.get()), detail::mpi_minimal<Bytes>(e.get())};
}

Result<RsaPrivateComponents> RsaKey::private_components() const {
  JWTCORE_TRY(need_private(impl_->has_private, "exporting private components"));
  Mpi n, p, q, d, e, dp, dq, qi;
  if (mbedtls_rsa_export(&impl_->ctx, n.get(), p.get(), q.get(), d.get(), e.get()) != 0 ||
      mbedtls_rsa_export_crt(&impl_->ctx, dp.get(), dq.get(), qi.get()) != 0) {
    return error(JWTCORE_E_INTERNAL, "RSA private components could not be exported");
  }
  RsaPrivateComponents out;
  out.n = detail::mpi_minimal<Bytes>(n.get());
  out.e = detail::mpi_minimal<Bytes>(e.get());
  out.d = detail::mpi_minimal<SecretBytes>(d.get());
  out.p = detail::mpi_minimal<SecretBytes>(p.get());
  out.q = detail::mpi_minimal<SecretBytes>(q.get());
  out.dp = detail::mpi_minimal<SecretBytes>(dp.get());
  out.dq = detail::mpi_minimal<SecretBytes>(dq.get());
  out.qi = detail::mpi_minimal<SecretBytes>(qi.get());
  return out;
}

RsaKey RsaKey::public_only() const {
  auto impl = std::make_unique<Impl>();
  Mpi n, e;
  mbedtls_rsa_export(&impl_->ctx, n.get(), nullptr, nullptr, nullptr, e.get());
  if (mbedtls_rsa_import(&impl->ctx, n.get(), nullptr, nullptr, nullptr, e.get()) != 0 ||
      mbedtls_rsa_complete(&impl->ctx) != 0) {
    throw std::bad_alloc();  // only allocation can fail for an already validated key
  }
  impl->bits = impl_->bits;
  impl->bytes = impl_->bytes;
  warm_public_cache(&impl->ctx, impl->bytes);
  return RsaKey(std::move(impl));
}

// ---- signatures ------------------------------------------------------------------------------

Result<Bytes> RsaKey::sign(RsaSignatureScheme scheme, Hash hash, bytes_view message) const {
  Digest d = crypto::digest(hash, message);
  return sign_digest(scheme, hash, d.view());
}

Result<Bytes> RsaKey::sign_digest(RsaSignatureScheme scheme, Hash hash, bytes_view digest) const {
  JWTCORE_TRY(need_private(impl_->has_private, "signing"));
  JWTCORE_TRY(check_digest_size(hash, digest));
  Bytes sig(impl_->bytes);
  int ret;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ret = raw_sign(&impl_->ctx, scheme, hash, digest, sig.data());
  }
  if (ret != 0) {
    return error(JWTCORE_E_INTERNAL, "RSA signing failed: " + detail::mbedtls_error_text(ret));
  }
  return sig;
}

Status RsaKey::verify(RsaSignatureScheme scheme, Hash hash, bytes_view message,
                      bytes_view signature) const {
  if (signature.size() != impl_->bytes) {
    return error(JWTCORE_E_BAD_SIGNATURE, "RSA signature is " + std::to_string(signature.size()) +
                                              " bytes, the modulus is " +
                                              std::to_string(impl_->bytes));
  }
  Digest d = crypto::digest(hash, message);
  return verify_digest(scheme, hash, d.view(), signature);
}

Status RsaKey::verify_digest(RsaSignatureScheme scheme, Hash hash, bytes_view digest,
                             bytes_view signature) const {
  if (signature.size() != impl_->bytes) {
    return error(JWTCORE_E_BAD_SIGNATURE, "RSA signature is " + std::to_string(signature.size()) +
                                              " bytes, the modulus is " +
                                              std::to_string(impl_->bytes));
  }
  JWTCORE_TRY(check_digest_size(hash, digest));
  // Only 0 is success: mbedTLS has non-zero returns after a partially successful check.
  if (raw_verify(&impl_->ctx, scheme, hash, digest, signature.data()) != 0) {
    return error(JWTCORE_E_BAD_SIGNATURE, "RSA signature does not verify");
  }
  return Status::ok();
}

}  // namespace jwtcore::crypto
