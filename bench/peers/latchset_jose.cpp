// bench_verify peer: latchset José 11 (<jose/jose.h>, libjose). It supports HS256/384/512,
// RS256, PS256 and ES256 of our list; it has no EdDSA.
//
// libjose works on JSON (jansson) objects only: its library API has no compact-serialization
// parser, so Verify builds the flattened JSON serialization (RFC 7515 section 7.2.2) from the
// three compact segments — a cost any libjose user pays — then calls jose_jws_ver(). The JWK is
// loaded once; libjose turns it into an OpenSSL key inside every jose_jws_ver() call, which is
// part of its measured cost. jose_jws_ver() takes the algorithm from the header and compares it
// to the JWK's "alg" with `strcmp(...) < 0` only (so e.g. "RS256" passes a key marked "HS256"):
// the algorithm is pinned here instead, from the decoded protected header. Claims are checked
// from the decoded payload with jansson.
#include "peer.hpp"
#include "jansson_claims.hpp"

// libjose's headers have no extern "C" guard of their own.
extern "C" {
#include <jose/jose.h>
}

#include <cstdarg>
#include <cstdint>
#include <memory>
#include <string_view>

namespace jwtcore::bench {
namespace {

using jansson::claims_ok;
using jansson::Expected;
using jansson::JsonPtr;
using jansson::string_member_is;

// {"protected": h, "payload": p, "signature": s} from "h.p.s"; null unless exactly three segments.
JsonPtr flattened_from_compact(std::string_view token) {
  const size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return nullptr;
  const size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) {
    return nullptr;
  }
  return JsonPtr(json_pack("{s:s%,s:s%,s:s%}",                                       //
                           "protected", token.data(), dot1,                          //
                           "payload", token.data() + dot1 + 1, dot2 - dot1 - 1,      //
                           "signature", token.data() + dot2 + 1, token.size() - dot2 - 1));
}

// With a null jose_cfg_t, libjose prints every error to stderr; a gateway (and the benchmark's
// rejection runs) wants them silent.
void ignore_error(void *, const char *, int, uint64_t, const char *, va_list) {}

std::shared_ptr<jose_cfg_t> silent_cfg() {
  const std::shared_ptr<jose_cfg_t> cfg(jose_cfg(), jose_cfg_decref);
  if (cfg) jose_cfg_set_err_func(cfg.get(), ignore_error, nullptr);
  return cfg;
}

bool supported(const std::string &alg) {
  for (const char *name : {"HS256", "HS384", "HS512", "RS256", "PS256", "ES256"}) {
    if (alg == name) return true;
  }
  return false;
}

Verify make_verifier(const Fixture &f) {
  if (!supported(f.alg)) return {};
  const std::shared_ptr<json_t> jwk(json_loadb(f.public_jwk.data(), f.public_jwk.size(), 0, nullptr),
                                    json_decref);
  const std::shared_ptr<jose_cfg_t> cfg = silent_cfg();
  if (!jwk || !cfg) return {};
  return [jwk, cfg, want = Expected{f.alg, f.issuer, f.audience, f.now}](const std::string &token) {
    const JsonPtr jws = flattened_from_compact(token);
    if (!jws) return false;
    const JsonPtr header(jose_jws_hdr(jws.get()));
    if (!string_member_is(header.get(), "alg", want.alg)) return false;
    if (!jose_jws_ver(cfg.get(), jws.get(), nullptr, jwk.get(), false)) return false;
    const JsonPtr claims(jose_b64_dec_load(json_object_get(jws.get(), "payload")));
    return claims != nullptr && claims_ok(claims.get(), want);
  };
}

}  // namespace

void add_latchset_jose(std::vector<Peer> &peers) {
  // libjose has no run-time version call; JOSE_VERSION is the major number its header declares.
  peers.push_back(Peer{"latchset jose " + std::to_string(JOSE_VERSION), make_verifier});
}

}  // namespace jwtcore::bench
