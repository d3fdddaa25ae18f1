// Malformed and hostile JWKs, through the public C API: each yields its specific status and a
// message naming the offending member (or the limit), and nothing crashes (run under ASan/UBSan).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "key_test_util.hpp"
#include "src/core/base64url.hpp"

using jwtcore::test::KeyHandle;

namespace {

// RFC 7517 A.2's P-256 key.
const std::string X = "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\"";
const std::string Y = "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\"";
const std::string D = "\"d\":\"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE\"";
const std::string EC = "\"kty\":\"EC\",\"crv\":\"P-256\"";
// RFC 8037 A.1's Ed25519 key.
const std::string ED_X = "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"";
const std::string ED_D = "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"";
// RFC 8037 A.6 / RFC 7748 §6.1 Bob's X25519 public key.
const std::string X25519_X = "\"x\":\"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08\"";
// RFC 7517 A.2's RSA key.
const std::string RSA_N =
    "\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3"
    "oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6q"
    "MQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"";
const std::string RSA_D =
    "\"d\":\"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_"
    "YSfqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwFs9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojP"
    "Lu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuqsk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc0X4jfcKoAC8Q\"";
const std::string RSA_CRT_NO_QI =
    "\"p\":\"83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD20R-60eTDmD2ujnMt5PoqMrm8RfmNhVWDtjjMmCMjOpSXicFHj7XOuVIY"
    "QyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nVbfs\",\"q\":\"3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vob"
    "LyumqjVZQO1dIrdwgTnCdpYzBcOfW5r370AFXjiWft_NGEiovonizhKpo9VVS78TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDEgfAITAG9LUnADun4vIcb6y"
    "elxk\",\"dp\":\"G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VTkS8xj5SdX3coE0oimYwxIi2emTAue0UOa5dpgFGyBJ4c8tQ2VF402XRugKDTP8akYhF"
    "o5tAA77Qe_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTiBj0\",\"dq\":\"s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvI"
    "llETE1efrA6huUUvMfBcMpn8lqeW6vzznYY5SSQF7pMdC_agI3nG8Ibp1BUb0JUiraRNqUfLhcQb_d9GF4Dh7e74WbRsobRonujTYN1xCaP6TO61jvWrX-"
    "L18txXw494Q_cgk\"";
// RFC 7520 §3.4's private exponent: a valid number, but not this modulus's.
const std::string OTHER_RSA_D =
    "\"d\":\"bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK1J3XTGgdrhCku9gRldY7"
    "sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTMEzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU6l-DqEiWx"
    "qg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5uDjd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOcOpBrQzwQ\"";
// Wycheproof json_web_key_test "keysize_too_small": a 1024-bit modulus.
const std::string RSA_1024_N =
    "\"n\":\"rJBIp6T1YK-RtPyvYqFFlcucqewSAA_IReSFchE8qyiQrbARqRlXWkB2DR8j_pJQnIpYELbQWZC5Cd0PTGAU8rMbar2AW6zpmBbi7aQf17lUBdt8"
    "XI9M9rq7FPVQ1dDdUXm1SVH_9qqWhvMPR422SbfHBEzCAtzK0ANDRo6qz78\"";
const std::string K32 = "\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr8\"";
const std::string K16 = "\"k\":\"GawgguFyGrWKav7AX4VKUg\"";

std::string obj(std::initializer_list<std::string> parts) {
  std::string s = "{";
  for (const auto &p : parts) {
    if (s.size() > 1) s += ",";
    s += p;
  }
  return s + "}";
}

std::string with_last(std::string member, char c) {  // replaces the last base64 character
  member[member.size() - 2] = c;
  return member;
}
std::string with_first(std::string member, char c) {
  member[member.find(":\"") + 2] = c;
  return member;
}

// The member's value re-encoded with a zero byte in front (same number, one byte longer).
std::string with_leading_zero(const std::string &member) {
  const size_t start = member.find(":\"") + 2;
  jwtcore::Bytes raw{0};
  REQUIRE(jwtcore::base64url::decode(member.substr(start, member.size() - start - 1), raw).is_ok());
  return jwtcore::base64url::encode(raw);
}

struct Case {
  const char *name;
  std::string json;
  int code;
  const char *needle;  // must occur in the message: the member (or limit) at fault
  bool whole_document = false;  // a JSON-level failure: a JWKS holding it fails as a whole
};

std::vector<Case> cases() {
  const std::string zero32 = std::string(43, 'A');
  const std::string ones32 = std::string(42, '_') + "w";
  return {
      // ---- JSON level ----
      {"not an object", "[1,2]", JWTCORE_E_JSON, "object", true},
      {"trailing garbage", obj({"\"kty\":\"oct\"", K32}) + "x", JWTCORE_E_JSON, "JWK", true},
      {"duplicate member k", obj({"\"kty\":\"oct\"", K32, K16}), JWTCORE_E_JSON_DUPLICATE, "'k'", true},
      {"duplicate kty, escaped", obj({"\"kty\":\"oct\"", K32, "\"\\u006bty\":\"RSA\""}), JWTCORE_E_JSON_DUPLICATE, "'kty'", true},
      {"huge number", obj({"\"kty\":\"oct\"", K32, "\"exp\":1e999"}), JWTCORE_E_JSON, "number", true},
      {"integer beyond 64 bits", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":123456789012345678901234567890"}), JWTCORE_E_JSON, "number", true},
      {"nested too deep", obj({"\"kty\":\"oct\"", K32, "\"x5c\":[[[[[[[[[\"a\"]]]]]]]]]"}), JWTCORE_E_LIMIT_DEPTH, "8", true},
      {"over 64 KiB", obj({"\"kty\":\"oct\"", K32, "\"pad\":\"" + std::string(70000, 'a') + "\""}), JWTCORE_E_LIMIT_SIZE, "65536", true},
      {"invalid UTF-8 in kid", obj({"\"kty\":\"oct\"", K32, "\"kid\":\"\xc3\x28\""}), JWTCORE_E_JSON, "UTF-8", true},
      // ---- kty and common members ----
      {"kty missing", obj({K32}), JWTCORE_E_KEY_INVALID, "'kty'"},
      {"kty is a number", obj({"\"kty\":1", K32}), JWTCORE_E_KEY_INVALID, "'kty'"},
      {"kty unknown", obj({"\"kty\":\"DSA\""}), JWTCORE_E_KEY_UNSUPPORTED, "'kty'"},
      {"kty in the wrong case", obj({"\"kty\":\"ec\"", X, Y}), JWTCORE_E_KEY_UNSUPPORTED, "'kty'"},
      {"kid is a number", obj({"\"kty\":\"oct\"", K32, "\"kid\":7"}), JWTCORE_E_KEY_INVALID, "'kid'"},
      {"kid is empty", obj({"\"kty\":\"oct\"", K32, "\"kid\":\"\""}), JWTCORE_E_KEY_INVALID, "'kid'"},
      {"use unknown", obj({"\"kty\":\"oct\"", K32, "\"use\":\"signature\""}), JWTCORE_E_KEY_INVALID, "'use'"},
      {"use is an array", obj({"\"kty\":\"oct\"", K32, "\"use\":[\"sig\"]"}), JWTCORE_E_KEY_INVALID, "'use'"},
      {"key_ops is a string", obj({"\"kty\":\"oct\"", K32, "\"key_ops\":\"sign\""}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      {"key_ops unknown value", obj({"\"kty\":\"oct\"", K32, "\"key_ops\":[\"sign\",\"mint\"]"}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      {"key_ops duplicate value", obj({"\"kty\":\"oct\"", K32, "\"key_ops\":[\"sign\",\"sign\"]"}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      {"key_ops holds a number", obj({"\"kty\":\"oct\"", K32, "\"key_ops\":[1]"}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      {"key_ops empty", obj({"\"kty\":\"oct\"", K32, "\"key_ops\":[]"}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      {"use sig with key_ops encrypt", obj({"\"kty\":\"oct\"", K32, "\"use\":\"sig\"", "\"key_ops\":[\"encrypt\"]"}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      {"alg unknown (ES521)", obj({EC, X, Y, "\"alg\":\"ES521\""}), JWTCORE_E_UNKNOWN_ALG, "'alg'"},
      {"alg is a number", obj({"\"kty\":\"oct\"", K32, "\"alg\":256"}), JWTCORE_E_KEY_INVALID, "'alg'"},
      {"alg none", obj({"\"kty\":\"oct\"", K32, "\"alg\":\"none\""}), JWTCORE_E_KEY_MISMATCH, "'alg'"},
      {"alg RS256 on an EC key", obj({EC, X, Y, "\"alg\":\"RS256\""}), JWTCORE_E_KEY_MISMATCH, "'alg'"},
      {"alg HS256 on an EC key", obj({EC, X, Y, "\"alg\":\"HS256\""}), JWTCORE_E_KEY_MISMATCH, "'alg'"},
      {"alg ES384 on P-256", obj({EC, X, Y, "\"alg\":\"ES384\""}), JWTCORE_E_KEY_MISMATCH, "'alg'"},
      {"alg ES256 with use enc", obj({EC, X, Y, "\"alg\":\"ES256\"", "\"use\":\"enc\""}), JWTCORE_E_KEY_INVALID, "'use'"},
      {"alg ES256 with key_ops decrypt", obj({EC, X, Y, "\"alg\":\"ES256\"", "\"key_ops\":[\"decrypt\"]"}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      {"x5c is a string", obj({"\"kty\":\"oct\"", K32, "\"x5c\":\"MIIB\""}), JWTCORE_E_KEY_INVALID, "'x5c'"},
      {"x5t is a number", obj({"\"kty\":\"oct\"", K32, "\"x5t\":1"}), JWTCORE_E_KEY_INVALID, "'x5t'"},
      // ---- oct ----
      {"oct without k", obj({"\"kty\":\"oct\""}), JWTCORE_E_KEY_INVALID, "'k'"},
      {"oct k empty", obj({"\"kty\":\"oct\"", "\"k\":\"\""}), JWTCORE_E_KEY_WEAK, "'k'"},
      {"oct k is a number", obj({"\"kty\":\"oct\"", "\"k\":12"}), JWTCORE_E_KEY_INVALID, "'k'"},
      {"oct k padded", obj({"\"kty\":\"oct\"", "\"k\":\"GawgguFyGrWKav7AX4VKUg==\""}), JWTCORE_E_BASE64, "'k'"},
      {"oct k with non-zero trailing bits", obj({"\"kty\":\"oct\"", "\"k\":\"GawgguFyGrWKav7AX4VKUh\""}), JWTCORE_E_BASE64, "'k'"},
      {"oct k in the standard alphabet", obj({"\"kty\":\"oct\"", "\"k\":\"Gawg+uFyGrWKav7AX4VKUg\""}), JWTCORE_E_BASE64, "'k'"},
      {"oct k over 1 KiB", obj({"\"kty\":\"oct\"", "\"k\":\"" + std::string(1368, 'A') + "\""}), JWTCORE_E_LIMIT_SIZE, "'k'"},
      {"HS256 key of 16 bytes", obj({"\"kty\":\"oct\"", K16, "\"alg\":\"HS256\""}), JWTCORE_E_KEY_WEAK, "'k'"},
      {"A128KW key of 32 bytes", obj({"\"kty\":\"oct\"", K32, "\"alg\":\"A128KW\""}), JWTCORE_E_KEY_MISMATCH, "'k'"},
      {"A256GCM dir key of 16 bytes", obj({"\"kty\":\"oct\"", K16, "\"alg\":\"A256GCM\""}), JWTCORE_E_KEY_WEAK, "'k'"},
      {"A256GCM key with use sig", obj({"\"kty\":\"oct\"", K32, "\"alg\":\"A256GCM\"", "\"use\":\"sig\""}), JWTCORE_E_KEY_INVALID, "'use'"},
      // ---- EC ----
      {"EC without crv", obj({"\"kty\":\"EC\"", X, Y}), JWTCORE_E_KEY_INVALID, "'crv'"},
      {"EC crv unknown", obj({"\"kty\":\"EC\",\"crv\":\"P-192\"", X, Y}), JWTCORE_E_KEY_UNSUPPORTED, "'crv'"},
      {"EC crv of an OKP key", obj({"\"kty\":\"EC\",\"crv\":\"Ed25519\"", X, Y}), JWTCORE_E_KEY_INVALID, "'crv'"},
      {"EC without y", obj({EC, X}), JWTCORE_E_KEY_INVALID, "'y'"},
      {"EC x is an object", obj({EC, "\"x\":{}", Y}), JWTCORE_E_KEY_INVALID, "'x'"},
      {"EC x of 31 bytes", obj({EC, "\"x\":\"" + std::string(42, 'A') + "\"", Y}), JWTCORE_E_KEY_INVALID, "'x'"},
      {"EC x of 33 bytes (leading zero)", obj({EC, "\"x\":\"" + with_leading_zero(X) + "\"", Y}), JWTCORE_E_KEY_INVALID, "'x'"},
      {"EC y of 48 bytes on P-256", obj({EC, X, "\"y\":\"" + std::string(64, 'A') + "\""}), JWTCORE_E_KEY_INVALID, "'y'"},
      {"EC P-256 coordinates labelled P-384", obj({"\"kty\":\"EC\",\"crv\":\"P-384\"", X, Y}), JWTCORE_E_KEY_INVALID, "'x'"},
      {"EC point not on the curve", obj({EC, X, with_first(Y, '5')}), JWTCORE_E_POINT_INVALID, "'y'"},
      {"EC point at infinity (0, 0)", obj({EC, "\"x\":\"" + zero32 + "\"", "\"y\":\"" + zero32 + "\""}), JWTCORE_E_POINT_INVALID, "'x'"},
      {"EC coordinates >= p", obj({EC, "\"x\":\"" + ones32 + "\"", "\"y\":\"" + ones32 + "\""}), JWTCORE_E_POINT_INVALID, "'x'"},
      {"EC x with padding", obj({EC, "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4=\"", Y}), JWTCORE_E_BASE64, "'x'"},
      {"EC d of 31 bytes", obj({EC, X, Y, "\"d\":\"" + std::string(41, 'B') + "A\""}), JWTCORE_E_KEY_INVALID, "'d'"},
      {"EC d zero", obj({EC, X, Y, "\"d\":\"" + zero32 + "\""}), JWTCORE_E_KEY_INVALID, "'d'"},
      {"EC d not matching the point", obj({EC, X, Y, with_first(D, 'A')}), JWTCORE_E_KEY_INVALID, "'d'"},
      {"EC d with whitespace", obj({EC, X, Y, "\"d\":\"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eA E\""}), JWTCORE_E_BASE64, "'d'"},
      // ---- OKP ----
      {"OKP Ed448", obj({"\"kty\":\"OKP\",\"crv\":\"Ed448\"", ED_X}), JWTCORE_E_KEY_UNSUPPORTED, "Ed448 is not supported"},
      {"OKP X448", obj({"\"kty\":\"OKP\",\"crv\":\"X448\"", ED_X}), JWTCORE_E_KEY_UNSUPPORTED, "X448 is not supported"},
      {"OKP crv P-256", obj({"\"kty\":\"OKP\",\"crv\":\"P-256\"", ED_X}), JWTCORE_E_KEY_INVALID, "'crv'"},
      {"OKP without x", obj({"\"kty\":\"OKP\",\"crv\":\"Ed25519\"", ED_D}), JWTCORE_E_KEY_INVALID, "'x'"},
      {"OKP x of 31 bytes", obj({"\"kty\":\"OKP\",\"crv\":\"Ed25519\"", "\"x\":\"" + std::string(42, 'A') + "\""}), JWTCORE_E_KEY_INVALID, "'x'"},
      {"Ed25519 d not matching x", obj({"\"kty\":\"OKP\",\"crv\":\"Ed25519\"", ED_X, D}), JWTCORE_E_KEY_INVALID, "'d'"},
      {"Ed25519 small-order x (identity)", obj({"\"kty\":\"OKP\",\"crv\":\"Ed25519\"", "\"x\":\"AQ" + std::string(41, 'A') + "\""}), JWTCORE_E_POINT_INVALID, "'x'"},
      {"Ed25519 key with use enc", obj({"\"kty\":\"OKP\",\"crv\":\"Ed25519\"", ED_X, "\"use\":\"enc\""}), JWTCORE_E_KEY_INVALID, "'use'"},
      {"X25519 d not matching x", obj({"\"kty\":\"OKP\",\"crv\":\"X25519\"", X25519_X, ED_D}), JWTCORE_E_KEY_INVALID, "'d'"},
      {"X25519 key with alg EdDSA", obj({"\"kty\":\"OKP\",\"crv\":\"X25519\"", X25519_X, "\"alg\":\"EdDSA\""}), JWTCORE_E_KEY_MISMATCH, "'alg'"},
      {"X25519 key with key_ops sign", obj({"\"kty\":\"OKP\",\"crv\":\"X25519\"", X25519_X, "\"key_ops\":[\"sign\"]"}), JWTCORE_E_KEY_INVALID, "'key_ops'"},
      // ---- RSA ----
      {"RSA without n", obj({"\"kty\":\"RSA\"", "\"e\":\"AQAB\""}), JWTCORE_E_KEY_INVALID, "'n'"},
      {"RSA without e", obj({"\"kty\":\"RSA\"", RSA_N}), JWTCORE_E_KEY_INVALID, "'e'"},
      {"RSA e is a number", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":65537"}), JWTCORE_E_KEY_INVALID, "'e'"},
      {"RSA n is an array", obj({"\"kty\":\"RSA\"", "\"n\":[\"AQAB\"]", "\"e\":\"AQAB\""}), JWTCORE_E_KEY_INVALID, "'n'"},
      {"RSA n zero", obj({"\"kty\":\"RSA\"", "\"n\":\"AA\"", "\"e\":\"AQAB\""}), JWTCORE_E_KEY_WEAK, "'n'"},
      {"RSA n tiny (65537)", obj({"\"kty\":\"RSA\"", "\"n\":\"AQAB\"", "\"e\":\"AQAB\""}), JWTCORE_E_KEY_WEAK, "'n'"},
      {"RSA 1024-bit modulus", obj({"\"kty\":\"RSA\"", RSA_1024_N, "\"e\":\"AQAB\""}), JWTCORE_E_KEY_WEAK, "'n'"},
      {"RSA even modulus", obj({"\"kty\":\"RSA\"", with_last(RSA_N, 'g'), "\"e\":\"AQAB\""}), JWTCORE_E_KEY_INVALID, "'n'"},
      {"RSA modulus over 16384 bits", obj({"\"kty\":\"RSA\"", "\"n\":\"" + std::string(2800, '_') + "\"", "\"e\":\"AQAB\""}), JWTCORE_E_LIMIT_SIZE, "'n'"},
      {"RSA e = 1", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQ\""}), JWTCORE_E_KEY_WEAK, "'e'"},
      {"RSA e even", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQAA\""}), JWTCORE_E_KEY_WEAK, "'e'"},
      {"RSA e over 32 bits", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQAAAAE\""}), JWTCORE_E_KEY_UNSUPPORTED, "'e'"},
      {"RSA multi-prime (oth)", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQAB\"", RSA_D, "\"oth\":[]"}), JWTCORE_E_KEY_UNSUPPORTED, "'oth'"},
      {"RSA p without d", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQAB\"", RSA_CRT_NO_QI, "\"qi\":\"AQ\""}), JWTCORE_E_KEY_INVALID, "'p'"},
      {"RSA CRT without qi", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQAB\"", RSA_D, RSA_CRT_NO_QI}), JWTCORE_E_KEY_INVALID, "'qi'"},
      {"RSA d empty", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQAB\"", "\"d\":\"\""}), JWTCORE_E_KEY_INVALID, "'d'"},
      {"RSA d of another key", obj({"\"kty\":\"RSA\"", RSA_N, "\"e\":\"AQAB\"", OTHER_RSA_D}), JWTCORE_E_KEY_INVALID, "'d'"},
  };
}

}  // namespace

