"""jwtcore.jwt.encode / decode: PyJWT's calls, with the claims checked natively (RFC 7519 §7.2,
RFC 8725), the verifier cache, and the guards against key confusion."""

from __future__ import annotations

import datetime
import gc
import json
import weakref

import pytest
from conftest import b64u_decode, header_of

import jwtcore
from jwtcore import Key, jwe, jws, jwt
from jwtcore import verifier as verifier_module

NOW = 1_700_000_000
ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
        "ES256K", "EdDSA"]
_keys: dict = {}


def _key(alg: str) -> Key:
    if alg not in _keys:
        _keys[alg] = Key.generate(alg)
    return _keys[alg]


@pytest.mark.parametrize("alg", ALGS)
def test_round_trip_every_signature_algorithm(alg: str) -> None:
    key = _key(alg)
    claims = {"sub": "42", "exp": NOW + 60, "iat": NOW, "nested": {"a": [1, 2.5, None, True]}, "name": "Zoë"}
    token = jwt.encode(claims, key, alg)
    assert header_of(token) == {"alg": alg, "typ": "JWT"}
    public = Key.from_jwk(key.to_jwk(private=key.kty == "oct"))
    assert jwt.decode(token, public, [alg], now=NOW) == claims


def test_datetimes_become_numeric_dates_and_naive_ones_are_refused() -> None:
    exp = datetime.datetime.fromtimestamp(NOW + 60, tz=datetime.timezone.utc)
    token = jwt.encode({"exp": exp, "iat": exp - datetime.timedelta(minutes=5)}, _key("HS256"), "HS256")
    assert jwt.decode(token, _key("HS256"), ["HS256"], now=NOW) == {"exp": NOW + 60, "iat": NOW - 240}
    with pytest.raises(ValueError):
        jwt.encode({"exp": datetime.datetime(2030, 1, 1)}, _key("HS256"), "HS256")
    assert jwt.decode(token, _key("HS256"), ["HS256"], now=exp - datetime.timedelta(seconds=1))["exp"] == NOW + 60


def test_headers_typ_kid_and_extra_members() -> None:
    key = _key("ES256")
    assert "typ" not in header_of(jwt.encode({"exp": NOW + 1}, key, "ES256", headers={"typ": None}))
    assert header_of(jwt.encode({"exp": NOW + 1}, key, "ES256", headers={"typ": "at+jwt"}))["typ"] == "at+jwt"
    assert header_of(jwt.encode({"exp": NOW + 1}, key.with_kid("k"), "ES256"))["kid"] == "k"
    token = jwt.encode({"exp": NOW + 1}, key, "ES256", headers={"kid": "h", "cty": "x"})
    assert header_of(token) == {"alg": "ES256", "kid": "h", "cty": "x", "typ": "JWT"}
    assert jwt.decode(token, key, ["ES256"], now=NOW) == {"exp": NOW + 1}


def test_registered_claims_are_type_checked_when_encoding() -> None:
    for bad in ({"exp": "tomorrow"}, {"iss": 5}, {"aud": [1, 2]}):
        with pytest.raises(jwtcore.InvalidClaim):
            jwt.encode(bad, _key("HS256"), "HS256")


def test_leeway_audience_and_issuer_lists() -> None:
    key = _key("HS256")
    token = jwt.encode({"exp": NOW - 30, "aud": ["a", "b"], "iss": "i2"}, key, "HS256")
    with pytest.raises(jwtcore.ExpiredSignature):
        jwt.decode(token, key, ["HS256"], now=NOW, audience="b", issuer=["i1", "i2"])
    claims = jwt.decode(token, key, ["HS256"], now=NOW, audience=["x", "b"], issuer=["i1", "i2"],
                        leeway=datetime.timedelta(seconds=31))
    assert claims["iss"] == "i2"
    with pytest.raises(jwtcore.JWTError) as e:  # at most 300 s
        jwt.decode(token, key, ["HS256"], leeway=301)
    assert e.value.code == -3


