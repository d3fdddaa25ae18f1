package jwtcore

/*
#include "gojwtcore.h"

#cgo noescape gojwtcore_jwe_decrypt
#cgo nocallback gojwtcore_jwe_decrypt
#cgo noescape jwtcore_jwe_result_free
#cgo nocallback jwtcore_jwe_result_free
#cgo noescape jwtcore_jwe_encrypt
#cgo nocallback jwtcore_jwe_encrypt
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"runtime"
	"unsafe"
)

// EncryptOption changes how Encrypt and EncryptMulti encrypt.
type EncryptOption func(*encryptConfig)

type encryptConfig struct {
	flags       C.uint32_t
	protected   []byte
	unprotected []byte
	aad         []byte
	hasAAD      bool
	err         error
}

func marshalHeader(members map[string]any, what string) ([]byte, error) {
	b, err := json.Marshal(members)
	if err != nil {
		return nil, &Error{Code: CodeInvalidArgument, Message: what + " members do not marshal to JSON: " + err.Error()}
	}
	return b, nil
}

// WithProtectedHeader adds protected header members, e.g. {"cty": "JWT"} for a nested JWT. They
// may not set alg, enc, crit, epk, iv, tag, p2s, p2c or zip. The key's kid goes into the header
// unless a kid is given here.
func WithProtectedHeader(members map[string]any) EncryptOption {
	return func(c *encryptConfig) { c.protected, c.err = marshalHeader(members, "protected header") }
}

// WithSharedUnprotectedHeader sets the shared unprotected header (JSON serializations,
// EncryptMulti only).
func WithSharedUnprotectedHeader(members map[string]any) EncryptOption {
	return func(c *encryptConfig) { c.unprotected, c.err = marshalHeader(members, "unprotected header") }
}

// WithAAD sets the JWE AAD (RFC 7516 §5.1; JSON serializations, EncryptMulti only).
func WithAAD(aad []byte) EncryptOption {
	return func(c *encryptConfig) { c.aad, c.hasAAD = bytes.Clone(aad), true }
}

// WithJWESerialization selects the output form (default Compact for Encrypt, General for
// EncryptMulti).
func WithJWESerialization(s Serialization) EncryptOption {
	return func(c *encryptConfig) { c.flags = C.uint32_t(s) }
}

// Encrypt encrypts plaintext to key with key management alg ("RSA-OAEP-256", "ECDH-ES+A256KW",
// "A256KW", "dir", "PBES2-HS256+A128KW", …) and content encryption enc ("A256GCM",
// "A128CBC-HS256", …). The key must permit alg (ErrKeyMismatch, ErrKeyUsage, ErrKeyWeak); RSA1_5
// is refused. The result is the compact serialization unless WithJWESerialization says otherwise.
func Encrypt(plaintext []byte, key *Key, alg, enc string, opts ...EncryptOption) (string, error) {
	var c encryptConfig
	for _, o := range opts {
		o(&c)
	}
	if c.err != nil {
		return "", c.err
	}
	if len(c.unprotected) != 0 || c.hasAAD || Serialization(c.flags) == General {
		return EncryptMulti(plaintext, enc, []Recipient{{Key: key, Algorithm: alg}}, opts...)
	}
	if err := key.open(); err != nil {
		return "", err
	}
	var out *C.uint8_t
	var outLen C.size_t
	pp, pn := cBytes(plaintext)
	ap, an := cString(alg)
	ep, en := cString(enc)
	hp, hn := cText(c.protected)
	err := call(func() C.int {
		return C.jwtcore_jwe_encrypt(&out, &outLen, pp, pn, key.handle(), ap, an, ep, en, hp, hn, c.flags)
	})
	runtime.KeepAlive(key)
	if err != nil {
		return "", err
	}
	return takeString(out, outLen), nil
}

// Recipient is one recipient of a JWE.
type Recipient struct {
	Key       *Key
	Algorithm string // key management: "RSA-OAEP-256", "ECDH-ES+A128KW", "A256KW", …
	Header    []byte // per-recipient unprotected header members, a JSON object (optional)
}

// EncryptMulti encrypts plaintext once, with one content key, to every recipient, and returns the
// general JSON serialization (or flattened / compact for a single recipient, with
// WithJWESerialization). "dir" and "ECDH-ES" must be the only recipient.
func EncryptMulti(plaintext []byte, enc string, recipients []Recipient, opts ...EncryptOption) (string, error) {
	c := encryptConfig{flags: C.JWTCORE_JWE_GENERAL}
	for _, o := range opts {
		o(&c)
	}
	if c.err != nil {
		return "", c.err
	}
	if len(recipients) == 0 {
		return "", &Error{Code: CodeInvalidArgument, Message: "EncryptMulti needs at least one recipient"}
	}
	spec := C.gojwtcore_jwe_spec{
		enc_len: C.size_t(len(enc)), protected_len: C.size_t(len(c.protected)),
		unprotected_len: C.size_t(len(c.unprotected)), aad_len: C.size_t(len(c.aad)), flags: c.flags,
	}
	if c.hasAAD {
		spec.has_aad = 1
	}
	text := append(append(append([]byte(enc), c.protected...), c.unprotected...), c.aad...)
	keys := make([]*C.jwtcore_key, len(recipients))
	lens := make([]C.size_t, 0, 2*len(recipients))
	for i, r := range recipients {
		if err := r.Key.open(); err != nil {
			return "", err
		}
		keys[i] = r.Key.handle()
		text = append(append(text, r.Algorithm...), r.Header...)
		lens = append(lens, C.size_t(len(r.Algorithm)), C.size_t(len(r.Header)))
	}
	var out *C.uint8_t
	var outLen C.size_t
	var e *C.jwtcore_jwe_encrypter
	tp, _ := cText(text)
	pp, pn := cBytes(plaintext)
	err := call(func() C.int {
		return C.gojwtcore_jwe_encrypt_multi(&out, &outLen, &e, &spec, tp,
			(**C.jwtcore_key)(unsafe.Pointer(unsafe.SliceData(keys))), (*C.size_t)(unsafe.SliceData(lens)),
			C.size_t(len(recipients)), pp, pn)
	})
	C.jwtcore_jwe_encrypter_free(e)
	runtime.KeepAlive(recipients)
	if err != nil {
		return "", err
	}
	return takeString(out, outLen), nil
}

// JWE is a decrypted JWE.
type JWE struct {
	Plaintext      []byte
	Header         []byte // the protected header JSON ("" when the JWE has none), e.g. for "cty"
	Algorithm      string // the key management used
	Encryption     string // the content encryption used
	KeyID          string // the kid of the key that decrypted ("" if it has none)
	RecipientIndex int    // which recipient was decrypted (0 for compact and flattened)
}

// DecryptOption changes how Decrypt reads its input.
type DecryptOption func(*decryptConfig)

type decryptConfig struct{ flags C.uint32_t }

// DecryptCompactOnly refuses the JSON serializations.
func DecryptCompactOnly() DecryptOption {
	return func(c *decryptConfig) { c.flags |= C.JWTCORE_JWE_DECRYPT_COMPACT_ONLY }
}

// Decrypt decrypts a JWE under the verifier's decryption policy (WithAlgorithms for the key
// management, WithEncryptions, WithDecryptionKeys, WithPBES2, WithRSA1_5). Every cryptographic
// failure is ErrDecrypt with one message (no oracle); policy and format problems have their own
// sentinels (ErrAlgorithmNotAllowed, ErrEncryptionNotAllowed, ErrZipUnsupported,
// ErrLimitIterations, ErrKeyNotFound, ErrMalformed, …). No plaintext is returned with an error.
func (v *Verifier) Decrypt(jwe string, opts ...DecryptOption) (*JWE, error) {
	var c decryptConfig
	for _, o := range opts {
		o(&c)
	}
	var r *C.jwtcore_jwe_result
	var view C.gojwtcore_jwe_view
	tp, tn := cString(jwe)
	err := call(func() C.int { return C.gojwtcore_jwe_decrypt(&r, &view, v.handle(), tp, tn, c.flags) })
	runtime.KeepAlive(v)
	if err != nil {
		return nil, err
	}
	out := &JWE{
		Plaintext:      bytes.Clone(unsafe.Slice((*byte)(unsafe.Pointer(view.plaintext)), int(view.plaintext_len))),
		Header:         bytes.Clone(unsafe.Slice((*byte)(unsafe.Pointer(view.header)), int(view.header_len))),
		Algorithm:      goString(view.alg),
		Encryption:     goString(view.enc),
		KeyID:          goString(view.kid),
		RecipientIndex: int(view.recipient_index),
	}
	C.jwtcore_jwe_result_free(r)
	return out, nil
}

// WithPBES2 enables PBES2 key management for decryption (off by default: the sender chooses the
// decrypter's work). maxIterations caps the token's "p2c": 0 gives the default cap of 10000,
// otherwise 1000 … 1000000. Tokens outside 1000 … cap fail with ErrLimitIterations before any
// PBKDF2 work. The PBES2 algorithms must also be named in WithAlgorithms.
func WithPBES2(maxIterations uint32) VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.int { return C.jwtcore_verifier_enable_pbes2(v.h, C.uint32_t(maxIterations)) })
	}
}

// WithRSA1_5 enables RSA1_5 key management for decryption (off by default: RSAES-PKCS1-v1_5
// invites Bleichenbacher-style attacks, RFC 8725 §3.2). RSA1_5 must also be named in
// WithAlgorithms; a key bound to RSA-OAEP* never decrypts it.
func WithRSA1_5() VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.int { return C.jwtcore_verifier_enable_rsa1_5(v.h) })
	}
}
