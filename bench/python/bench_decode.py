#!/usr/bin/env python3
"""Throughput of jwtcore's Python binding against PyJWT and jwcrypto.

JWT decode (verify + claims) and encode for HS256, RS256, ES256 and EdDSA, and JWE decrypt /
encrypt for two alg/enc pairs (PyJWT has no JWE). Prints operations per second for each library
and jwtcore's speed-up over each peer (ratio > 1: jwtcore is faster).

jwtcore is measured two ways: ``jwt.decode(token, key, algorithms)`` (PyJWT's call; the binding
caches a frozen Verifier per Key object) and a ``Verifier`` built once and reused, whose
``decode`` is one native verification plus reading the claims out. Keys are prepared once for
every library (PyJWT gets pyca key objects, jwcrypto JWK objects), so each measures its
per-token work only.

Run: JWTCORE_LIBRARY=build/src/libjwtcore.so.0 python bench/python/bench_decode.py [--seconds S]
(pip install PyJWT[crypto] jwcrypto, and the binding: pip install ./bindings/python).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from typing import Callable, Dict, List, Optional, Tuple

import jwt as pyjwt
from cryptography.hazmat.primitives import serialization
from jwcrypto import jwe as jc_jwe
from jwcrypto import jwk as jc_jwk
from jwcrypto import jwt as jc_jwt

import jwtcore
from jwtcore import Key

JWT_ALGS = ["HS256", "RS256", "ES256", "EdDSA"]
JWE_PAIRS = [("A256KW", "A256GCM"), ("ECDH-ES+A256KW", "A256GCM")]


def rate(fn: Callable[[], object], seconds: float) -> float:
    """Best-of-3 operations per second, each run lasting about ``seconds / 3``."""
    n = 1
    while True:  # calibrate a batch of about 20 ms
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t0
        if dt > 0.02:
            break
        n *= 2
    batches = max(1, int(seconds / 3 / dt))
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(batches):
            for _ in range(n):
                fn()
        best = min(best, (time.perf_counter() - t0) / (batches * n))
    return 1.0 / best


def claims() -> dict:
    now = int(time.time())
    return {"iss": "https://issuer.example", "sub": "user-1234", "aud": "api", "iat": now, "exp": now + 3600,
            "scope": "read write"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=1.5, help="measuring time per cell (default 1.5)")
    args = ap.parse_args()
    run(args.seconds)


def _b64u_decode(s: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def _peer_keys(key: Key) -> Tuple[object, object, jc_jwk.JWK, jc_jwk.JWK]:
    """(PyJWT signing key, PyJWT verifying key, jwcrypto private JWK, jwcrypto public JWK)."""
    if key.kty == "oct":
        secret = _b64u_decode(key.to_jwk(private=True)["k"])
        jk = jc_jwk.JWK(**key.to_jwk(private=True))
        return secret, secret, jk, jk
    priv = serialization.load_pem_private_key(key.to_pem(private=True), None)
    pub = serialization.load_pem_public_key(key.to_pem())
    return priv, pub, jc_jwk.JWK(**key.to_jwk(private=True)), jc_jwk.JWK(**key.to_jwk())


def run(seconds: float) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"jwtcore {jwtcore.__version__} (libjwtcore {jwtcore.library_version}), PyJWT {pyjwt.__version__}, "
          f"jwcrypto {_jwcrypto_version()}")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {load:.2f}; best of 3, ~{seconds:.1f} s per cell")
    header = f"{'operation':<28}{'jwtcore ops/s':>15}{'Verifier ops/s':>16}{'PyJWT ops/s':>13}{'jwcrypto ops/s':>16}" \
             f"{'x PyJWT':>9}{'x jwcrypto':>12}"
    print(header)
    print("-" * len(header))
    for alg in JWT_ALGS:
        key = Key.generate(alg)
        public = key if key.kty == "oct" else Key.from_jwk(key.to_jwk())
        sign_py, verify_py, jk_priv, jk_pub = _peer_keys(key)
        c = claims()
        token = jwtcore.jwt.encode(c, key, alg)
        verifier = jwtcore.Verifier(public, [alg], audience="api")
        assert verifier.decode(token) == c
        assert pyjwt.decode(token, verify_py, algorithms=[alg], audience="api") == c

        def jc_decode(tok: str = token) -> dict:
            return json.loads(jc_jwt.JWT(jwt=tok, key=jk_pub, algs=[alg], check_claims={"aud": "api"}).claims)

        assert jc_decode() == c
        _row(f"JWT decode {alg}",
             rate(lambda: jwtcore.jwt.decode(token, public, [alg], audience="api"), seconds),
             rate(lambda: verifier.decode(token), seconds),
             rate(lambda: pyjwt.decode(token, verify_py, algorithms=[alg], audience="api"), seconds),
             rate(jc_decode, seconds))

        def jc_encode() -> str:
            t = jc_jwt.JWT(header={"alg": alg, "typ": "JWT"}, claims=c)
            t.make_signed_token(jk_priv)
            return t.serialize()

        _row(f"JWT encode {alg}",
             rate(lambda: jwtcore.jwt.encode(c, key, alg), seconds),
             None,
             rate(lambda: pyjwt.encode(c, sign_py, algorithm=alg), seconds),
             rate(jc_encode, seconds))
    for alg, enc in JWE_PAIRS:
        key = Key.generate(alg)
        jk = jc_jwk.JWK(**key.to_jwk(private=True))
        plaintext = json.dumps(claims()).encode()
        token = jwtcore.jwe.encrypt(plaintext, key, alg, enc)
        verifier = jwtcore.Verifier(None, [alg], encryptions=[enc], decryption_keys=key)

        def jc_decrypt(tok: str = token) -> bytes:
            t = jc_jwe.JWE(algs=[alg, enc])
            t.deserialize(tok, key=jk)
            return t.payload

        assert jc_decrypt() == verifier.decrypt(token)[1] == plaintext

        def jc_encrypt() -> str:
            t = jc_jwe.JWE(plaintext, protected=json.dumps({"alg": alg, "enc": enc}), algs=[alg, enc])
            t.add_recipient(jk)
            return t.serialize(compact=True)

        _row(f"JWE decrypt {alg}/{enc}",
             rate(lambda: jwtcore.jwe.decrypt(token, key, [alg], [enc]), seconds),
             rate(lambda: verifier.decrypt(token), seconds), None, rate(jc_decrypt, seconds))
        _row(f"JWE encrypt {alg}/{enc}",
             rate(lambda: jwtcore.jwe.encrypt(plaintext, key, alg, enc), seconds), None, None,
             rate(jc_encrypt, seconds))


def _row(name: str, ours: float, verifier: Optional[float], py: Optional[float], jc: Optional[float]) -> None:
    best = max(ours, verifier or 0.0)

    def cell(v: Optional[float], width: int) -> str:
        return f"{v:>{width},.0f}" if v else f"{'-':>{width}}"

    def ratio(v: Optional[float], width: int) -> str:
        return f"{best / v:>{width - 1}.1f}x" if v else f"{'-':>{width}}"

    print(f"{name:<28}{cell(ours, 15)}{cell(verifier, 16)}{cell(py, 13)}{cell(jc, 16)}{ratio(py, 9)}{ratio(jc, 12)}")
    sys.stdout.flush()


def _jwcrypto_version() -> str:
    try:
        from importlib.metadata import version

        return version("jwcrypto")
    except Exception:  # pragma: no cover
        return "?"


if __name__ == "__main__":
    main()
