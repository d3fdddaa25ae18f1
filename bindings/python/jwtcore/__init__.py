"""jwtcore: JOSE and JWT for Python, backed by libjwtcore (one audited native core, via ctypes).

The calls read like PyJWT's::

    import jwtcore
    key = jwtcore.Key.from_jwk(jwk_dict)
    token = jwtcore.jwt.encode({"sub": "42", "exp": exp}, key, "ES256")
    claims = jwtcore.jwt.decode(token, key, algorithms=["ES256"])

Modules: :mod:`jwtcore.jwk` (Key, KeySet), :mod:`jwtcore.jws`, :mod:`jwtcore.jwe`,
:mod:`jwtcore.jwt`; errors in :mod:`jwtcore.errors`. The library is found through
``JWTCORE_LIBRARY``, next to this package, or on the system search path.
"""

from __future__ import annotations

from . import errors, jwe, jws, jwt
from ._ffi import ABI_VERSION, LibraryNotFound, jwtcore_version_string, library_path
from .errors import (
    AlgorithmNotAllowed,
    DecryptionError,
    ExpiredSignature,
    ImmatureSignature,
    InvalidAudience,
    InvalidClaim,
    InvalidIssuer,
    InvalidKey,
    InvalidSignature,
    JWTError,
    KeyNotFound,
    LimitExceeded,
    MalformedToken,
    MissingClaim,
)
from .jwk import Key, KeySet
from .verifier import JWEDecryption, JWSVerification, Verifier

__version__ = "0.1.0"
#: The version of the loaded native library, e.g. "0.1.0".
library_version: str = jwtcore_version_string().decode("ascii")

__all__ = [
    "ABI_VERSION",
    "AlgorithmNotAllowed",
    "DecryptionError",
    "ExpiredSignature",
    "ImmatureSignature",
    "InvalidAudience",
    "InvalidClaim",
    "InvalidIssuer",
    "InvalidKey",
    "InvalidSignature",
    "JWEDecryption",
    "JWSVerification",
    "JWTError",
    "Key",
    "KeyNotFound",
    "KeySet",
    "LibraryNotFound",
    "LimitExceeded",
    "MalformedToken",
    "MissingClaim",
    "Verifier",
    "errors",
    "jwe",
    "jws",
    "jwt",
    "library_path",
    "library_version",
]
