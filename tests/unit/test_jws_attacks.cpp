// The JWS attack suite (SECURITY.md rows 1-6, 14, 16-19, 22): one case each, exact status codes.
#include <catch2/catch.hpp>

#include "jws_helpers.hpp"
#include "src/core/base64url.hpp"
#include "src/core/crypto/ec.hpp"
#include "src/core/keygen.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

KeyPtr gen(std::string_view spec) {
  auto k = generate_key(spec);
  INFO(k.status().message());
  REQUIRE(k.is_ok());
  return *k;
}

std::string b64(std::string_view s) { return base64url::encode(bytes_view(s)); }

// A compact token with an arbitrary header, signed with HMAC under `secret` (for forging).
std::string hmac_token(std::string_view header, std::string_view payload, bytes_view secret, Alg alg = Alg::hs256) {
  const std::string input = b64(header) + "." + b64(payload);
  auto mac = crypto::HmacKey::create(alg == Alg::hs256 ? crypto::Hash::sha256 : crypto::Hash::sha512, secret);
  REQUIRE(mac.is_ok());
  auto tag = mac->mac(bytes_view(input));
  return input + "." + base64url::encode(tag.view());
}

std::string sign_compact(const KeyPtr &key, Alg alg, std::string_view payload = "{}", std::string header = "") {
  JwsSignerSpec s{key, alg, std::move(header), "", true, false};
  auto t = jws_sign(bytes_view(payload), {s}, {});
  INFO(t.status().message());
  REQUIRE(t.is_ok());
  return *t;
}

const std::string kSecret = "0123456789abcdef0123456789abcdef";  // 32 bytes
KeyPtr hs_key() {
  return jwk(R"({"kty":"oct","k":")" + base64url::encode(bytes_view(kSecret)) + R"("})");
}

}  // namespace

TEST_CASE("alg none is rejected in every spelling, with and without a signature, when not enabled") {
  const KeyRing keys = ring({hs_key()});
  const JwsPolicy policy = allow({Alg::hs256});
  for (const char *alg : {"none", "None", "NONE", "nOnE"}) {
    const std::string h = b64(std::string(R"({"alg":")") + alg + "\"}");
    for (const std::string &tail : {std::string("."), std::string(".c2ln"), std::string("")}) {
      const std::string token = h + "." + b64("{\"admin\":true}") + tail;
      CAPTURE(token);
      const int code = verify_code(token, policy, keys);
      CHECK((code == JWTCORE_E_ALG_NOT_ALLOWED || (tail.empty() && code == JWTCORE_E_TOKEN_FORMAT)));
    }
  }
}

TEST_CASE("alg none needs the opt-in on the verifier and in the allow-list, and an empty signature") {
  const std::string token = b64(R"({"alg":"none"})") + "." + b64("hello") + ".";
  JwsPolicy p = allow({Alg::hs256});
  p.allow_none = true;  // opt-in without "none" in the allow-list
  CHECK(verify_code(token, p, KeyRing{}) == JWTCORE_E_ALG_NOT_ALLOWED);
  p = allow({Alg::none});  // in the allow-list without the opt-in
  CHECK(verify_code(token, p, KeyRing{}) == JWTCORE_E_ALG_NOT_ALLOWED);
  p.allow_none = true;
  CHECK(verify_code(token, p, KeyRing{}) == JWTCORE_OK);
  CHECK(verify_code(token + "c2ln", p, KeyRing{}) == JWTCORE_E_BAD_SIGNATURE);
  // "None" stays refused even with the opt-in: only the registered spelling exists.
  CHECK(verify_code(b64(R"({"alg":"None"})") + "." + b64("hello") + ".", p, KeyRing{}) == JWTCORE_E_ALG_NOT_ALLOWED);
}

TEST_CASE("Signing with alg none needs its own explicit flag") {
  JwsSignerSpec s{nullptr, Alg::none, "", "", true, false};
  auto refused = jws_sign(bytes_view(std::string_view("x")), {s}, {});
  CHECK(refused.status().code() == JWTCORE_E_ALG_NOT_ALLOWED);
  JwsSignOptions o;
  o.allow_none = true;
  auto ok = jws_sign(bytes_view(std::string_view("x")), {s}, o);
  REQUIRE(ok.is_ok());
  CHECK(*ok == b64(R"({"alg":"none"})") + ".eA.");
}

