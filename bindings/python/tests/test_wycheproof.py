"""Wycheproof's JOSE files through the Python API, one test per vector (ids name the tcId and
the upstream comment): json_web_signature_test.json (401 JWS verifications) and
json_web_key_test.json (26 key-set cases, with the private and the public set)."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, List

import pytest
from conftest import b64u_decode, vector_json_or_none

import jwtcore
from jwtcore import Key, KeySet, jws

JWS_FILE = "wycheproof/testvectors_v1/json_web_signature_test.json"
JWK_FILE = "wycheproof/testvectors_v1/json_web_key_test.json"

# Labels in the upstream data that are wrong for a strict implementation (vectors MANIFEST.md);
# the same overrides, for the same reasons, as tests/unit/test_wycheproof_jws.cpp.
OVERRIDES: Dict[int, str] = {
    # Byte-identical to tcId 357 (valid): contradictory upstream labels, C2SP/wycheproof#236.
    367: "valid",
    370: "valid",
    # '?' inserted into a part: only a verifier that silently drops it computes the right MAC.
    # Strict base64url (RFC 7515 §2, RFC 4648 §3.3) rejects the token.
    372: "invalid",
    373: "invalid",
    # Not in the MANIFEST's list: Wycheproof added an "alg" to the RFC 7520 keys that contradicts
    # the token. Key 346/350 says "PS256" but RFC 7520 Figure 20 is PS384; key 347/351 says
    # "ES521", which is no registered algorithm (RFC 7518 §3.1 has ES512). A key bound to one
    # algorithm must not verify another (RFC 7517 §4.4, RFC 8725 §3.1, SECURITY.md #3), and an
    # unknown "alg" makes the JWK unusable, so libjwtcore rejects all four.
    346: "invalid",
    347: "invalid",
    350: "invalid",
    351: "invalid",
}


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")[:60]


def _jws_cases() -> List[Any]:
    data = vector_json_or_none(JWS_FILE)
    if data is None:
        return [pytest.param(None, None, None, marks=pytest.mark.skip(reason=f"{JWS_FILE} not found"), id="absent")]
    cases = []
    for group in data["testGroups"]:
        key = group.get("public") or group.get("private")
        for t in group["tests"]:
            cases.append(pytest.param(key, t, OVERRIDES.get(t["tcId"], t["result"]),
                                      id=f"tc{t['tcId']}-{_slug(t['comment'] or group.get('comment', ''))}"))
    return cases


def _alg_for(key: Dict[str, Any], token: str) -> str:
    """The alg a test allows: the key's own, else the token's (groups whose key carries none)."""
    if "alg" in key:
        return key["alg"]
    try:
        return json.loads(b64u_decode(token.split(".", 1)[0]))["alg"]
    except Exception:
        return "HS256"


@pytest.mark.parametrize("key_jwk,test,expected", _jws_cases())
def test_wycheproof_jws(key_jwk: Dict[str, Any], test: Dict[str, Any], expected: str) -> None:
    token = test["jws"]
    try:
        key = Key.from_jwk(key_jwk)
    except jwtcore.JWTError as e:  # an unusable key can only reject
        assert expected != "valid", f"key import failed: {e}"
        return
    alg = _alg_for(key_jwk, token)
    try:
        verifier = jwtcore.Verifier(key, [alg])
    except jwtcore.AlgorithmNotAllowed:  # unknown alg name (e.g. "ES521"): nothing verifies
        assert expected != "valid"
        return
    # Compact only: Wycheproof's policy rejects the JSON serialization at this entry point.
    if expected == "valid":
        verifier.verify_jws(token, compact_only=True)
    else:
        with pytest.raises(jwtcore.JWTError):
            verifier.verify_jws(token, compact_only=True)


def test_wycheproof_jws_file_is_complete() -> None:
    data = vector_json_or_none(JWS_FILE)
    if data is None:
        pytest.skip("absent")
    assert sum(len(g["tests"]) for g in data["testGroups"]) == 401


# ---- JWK sets ----------------------------------------------------------------------------------

def _jwk_cases() -> List[Any]:
    data = vector_json_or_none(JWK_FILE)
    if data is None:
        return [pytest.param(None, None, None, marks=pytest.mark.skip(reason=f"{JWK_FILE} not found"), id="absent")]
    cases = []
    for group in data["testGroups"]:
        for t in group["tests"]:
            for which in ("private", "public"):
                if which in group:
                    cases.append(pytest.param(group[which], t, which,
                                              id=f"tc{t['tcId']}-{which}-{_slug(group.get('comment', '') + ' ' + t['comment'])}"))
    return cases


@pytest.mark.parametrize("jwks,test,which", _jwk_cases())
def test_wycheproof_jwk_sets(jwks: Dict[str, Any], test: Dict[str, Any], which: str) -> None:
    """A relying party's use of a key set: parse it, let the token's kid pick the key, allow the
    token's alg, verify. Valid cases verify; invalid ones fail somewhere on the way."""
    token = test["jws"]
    header = json.loads(b64u_decode(token.split(".")[0]))
    expect_valid = test["result"] == "valid"
    try:
        ks = KeySet.from_jwks(jwks)
        assert "kid" in header, "the relying party needs a kid to pick a key"
        key = ks[header["kid"]]  # exactly one key with this kid (duplicates are ambiguous)
        jws.verify(token, key, [header["alg"]], compact_only=True)
    except (jwtcore.JWTError, AssertionError) as e:
        assert not expect_valid, f"{type(e).__name__}: {e}"
        return
    assert expect_valid, "verified, but Wycheproof expects a rejection"


def test_wycheproof_jwk_file_is_complete() -> None:
    data = vector_json_or_none(JWK_FILE)
    if data is None:
        pytest.skip("absent")
    assert len(_jwk_cases()) == 37  # 26 tests, 11 of them with both a private and a public set
