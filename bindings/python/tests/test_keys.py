"""jwtcore.Key and jwtcore.KeySet: import, export, thumbprints (RFC 7638, RFC 8037), generation,
key sets, and handle lifetimes (close, with, weakref.finalize)."""

from __future__ import annotations

import gc
import json
import weakref

import pytest
from conftest import b64u_decode, load_vector, vector_path
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

import jwtcore
from jwtcore import Key, KeySet, jws


def test_rfc7638_3_1_thumbprint_of_the_example_rsa_key() -> None:
    p = vector_path("latchset-jose/tests/vectors/rfc7638_3.1.jwk")
    if p is None:
        pytest.skip("vector missing")
    key = Key.from_jwk(p.read_text())
    expected = vector_path("latchset-jose/tests/vectors/rfc7638_3.1.thp").read_text().strip()  # type: ignore[union-attr]
    assert key.thumbprint() == expected == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    assert key.thumbprint_uri() == "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + expected
    assert len(key.thumbprint("sha512")) == 86
    with pytest.raises(ValueError):
        key.thumbprint("sha1")


@pytest.mark.parametrize(
    "name",
    ["3_1.ec_public_key.json", "3_2.ec_private_key.json", "3_3.rsa_public_key.json", "3_4.rsa_private_key.json",
     "3_5.symmetric_key_mac_computation.json", "3_6.symmetric_key_encryption.json"],
)
def test_rfc7520_3_cookbook_keys_import_and_export_member_for_member(name: str) -> None:
    jwk = load_vector("jose-cookbook/jwk/" + name)
    key = Key.from_jwk(jwk)
    assert key.kty == jwk["kty"] and key.kid == jwk.get("kid")
    exported = key.to_jwk(private=True)
    for member, value in jwk.items():
        assert exported[member] == value, member
    if key.kty != "oct":
        public = key.to_jwk()
        assert "d" not in public and "p" not in public
    else:
        with pytest.raises(jwtcore.JWTError):  # an oct key is all secret: export needs private=True
            key.to_jwk()


def test_from_jwk_takes_text_bytes_and_dicts() -> None:
    jwk = {"kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg", "kid": "a"}
    for form in (jwk, json.dumps(jwk), json.dumps(jwk).encode()):
        assert Key.from_jwk(form).kid == "a"
    with pytest.raises(TypeError):
        Key.from_jwk(42)  # type: ignore[arg-type]


def test_pem_round_trips_with_pyca_cryptography() -> None:
    priv = ec.generate_private_key(ec.SECP384R1())
    pem = priv.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    key = Key.from_pem(pem)
    assert (key.kty, key.curve, key.is_private) == ("EC", "P-384", True)
    assert key.alg is None and key.kid is None
    pub_pem = key.to_pem()
    loaded = serialization.load_pem_public_key(pub_pem)
    assert loaded.public_numbers() == priv.public_key().public_numbers()  # type: ignore[union-attr]
    again = serialization.load_pem_private_key(key.to_pem(private=True), None)
    assert again.private_numbers() == priv.private_numbers()  # type: ignore[union-attr]
    der = priv.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert Key.from_pem(der).to_jwk() == key.to_jwk()


def test_rsa_1024_needs_the_legacy_flag() -> None:
    pem = rsa.generate_private_key(65537, 1024).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with pytest.raises(jwtcore.InvalidKey) as e:
        Key.from_pem(pem)
    assert e.value.code == -42  # JWTCORE_E_KEY_WEAK
    assert Key.from_pem(pem, allow_rsa_1024=True).kty == "RSA"


@pytest.mark.parametrize(
    "spec,kty,crv",
    [("HS256", "oct", None), ("RS256", "RSA", None), ("PS384", "RSA", None), ("ES256", "EC", "P-256"),
     ("ES384", "EC", "P-384"), ("ES512", "EC", "P-521"), ("ES256K", "EC", "secp256k1"), ("EdDSA", "OKP", "Ed25519"),
     ("Ed25519", "OKP", "Ed25519"), ("X25519", "OKP", "X25519"), ("A256GCM", "oct", None), ("RSA-OAEP-256", "RSA", None),
     ("ECDH-ES+A128KW", "EC", "P-256"), ("P-521", "EC", "P-521")],
)
def test_generate_makes_keys_of_the_right_family(spec: str, kty: str, crv: str) -> None:
    key = Key.generate(spec)
    assert (key.kty, key.curve, key.is_private) == (kty, crv, True)
    assert key.alg == (None if spec in ("Ed25519", "X25519", "P-521") else spec)