TEST_CASE("Hostile JWKs are refused with their specific status and a message naming the culprit") {
  const std::vector<Case> table = cases();
  REQUIRE(table.size() >= 40);
  for (const Case &c : table) {
    SECTION(c.name) {
      KeyHandle key;
      const int rc = jwtcore_key_from_jwk(key.out(), c.json.data(), c.json.size(), 0);
      const std::string message = jwtcore_last_error_message();
      INFO("status " << rc << " (" << jwtcore_strerror(rc) << "): " << message);
      CHECK(rc == c.code);
      CHECK(key.p == nullptr);
      CHECK_THAT(message, Catch::Contains(c.needle));
      // A key set skips the entry instead of failing, and says why.
      // (No early return here: Catch2 would not discover the remaining sections.)
      const std::string jwks = "{\"keys\":[" + c.json + "]}";
      jwtcore_keyset *set = nullptr;
      if (!c.whole_document) {
        REQUIRE(jwtcore_keyset_from_jwks(&set, jwks.data(), jwks.size(), 0) == JWTCORE_OK);
        CHECK(jwtcore_keyset_count(set) == 0);
        REQUIRE(jwtcore_keyset_skipped_count(set) == 1);
        CHECK_THAT(std::string(jwtcore_keyset_skipped_reason(set, 0)), Catch::Contains(c.needle));
        jwtcore_keyset_free(set);
      }
    }
  }
}

