"""Loading libjwtcore and declaring its C prototypes (the only module that touches ctypes' CDLL).

Search order: the ``JWTCORE_LIBRARY`` environment variable (a path; if set, nothing else is
tried), then a copy next to this package, then the system's search path (``ctypes.util`` and
the soname). The loaded library must report the ABI generation this binding was written for.

Every prototype is declared once, through :func:`_api`, with ``argtypes`` and ``restype``: a
ctypes function left without ``restype`` would read any status as a truthy int, which has
turned "invalid" into "valid" in other bindings. Status-returning functions get an ``errcheck``
that raises the mapped :class:`~jwtcore.errors.JWTError` with ``jwtcore_last_error_message()``
read at once on the same thread (ctypes runs ``errcheck`` right after the call, before any other
library call this thread could make).

ctypes releases the GIL around every call into a ``CDLL``, so native work runs in parallel
across Python threads.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from ctypes import POINTER, c_char_p, c_int, c_size_t, c_uint32, c_void_p
from typing import Any, Callable, List, Optional, Sequence, Tuple

from .errors import error_class

#: The ABI generation (soname number) this binding was written for.
ABI_VERSION = 0

__all__ = ["ABI_VERSION", "LibraryNotFound", "library_path", "take_bytes", "raise_for"]


class LibraryNotFound(ImportError):
    """libjwtcore could not be loaded (or is of another ABI generation)."""


def _local_names() -> List[str]:
    if sys.platform == "darwin":
        return ["libjwtcore.0.dylib", "libjwtcore.dylib"]
    if sys.platform == "win32":
        return ["jwtcore.dll", "libjwtcore.dll"]
    return ["libjwtcore.so.0", "libjwtcore.so"]


def _candidates() -> List[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    paths = [os.path.join(here, name) for name in _local_names()]
    found = ctypes.util.find_library("jwtcore")
    if found:
        paths.append(found)
    paths.append(_local_names()[0])  # bare soname: the dynamic loader's own search path
    return paths


def _load() -> Tuple[ctypes.CDLL, str]:
    explicit = os.environ.get("JWTCORE_LIBRARY")
    if explicit:
        try:
            return ctypes.CDLL(explicit), explicit
        except OSError as e:
            raise LibraryNotFound(
                f"JWTCORE_LIBRARY={explicit!r} could not be loaded ({e}); "
                "not falling back to other locations while JWTCORE_LIBRARY is set"
            ) from None
    tried = []
    for path in _candidates():
        if os.path.isabs(path) and not os.path.exists(path):
            tried.append(f"{path} (no such file)")
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{path} ({e})")
    raise LibraryNotFound(
        "libjwtcore could not be loaded; set JWTCORE_LIBRARY to the path of libjwtcore.so.0. Tried:\n  "
        + "\n  ".join(tried)
    )


_lib, library_path = _load()


def _api(name: str, argtypes: Sequence[Any], restype: Any = c_int, *, status: Optional[bool] = None) -> Any:
    """Declares one C function. ``status`` (default: when restype is c_int) installs the
    errcheck that turns a negative return into an exception."""
    try:
        fn = getattr(_lib, name)
    except AttributeError:
        raise LibraryNotFound(f"{library_path} does not export {name}; it is not the libjwtcore this binding needs") from None
    fn.argtypes = list(argtypes)
    fn.restype = restype
    if status if status is not None else restype is c_int:
        fn.errcheck = _check_status
    return fn


def _check_status(result: int, func: Any, args: Any) -> int:
    if result < 0:
        raise_for(result)
    return result


def raise_for(code: int) -> None:
    """Raises the exception for ``code`` with this thread's last error message."""
    raw = jwtcore_last_error_message()
    raise error_class(code)(code, raw.decode("utf-8", "replace") if raw else "")


# ---- Opaque handle types: distinct pointer types, so a key is never passed as a key set ------

class _Opaque(ctypes.Structure):
    """An incomplete C type: only pointers to it are ever made."""


