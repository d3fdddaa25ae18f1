"""Keys (RFC 7517 JWK, PEM/DER, raw secrets, generated) and key sets.

A :class:`Key` wraps one reference to an immutable, reference-counted native key: it may be used
from any number of threads at once. Its native reference is released by :meth:`Key.close`, by
leaving a ``with`` block, or by ``weakref.finalize`` when the object is collected.

Secrets and Python: the native library keeps private and secret material in guarded memory and
wipes every output buffer it hands over. The copies *Python* makes cannot be wiped: the ``bytes``
you pass to :meth:`Key.from_secret`, the JWK text, and the ``dict`` returned by
``to_jwk(private=True)`` live in the Python heap until the interpreter reuses that memory.
Keep secrets in Python for as short a time as you can (import them once, then drop the text).
"""

from __future__ import annotations

import ctypes
import json
import weakref
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Union

from . import _ffi
from .errors import JWTError

__all__ = ["Key", "KeySet", "JWKInput"]

JWKInput = Union[str, bytes, Mapping[str, Any]]

# Called with a Key or KeySet when it is closed (the verifier cache drops what it built for it).
_close_hooks: List[Callable[[Any], None]] = []

_HASHES = {"sha256": 0, "sha-256": 0, "sha384": 1, "sha-384": 1, "sha512": 2, "sha-512": 2}


def _json_bytes(value: JWKInput) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, Mapping):
        return json.dumps(value, separators=(",", ":")).encode("utf-8")
    raise TypeError(f"expected JWK JSON text or a dict, not {type(value).__name__}")


def _flags(allow_rsa_1024: bool) -> int:
    return 1 if allow_rsa_1024 else 0  # JWTCORE_KEY_ALLOW_RSA_1024


def _text(raw: Optional[bytes]) -> Optional[str]:
    return raw.decode("utf-8") if raw is not None else None


class Key:
    """One key. Build it with a ``from_*`` constructor or :meth:`generate`, never directly."""

    __slots__ = ("_handle", "_finalizer", "__weakref__")

    def __init__(self, handle: Any) -> None:
        """Takes ownership of one native reference (internal; use the constructors)."""
        if not handle:
            raise ValueError("NULL key handle")
        self._handle = handle
        self._finalizer = weakref.finalize(self, _ffi.jwtcore_key_free, handle)

    # -- constructors ---------------------------------------------------------------------------
    @classmethod
    def from_jwk(cls, jwk: JWKInput, *, allow_rsa_1024: bool = False) -> "Key":
        """Imports one JWK (JSON text or dict). Every member is validated; its alg, use and
        key_ops are enforced by every later operation."""
        data = _json_bytes(jwk)
        out = _ffi.KeyP()
        _ffi.jwtcore_key_from_jwk(ctypes.byref(out), data, len(data), _flags(allow_rsa_1024))
        return cls(out)

    @classmethod
    def from_pem(cls, pem: Union[bytes, str], *, allow_rsa_1024: bool = False) -> "Key":
        """Imports a PEM (or DER) public or private key: SPKI, PKCS#8, PKCS#1, SEC1."""
        data = pem.encode("ascii") if isinstance(pem, str) else bytes(pem)
        out = _ffi.KeyP()
        _ffi.jwtcore_key_from_pem(ctypes.byref(out), data, len(data), _flags(allow_rsa_1024))
        return cls(out)

    @classmethod
    def from_secret(cls, secret: Union[bytes, bytearray, memoryview, str]) -> "Key":
        """Makes an oct key (HMAC, AES, PBES2 password) from raw bytes (str is UTF-8 encoded).
        The library copies them into guarded memory; a bytearray you pass may be wiped after."""
        data = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
        out = _ffi.KeyP()
        _ffi.jwtcore_key_from_secret(ctypes.byref(out), data, len(data), 0)
        return cls(out)

    @classmethod
    def generate(cls, alg_or_crv: str) -> "Key":
        """Generates a key for an algorithm ("ES256", "RS256:3072", "A256GCM", ...) or a curve
        ("P-256", "Ed25519", "X25519", ...). Keys made for an algorithm carry it as their alg."""
        spec = alg_or_crv.encode("utf-8")
        out = _ffi.KeyP()
        _ffi.jwtcore_key_generate(ctypes.byref(out), spec, len(spec), 0)
        return cls(out)

    @classmethod
    def _borrowed(cls, ptr: Any) -> "Key":
        """Wraps a borrowed native key by taking a reference of our own."""
        return cls(_ffi.jwtcore_key_ref(ptr))

    def with_kid(self, kid: str) -> "Key":
        """A new key with the same material and metadata, carrying ``kid``."""
        data = kid.encode("utf-8")
        out = _ffi.KeyP()
        _ffi.jwtcore_key_with_kid(ctypes.byref(out), self.handle, data, len(data))
        return Key(out)

    # -- export ---------------------------------------------------------------------------------
    def to_jwk(self, private: bool = False) -> Dict[str, Any]:
        """The key as a JWK dict; private members only with ``private=True`` (oct keys need it)."""
        jwk: Dict[str, Any] = json.loads(_ffi.call_bytes(_ffi.jwtcore_key_to_jwk, self.handle, 1 if private else 0))
        return jwk

    def to_pem(self, private: bool = False) -> bytes:
        """PKCS#8 (private) or SubjectPublicKeyInfo PEM; oct keys have none."""
        return _ffi.call_bytes(_ffi.jwtcore_key_to_pem, self.handle, 1 if private else 0)

    def thumbprint(self, hash: str = "sha256") -> str:
        """The RFC 7638 thumbprint, base64url (sha256, sha384 or sha512)."""
        return _ffi.call_bytes(_ffi.jwtcore_key_thumbprint, self.handle, _hash_id(hash)).decode("ascii")

    def thumbprint_uri(self, hash: str = "sha256") -> str:
        """The RFC 9278 thumbprint URI."""
        return _ffi.call_bytes(_ffi.jwtcore_key_thumbprint_uri, self.handle, _hash_id(hash)).decode("ascii")

    # -- properties -----------------------------------------------------------------------------
    @property
    def kid(self) -> Optional[str]:
        return _text(_ffi.jwtcore_key_kid(self.handle))

    @property
    def kty(self) -> str:
        kty: bytes = _ffi.jwtcore_key_kty(self.handle)
        return kty.decode("ascii")

    @property
    def alg(self) -> Optional[str]:
        return _text(_ffi.jwtcore_key_alg(self.handle))

    @property
    def curve(self) -> Optional[str]:
        return _text(_ffi.jwtcore_key_curve(self.handle))

    @property
    def is_private(self) -> bool:
        return bool(_ffi.jwtcore_key_is_private(self.handle) == 1)

    # -- lifetime -------------------------------------------------------------------------------
    @property
    def handle(self) -> Any:
        """The native pointer (for this package's modules); raises once the key is closed."""
        if not self._finalizer.alive:
            raise ValueError("the key is closed")
        return self._handle

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        """Releases this object's native reference now (idempotent). Verifiers, key sets and
        other keys that share the material keep their own references."""
        if self._finalizer.alive:
            for hook in _close_hooks:
                hook(self)
        self._finalizer()

    def __enter__(self) -> "Key":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        if self.closed:
            return "<jwtcore.Key closed>"
        extra = "".join(f" {n}={v!r}" for n, v in (("crv", self.curve), ("alg", self.alg), ("kid", self.kid)) if v)
        return f"<jwtcore.Key kty={self.kty!r}{extra} {'private' if self.is_private else 'public'}>"


