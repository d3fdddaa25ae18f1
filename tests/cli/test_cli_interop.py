"""Interop between the jwtcore executable and PyJWT (an implementation nobody here wrote): a token
from `jwtcore sign` verifies with PyJWT, and a token from PyJWT verifies with `jwtcore verify`.

PyJWT (with `cryptography`) is installed in the Python venv of tools/test-python.sh, not for the
system python3. Without it this whole module is SKIPPED, and says so loudly: in that case the
CLI <-> PyJWT interop has NOT been tested.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from cli_support import CLI, fails, keygen, ok  # noqa: E402

try:
    import jwt  # PyJWT
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
except ImportError as exc:  # pragma: no cover - depends on the environment
    message = (f"SKIPPED LOUDLY: PyJWT/cryptography not importable ({exc}); the jwtcore CLI <-> PyJWT interop "
               "tests did NOT run. Run them in the venv of tools/test-python.sh.")
    print("\n" + "!" * 100 + "\n" + message + "\n" + "!" * 100, file=sys.stderr)
    pytest.skip(message, allow_module_level=True)

if CLI is None:
    message = "SKIPPED LOUDLY: the jwtcore executable was not found (set JWTCORE_CLI); interop NOT tested"
    print("\n" + message, file=sys.stderr)
    pytest.skip(message, allow_module_level=True)

ASYMMETRIC = ["EdDSA", "ES256", "ES384", "ES512", "RS256", "PS256"]


def pyjwt_public_key(public_jwk_path: pathlib.Path):
    return jwt.PyJWK.from_json(public_jwk_path.read_text()).key


@pytest.mark.parametrize("alg", ASYMMETRIC)
def test_jwtcore_token_verifies_with_pyjwt(tmp_path, alg):
    priv, pub = keygen(tmp_path, alg, "k", "--kid", "k1")
    token = ok("sign", "--key", str(priv), "--sub", "alice", "--iss", "https://issuer.example", "--aud", "api",
               "--exp", "10m", "--jti").strip()
    claims = jwt.decode(token, pyjwt_public_key(pub), algorithms=[alg], audience="api", issuer="https://issuer.example",
                        options={"require": ["exp", "iat", "sub", "jti"]})
    assert claims["sub"] == "alice" and claims["exp"] - claims["iat"] == 600
    assert jwt.get_unverified_header(token) == {"alg": alg, "kid": "k1", "typ": "JWT"}
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(tampered, pyjwt_public_key(pub), algorithms=[alg], audience="api")


def test_jwtcore_hs256_token_verifies_with_pyjwt(tmp_path):
    secret = os.urandom(32)
    (tmp_path / "s").write_bytes(secret)
    token = ok("sign", "--secret", "@" + str(tmp_path / "s"), "--alg", "HS256", "--sub", "bot", "--exp", "1m").strip()
    assert jwt.decode(token, secret, algorithms=["HS256"])["sub"] == "bot"


def pyjwt_key_pair(alg: str):
    if alg == "EdDSA":
        private = ed25519.Ed25519PrivateKey.generate()
    elif alg.startswith("ES"):
        curve = {"ES256": ec.SECP256R1(), "ES384": ec.SECP384R1(), "ES512": ec.SECP521R1()}[alg]
        private = ec.generate_private_key(curve)
    else:
        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public_pem


@pytest.mark.parametrize("alg", ASYMMETRIC)
def test_pyjwt_token_verifies_with_jwtcore(tmp_path, alg):
    private, public_pem = pyjwt_key_pair(alg)
    (tmp_path / "pub.pem").write_bytes(public_pem)
    now = int(time.time())
    claims = {"sub": "carol", "iss": "https://py.example", "aud": ["api", "web"], "iat": now, "exp": now + 300,
              "scope": "read write"}
    token = jwt.encode(claims, private, algorithm=alg, headers={"kid": "py-1"})
    out = json.loads(ok("verify", "--json", "--key", str(tmp_path / "pub.pem"), "--alg", alg, "--iss",
                        "https://py.example", "--aud", "web", "--scope", "write", token))
    assert out["valid"] is True and out["claims"] == claims
    assert "audience not accepted" in fails(1, "verify", "--key", str(tmp_path / "pub.pem"), "--alg", alg, "--aud",
                                            "other", token)


def test_pyjwt_hs256_and_expired_tokens_with_jwtcore(tmp_path):
    secret = os.urandom(48)
    (tmp_path / "s").write_bytes(secret)
    now = int(time.time())
    good = jwt.encode({"sub": "x", "exp": now + 60}, secret, algorithm="HS384")
    assert "valid" in ok("verify", "--secret", "@" + str(tmp_path / "s"), "--alg", "HS384", good)
    expired = jwt.encode({"sub": "x", "exp": now - 600}, secret, algorithm="HS384")
    assert "token expired" in fails(1, "verify", "--secret", "@" + str(tmp_path / "s"), "--alg", "HS384", expired)
    assert "algorithm not allowed" in fails(1, "verify", "--secret", "@" + str(tmp_path / "s"), "--alg", "HS256", good)


def test_pyjwt_jwk_export_is_accepted_by_jwtcore(tmp_path):
    private, _ = pyjwt_key_pair("ES256")
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(private.public_key()))
    (tmp_path / "pub.jwk").write_text(json.dumps(dict(jwk, kid="from-pyjwt")))
    token = jwt.encode({"exp": int(time.time()) + 60}, private, algorithm="ES256", headers={"kid": "from-pyjwt"})
    assert "valid" in ok("verify", "--key", str(tmp_path / "pub.jwk"), "--alg", "ES256", token)
