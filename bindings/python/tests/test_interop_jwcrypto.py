"""Interop with jwcrypto (pinned in tools/test-python.sh), both ways: every JWS algorithm both
support (compact and general JSON with several signatures, and JWTs), and every JWE alg/enc pair
jwcrypto supports (compact and JSON, several recipients). Keys travel as JWK in both directions.

Left out: jwcrypto's Ed448, ML-DSA-* and brainpool (BP*) algorithms, which jwtcore does not
implement. RSA1_5 goes one way only: jwtcore decrypts it behind an explicit opt-in, and never
encrypts with it (SECURITY.md #11)."""

from __future__ import annotations

import json
import time
from typing import Dict, List, Tuple

import pytest
from jwcrypto import jwe as jc_jwe
from jwcrypto import jwk as jc_jwk
from jwcrypto import jws as jc_jws
from jwcrypto import jwt as jc_jwt

import jwtcore
from jwtcore import Key, jwe, jws

JWS_ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
            "ES256K", "EdDSA", "Ed25519"]
JWE_ALGS = ["RSA-OAEP", "RSA-OAEP-256", "A128KW", "A192KW", "A256KW", "dir", "ECDH-ES", "ECDH-ES+A128KW",
            "ECDH-ES+A192KW", "ECDH-ES+A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW", "PBES2-HS256+A128KW",
            "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"]
ENCS = ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"]
_keys: Dict[str, Tuple[Key, jc_jwk.JWK]] = {}


def test_jwcrypto_supports_every_algorithm_tested_here() -> None:
    assert set(JWS_ALGS) <= set(jc_jws.default_allowed_algs)
    assert set(JWE_ALGS) | set(ENCS) <= set(jc_jwe.default_allowed_algs)


def _pair(spec: str) -> Tuple[Key, jc_jwk.JWK]:
    """A jwtcore key and the same private key in jwcrypto, via JWK."""
    if spec not in _keys:
        key = Key.generate(spec)
        _keys[spec] = (key, jc_jwk.JWK(**key.to_jwk(private=True)))
    return _keys[spec]


def _spec_for_jwe(alg: str, enc: str) -> str:
    if alg == "dir":
        return enc
    return alg


# ---- JWS --------------------------------------------------------------------------------------

@pytest.mark.parametrize("alg", JWS_ALGS)
def test_jwcrypto_jws_verifies_in_jwtcore(alg: str) -> None:
    key, jk = _pair(alg)
    s = jc_jws.JWS(b"payload from jwcrypto")
    s.add_signature(jk, alg=alg, protected=json.dumps({"alg": alg}))
    public = Key.from_jwk(jk.export(private_key=key.kty == "oct", as_dict=True))
    assert jws.verify(s.serialize(compact=True), public, [alg])[1] == b"payload from jwcrypto"
    assert jws.verify(s.serialize(), public, [alg])[1] == b"payload from jwcrypto"


@pytest.mark.parametrize("alg", JWS_ALGS)
def test_jwtcore_jws_verifies_in_jwcrypto(alg: str) -> None:
    key, _ = _pair(alg)
    public = jc_jwk.JWK(**key.to_jwk(private=key.kty == "oct"))
    for serialization in ("compact", "flattened", "json"):
        token = jws.sign(b"payload from jwtcore", key, alg, serialization=serialization)
        s = jc_jws.JWS()
        s.deserialize(token)
        s.verify(public, alg=alg)
        assert s.payload == b"payload from jwtcore"


def test_general_json_with_several_signatures_both_ways() -> None:
    (rs, jrs), (es, jes), (ed, jed) = _pair("PS384"), _pair("ES512"), _pair("EdDSA")
    token = jws.sign(b"multi", [rs, es, ed], ["PS384", "ES512", "EdDSA"], serialization="json")
    for jk, alg in ((jrs, "PS384"), (jes, "ES512"), (jed, "EdDSA")):
        s = jc_jws.JWS()
        s.deserialize(token)
        s.verify(jc_jwk.JWK(**json.loads(jk.export_public())), alg=alg)
    s = jc_jws.JWS(b"multi back")
    for jk, alg in ((jrs, "PS384"), (jes, "ES512"), (jed, "EdDSA")):
        s.add_signature(jk, alg=alg, protected=json.dumps({"alg": alg}), header=json.dumps({"kid": alg}))
    theirs = s.serialize()
    for i, (key, alg) in enumerate(((rs, "PS384"), (es, "ES512"), (ed, "EdDSA"))):
        r = jws.verify_detailed(theirs, Key.from_jwk(key.to_jwk()), [alg])
        assert (r.payload, r.signature_index) == (b"multi back", i)


@pytest.mark.parametrize("alg", ["HS256", "RS256", "PS256", "ES256", "ES256K", "EdDSA"])
def test_jwts_both_ways(alg: str) -> None:
    key, jk = _pair(alg)
    now = int(time.time())
    claims = {"iss": "jwcrypto", "aud": "api", "exp": now + 60, "iat": now, "sub": "x"}
    t = jc_jwt.JWT(header={"alg": alg, "typ": "JWT"}, claims=claims)
    t.make_signed_token(jk)
    assert jwtcore.jwt.decode(t.serialize(), key, [alg], audience="api", issuer="jwcrypto") == claims
    ours = jwtcore.jwt.encode(claims, key, alg)
    public = jc_jwk.JWK(**key.to_jwk(private=key.kty == "oct"))
    back = jc_jwt.JWT(jwt=ours, key=public, algs=[alg], check_claims={"iss": "jwcrypto", "aud": "api"})
    assert json.loads(back.claims) == claims


