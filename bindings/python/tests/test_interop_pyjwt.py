"""Interop with PyJWT (pinned in tools/test-python.sh), both ways, for every JWS algorithm both
support: PyJWT's tokens verified by jwtcore, jwtcore's tokens verified by PyJWT — as JWTs (claims
included) and as bare JWS, with keys exchanged as PEM and as JWK.

PyJWT also lists "ES521", a non-registered alias (RFC 7518 §3.1 names ES512), which jwtcore does
not accept, and "none", which jwtcore never verifies by default; both are left out."""

from __future__ import annotations

import json
import time
from typing import Dict, Tuple

import jwt as pyjwt
import pytest
from conftest import b64u_decode

import jwtcore
from jwtcore import Key, jws

ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
        "ES256K", "EdDSA"]
_cache: Dict[str, Tuple[Key, object, object]] = {}


def test_pyjwt_supports_every_algorithm_tested_here() -> None:
    assert set(ALGS) <= set(pyjwt.algorithms.get_default_algorithms())


def _keys(alg: str) -> Tuple[Key, object, object]:
    """(jwtcore key, PyJWT signing key, PyJWT verification key) for one algorithm."""
    if alg not in _cache:
        key = Key.generate(alg)
        if key.kty == "oct":
            secret = b64u_decode(key.to_jwk(private=True)["k"])
            _cache[alg] = (key, secret, secret)
        else:
            _cache[alg] = (key, key.to_pem(private=True), key.to_pem())
    return _cache[alg]


def _claims() -> dict:
    now = int(time.time())
    return {"sub": "user-1", "iss": "https://issuer.example", "aud": "api", "iat": now, "nbf": now - 5,
            "exp": now + 300, "scope": "read write", "name": "Zoë", "n": 1.5}


@pytest.mark.parametrize("alg", ALGS)
def test_pyjwt_tokens_verify_in_jwtcore(alg: str) -> None:
    key, signing, verifying = _keys(alg)
    claims = _claims()
    token = pyjwt.encode(claims, signing, algorithm=alg, headers={"kid": "k1"})
    verifier_key = key if key.kty == "oct" else Key.from_pem(verifying)  # type: ignore[arg-type]
    got = jwtcore.jwt.decode(token, verifier_key, [alg], audience="api", issuer="https://issuer.example",
                             scopes=["write"])
    assert got == claims
    # A flipped payload character is refused by jwtcore.
    head, body, sig = token.split(".")
    forged = ".".join([head, jws.sign(json.dumps({**claims, "sub": "admin"}), key, alg).split(".")[1], sig])
    with pytest.raises((jwtcore.InvalidSignature, jwtcore.MalformedToken)):
        jwtcore.jwt.decode(forged, verifier_key, [alg], audience="api")


@pytest.mark.parametrize("alg", ALGS)
def test_jwtcore_tokens_verify_in_pyjwt(alg: str) -> None:
    key, _, verifying = _keys(alg)
    claims = _claims()
    token = jwtcore.jwt.encode(claims, key.with_kid("k2"), alg)
    assert pyjwt.get_unverified_header(token) == {"alg": alg, "typ": "JWT", "kid": "k2"}
    got = pyjwt.decode(token, verifying, algorithms=[alg], audience="api", issuer="https://issuer.example")
    assert got == claims


@pytest.mark.parametrize("alg", ALGS)
def test_jwk_exchange_with_pyjwt(alg: str) -> None:
    key, signing, _ = _keys(alg)
    # jwtcore's public JWK (or the oct JWK) read by PyJWT verifies jwtcore's token ...
    public_jwk = key.to_jwk(private=key.kty == "oct")
    token = jwtcore.jwt.encode({"exp": int(time.time()) + 60}, key, alg)
    pk = pyjwt.PyJWK(public_jwk, algorithm=alg)
    assert pyjwt.decode(token, pk, algorithms=[alg])["exp"] > 0
    # ... and PyJWT's JWK export of the public key is read by jwtcore.
    algo = pyjwt.get_algorithm_by_name(alg)
    if key.kty == "oct":
        exported = algo.to_jwk(signing, as_dict=True)  # type: ignore[attr-defined]
    else:
        exported = algo.to_jwk(algo.prepare_key(signing).public_key(), as_dict=True)  # type: ignore[attr-defined]
    theirs = pyjwt.encode({"exp": int(time.time()) + 60}, signing, algorithm=alg)
    assert jwtcore.jwt.decode(theirs, Key.from_jwk(exported), [alg])["exp"] > 0


@pytest.mark.parametrize("alg", ALGS)
def test_bare_jws_both_ways(alg: str) -> None:
    key, signing, verifying = _keys(alg)
    payload = b"\x00\x01 not json \xff"
    ours = jws.sign(payload, key, alg)
    assert pyjwt.api_jws.decode(ours, verifying, algorithms=[alg]) == payload
    theirs = pyjwt.api_jws.encode(payload, signing, algorithm=alg)
    verifier_key = key if key.kty == "oct" else Key.from_pem(verifying)  # type: ignore[arg-type]
    assert jws.verify(theirs, verifier_key, [alg])[1] == payload


def test_pyjwt_expired_token_is_expired_in_jwtcore_too() -> None:
    key, signing, _ = _keys("HS256")
    token = pyjwt.encode({"exp": int(time.time()) - 3600}, signing, algorithm="HS256")
    with pytest.raises(jwtcore.ExpiredSignature):
        jwtcore.jwt.decode(token, key, ["HS256"])
    with pytest.raises(pyjwt.ExpiredSignatureError):
        pyjwt.decode(jwtcore.jwt.encode({"exp": int(time.time()) - 3600}, key, "HS256"), signing, algorithms=["HS256"])