def test_generate_refuses_what_has_no_key() -> None:
    with pytest.raises(jwtcore.AlgorithmNotAllowed):  # JWTCORE_E_UNKNOWN_ALG
        Key.generate("XS999")
    with pytest.raises(jwtcore.JWTError) as e:
        Key.generate("none")
    assert e.value.code == -3 and type(e.value) is jwtcore.JWTError  # general group: the base class


def test_with_kid_makes_a_new_key_and_keeps_the_original() -> None:
    key = Key.generate("ES256")
    named = key.with_kid("k-1")
    assert (named.kid, key.kid) == ("k-1", None)
    assert named.thumbprint() == key.thumbprint()


def test_from_secret_accepts_bytes_bytearray_and_str() -> None:
    assert Key.from_secret(bytearray(b"x" * 32)).to_jwk(private=True)["k"] == Key.from_secret("x" * 32).to_jwk(private=True)["k"]
    with pytest.raises(jwtcore.InvalidKey):
        Key.from_secret(b"")
    with pytest.raises(jwtcore.LimitExceeded):
        Key.from_secret(b"x" * 1025)


def test_keyset_lookup_length_iteration_and_export() -> None:
    jwks = {"keys": [Key.generate("ES256").with_kid(f"k{i}").to_jwk() for i in range(3)]}
    ks = KeySet.from_jwks(jwks)
    assert len(ks) == 3
    assert [k.kid for k in ks] == ["k0", "k1", "k2"]
    assert ks["k1"].kid == "k1" and "k1" in ks and "zz" not in ks
    with pytest.raises(jwtcore.KeyNotFound):
        ks["zz"]
    assert ks.to_jwks()["keys"][2]["kid"] == "k2"
    assert ks.skipped == []


def test_keyset_skips_unusable_entries_and_says_why() -> None:
    good = Key.generate("ES256").with_kid("good").to_jwk()
    bad = {"kty": "EC", "crv": "P-192", "x": "AA", "y": "AA", "kid": "bad"}
    ks = KeySet.from_jwks({"keys": [good, bad]})
    assert len(ks) == 1 and len(ks.skipped) == 1 and "P-192" in ks.skipped[0]


def test_keyset_of_mixed_kinds_is_refused() -> None:
    with pytest.raises(jwtcore.InvalidKey):
        KeySet.of(Key.generate("HS256"), Key.generate("ES256"))


def test_a_keyset_verifies_by_kid() -> None:
    signer = Key.generate("EdDSA").with_kid("b")
    ks = KeySet.of(Key.from_jwk(Key.generate("EdDSA").with_kid("a").to_jwk()), Key.from_jwk(signer.to_jwk()))
    token = jws.sign(b"x", signer, "EdDSA")
    assert jws.verify_detailed(token, ks, ["EdDSA"]).kid == "b"


def test_close_and_with_release_the_handle_and_later_use_is_refused() -> None:
    with Key.generate("HS256") as key:
        token = jws.sign(b"x", key, "HS256")
        verifier = jwtcore.Verifier(key, ["HS256"])
    assert key.closed
    with pytest.raises(ValueError):
        key.thumbprint()
    with pytest.raises(ValueError):
        jws.sign(b"x", key, "HS256")
    key.close()  # idempotent
    # The verifier holds its own native reference: closing the Python key does not break it.
    assert verifier.verify_jws(token)[1] == b"x"
    verifier.close()
    with pytest.raises(ValueError):
        verifier.verify_jws(token)


def test_finalizer_releases_a_dropped_key() -> None:
    key = Key.generate("ES256")
    fin = key._finalizer
    ref = weakref.ref(key)
    del key
    gc.collect()
    assert ref() is None and not fin.alive


def test_keys_taken_from_a_set_outlive_it() -> None:
    ks = KeySet.from_jwks({"keys": [Key.generate("EdDSA").with_kid("a").to_jwk()]})
    key = ks["a"]
    ks.close()
    assert key.kid == "a" and key.kty == "OKP"


def test_reprs_do_not_show_key_material() -> None:
    key = Key.generate("HS256")
    secret = key.to_jwk(private=True)["k"]
    assert secret not in repr(key)
    assert "oct" in repr(key)


def test_ed25519_pem_from_cryptography_signs_like_rfc8037() -> None:
    priv = ed25519.Ed25519PrivateKey.generate()
    pem = priv.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    key = Key.from_pem(pem)
    token = jws.sign(b"payload", key, "EdDSA")
    head, body, sig = token.split(".")
    priv.public_key().verify(b64u_decode(sig), f"{head}.{body}".encode())