class Key(_Opaque):
    pass


class KeySet(_Opaque):
    pass


class Verifier(_Opaque):
    pass


class JwsSigner(_Opaque):
    pass


class JwsResult(_Opaque):
    pass


class Claims(_Opaque):
    pass


class JwtBuilder(_Opaque):
    pass


class JweEncrypter(_Opaque):
    pass


class JweResult(_Opaque):
    pass


KeyP = POINTER(Key)
KeySetP = POINTER(KeySet)
VerifierP = POINTER(Verifier)
JwsSignerP = POINTER(JwsSigner)
JwsResultP = POINTER(JwsResult)
ClaimsP = POINTER(Claims)
JwtBuilderP = POINTER(JwtBuilder)
JweEncrypterP = POINTER(JweEncrypter)
JweResultP = POINTER(JweResult)

#: typedef int64_t (*jwtcore_clock_fn)(void *ctx)
CLOCK_FN = ctypes.CFUNCTYPE(ctypes.c_int64, c_void_p)
#: typedef int (*jwtcore_revocation_fn)(void *ctx, const char *jti, size_t jti_len)
REVOCATION_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p, c_size_t)

_OUT = POINTER(c_void_p)  # uint8_t **out (library-allocated, released with jwtcore_free)
_LEN = POINTER(c_size_t)  # size_t *out_len
_BUF = c_char_p  # const uint8_t * / const char * inputs: bytes are passed without a copy

# ---- common.h ---------------------------------------------------------------------------------
jwtcore_strerror = _api("jwtcore_strerror", [c_int], c_char_p, status=False)
jwtcore_last_error_message = _api("jwtcore_last_error_message", [], c_char_p)
jwtcore_free = _api("jwtcore_free", [c_void_p], None)
jwtcore_version_number = _api("jwtcore_version_number", [], c_uint32)
jwtcore_version_string = _api("jwtcore_version_string", [], c_char_p)
jwtcore_abi_version = _api("jwtcore_abi_version", [], c_uint32)

# ---- base64url.h ------------------------------------------------------------------------------
jwtcore_base64url_encode = _api("jwtcore_base64url_encode", [_OUT, _LEN, _BUF, c_size_t])
jwtcore_base64url_decode = _api("jwtcore_base64url_decode", [_OUT, _LEN, _BUF, c_size_t])

