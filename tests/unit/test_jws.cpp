// JWS against published examples: RFC 7520 §4 (the JOSE cookbook), RFC 7797 §4, RFC 8037 §A.4-A.5
// and RFC 7515 Appendix A — verified everywhere, reproduced byte for byte where deterministic.
#include <catch2/catch.hpp>

#include "jws_helpers.hpp"
#include "src/core/base64url.hpp"
#include "vectors.hpp"

using namespace jwtcore;
using namespace jwtcore::test;

namespace {

struct Cookbook {
  json::Document doc;
  json::Value root;
};

bool load(Cookbook &c, const std::string &path) {
  auto text = read_vector(path);
  if (!text) return false;
  static std::vector<std::string> keep;  // Documents view into the text
  keep.push_back(*text);
  REQUIRE(c.doc.parse_object(keep.back(), {1 << 20, 64}, path));
  c.root = c.doc.root();
  return true;
}

std::vector<KeyPtr> cookbook_keys(json::Value input) {
  std::vector<KeyPtr> keys;
  auto k = *input.find("key");
  if (k.is_array()) {
    k.each_element([&](json::Value v) { keys.push_back(jwk(v.to_json())); return true; });
  } else {
    keys.push_back(jwk(k.to_json()));
  }
  return keys;
}

JwsPolicy cookbook_policy(json::Value input) {
  JwsPolicy p;
  auto a = *input.find("alg");
  auto add = [&](json::Value v) { p.allowed.add(find_alg(*v.as_string())->alg); return true; };
  if (a.is_array()) a.each_element(add); else add(a);
  return p;
}

// Signs the cookbook payload the way the cookbook did (its exact protected header bytes and its
// unprotected header) and returns the output.
std::string cookbook_sign(json::Value input, json::Value signing, const KeyPtr &key, JwsSerialization ser,
                          bool detached) {
  JwsSignerSpec s;
  s.key = key;
  s.alg = find_alg(signing.find("protected") ? member_str(*signing.find("protected"), "alg")
                                              : member_str(*signing.find("unprotected"), "alg"))->alg;
  if (auto pb = signing.find("protected_b64u")) {
    Bytes header;
    REQUIRE(base64url::decode(*pb->as_string(), header));
    s.protected_json = str(header);
  }
  s.verbatim_protected = true;
  if (auto u = signing.find("unprotected")) s.unprotected_json = u->to_json();
  JwsSignOptions o;
  o.serialization = ser;
  o.detached = detached;
  auto out = jws_sign(bytes_view(member_str(input, "payload")), {s}, o);
  INFO(out.status().message());
  REQUIRE(out.is_ok());
  return *out;
}

// Compares two JSON serializations member by member (member order is not significant).
void same_json_jws(const std::string &ours, const std::string &theirs) {
  json::Document a, b;
  REQUIRE(a.parse_object(ours, {1 << 20, 16}, "ours"));
  REQUIRE(b.parse_object(theirs, {1 << 20, 16}, "theirs"));
  CHECK(member_json(a.root(), "payload") == member_json(b.root(), "payload"));
  auto sig_of = [](json::Value root) {
    auto sigs = root.find("signatures");
    if (!sigs) return root;
    json::Value first;
    sigs->each_element([&](json::Value v) { first = v; return false; });
    return first;
  };
  for (auto name : {"protected", "header", "signature"}) {
    CAPTURE(name);
    CHECK(member_json(sig_of(a.root()), name) == member_json(sig_of(b.root()), name));
  }
}

void run_cookbook(const std::string &file, bool detached) {
  Cookbook c;
  if (!load(c, "jose-cookbook/jws/" + file)) return;
  json::Value input = *c.root.find("input");
  json::Value output = *c.root.find("output");
  const auto keys = cookbook_keys(input);
  const JwsPolicy policy = cookbook_policy(input);
  KeyRing r;
  r.keys = keys;
  const std::string payload = member_str(input, "payload");
  const std::optional<bytes_view> det = detached ? std::optional<bytes_view>(bytes_view(payload)) : std::nullopt;

  int verified = 0;
  for (auto form : {"compact", "json", "json_flat"}) {
    auto v = output.find(form);
    if (!v) continue;
    CAPTURE(file, form);
    const std::string text = v->is_string() ? std::string(*v->as_string()) : v->to_json();
    JwsVerified out;
    REQUIRE(verify_code(text, policy, r, &out, det) == JWTCORE_OK);
    CHECK(str(out.payload) == payload);
    ++verified;
  }
  CHECK(verified > 0);

  auto reproducible = c.root.find("reproducible");
  if (!reproducible || !*reproducible->as_bool()) return;
  json::Value signing = *c.root.find("signing");
  if (signing.is_array()) return;  // multiple signatures: reproduced part by part below
  const KeyPtr &key = keys[0];
  if (auto compact = output.find("compact")) {
    CHECK(cookbook_sign(input, signing, key, JwsSerialization::compact, detached) == *compact->as_string());
  }
  if (auto flat = output.find("json_flat")) {
    same_json_jws(cookbook_sign(input, signing, key, JwsSerialization::flattened, detached), flat->to_json());
  }
  if (auto general = output.find("json")) {
    same_json_jws(cookbook_sign(input, signing, key, JwsSerialization::general, detached), general->to_json());
  }
}

}  // namespace

