package jwtcore

/*
#include "gojwtcore.h"
*/
import "C"

import (
	"encoding/json"
	"runtime"
	"time"
)

// Verifier holds the rules of a verification: the algorithms and keys it accepts and, for JWTs,
// the claims it requires. Build one at start-up with NewVerifier and share it: it is immutable
// once built, and any number of goroutines may verify with it at once. Nothing is accepted by
// default: a verifier needs WithAlgorithms and keys.
//
// Close releases it (a finalizer is the safety net); Close must not run concurrently with a
// verification.
type Verifier struct {
	h       *C.jwtcore_verifier
	cleanup []func() // Go state the C verifier refers to (callback handles), released by Close
}

// VerifierOption configures a Verifier under construction.
type VerifierOption func(*Verifier) error

// NewVerifier builds a verifier from opts (applied in order) and freezes it, so that it can be
// shared between goroutines.
func NewVerifier(opts ...VerifierOption) (*Verifier, error) {
	v := &Verifier{}
	if err := call(func() C.int { return C.jwtcore_verifier_new(&v.h, 0) }); err != nil {
		return nil, err
	}
	runtime.SetFinalizer(v, (*Verifier).Close)
	for _, o := range opts {
		if err := o(v); err != nil {
			v.Close()
			return nil, err
		}
	}
	if err := call(func() C.int { return C.jwtcore_verifier_freeze(v.h) }); err != nil {
		v.Close()
		return nil, err
	}
	return v, nil
}

// Close releases the verifier. Idempotent; always returns nil.
func (v *Verifier) Close() error {
	if v == nil || v.h == nil {
		return nil
	}
	C.jwtcore_verifier_free(v.h)
	v.h = nil
	for _, f := range v.cleanup {
		f()
	}
	v.cleanup = nil
	runtime.SetFinalizer(v, nil)
	return nil
}

func (v *Verifier) handle() *C.jwtcore_verifier {
	if v == nil {
		return nil
	}
	return v.h
}

// eachString calls the setter fn once per name.
func eachString(names []string, fn func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int) VerifierOption {
	return func(v *Verifier) error {
		for _, s := range names {
			p, n := cString(s)
			if err := call(func() C.int { return fn(v.h, p, n) }); err != nil {
				return err
			}
		}
		return nil
	}
}

// WithAlgorithms allows the named algorithms ("RS256", "ES256", "EdDSA", …; for nested JWTs also
// key-management algorithms such as "RSA-OAEP-256"). Unknown names fail with
// ErrUnknownAlgorithm. "none" additionally needs AllowNone.
func WithAlgorithms(algs ...string) VerifierOption {
	return eachString(algs, func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int {
		return C.jwtcore_verifier_allow_alg(h, p, n)
	})
}

// WithEncryptions allows content encryptions ("A256GCM", …) for nested (encrypted) JWTs.
func WithEncryptions(encs ...string) VerifierOption {
	return eachString(encs, func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int {
		return C.jwtcore_verifier_allow_enc(h, p, n)
	})
}

// AllowNone is the explicit opt-in to unsecured JWS (alg "none", RFC 7515 §A.5); "none" must also
// be named in WithAlgorithms. Never use it for tokens that grant anything.
func AllowNone() VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.int { return C.jwtcore_verifier_allow_none(v.h) })
	}
}