TEST_CASE("The RSA floor is lowered only by JWTCORE_KEY_ALLOW_RSA_1024") {
  const std::string jwk = "{\"kty\":\"RSA\"," + RSA_1024_N + ",\"e\":\"AQAB\"}";
  KeyHandle key;
  CHECK(jwtcore_key_from_jwk(key.out(), jwk.data(), jwk.size(), 0) == JWTCORE_E_KEY_WEAK);
  REQUIRE(jwtcore_key_from_jwk(key.out(), jwk.data(), jwk.size(), JWTCORE_KEY_ALLOW_RSA_1024) == JWTCORE_OK);
  CHECK(std::string(jwtcore_key_kty(key.p)) == "RSA");
  KeyHandle bad;
  CHECK(jwtcore_key_from_jwk(bad.out(), jwk.data(), jwk.size(), 2) == JWTCORE_E_BAD_FLAG);
  CHECK_THAT(std::string(jwtcore_last_error_message()), Catch::Contains("flags"));
}

TEST_CASE("C API arguments: NULL outputs, NULL inputs with a length, empty input") {
  KeyHandle key;
  CHECK(jwtcore_key_from_jwk(nullptr, "{}", 2, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_key_from_jwk(key.out(), nullptr, 5, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_key_from_jwk(key.out(), nullptr, 0, 0) == JWTCORE_E_JSON);
  CHECK(jwtcore_key_from_pem(key.out(), nullptr, 0, 0) == JWTCORE_E_PEM);
  CHECK(key.p == nullptr);
  uint8_t *out = nullptr;
  size_t len = 0;
  CHECK(jwtcore_key_to_jwk(nullptr, &len, key.p, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_key_to_jwk(&out, &len, nullptr, 0) == JWTCORE_E_INVALID_HANDLE);
  CHECK(jwtcore_key_to_pem(&out, nullptr, nullptr, 0) == JWTCORE_E_INVALID_ARGUMENT);
  CHECK(jwtcore_key_thumbprint_uri(&out, &len, nullptr, 0) == JWTCORE_E_INVALID_HANDLE);
  CHECK(out == nullptr);
}
