package jwtcore

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// vectorPath finds a file of the shared test vectors: $JWTCORE_VECTORS, else ../shared/vectors
// beside the checkout (three levels up from bindings/go).
func vectorPath(rel string) string {
	dir := os.Getenv("JWTCORE_VECTORS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "vectors")
	}
	return filepath.Join(dir, rel)
}

// readVector returns the file's bytes, or skips the test when the corpus is absent — loudly, and
// as a failure when CI=true, as the Catch2 suites do.
func readVector(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(vectorPath(rel))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared test vector %s missing (CI=true requires it): %v", rel, err)
		}
		t.Skipf("SKIPPED: shared test vector %s not found (set JWTCORE_VECTORS): %v", rel, err)
	}
	return b
}

func readJSONVector(t testing.TB, rel string, v any) {
	t.Helper()
	if err := json.Unmarshal(readVector(t, rel), v); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func mustJWK(t testing.TB, jwk string) *Key {
	t.Helper()
	k, err := ParseJWK([]byte(jwk))
	if err != nil {
		t.Fatalf("ParseJWK(%.60s…): %v", jwk, err)
	}
	return k
}

func mustGenerate(t testing.TB, spec string) *Key {
	t.Helper()
	k, err := GenerateKey(spec)
	if err != nil {
		t.Fatalf("GenerateKey(%s): %v", spec, err)
	}
	return k
}

func mustVerifier(t testing.TB, opts ...VerifierOption) *Verifier {
	t.Helper()
	v, err := NewVerifier(opts...)
	if err != nil {
		t.Fatalf("NewVerifier: %v", err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func b64decode(s string) ([]byte, error) { return base64.RawURLEncoding.Strict().DecodeString(s) }

func unb64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("base64url %q: %v", s, err)
	}
	return b
}

// wantCode checks that err is an *Error with exactly code c (and so matches its sentinel).
func wantCode(t testing.TB, err error, c Code) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want %v (%d), got %v", c, c, err)
	}
	if e.Code != c {
		t.Fatalf("want %v (%d), got %v", c, c, e)
	}
}

func mustUnmarshal(t testing.TB, text string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(text), v); err != nil {
		t.Fatal(err)
	}
}

// publicOf is k's public key, through a JWK export and import.
func publicOf(t testing.TB, k *Key) *Key {
	t.Helper()
	jwk, err := k.JWK(false)
	if err != nil {
		t.Fatal(err)
	}
	return mustJWK(t, string(jwk))
}