def _hash_id(name: str) -> int:
    try:
        return _HASHES[name.lower()]
    except KeyError:
        raise ValueError(f"unknown thumbprint hash {name!r} (sha256, sha384 or sha512)") from None


class KeySet:
    """A JWK Set. ``keyset[kid]`` finds the one key with that kid (KeyNotFound if none or
    several carry it); ``len()`` and iteration cover the usable keys. Entries the library could
    not use are skipped and explained by :attr:`skipped`."""

    __slots__ = ("_handle", "_finalizer", "__weakref__")

    def __init__(self, handle: Any = None) -> None:
        if handle is None:
            handle = _ffi.KeySetP()
            _ffi.jwtcore_keyset_new(ctypes.byref(handle), 0)
        self._handle = handle
        self._finalizer = weakref.finalize(self, _ffi.jwtcore_keyset_free, handle)

    @classmethod
    def from_jwks(cls, jwks: JWKInput, *, allow_rsa_1024: bool = False) -> "KeySet":
        """Parses {"keys": [...]} (text or dict)."""
        data = _json_bytes(jwks)
        out = _ffi.KeySetP()
        _ffi.jwtcore_keyset_from_jwks(ctypes.byref(out), data, len(data), _flags(allow_rsa_1024))
        return cls(out)

    @classmethod
    def of(cls, *keys: Key) -> "KeySet":
        """A set of the given keys (all secret, all public or all private)."""
        ks = cls()
        for k in keys:
            ks.add(k)
        return ks

    def add(self, key: Key) -> None:
        """Appends ``key`` (the set takes its own reference). Not while other threads read the set."""
        _ffi.jwtcore_keyset_add(self.handle, key.handle)

    def __len__(self) -> int:
        return int(_ffi.jwtcore_keyset_count(self.handle))

    def __getitem__(self, kid: str) -> Key:
        data = kid.encode("utf-8")
        out = _ffi.KeyP()
        _ffi.jwtcore_keyset_find(ctypes.byref(out), self.handle, data, len(data))
        return Key._borrowed(out)

    def __contains__(self, kid: object) -> bool:
        if not isinstance(kid, str):
            return False
        try:
            self[kid]
        except JWTError:
            return False
        return True

    def __iter__(self) -> Iterator[Key]:
        handle = self.handle
        for i in range(len(self)):
            yield Key._borrowed(_ffi.jwtcore_keyset_get(handle, i))

    @property
    def skipped(self) -> List[str]:
        """Why each unusable entry of the parsed JWKS was skipped."""
        handle = self.handle
        n = _ffi.jwtcore_keyset_skipped_count(handle)
        return [(_ffi.jwtcore_keyset_skipped_reason(handle, i) or b"").decode("utf-8", "replace") for i in range(n)]

    def to_jwks(self, private: bool = False) -> Dict[str, Any]:
        jwks: Dict[str, Any] = json.loads(_ffi.call_bytes(_ffi.jwtcore_keyset_to_jwks, self.handle, 1 if private else 0))
        return jwks

    @property
    def handle(self) -> Any:
        if not self._finalizer.alive:
            raise ValueError("the key set is closed")
        return self._handle

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def close(self) -> None:
        """Releases the set and its references (idempotent). Keys taken out of it stay valid."""
        if self._finalizer.alive:
            for hook in _close_hooks:
                hook(self)
        self._finalizer()

    def __enter__(self) -> "KeySet":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return "<jwtcore.KeySet closed>" if self.closed else f"<jwtcore.KeySet {len(self)} keys>"
