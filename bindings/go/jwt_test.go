package jwtcore

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestSignJWTAndVerifyRoundTripForEveryAlgorithm(t *testing.T) {
	for _, alg := range []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
		"ES256", "ES384", "ES512", "ES256K", "EdDSA"} {
		t.Run(alg, func(t *testing.T) {
			priv := mustGenerate(t, alg)
			verifyKey := priv
			if alg[0] != 'H' {
				verifyKey = publicOf(t, priv)
			}
			exp := time.Now().Add(time.Hour).Unix()
			tok, err := SignJWT(map[string]any{"iss": "https://issuer.example", "sub": "alice", "aud": "api", "exp": exp,
				"scope": "read write"}, priv, alg, WithIssuedNow(), WithGeneratedID())
			if err != nil {
				t.Fatal(err)
			}
			v := mustVerifier(t, WithAlgorithms(alg), WithKeys(verifyKey), WithIssuer("https://issuer.example"),
				WithAudience("api"), WithScopes("write"), WithRequiredClaims("sub", "jti"), WithType("JWT"))
			c, err := v.Verify(tok)
			if err != nil {
				t.Fatal(err)
			}
			if c.Subject() != "alice" || c.Issuer() != "https://issuer.example" || len(c.ID()) < 16 ||
				strings.Join(c.Audience(), ",") != "api" || strings.Join(c.Scopes(), ",") != "read,write" {
				t.Fatalf("claims %s", c.JSON())
			}
			if e, ok := c.ExpiresAt(); !ok || e.Unix() != exp {
				t.Fatalf("exp %v", e)
			}
			if iat, ok := c.IssuedAt(); !ok || time.Since(iat) > time.Minute {
				t.Fatalf("iat %v", iat)
			}
			// The same token is not a JWT for a verifier of another family.
			if _, err := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(mustGenerate(t, "HS256"))).Verify(tok); err == nil {
				t.Fatal("verified with an unrelated key")
			}
		})
	}
}

func TestClaimsAccessors(t *testing.T) {
	k := mustGenerate(t, "HS256")
	type custom struct {
		Sub   string `json:"sub"`
		Roles []string
		N     int
		Exp   int64 `json:"exp"`
	}
	in := custom{Sub: "bob", Roles: []string{"a", "b"}, N: 7, Exp: time.Now().Add(time.Hour).Unix()}
	tok, err := SignJWT(in, k, "HS256", WithTyp("at+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k), WithType("at+jwt"), WithClaimValue("N", 7)).Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	var out custom
	if err := c.Unmarshal(&out); err != nil || out.Sub != "bob" || len(out.Roles) != 2 || out.N != 7 {
		t.Fatalf("%+v %v", out, err)
	}
	var roles []string
	if !c.Get("Roles", &roles) || !c.Has("N") || c.Has("missing") || c.String("N") != "" {
		t.Fatal("Get/Has/String")
	}
	if _, ok := c.NotBefore(); ok {
		t.Fatal("nbf reported")
	}
	// JSON text is taken as it is; a JSON array is not a claims set.
	if _, err := SignJWT(`[1,2]`, k, "HS256"); err == nil {
		t.Fatal("array claims signed")
	}
	// time.Time marshals to a string: exp must be a NumericDate.
	_, err = SignJWT(map[string]any{"exp": time.Now()}, k, "HS256")
	wantCode(t, err, CodeClaimType)
	_, err = SignJWT(map[string]any{"x": 1}, k, "none")
	if err == nil {
		t.Fatal("alg none signed a JWT")
	}
}

func TestLeewayAndClock(t *testing.T) {
	k := mustGenerate(t, "HS256")
	now := time.Unix(1_800_000_000, 0)
	tok, err := SignJWT(map[string]any{"exp": now.Unix() - 30}, k, "HS256")
	if err != nil {
		t.Fatal(err)
	}
	// 30 s past exp: inside the default 60 s leeway, outside a 10 s one.
	if _, err := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k), fixedClock(now)).Verify(tok); err != nil {
		t.Fatal(err)
	}
	_, err = mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k), fixedClock(now), WithLeeway(10*time.Second)).Verify(tok)
	if !errors.Is(err, ErrExpired) || !strings.Contains(err.Error(), "exp") {
		t.Fatalf("%v", err)
	}
	_, err = NewVerifier(WithLeeway(time.Hour))
	wantCode(t, err, CodeInvalidArgument)
	// A clock that panics fails closed: every token with an exp is expired.
	v := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k), WithClock(func() time.Time { panic("clock broken") }))
	_, err = v.Verify(tok)
	wantCode(t, err, CodeExpired)
	// Without exp required, a token without exp passes; with it (the default) it does not.
	noExp, _ := SignJWT(map[string]any{"sub": "x"}, k, "HS256")
	if _, err := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k), WithExpRequired(false)).Verify(noExp); err != nil {
		t.Fatal(err)
	}
	// The builder's relative times use the system clock.
	rel, _ := SignJWT(map[string]any{}, k, "HS256", WithExpiresIn(time.Hour), WithNotBeforeIn(-time.Minute))
	c, err := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k)).Verify(rel)
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := c.ExpiresAt(); time.Until(e) < 59*time.Minute {
		t.Fatalf("exp %v", e)
	}
}

