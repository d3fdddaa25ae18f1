"""The reusable verifier: allowed algorithms, keys and rules, built once and shared by threads.

A :class:`Verifier` is frozen as soon as it is built, so it is immutable and safe to use from any
number of threads at once; each verification is one native call doing all the work (plus a
borrowed read of its result and its release), and ctypes releases the GIL during it. The module-level ``jws.verify`` / ``jwt.decode`` helpers keep
a small cache of verifiers per key object, so that repeated calls with the same :class:`Key` and
options do not rebuild one; pass a ``Verifier`` yourself for full control.
"""

from __future__ import annotations

import ctypes
import datetime
import hashlib
import json
import threading
import weakref
from collections import OrderedDict
from ctypes import byref, c_size_t, c_void_p
from typing import Any, Callable, Dict, Hashable, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Union

from . import _ffi
from .jwk import Key, KeySet, _close_hooks

__all__ = ["Verifier", "JWSVerification", "JWEDecryption", "KeyLike", "VerifyKeys"]

#: What a key argument may be: a Key; a JWK dict; a raw secret as bytes/str (symmetric
#: algorithms only); PEM text (asymmetric algorithms only).
KeyLike = Union[Key, Mapping[str, Any], bytes, str]
#: What a verification key argument may be: one key, a key set, or several keys.
VerifyKeys = Union[KeyLike, KeySet, Sequence[Key]]


class JWEDecryption(NamedTuple):
    """Everything a JWE decryption reports."""

    header: Dict[str, Any]  # the protected header ({} when the JWE has none)
    plaintext: bytes
    alg: str
    enc: str
    recipient_index: int  # 0 for compact and flattened
    kid: Optional[str]  # kid of the key that decrypted


class JWSVerification(NamedTuple):
    """Everything a JWS verification reports."""

    header: Dict[str, Any]  # the protected header of the signature that verified
    payload: bytes
    alg: str
    signature_index: int  # 0 for compact and flattened
    kid: Optional[str]  # kid of the key that verified (None for alg "none" or a key without kid)
    embedded_key: bool  # the header carried jwk/jku/x5u/x5c: reported, never used


def _text(value: Union[str, bytes, Mapping[str, Any]]) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, Mapping):  # a JWS/JWE JSON serialization given as a dict
        return json.dumps(value, separators=(",", ":")).encode("utf-8")
    raise TypeError(f"expected a token as str or bytes, not {type(value).__name__}")


def _borrowed_bytes(getter: Any, handle: Any) -> bytes:
    p = c_void_p()
    n = c_size_t()
    getter(handle, byref(p), byref(n))
    return ctypes.string_at(p.value, n.value) if p.value else b""


Seconds = Union[int, float, datetime.timedelta]
Instant = Union[int, float, datetime.datetime]


def _seconds(value: Seconds) -> int:
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds()
    return int(value)


def _instant(value: Instant) -> int:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("a naive datetime is ambiguous: give one with a tzinfo (e.g. timezone.utc)")
        return int(value.timestamp())
    return int(value)


def _names(value: Union[None, str, Iterable[str]]) -> Tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _each(setter: Any, handle: Any, names: Iterable[str]) -> None:
    for name in names:
        data = name.encode("utf-8")
        setter(handle, data, len(data))