TEST_CASE("HS256 forged with an RSA public key's PEM bytes is refused: the key type decides (alg confusion)") {
  KeyPtr rsa = gen("RS256");
  auto pem = key_to_pem(*rsa, false);
  REQUIRE(pem.is_ok());
  auto pub = key_from_pem(bytes_view(std::string_view(pem->data(), pem->size())));
  REQUIRE(pub.is_ok());
  const std::string forged = hmac_token(R"({"alg":"HS256"})", R"({"admin":true})", bytes_view(std::string_view(pem->data(), pem->size())));
  CHECK(verify_code(forged, allow({Alg::hs256, Alg::rs256}), ring({*pub})) == JWTCORE_E_KEY_MISMATCH);
}

TEST_CASE("HS256 forged with an EC public JWK's text or raw point is refused (alg confusion)") {
  KeyPtr ec = gen("ES256");
  auto pub_jwk = key_to_jwk(*ec, false);
  REQUIRE(pub_jwk.is_ok());
  KeyPtr pub = jwk(std::string_view(pub_jwk->data(), pub_jwk->size()));
  const Bytes point = ec->ec()->sec1_uncompressed();
  for (bytes_view secret : {bytes_view(std::string_view(pub_jwk->data(), pub_jwk->size())), bytes_view(point)}) {
    const std::string forged = hmac_token(R"({"alg":"HS256"})", R"({"admin":true})", secret);
    CHECK(verify_code(forged, allow({Alg::hs256, Alg::es256}), ring({pub})) == JWTCORE_E_KEY_MISMATCH);
  }
}

TEST_CASE("An HMAC key is never used with an empty secret") {
  CHECK(key_from_secret(bytes_view()).status().code() == JWTCORE_E_KEY_WEAK);
}

TEST_CASE("A key bound to RS256 does not verify PS256, and an ES256 token needs a P-256 key") {
  KeyPtr rsa = gen("RS256");  // generated keys carry alg RS256
  const std::string ps = [&] {
    auto plain = key_to_jwk(*rsa, true);
    REQUIRE(plain.is_ok());
    std::string text(plain->data(), plain->size());
    text.replace(text.find("\"alg\":\"RS256\""), 13, "\"alg\":\"PS256\"");
    return sign_compact(jwk(text), Alg::ps256);
  }();
  CHECK(verify_code(ps, allow({Alg::ps256}), ring({rsa})) == JWTCORE_E_KEY_MISMATCH);
  KeyPtr p384 = gen("P-384");
  KeyPtr p256 = gen("P-256");
  const std::string es256 = sign_compact(p256, Alg::es256);
  CHECK(verify_code(es256, allow({Alg::es256}), ring({p384})) == JWTCORE_E_KEY_MISMATCH);
  CHECK(verify_code(es256, allow({Alg::es256}), ring({p256})) == JWTCORE_OK);
}

TEST_CASE("A key with use enc or key_ops without verify does not verify") {
  const std::string k = base64url::encode(bytes_view(kSecret));
  const std::string token = sign_compact(hs_key(), Alg::hs256);
  CHECK(verify_code(token, allow({Alg::hs256}), ring({jwk(R"({"kty":"oct","use":"enc","k":")" + k + "\"}")})) ==
        JWTCORE_E_KEY_USAGE);
  CHECK(verify_code(token, allow({Alg::hs256}), ring({jwk(R"({"kty":"oct","key_ops":["sign"],"k":")" + k + "\"}")})) ==
        JWTCORE_E_KEY_USAGE);
  CHECK(verify_code(token, allow({Alg::hs256}), ring({jwk(R"({"kty":"oct","key_ops":["verify"],"k":")" + k + "\"}")})) ==
        JWTCORE_OK);
}