# ---- jwk.h ------------------------------------------------------------------------------------
jwtcore_key_from_jwk = _api("jwtcore_key_from_jwk", [POINTER(KeyP), _BUF, c_size_t, c_uint32])
jwtcore_key_from_pem = _api("jwtcore_key_from_pem", [POINTER(KeyP), _BUF, c_size_t, c_uint32])
jwtcore_key_from_secret = _api("jwtcore_key_from_secret", [POINTER(KeyP), _BUF, c_size_t, c_uint32])
jwtcore_key_generate = _api("jwtcore_key_generate", [POINTER(KeyP), _BUF, c_size_t, c_uint32])
jwtcore_key_with_kid = _api("jwtcore_key_with_kid", [POINTER(KeyP), KeyP, _BUF, c_size_t])
jwtcore_key_to_jwk = _api("jwtcore_key_to_jwk", [_OUT, _LEN, KeyP, c_int])
jwtcore_key_to_pem = _api("jwtcore_key_to_pem", [_OUT, _LEN, KeyP, c_int])
jwtcore_key_thumbprint = _api("jwtcore_key_thumbprint", [_OUT, _LEN, KeyP, c_uint32])
jwtcore_key_thumbprint_uri = _api("jwtcore_key_thumbprint_uri", [_OUT, _LEN, KeyP, c_uint32])
jwtcore_key_kid = _api("jwtcore_key_kid", [KeyP], c_char_p)
jwtcore_key_kty = _api("jwtcore_key_kty", [KeyP], c_char_p)
jwtcore_key_alg = _api("jwtcore_key_alg", [KeyP], c_char_p)
jwtcore_key_curve = _api("jwtcore_key_curve", [KeyP], c_char_p)
jwtcore_key_is_private = _api("jwtcore_key_is_private", [KeyP])  # 1/0, negative = error
jwtcore_key_ref = _api("jwtcore_key_ref", [KeyP], KeyP)
jwtcore_key_free = _api("jwtcore_key_free", [KeyP], None)
jwtcore_keyset_from_jwks = _api("jwtcore_keyset_from_jwks", [POINTER(KeySetP), _BUF, c_size_t, c_uint32])
jwtcore_keyset_new = _api("jwtcore_keyset_new", [POINTER(KeySetP), c_uint32])
jwtcore_keyset_add = _api("jwtcore_keyset_add", [KeySetP, KeyP])
jwtcore_keyset_count = _api("jwtcore_keyset_count", [KeySetP], c_size_t)
jwtcore_keyset_get = _api("jwtcore_keyset_get", [KeySetP, c_size_t], KeyP)
jwtcore_keyset_find = _api("jwtcore_keyset_find", [POINTER(KeyP), KeySetP, _BUF, c_size_t])
jwtcore_keyset_skipped_count = _api("jwtcore_keyset_skipped_count", [KeySetP], c_size_t)
jwtcore_keyset_skipped_reason = _api("jwtcore_keyset_skipped_reason", [KeySetP, c_size_t], c_char_p)
jwtcore_keyset_to_jwks = _api("jwtcore_keyset_to_jwks", [_OUT, _LEN, KeySetP, c_int])
jwtcore_keyset_free = _api("jwtcore_keyset_free", [KeySetP], None)

