package jwtcore

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

const hsKeyJWK = `{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`

// hs256Token builds a compact JWS with Go's own HMAC (an implementation nobody here wrote), so
// that hostile headers can be tested whatever the signing API allows.
func hs256Token(t testing.TB, header, payload string) string {
	t.Helper()
	var k struct{ K string }
	mustUnmarshal(t, hsKeyJWK, &k)
	input := b64(header) + "." + b64(payload)
	m := hmac.New(sha256.New, unb64(t, k.K))
	m.Write([]byte(input))
	return input + "." + b64(string(m.Sum(nil)))
}

// fixedClock is a verifier clock at t.
func fixedClock(t time.Time) VerifierOption { return WithClock(func() time.Time { return t }) }

// TestEverySentinelHasARealCase produces each sentinel through the public API, with the exact
// code, and checks that errors.Is matches it (and the group sentinels) and nothing unrelated.
func TestEverySentinelHasARealCase(t *testing.T) {
	hs := mustJWK(t, hsKeyJWK)
	hsWithKid := mustJWK(t, `{"kty":"oct","kid":"k1","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`)
	es := mustGenerate(t, "ES256")
	esPub := publicOf(t, es)
	now := time.Unix(1_700_000_000, 0)
	hsVerifier := func(extra ...VerifierOption) *Verifier {
		return mustVerifier(t, append([]VerifierOption{WithAlgorithms("HS256"), WithKeys(hs), fixedClock(now)}, extra...)...)
	}
	jwt := func(claims map[string]any) string {
		tok, err := SignJWT(claims, hs, "HS256")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	valid := hs256Token(t, `{"alg":"HS256"}`, `{"sub":"x"}`)
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)

	cases := []struct {
		name     string
		sentinel error
		code     Code
		run      func() error
	}{
		{"invalid argument: generate 'none'", ErrInvalidArgument, CodeInvalidArgument, func() error { _, err := GenerateKey("none"); return err }},
		{"invalid handle: closed key", ErrInvalidHandle, CodeInvalidHandle, func() error {
			k := mustGenerate(t, "HS256")
			k.Close()
			_, err := k.JWK(true)
			return err
		}},
		{"not supported: PEM of an oct key", ErrNotSupported, CodeNotSupported, func() error { _, err := hs.PEM(true); return err }},
		{"base64: padded k", ErrBase64, CodeBase64, func() error {
			_, err := ParseJWK([]byte(`{"kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}`))
			return err
		}},
		{"json: truncated", ErrJSON, CodeJSON, func() error { _, err := ParseJWK([]byte(`{"kty":`)); return err }},
		{"json duplicate: kty twice", ErrJSONDuplicate, CodeJSONDuplicate, func() error {
			_, err := ParseJWK([]byte(`{"kty":"oct","kty":"oct","k":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`))
			return err
		}},
		{"token format: two parts", ErrTokenFormat, CodeTokenFormat, func() error { _, err := hsVerifier().VerifyJWS("a.b"); return err }},
		{"header: b64 without crit", ErrHeader, CodeHeader, func() error {
			_, err := hsVerifier().VerifyJWS(hs256Token(t, `{"alg":"HS256","b64":false}`, "x"))
			return err
		}},
		{"pem: garbage", ErrPEM, CodePEM, func() error {
			_, err := ParsePEM([]byte("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"))
			return err
		}},
		{"key unsupported: P-192", ErrKeyUnsupported, CodeKeyUnsupported, func() error {
			_, err := ParseJWK([]byte(`{"kty":"EC","crv":"P-192","x":"AAAA","y":"AAAA"}`))
			return err
		}},
		{"key weak: empty secret", ErrKeyWeak, CodeKeyWeak, func() error { _, err := NewSecretKey(nil); return err }},
		{"key mismatch: HMAC key for ES256", ErrKeyMismatch, CodeKeyMismatch, func() error { _, err := SignJWS([]byte("x"), hs, "ES256"); return err }},
		{"key not found: unknown kid", ErrKeyNotFound, CodeKeyNotFound, func() error {
			set, err := NewKeySet()
			if err != nil {
				return err
			}
			defer set.Close()
			if err := set.Add(hsWithKid); err != nil {
				return err
			}
			_, err = set.Find("k2")
			return err
		}},
		{"key usage: use enc key signs", ErrKeyUsage, CodeKeyUsage, func() error {
			k := mustJWK(t, `{"kty":"oct","use":"enc","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`)
			_, err := SignJWS([]byte("x"), k, "HS256")
			return err
		}},
		{"key not private: sign with a public key", ErrKeyNotPrivate, CodeKeyNotPrivate, func() error { _, err := SignJWS([]byte("x"), esPub, "ES256"); return err }},
		{"point invalid: (1, 1) on P-256", ErrPointInvalid, CodePointInvalid, func() error {
			_, err := ParseJWK([]byte(`{"kty":"EC","crv":"P-256","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE","y":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"}`))
			return err
		}},
		{"alg not allowed: HS256 token, HS384 verifier", ErrAlgorithmNotAllowed, CodeAlgNotAllowed, func() error {
			_, err := mustVerifier(t, WithAlgorithms("HS384"), WithKeys(hs)).VerifyJWS(valid)
			return err
		}},
		{"invalid signature: flipped MAC", ErrInvalidSignature, CodeBadSignature, func() error {
			_, err := hsVerifier().VerifyJWS(valid[:len(valid)-2] + flip(valid[len(valid)-2:]))
			return err
		}},
		{"crit unknown", ErrCritUnknown, CodeCritUnknown, func() error {
			_, err := hsVerifier().VerifyJWS(hs256Token(t, `{"alg":"HS256","crit":["exp2"],"exp2":1}`, "x"))
			return err
		}},
		{"typ mismatch", ErrTypMismatch, CodeTypMismatch, func() error {
			_, err := hsVerifier(WithType("at+jwt")).VerifyJWS(hs256Token(t, `{"alg":"HS256","typ":"JWT"}`, "x"))
			return err
		}},
		{"unknown algorithm", ErrUnknownAlgorithm, CodeUnknownAlg, func() error { _, err := NewVerifier(WithAlgorithms("XS256")); return err }},
		{"expired", ErrExpired, CodeExpired, func() error { _, err := hsVerifier().Verify(jwt(map[string]any{"exp": now.Unix() - 3600})); return err }},
		{"not yet valid", ErrNotYetValid, CodeNotYetValid, func() error {
			_, err := hsVerifier().Verify(jwt(map[string]any{"exp": now.Unix() + 7200, "nbf": now.Unix() + 3600}))
			return err
		}},
		{"issued in future", ErrIssuedInFuture, CodeIssuedInFuture, func() error {
			_, err := hsVerifier().Verify(jwt(map[string]any{"exp": now.Unix() + 7200, "iat": now.Unix() + 3600}))
			return err
		}},
		{"issuer", ErrIssuer, CodeIssuer, func() error {
			_, err := hsVerifier(WithIssuer("https://a.example")).Verify(jwt(map[string]any{"exp": now.Unix() + 60, "iss": "https://b.example"}))
			return err
		}},
		{"audience", ErrAudience, CodeAudience, func() error {
			_, err := hsVerifier(WithAudience("api")).Verify(jwt(map[string]any{"exp": now.Unix() + 60, "aud": []string{"web"}}))
			return err
		}},
		{"claim missing: exp", ErrClaimMissing, CodeClaimMissing, func() error { _, err := hsVerifier().Verify(jwt(map[string]any{"sub": "x"})); return err }},
		{"claim type: exp as a string", ErrClaimType, CodeClaimType, func() error {
			_, err := hsVerifier().Verify(hs256Token(t, `{"alg":"HS256"}`, fmt.Sprintf(`{"exp":"%d"}`, now.Unix()+60)))
			return err
		}},
		{"claim mismatch", ErrClaimMismatch, CodeClaimMismatch, func() error {
			_, err := hsVerifier(WithClaimValue("tenant", "a")).Verify(jwt(map[string]any{"exp": now.Unix() + 60, "tenant": "b"}))
			return err
		}},
		{"scope", ErrScope, CodeScope, func() error {
			_, err := hsVerifier(WithScopes("write")).Verify(jwt(map[string]any{"exp": now.Unix() + 60, "scope": "read"}))
			return err
		}},
		{"too old", ErrTooOld, CodeTooOld, func() error {
			_, err := hsVerifier(WithMaxAge(time.Minute)).Verify(jwt(map[string]any{"exp": now.Unix() + 60, "iat": now.Unix() - 3600}))
			return err
		}},
		{"lifetime", ErrLifetime, CodeLifetime, func() error {
			_, err := hsVerifier(WithMaxLifetime(time.Hour)).Verify(jwt(map[string]any{"exp": now.Unix() + 86400, "iat": now.Unix()}))
			return err
		}},
		{"revoked", ErrRevoked, CodeRevoked, func() error {
			v := hsVerifier(WithRevocationCheck(func(jti string) bool { return jti == "gone" }))
			if _, err := v.Verify(jwt(map[string]any{"exp": now.Unix() + 60, "jti": "here"})); err != nil {
				return fmt.Errorf("a jti not revoked failed: %w", err)
			}
			_, err := v.Verify(jwt(map[string]any{"exp": now.Unix() + 60, "jti": "gone"}))
			return err
		}},
		{"limit size: 2000-byte secret", ErrLimitSize, CodeLimitSize, func() error { _, err := NewSecretKey(make([]byte, 2000)); return err }},
		{"limit depth: 100 nested arrays", ErrLimitDepth, CodeLimitDepth, func() error {
			_, err := hsVerifier().VerifyJWS(hs256Token(t, `{"alg":"HS256","x":`+deep+`}`, "x"))
			return err
		}},
		{"group malformed: a JSON error", ErrMalformed, CodeJSON, func() error { _, err := ParseJWKS([]byte(`{"keys":[}`)); return err }},
		{"group invalid key: oct without k", ErrInvalidKey, CodeKeyInvalid, func() error { _, err := ParseJWK([]byte(`{"kty":"oct"}`)); return err }},
		{"group invalid claims: expired", ErrInvalidClaims, CodeExpired, func() error {
			_, err := hsVerifier().Verify(jwt(map[string]any{"exp": now.Unix() - 3600}))
			return err
		}},
		{"group limit: oversized token", ErrLimit, CodeLimitSize, func() error {
			_, err := hsVerifier(WithMaxTokenSize(64)).VerifyJWS(hs256Token(t, `{"alg":"HS256"}`, strings.Repeat("x", 100)))
			return err
		}},
	}
	cases = append(cases, jweSentinelCases(t)...)
	covered := map[error]bool{}
	for _, tc := range cases {
		covered[tc.sentinel] = true
	}
	for name, s := range exportedSentinels(t) {
		if !covered[s] {
			t.Errorf("sentinel %s has no real case", name)
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			wantCode(t, err, tc.code)
			if !errors.Is(err, tc.sentinel) {
				t.Fatalf("errors.Is(%v, %v) is false", err, tc.sentinel)
			}
			var e *Error
			errors.As(err, &e)
			if e.Message == "" {
				t.Errorf("no detail message for %v", e)
			}
			if errors.Is(err, ErrInvalidHandle) && tc.code != CodeInvalidHandle {
				t.Errorf("%v matches an unrelated sentinel", err)
			}
			// Wrapping keeps the match.
			if !errors.Is(fmt.Errorf("context: %w", err), tc.sentinel) {
				t.Errorf("wrapped error lost its sentinel")
			}
		})
	}
}

