package jwtcore

/*
#include "gojwtcore.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"runtime"
	"unsafe"
)

// Serialization is the form of a signed or encrypted output.
type Serialization uint32

// Serializations (RFC 7515 §7, RFC 7516 §7).
const (
	Compact   Serialization = C.JWTCORE_JWS_COMPACT   // header.payload.signature
	Flattened Serialization = C.JWTCORE_JWS_FLATTENED // flattened JSON serialization
	General   Serialization = C.JWTCORE_JWS_GENERAL   // general JSON serialization
)

// SignOption changes how SignJWS, SignJWSMulti and SignJWT sign.
type SignOption func(*signConfig)

type signConfig struct {
	flags  C.uint32_t
	header []byte // extra protected header members (JSON object), or the whole header (verbatim)
	err    error
}

func newSignConfig(opts []SignOption) signConfig {
	var c signConfig
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithHeader adds protected header members (e.g. {"typ": "at+jwt"} or {"kid": "k1"}); it may
// not set alg, b64 or crit. The key's kid is put in the header unless a kid is given here.
func WithHeader(members map[string]any) SignOption {
	return func(c *signConfig) {
		b, err := json.Marshal(members)
		if err != nil {
			c.err = &Error{Code: CodeInvalidArgument, Message: "header members do not marshal to JSON: " + err.Error()}
			return
		}
		c.header = b
	}
}

// WithHeaderJSON adds protected header members given as a JSON object text.
func WithHeaderJSON(object []byte) SignOption {
	return func(c *signConfig) { c.header = bytes.Clone(object) }
}

// WithVerbatimHeader makes header the whole protected header, byte for byte (alg included),
// to reproduce published examples. SignJWS only.
func WithVerbatimHeader(header []byte) SignOption {
	return func(c *signConfig) {
		c.header = bytes.Clone(header)
		c.flags |= C.JWTCORE_JWS_VERBATIM
	}
}

// WithSerialization selects the output form (default Compact for SignJWS, General for
// SignJWSMulti).
func WithSerialization(s Serialization) SignOption {
	return func(c *signConfig) { c.flags = c.flags&^3 | C.uint32_t(s) }
}

// Detached leaves the payload out of the output (RFC 7515 Appendix F); the verifier is given it
// with DetachedPayload.
func Detached() SignOption {
	return func(c *signConfig) { c.flags |= C.JWTCORE_JWS_DETACHED }
}

// Unencoded signs the payload as it is, with "b64": false and "crit": ["b64"] (RFC 7797).
func Unencoded() SignOption {
	return func(c *signConfig) { c.flags |= C.JWTCORE_JWS_UNENCODED }
}

// AllowUnsecured is required to produce an unsecured JWS (alg "none", no key).
func AllowUnsecured() SignOption {
	return func(c *signConfig) { c.flags |= C.JWTCORE_JWS_ALLOW_NONE }
}

// SignJWS signs payload with key using alg ("ES256", …); the key must permit alg (its type,
// curve, and own alg/use/key_ops), else ErrKeyMismatch, ErrKeyUsage or ErrKeyNotPrivate. The
// result is the compact serialization unless WithSerialization says otherwise.
func SignJWS(payload []byte, key *Key, alg string, opts ...SignOption) (string, error) {
	c := newSignConfig(opts)
	if c.err != nil {
		return "", c.err
	}
	if c.flags&3 == C.JWTCORE_JWS_GENERAL && c.flags&C.JWTCORE_JWS_VERBATIM == 0 {
		header := c.header
		c.header = nil
		return SignJWSMulti(payload, []Signature{{Key: key, Algorithm: alg, Protected: header}}, func(sc *signConfig) { *sc = c })
	}
	return signJWS(payload, key, alg, c.header, c.flags)
}

func signJWS(payload []byte, key *Key, alg string, header []byte, flags C.uint32_t) (string, error) {
	if err := key.open(); err != nil {
		return "", err
	}
	var out *C.uint8_t
	var outLen C.size_t
	pp, pn := cBytes(payload)
	ap, an := cString(alg)
	hp, hn := cText(header)
	err := call(func() C.int {
		return C.jwtcore_jws_sign(&out, &outLen, pp, pn, key.handle(), ap, an, hp, hn, flags)
	})
	runtime.KeepAlive(key)
	if err != nil {
		return "", err
	}
	return takeString(out, outLen), nil
}

// Signature is one signature of a multi-signature JWS.
type Signature struct {
	Key         *Key   // nil only with alg "none"
	Algorithm   string // "RS256", …
	Protected   []byte // extra protected header members, a JSON object (optional)
	Unprotected []byte // unprotected header members, a JSON object (optional; JSON forms only)
}

// SignJWSMulti signs payload once per signature and returns the general JSON serialization (or
// the flattened one, for a single signature, with WithSerialization(Flattened)). Unprotected
// headers are only possible here.
func SignJWSMulti(payload []byte, sigs []Signature, opts ...SignOption) (string, error) {
	c := newSignConfig(opts)
	if c.err != nil {
		return "", c.err
	}
	if c.flags&3 == C.JWTCORE_JWS_COMPACT {
		c.flags |= C.JWTCORE_JWS_GENERAL
	}
	if len(c.header) != 0 || c.flags&C.JWTCORE_JWS_VERBATIM != 0 {
		return "", &Error{Code: CodeInvalidArgument, Message: "SignJWSMulti takes headers per Signature"}
	}
	if len(sigs) == 0 {
		return "", &Error{Code: CodeInvalidArgument, Message: "SignJWSMulti needs at least one signature"}
	}
	// One text block and one length table, so that the helper gets every header in one crossing
	// and no Go memory holding Go pointers is passed to C.
	keys := make([]*C.jwtcore_key, len(sigs))
	lens := make([]C.size_t, 0, 3*len(sigs))
	var text []byte
	for i, s := range sigs {
		if err := s.Key.open(); err != nil {
			return "", err
		}
		keys[i] = s.Key.handle()
		text = append(append(append(text, s.Algorithm...), s.Protected...), s.Unprotected...)
		lens = append(lens, C.size_t(len(s.Algorithm)), C.size_t(len(s.Protected)), C.size_t(len(s.Unprotected)))
	}
	var out *C.uint8_t
	var outLen C.size_t
	var signer *C.jwtcore_jws_signer
	pp, pn := cBytes(payload)
	tp, _ := cText(text)
	err := call(func() C.int {
		return C.gojwtcore_jws_sign_multi(&out, &outLen, &signer, c.flags, pp, pn,
			(**C.jwtcore_key)(unsafe.Pointer(unsafe.SliceData(keys))), tp,
			(*C.size_t)(unsafe.SliceData(lens)), C.size_t(len(sigs)))
	})
	C.jwtcore_jws_signer_free(signer)
	runtime.KeepAlive(sigs)
	if err != nil {
		return "", err
	}
	return takeString(out, outLen), nil
}

// JWS is a verified JWS.
type JWS struct {
	Payload        []byte // the verified payload (for detached content: the content given)
	Header         []byte // the protected header JSON of the signature that verified
	Algorithm      string // the algorithm that verified
	KeyID          string // the kid of the key that verified ("" if it has none, or for "none")
	SignatureIndex int    // which signature verified (0 for compact and flattened)
	EmbeddedKey    bool   // the header carried jwk, jku, x5u or x5c: reported, never used
}

// VerifyOption changes how VerifyJWS reads its input.
type VerifyOption func(*verifyConfig)

type verifyConfig struct {
	flags    C.uint32_t
	detached []byte
}

// DetachedPayload gives the content of a JWS with detached content (RFC 7515 Appendix F,
// RFC 7797 §5): the token's payload part must be empty.
func DetachedPayload(content []byte) VerifyOption {
	return func(c *verifyConfig) {
		c.flags |= C.JWTCORE_JWS_VERIFY_DETACHED
		c.detached = content
	}
}

// CompactOnly refuses the JSON serializations.
func CompactOnly() VerifyOption {
	return func(c *verifyConfig) { c.flags |= C.JWTCORE_JWS_VERIFY_COMPACT_ONLY }
}

// VerifyJWS verifies a JWS (compact, or a JSON serialization unless CompactOnly) under the
// verifier's policy: the alg must be allowed, a configured key must permit it, "crit" must be
// understood, and keys embedded in the token are never used. Any failure is an error
// (ErrInvalidSignature, ErrAlgorithmNotAllowed, ErrKeyNotFound, ErrKeyMismatch, ErrCritUnknown,
// ErrMalformed, …) and no payload is returned with it.
func (v *Verifier) VerifyJWS(token string, opts ...VerifyOption) (*JWS, error) {
	var c verifyConfig
	for _, o := range opts {
		o(&c)
	}
	var r *C.jwtcore_jws_result
	var view C.gojwtcore_jws_view
	tp, tn := cString(token)
	dp, dn := cBytes(c.detached)
	err := call(func() C.int {
		return C.gojwtcore_jws_verify(&r, &view, v.handle(), tp, tn, dp, dn, c.flags)
	})
	runtime.KeepAlive(v)
	if err != nil {
		return nil, err
	}
	out := &JWS{
		Payload:        bytes.Clone(unsafe.Slice((*byte)(unsafe.Pointer(view.payload)), int(view.payload_len))),
		Header:         bytes.Clone(unsafe.Slice((*byte)(unsafe.Pointer(view.header)), int(view.header_len))),
		Algorithm:      goString(view.alg),
		KeyID:          goString(view.kid),
		SignatureIndex: int(view.signature_index),
		EmbeddedKey:    view.embedded_key != 0,
	}
	C.jwtcore_jws_result_free(r)
	return out, nil
}