TEST_CASE("RFC 7520 4.1 RS256 is verified and reproduced byte for byte") { run_cookbook("4_1.rsa_v15_signature.json", false); }
TEST_CASE("RFC 7520 4.2 PS384 is verified in every serialization") { run_cookbook("4_2.rsa-pss_signature.json", false); }
TEST_CASE("RFC 7520 4.3 ES512 is verified in every serialization") { run_cookbook("4_3.ecdsa_signature.json", false); }
TEST_CASE("RFC 7520 4.4 HS256 is verified and reproduced") { run_cookbook("4_4.hmac-sha2_integrity_protection.json", false); }
TEST_CASE("RFC 7520 4.5 detached content is verified and reproduced") { run_cookbook("4_5.signature_with_detached_content.json", true); }
TEST_CASE("RFC 7520 4.6 a kid in the unprotected header is verified and reproduced") {
  run_cookbook("4_6.protecting_specific_header_fields.json", false);
}
TEST_CASE("RFC 7520 4.7 an all-unprotected header is verified and reproduced") {
  run_cookbook("4_7.protecting_content_only.json", false);
}
TEST_CASE("RFC 7520 4.8 multiple signatures: each verifies and reports its index") {
  Cookbook c;
  if (!load(c, "jose-cookbook/jws/4_8.multiple_signatures.json")) return;
  json::Value input = *c.root.find("input");
  const auto keys = cookbook_keys(input);  // RS256, ES512, HS256 keys
  const std::string token = c.root.find("output")->find("json")->to_json();
  const Alg algs[] = {Alg::rs256, Alg::es512, Alg::hs256};
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    JwsVerified out;
    REQUIRE(verify_code(token, allow({algs[i]}), ring({keys[i]}), &out) == JWTCORE_OK);
    CHECK(out.signature_index == i);
    CHECK(out.alg == algs[i]);
    CHECK(str(out.payload) == member_str(input, "payload"));
  }
  // The header reported is the verifying signature's own: the ES512 one has none protected.
  for (size_t i = 0; i < 3; ++i) {
    JwsScratch scratch;
    JwsVerified out;
    REQUIRE(jws_verify(token, allow({algs[i]}), ring({keys[i]}), std::nullopt, scratch, out, true));
    CHECK(out.header_json == (i == 0 ? R"({"alg":"RS256"})" : i == 1 ? "" : R"({"alg":"HS256","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"})"));
  }
  // With only keys that verify nothing, the failure is the signature stage's.
  CHECK(verify_code(token, allow({Alg::hs256}), ring({jwk(R"({"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})")})) ==
        JWTCORE_E_BAD_SIGNATURE);
  // The deterministic RS256 and HS256 signatures are reproduced.
  json::Value signing = *c.root.find("signing");
  size_t idx = 0;
  signing.each_element([&](json::Value s) {
    if (idx != 1) {  // ES512 (idx 1) is randomized
      JwsSignerSpec spec;
      spec.key = keys[idx];
      spec.alg = algs[idx];
      Bytes header;
      REQUIRE(base64url::decode(member_str(s, "protected_b64u"), header));
      spec.protected_json = str(header);
      spec.verbatim_protected = true;
      if (auto u = s.find("unprotected")) spec.unprotected_json = u->to_json();
      JwsSignOptions o;
      o.serialization = JwsSerialization::flattened;
      auto out = jws_sign(bytes_view(member_str(input, "payload")), {spec}, o);
      REQUIRE(out.is_ok());
      json::Document d;
      REQUIRE(d.parse_object(*out, {1 << 16, 8}, "ours"));
      CHECK(member_str(d.root(), "signature") == member_str(s, "sig"));
    }
    ++idx;
    return true;
  });
}

TEST_CASE("RFC 7797 4.1 (b64 true) verifies") {
  auto text = read_vector("rfc-appendix/rfc_examples.json");
  if (!text) return;
  json::Document doc;
  REQUIRE(doc.parse_object(*text, {1 << 20, 64}, "rfc_examples"));
  doc.root().find("examples")->each_element([&](json::Value ex) {
    const std::string id = member_str(ex, "id");
    if (id.rfind("rfc7797", 0) != 0 && id != "derived_b64_without_crit") return true;
    CAPTURE(id);
    KeyPtr key = jwk(member_json(ex, "jwk"));
    const std::string payload = member_str(ex, "payload");
    if (id == "rfc7797_4.1") {
      JwsVerified out;
      CHECK(verify_code(member_str(ex, "compact"), allow({Alg::hs256}), ring({key}), &out) == JWTCORE_OK);
      CHECK(str(out.payload) == payload);
      // Reproduced with the RFC's header bytes.
      JwsSignerSpec s{key, Alg::hs256, member_str(ex, "protected"), "", true, true};
      auto signed_ = jws_sign(bytes_view(payload), {s}, {});
      REQUIRE(signed_.is_ok());
      CHECK(*signed_ == member_str(ex, "compact"));
    } else if (id == "rfc7797_4.2") {
      JwsVerified out;
      CHECK(verify_code(member_str(ex, "compact_detached"), allow({Alg::hs256}), ring({key}), &out, bytes_view(payload)) ==
            JWTCORE_OK);
      CHECK(str(out.payload) == payload);
      JwsSignerSpec s{key, Alg::hs256, member_str(ex, "protected"), "", true, true};
      JwsSignOptions o;
      o.b64 = false;
      o.detached = true;
      auto signed_ = jws_sign(bytes_view(payload), {s}, o);
      REQUIRE(signed_.is_ok());
      CHECK(*signed_ == member_str(ex, "compact_detached"));
    } else {
      // b64:false without crit must be refused even though the HMAC is right (RFC 7797 §6).
      CHECK(verify_code(member_str(ex, "compact_detached"), allow({Alg::hs256}), ring({key}), nullptr, bytes_view(payload)) ==
            JWTCORE_E_HEADER);
    }
    return true;
  });
}

TEST_CASE("RFC 8037 A.4-A.5 Ed25519 signature is reproduced and verified") {
  auto text = read_vector("rfc-appendix/rfc_examples.json");
  if (!text) return;
  json::Document doc;
  REQUIRE(doc.parse_object(*text, {1 << 20, 64}, "rfc_examples"));
  bool ran = false;
  doc.root().find("examples")->each_element([&](json::Value ex) {
    if (member_str(ex, "id") != "rfc8037_A.1-A.5") return true;
    ran = true;
    KeyPtr priv = jwk(member_json(ex, "private_jwk"));
    KeyPtr pub = jwk(member_json(ex, "public_jwk"));
    const std::string compact = member_str(ex, "compact");
    JwsSignerSpec s{priv, Alg::eddsa, member_str(ex, "protected"), "", true, true};
    auto signed_ = jws_sign(bytes_view(member_str(ex, "payload")), {s}, {});
    REQUIRE(signed_.is_ok());
    CHECK(*signed_ == compact);
    JwsVerified out;
    CHECK(verify_code(compact, allow({Alg::eddsa}), ring({pub}), &out) == JWTCORE_OK);
    CHECK(str(out.payload) == "Example of Ed25519 signing");
    // A.5: any flipped signature bit fails.
    std::string bad = compact;
    bad[bad.size() - 3] = bad[bad.size() - 3] == 'A' ? 'B' : 'A';
    CHECK(verify_code(bad, allow({Alg::eddsa}), ring({pub})) == JWTCORE_E_BAD_SIGNATURE);
    // RFC 9864's fully specified name verifies a token that says "Ed25519".
    JwsSignerSpec s2{priv, Alg::ed25519, "", "", true, false};
    auto t2 = jws_sign(bytes_view(std::string_view("x")), {s2}, {});
    REQUIRE(t2.is_ok());
    CHECK(verify_code(*t2, allow({Alg::ed25519}), ring({pub})) == JWTCORE_OK);
    CHECK(verify_code(*t2, allow({Alg::eddsa}), ring({pub})) == JWTCORE_E_ALG_NOT_ALLOWED);
    return false;
  });
  CHECK(ran);
}

TEST_CASE("RFC 7515 Appendix A examples are verified, and A.1/A.2 reproduced byte for byte") {
  auto text = read_file(std::string(std::getenv("JWTCORE_SOURCE_ROOT") ? std::getenv("JWTCORE_SOURCE_ROOT") : ".") +
                        "/tests/fixtures/rfc7515_appendix_a.json");
  REQUIRE(text.has_value());
  json::Document doc;
  REQUIRE(doc.parse_object(*text, {1 << 20, 64}, "rfc7515 fixture"));
  int count = 0;
  doc.root().find("examples")->each_element([&](json::Value ex) {
    const std::string id = member_str(ex, "id");
    CAPTURE(id);
    ++count;
    const Alg alg = find_alg(member_str(ex, "alg"))->alg;
    const std::string compact = member_str(ex, "compact");
    const std::string payload = member_str(ex, "payload_octets");
    JwsPolicy p = allow({alg});
    if (alg == Alg::none) {
      CHECK(verify_code(compact, p, KeyRing{}) == JWTCORE_E_ALG_NOT_ALLOWED);  // never by default
      p.allow_none = true;
      JwsVerified out;
      CHECK(verify_code(compact, p, KeyRing{}, &out) == JWTCORE_OK);
      CHECK(str(out.payload) == payload);
      return true;
    }
    KeyPtr key = jwk(member_json(ex, "jwk"));
    JwsVerified out;
    CHECK(verify_code(compact, p, ring({key}), &out) == JWTCORE_OK);
    CHECK(str(out.payload) == payload);
    if (*ex.find("deterministic")->as_bool()) {
      JwsSignerSpec s{key, alg, member_str(ex, "protected_octets"), "", false, true};
      auto signed_ = jws_sign(bytes_view(payload), {s}, {});
      REQUIRE(signed_.is_ok());
      CHECK(*signed_ == compact);
    }
    return true;
  });
  CHECK(count == 5);
}
