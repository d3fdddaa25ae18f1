// Package interop checks libjwtcore's Go binding against two independent Go JOSE
// implementations, github.com/go-jose/go-jose/v4 and github.com/golang-jwt/jwt/v5: tokens made
// by either side are verified (or decrypted) by the other, with keys made by Go's crypto
// packages and carried across as PEM/DER and as JWK.
package interop

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"libjwtcore.org/jwtcore"
)

// The JWS algorithms both peers implement (neither has ES256K; go-jose's ML-DSA needs a later Go
// and libjwtcore does not implement it).
var jwsAlgs = []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
	"ES256", "ES384", "ES512", "EdDSA"}

// keyPair is one key in Go's crypto types (for the peers) and as libjwtcore keys.
type keyPair struct {
	priv, pub   any // HMAC: both the []byte secret
	jPriv, jPub *jwtcore.Key
}

var rsaKeys = map[string]*rsa.PrivateKey{} // one per test binary: RSA generation is slow

// goKeyPair makes a key for alg with Go's crypto packages and imports it into libjwtcore through
// PKCS#8 PEM (private) and SubjectPublicKeyInfo DER (public).
func goKeyPair(t testing.TB, alg string) keyPair {
	t.Helper()
	var priv crypto.Signer
	switch alg[:2] {
	case "HS":
		secret := make([]byte, 64)
		rand.Read(secret)
		k, err := jwtcore.NewSecretKey(secret)
		if err != nil {
			t.Fatal(err)
		}
		return keyPair{priv: secret, pub: secret, jPriv: k, jPub: k}
	case "RS", "PS":
		if rsaKeys["2048"] == nil {
			k, err := rsa.GenerateKey(rand.Reader, 2048)
			if err != nil {
				t.Fatal(err)
			}
			rsaKeys["2048"] = k
		}
		priv = rsaKeys["2048"]
	case "ES":
		curve := map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()}[alg]
		k, err := ecdsa.GenerateKey(curve, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		priv = k
	case "Ed":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		priv = k
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	jPriv, err := jwtcore.ParsePEM(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	if err != nil {
		t.Fatalf("%s private PEM: %v", alg, err)
	}
	pubDER, err := x509.MarshalPKIXPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	jPub, err := jwtcore.ParsePEM(pubDER)
	if err != nil {
		t.Fatalf("%s public DER: %v", alg, err)
	}
	return keyPair{priv: priv, pub: priv.Public(), jPriv: jPriv, jPub: jPub}
}

// jwtcoreKeyPair makes a key for alg with libjwtcore and exports it to Go's crypto types through
// PEM (private: PKCS#8, public: SubjectPublicKeyInfo) parsed by crypto/x509.
func jwtcoreKeyPair(t testing.TB, alg string) keyPair {
	t.Helper()
	k, err := jwtcore.GenerateKey(alg)
	if err != nil {
		t.Fatal(err)
	}
	if alg[:2] == "HS" {
		jwk, err := k.JWK(true)
		if err != nil {
			t.Fatal(err)
		}
		secret := jwkSecret(t, jwk)
		return keyPair{priv: secret, pub: secret, jPriv: k, jPub: k}
	}
	privPEM, err := k.PEM(true)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(privPEM)
	priv, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatalf("%s: Go cannot parse libjwtcore's PKCS#8: %v", alg, err)
	}
	pubPEM, err := k.PEM(false)
	if err != nil {
		t.Fatal(err)
	}
	block, _ = pem.Decode(pubPEM)
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatalf("%s: Go cannot parse libjwtcore's SPKI: %v", alg, err)
	}
	jPub, err := jwtcore.ParsePEM(pubPEM)
	if err != nil {
		t.Fatal(err)
	}
	return keyPair{priv: priv, pub: pub, jPriv: k, jPub: jPub}
}

func verifierFor(t testing.TB, alg string, key *jwtcore.Key, opts ...jwtcore.VerifierOption) *jwtcore.Verifier {
	t.Helper()
	v, err := jwtcore.NewVerifier(append([]jwtcore.VerifierOption{jwtcore.WithAlgorithms(alg), jwtcore.WithKeys(key)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}
