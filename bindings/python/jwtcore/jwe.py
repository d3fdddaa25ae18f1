"""JSON Web Encryption (RFC 7516) with the algorithms of RFC 7518 and RFC 8037: compact,
flattened and general JSON serializations.

>>> key = Key.generate("ECDH-ES+A256KW")
>>> token = encrypt(b"secret", key, "ECDH-ES+A256KW", "A256GCM")
>>> header, plaintext = decrypt(token, key, ["ECDH-ES+A256KW"], ["A256GCM"])

Decryption names the allowed key-management ``algorithms`` and content ``encryptions``; RSA1_5
(Bleichenbacher-prone) and PBES2 (the sender chooses the receiver's work) need an explicit
opt-in. Every cryptographic failure raises the same :class:`~jwtcore.DecryptionError` with the
same message, so that no padding or unwrap oracle exists. The plaintext comes back as ``bytes``:
the native copy is wiped, the Python one cannot be (see :mod:`jwtcore.jwk`).
"""

from __future__ import annotations

import json
from ctypes import byref
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple, Union

from . import _ffi
from .jwk import Key
from .verifier import JWEDecryption, KeyLike, Verifier, VerifyKeys, cached_verifier, coerce_key

__all__ = ["encrypt", "decrypt", "decrypt_detailed", "SERIALIZATIONS"]

SERIALIZATIONS = {"compact": _ffi.JWE_COMPACT, "flattened": _ffi.JWE_FLATTENED, "json": _ffi.JWE_GENERAL}


def _json(obj: Optional[Mapping[str, Any]]) -> Optional[bytes]:
    return json.dumps(obj, separators=(",", ":")).encode("utf-8") if obj else None


def _one_key(key: KeyLike, algorithm: str) -> Key:
    k = coerce_key(key, [algorithm])
    if not isinstance(k, Key):
        raise TypeError("each recipient needs one key, not a key set")
    return k


def encrypt(
    plaintext: Union[bytes, str],
    key: Union[KeyLike, Sequence[KeyLike]],
    algorithm: Union[str, Sequence[str]],
    encryption: str,
    headers: Optional[Mapping[str, Any]] = None,
    serialization: str = "compact",
    *,
    unprotected: Optional[Mapping[str, Any]] = None,
    recipient_headers: Optional[Sequence[Optional[Mapping[str, Any]]]] = None,
    aad: Optional[bytes] = None,
) -> str:
    """Encrypts ``plaintext`` and returns the JWE text.

    ``algorithm`` is the key management ("RSA-OAEP-256", "ECDH-ES+A256KW", "A256KW", "dir", ...),
    ``encryption`` the content encryption ("A256GCM", "A128CBC-HS256", ...). ``headers`` are extra
    protected header members (e.g. {"cty": "JWT"}); the key's kid is added unless they set one.
    ``serialization`` is "compact", "flattened" or "json" (general). For several recipients
    pass lists of keys and algorithms (general serialization); ``unprotected``,
    ``recipient_headers`` and ``aad`` need a JSON serialization.
    """
    if serialization not in SERIALIZATIONS:
        raise ValueError(f"serialization must be one of {sorted(SERIALIZATIONS)}, not {serialization!r}")
    data = plaintext.encode("utf-8") if isinstance(plaintext, str) else bytes(plaintext)
    flags = SERIALIZATIONS[serialization]
    enc = encryption.encode("utf-8")
    hdr = _json(headers)
    multi = isinstance(key, (list, tuple))
    if multi or unprotected or recipient_headers or aad is not None:
        keys = list(key) if multi else [key]  # type: ignore[arg-type]
        algs = [algorithm] * len(keys) if isinstance(algorithm, str) else list(algorithm)
        if len(algs) != len(keys):
            raise ValueError(f"{len(keys)} keys but {len(algs)} algorithms")
        per = list(recipient_headers) if recipient_headers else [None] * len(keys)
        return _encrypt_builder(data, keys, algs, per, enc, hdr, _json(unprotected), aad, flags)
    if not isinstance(algorithm, str):
        raise TypeError("algorithm must be a str for one key")
    k = _one_key(key, algorithm)  # type: ignore[arg-type]
    alg = algorithm.encode("utf-8")
    return _ffi.call_bytes(
        _ffi.jwtcore_jwe_encrypt, data, len(data), k.handle, alg, len(alg), enc, len(enc), hdr,
        len(hdr) if hdr else 0, flags,
    ).decode("utf-8")