# ---- verifier.h -------------------------------------------------------------------------------
jwtcore_verifier_new = _api("jwtcore_verifier_new", [POINTER(VerifierP), c_uint32])
jwtcore_verifier_free = _api("jwtcore_verifier_free", [VerifierP], None)
jwtcore_verifier_allow_alg = _api("jwtcore_verifier_allow_alg", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_allow_enc = _api("jwtcore_verifier_allow_enc", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_allow_none = _api("jwtcore_verifier_allow_none", [VerifierP])
jwtcore_verifier_add_key = _api("jwtcore_verifier_add_key", [VerifierP, KeyP])
jwtcore_verifier_add_keyset = _api("jwtcore_verifier_add_keyset", [VerifierP, KeySetP])
jwtcore_verifier_add_decryption_key = _api("jwtcore_verifier_add_decryption_key", [VerifierP, KeyP])
jwtcore_verifier_require_typ = _api("jwtcore_verifier_require_typ", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_understand_crit = _api("jwtcore_verifier_understand_crit", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_set_max_token_size = _api("jwtcore_verifier_set_max_token_size", [VerifierP, c_size_t])
jwtcore_verifier_add_issuer = _api("jwtcore_verifier_add_issuer", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_add_audience = _api("jwtcore_verifier_add_audience", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_set_leeway = _api("jwtcore_verifier_set_leeway", [VerifierP, ctypes.c_int64])
jwtcore_verifier_require_claim = _api("jwtcore_verifier_require_claim", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_require_scope = _api("jwtcore_verifier_require_scope", [VerifierP, _BUF, c_size_t])
jwtcore_verifier_require_claim_value = _api(
    "jwtcore_verifier_require_claim_value", [VerifierP, _BUF, c_size_t, _BUF, c_size_t]
)
jwtcore_verifier_set_max_age = _api("jwtcore_verifier_set_max_age", [VerifierP, ctypes.c_int64])
jwtcore_verifier_set_max_lifetime = _api("jwtcore_verifier_set_max_lifetime", [VerifierP, ctypes.c_int64])
jwtcore_verifier_require_exp = _api("jwtcore_verifier_require_exp", [VerifierP, c_int])
jwtcore_verifier_set_clock = _api("jwtcore_verifier_set_clock", [VerifierP, CLOCK_FN, c_void_p])
jwtcore_verifier_set_revocation_check = _api(
    "jwtcore_verifier_set_revocation_check", [VerifierP, REVOCATION_FN, c_void_p]
)
jwtcore_verifier_add_issuer_key = _api("jwtcore_verifier_add_issuer_key", [VerifierP, _BUF, c_size_t, KeyP])
jwtcore_verifier_add_issuer_keyset = _api("jwtcore_verifier_add_issuer_keyset", [VerifierP, _BUF, c_size_t, KeySetP])
jwtcore_verifier_set_max_jwt_size = _api("jwtcore_verifier_set_max_jwt_size", [VerifierP, c_size_t])
jwtcore_verifier_enable_pbes2 = _api("jwtcore_verifier_enable_pbes2", [VerifierP, c_uint32])
jwtcore_verifier_enable_rsa1_5 = _api("jwtcore_verifier_enable_rsa1_5", [VerifierP])
jwtcore_verifier_freeze = _api("jwtcore_verifier_freeze", [VerifierP])

# ---- jws.h ------------------------------------------------------------------------------------
JWS_COMPACT = 0
JWS_FLATTENED = 1
JWS_GENERAL = 2
JWS_DETACHED = 1 << 2
JWS_UNENCODED = 1 << 3
JWS_ALLOW_NONE = 1 << 4
JWS_VERBATIM = 1 << 5
JWS_VERIFY_DETACHED = 1 << 0
JWS_VERIFY_COMPACT_ONLY = 1 << 1

jwtcore_jws_sign = _api("jwtcore_jws_sign", [_OUT, _LEN, _BUF, c_size_t, KeyP, _BUF, c_size_t, _BUF, c_size_t, c_uint32])
jwtcore_jws_signer_new = _api("jwtcore_jws_signer_new", [POINTER(JwsSignerP), c_uint32])
jwtcore_jws_signer_add = _api(
    "jwtcore_jws_signer_add", [JwsSignerP, KeyP, _BUF, c_size_t, _BUF, c_size_t, _BUF, c_size_t]
)
jwtcore_jws_signer_sign = _api("jwtcore_jws_signer_sign", [_OUT, _LEN, JwsSignerP, _BUF, c_size_t])
jwtcore_jws_signer_free = _api("jwtcore_jws_signer_free", [JwsSignerP], None)
jwtcore_jws_verify = _api(
    "jwtcore_jws_verify", [POINTER(JwsResultP), VerifierP, _BUF, c_size_t, _BUF, c_size_t, c_uint32]
)
jwtcore_jws_result_payload = _api("jwtcore_jws_result_payload", [JwsResultP, _OUT, _LEN])
jwtcore_jws_result_header = _api("jwtcore_jws_result_header", [JwsResultP, _OUT, _LEN])
jwtcore_jws_result_signature_index = _api("jwtcore_jws_result_signature_index", [JwsResultP])
jwtcore_jws_result_alg = _api("jwtcore_jws_result_alg", [JwsResultP], c_char_p)
jwtcore_jws_result_key = _api("jwtcore_jws_result_key", [JwsResultP], KeyP)
jwtcore_jws_result_embedded_key = _api("jwtcore_jws_result_embedded_key", [JwsResultP])
jwtcore_jws_result_free = _api("jwtcore_jws_result_free", [JwsResultP], None)

# ---- jwt.h ------------------------------------------------------------------------------------
jwtcore_jwt_verify = _api("jwtcore_jwt_verify", [POINTER(ClaimsP), VerifierP, _BUF, c_size_t])
jwtcore_claims_json = _api("jwtcore_claims_json", [ClaimsP, _OUT, _LEN])
jwtcore_claims_has = _api("jwtcore_claims_has", [ClaimsP, _BUF, c_size_t])  # 1/0, negative = error
jwtcore_claims_get_string = _api("jwtcore_claims_get_string", [ClaimsP, _BUF, c_size_t, _OUT, _LEN])
jwtcore_claims_get_int64 = _api("jwtcore_claims_get_int64", [ClaimsP, _BUF, c_size_t, POINTER(ctypes.c_int64)])
jwtcore_claims_get_double = _api("jwtcore_claims_get_double", [ClaimsP, _BUF, c_size_t, POINTER(ctypes.c_double)])
jwtcore_claims_get_bool = _api("jwtcore_claims_get_bool", [ClaimsP, _BUF, c_size_t, POINTER(c_int)])
jwtcore_claims_get_string_array_count = _api(
    "jwtcore_claims_get_string_array_count", [ClaimsP, _BUF, c_size_t, _LEN]
)
jwtcore_claims_get_string_array_at = _api(
    "jwtcore_claims_get_string_array_at", [ClaimsP, _BUF, c_size_t, c_size_t, _OUT, _LEN]
)
jwtcore_claims_get_json = _api("jwtcore_claims_get_json", [_OUT, _LEN, ClaimsP, _BUF, c_size_t])
jwtcore_claims_free = _api("jwtcore_claims_free", [ClaimsP], None)
jwtcore_jwt_builder_new = _api("jwtcore_jwt_builder_new", [POINTER(JwtBuilderP), c_uint32])
jwtcore_jwt_builder_free = _api("jwtcore_jwt_builder_free", [JwtBuilderP], None)
jwtcore_jwt_builder_set_claims_json = _api("jwtcore_jwt_builder_set_claims_json", [JwtBuilderP, _BUF, c_size_t])
jwtcore_jwt_builder_set_string = _api(
    "jwtcore_jwt_builder_set_string", [JwtBuilderP, _BUF, c_size_t, _BUF, c_size_t]
)
jwtcore_jwt_builder_set_int = _api("jwtcore_jwt_builder_set_int", [JwtBuilderP, _BUF, c_size_t, ctypes.c_int64])
jwtcore_jwt_builder_set_double = _api(
    "jwtcore_jwt_builder_set_double", [JwtBuilderP, _BUF, c_size_t, ctypes.c_double]
)
jwtcore_jwt_builder_set_bool = _api("jwtcore_jwt_builder_set_bool", [JwtBuilderP, _BUF, c_size_t, c_int])
jwtcore_jwt_builder_set_audience = _api(
    "jwtcore_jwt_builder_set_audience", [JwtBuilderP, POINTER(c_char_p), POINTER(c_size_t), c_size_t]
)
jwtcore_jwt_builder_set_json = _api("jwtcore_jwt_builder_set_json", [JwtBuilderP, _BUF, c_size_t, _BUF, c_size_t])
jwtcore_jwt_builder_set_typ = _api("jwtcore_jwt_builder_set_typ", [JwtBuilderP, _BUF, c_size_t])
jwtcore_jwt_builder_generate_jti = _api("jwtcore_jwt_builder_generate_jti", [JwtBuilderP])
jwtcore_jwt_builder_set_clock = _api("jwtcore_jwt_builder_set_clock", [JwtBuilderP, CLOCK_FN, c_void_p])
jwtcore_jwt_builder_set_issued_now = _api("jwtcore_jwt_builder_set_issued_now", [JwtBuilderP])
jwtcore_jwt_builder_set_expires_in = _api("jwtcore_jwt_builder_set_expires_in", [JwtBuilderP, ctypes.c_int64])
jwtcore_jwt_builder_set_not_before_in = _api("jwtcore_jwt_builder_set_not_before_in", [JwtBuilderP, ctypes.c_int64])
jwtcore_jwt_builder_sign = _api("jwtcore_jwt_builder_sign", [_OUT, _LEN, JwtBuilderP, KeyP, _BUF, c_size_t])
jwtcore_jwt_builder_sign_encrypt = _api(
    "jwtcore_jwt_builder_sign_encrypt",
    [_OUT, _LEN, JwtBuilderP, KeyP, _BUF, c_size_t, KeyP, _BUF, c_size_t, _BUF, c_size_t],
)

# ---- jwe.h ------------------------------------------------------------------------------------
JWE_COMPACT = 0
JWE_FLATTENED = 1
JWE_GENERAL = 2
JWE_DECRYPT_COMPACT_ONLY = 1 << 0

jwtcore_jwe_encrypt = _api(
    "jwtcore_jwe_encrypt",
    [_OUT, _LEN, _BUF, c_size_t, KeyP, _BUF, c_size_t, _BUF, c_size_t, _BUF, c_size_t, c_uint32],
)
jwtcore_jwe_encrypter_new = _api("jwtcore_jwe_encrypter_new", [POINTER(JweEncrypterP), _BUF, c_size_t, c_uint32])
jwtcore_jwe_encrypter_set_protected = _api("jwtcore_jwe_encrypter_set_protected", [JweEncrypterP, _BUF, c_size_t])
jwtcore_jwe_encrypter_set_unprotected = _api(
    "jwtcore_jwe_encrypter_set_unprotected", [JweEncrypterP, _BUF, c_size_t]
)
jwtcore_jwe_encrypter_set_aad = _api("jwtcore_jwe_encrypter_set_aad", [JweEncrypterP, _BUF, c_size_t])
jwtcore_jwe_encrypter_add_recipient = _api(
    "jwtcore_jwe_encrypter_add_recipient", [JweEncrypterP, KeyP, _BUF, c_size_t, _BUF, c_size_t]
)
jwtcore_jwe_encrypter_encrypt = _api("jwtcore_jwe_encrypter_encrypt", [_OUT, _LEN, JweEncrypterP, _BUF, c_size_t])
jwtcore_jwe_encrypter_free = _api("jwtcore_jwe_encrypter_free", [JweEncrypterP], None)
jwtcore_jwe_decrypt = _api("jwtcore_jwe_decrypt", [POINTER(JweResultP), VerifierP, _BUF, c_size_t, c_uint32])
jwtcore_jwe_result_plaintext = _api("jwtcore_jwe_result_plaintext", [JweResultP, _OUT, _LEN])
jwtcore_jwe_result_header = _api("jwtcore_jwe_result_header", [JweResultP, _OUT, _LEN])
jwtcore_jwe_result_recipient_index = _api("jwtcore_jwe_result_recipient_index", [JweResultP])
jwtcore_jwe_result_alg = _api("jwtcore_jwe_result_alg", [JweResultP], c_char_p)
jwtcore_jwe_result_enc = _api("jwtcore_jwe_result_enc", [JweResultP], c_char_p)
jwtcore_jwe_result_key = _api("jwtcore_jwe_result_key", [JweResultP], KeyP)
jwtcore_jwe_result_free = _api("jwtcore_jwe_result_free", [JweResultP], None)


# ---- helpers ----------------------------------------------------------------------------------

def take_bytes(out: c_void_p, out_len: c_size_t) -> bytes:
    """Copies a library-allocated output into Python bytes, then releases (and so zeroes) it.
    The Python copy cannot be zeroed: bytes are immutable and the allocator may move them."""
    try:
        return ctypes.string_at(out.value, out_len.value) if out.value else b""
    finally:
        jwtcore_free(out)


def call_bytes(fn: Callable[..., int], *args: Any) -> bytes:
    """Calls ``fn(&out, &out_len, *args)`` and returns the output as bytes."""
    out = c_void_p()
    n = c_size_t()
    fn(ctypes.byref(out), ctypes.byref(n), *args)
    return take_bytes(out, n)


def _check_abi() -> None:
    abi = jwtcore_abi_version()
    if abi != ABI_VERSION:
        raise LibraryNotFound(
            f"{library_path} has ABI generation {abi}; this binding needs {ABI_VERSION}"
        )


_check_abi()