def test_exp_is_required_unless_told_otherwise() -> None:
    token = jwt.encode({"sub": "x"}, _key("HS256"), "HS256")
    with pytest.raises(jwtcore.MissingClaim):
        jwt.decode(token, _key("HS256"), ["HS256"])
    assert jwt.decode(token, _key("HS256"), ["HS256"], require_exp=False) == {"sub": "x"}


def test_scopes_exact_claims_and_required_claims() -> None:
    key = _key("HS256")
    token = jwt.encode({"exp": NOW + 9, "scope": "read write", "tenant": {"id": 1}}, key, "HS256")
    assert jwt.decode(token, key, ["HS256"], now=NOW, scopes=["write"], claims={"tenant": {"id": 1.0}},
                      required=["scope"])["scope"] == "read write"


def test_typ_is_checked_when_asked() -> None:
    key = _key("HS256")
    token = jwt.encode({"exp": NOW + 9}, key, "HS256", headers={"typ": "at+jwt"})
    assert jwt.decode(token, key, ["HS256"], now=NOW, typ="application/at+jwt")
    with pytest.raises(jwtcore.InvalidClaim):
        jwt.decode(token, key, ["HS256"], now=NOW, typ="JWT")


def test_a_json_jws_is_not_a_jwt() -> None:
    key = _key("HS256")
    flat = jws.sign(json.dumps({"exp": NOW + 9}), key, "HS256", serialization="flattened")
    with pytest.raises(jwtcore.MalformedToken):
        jwt.decode(flat, key, ["HS256"], now=NOW)


@pytest.mark.parametrize("sign_alg,key_alg,enc", [("ES256", "RSA-OAEP-256", "A256GCM"), ("EdDSA", "ECDH-ES+A128KW", "A128GCM"),
                                                  ("HS256", "A256KW", "A256CBC-HS512")])
def test_nested_jwt_sign_then_encrypt(sign_alg: str, key_alg: str, enc: str) -> None:
    signer, recipient = _key(sign_alg), Key.generate(key_alg).with_kid("rcpt")
    token = jwt.encode({"exp": NOW + 9, "sub": "n"}, signer, sign_alg, encrypt_key=recipient,
                       encrypt_algorithm=key_alg, encryption=enc)
    assert token.count(".") == 4
    header, inner = jwe.decrypt(token, recipient, [key_alg], [enc])
    assert header["cty"] == "JWT" and header["kid"] == "rcpt"
    assert jwt.decode(inner.decode(), signer, [sign_alg], now=NOW)["sub"] == "n"
    # In one call: the verifier allows the outer alg/enc and holds the decryption key.
    claims = jwt.decode(token, signer, [sign_alg, key_alg], now=NOW, encryptions=[enc], decryption_key=recipient)
    assert claims == {"exp": NOW + 9, "sub": "n"}
    # Without the decryption policy a nested token is refused; so is the inner one signed badly.
    with pytest.raises(jwtcore.JWTError):
        jwt.decode(token, signer, [sign_alg], now=NOW)
    with pytest.raises(jwtcore.JWTError):
        jwt.decode(token, Key.generate(sign_alg), [sign_alg, key_alg], now=NOW, encryptions=[enc],
                   decryption_key=recipient)


def test_nested_jwt_arguments_come_together() -> None:
    with pytest.raises(TypeError):
        jwt.encode({"exp": NOW}, _key("HS256"), "HS256", encrypt_key=Key.generate("A128KW"))