def _encrypt_builder(
    data: bytes, keys: Sequence[Any], algs: Sequence[str], per: Sequence[Optional[Mapping[str, Any]]], enc: bytes,
    hdr: Optional[bytes], unprotected: Optional[bytes], aad: Optional[bytes], flags: int,
) -> str:
    if len(per) != len(keys):
        raise ValueError(f"{len(keys)} keys but {len(per)} recipient headers")
    e = _ffi.JweEncrypterP()
    _ffi.jwtcore_jwe_encrypter_new(byref(e), enc, len(enc), flags)
    try:
        if hdr:
            _ffi.jwtcore_jwe_encrypter_set_protected(e, hdr, len(hdr))
        if unprotected:
            _ffi.jwtcore_jwe_encrypter_set_unprotected(e, unprotected, len(unprotected))
        if aad is not None:
            aad = bytes(aad)
            _ffi.jwtcore_jwe_encrypter_set_aad(e, aad, len(aad))
        for key, algorithm, extra in zip(keys, algs, per):
            k = _one_key(key, algorithm)
            alg = algorithm.encode("utf-8")
            rh = _json(extra)
            _ffi.jwtcore_jwe_encrypter_add_recipient(e, k.handle, alg, len(alg), rh, len(rh) if rh else 0)
        return _ffi.call_bytes(_ffi.jwtcore_jwe_encrypter_encrypt, e, data, len(data)).decode("utf-8")
    finally:
        _ffi.jwtcore_jwe_encrypter_free(e)


def _verifier_for(
    key_or_keyset: Union[VerifyKeys, Verifier], algorithms: Sequence[str], encryptions: Sequence[str],
    allow_rsa1_5: bool, pbes2_max_p2c: Optional[int], critical: Sequence[str],
) -> Verifier:
    if isinstance(key_or_keyset, Verifier):
        if allow_rsa1_5 or pbes2_max_p2c is not None or critical:
            raise TypeError("give the decryption policy to the Verifier when building it")
        return key_or_keyset
    for name, value in (("algorithms", algorithms), ("encryptions", encryptions)):
        if not value or isinstance(value, (str, bytes)):
            raise TypeError(f"{name} must be a non-empty list of names")
    encs = tuple(encryptions)
    crit = tuple(critical)
    return cached_verifier(
        key_or_keyset, algorithms, ("jwe", encs, allow_rsa1_5, pbes2_max_p2c, crit),
        lambda keys: Verifier(None, algorithms, encryptions=encs, decryption_keys=keys, allow_rsa1_5=allow_rsa1_5,
                              pbes2_max_p2c=pbes2_max_p2c, critical=crit),
    )


def decrypt(
    token: Union[str, bytes, Mapping[str, Any]],
    key_or_keyset: Union[VerifyKeys, Verifier],
    algorithms: Sequence[str],
    encryptions: Sequence[str],
    *,
    allow_rsa1_5: bool = False,
    pbes2_max_p2c: Optional[int] = None,
    critical: Sequence[str] = (),
    compact_only: bool = False,
) -> Tuple[Dict[str, Any], bytes]:
    """Decrypts a JWE with the given key(s), allowing only ``algorithms`` (key management) and
    ``encryptions``; returns ``(protected header, plaintext)``."""
    v = _verifier_for(key_or_keyset, algorithms, encryptions, allow_rsa1_5, pbes2_max_p2c, critical)
    return v.decrypt(token, compact_only=compact_only)


def decrypt_detailed(
    token: Union[str, bytes, Mapping[str, Any]],
    key_or_keyset: Union[VerifyKeys, Verifier],
    algorithms: Sequence[str],
    encryptions: Sequence[str],
    *,
    allow_rsa1_5: bool = False,
    pbes2_max_p2c: Optional[int] = None,
    critical: Sequence[str] = (),
    compact_only: bool = False,
) -> JWEDecryption:
    """As :func:`decrypt`, also reporting the alg, enc, recipient index and kid used."""
    v = _verifier_for(key_or_keyset, algorithms, encryptions, allow_rsa1_5, pbes2_max_p2c, critical)
    return v.decrypt_detailed(token, compact_only=compact_only)
