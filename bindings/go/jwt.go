package jwtcore

/*
#include "gojwtcore.h"

#cgo noescape gojwtcore_jwt_sign
#cgo nocallback gojwtcore_jwt_sign
#cgo noescape jwtcore_claims_free
#cgo nocallback jwtcore_claims_free
#cgo noescape jwtcore_jwt_builder_free
#cgo nocallback jwtcore_jwt_builder_free
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// Verify verifies a compact JWT: its size, its signature under the verifier's algorithms and
// keys, the "typ" and "crit" rules, then its claims — exp, nbf and iat (JSON numbers only, with
// the leeway), issuer, audience, required claims, scopes, exact values, age, lifetime and
// revocation. Every failure is an error with its own sentinel (ErrExpired, ErrNotYetValid,
// ErrIssuer, ErrAudience, ErrInvalidSignature, ErrAlgorithmNotAllowed, …); no claims are
// returned with it. Safe for concurrent use: one cgo call per token.
//
// Verify does not take a nocallback annotation: WithClock and WithRevocationCheck call back into
// Go from inside it.
func (v *Verifier) Verify(token string) (*Claims, error) {
	var c *C.jwtcore_claims
	var text *C.char
	var textLen C.size_t
	tp, tn := cString(token)
	err := call(func() C.int { return C.gojwtcore_jwt_verify(&c, &text, &textLen, v.handle(), tp, tn) })
	runtime.KeepAlive(v)
	if err != nil {
		return nil, err
	}
	raw := bytes.Clone(unsafe.Slice((*byte)(unsafe.Pointer(text)), int(textLen)))
	C.jwtcore_claims_free(c)
	return &Claims{raw: raw}, nil
}

// Claims is the verified claims set of a JWT: the JSON text the token carried, decoded on first
// use. Safe for concurrent reads.
type Claims struct {
	raw     []byte
	once    sync.Once
	members map[string]json.RawMessage
	err     error
}

// JSON is the claims set as the token carried it.
func (c *Claims) JSON() []byte { return c.raw }

// Unmarshal decodes the claims set into v, as json.Unmarshal does.
func (c *Claims) Unmarshal(v any) error { return json.Unmarshal(c.raw, v) }

func (c *Claims) member(name string) (json.RawMessage, bool) {
	c.once.Do(func() { c.err = json.Unmarshal(c.raw, &c.members) })
	if c.err != nil {
		return nil, false
	}
	m, ok := c.members[name]
	if !ok || string(m) == "null" {
		return nil, false
	}
	return m, true
}

// Get decodes claim name into v (as json.Unmarshal); false if the claim is absent, null or of
// another type.
func (c *Claims) Get(name string, v any) bool {
	m, ok := c.member(name)
	return ok && json.Unmarshal(m, v) == nil
}

// Has reports whether claim name is present and not null.
func (c *Claims) Has(name string) bool {
	_, ok := c.member(name)
	return ok
}

// String is a string claim ("" if absent or not a string).
func (c *Claims) String(name string) string {
	var s string
	c.Get(name, &s)
	return s
}

// Issuer is "iss".
func (c *Claims) Issuer() string { return c.String("iss") }

// Subject is "sub".
func (c *Claims) Subject() string { return c.String("sub") }

// ID is "jti".
func (c *Claims) ID() string { return c.String("jti") }

// Audience is "aud", a string or an array of strings (RFC 7519 §4.1.3), as a slice.
func (c *Claims) Audience() []string {
	var one string
	if c.Get("aud", &one) {
		return []string{one}
	}
	var many []string
	c.Get("aud", &many)
	return many
}

// Scopes are the granted scopes: "scope" (space-separated) or "scp" (an array, or a
// space-separated string).
func (c *Claims) Scopes() []string {
	var s string
	if c.Get("scope", &s) || c.Get("scp", &s) {
		return strings.Fields(s)
	}
	var many []string
	c.Get("scp", &many)
	return many
}

// Time is a NumericDate claim (RFC 7519 §2; fractions kept); false if absent or not a number.
func (c *Claims) Time(name string) (time.Time, bool) {
	var f float64
	if !c.Get(name, &f) {
		return time.Time{}, false
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)), true
}

// ExpiresAt is "exp".
func (c *Claims) ExpiresAt() (time.Time, bool) { return c.Time("exp") }

// NotBefore is "nbf".
func (c *Claims) NotBefore() (time.Time, bool) { return c.Time("nbf") }

// IssuedAt is "iat".
func (c *Claims) IssuedAt() (time.Time, bool) { return c.Time("iat") }

// JWTOption changes how SignJWT issues a token.
type JWTOption func(*jwtConfig)

type jwtConfig struct {
	spec           C.gojwtcore_jwt_spec
	typ            string
	encKey         *Key
	keyAlg, encAlg string
}

// WithTyp sets the header "typ": "JWT" by default, "at+jwt" for RFC 9068 access tokens, "" for
// none.
func WithTyp(typ string) JWTOption {
	return func(c *jwtConfig) {
		c.typ = typ
		c.spec.set_typ = 1
	}
}

// WithEncryption makes a nested JWT (RFC 7519 §5.2, sign-then-encrypt): the signed token is
// encrypted as a compact JWE to key with key management keyAlg ("RSA-OAEP-256", "ECDH-ES+A256KW",
// "A256KW", "dir", …) and content encryption enc ("A256GCM", …); the JWE header carries
// "cty":"JWT". Verify accepts it when the verifier allows keyAlg (WithAlgorithms) and enc
// (WithEncryptions) and holds the decryption key (WithDecryptionKeys).
func WithEncryption(key *Key, keyAlg, enc string) JWTOption {
	return func(c *jwtConfig) { c.encKey, c.keyAlg, c.encAlg = key, keyAlg, enc }
}

// WithGeneratedID sets "jti" to 128 random bits.
func WithGeneratedID() JWTOption { return func(c *jwtConfig) { c.spec.generate_jti = 1 } }

// WithIssuedNow sets "iat" to the current time.
func WithIssuedNow() JWTOption { return func(c *jwtConfig) { c.spec.issued_now = 1 } }

// WithExpiresIn sets "exp" to now + d (whole seconds).
func WithExpiresIn(d time.Duration) JWTOption {
	return func(c *jwtConfig) {
		c.spec.set_expires_in = 1
		c.spec.expires_in = C.int64_t(d / time.Second)
	}
}

// WithNotBeforeIn sets "nbf" to now + d (whole seconds).
func WithNotBeforeIn(d time.Duration) JWTOption {
	return func(c *jwtConfig) {
		c.spec.set_not_before_in = 1
		c.spec.not_before_in = C.int64_t(d / time.Second)
	}
}

// claimsJSON is the claims set as JSON text: []byte, json.RawMessage and string are taken as
// JSON text as they are; anything else goes through json.Marshal (use Unix seconds, not
// time.Time, for exp/nbf/iat: RFC 7519 NumericDate is a number).
func claimsJSON(claims any) ([]byte, error) {
	switch c := claims.(type) {
	case []byte:
		return c, nil
	case json.RawMessage:
		return c, nil
	case string:
		return []byte(c), nil
	}
	b, err := json.Marshal(claims)
	if err != nil {
		return nil, &Error{Code: CodeInvalidArgument, Message: "claims do not marshal to JSON: " + err.Error()}
	}
	return b, nil
}

// SignJWT issues a compact JWT with claims (a JSON object: a map, a struct, or JSON text) signed
// by key with alg ("HS256", "RS256", "ES256", "EdDSA", …). The header holds alg, typ ("JWT"
// unless WithTyp) and the key's kid. Registered claims must have their RFC 7519 types
// (ErrClaimType); the key must permit alg (ErrKeyMismatch, ErrKeyUsage, ErrKeyNotPrivate); "none"
// is refused.
func SignJWT(claims any, key *Key, alg string, opts ...JWTOption) (string, error) {
	text, err := claimsJSON(claims)
	if err != nil {
		return "", err
	}
	var cfg jwtConfig
	for _, o := range opts {
		o(&cfg)
	}
	if err := key.open(); err != nil {
		return "", err
	}
	if err := cfg.encKey.open(); err != nil {
		return "", err
	}
	if cfg.encKey == nil && (cfg.keyAlg != "" || cfg.encAlg != "") {
		return "", &Error{Code: CodeInvalidArgument, Message: "WithEncryption needs a key"}
	}
	var out *C.uint8_t
	var outLen C.size_t
	var b *C.jwtcore_jwt_builder
	cp, cn := cText(text)
	ap, an := cString(alg)
	yp, yn := cString(cfg.typ)
	kp, kn := cString(cfg.keyAlg)
	ep, en := cString(cfg.encAlg)
	err = call(func() C.int {
		return C.gojwtcore_jwt_sign(&out, &outLen, &b, cp, cn, &cfg.spec, yp, yn, key.handle(), ap, an,
			cfg.encKey.handle(), kp, kn, ep, en)
	})
	C.jwtcore_jwt_builder_free(b)
	runtime.KeepAlive(key)
	runtime.KeepAlive(cfg.encKey)
	if err != nil {
		return "", err
	}
	return takeString(out, outLen), nil
}
