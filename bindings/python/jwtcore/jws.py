"""JSON Web Signature (RFC 7515): compact, flattened and general JSON serializations, detached
content (RFC 7515 Appendix F) and unencoded payloads (RFC 7797).

>>> key = Key.generate("ES256")
>>> token = sign(b"hello", key, "ES256")
>>> header, payload = verify(token, key, ["ES256"])
"""

from __future__ import annotations

import ctypes
import json
from ctypes import byref
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

from . import _ffi
from .jwk import Key
from .verifier import JWSVerification, KeyLike, Verifier, VerifyKeys, cached_verifier, coerce_key

__all__ = ["sign", "verify", "verify_detailed", "SERIALIZATIONS"]

SERIALIZATIONS = {"compact": _ffi.JWS_COMPACT, "flattened": _ffi.JWS_FLATTENED, "json": _ffi.JWS_GENERAL}


def _json(obj: Optional[Mapping[str, Any]]) -> Optional[bytes]:
    if not obj:
        return None
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


def _payload_bytes(payload: Union[bytes, bytearray, memoryview, str]) -> bytes:
    return payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)


def _signing_key(key: Optional[KeyLike], algorithm: str) -> Optional[Key]:
    if key is None:
        if algorithm != "none":
            raise TypeError("a key is required (only alg 'none' signs without one)")
        return None
    k = coerce_key(key, [algorithm])
    if not isinstance(k, Key):
        raise TypeError("signing needs one key, not a key set")
    return k


def sign(
    payload: Union[bytes, str],
    key: Union[Optional[KeyLike], Sequence[KeyLike]],
    algorithm: Union[str, Sequence[str]],
    headers: Optional[Union[Mapping[str, Any], str, bytes]] = None,
    detached: bool = False,
    b64: bool = True,
    serialization: str = "compact",
    *,
    unprotected: Optional[Mapping[str, Any]] = None,
) -> str:
    """Signs ``payload`` and returns the JWS text.

    ``headers`` are extra protected header members (``alg``, ``b64`` and ``crit`` are set by the
    library; the key's kid is added unless ``headers`` has one). Given as JSON *text* (str or
    bytes) instead of a dict, it is the whole protected header, used byte for byte (it must then
    carry the right alg itself): this reproduces published examples exactly. ``serialization`` is "compact",
    "flattened" or "json" (general); ``unprotected`` header members need a JSON serialization.
    For several signatures pass lists of keys and algorithms with ``serialization="json"``.
    ``algorithm="none"`` with ``key=None`` makes an unsecured JWS (never accepted by default).
    """
    if serialization not in SERIALIZATIONS:
        raise ValueError(f"serialization must be one of {sorted(SERIALIZATIONS)}, not {serialization!r}")
    data = _payload_bytes(payload)
    flags = SERIALIZATIONS[serialization]
    if detached:
        flags |= _ffi.JWS_DETACHED
    if not b64:
        flags |= _ffi.JWS_UNENCODED
    multi = isinstance(key, (list, tuple))
    verbatim = isinstance(headers, (str, bytes))
    if multi or serialization == "json" or unprotected:
        if verbatim:
            raise TypeError("a verbatim (text) protected header needs one key and no unprotected header")
        keys = list(key) if multi else [key]  # type: ignore[arg-type]
        algs = [algorithm] * len(keys) if isinstance(algorithm, str) else list(algorithm)
        if len(algs) != len(keys):
            raise ValueError(f"{len(keys)} keys but {len(algs)} algorithms")
        return _sign_builder(data, keys, algs, headers, unprotected, flags)
    if not isinstance(algorithm, str):
        raise TypeError("algorithm must be a str for one key")
    k = _signing_key(key, algorithm)  # type: ignore[arg-type]
    if k is None:
        flags |= _ffi.JWS_ALLOW_NONE
    alg = algorithm.encode("utf-8")
    if verbatim:
        flags |= _ffi.JWS_VERBATIM
        hdr: Optional[bytes] = headers.encode("utf-8") if isinstance(headers, str) else headers  # type: ignore[assignment]
    else:
        hdr = _json(headers)  # type: ignore[arg-type]
    out = ctypes.c_void_p()
    n = ctypes.c_size_t()
    _ffi.jwtcore_jws_sign(
        byref(out), byref(n), data, len(data), k.handle if k is not None else None, alg, len(alg),
        hdr, len(hdr) if hdr else 0, flags,
    )
    return _ffi.take_bytes(out, n).decode("utf-8")


def _sign_builder(
    data: bytes, keys: Sequence[Any], algs: Sequence[str], headers: Any,
    unprotected: Optional[Mapping[str, Any]], flags: int,
) -> str:
    signer = _ffi.JwsSignerP()
    if any(a == "none" for a in algs):
        flags |= _ffi.JWS_ALLOW_NONE
    _ffi.jwtcore_jws_signer_new(byref(signer), flags)
    try:
        hdr = _json(headers)
        unp = _json(unprotected)
        for key, algorithm in zip(keys, algs):
            k = _signing_key(key, algorithm)
            alg = algorithm.encode("utf-8")
            _ffi.jwtcore_jws_signer_add(
                signer, k.handle if k is not None else None, alg, len(alg), hdr, len(hdr) if hdr else 0,
                unp, len(unp) if unp else 0,
            )
        return _ffi.call_bytes(_ffi.jwtcore_jws_signer_sign, signer, data, len(data)).decode("utf-8")
    finally:
        _ffi.jwtcore_jws_signer_free(signer)


def _verifier_for(key_or_keyset: Union[VerifyKeys, Verifier], algorithms: Sequence[str], typ: Optional[str],
                  critical: Sequence[str]) -> Verifier:
    if isinstance(key_or_keyset, Verifier):
        if typ is not None or critical:
            raise TypeError("give typ and critical to the Verifier when building it")
        return key_or_keyset
    if isinstance(algorithms, (str, bytes)):
        raise TypeError("algorithms must be a list of names, e.g. ['ES256'], not a single string")
    crit = tuple(critical)
    return cached_verifier(
        key_or_keyset, algorithms, ("jws", typ, crit),
        lambda keys: Verifier(keys, algorithms, typ=typ, critical=crit),
    )


def verify(
    token: Union[str, bytes, Mapping[str, Any]],
    key_or_keyset: Union[VerifyKeys, Verifier],
    algorithms: Sequence[str],
    detached_payload: Optional[bytes] = None,
    *,
    typ: Optional[str] = None,
    critical: Sequence[str] = (),
    compact_only: bool = False,
) -> Tuple[Dict[str, Any], bytes]:
    """Verifies a JWS with the given key(s), allowing only ``algorithms``; returns
    ``(protected header, payload)``. Raises a :class:`~jwtcore.JWTError` subclass otherwise.
    Keys embedded in the token (jwk, jku, x5u, x5c) are never used."""
    v = _verifier_for(key_or_keyset, algorithms, typ, critical)
    return v.verify_jws(token, detached_payload, compact_only=compact_only)


def verify_detailed(
    token: Union[str, bytes, Mapping[str, Any]],
    key_or_keyset: Union[VerifyKeys, Verifier],
    algorithms: Sequence[str],
    detached_payload: Optional[bytes] = None,
    *,
    typ: Optional[str] = None,
    critical: Sequence[str] = (),
    compact_only: bool = False,
) -> JWSVerification:
    """As :func:`verify`, also reporting the alg, signature index and kid that verified."""
    v = _verifier_for(key_or_keyset, algorithms, typ, critical)
    return v.verify_jws_detailed(token, detached_payload, compact_only=compact_only)
