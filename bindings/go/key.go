package jwtcore

/*
#include "gojwtcore.h"
*/
import "C"

import (
	"runtime"
)

// Key is an immutable JOSE key (a jwtcore_key handle): an HMAC/AES secret, or an RSA, EC or OKP
// public or private key, with its JWK metadata (kid, alg, use, key_ops), which every operation
// enforces. A Key may be used by any number of goroutines at once.
//
// Close releases the handle; a finalizer does it for keys that are dropped without Close, but
// private keys should be closed as soon as they are no longer needed, so that their material
// (held in guarded memory by the library) is wiped. Close must not run concurrently with another
// use of the same Key. Verifiers and key sets take their own reference: a Key added to one may be
// closed right away.
type Key struct {
	h *C.jwtcore_key
}

func newKey(h *C.jwtcore_key) *Key {
	k := &Key{h: h}
	runtime.SetFinalizer(k, (*Key).Close)
	return k
}

// Close releases the key's handle. It is idempotent and always returns nil.
func (k *Key) Close() error {
	if k == nil || k.h == nil {
		return nil
	}
	C.jwtcore_key_free(k.h)
	k.h = nil
	runtime.SetFinalizer(k, nil)
	return nil
}

// handle is the C handle, NULL for a nil or closed key (the library then reports
// ErrInvalidHandle, never crashes).
func (k *Key) handle() *C.jwtcore_key {
	if k == nil {
		return nil
	}
	return k.h
}

// open reports a closed key as ErrInvalidHandle before it reaches C, where it would read as "no
// key" (NULL). A nil *Key is "no key", as with alg "none".
func (k *Key) open() error {
	if k != nil && k.h == nil {
		return &Error{Code: CodeInvalidHandle, Message: "the key is closed"}
	}
	return nil
}

// KeyOption changes how a key is imported.
type KeyOption uint32

// AllowRSA1024 accepts RSA moduli from 1024 bits (the default minimum is 2048, RFC 7518 §3.3).
// For verifying legacy tokens only.
const AllowRSA1024 KeyOption = C.JWTCORE_KEY_ALLOW_RSA_1024

func keyFlags(opts []KeyOption) C.uint32_t {
	var f C.uint32_t
	for _, o := range opts {
		f |= C.uint32_t(o)
	}
	return f
}

// ParseJWK imports one JSON Web Key (RFC 7517). Every member is validated; errors name the
// member (ErrJSON, ErrJSONDuplicate, ErrBase64, ErrInvalidKey and its members ErrKeyWeak,
// ErrKeyUnsupported, ErrKeyMismatch, ErrPointInvalid, ErrUnknownAlgorithm).
func ParseJWK(jwk []byte, opts ...KeyOption) (*Key, error) {
	var h *C.jwtcore_key
	p, n := cText(jwk)
	err := call(func() C.int { return C.jwtcore_key_from_jwk(&h, p, n, keyFlags(opts)) })
	if err != nil {
		return nil, err
	}
	return newKey(h), nil
}

// ParsePEM imports a key from PEM text or DER: SubjectPublicKeyInfo, PKCS#1, PKCS#8 or SEC1, for
// RSA, EC (P-256, P-384, P-521, secp256k1), Ed25519 and X25519. The key has no kid, alg, use or
// key_ops.
func ParsePEM(pemOrDER []byte, opts ...KeyOption) (*Key, error) {
	var h *C.jwtcore_key
	p, n := cBytes(pemOrDER)
	err := call(func() C.int { return C.jwtcore_key_from_pem(&h, p, n, keyFlags(opts)) })
	if err != nil {
		return nil, err
	}
	return newKey(h), nil
}

// NewSecretKey makes an oct key (HMAC key, AES key or PBES2 password) from raw bytes, which are
// copied into guarded memory: the caller may wipe its copy afterwards.
func NewSecretKey(secret []byte) (*Key, error) {
	var h *C.jwtcore_key
	p, n := cBytes(secret)
	err := call(func() C.int { return C.jwtcore_key_from_secret(&h, p, n, 0) })
	if err != nil {
		return nil, err
	}
	return newKey(h), nil
}

// GenerateKey makes a new random key for spec: a JWS algorithm ("HS256", "RS256", "RS256:3072",
// "PS256", "ES256", "ES256K", "EdDSA", …), a JWE algorithm ("A128KW", "RSA-OAEP-256",
// "ECDH-ES+A128KW", "ECDH-ES+A128KW:X25519", …), a content encryption ("A256GCM", for "dir") or a
// curve ("P-256", "Ed25519", "X25519", …). Keys made for an algorithm carry it as their alg.
func GenerateKey(spec string) (*Key, error) {
	var h *C.jwtcore_key
	p, n := cString(spec)
	err := call(func() C.int { return C.jwtcore_key_generate(&h, p, n, 0) })
	if err != nil {
		return nil, err
	}
	return newKey(h), nil
}