class Verifier:
    """Verification rules, frozen when built and then safe to share between threads.

    JWS rules: ``keys`` (a Key, KeySet, JWK dict, or a list of Keys), the allowed ``algorithms``
    (nothing is allowed by default; "none" also needs ``allow_none=True``), a required ``typ``
    header, ``critical`` header names the application understands, ``max_token_size``.

    JWT claims rules (RFC 7519 §7.2, RFC 8725), applied by :meth:`decode` after the signature:
    accepted ``audience`` and ``issuer`` values (one or several), ``leeway`` for exp/nbf/iat (the
    library's default is 60 s, at most 300), ``required`` claims, ``scopes`` (from "scope" or
    "scp"), exact claim values (``claims={"tenant": "a"}``), ``max_age`` since iat,
    ``max_lifetime`` (exp - iat), ``require_exp`` (default True: a token without exp would never
    expire), a fixed ``now`` (for tests and replays), a ``revoked(jti) -> bool`` callback
    (exceptions count as revoked: fail closed), ``issuer_keys`` binding keys to issuers, and
    ``max_jwt_size`` (default 8192 bytes).

    JWE decryption (:meth:`decrypt`): ``algorithms`` then lists the allowed key-management algs,
    ``encryptions`` the allowed content encryptions, ``decryption_keys`` the keys; RSA1_5 needs
    ``allow_rsa1_5=True`` and PBES2 ``pbes2_max_p2c`` (0 for the default cap of 10000
    iterations; None keeps PBES2 disabled).
    """

    __slots__ = ("_handle", "_finalizer", "_refs", "algorithms", "_jwt_verify", "__weakref__")
    _handle: Any

    def __init__(
        self,
        keys: Optional[VerifyKeys],
        algorithms: Sequence[str],
        *,
        typ: Optional[str] = None,
        critical: Iterable[str] = (),
        max_token_size: Optional[int] = None,
        allow_none: bool = False,
        audience: Union[None, str, Iterable[str]] = None,
        issuer: Union[None, str, Iterable[str]] = None,
        leeway: Optional[Seconds] = None,
        required: Iterable[str] = (),
        scopes: Iterable[str] = (),
        claims: Optional[Mapping[str, Any]] = None,
        max_age: Optional[Seconds] = None,
        max_lifetime: Optional[Seconds] = None,
        require_exp: bool = True,
        now: Optional[Instant] = None,
        revoked: Optional[Callable[[str], bool]] = None,
        issuer_keys: Optional[Mapping[str, Union[Key, KeySet]]] = None,
        max_jwt_size: Optional[int] = None,
        encryptions: Iterable[str] = (),
        decryption_keys: Optional[VerifyKeys] = None,
        allow_rsa1_5: bool = False,
        pbes2_max_p2c: Optional[int] = None,
    ) -> None:
        if isinstance(algorithms, (str, bytes)):
            raise TypeError("algorithms must be a list of names, e.g. ['ES256'], not a single string")
        algorithms = tuple(algorithms)
        handle = _ffi.VerifierP()
        _ffi.jwtcore_verifier_new(byref(handle), 0)
        self._handle = handle
        self._finalizer = weakref.finalize(self, _ffi.jwtcore_verifier_free, handle)
        self.algorithms = algorithms
        self._jwt_verify = _ffi.jwtcore_jwt_verify
        # Callbacks the native verifier points into. Keys are not kept: the native verifier
        # holds its own references to them, and a cached verifier must not keep the caller's
        # Python objects alive.
        self._refs: List[Any] = []
        _each(_ffi.jwtcore_verifier_allow_alg, handle, algorithms)
        if allow_none:
            _ffi.jwtcore_verifier_allow_none(handle)
        _each(_ffi.jwtcore_verifier_allow_enc, handle, encryptions)
        if keys is not None:
            self._add_keys(keys, algorithms)
        if decryption_keys is not None:
            for dk in _key_list(decryption_keys, algorithms):
                _ffi.jwtcore_verifier_add_decryption_key(handle, dk.handle)
        if allow_rsa1_5:
            _ffi.jwtcore_verifier_enable_rsa1_5(handle)
        if pbes2_max_p2c is not None:
            _ffi.jwtcore_verifier_enable_pbes2(handle, pbes2_max_p2c)
        if typ is not None:
            _each(_ffi.jwtcore_verifier_require_typ, handle, [typ])
        _each(_ffi.jwtcore_verifier_understand_crit, handle, critical)
        if max_token_size is not None:
            _ffi.jwtcore_verifier_set_max_token_size(handle, max_token_size)
        self._set_claims_rules(audience, issuer, leeway, required, scopes, claims, max_age, max_lifetime, require_exp,
                               now, revoked, issuer_keys, max_jwt_size)
        _ffi.jwtcore_verifier_freeze(handle)

    def _set_claims_rules(
        self, audience: Union[None, str, Iterable[str]], issuer: Union[None, str, Iterable[str]],
        leeway: Optional[Seconds], required: Iterable[str], scopes: Iterable[str], claims: Optional[Mapping[str, Any]],
        max_age: Optional[Seconds], max_lifetime: Optional[Seconds], require_exp: bool, now: Optional[Instant],
        revoked: Optional[Callable[[str], bool]], issuer_keys: Optional[Mapping[str, Union[Key, KeySet]]],
        max_jwt_size: Optional[int],
    ) -> None:
        _each(_ffi.jwtcore_verifier_add_audience, self._handle, _names(audience))
        _each(_ffi.jwtcore_verifier_add_issuer, self._handle, _names(issuer))
        if leeway is not None:
            _ffi.jwtcore_verifier_set_leeway(self._handle, _seconds(leeway))
        _each(_ffi.jwtcore_verifier_require_claim, self._handle, required)
        _each(_ffi.jwtcore_verifier_require_scope, self._handle, scopes)
        for name, value in (claims or {}).items():
            n = name.encode("utf-8")
            v = json.dumps(value, separators=(",", ":")).encode("utf-8")
            _ffi.jwtcore_verifier_require_claim_value(self._handle, n, len(n), v, len(v))
        if max_age is not None:
            _ffi.jwtcore_verifier_set_max_age(self._handle, _seconds(max_age))
        if max_lifetime is not None:
            _ffi.jwtcore_verifier_set_max_lifetime(self._handle, _seconds(max_lifetime))
        if not require_exp:
            _ffi.jwtcore_verifier_require_exp(self._handle, 0)
        if now is not None:
            self._set_fixed_clock(_instant(now))
        if revoked is not None:
            self._set_revocation(revoked)
        for iss, k in (issuer_keys or {}).items():
            data = iss.encode("utf-8")
            if isinstance(k, KeySet):
                _ffi.jwtcore_verifier_add_issuer_keyset(self._handle, data, len(data), k.handle)
            else:
                _ffi.jwtcore_verifier_add_issuer_key(self._handle, data, len(data), k.handle)
        if max_jwt_size is not None:
            _ffi.jwtcore_verifier_set_max_jwt_size(self._handle, max_jwt_size)

    def _set_fixed_clock(self, t: int) -> None:
        # A constant cannot raise, so the callback can never hand the library a default time.
        clock = _ffi.CLOCK_FN(lambda _ctx: t)
        self._refs.append(clock)  # the native verifier keeps the function pointer
        _ffi.jwtcore_verifier_set_clock(self._handle, clock, None)

    def _set_revocation(self, revoked: Callable[[str], bool]) -> None:
        def check(_ctx: Any, jti: int, n: int) -> int:
            # ctypes would swallow an exception and return 0 ("not revoked"): fail closed instead.
            try:
                return 1 if revoked(ctypes.string_at(jti, n).decode("utf-8")) else 0
            except BaseException:
                return 1

        cb = _ffi.REVOCATION_FN(check)
        self._refs.append(cb)
        _ffi.jwtcore_verifier_set_revocation_check(self._handle, cb, None)

    def _add_keys(self, keys: VerifyKeys, algorithms: Sequence[str]) -> None:
        if isinstance(keys, KeySet):
            _ffi.jwtcore_verifier_add_keyset(self._handle, keys.handle)
            return
        if isinstance(keys, (list, tuple)):
            for k in keys:
                self._add_keys(k, algorithms)
            return
        key = coerce_key(keys, algorithms)
        if isinstance(key, KeySet):
            self._add_keys(key, algorithms)
            return
        _ffi.jwtcore_verifier_add_key(self._handle, key.handle)

    # -- JWS ------------------------------------------------------------------------------------
    def verify_jws(
        self,
        token: Union[str, bytes, Mapping[str, Any]],
        detached_payload: Optional[bytes] = None,
        *,
        compact_only: bool = False,
    ) -> Tuple[Dict[str, Any], bytes]:
        """Verifies a JWS (compact, or a JSON serialization unless ``compact_only``) and returns
        ``(protected header, payload)``."""
        r = self.verify_jws_detailed(token, detached_payload, compact_only=compact_only, _details=False)
        return r.header, r.payload

    def verify_jws_detailed(
        self,
        token: Union[str, bytes, Mapping[str, Any]],
        detached_payload: Optional[bytes] = None,
        *,
        compact_only: bool = False,
        _details: bool = True,
    ) -> JWSVerification:
        """As :meth:`verify_jws`, also naming the alg, signature index and key that verified."""
        data = _text(token)
        flags = _ffi.JWS_VERIFY_COMPACT_ONLY if compact_only else 0
        if detached_payload is not None:
            flags |= _ffi.JWS_VERIFY_DETACHED
            detached_payload = bytes(detached_payload)
        result = _ffi.JwsResultP()
        _ffi.jwtcore_jws_verify(
            byref(result), self.handle, data, len(data), detached_payload,
            len(detached_payload) if detached_payload is not None else 0, flags,
        )
        try:
            payload = _borrowed_bytes(_ffi.jwtcore_jws_result_payload, result)
            header = json.loads(_borrowed_bytes(_ffi.jwtcore_jws_result_header, result))
            if not _details:
                return JWSVerification(header, payload, "", 0, None, False)
            key = _ffi.jwtcore_jws_result_key(result)
            kid = _ffi.jwtcore_key_kid(key) if key else None
            return JWSVerification(
                header,
                payload,
                (_ffi.jwtcore_jws_result_alg(result) or b"").decode("ascii"),
                _ffi.jwtcore_jws_result_signature_index(result),
                kid.decode("utf-8") if kid is not None else None,
                _ffi.jwtcore_jws_result_embedded_key(result) == 1,
            )
        finally:
            _ffi.jwtcore_jws_result_free(result)

    # -- JWE ------------------------------------------------------------------------------------
    def decrypt(self, token: Union[str, bytes, Mapping[str, Any]], *, compact_only: bool = False) -> Tuple[Dict[str, Any], bytes]:
        """Decrypts a JWE (compact, or a JSON serialization unless ``compact_only``) and returns
        ``(protected header, plaintext)``. Every cryptographic failure is one DecryptionError."""
        r = self.decrypt_detailed(token, compact_only=compact_only)
        return r.header, r.plaintext

    def decrypt_detailed(self, token: Union[str, bytes, Mapping[str, Any]], *, compact_only: bool = False) -> JWEDecryption:
        """As :meth:`decrypt`, also naming the alg, enc, recipient and key used."""
        data = _text(token)
        result = _ffi.JweResultP()
        _ffi.jwtcore_jwe_decrypt(byref(result), self.handle, data, len(data),
                                 _ffi.JWE_DECRYPT_COMPACT_ONLY if compact_only else 0)
        try:
            plaintext = _borrowed_bytes(_ffi.jwtcore_jwe_result_plaintext, result)
            header_text = _borrowed_bytes(_ffi.jwtcore_jwe_result_header, result)
            key = _ffi.jwtcore_jwe_result_key(result)
            kid = _ffi.jwtcore_key_kid(key) if key else None
            return JWEDecryption(
                json.loads(header_text) if header_text else {},
                plaintext,
                (_ffi.jwtcore_jwe_result_alg(result) or b"").decode("ascii"),
                (_ffi.jwtcore_jwe_result_enc(result) or b"").decode("ascii"),
                _ffi.jwtcore_jwe_result_recipient_index(result),
                kid.decode("utf-8") if kid is not None else None,
            )
        finally:
            _ffi.jwtcore_jwe_result_free(result)

    # -- JWT ------------------------------------------------------------------------------------
    def decode(self, token: Union[str, bytes]) -> Dict[str, Any]:
        """Verifies a compact JWT (signature, then every claims rule) and returns its claims."""
        claims: Dict[str, Any] = json.loads(self.decode_json(token))
        return claims

    def decode_json(self, token: Union[str, bytes]) -> bytes:
        """As :meth:`decode`, returning the verified claims as the JSON text the token carried.
        One native verification; the claims are copied out once and the native copy wiped."""
        data = token.encode("utf-8") if type(token) is str else token
        claims = _ffi.ClaimsP()
        # A closed verifier's handle is None: the library then reports an invalid handle.
        self._jwt_verify(byref(claims), self._handle, data, len(data))
        try:
            return _borrowed_bytes(_ffi.jwtcore_claims_json, claims)
        finally:
            _ffi.jwtcore_claims_free(claims)

    # -- lifetime -------------------------------------------------------------------------------
    @property
    def handle(self) -> Any:
        if not self._finalizer.alive:
            raise ValueError("the verifier is closed")
        return self._handle

    def close(self) -> None:
        """Releases the native verifier (idempotent). No other thread may be using it."""
        self._handle = None
        self._finalizer()

    def __enter__(self) -> "Verifier":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if not self._finalizer.alive else "algorithms=" + ",".join(self.algorithms)
        return f"<jwtcore.Verifier {state}>"


