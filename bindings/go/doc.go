// Package jwtcore is the Go binding of libjwtcore, a JOSE/JWT library (JWS, JWE, JWK, JWT) with a
// C++17 core behind a stable C ABI, linked through cgo (pkg-config module libjwtcore).
//
// The API is safe by default (RFC 8725): a Verifier names the algorithms it accepts, keys are
// bound to their algorithm family, "none" is never accepted unless enabled on both sides, and
// keys embedded in tokens are never used.
//
//	key, _ := jwtcore.ParseJWK(jwkJSON)
//	v, _ := jwtcore.NewVerifier(jwtcore.WithAlgorithms("ES256"), jwtcore.WithKeys(key),
//		jwtcore.WithIssuer("https://issuer.example"), jwtcore.WithAudience("api"))
//	claims, err := v.Verify(token)
//	if errors.Is(err, jwtcore.ErrExpired) { … }
//
// Every failure is an *Error carrying the library's status code and the detail it recorded
// (naming the member, claim or limit, never secrets); errors.Is compares it with the sentinels.
//
// Handles: Key, KeySet and Verifier each wrap one library handle. They are released by Close,
// with a finalizer as a safety net; keys, key sets no longer added to, and verifiers may be used
// by many goroutines at once. Inputs are passed to C as pointer and length for the duration of
// one call only, and outputs are copied into Go memory before the library's copy is wiped.
package jwtcore