// WithKid returns a new key with the same material and metadata, carrying kid.
func (k *Key) WithKid(kid string) (*Key, error) {
	var h *C.jwtcore_key
	p, n := cString(kid)
	err := call(func() C.int { return C.jwtcore_key_with_kid(&h, k.handle(), p, n) })
	runtime.KeepAlive(k)
	if err != nil {
		return nil, err
	}
	return newKey(h), nil
}

// output runs a libjwtcore export function writing (out, out_len) and copies the result.
func (k *Key) output(fn func(out **C.uint8_t, outLen *C.size_t, h *C.jwtcore_key) C.int) ([]byte, error) {
	var out *C.uint8_t
	var outLen C.size_t
	err := call(func() C.int { return fn(&out, &outLen, k.handle()) })
	runtime.KeepAlive(k)
	if err != nil {
		return nil, err
	}
	return takeBytes(out, outLen), nil
}

func cBool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// JWK exports the key as JWK JSON: the public members, the private ones too if private is true
// (required for oct keys, which are all secret), then kid, alg, use and key_ops.
func (k *Key) JWK(private bool) ([]byte, error) {
	return k.output(func(out **C.uint8_t, n *C.size_t, h *C.jwtcore_key) C.int {
		return C.jwtcore_key_to_jwk(out, n, h, cBool(private))
	})
}

// PEM exports the key as PEM: PKCS#8 "PRIVATE KEY" if private is true and the key has a private
// part, else "PUBLIC KEY". oct keys have no PEM form (ErrNotSupported).
func (k *Key) PEM(private bool) ([]byte, error) {
	return k.output(func(out **C.uint8_t, n *C.size_t, h *C.jwtcore_key) C.int {
		return C.jwtcore_key_to_pem(out, n, h, cBool(private))
	})
}

// Hash selects the digest of a JWK thumbprint.
type Hash uint32

// Thumbprint digests.
const (
	SHA256 Hash = C.JWTCORE_HASH_SHA256
	SHA384 Hash = C.JWTCORE_HASH_SHA384
	SHA512 Hash = C.JWTCORE_HASH_SHA512
)

// Thumbprint is the RFC 7638 JWK thumbprint (SHA-256, base64url).
func (k *Key) Thumbprint() (string, error) { return k.ThumbprintHash(SHA256) }

// ThumbprintHash is the RFC 7638 JWK thumbprint with another digest.
func (k *Key) ThumbprintHash(h Hash) (string, error) {
	b, err := k.output(func(out **C.uint8_t, n *C.size_t, kh *C.jwtcore_key) C.int {
		return C.jwtcore_key_thumbprint(out, n, kh, C.uint32_t(h))
	})
	return string(b), err
}

// ThumbprintURI is the RFC 9278 thumbprint URI
// ("urn:ietf:params:oauth:jwk-thumbprint:sha-256:…").
func (k *Key) ThumbprintURI(h Hash) (string, error) {
	b, err := k.output(func(out **C.uint8_t, n *C.size_t, kh *C.jwtcore_key) C.int {
		return C.jwtcore_key_thumbprint_uri(out, n, kh, C.uint32_t(h))
	})
	return string(b), err
}

// Kid is the key's kid ("" if it has none).
func (k *Key) Kid() string {
	s := goString(C.jwtcore_key_kid(k.handle()))
	runtime.KeepAlive(k)
	return s
}

// Type is the key type: "oct", "RSA", "EC" or "OKP" ("" for a closed key).
func (k *Key) Type() string {
	s := goString(C.jwtcore_key_kty(k.handle()))
	runtime.KeepAlive(k)
	return s
}

// Algorithm is the key's own alg ("" if it has none).
func (k *Key) Algorithm() string {
	s := goString(C.jwtcore_key_alg(k.handle()))
	runtime.KeepAlive(k)
	return s
}

// Curve is the curve of an EC or OKP key ("P-256", "Ed25519", …), "" for oct and RSA keys.
func (k *Key) Curve() string {
	s := goString(C.jwtcore_key_curve(k.handle()))
	runtime.KeepAlive(k)
	return s
}

// IsPrivate reports whether the key has private material (every oct key has).
func (k *Key) IsPrivate() (bool, error) {
	var r C.int
	err := call(func() C.int {
		r = C.jwtcore_key_is_private(k.handle())
		if r < 0 {
			return r
		}
		return C.JWTCORE_OK
	})
	runtime.KeepAlive(k)
	return r == 1, err
}