# ---- key coercion and caches ------------------------------------------------------------------

_lock = threading.Lock()
_DERIVED_MAX = 32
_VERIFIERS_MAX = 256
# Keys made from secrets / PEM / JWK dicts, by a SHA-256 digest of what they were made from
# (the cache never holds the secret itself as a dictionary key).
_derived: "OrderedDict[bytes, Union[Key, KeySet]]" = OrderedDict()
# Verifiers built for a Key or KeySet object: (id(owner), algorithms, options) -> (weak ref to
# the owner, verifier). Entries go when their owner is closed or collected, so a cached verifier
# never keeps key material alive longer than the caller's own object.
_CacheKey = Tuple[int, Tuple[str, ...], Hashable]
_verifiers: "OrderedDict[_CacheKey, Tuple[weakref.ref[Any], Verifier]]" = OrderedDict()


def _is_symmetric(alg: str) -> bool:
    """Algorithms keyed by raw secret bytes: HMAC, AES key wrap, direct, PBES2 passwords."""
    return alg.startswith(("HS", "A1", "A2", "PBES2")) or alg == "dir"


def _key_list(keys: Any, algorithms: Sequence[str]) -> List[Key]:
    if isinstance(keys, (list, tuple)):
        return [k for item in keys for k in _key_list(item, algorithms)]
    k = coerce_key(keys, algorithms)
    return list(k) if isinstance(k, KeySet) else [k]