// WithKeys adds verification keys (the verifier keeps its own references). Keys are chosen by
// the token's kid, then by type and algorithm.
func WithKeys(keys ...*Key) VerifierOption {
	return func(v *Verifier) error {
		for _, k := range keys {
			if err := k.open(); err != nil {
				return err
			}
			err := call(func() C.int { return C.jwtcore_verifier_add_key(v.h, k.handle()) })
			runtime.KeepAlive(k)
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// WithKeySet adds the keys of a set (a snapshot: keys added to the set later are not seen).
func WithKeySet(set *KeySet) VerifierOption {
	return func(v *Verifier) error {
		err := call(func() C.int { return C.jwtcore_verifier_add_keyset(v.h, set.handle()) })
		runtime.KeepAlive(set)
		return err
	}
}

// WithDecryptionKeys adds keys that decrypt nested (encrypted) JWTs.
func WithDecryptionKeys(keys ...*Key) VerifierOption {
	return func(v *Verifier) error {
		for _, k := range keys {
			if err := k.open(); err != nil {
				return err
			}
			err := call(func() C.int { return C.jwtcore_verifier_add_decryption_key(v.h, k.handle()) })
			runtime.KeepAlive(k)
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// WithType requires the "typ" header to be typ (case-insensitive, "application/" optional),
// e.g. "JWT" or "at+jwt" (RFC 9068).
func WithType(typ string) VerifierOption {
	return func(v *Verifier) error {
		p, n := cString(typ)
		return call(func() C.int { return C.jwtcore_verifier_require_typ(v.h, p, n) })
	}
}

// WithCritical declares header parameters the application processes itself, so that tokens
// listing them in "crit" are not refused (RFC 7515 §4.1.11). "b64" is built in.
func WithCritical(names ...string) VerifierOption {
	return eachString(names, func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int {
		return C.jwtcore_verifier_understand_crit(h, p, n)
	})
}

// WithMaxTokenSize sets the largest token accepted, in bytes (JWS/JWE default 262144, JWT 8192;
// at most 16 MiB).
func WithMaxTokenSize(bytes int) VerifierOption {
	return func(v *Verifier) error {
		if bytes <= 0 {
			return &Error{Code: CodeInvalidArgument, Message: "max token size must be positive"}
		}
		return call(func() C.int { return C.jwtcore_verifier_set_max_token_size(v.h, C.size_t(bytes)) })
	}
}

// JWT claims policy (Verify). Defaults: "exp" required, leeway 60 s, no issuer, audience, scope
// or age constraint, tokens up to 8192 bytes.

// WithIssuer accepts issuers: the token's "iss" must equal one of them exactly (RFC 8725 §3.8),
// else ErrIssuer.
func WithIssuer(issuers ...string) VerifierOption {
	return eachString(issuers, func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int {
		return C.jwtcore_verifier_add_issuer(h, p, n)
	})
}

// WithAudience accepts audiences: the token's "aud" must contain one of them, else ErrAudience.
// Without WithAudience a token that carries "aud" at all is refused (RFC 7519 §4.1.3).
func WithAudience(audiences ...string) VerifierOption {
	return eachString(audiences, func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int {
		return C.jwtcore_verifier_add_audience(h, p, n)
	})
}

// WithLeeway sets the clock-skew allowance for exp, nbf and iat: 0 … 300 s in whole seconds
// (default 60 s).
func WithLeeway(d time.Duration) VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.int { return C.jwtcore_verifier_set_leeway(v.h, C.int64_t(d/time.Second)) })
	}
}

// WithScopes requires scopes, granted by "scope" (space-separated) or "scp", else ErrScope.
func WithScopes(scopes ...string) VerifierOption {
	return eachString(scopes, func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int {
		return C.jwtcore_verifier_require_scope(h, p, n)
	})
}

// WithRequiredClaims requires claims to be present and not null, else ErrClaimMissing.
func WithRequiredClaims(names ...string) VerifierOption {
	return eachString(names, func(h *C.jwtcore_verifier, p *C.char, n C.size_t) C.int {
		return C.jwtcore_verifier_require_claim(h, p, n)
	})
}

// WithClaimValue requires claim name to equal value (compared as JSON values after
// json.Marshal): absent is ErrClaimMissing, different ErrClaimMismatch.
func WithClaimValue(name string, value any) VerifierOption {
	return func(v *Verifier) error {
		text, err := json.Marshal(value)
		if err != nil {
			return &Error{Code: CodeInvalidArgument, Message: "claim value does not marshal to JSON: " + err.Error()}
		}
		np, nn := cString(name)
		tp, tn := cText(text)
		return call(func() C.int { return C.jwtcore_verifier_require_claim_value(v.h, np, nn, tp, tn) })
	}
}

// WithMaxAge bounds now − "iat" (plus the leeway), else ErrTooOld; tokens then need "iat".
func WithMaxAge(d time.Duration) VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.int { return C.jwtcore_verifier_set_max_age(v.h, C.int64_t(d/time.Second)) })
	}
}

// WithMaxLifetime bounds "exp" − "iat", else ErrLifetime; tokens then need both.
func WithMaxLifetime(d time.Duration) VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.int { return C.jwtcore_verifier_set_max_lifetime(v.h, C.int64_t(d/time.Second)) })
	}
}

// WithExpRequired says whether "exp" is required (the default) or only checked when present.
func WithExpRequired(required bool) VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.int { return C.jwtcore_verifier_require_exp(v.h, cBool(required)) })
	}
}

// WithIssuerKeys binds keys to an issuer (RFC 8725 §3.8): they verify only tokens whose "iss" is
// iss. Once any issuer key is given, the token's "iss" selects the keys (WithKeys keys are then
// not used by Verify) and a token of an issuer without keys fails with ErrIssuer.
func WithIssuerKeys(iss string, keys ...*Key) VerifierOption {
	return func(v *Verifier) error {
		p, n := cString(iss)
		for _, k := range keys {
			if err := k.open(); err != nil {
				return err
			}
			err := call(func() C.int { return C.jwtcore_verifier_add_issuer_key(v.h, p, n, k.handle()) })
			runtime.KeepAlive(k)
			if err != nil {
				return err
			}
		}
		return nil
	}
}

// WithIssuerKeySet is WithIssuerKeys for the keys of a set (a snapshot).
func WithIssuerKeySet(iss string, set *KeySet) VerifierOption {
	return func(v *Verifier) error {
		p, n := cString(iss)
		err := call(func() C.int { return C.jwtcore_verifier_add_issuer_keyset(v.h, p, n, set.handle()) })
		runtime.KeepAlive(set)
		return err
	}
}

// WithMaxJWTSize sets the largest JWT Verify accepts, in bytes (default 8192; at most 16 MiB).
// WithMaxTokenSize applies as well.
func WithMaxJWTSize(bytes int) VerifierOption {
	return func(v *Verifier) error {
		if bytes <= 0 {
			return &Error{Code: CodeInvalidArgument, Message: "max JWT size must be positive"}
		}
		return call(func() C.int { return C.jwtcore_verifier_set_max_jwt_size(v.h, C.size_t(bytes)) })
	}
}
