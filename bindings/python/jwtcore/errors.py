"""Exceptions raised by jwtcore, mapped from the C library's negative status codes.

Every failing native call raises a :class:`JWTError` subclass carrying the status ``code`` and
the library's thread-local detail message (read on the calling thread right after the call).
Codes are grouped by area in ``jwtcore/common.h``; the mapping below follows those groups, with
a few codes singled out where a caller reacts differently (an expired token, an unknown kid).
Messages name members, claims and limits, never key material or claim values.
"""

from __future__ import annotations

from typing import Dict, Tuple, Type

__all__ = [
    "JWTError",
    "MalformedToken",
    "AlgorithmNotAllowed",
    "InvalidKey",
    "KeyNotFound",
    "InvalidSignature",
    "DecryptionError",
    "ExpiredSignature",
    "ImmatureSignature",
    "InvalidClaim",
    "InvalidIssuer",
    "InvalidAudience",
    "MissingClaim",
    "LimitExceeded",
    "error_class",
]


class JWTError(Exception):
    """Base of every jwtcore error: ``code`` is the library's status (negative), ``message``
    its detail. Codes of the "general" group (internal error, bad argument, unsupported
    feature...) raise this class itself."""

    code: int
    message: str

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} (jwtcore status {self.code})" if self.message else f"jwtcore status {self.code}"


class MalformedToken(JWTError, ValueError):
    """The input is not of the expected form: base64url, JSON, serialization, header, PEM."""


class AlgorithmNotAllowed(JWTError):
    """The token's alg (or enc) is not in the caller's allow-list, or is unknown."""


class InvalidKey(JWTError, ValueError):
    """A key is malformed, weak, unsupported, or does not fit the algorithm or operation."""


class KeyNotFound(JWTError):
    """No key matches the token's kid (or a kid is ambiguous in the key set)."""


class InvalidSignature(JWTError):
    """The signature or MAC does not verify."""


class DecryptionError(JWTError):
    """Decryption failed. Every cryptographic failure shares this one class and message, so
    that callers cannot build a padding or key-unwrap oracle out of it."""


class ExpiredSignature(JWTError):
    """The token's exp is in the past (beyond the leeway)."""


class ImmatureSignature(JWTError):
    """The token's nbf (or iat) is in the future (beyond the leeway)."""


class InvalidClaim(JWTError):
    """A claim (or the typ header) is mistyped or does not have the required value."""


class InvalidIssuer(InvalidClaim):
    """iss is missing or not the accepted issuer."""


class InvalidAudience(InvalidClaim):
    """aud is missing or does not contain the accepted audience."""


class MissingClaim(JWTError):
    """A required claim is absent."""


class LimitExceeded(JWTError):
    """An input is over a configured limit (size, depth, PBES2 iterations, inflated size)."""


# Single codes that get their own class; they win over the ranges below.
_BY_CODE: Dict[int, Type[JWTError]] = {
    -44: KeyNotFound,  # JWTCORE_E_KEY_NOT_FOUND
    -60: AlgorithmNotAllowed,  # JWTCORE_E_ALG_NOT_ALLOWED
    -61: InvalidSignature,  # JWTCORE_E_BAD_SIGNATURE
    -62: MalformedToken,  # JWTCORE_E_CRIT_UNKNOWN: the header cannot be processed
    -63: InvalidClaim,  # JWTCORE_E_TYP_MISMATCH: the typ header is a claim about the token
    -64: AlgorithmNotAllowed,  # JWTCORE_E_UNKNOWN_ALG
    -81: AlgorithmNotAllowed,  # JWTCORE_E_ENC_NOT_ALLOWED: enc is policy like alg
    -100: ExpiredSignature,  # JWTCORE_E_EXPIRED
    -101: ImmatureSignature,  # JWTCORE_E_NOT_YET_VALID
    -102: ImmatureSignature,  # JWTCORE_E_ISSUED_IN_FUTURE (PyJWT raises ImmatureSignatureError too)
    -103: InvalidIssuer,  # JWTCORE_E_ISSUER
    -104: InvalidAudience,  # JWTCORE_E_AUDIENCE
    -105: MissingClaim,  # JWTCORE_E_CLAIM_MISSING
}

# (highest, lowest) code of each group in jwtcore/common.h.
_BY_RANGE: Tuple[Tuple[int, int, Type[JWTError]], ...] = (
    (-20, -39, MalformedToken),
    (-40, -59, InvalidKey),
    (-60, -79, InvalidSignature),
    (-80, -99, DecryptionError),
    (-100, -119, InvalidClaim),
    (-120, -139, LimitExceeded),
)


def error_class(code: int) -> Type[JWTError]:
    """The exception class for a status code (JWTError for the general group and unknown codes)."""
    cls = _BY_CODE.get(code)
    if cls is not None:
        return cls
    for high, low, cls in _BY_RANGE:
        if low <= code <= high:
            return cls
    return JWTError