def coerce_key(key: Any, algorithms: Sequence[str]) -> Union[Key, KeySet]:
    """Turns a key argument into a Key (or KeySet). Raw ``bytes``/``str`` are a secret only when
    every algorithm is symmetric, and PEM only when none is: the same bytes are never tried
    both ways (the classic HS256-with-a-public-key confusion)."""
    if isinstance(key, (Key, KeySet)):
        return key
    if isinstance(key, Mapping):
        text = json.dumps(key, separators=(",", ":"), sort_keys=True).encode("utf-8")
        tag = b"jwks" if "keys" in key else b"jwk"
        return _derive(tag, text, lambda: KeySet.from_jwks(text) if tag == b"jwks" else Key.from_jwk(text))
    if isinstance(key, (bytes, bytearray, memoryview, str)):
        raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
        if algorithms and all(_is_symmetric(a) for a in algorithms):
            return _derive(b"secret", raw, lambda: Key.from_secret(raw))
        if raw.lstrip().startswith(b"-----BEGIN") and not any(_is_symmetric(a) for a in algorithms):
            return _derive(b"pem", raw, lambda: Key.from_pem(raw))
        raise TypeError(
            "a str/bytes key is a secret only when every algorithm is symmetric (HS*, A*KW, dir, PBES2), "
            "and PEM text only when none is; pass a jwtcore.Key for anything else"
        )
    raise TypeError(f"expected a jwtcore.Key, KeySet, JWK dict, secret or PEM, not {type(key).__name__}")


