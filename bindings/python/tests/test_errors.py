"""Every exception class is raised by a real case, with the library's status code and detail,
and the mapping from codes to classes follows jwtcore/common.h's groups."""

from __future__ import annotations

import json
import time

import pytest
from conftest import b64u_decode, vector_path

import jwtcore
from jwtcore import Key, KeySet, errors, jwe, jws, jwt

NOW = 1_700_000_000
HS = Key.from_secret(b"k" * 32)


def _token(claims: dict, **headers: str) -> str:
    return jwt.encode(claims, HS, "HS256", headers=headers or None)


def _raises(cls: type, code: int, fn, *args, **kwargs) -> jwtcore.JWTError:  # type: ignore[no-untyped-def]
    with pytest.raises(cls) as e:
        fn(*args, **kwargs)
    err = e.value
    assert type(err) is cls, f"{type(err).__name__} is not exactly {cls.__name__}"
    assert err.code == code, f"{err.code} != {code}: {err.message}"
    assert err.message, "the library's detail message is attached"
    assert str(code) in str(err)
    return err


def test_malformed_token_is_a_value_error() -> None:
    err = _raises(jwtcore.MalformedToken, -24, jws.verify, "only.two", HS, ["HS256"])
    assert isinstance(err, ValueError)
    head, body, _ = jws.sign(b"x", HS, "HS256").split(".")
    _raises(jwtcore.MalformedToken, -21, jws.verify, f"{head}.{body}.a+b", HS, ["HS256"])  # not base64url
    _raises(jwtcore.MalformedToken, -22, Key.from_jwk, '{"kty":')
    _raises(jwtcore.MalformedToken, -23, Key.from_jwk, '{"kty":"oct","kty":"oct","k":"AAAA"}')
    _raises(jwtcore.MalformedToken, -26, Key.from_pem, b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")


def test_algorithm_not_allowed() -> None:
    token = jws.sign(b"x", HS, "HS256")
    err = _raises(jwtcore.AlgorithmNotAllowed, -60, jws.verify, token, HS, ["HS384"])
    assert "HS256" in err.message
    _raises(jwtcore.AlgorithmNotAllowed, -64, jwtcore.Verifier, HS, ["HS999"])  # unknown name


def test_invalid_key_is_a_value_error() -> None:
    # An HS256 token presented with an EC public key: the algorithm family is bound to the key type.
    ec_pub = Key.from_jwk(Key.generate("ES256").to_jwk())
    token = jws.sign(b"x", HS, "HS256")
    err = _raises(jwtcore.InvalidKey, -43, jws.verify, token, ec_pub, ["HS256"])
    assert isinstance(err, ValueError)
    _raises(jwtcore.InvalidKey, -42, Key.from_secret, b"")
    _raises(jwtcore.InvalidKey, -41, Key.from_jwk, {"kty": "EC", "crv": "P-192", "x": "AA", "y": "AA"})


def test_key_not_found() -> None:
    ks = KeySet.from_jwks({"keys": [Key.generate("ES256").with_kid("a").to_jwk()]})
    _raises(jwtcore.KeyNotFound, -44, ks.__getitem__, "b")
    token = jws.sign(b"x", Key.generate("ES256").with_kid("b"), "ES256")
    _raises(jwtcore.KeyNotFound, -44, jws.verify, token, ks, ["ES256"])


def test_invalid_signature() -> None:
    key = Key.generate("EdDSA")
    head, body, sig = jws.sign(b"x", key, "EdDSA").split(".")
    forged = f"{head}.{jws.sign(b'y', key, 'EdDSA').split('.')[1]}.{sig}"
    _raises(jwtcore.InvalidSignature, -61, jws.verify, forged, key, ["EdDSA"])


def test_decryption_error_is_one_code_and_one_message() -> None:
    key = Key.generate("A256KW")
    parts = jwe.encrypt(b"secret", key, "A256KW", "A256GCM").split(".")
    tag = parts[4]
    parts[4] = ("B" if tag[0] == "A" else "A") + tag[1:]
    e1 = _raises(jwtcore.DecryptionError, -80, jwe.decrypt, ".".join(parts), key, ["A256KW"], ["A256GCM"])
    parts = jwe.encrypt(b"secret", key, "A256KW", "A256GCM").split(".")
    wrapped = parts[1]
    parts[1] = ("B" if wrapped[0] == "A" else "A") + wrapped[1:]
    e2 = _raises(jwtcore.DecryptionError, -80, jwe.decrypt, ".".join(parts), key, ["A256KW"], ["A256GCM"])
    assert e1.message == e2.message  # a tag failure and an unwrap failure look the same


def test_expired_signature() -> None:
    err = _raises(jwtcore.ExpiredSignature, -100, jwt.decode, _token({"exp": NOW - 10}), HS, ["HS256"], now=NOW)
    assert "exp" in err.message


def test_immature_signature_for_nbf_and_iat() -> None:
    _raises(jwtcore.ImmatureSignature, -101, jwt.decode, _token({"exp": NOW + 100, "nbf": NOW + 50}), HS, ["HS256"], now=NOW)
    _raises(jwtcore.ImmatureSignature, -102, jwt.decode, _token({"exp": NOW + 100, "iat": NOW + 50}), HS, ["HS256"], now=NOW)


def test_invalid_claim_and_its_issuer_and_audience_subclasses() -> None:
    ok = {"exp": NOW + 100, "iat": NOW - 10, "iss": "a", "aud": "me", "scope": "read", "tenant": "t1", "jti": "j"}
    token = _token(ok)
    _raises(jwtcore.InvalidIssuer, -103, jwt.decode, token, HS, ["HS256"], now=NOW, audience="me", issuer="b")
    _raises(jwtcore.InvalidAudience, -104, jwt.decode, token, HS, ["HS256"], now=NOW, audience="you")
    assert issubclass(jwtcore.InvalidIssuer, jwtcore.InvalidClaim) and issubclass(jwtcore.InvalidAudience, jwtcore.InvalidClaim)
    base = dict(now=NOW, audience="me")
    _raises(jwtcore.InvalidClaim, -108, jwt.decode, token, HS, ["HS256"], scopes=["write"], **base)
    _raises(jwtcore.InvalidClaim, -107, jwt.decode, token, HS, ["HS256"], claims={"tenant": "t2"}, **base)
    _raises(jwtcore.InvalidClaim, -109, jwt.decode, token, HS, ["HS256"], max_age=5, **base)
    _raises(jwtcore.InvalidClaim, -110, jwt.decode, token, HS, ["HS256"], max_lifetime=60, **base)
    _raises(jwtcore.InvalidClaim, -63, jwt.decode, token, HS, ["HS256"], typ="at+jwt", **base)
    revoking = jwtcore.Verifier(HS, ["HS256"], revoked=lambda jti: jti == "j", **base)
    _raises(jwtcore.InvalidClaim, -111, revoking.decode, token)
    # A mistyped registered claim, signed as a plain JWS (the JWT builder would refuse it).
    mistyped = jws.sign(b'{"exp":"tomorrow"}', HS, "HS256", headers={"typ": "JWT"})
    _raises(jwtcore.InvalidClaim, -106, jwt.decode, mistyped, HS, ["HS256"], now=NOW)


def test_a_failing_revocation_callback_fails_closed() -> None:
    def broken(jti: str) -> bool:
        raise RuntimeError("store down")

    v = jwtcore.Verifier(HS, ["HS256"], revoked=broken, now=NOW)
    _raises(jwtcore.InvalidClaim, -111, v.decode, _token({"exp": NOW + 100, "jti": "j"}))


def test_missing_claim() -> None:
    _raises(jwtcore.MissingClaim, -105, jwt.decode, _token({"sub": "x"}), HS, ["HS256"], now=NOW)  # exp required
    _raises(jwtcore.MissingClaim, -105, jwt.decode, _token({"exp": NOW + 1}), HS, ["HS256"], now=NOW, required=["sub"])


def test_limit_exceeded() -> None:
    big = _token({"exp": NOW + 100, "pad": "x" * 9000})
    _raises(jwtcore.LimitExceeded, -120, jwt.decode, big, HS, ["HS256"], now=NOW)  # 8192-byte default
    _raises(jwtcore.LimitExceeded, -120, Key.from_secret, b"x" * 2000)


def test_pbes2_billion_hashes_token_is_refused_before_any_work() -> None:
    # latchset/jose CVE-2023-50967: a PBES2 token with a huge p2c (SECURITY.md #9).
    if vector_path("latchset-jose/tests/cve-2023-50967/cve-2023-50967.jwe") is None:
        pytest.skip("vector missing")
    token = vector_path("latchset-jose/tests/cve-2023-50967/cve-2023-50967.jwe").read_text().strip()  # type: ignore[union-attr]
    key = Key.from_jwk(vector_path("latchset-jose/tests/cve-2023-50967/cve-2023-50967.jwk").read_text())  # type: ignore[union-attr]
    doc = json.loads(token)  # flattened JSON: alg and p2c (10^9) in the unprotected header
    h = {**json.loads(b64u_decode(doc["protected"])), **doc["header"]}
    assert h["p2c"] == 1_000_000_000
    start = time.perf_counter()
    _raises(jwtcore.LimitExceeded, -122, jwe.decrypt, token, key, [h["alg"]], [h["enc"]], pbes2_max_p2c=0)
    assert time.perf_counter() - start < 0.5
    # Without the opt-in, PBES2 is not even considered.
    with pytest.raises(jwtcore.JWTError):
        jwe.decrypt(token, key, [h["alg"]], [h["enc"]])


def test_general_codes_raise_the_base_class() -> None:
    err = _raises(jwtcore.JWTError, -3, Key.generate, "none")
    assert not isinstance(err, ValueError)


@pytest.mark.parametrize(
    "code,cls",
    [(-1, errors.JWTError), (-7, errors.JWTError), (-20, errors.MalformedToken), (-39, errors.MalformedToken),
     (-40, errors.InvalidKey), (-44, errors.KeyNotFound), (-47, errors.InvalidKey), (-60, errors.AlgorithmNotAllowed),
     (-61, errors.InvalidSignature), (-62, errors.MalformedToken), (-63, errors.InvalidClaim),
     (-64, errors.AlgorithmNotAllowed), (-80, errors.DecryptionError), (-81, errors.AlgorithmNotAllowed),
     (-82, errors.DecryptionError), (-100, errors.ExpiredSignature), (-101, errors.ImmatureSignature),
     (-102, errors.ImmatureSignature), (-103, errors.InvalidIssuer), (-104, errors.InvalidAudience),
     (-105, errors.MissingClaim), (-106, errors.InvalidClaim), (-111, errors.InvalidClaim),
     (-120, errors.LimitExceeded), (-123, errors.LimitExceeded), (-999, errors.JWTError)],
)
def test_code_to_class_mapping(code: int, cls: type) -> None:
    assert errors.error_class(code) is cls


def test_every_status_code_has_text() -> None:
    from jwtcore import _ffi

    for code in range(0, -140, -1):
        assert _ffi.jwtcore_strerror(code)
