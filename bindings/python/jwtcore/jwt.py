"""JSON Web Tokens (RFC 7519), with PyJWT's calls: :func:`encode` and :func:`decode`.

Verification is native end to end: the signature under the caller's allow-list, then the claims
rules (exp, nbf, iat as JSON numbers only; iss and aud exact matches; required claims; scopes)
in libjwtcore, in one native call per token (plus reading out the verified claims).

Differences from PyJWT, on purpose (RFC 8725):

* ``exp`` is required unless ``require_exp=False``: a token without one never expires.
* A token carrying ``aud`` is refused when no ``audience`` is given (RFC 7519 §4.1.3).
* ``leeway`` is at most 300 seconds.
* A ``str``/``bytes`` key is an HMAC secret only when every algorithm is HS*, and PEM only when
  none is. Pass a :class:`~jwtcore.Key` (built once) for the fast path and for every other case.

For many tokens under the same rules, build a :class:`~jwtcore.Verifier` once and call its
:meth:`~jwtcore.Verifier.decode`; ``decode`` here caches verifiers per Key object for you.
"""

from __future__ import annotations

import datetime
import json
from ctypes import byref
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Union

from . import _ffi
from . import jws as _jws
from .jwk import Key, KeySet
from .verifier import Instant, KeyLike, Seconds, Verifier, VerifyKeys, cached_verifier, coerce_key

__all__ = ["encode", "decode", "decode_json"]

_TIME_CLAIMS = ("exp", "iat", "nbf")


def _claims_json(claims: Mapping[str, Any]) -> bytes:
    if not isinstance(claims, Mapping):
        raise TypeError(f"claims must be a dict, not {type(claims).__name__}")
    out = dict(claims)
    for name in _TIME_CLAIMS:  # as PyJWT: datetimes become NumericDates
        value = out.get(name)
        if isinstance(value, datetime.datetime):
            if value.tzinfo is None:
                raise ValueError(f"claim {name!r} is a naive datetime: give it a tzinfo (e.g. timezone.utc)")
            out[name] = int(value.timestamp())
    return json.dumps(out, separators=(",", ":")).encode("utf-8")


def encode(
    claims: Mapping[str, Any],
    key: KeyLike,
    algorithm: str,
    headers: Optional[Mapping[str, Any]] = None,
    *,
    encrypt_key: Optional[KeyLike] = None,
    encrypt_algorithm: Optional[str] = None,
    encryption: Optional[str] = None,
) -> str:
    """Signs ``claims`` as a compact JWT. The header is alg, typ ("JWT" unless ``headers`` sets
    another, or None for none), the key's kid (or ``headers["kid"]``) and any other ``headers``
    members. Registered claims are type-checked natively (exp/nbf/iat numbers, iss/sub/jti
    strings, aud a string or a list of strings); datetimes in exp/iat/nbf are converted.

    With ``encrypt_key``, ``encrypt_algorithm`` (key management, e.g. "RSA-OAEP-256") and
    ``encryption`` (e.g. "A256GCM") the signed token is then encrypted to that key as a nested JWT
    (RFC 7519 §5.2, sign-then-encrypt; the JWE header carries "cty": "JWT")."""
    k = coerce_key(key, [algorithm])
    if not isinstance(k, Key):
        raise TypeError("encoding needs one key, not a key set")
    payload = _claims_json(claims)
    extra = dict(headers or {})
    typ = extra.pop("typ", "JWT")
    kid = extra.pop("kid", None)
    extra.pop("alg", None)  # the algorithm argument decides
    if kid is not None:
        k = k.with_kid(kid)
    nested = (encrypt_key, encrypt_algorithm, encryption)
    if any(x is not None for x in nested) and not all(x is not None for x in nested):
        raise TypeError("a nested JWT needs encrypt_key, encrypt_algorithm and encryption together")
    if encrypt_key is not None and extra:
        raise TypeError(f"a nested JWT's signed header takes only typ and kid, not {sorted(extra)}")
    builder = _ffi.JwtBuilderP()
    _ffi.jwtcore_jwt_builder_new(byref(builder), 0)
    try:
        _ffi.jwtcore_jwt_builder_set_claims_json(builder, payload, len(payload))  # validates the claims
        if extra:
            # Header members the builder does not write: sign the validated claims as a JWS.
            if typ is not None:
                extra["typ"] = typ
            return _jws.sign(payload, k, algorithm, headers=extra)
        if typ != "JWT":  # the builder's default
            t = (typ or "").encode("utf-8")
            _ffi.jwtcore_jwt_builder_set_typ(builder, t, len(t))
        alg = algorithm.encode("utf-8")
        if encrypt_key is None:
            return _ffi.call_bytes(_ffi.jwtcore_jwt_builder_sign, builder, k.handle, alg, len(alg)).decode("ascii")
        ek = coerce_key(encrypt_key, [encrypt_algorithm])  # type: ignore[list-item]
        if not isinstance(ek, Key):
            raise TypeError("encryption needs one key, not a key set")
        kalg = encrypt_algorithm.encode("utf-8")  # type: ignore[union-attr]
        enc = encryption.encode("utf-8")  # type: ignore[union-attr]
        return _ffi.call_bytes(
            _ffi.jwtcore_jwt_builder_sign_encrypt, builder, k.handle, alg, len(alg), ek.handle, kalg, len(kalg), enc,
            len(enc),
        ).decode("ascii")
    finally:
        _ffi.jwtcore_jwt_builder_free(builder)