def _derive(tag: bytes, material: bytes, make: Callable[[], Union[Key, KeySet]]) -> Union[Key, KeySet]:
    digest = hashlib.sha256(tag + b"\0" + material).digest()
    hit = _derived.get(digest)
    if hit is not None and not hit.closed:
        return hit
    made = make()
    with _lock:
        _derived[digest] = made
        while len(_derived) > _DERIVED_MAX:
            _derived.popitem(last=False)
    return made


def _forget(owner_id: int) -> None:
    with _lock:
        for k in [k for k in _verifiers if k[0] == owner_id]:
            del _verifiers[k]


def cached_verifier(keys: VerifyKeys, algorithms: Sequence[str], options: Hashable,
                    build: Callable[[Any], Verifier]) -> Verifier:
    """A verifier for (keys, algorithms, options), built by ``build(key_object)`` on a miss.
    Cached per Key/KeySet object; lists of keys are not cached. ``options`` must hold every
    rule the verifier is built with."""
    kind = type(keys)
    if kind is Key or kind is KeySet:
        owner: Any = keys
    elif kind is list or kind is tuple:
        return build(keys)
    else:
        owner = coerce_key(keys, algorithms)
    cache_key: _CacheKey = (id(owner), algorithms if type(algorithms) is tuple else tuple(algorithms), options)
    hit = _verifiers.get(cache_key)
    if hit is not None and hit[0]() is owner:
        return hit[1]
    v = build(owner)  # raises if the key is closed
    oid = id(owner)
    ref = weakref.ref(owner, lambda _r: _forget(oid))
    with _lock:
        _verifiers[cache_key] = (ref, v)
        while len(_verifiers) > _VERIFIERS_MAX:
            _verifiers.popitem(last=False)
    return v


def _on_key_close(owner: Any) -> None:
    _forget(id(owner))


_close_hooks.append(_on_key_close)