func TestIssuerBoundKeys(t *testing.T) {
	a, b := mustGenerate(t, "ES256"), mustGenerate(t, "ES256")
	v := mustVerifier(t, WithAlgorithms("ES256"), WithIssuerKeys("https://a.example", publicOf(t, a)),
		WithIssuerKeys("https://b.example", publicOf(t, b)))
	exp := time.Now().Add(time.Hour).Unix()
	tokA, _ := SignJWT(map[string]any{"iss": "https://a.example", "exp": exp}, a, "ES256")
	forged, _ := SignJWT(map[string]any{"iss": "https://a.example", "exp": exp}, b, "ES256")
	other, _ := SignJWT(map[string]any{"iss": "https://c.example", "exp": exp}, a, "ES256")
	if _, err := v.Verify(tokA); err != nil {
		t.Fatal(err)
	}
	_, err := v.Verify(forged)
	wantCode(t, err, CodeBadSignature)
	_, err = v.Verify(other)
	wantCode(t, err, CodeIssuer)
}

// One Verifier shared by many goroutines (run with -race): every valid token verifies with its
// own claims, every forged one fails, and the callbacks run concurrently.
func TestOneVerifierSharedByGoroutines(t *testing.T) {
	priv := mustGenerate(t, "ES256")
	other := mustGenerate(t, "ES256")
	var clockCalls atomic.Int64
	v := mustVerifier(t, WithAlgorithms("ES256"), WithKeys(publicOf(t, priv)), WithClock(func() time.Time {
		clockCalls.Add(1)
		return time.Now()
	}), WithRevocationCheck(func(jti string) bool { return strings.HasPrefix(jti, "revoked") }))
	const goroutines = 16
	const perGoroutine = 20
	tokens := make([]string, goroutines)
	exp := time.Now().Add(time.Hour).Unix()
	for g := range tokens {
		tokens[g], _ = SignJWT(map[string]any{"sub": "user" + string(rune('a'+g)), "exp": exp, "jti": "id" + string(rune('a'+g))}, priv, "ES256")
	}
	forged, _ := SignJWT(map[string]any{"sub": "mallory", "exp": exp, "jti": "x"}, other, "ES256")
	revoked, _ := SignJWT(map[string]any{"sub": "eve", "exp": exp, "jti": "revoked-1"}, priv, "ES256")
	var wg sync.WaitGroup
	failures := make(chan string, goroutines*3)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < perGoroutine; i++ {
				c, err := v.Verify(tokens[g])
				if err != nil || c.Subject() != "user"+string(rune('a'+g)) {
					failures <- "valid token: " + errString(err)
					return
				}
				if _, err := v.Verify(forged); !errors.Is(err, ErrInvalidSignature) {
					failures <- "forged token: " + errString(err)
					return
				}
				if _, err := v.Verify(revoked); !errors.Is(err, ErrRevoked) {
					failures <- "revoked token: " + errString(err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(failures)
	for f := range failures {
		t.Error(f)
	}
	if clockCalls.Load() < goroutines*perGoroutine {
		t.Errorf("clock called %d times", clockCalls.Load())
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// The claims of a token are reported exactly as signed (no re-encoding).
func TestClaimsJSONIsTheSignedText(t *testing.T) {
	k := mustGenerate(t, "HS256")
	text := `{"exp":4102444800,"n":1.50,"s":"\u00e9"}`
	tok, err := SignJWT(json.RawMessage(text), k, "HS256")
	if err != nil {
		t.Fatal(err)
	}
	c, err := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k)).Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	var n float64
	if !c.Get("n", &n) || n != 1.5 || c.String("s") != "é" {
		t.Fatalf("claims %s", c.JSON())
	}
}

// A nested JWT (sign, then encrypt to the recipient) verifies with a verifier that may decrypt it,
// and a verifier without the decryption key cannot read it.
func TestNestedJWT(t *testing.T) {
	sig := mustGenerate(t, "ES256")
	encKey := mustGenerate(t, "RSA-OAEP-256")
	tok, err := SignJWT(map[string]any{"sub": "nested", "exp": time.Now().Add(time.Hour).Unix()}, sig, "ES256",
		WithEncryption(publicOf(t, encKey), "RSA-OAEP-256", "A256GCM"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(tok, ".") != 4 {
		t.Fatalf("not a compact JWE: %.60s", tok)
	}
	v := mustVerifier(t, WithAlgorithms("ES256", "RSA-OAEP-256"), WithEncryptions("A256GCM"), WithKeys(publicOf(t, sig)),
		WithDecryptionKeys(encKey))
	c, err := v.Verify(tok)
	if err != nil || c.Subject() != "nested" {
		t.Fatalf("%v", err)
	}
	_, err = mustVerifier(t, WithAlgorithms("ES256"), WithKeys(publicOf(t, sig))).Verify(tok)
	if err == nil {
		t.Fatal("a verifier without decryption policy read a nested JWT")
	}
	// The JWE layer is plain JWE: Decrypt yields the signed inner token.
	res, err := v.Decrypt(tok)
	if err != nil || strings.Count(string(res.Plaintext), ".") != 2 || !strings.Contains(string(res.Header), `"cty":"JWT"`) {
		t.Fatalf("%+v %v", res, err)
	}
}