def _tuple(v: Union[None, str, Iterable[str]]) -> Any:
    return v if v is None or type(v) is str or type(v) is tuple else tuple(v)


def decode(
    token: Union[str, bytes],
    key_or_keyset: Union[VerifyKeys, Verifier],
    algorithms: Sequence[str] = (),
    *,
    audience: Union[None, str, Iterable[str]] = None,
    issuer: Union[None, str, Iterable[str]] = None,
    leeway: Seconds = 0,
    required: Iterable[str] = (),
    scopes: Iterable[str] = (),
    typ: Optional[str] = None,
    now: Optional[Instant] = None,
    claims: Optional[Mapping[str, Any]] = None,
    max_age: Optional[Seconds] = None,
    max_lifetime: Optional[Seconds] = None,
    require_exp: bool = True,
    critical: Iterable[str] = (),
    encryptions: Iterable[str] = (),
    decryption_key: Optional[VerifyKeys] = None,
) -> Dict[str, Any]:
    """Verifies a compact JWT and returns its claims.

    ``algorithms`` is required (the allow-list; nothing is accepted by default). ``audience`` /
    ``issuer``: accepted values (one or several). ``leeway`` (seconds or timedelta, at most 300),
    ``required`` claim names, required ``scopes``, the ``typ`` header, a fixed ``now``, exact
    ``claims`` values, ``max_age`` since iat, ``max_lifetime``, ``require_exp`` and understood
    ``critical`` headers are checked natively; see :class:`~jwtcore.Verifier`. A nested JWT
    (sign-then-encrypt) is accepted when ``algorithms`` also lists its key-management alg,
    ``encryptions`` its enc, and ``decryption_key`` can decrypt it. Raises
    ExpiredSignature, ImmatureSignature, InvalidAudience, InvalidIssuer, MissingClaim,
    InvalidClaim, InvalidSignature, AlgorithmNotAllowed, KeyNotFound, MalformedToken, ...
    """
    return _verifier(key_or_keyset, algorithms, audience, issuer, leeway, required, scopes, typ, now, claims,
                     max_age, max_lifetime, require_exp, critical, encryptions, decryption_key).decode(token)


def decode_json(
    token: Union[str, bytes],
    key_or_keyset: Union[VerifyKeys, Verifier],
    algorithms: Sequence[str] = (),
    *,
    audience: Union[None, str, Iterable[str]] = None,
    issuer: Union[None, str, Iterable[str]] = None,
    leeway: Seconds = 0,
    required: Iterable[str] = (),
    scopes: Iterable[str] = (),
    typ: Optional[str] = None,
    now: Optional[Instant] = None,
    claims: Optional[Mapping[str, Any]] = None,
    max_age: Optional[Seconds] = None,
    max_lifetime: Optional[Seconds] = None,
    require_exp: bool = True,
    critical: Iterable[str] = (),
    encryptions: Iterable[str] = (),
    decryption_key: Optional[VerifyKeys] = None,
) -> bytes:
    """As :func:`decode`, returning the verified claims as the JSON text (bytes) they were."""
    return _verifier(key_or_keyset, algorithms, audience, issuer, leeway, required, scopes, typ, now, claims,
                     max_age, max_lifetime, require_exp, critical, encryptions, decryption_key).decode_json(token)


def _verifier(
    key_or_keyset: Union[VerifyKeys, Verifier], algorithms: Sequence[str], audience: Any, issuer: Any,
    leeway: Any, required: Any, scopes: Any, typ: Any, now: Any, claims: Any, max_age: Any,
    max_lifetime: Any, require_exp: bool, critical: Any, encryptions: Any = (), decryption_key: Any = None,
) -> Verifier:
    options = (
        "jwt", _tuple(audience), _tuple(issuer), leeway, _tuple(required), _tuple(scopes), typ, now,
        None if claims is None else json.dumps(claims, sort_keys=True), max_age, max_lifetime,
        require_exp, _tuple(critical), _tuple(encryptions),
        # The decryption key object itself (not its id): a cached verifier must never be reused
        # for another key that happens to get the same id.
        _hashable_keys(decryption_key, algorithms),
    )
    if isinstance(key_or_keyset, Verifier):
        if options != _DEFAULTS:
            raise TypeError("give the rules to the Verifier when building it, not to decode()")
        return key_or_keyset
    if not algorithms or isinstance(algorithms, (str, bytes)):
        raise TypeError("algorithms must be a non-empty list of names, e.g. ['HS256']")

    def build(keys: Any) -> Verifier:
        return Verifier(keys, algorithms, audience=options[1], issuer=options[2], leeway=leeway, required=options[4],
                        scopes=options[5], typ=typ, now=now, claims=claims, max_age=max_age,
                        max_lifetime=max_lifetime, require_exp=require_exp, critical=options[12],
                        encryptions=options[13], decryption_keys=decryption_key)

    return cached_verifier(key_or_keyset, algorithms, options, build)


def _hashable_keys(keys: Any, algorithms: Sequence[str]) -> Any:
    if keys is None or isinstance(keys, (Key, KeySet)):
        return keys
    if isinstance(keys, (list, tuple)):
        return tuple(_hashable_keys(k, algorithms) for k in keys)
    return coerce_key(keys, algorithms)  # JWK dicts, secrets, PEM: one cached Key per value


_DEFAULTS = ("jwt", None, None, 0, (), (), None, None, None, None, None, True, (), (), None)
