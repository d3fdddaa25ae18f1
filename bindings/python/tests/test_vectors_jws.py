"""Published JWS examples through the Python API: RFC 7520 §4 (the JOSE cookbook), RFC 7515
Appendix A, RFC 8037 A.4-A.5, RFC 7797 §4 — verified in every serialization given, reproduced
byte for byte where the algorithm is deterministic — and latchset/jose's copies of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List

import pytest
from conftest import FIXTURES, VECTORS, b64u_decode, load_vector, vector_json_or_none, vector_path

import jwtcore
from jwtcore import Key, jws

COOKBOOK_JWS = [
    "4_1.rsa_v15_signature.json",
    "4_2.rsa-pss_signature.json",
    "4_3.ecdsa_signature.json",
    "4_4.hmac-sha2_integrity_protection.json",
    "4_5.signature_with_detached_content.json",
    "4_6.protecting_specific_header_fields.json",
    "4_7.protecting_content_only.json",
    "4_8.multiple_signatures.json",
]
FORMS = ["compact", "json", "json_flat"]


def _keys(input_: Any) -> List[Key]:
    k = input_["key"]
    return [Key.from_jwk(x) for x in k] if isinstance(k, list) else [Key.from_jwk(k)]


def _algs(input_: Any) -> List[str]:
    a = input_["alg"]
    return list(a) if isinstance(a, list) else [a]


def _cookbook_cases():
    for name in COOKBOOK_JWS:
        doc = vector_json_or_none("jose-cookbook/jws/" + name)
        for form in FORMS:
            if doc is None or form in doc["output"]:  # absent files skip in the test
                yield pytest.param(name, form, id=f"rfc7520-{name.split('.')[0]}-{form}")


@pytest.mark.parametrize("name,form", list(_cookbook_cases()))
def test_rfc7520_cookbook_verifies(name: str, form: str) -> None:
    c = load_vector("jose-cookbook/jws/" + name)
    out = c["output"].get(form)
    if out is None:
        pytest.skip(f"the cookbook gives no {form} output for {name}")
    payload = c["input"]["payload"].encode("utf-8")
    detached = payload if name.startswith("4_5") else None
    keys = _keys(c["input"])
    algs = _algs(c["input"])
    if len(keys) == 1:
        header, got = jws.verify(out, keys[0], algs, detached_payload=detached)
        assert got == payload
        # The protected header; RFC 7520 4.7 has none (its alg is unprotected), so it is {}.
        assert header == {} if name.startswith("4_7") else header["alg"] in algs
        return
    # 4.8, multiple signatures: each key alone verifies its own signature and reports its index.
    for i, (key, alg) in enumerate(zip(keys, algs)):
        r = jws.verify_detailed(out, key, [alg])
        assert (r.payload, r.alg) == (payload, alg)
        assert r.signature_index == (i if form == "json" else 0)
        if form != "json":
            break


@pytest.mark.parametrize("name", [n for n in COOKBOOK_JWS if n[:3] in ("4_1", "4_4", "4_5")])
def test_rfc7520_cookbook_deterministic_signatures_are_reproduced(name: str) -> None:
    c = load_vector("jose-cookbook/jws/" + name)
    header = b64u_decode(c["signing"]["protected_b64u"])
    key = _keys(c["input"])[0]
    alg = _algs(c["input"])[0]
    token = jws.sign(c["input"]["payload"], key, alg, headers=header, detached=name.startswith("4_5"))
    assert token == c["output"]["compact"]


def test_rfc7520_4_8_rs256_and_hs256_signatures_are_reproduced() -> None:
    c = load_vector("jose-cookbook/jws/4_8.multiple_signatures.json")
    keys = _keys(c["input"])
    for i, s in enumerate(c["signing"]):
        if i == 1:  # ES512 is randomized
            continue
        token = jws.sign(c["input"]["payload"], keys[i], _algs(c["input"])[i], headers=b64u_decode(s["protected_b64u"]))
        assert token.rsplit(".", 1)[1] == s["sig"]


def test_rfc7520_4_8_with_only_a_wrong_key_is_a_bad_signature() -> None:
    c = load_vector("jose-cookbook/jws/4_8.multiple_signatures.json")
    other = Key.from_jwk({"kty": "oct", "k": "A" * 43})
    with pytest.raises(jwtcore.InvalidSignature) as e:
        jws.verify(c["output"]["json"], other, ["HS256"])
    assert e.value.code == -61


# ---- RFC 7515 Appendix A (the repository's fixture, taken from independent copies) ------------

def _rfc7515_examples():
    p = FIXTURES / "rfc7515_appendix_a.json"
    data = json.loads(p.read_text()) if p.is_file() else {"examples": []}
    return [pytest.param(e, id=e["id"]) for e in data["examples"]]


@pytest.mark.parametrize("ex", _rfc7515_examples())
def test_rfc7515_appendix_a(ex: Any) -> None:
    payload = ex["payload_octets"].encode("utf-8")
    if ex["alg"] == "none":
        with pytest.raises(jwtcore.AlgorithmNotAllowed):
            jws.verify(ex["compact"], [], ["none"])  # "none" is never accepted by default
        # With the explicit opt-in (allow_none and "none" in the list) it verifies.
        r = jwtcore.Verifier(None, ["none"], allow_none=True).verify_jws_detailed(ex["compact"])
        assert (r.payload, r.alg, r.kid) == (payload, "none", None)
        return
    key = Key.from_jwk(ex["jwk"])
    header, got = jws.verify(ex["compact"], key, [ex["alg"]])
    assert got == payload and header["alg"] == ex["alg"]
    if ex["deterministic"]:
        assert jws.sign(payload, key, ex["alg"], headers=ex["protected_octets"]) == ex["compact"]


# ---- RFC 8037 A.4-A.5 and RFC 7797 §4 (rfc-appendix/rfc_examples.json) -------------------------

def _example(id_: str) -> Any:
    for ex in load_vector("rfc-appendix/rfc_examples.json")["examples"]:
        if ex["id"] == id_:
            return ex
    pytest.fail(f"{id_} missing from rfc_examples.json")


def test_rfc8037_a4_ed25519_signature_is_reproduced_and_verified() -> None:
    ex = _example("rfc8037_A.1-A.5")
    priv = Key.from_jwk(ex["private_jwk"])
    pub = Key.from_jwk(ex["public_jwk"])
    assert jws.sign(ex["payload"], priv, "EdDSA", headers=ex["protected"]) == ex["compact"]
    assert jws.verify(ex["compact"], pub, ["EdDSA"])[1] == ex["payload"].encode()
    assert pub.thumbprint() == ex["thumbprint_sha256_b64u"]
    # A.5: a changed signature fails.
    bad = ex["compact"][:-3] + ("A" if ex["compact"][-3] != "A" else "B") + ex["compact"][-2:]
    with pytest.raises(jwtcore.InvalidSignature):
        jws.verify(bad, pub, ["EdDSA"])


def test_rfc7797_4_1_b64_true_verifies_and_is_reproduced() -> None:
    ex = _example("rfc7797_4.1")
    key = Key.from_jwk(ex["jwk"])
    assert jws.verify(ex["compact"], key, ["HS256"])[1] == ex["payload"].encode()
    assert jws.sign(ex["payload"], key, "HS256", headers=ex["protected"]) == ex["compact"]


def test_rfc7797_4_2_unencoded_detached_payload_verifies_and_is_reproduced() -> None:
    ex = _example("rfc7797_4.2")
    key = Key.from_jwk(ex["jwk"])
    payload = ex["payload"].encode()
    header, got = jws.verify(ex["compact_detached"], key, ["HS256"], detached_payload=payload)
    assert got == payload and header["b64"] is False
    assert jws.sign(payload, key, "HS256", headers=ex["protected"], detached=True, b64=False) == ex["compact_detached"]
    # Our own signer writes crit ["b64"] too.
    ours = jws.sign(payload, key, "HS256", detached=True, b64=False)
    assert jws.verify(ours, key, ["HS256"], detached_payload=payload)[0]["crit"] == ["b64"]


def test_rfc7797_b64_false_without_crit_is_refused_although_the_mac_is_right() -> None:
    ex = _example("derived_b64_without_crit")
    key = Key.from_jwk(ex["jwk"])
    with pytest.raises(jwtcore.MalformedToken) as e:
        jws.verify(ex["compact_detached"], key, ["HS256"], detached_payload=ex["payload"].encode())
    assert e.value.code == -25  # JWTCORE_E_HEADER (RFC 7797 §6)


@pytest.mark.parametrize("form", ["json", "json_flat"])
def test_cookbook_rfc7797_pre_rfc_b64_without_crit_is_refused(form: str) -> None:
    c = load_vector("jose-cookbook/rfc7797/4.2.hmac-sha2_b64_false.json")
    key = Key.from_jwk(c["input"]["key"])
    with pytest.raises(jwtcore.MalformedToken):
        jws.verify(c["output"][form], key, ["HS256"])


@pytest.mark.parametrize("form", FORMS)
def test_cookbook_rfc7797_unencoded_payload_output_verifies(form: str) -> None:
    # Only the output is used: this file's signing.protected_b64u is malformed (MANIFEST.md).
    c = load_vector("jose-cookbook/rfc7797/hmac-sha2_b64_false.json")
    key = Key.from_jwk(c["input"]["key"])
    header, payload = jws.verify(c["output"][form], key, ["HS256"])
    assert payload == c["input"]["payload"].encode() and header["b64"] is False


@pytest.mark.parametrize("form", FORMS)
def test_cookbook_curve25519_ed25519_jws(form: str) -> None:
    c = load_vector("jose-cookbook/curve25519/jws.json")
    key = Key.from_jwk(c["input"]["key"])
    assert jws.verify(c["output"][form], key, ["EdDSA"])[1] == c["input"]["payload"].encode()
    if form == "compact":
        assert jws.sign(c["input"]["payload"], key, "EdDSA") == c["output"]["compact"]


# ---- latchset/jose copies of RFC 7515 / RFC 7520 (token files beside their keys) ---------------

LATCHSET = "latchset-jose/tests/vectors/"


def _latchset_tokens():
    d = VECTORS / LATCHSET
    files = sorted(p.name for p in d.glob("rfc75*.jws*")) if d.is_dir() else []
    return [pytest.param(n, id=f"latchset-{n}") for n in files]


def _latchset_keys(stem: str) -> List[Key]:
    d = VECTORS / LATCHSET
    single = d / f"{stem}.jwk"
    if single.is_file():
        return [Key.from_jwk(single.read_text())]
    numbered = sorted(d.glob(f"{stem}.[0-9].jwk"))
    return [Key.from_jwk(p.read_text()) for p in numbered]


@pytest.mark.parametrize("name", _latchset_tokens())
def test_latchset_rfc_tokens_verify(name: str) -> None:
    path = VECTORS / LATCHSET / name
    token = path.read_text().strip()
    stem = name.rsplit(".", 1)[0]
    payl = vector_path(LATCHSET + stem + ".payl")
    detached = payl.read_bytes() if payl else None
    if name.endswith(".jwsc"):
        algs = [json.loads(b64u_decode(token.split(".")[0]))["alg"]]
    else:
        doc = json.loads(token)
        sigs = doc.get("signatures", [doc])
        algs = [json.loads(b64u_decode(s["protected"]))["alg"] if "protected" in s else s["header"]["alg"] for s in sigs]
    if algs == ["none"]:
        with pytest.raises(jwtcore.AlgorithmNotAllowed):
            jws.verify(token, [], ["none"])
        return
    keys = _latchset_keys(stem)
    if not keys and vector_path(LATCHSET + stem + ".jwkset"):
        ks = jwtcore.KeySet.from_jwks(Path(VECTORS / LATCHSET / f"{stem}.jwkset").read_text())
        keys = list(ks)
    assert keys, f"no key for {name}"
    for key, alg in zip(keys, algs) if len(keys) == len(algs) else ((k, a) for k in keys[:1] for a in algs[:1]):
        r = jws.verify_detailed(token, key, [alg], detached_payload=detached)
        assert r.alg == alg
        assert r.payload


def test_a_signature_without_protected_header_reports_an_empty_protected_header() -> None:
    # RFC 7520 4.8's second signature (ES512) has only an unprotected header: the protected
    # header reported for it must be empty, not another signature's.
    c = load_vector("jose-cookbook/jws/4_8.multiple_signatures.json")
    r = jws.verify_detailed(c["output"]["json"], _keys(c["input"])[1], ["ES512"])
    assert (r.alg, r.signature_index) == ("ES512", 1)
    assert r.header == {}
