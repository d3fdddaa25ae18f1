package jwtcore

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// RFC 7638 §3.1: the thumbprint of the RFC's RSA key, and its RFC 9278 URI.
func TestThumbprintRFC7638(t *testing.T) {
	jwk := readVector(t, "latchset-jose/tests/vectors/rfc7638_3.1.jwk")
	want := strings.TrimSpace(string(readVector(t, "latchset-jose/tests/vectors/rfc7638_3.1.thp")))
	k, err := ParseJWK(jwk)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if got, err := k.Thumbprint(); err != nil || got != want {
		t.Fatalf("thumbprint %q (%v), want %q", got, err, want)
	}
	if got, err := k.ThumbprintURI(SHA256); err != nil || got != "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"+want {
		t.Fatalf("thumbprint URI %q (%v)", got, err)
	}
	if k.Kid() != "2011-04-29" || k.Algorithm() != "RS256" || k.Type() != "RSA" || k.Curve() != "" {
		t.Fatalf("metadata kid=%q alg=%q kty=%q crv=%q", k.Kid(), k.Algorithm(), k.Type(), k.Curve())
	}
	if _, err := k.ThumbprintHash(Hash(9)); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("unknown hash: %v", err)
	}
}

// RFC 7517 Appendix A: the example key sets are read, and keys found by kid.
func TestKeySetsRFC7517(t *testing.T) {
	for _, tc := range []struct {
		file string
		n    int
		kid  string
		kty  string
	}{
		{"latchset-jose/tests/vectors/rfc7517_A.1.jwkset", 2, "2011-04-29", "RSA"},
		{"latchset-jose/tests/vectors/rfc7517_A.2.jwkset", 2, "1", "EC"},
		{"latchset-jose/tests/vectors/rfc7517_A.3.jwkset", 2, "HMACkeyusedinJWSspecAppendixA.1example", "oct"},
	} {
		t.Run(tc.file[strings.LastIndex(tc.file, "/")+1:], func(t *testing.T) {
			set, err := ParseJWKS(readVector(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer set.Close()
			if set.Len() != tc.n || len(set.Skipped()) != 0 {
				t.Fatalf("%d keys, skipped %v", set.Len(), set.Skipped())
			}
			k, err := set.Find(tc.kid)
			if err != nil || k.Type() != tc.kty || k.Kid() != tc.kid {
				t.Fatalf("find %q: %v", tc.kid, err)
			}
			// The key outlives the set.
			set.Close()
			if _, err := k.Thumbprint(); err != nil {
				t.Fatal(err)
			}
			if set.Len() != 0 || set.Key(0) != nil {
				t.Fatal("a closed set still reports keys")
			}
		})
	}
}

func TestKeySetSkipsUnusableEntriesAndSaysWhy(t *testing.T) {
	set, err := ParseJWKS([]byte(`{"keys":[
		{"kty":"EC","crv":"P-192","kid":"old","x":"AAAA","y":"AAAA"},
		{"kty":"oct","kid":"good","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.Len() != 1 || len(set.Skipped()) != 1 || !strings.Contains(set.Skipped()[0], "P-192") {
		t.Fatalf("len %d, skipped %q", set.Len(), set.Skipped())
	}
	_, err = set.Find("old")
	wantCode(t, err, CodeKeyNotFound)
	if k := set.Key(0); k == nil || k.Kid() != "good" {
		t.Fatal("Key(0)")
	}
	if set.Key(1) != nil || set.Key(-1) != nil {
		t.Fatal("out-of-range Key")
	}
	out, err := set.JWKS(true)
	if err != nil || !bytes.Contains(out, []byte(`"kid":"good"`)) {
		t.Fatalf("JWKS: %s %v", out, err)
	}
	// A set does not mix secret and public keys.
	_, err = ParseJWKS([]byte(`{"keys":[{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"},
		{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`))
	wantCode(t, err, CodeKeyInvalid)
}

// Keys made by Go's crypto packages (not ours) import through PEM and JWK with the same
// thumbprint, and export back to PEM that Go parses to the same public key.
func TestPEMAndJWKInteroperateWithGoCrypto(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	edPub, edPriv, _ := ed25519.GenerateKey(rand.Reader)
	for _, tc := range []struct {
		name string
		priv any
		pub  any
		crv  string
	}{{"P-256", ec, &ec.PublicKey, "P-256"}, {"Ed25519", edPriv, edPub, "Ed25519"}} {
		t.Run(tc.name, func(t *testing.T) {
			der, err := x509.MarshalPKCS8PrivateKey(tc.priv)
			if err != nil {
				t.Fatal(err)
			}
			priv, err := ParsePEM(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
			if err != nil {
				t.Fatal(err)
			}
			if p, err := priv.IsPrivate(); err != nil || !p || priv.Curve() != tc.crv {
				t.Fatalf("private=%v err=%v crv=%q", p, err, priv.Curve())
			}
			pubDER, _ := x509.MarshalPKIXPublicKey(tc.pub)
			pub, err := ParsePEM(pubDER) // DER works as well
			if err != nil {
				t.Fatal(err)
			}
			if p, _ := pub.IsPrivate(); p {
				t.Fatal("public key reported private")
			}
			tp1, _ := priv.Thumbprint()
			tp2, _ := pub.Thumbprint()
			if tp1 == "" || tp1 != tp2 {
				t.Fatalf("thumbprints %q %q", tp1, tp2)
			}
			out, err := priv.PEM(false)
			if err != nil {
				t.Fatal(err)
			}
			block, _ := pem.Decode(out)
			back, err := x509.ParsePKIXPublicKey(block.Bytes)
			if err != nil {
				t.Fatal(err)
			}
			if !back.(interface{ Equal(crypto.PublicKey) bool }).Equal(tc.pub) {
				t.Fatal("exported public key differs")
			}
			// A signature by the PEM private key verifies with the DER public key.
			alg := map[string]string{"P-256": "ES256", "Ed25519": "EdDSA"}[tc.crv]
			tok, err := SignJWS([]byte("p"), priv, alg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := mustVerifier(t, WithAlgorithms(alg), WithKeys(pub)).VerifyJWS(tok); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestGeneratedKeysCarryTheirAlgorithmAndRoundTripAsJWK(t *testing.T) {
	for _, spec := range []string{"HS256", "RS256", "PS384", "ES256", "ES384", "ES512", "ES256K", "EdDSA"} {
		t.Run(spec, func(t *testing.T) {
			k := mustGenerate(t, spec)
			defer k.Close()
			if k.Algorithm() != spec {
				t.Fatalf("alg %q", k.Algorithm())
			}
			jwk, err := k.JWK(true)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(jwk, &m); err != nil || m["alg"] != spec {
				t.Fatalf("JWK %s", jwk)
			}
			k2 := mustJWK(t, string(jwk))
			tp1, _ := k.Thumbprint()
			tp2, _ := k2.Thumbprint()
			if tp1 != tp2 {
				t.Fatal("thumbprint changed through JWK")
			}
			named, err := k.WithKid("kid-1")
			if err != nil || named.Kid() != "kid-1" || k.Kid() != "" {
				t.Fatalf("WithKid: %v", err)
			}
			if spec == "HS256" {
				if _, err := k.JWK(false); !errors.Is(err, ErrInvalidArgument) {
					t.Fatalf("public JWK of a secret: %v", err)
				}
			}
		})
	}
}

// Close is idempotent, the finalizer releases dropped keys, and a closed key fails cleanly.
func TestCloseAndFinalizers(t *testing.T) {
	k := mustGenerate(t, "ES256")
	if err := k.Close(); err != nil {
		t.Fatal(err)
	}
	if err := k.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := SignJWS([]byte("x"), k, "ES256"); !errors.Is(err, ErrInvalidHandle) {
		t.Fatalf("closed key: %v", err)
	}
	var nilKey *Key
	if nilKey.Close() != nil || nilKey.Kid() != "" {
		t.Fatal("nil key")
	}
	for i := 0; i < 1000; i++ {
		k, _ := GenerateKey("HS256")
		set, _ := NewKeySet()
		_ = set.Add(k)
		v, _ := NewVerifier(WithAlgorithms("HS256"), WithKeys(k), WithKeySet(set))
		_ = v // dropped without Close: the finalizers release the handles
	}
	runtime.GC()
	runtime.GC()
}
