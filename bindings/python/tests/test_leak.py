"""No leak over 100,000 native calls: handles are released deterministically (close, with) and
by weakref.finalize, and every library-allocated output is freed after it is copied. Bounded by
the process's resident set (native memory, including sodium's guarded pages for secrets) and by
tracemalloc (Python objects)."""

from __future__ import annotations

import gc
import time
import tracemalloc

import pytest

import jwtcore
from jwtcore import Key, jwe, jws, jwt


def _rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096
    except OSError:  # pragma: no cover (not Linux)
        pytest.skip("needs /proc/self/statm")


def test_100000_sign_and_verify_calls_keep_memory_flat() -> None:
    key = Key.generate("HS256")
    verifier = jwtcore.Verifier(key, ["HS256"], audience="api")
    exp = int(time.time()) + 3600

    def cycle(i: int) -> None:
        token = jwt.encode({"exp": exp, "aud": "api", "i": i}, key, "HS256")  # sign
        assert verifier.decode(token)["i"] == i  # verify
        if i % 10 == 0:  # the failure path frees its results and messages too
            with pytest.raises(jwtcore.InvalidSignature):
                verifier.decode(token[:-2] + ("AA" if token[-2:] != "AA" else "BA"))

    for i in range(5_000):  # warm up: allocator pools, caches, thread-local scratch
        cycle(i)
    gc.collect()
    before = _rss()
    for i in range(50_000):  # 50,000 signs + 50,000 verifications
        cycle(i)
    gc.collect()
    grown = _rss() - before
    print(f"\nRSS growth over 100,000 sign/verify calls: {grown / 1024:.0f} KiB")
    assert grown < 4 * 1024 * 1024, f"RSS grew by {grown} bytes"


def test_handle_churn_is_released() -> None:
    """Keys (secrets in guarded pages), key sets, verifiers and JWS/JWE results made and dropped
    over and over: closed explicitly, by `with`, or left to the finalizer."""
    jwk = Key.generate("EdDSA").to_jwk(private=True)

    def cycle(i: int) -> None:
        with Key.from_secret(b"s" * 32) as hk:
            jws.verify(jws.sign(b"x", hk, "HS256"), hk, ["HS256"])
        ek = Key.from_jwk(jwk)  # released by its finalizer
        ks = jwtcore.KeySet.of(ek)
        v = jwtcore.Verifier(ks, ["EdDSA"])
        v.verify_jws(jws.sign(b"y", ek, "EdDSA"))
        v.close()
        ks.close()
        ak = Key.generate("A128KW")
        jwe.decrypt(jwe.encrypt(b"z", ak, "A128KW", "A128GCM"), ak, ["A128KW"], ["A128GCM"])

    for i in range(300):
        cycle(i)
    gc.collect()
    before = _rss()
    tracemalloc.start()
    snap0 = tracemalloc.take_snapshot()
    for i in range(1_000):
        cycle(i)
    gc.collect()
    snap1 = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = _rss() - before
    py_grown = sum(s.size_diff for s in snap1.compare_to(snap0, "filename"))
    print(f"\nhandle churn x1000: RSS {grown / 1024:.0f} KiB, Python heap {py_grown / 1024:.0f} KiB")
    assert grown < 4 * 1024 * 1024, f"RSS grew by {grown} bytes"
    assert py_grown < 256 * 1024, f"Python heap grew by {py_grown} bytes"