func TestGroupSentinelsCoverTheirCodes(t *testing.T) {
	for _, tc := range []struct {
		err   *Error
		group error
		want  bool
	}{
		{&Error{Code: CodeBase64}, ErrMalformed, true},
		{&Error{Code: CodePEM}, ErrMalformed, true},
		{&Error{Code: CodeKeyInvalid}, ErrMalformed, false},
		{&Error{Code: CodeKeyWeak}, ErrInvalidKey, true},
		{&Error{Code: CodePointInvalid}, ErrInvalidKey, true},
		{&Error{Code: CodeKeyNotFound}, ErrInvalidKey, false},
		{&Error{Code: CodeRevoked}, ErrInvalidClaims, true},
		{&Error{Code: CodeBadSignature}, ErrInvalidClaims, false},
		{&Error{Code: CodeLimitIterations}, ErrLimit, true},
		{&Error{Code: CodeExpired}, ErrExpired, true},
		{&Error{Code: CodeNotYetValid}, ErrExpired, false},
	} {
		if got := errors.Is(tc.err, tc.group); got != tc.want {
			t.Errorf("errors.Is(%v, %v) = %v", tc.err, tc.group, got)
		}
	}
}

// Goroutines that fail at the same time each get the detail of their own failure: the
// thread-local message is read on the OS thread of the failing call.
func TestConcurrentFailuresKeepTheirOwnMessages(t *testing.T) {
	const goroutines = 64
	const rounds = 200
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			// Each goroutine asks for an RSA size of its own (out of range), which the message names.
			bits := fmt.Sprintf("%d", 100000+g)
			for i := 0; i < rounds; i++ {
				_, err := GenerateKey("RS256:" + bits)
				var e *Error
				if !errors.As(err, &e) {
					errs <- fmt.Errorf("goroutine %d: %v", g, err)
					return
				}
				if !strings.Contains(e.Message, bits) {
					errs <- fmt.Errorf("goroutine %d got another goroutine's message: %q", g, e.Message)
					return
				}
				// A successful call in between clears the message on whichever thread runs it.
				if _, err := NewKeySet(); err != nil {
					errs <- err
					return
				}
				runtime.Gosched()
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// exportedSentinels maps the name of every exported Err* variable declared in errors.go (read
// with go/parser, so that a new sentinel cannot be added without a case) to its value.
func exportedSentinels(t *testing.T) map[string]error {
	values := map[string]error{
		"ErrInvalidArgument": ErrInvalidArgument, "ErrInvalidHandle": ErrInvalidHandle, "ErrNotSupported": ErrNotSupported,
		"ErrBase64": ErrBase64, "ErrJSON": ErrJSON, "ErrJSONDuplicate": ErrJSONDuplicate, "ErrTokenFormat": ErrTokenFormat,
		"ErrHeader": ErrHeader, "ErrPEM": ErrPEM, "ErrKeyUnsupported": ErrKeyUnsupported, "ErrKeyWeak": ErrKeyWeak,
		"ErrKeyMismatch": ErrKeyMismatch, "ErrKeyNotFound": ErrKeyNotFound, "ErrKeyUsage": ErrKeyUsage,
		"ErrKeyNotPrivate": ErrKeyNotPrivate, "ErrPointInvalid": ErrPointInvalid,
		"ErrAlgorithmNotAllowed": ErrAlgorithmNotAllowed, "ErrInvalidSignature": ErrInvalidSignature,
		"ErrCritUnknown": ErrCritUnknown, "ErrTypMismatch": ErrTypMismatch, "ErrUnknownAlgorithm": ErrUnknownAlgorithm,
		"ErrDecrypt": ErrDecrypt, "ErrEncryptionNotAllowed": ErrEncryptionNotAllowed, "ErrZipUnsupported": ErrZipUnsupported,
		"ErrExpired": ErrExpired, "ErrNotYetValid": ErrNotYetValid, "ErrIssuedInFuture": ErrIssuedInFuture,
		"ErrIssuer": ErrIssuer, "ErrAudience": ErrAudience, "ErrClaimMissing": ErrClaimMissing, "ErrClaimType": ErrClaimType,
		"ErrClaimMismatch": ErrClaimMismatch, "ErrScope": ErrScope, "ErrTooOld": ErrTooOld, "ErrLifetime": ErrLifetime,
		"ErrRevoked": ErrRevoked, "ErrLimitSize": ErrLimitSize, "ErrLimitDepth": ErrLimitDepth,
		"ErrLimitIterations": ErrLimitIterations, "ErrMalformed": ErrMalformed, "ErrInvalidKey": ErrInvalidKey,
		"ErrInvalidClaims": ErrInvalidClaims, "ErrLimit": ErrLimit,
	}
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, spec := range g.Specs {
			for _, n := range spec.(*ast.ValueSpec).Names {
				if strings.HasPrefix(n.Name, "Err") {
					declared++
					if values[n.Name] == nil {
						t.Errorf("sentinel %s is missing from exportedSentinels", n.Name)
					}
				}
			}
		}
	}
	if declared != len(values) {
		t.Errorf("errors.go declares %d sentinels, exportedSentinels lists %d", declared, len(values))
	}
	return values
}

func flip(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}