def test_algorithms_must_be_a_list() -> None:
    token = jwt.encode({"exp": NOW + 9}, _key("HS256"), "HS256")
    with pytest.raises(TypeError):
        jwt.decode(token, _key("HS256"), "HS256", now=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        jwt.decode(token, _key("HS256"), now=NOW)


def test_raw_secrets_and_pem_never_cross_over() -> None:
    token = jwt.encode({"exp": NOW + 9}, "a shared secret of 32 bytes.....", "HS256")
    assert jwt.decode(token, b"a shared secret of 32 bytes.....", ["HS256"], now=NOW)
    pem = _key("RS256").to_pem()
    # The classic confusion: an HS256 token "signed" with the public key's PEM text.
    with pytest.raises(TypeError):
        jwt.decode(token, pem, ["HS256", "RS256"], now=NOW)
    rs = jwt.encode({"exp": NOW + 9}, _key("RS256"), "RS256")
    assert jwt.decode(rs, pem, ["RS256"], now=NOW) == {"exp": NOW + 9}


def test_a_prebuilt_verifier_is_used_as_is() -> None:
    key = _key("EdDSA")
    v = jwtcore.Verifier(key, ["EdDSA"], now=NOW, audience="svc")
    token = jwt.encode({"exp": NOW + 9, "aud": "svc"}, key, "EdDSA")
    assert jwt.decode(token, v) == v.decode(token) == json.loads(v.decode_json(token))
    with pytest.raises(TypeError):
        jwt.decode(token, v, audience="other")


def test_the_verifier_cache_reuses_and_forgets() -> None:
    key = Key.generate("HS256")
    token = jwt.encode({"exp": NOW + 9}, key, "HS256")
    jwt.decode(token, key, ["HS256"], now=NOW)
    jwt.decode(token, key, ["HS256"], now=NOW)
    mine = [k for k in verifier_module._verifiers if k[0] == id(key)]
    assert len(mine) == 1
    jwt.decode(token, key, ["HS256"], now=NOW + 1)  # other rules: another verifier
    assert len([k for k in verifier_module._verifiers if k[0] == id(key)]) == 2
    key.close()  # closing forgets them, and later use is refused
    assert not [k for k in verifier_module._verifiers if k[0] == id(key)]
    with pytest.raises(ValueError):
        jwt.decode(token, key, ["HS256"], now=NOW)
    other = Key.generate("HS256")
    ref = weakref.ref(other)
    jwt.decode(jwt.encode({"exp": NOW + 9}, other, "HS256"), other, ["HS256"], now=NOW)
    del other
    gc.collect()
    assert ref() is None  # a cached verifier does not keep the caller's key alive


def test_decode_json_returns_the_claims_text() -> None:
    key = _key("HS256")
    token = jwt.encode({"exp": NOW + 9, "b": 1}, key, "HS256")
    assert jwt.decode_json(token, key, ["HS256"], now=NOW) == b64u_decode(token.split(".")[1])


def test_issuer_bound_keys_only_verify_their_issuer() -> None:
    a, b = Key.generate("ES256"), Key.generate("ES256")
    v = jwtcore.Verifier(None, ["ES256"], now=NOW, issuer_keys={"https://a": Key.from_jwk(a.to_jwk()),
                                                                "https://b": jwtcore.KeySet.of(Key.from_jwk(b.to_jwk()))})
    assert v.decode(jwt.encode({"exp": NOW + 9, "iss": "https://a"}, a, "ES256"))["iss"] == "https://a"
    assert v.decode(jwt.encode({"exp": NOW + 9, "iss": "https://b"}, b, "ES256"))["iss"] == "https://b"
    with pytest.raises(jwtcore.JWTError):  # b's key claiming to be issuer a
        v.decode(jwt.encode({"exp": NOW + 9, "iss": "https://a"}, b, "ES256"))
    with pytest.raises(jwtcore.InvalidIssuer):
        v.decode(jwt.encode({"exp": NOW + 9, "iss": "https://c"}, a, "ES256"))


def test_max_jwt_size_and_aware_datetime_now() -> None:
    key = _key("HS256")
    token = jwt.encode({"exp": NOW + 9, "pad": "x" * 200}, key, "HS256")
    with pytest.raises(jwtcore.LimitExceeded):
        jwtcore.Verifier(key, ["HS256"], now=NOW, max_jwt_size=100).decode(token)
    when = datetime.datetime.fromtimestamp(NOW, tz=datetime.timezone.utc)
    assert jwtcore.Verifier(key, ["HS256"], now=when).decode(token)["exp"] == NOW + 9
    with pytest.raises(ValueError):
        jwtcore.Verifier(key, ["HS256"], now=datetime.datetime(2030, 1, 1))