TEST_CASE("An algorithm outside the allow-list is refused before any key is touched") {
  const std::string token = sign_compact(hs_key(), Alg::hs256);
  CHECK(verify_code(token, allow({Alg::es256}), ring({hs_key()})) == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(verify_code(token, JwsPolicy{}, ring({hs_key()})) == JWTCORE_E_ALG_NOT_ALLOWED);
  // A key-management alg is not a signature alg even if allowed.
  const std::string kw = b64(R"({"alg":"A256KW"})") + "." + b64("x") + ".c2ln";
  CHECK(verify_code(kw, allow({Alg::a256kw}), ring({hs_key()})) == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(verify_code(b64(R"({"alg":"HS257"})") + "." + b64("x") + ".c2ln", allow({Alg::hs256}), ring({hs_key()})) ==
        JWTCORE_E_ALG_NOT_ALLOWED);
}

TEST_CASE("Psychic signature: r = s = 0 is rejected for ES256, ES384 and ES512") {
  for (auto [spec, alg, size] : {std::tuple{"ES256", Alg::es256, 64}, std::tuple{"ES384", Alg::es384, 96},
                                 std::tuple{"ES512", Alg::es512, 132}}) {
    KeyPtr key = gen(spec);
    const std::string good = sign_compact(key, alg);
    const std::string forged = good.substr(0, good.rfind('.') + 1) + base64url::encode(Bytes(size_t(size), 0));
    CAPTURE(spec);
    CHECK(verify_code(forged, allow({alg}), ring({key})) == JWTCORE_E_BAD_SIGNATURE);
  }
}

TEST_CASE("ES256 signatures with r or s equal to n, or above it, are rejected") {
  // n of P-256 (SEC 2 §2.4.2).
  const Bytes n = {0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                   0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};
  KeyPtr key = gen("ES256");
  const std::string good = sign_compact(key, Alg::es256);
  const std::string prefix = good.substr(0, good.rfind('.') + 1);
  Bytes sig;
  REQUIRE(base64url::decode(good.substr(good.rfind('.') + 1), sig));
  Bytes r_eq_n = n, s_eq_n = sig, both = n, over = Bytes(32, 0xff);
  r_eq_n.insert(r_eq_n.end(), sig.begin() + 32, sig.end());
  std::copy(n.begin(), n.end(), s_eq_n.begin() + 32);
  both.insert(both.end(), n.begin(), n.end());
  over.insert(over.end(), sig.begin() + 32, sig.end());
  for (const Bytes &bad : {r_eq_n, s_eq_n, both, over}) {
    CHECK(verify_code(prefix + base64url::encode(bad), allow({Alg::es256}), ring({key})) == JWTCORE_E_BAD_SIGNATURE);
  }
  CHECK(verify_code(good, allow({Alg::es256}), ring({key})) == JWTCORE_OK);
}

TEST_CASE("A DER-encoded ECDSA signature, or R||S one byte short or long, is rejected") {
  KeyPtr key = gen("ES256");
  const std::string good = sign_compact(key, Alg::es256);
  const std::string prefix = good.substr(0, good.rfind('.') + 1);
  Bytes sig;
  REQUIRE(base64url::decode(good.substr(good.rfind('.') + 1), sig));
  Bytes der = {0x30, 0x44, 0x02, 0x20};
  der.insert(der.end(), sig.begin(), sig.begin() + 32);
  der.insert(der.end(), {0x02, 0x20});
  der.insert(der.end(), sig.begin() + 32, sig.end());
  CHECK(verify_code(prefix + base64url::encode(der), allow({Alg::es256}), ring({key})) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify_code(prefix + "MAYCAQACAQA", allow({Alg::es256}), ring({key})) == JWTCORE_E_BAD_SIGNATURE);
  Bytes shorter(sig.begin(), sig.end() - 1), longer = sig;
  longer.push_back(0);
  CHECK(verify_code(prefix + base64url::encode(shorter), allow({Alg::es256}), ring({key})) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify_code(prefix + base64url::encode(longer), allow({Alg::es256}), ring({key})) == JWTCORE_E_BAD_SIGNATURE);
}

TEST_CASE("A duplicate alg member is rejected even when both values are allowed") {
  const std::string token = hmac_token(R"({"alg":"HS256","alg":"HS256"})", "x", bytes_view(kSecret));
  CHECK(verify_code(token, allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_E_JSON_DUPLICATE);
}

TEST_CASE("Non-canonical base64url in each part is rejected") {
  const std::string good = sign_compact(hs_key(), Alg::hs256, "payload!");
  const size_t d1 = good.find('.'), d2 = good.rfind('.');
  const std::string h = good.substr(0, d1), p = good.substr(d1 + 1, d2 - d1 - 1), s = good.substr(d2 + 1);
  REQUIRE(verify_code(good, allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_OK);
  auto bump_last = [](std::string part) {  // keep the value, set unused low bits (or add padding)
    if (part.size() % 4 == 0) return part + "==";
    part.back() = static_cast<char>(part.back() + 1);
    return part;
  };
  for (const std::string &bad : {bump_last(h) + "." + p + "." + s, h + "." + bump_last(p) + "." + s,
                                 h + "." + p + "." + bump_last(s), h + "." + p + "=." + s, h + " ." + p + "." + s,
                                 h + "." + p + "." + s + "=", h + "." + p + "+." + s}) {
    CAPTURE(bad);
    const int code = verify_code(bad, allow({Alg::hs256}), ring({hs_key()}));
    CHECK((code == JWTCORE_E_BASE64 || code == JWTCORE_E_BAD_SIGNATURE));
    CHECK(code != JWTCORE_OK);
  }
  // 43 + 2 characters: a length no base64url text can have.
  CHECK(verify_code(h + "." + p + "." + s + "AA", allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_E_BASE64);
}

TEST_CASE("An embedded jwk signed by the attacker's key is never used to verify") {
  KeyPtr attacker = gen("ES256");
  KeyPtr real = gen("ES256");
  auto attacker_pub = key_to_jwk(*attacker, false);
  REQUIRE(attacker_pub.is_ok());
  const std::string header = std::string(R"({"jwk":)") + std::string(attacker_pub->data(), attacker_pub->size()) + "}";
  const std::string token = sign_compact(attacker, Alg::es256, R"({"admin":true})", header);
  CHECK(verify_code(token, allow({Alg::es256}), ring({real})) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify_code(token, allow({Alg::es256}), KeyRing{}) == JWTCORE_E_KEY_NOT_FOUND);
  // And a legitimately signed token that carries a jwk is verified with our key, flagged.
  const std::string legit = sign_compact(real, Alg::es256, "{}", header);
  JwsVerified out;
  const KeyRing keys = ring({real});  // out.key points into it
  CHECK(verify_code(legit, allow({Alg::es256}), keys, &out) == JWTCORE_OK);
  CHECK(out.embedded_key_ignored);
  REQUIRE(out.key != nullptr);
  CHECK(*out.key == real);
}

TEST_CASE("crit: unknown names, misuse and placement are rejected") {
  const KeyRing keys = ring({hs_key()});
  const JwsPolicy p = allow({Alg::hs256});
  auto code = [&](std::string_view header) {
    return verify_code(hmac_token(header, "x", bytes_view(kSecret)), p, keys);
  };
  CHECK(code(R"({"alg":"HS256","crit":["exp"],"exp":1})") == JWTCORE_E_CRIT_UNKNOWN);
  CHECK(code(R"({"alg":"HS256","crit":[]})") == JWTCORE_E_CRIT_UNKNOWN);
  CHECK(code(R"({"alg":"HS256","crit":"exp","exp":1})") == JWTCORE_E_CRIT_UNKNOWN);
  CHECK(code(R"({"alg":"HS256","crit":["alg"]})") == JWTCORE_E_CRIT_UNKNOWN);
  CHECK(code(R"({"alg":"HS256","crit":["x"]})") == JWTCORE_E_CRIT_UNKNOWN);  // listed but absent
  CHECK(code(R"({"alg":"HS256","crit":["x","x"],"x":1})") == JWTCORE_E_CRIT_UNKNOWN);
  CHECK(code(R"({"alg":"HS256","crit":[1]})") == JWTCORE_E_CRIT_UNKNOWN);
  // An application that declares it understands "exp" may accept it.
  JwsPolicy understood = p;
  understood.understood_crit.push_back("exp");
  CHECK(verify_code(hmac_token(R"({"alg":"HS256","crit":["exp"],"exp":1})", "x", bytes_view(kSecret)), understood, keys) ==
        JWTCORE_OK);
}

TEST_CASE("crit in an unprotected header is rejected") {
  KeyPtr key = hs_key();
  JwsSignerSpec s{key, Alg::hs256, "", R"({"crit":["x"],"x":1})", true, false};
  JwsSignOptions o;
  o.serialization = JwsSerialization::flattened;
  // The signer refuses nothing here (crit is not reserved in unprotected), so build it by hand.
  const std::string prot = b64(R"({"alg":"HS256"})");
  auto mac = crypto::HmacKey::create(crypto::Hash::sha256, bytes_view(kSecret));
  const std::string input = prot + "." + b64("x");
  const std::string sig = base64url::encode(mac->mac(bytes_view(input)).view());
  const std::string token = R"({"payload":")" + b64("x") + R"(","protected":")" + prot +
                            R"(","header":{"crit":["x"],"x":1},"signature":")" + sig + "\"}";
  CHECK(verify_code(token, allow({Alg::hs256}), ring({key})) == JWTCORE_E_CRIT_UNKNOWN);
}

TEST_CASE("b64 false without crit is rejected; with crit it verifies") {
  const std::string raw_payload = "$02";  // an unencoded compact payload may not contain '.'

  // Build the unencoded signing inputs by hand: header '.' raw payload.
  auto unencoded = [&](std::string_view header) {
    const std::string input = b64(header) + "." + raw_payload;
    auto mac = crypto::HmacKey::create(crypto::Hash::sha256, bytes_view(kSecret));
    return b64(header) + "." + raw_payload + "." + base64url::encode(mac->mac(bytes_view(input)).view());
  };
  CHECK(verify_code(unencoded(R"({"alg":"HS256","b64":false})"), allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_E_HEADER);
  JwsVerified out;
  CHECK(verify_code(unencoded(R"({"alg":"HS256","b64":false,"crit":["b64"]})"), allow({Alg::hs256}), ring({hs_key()}), &out) ==
        JWTCORE_OK);
  CHECK(str(out.payload) == raw_payload);
}

TEST_CASE("HMAC tags of the wrong length are rejected, even when a prefix of the right tag") {
  const std::string good = sign_compact(hs_key(), Alg::hs256);
  Bytes tag;
  REQUIRE(base64url::decode(good.substr(good.rfind('.') + 1), tag));
  const std::string prefix = good.substr(0, good.rfind('.') + 1);
  Bytes truncated(tag.begin(), tag.begin() + 16), extended = tag;
  extended.push_back(0);
  CHECK(verify_code(prefix + base64url::encode(truncated), allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify_code(prefix + base64url::encode(extended), allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_E_BAD_SIGNATURE);
  CHECK(verify_code(prefix, allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_E_BAD_SIGNATURE);
}

TEST_CASE("A JWE handed to the JWS verifier is rejected as the wrong format") {
  const std::string jwe = b64(R"({"alg":"dir","enc":"A128GCM"})") + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";
  JwsScratch scratch;
  JwsVerified out;
  Status st = jws_verify(jwe, allow({Alg::hs256}), ring({hs_key()}), std::nullopt, scratch, out);
  CHECK(st.code() == JWTCORE_E_TOKEN_FORMAT);
  CHECK(st.message().find("JWE") != std::string::npos);
}

TEST_CASE("Malformed compact tokens get specific codes") {
  const KeyRing keys = ring({hs_key()});
  const JwsPolicy p = allow({Alg::hs256});
  CHECK(verify_code("", p, keys) == JWTCORE_E_TOKEN_FORMAT);
  CHECK(verify_code("abc", p, keys) == JWTCORE_E_TOKEN_FORMAT);
  CHECK(verify_code("a.b", p, keys) == JWTCORE_E_TOKEN_FORMAT);
  CHECK(verify_code("a.b.c.d", p, keys) == JWTCORE_E_TOKEN_FORMAT);
  CHECK(verify_code("..", p, keys) == JWTCORE_E_JSON);
  CHECK(verify_code(b64("[1]") + ".." , p, keys) == JWTCORE_E_JSON);
  CHECK(verify_code(b64("{\"alg\":\"HS256\"") + "..", p, keys) == JWTCORE_E_JSON);
  CHECK(verify_code(b64("{\"alg\":\"\xff\"}") + "..", p, keys) == JWTCORE_E_JSON);
  CHECK(verify_code(b64("{\"alg\":5}") + "..", p, keys) == JWTCORE_E_HEADER);
  CHECK(verify_code(b64("{}") + "..", p, keys) == JWTCORE_E_HEADER);
  CHECK(verify_code(b64("{\"alg\":\"HS256\",\"kid\":7}") + "..", p, keys) == JWTCORE_E_HEADER);
  std::string deep = "{\"alg\":\"HS256\",\"x\":" + std::string(40, '[') + std::string(40, ']') + "}";
  CHECK(verify_code(b64(deep) + "..", p, keys) == JWTCORE_E_LIMIT_DEPTH);
  CHECK(verify_code(std::string(300 * 1024, 'a') + "..", p, keys) == JWTCORE_E_LIMIT_SIZE);
  CHECK(verify_code(b64("{\"alg\":\"HS256\",\"p\":\"" + std::string(9000, 'a') + "\"}") + "..", p, keys) == JWTCORE_E_LIMIT_SIZE);
}

TEST_CASE("A kid that no configured key carries gives key-not-found; typ is checked when required") {
  KeyPtr k1 = jwk(R"({"kty":"oct","kid":"one","k":")" + base64url::encode(bytes_view(kSecret)) + "\"}");
  const std::string token = sign_compact(jwk(R"({"kty":"oct","kid":"two","k":")" + base64url::encode(bytes_view(kSecret)) + "\"}"),
                                         Alg::hs256, "{}", R"({"typ":"JWT"})");
  CHECK(verify_code(token, allow({Alg::hs256}), ring({k1})) == JWTCORE_E_KEY_NOT_FOUND);
  CHECK(verify_code(token, allow({Alg::hs256}), ring({hs_key()})) == JWTCORE_OK);  // an anonymous key is tried
  JwsPolicy typed = allow({Alg::hs256});
  typed.required_typ = "at+jwt";
  CHECK(verify_code(token, typed, ring({hs_key()})) == JWTCORE_E_TYP_MISMATCH);
  typed.required_typ = "application/jwt";
  CHECK(verify_code(token, typed, ring({hs_key()})) == JWTCORE_OK);
}

TEST_CASE("A kid carried by two key-set entries (one of them malformed and skipped) finds no key") {
  const std::string k = base64url::encode(bytes_view(kSecret));
  // The second entry's "k" is not base64url: the set skips it, but it still claims the kid.
  auto set = KeySet::from_jwks(R"({"keys":[{"kty":"oct","kid":"dup","k":")" + k + R"("},{"kty":"oct","kid":"dup","k":"!!"}]})");
  REQUIRE(set.is_ok());
  REQUIRE(set->size() == 1);
  const std::string token = sign_compact(jwk(R"({"kty":"oct","kid":"dup","k":")" + k + "\"}"), Alg::hs256);
  KeyRing r;
  r.sets.push_back(std::make_shared<const KeySet>(std::move(*set)));
  JwsScratch scratch;
  JwsVerified out;
  Status st = jws_verify(token, allow({Alg::hs256}), r, std::nullopt, scratch, out);
  CHECK(st.code() == JWTCORE_E_KEY_NOT_FOUND);
  CHECK(st.message().find("ambiguous") != std::string::npos);
}

TEST_CASE("The compact header cache never carries a verdict across a policy change") {
  // One scratch, as the C ABI keeps per thread: the second verification of an identical header
  // is served from the cache, which must still see every change of the policy it ran under.
  JwsScratch scratch;
  JwsVerified out;
  const KeyPtr hs = hs_key();
  const KeyRing keys = ring({hs});
  const std::string token = hmac_token(R"({"alg":"HS256","typ":"JWT","kid":"k1"})", "{}", bytes_view(kSecret));
  auto code = [&](const JwsPolicy &p) { return jws_verify(token, p, keys, std::nullopt, scratch, out).code(); };

  JwsPolicy p = allow({Alg::hs256});
  REQUIRE(code(p) == JWTCORE_OK);
  REQUIRE(code(p) == JWTCORE_OK);  // a cache hit
  CHECK(scratch.compact_header.valid);

  JwsPolicy other = allow({Alg::hs512});  // same header, HS256 no longer allowed
  CHECK(code(other) == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(code(p) == JWTCORE_OK);

  JwsPolicy typ = p;
  typ.required_typ = "at+jwt";
  CHECK(code(typ) == JWTCORE_E_TYP_MISMATCH);
  typ.required_typ = "JWT";
  CHECK(code(typ) == JWTCORE_OK);

  JwsPolicy small = p;
  small.limits.max_header = 16;
  CHECK(code(small) == JWTCORE_E_LIMIT_SIZE);

  // The kid read from the cached header still selects keys: a ring without k1 or an anonymous
  // key finds nothing.
  KeyPtr named = jwk(R"({"kty":"oct","kid":"k2","k":")" + base64url::encode(bytes_view(kSecret)) + R"("})");
  CHECK(jws_verify(token, p, ring({named}), std::nullopt, scratch, out).code() == JWTCORE_E_KEY_NOT_FOUND);

  // A different header (even one byte) is a miss, checked from scratch.
  const std::string none = b64(R"({"alg":"none","typ":"JWT","kid":"k1"})") + "." + b64("{}") + ".";
  CHECK(jws_verify(none, p, keys, std::nullopt, scratch, out).code() == JWTCORE_E_ALG_NOT_ALLOWED);
  CHECK(code(p) == JWTCORE_OK);

  // The protected header reported on a hit is this token's.
  REQUIRE(jws_verify(token, p, keys, std::nullopt, scratch, out, true).is_ok());
  CHECK(out.header_json == R"({"alg":"HS256","typ":"JWT","kid":"k1"})");
}
