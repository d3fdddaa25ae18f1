"""JWE through the Python API: RFC 7516 Appendix A, RFC 7520 §5 (the JOSE cookbook, every
serialization), the CFRG X25519 cookbook example, policy opt-ins, and round trips over every
alg/enc pair libjwtcore encrypts."""

from __future__ import annotations

import json
from typing import Any, List

import pytest
from conftest import b64u_decode, load_vector, vector_json_or_none

import jwtcore
from jwtcore import Key, jwe

COOKBOOK_JWE = [
    "5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json",
    "5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
    "5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
    "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
    "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
    "5_6.direct_encryption_using_aes-gcm.json",
    "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
    "5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json",
    "5_9.compressed_content.json",
    "5_10.including_additional_authentication_data.json",
    "5_11.protecting_specific_header_fields.json",
    "5_12.protecting_content_only.json",
    "5_13.encrypting_to_multiple_recipients.json",
]
FORMS = ["compact", "json", "json_flat"]


def _enc_of(out: Any) -> str:
    """The enc the output really uses (5.13's input names a misspelled one)."""
    if isinstance(out, str):
        return json.loads(b64u_decode(out.split(".")[0]))["enc"]
    merged = dict(out.get("unprotected", {}))
    if "protected" in out:
        merged.update(json.loads(b64u_decode(out["protected"])))
    return merged["enc"]


def _cookbook_cases() -> List[Any]:
    cases = []
    for name in COOKBOOK_JWE:
        doc = vector_json_or_none("jose-cookbook/jwe/" + name)
        for form in FORMS:
            if doc is None or form in doc["output"]:  # absent files skip in the test
                cases.append(pytest.param(name, form, id=f"rfc7520-{name.split('.')[0]}-{form}"))
    return cases


@pytest.mark.parametrize("name,form", _cookbook_cases())
def test_rfc7520_cookbook_decrypts(name: str, form: str) -> None:
    c = load_vector("jose-cookbook/jwe/" + name)
    out = c["output"].get(form)
    if out is None:
        pytest.skip(f"the cookbook has no {form} output for this example")
    inp = c["input"]
    plaintext = inp["plaintext"].encode("utf-8")
    enc = _enc_of(out)
    algs = inp["alg"] if isinstance(inp["alg"], list) else [inp["alg"]]
    if "pwd" in inp:
        keys = [Key.from_secret(inp["pwd"].encode("utf-8"))]
    else:
        keys = [Key.from_jwk(k) for k in (inp["key"] if isinstance(inp["key"], list) else [inp["key"]])]
    for index, (key, alg) in enumerate(zip(keys, algs)):
        opt = {"allow_rsa1_5": alg == "RSA1_5", "pbes2_max_p2c": 0 if alg.startswith("PBES2") else None}
        if inp.get("zip"):
            # Compression is off in libjwtcore (SECURITY.md #10): refused, never inflated.
            with pytest.raises(jwtcore.DecryptionError) as e:
                jwe.decrypt(out, key, [alg], [enc], **opt)
            assert e.value.code == -82
            return
        r = jwe.decrypt_detailed(out, key, [alg], [enc], **opt)
        assert r.plaintext == plaintext
        assert (r.alg, r.enc) == (alg, enc)
        assert r.recipient_index == (index if form == "json" else 0)
        if alg == "RSA1_5":  # never without the explicit opt-in
            with pytest.raises(jwtcore.JWTError):
                jwe.decrypt(out, key, [alg], [enc])


def _rfc_example(id_: str) -> Any:
    for ex in load_vector("rfc-appendix/rfc_examples.json")["examples"]:
        if ex["id"] == id_:
            return ex
    pytest.fail(f"{id_} missing")


@pytest.mark.parametrize("id_", ["rfc7516_A.1", "rfc7516_A.2", "rfc7516_A.3"])
def test_rfc7516_appendix_a_decrypts(id_: str) -> None:
    ex = _rfc_example(id_)
    key = Key.from_jwk(ex["jwk"])
    rsa1_5 = ex["alg"] == "RSA1_5"
    header, plaintext = jwe.decrypt(ex["compact"], key, [ex["alg"]], [ex["enc"]], allow_rsa1_5=rsa1_5)
    assert plaintext == ex["plaintext"].encode() and header["enc"] == ex["enc"]
    if rsa1_5:
        with pytest.raises(jwtcore.JWTError):
            jwe.decrypt(ex["compact"], key, [ex["alg"]], [ex["enc"]])


