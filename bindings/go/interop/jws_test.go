package interop

import (
	"crypto"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"libjwtcore.org/jwtcore"
)

func jwkSecret(t testing.TB, jwk []byte) []byte {
	t.Helper()
	var m struct{ K string }
	if err := json.Unmarshal(jwk, &m); err != nil {
		t.Fatal(err)
	}
	b, err := base64.RawURLEncoding.DecodeString(m.K)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var payload = []byte(`{"msg":"interop payload","n":42}`)

// libjwtcore signs, go-jose verifies: compact and both JSON serializations.
func TestJWSLibjwtcoreToGoJose(t *testing.T) {
	for _, alg := range jwsAlgs {
		t.Run(alg, func(t *testing.T) {
			kp := jwtcoreKeyPair(t, alg)
			for _, ser := range []jwtcore.Serialization{jwtcore.Compact, jwtcore.Flattened, jwtcore.General} {
				tok, err := jwtcore.SignJWS(payload, kp.jPriv, alg, jwtcore.WithSerialization(ser))
				if err != nil {
					t.Fatal(err)
				}
				obj, err := jose.ParseSigned(tok, []jose.SignatureAlgorithm{jose.SignatureAlgorithm(alg)})
				if err != nil {
					t.Fatalf("serialization %d: go-jose cannot parse: %v", ser, err)
				}
				got, err := obj.Verify(kp.pub)
				if err != nil || string(got) != string(payload) {
					t.Fatalf("serialization %d: go-jose verify: %v", ser, err)
				}
			}
		})
	}
}

// go-jose signs, libjwtcore verifies: compact and general JSON; a flipped signature fails.
func TestJWSGoJoseToLibjwtcore(t *testing.T) {
	for _, alg := range jwsAlgs {
		t.Run(alg, func(t *testing.T) {
			kp := goKeyPair(t, alg)
			signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.SignatureAlgorithm(alg), Key: kp.priv},
				(&jose.SignerOptions{}).WithType("JOSE"))
			if err != nil {
				t.Fatal(err)
			}
			obj, err := signer.Sign(payload)
			if err != nil {
				t.Fatal(err)
			}
			compact, err := obj.CompactSerialize()
			if err != nil {
				t.Fatal(err)
			}
			v := verifierFor(t, alg, kp.jPub)
			for _, tok := range []string{compact, obj.FullSerialize()} {
				res, err := v.VerifyJWS(tok)
				if err != nil || string(res.Payload) != string(payload) || res.Algorithm != alg {
					t.Fatalf("libjwtcore verify %.40s…: %v", tok, err)
				}
			}
			dot := strings.LastIndexByte(compact, '.')
			sig, _ := base64.RawURLEncoding.DecodeString(compact[dot+1:])
			sig[len(sig)/2] ^= 1
			_, err = v.VerifyJWS(compact[:dot+1] + base64.RawURLEncoding.EncodeToString(sig))
			if !errors.Is(err, jwtcore.ErrInvalidSignature) {
				t.Fatalf("flipped signature: %v", err)
			}
		})
	}
}

// JWKs cross both ways with the same RFC 7638 thumbprint, and keep verifying.
func TestJWKInterop(t *testing.T) {
	for _, alg := range []string{"RS256", "ES256", "ES384", "ES512", "EdDSA", "HS256"} {
		t.Run(alg, func(t *testing.T) {
			// go-jose's JWK into libjwtcore.
			kp := goKeyPair(t, alg)
			pub := kp.pub
			jj := jose.JSONWebKey{Key: pub, KeyID: "peer-" + alg, Algorithm: alg, Use: "sig"}
			text, err := jj.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			k, err := jwtcore.ParseJWK(text)
			if err != nil {
				t.Fatalf("libjwtcore refuses go-jose's JWK %s: %v", text, err)
			}
			want, err := jj.Thumbprint(crypto.SHA256)
			if alg[:2] == "HS" {
				// go-jose has no thumbprint for oct keys: RFC 7638 §3.2's members, by hand.
				sum := sha256.Sum256([]byte(`{"k":"` + base64.RawURLEncoding.EncodeToString(kp.priv.([]byte)) + `","kty":"oct"}`))
				want, err = sum[:], nil
			}
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := k.Thumbprint(); got != base64.RawURLEncoding.EncodeToString(want) || k.Kid() != "peer-"+alg {
				t.Fatalf("thumbprint %s, want %s", got, base64.RawURLEncoding.EncodeToString(want))
			}
			// libjwtcore's JWK into go-jose.
			mine := jwtcoreKeyPair(t, alg)
			named, _ := mine.jPriv.WithKid("mine")
			text, err = named.JWK(alg[:2] == "HS")
			if err != nil {
				t.Fatal(err)
			}
			var back jose.JSONWebKey
			if err := back.UnmarshalJSON(text); err != nil {
				t.Fatalf("go-jose refuses libjwtcore's JWK %s: %v", text, err)
			}
			tok, _ := jwtcore.SignJWS(payload, named, alg)
			obj, err := jose.ParseSigned(tok, []jose.SignatureAlgorithm{jose.SignatureAlgorithm(alg)})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := obj.Verify(&back); err != nil {
				t.Fatalf("go-jose verify with the JWK: %v", err)
			}
			if obj.Signatures[0].Header.KeyID != "mine" {
				t.Fatalf("kid %q", obj.Signatures[0].Header.KeyID)
			}
		})
	}
}

// A JWK Set published by go-jose is read by libjwtcore, which picks the key by kid.
func TestJWKSetFromGoJose(t *testing.T) {
	a, b := goKeyPair(t, "ES256"), goKeyPair(t, "EdDSA")
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: a.pub, KeyID: "a", Algorithm: "ES256", Use: "sig"},
		{Key: b.pub, KeyID: "b", Algorithm: "EdDSA", Use: "sig"},
	}}
	text, _ := json.Marshal(set)
	ks, err := jwtcore.ParseJWKS(text)
	if err != nil {
		t.Fatal(err)
	}
	defer ks.Close()
	v, err := jwtcore.NewVerifier(jwtcore.WithAlgorithms("ES256", "EdDSA"), jwtcore.WithKeySet(ks))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: b.priv}, (&jose.SignerOptions{}).WithHeader("kid", "b"))
	obj, _ := signer.Sign(payload)
	tok, _ := obj.CompactSerialize()
	res, err := v.VerifyJWS(tok)
	if err != nil || res.KeyID != "b" {
		t.Fatalf("%+v %v", res, err)
	}
}