# ---- JWE --------------------------------------------------------------------------------------

PAIRS = [(a, e) for a in JWE_ALGS for e in ENCS]


def _jc_encrypt(plaintext: bytes, jk: jc_jwk.JWK, alg: str, enc: str, compact: bool = True) -> str:
    t = jc_jwe.JWE(plaintext, protected=json.dumps({"alg": alg, "enc": enc}), algs=[alg, enc])
    t.add_recipient(jk)
    return t.serialize(compact=compact)


def _jc_decrypt(token: str, jk: jc_jwk.JWK, alg: str, enc: str) -> bytes:
    t = jc_jwe.JWE(algs=[alg, enc])
    t.deserialize(token, key=jk)
    return t.payload


def _pbes2(alg: str) -> dict:
    return {"pbes2_max_p2c": 0} if alg.startswith("PBES2") else {}


@pytest.mark.parametrize("alg,enc", PAIRS, ids=[f"{a}-{e}" for a, e in PAIRS])
def test_jwcrypto_jwe_decrypts_in_jwtcore(alg: str, enc: str) -> None:
    key, jk = _pair(_spec_for_jwe(alg, enc))
    token = _jc_encrypt(b"from jwcrypto", jk, alg, enc)
    header, plaintext = jwe.decrypt(token, key, [alg], [enc], **_pbes2(alg))
    assert plaintext == b"from jwcrypto" and header["alg"] == alg


@pytest.mark.parametrize("alg,enc", PAIRS, ids=[f"{a}-{e}" for a, e in PAIRS])
def test_jwtcore_jwe_decrypts_in_jwcrypto(alg: str, enc: str) -> None:
    key, jk = _pair(_spec_for_jwe(alg, enc))
    for serialization in ("compact", "flattened"):
        token = jwe.encrypt(b"from jwtcore", key, alg, enc, serialization=serialization)
        assert _jc_decrypt(token, jk, alg, enc) == b"from jwtcore"


@pytest.mark.parametrize("crv", ["P-384", "P-521", "X25519"])
def test_ecdh_es_on_other_curves_both_ways(crv: str) -> None:
    key = Key.generate(f"ECDH-ES+A256KW:{crv}")
    jk = jc_jwk.JWK(**key.to_jwk(private=True))
    ours = jwe.encrypt(b"curve", key, "ECDH-ES+A256KW", "A256GCM")
    assert _jc_decrypt(ours, jk, "ECDH-ES+A256KW", "A256GCM") == b"curve"
    theirs = _jc_encrypt(b"curve", jc_jwk.JWK(**key.to_jwk()), "ECDH-ES+A256KW", "A256GCM")
    assert jwe.decrypt(theirs, key, ["ECDH-ES+A256KW"], ["A256GCM"])[1] == b"curve"


@pytest.mark.parametrize("enc", ENCS)
def test_jwcrypto_rsa1_5_decrypts_only_with_the_opt_in(enc: str) -> None:
    key, jk = _pair("RSA-OAEP")
    plain_rsa = Key.from_jwk({k: v for k, v in key.to_jwk(private=True).items() if k != "alg"})
    token = _jc_encrypt(b"legacy", jc_jwk.JWK(**plain_rsa.to_jwk(private=True)), "RSA1_5", enc)
    with pytest.raises(jwtcore.JWTError):
        jwe.decrypt(token, plain_rsa, ["RSA1_5"], [enc])
    assert jwe.decrypt(token, plain_rsa, ["RSA1_5"], [enc], allow_rsa1_5=True)[1] == b"legacy"
    # A key bound to RSA-OAEP never decrypts RSA1_5 (SECURITY.md #11).
    with pytest.raises(jwtcore.JWTError):
        jwe.decrypt(token, key, ["RSA1_5"], [enc], allow_rsa1_5=True)


def test_several_recipients_both_ways() -> None:
    (a, ja), (b, jb) = _pair("RSA-OAEP-256"), _pair("ECDH-ES+A128KW")
    a, b = a.with_kid("a"), b.with_kid("b")
    ours = jwe.encrypt(b"both", [a, b], ["RSA-OAEP-256", "ECDH-ES+A128KW"], "A128CBC-HS256", serialization="json")
    for jk, alg in ((ja, "RSA-OAEP-256"), (jb, "ECDH-ES+A128KW")):
        assert _jc_decrypt(ours, jk, alg, "A128CBC-HS256") == b"both"
    t = jc_jwe.JWE(b"both back", protected=json.dumps({"enc": "A256GCM"}), algs=["RSA-OAEP-256", "ECDH-ES+A128KW", "A256GCM"])
    t.add_recipient(jc_jwk.JWK(**a.to_jwk()), header=json.dumps({"alg": "RSA-OAEP-256", "kid": "a"}))
    t.add_recipient(jc_jwk.JWK(**b.to_jwk()), header=json.dumps({"alg": "ECDH-ES+A128KW", "kid": "b"}))
    theirs = t.serialize()
    r = jwe.decrypt_detailed(theirs, b, ["ECDH-ES+A128KW"], ["A256GCM"])
    assert (r.plaintext, r.recipient_index, r.kid) == (b"both back", 1, "b")