@pytest.mark.parametrize("form", FORMS)
def test_cfrg_x25519_ecdh_es_example_decrypts(form: str) -> None:
    # Only output + input.key are used: this file's encrypting_key.epk differs from the output's.
    c = load_vector("jose-cookbook/curve25519/ecdh-es.json")
    key = Key.from_jwk(c["input"]["key"])
    out = c["output"][form]
    _, plaintext = jwe.decrypt(out, key, [c["input"]["alg"]], [_enc_of(out)])
    assert plaintext == c["input"]["plaintext"].encode()


PAIRS = [(alg, enc) for alg in ("A128KW", "A192KW", "A256KW", "A128GCMKW", "A256GCMKW", "dir", "RSA-OAEP",
                                "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW", "PBES2-HS256+A128KW",
                                "PBES2-HS512+A256KW")
         for enc in ("A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512")]
_KEYS: dict = {}


def _key_for(alg: str, enc: str) -> Key:
    spec = enc if alg == "dir" else alg
    if spec not in _KEYS:
        _KEYS[spec] = Key.generate(spec)
    return _KEYS[spec]


@pytest.mark.parametrize("alg,enc", PAIRS, ids=[f"{a}-{e}" for a, e in PAIRS])
def test_round_trip_every_pair(alg: str, enc: str) -> None:
    key = _key_for(alg, enc)
    token = jwe.encrypt(b"\x00 payload \xff", key, alg, enc, headers={"cty": "text/plain"})
    assert token.count(".") == 4
    header, plaintext = jwe.decrypt(token, key, [alg], [enc], pbes2_max_p2c=0 if alg.startswith("PBES2") else None)
    assert plaintext == b"\x00 payload \xff" and header["cty"] == "text/plain"


def test_x25519_ecdh_es_round_trip() -> None:
    key = Key.generate("ECDH-ES+A128KW:X25519")
    assert key.curve == "X25519"
    token = jwe.encrypt(b"x", key, "ECDH-ES+A128KW", "A128GCM")
    assert jwe.decrypt(token, key, ["ECDH-ES+A128KW"], ["A128GCM"])[1] == b"x"


def test_enc_and_alg_are_policy() -> None:
    key = Key.generate("A128KW")
    token = jwe.encrypt(b"x", key, "A128KW", "A128GCM")
    with pytest.raises(jwtcore.AlgorithmNotAllowed) as e:
        jwe.decrypt(token, key, ["A128KW"], ["A256GCM"])
    assert e.value.code == -81
    with pytest.raises(jwtcore.AlgorithmNotAllowed) as e:
        jwe.decrypt(token, key, ["A256KW"], ["A128GCM"])
    assert e.value.code == -60


def test_multiple_recipients_aad_and_unprotected_headers() -> None:
    rsa = Key.generate("RSA-OAEP-256").with_kid("r")
    ec = Key.generate("ECDH-ES+A128KW").with_kid("e")
    token = jwe.encrypt(b"to both", [rsa, ec], ["RSA-OAEP-256", "ECDH-ES+A128KW"], "A256GCM", serialization="json",
                        unprotected={"jku": "https://example.invalid/never-fetched"}, aad=b"extra", headers={"cty": "x"})
    doc = json.loads(token)
    assert len(doc["recipients"]) == 2 and "aad" in doc
    assert jwe.decrypt_detailed(token, ec, ["ECDH-ES+A128KW"], ["A256GCM"]).recipient_index == 1
    assert jwe.decrypt_detailed(token, rsa, ["RSA-OAEP-256"], ["A256GCM"]).kid == "r"
    doc["aad"] = doc["aad"][:-1] + ("A" if doc["aad"][-1] != "A" else "B")
    with pytest.raises(jwtcore.DecryptionError):
        jwe.decrypt(doc, rsa, ["RSA-OAEP-256"], ["A256GCM"])


def test_compact_only_refuses_json_and_a_jws_is_not_a_jwe() -> None:
    key = Key.generate("A128KW")
    flat = jwe.encrypt(b"x", key, "A128KW", "A128GCM", serialization="flattened")
    with pytest.raises(jwtcore.MalformedToken):
        jwe.decrypt(flat, key, ["A128KW"], ["A128GCM"], compact_only=True)
    with pytest.raises(jwtcore.MalformedToken):
        jwe.decrypt(jwtcore.jws.sign(b"x", Key.generate("HS256"), "HS256"), key, ["A128KW"], ["A128GCM"])


def test_a_secret_given_as_bytes_is_a_symmetric_key() -> None:
    secret = bytes(range(32))
    token = jwe.encrypt(b"x", secret, "dir", "A256GCM")
    assert jwe.decrypt(token, secret, ["dir"], ["A256GCM"])[1] == b"x"
