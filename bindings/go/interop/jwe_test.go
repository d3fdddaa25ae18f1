package interop

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"

	"libjwtcore.org/jwtcore"
)

// The JWE key-management algorithms go-jose implements, and every content encryption.
var (
	jweAlgs = []string{"RSA1_5", "RSA-OAEP", "RSA-OAEP-256", "A128KW", "A192KW", "A256KW", "dir",
		"ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW",
		"PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"}
	jweEncs = []string{"A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"}
)

var encKeyLen = map[string]int{"A128GCM": 16, "A192GCM": 24, "A256GCM": 32, "A128CBC-HS256": 32, "A192CBC-HS384": 48,
	"A256CBC-HS512": 64, "A128KW": 16, "A192KW": 24, "A256KW": 32, "A128GCMKW": 16, "A192GCMKW": 24, "A256GCMKW": 32}

// jweKeys is one recipient key for alg/enc: Go's form for go-jose (encrypt, decrypt) and
// libjwtcore's (encrypt, decrypt), the asymmetric ones carried across as PEM.
type jweKeys struct {
	goEnc, goDec any
	jEnc, jDec   *jwtcore.Key
}

func jweKeyFor(t *testing.T, alg, enc string, curve elliptic.Curve) jweKeys {
	t.Helper()
	secret := func(n int) jweKeys {
		b := make([]byte, n)
		rand.Read(b)
		k, err := jwtcore.NewSecretKey(b)
		if err != nil {
			t.Fatal(err)
		}
		return jweKeys{b, b, k, k}
	}
	switch {
	case alg == "dir":
		return secret(encKeyLen[enc])
	case alg[:2] == "A1" || alg[:2] == "A2":
		return secret(encKeyLen[alg])
	case strings.HasPrefix(alg, "PBES2"):
		return secret(24) // a password
	case strings.HasPrefix(alg, "RSA"):
		kp := goKeyPair(t, "RS256")
		return jweKeys{kp.pub, kp.priv, kp.jPub, kp.jPriv}
	}
	priv, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(priv)
	jPriv, err := jwtcore.ParsePEM(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	if err != nil {
		t.Fatal(err)
	}
	pubDER, _ := x509.MarshalPKIXPublicKey(&priv.PublicKey)
	jPub, err := jwtcore.ParsePEM(pubDER)
	if err != nil {
		t.Fatal(err)
	}
	return jweKeys{&priv.PublicKey, priv, jPub, jPriv}
}

func decrypterFor(t *testing.T, alg, enc string, key *jwtcore.Key) *jwtcore.Verifier {
	opts := []jwtcore.VerifierOption{jwtcore.WithAlgorithms(alg), jwtcore.WithEncryptions(enc), jwtcore.WithDecryptionKeys(key)}
	switch alg {
	case "RSA1_5":
		opts = append(opts, jwtcore.WithRSA1_5())
	case "PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW":
		opts = append(opts, jwtcore.WithPBES2(0))
	}
	v, err := jwtcore.NewVerifier(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Close() })
	return v
}

// Every alg/enc pair go-jose supports, both ways: go-jose encrypts and libjwtcore decrypts, and
// libjwtcore encrypts and go-jose decrypts (RSA1_5: libjwtcore decrypts with the opt-in but
// never encrypts). ECDH-ES runs on P-256, P-384 and P-521.
func TestJWEBothWaysEveryPair(t *testing.T) {
	plaintext := []byte(`{"secret":"interop plaintext","n":7}`)
	pairs := 0
	for _, alg := range jweAlgs {
		curves := []elliptic.Curve{elliptic.P256()}
		if strings.HasPrefix(alg, "ECDH") {
			curves = append(curves, elliptic.P384(), elliptic.P521())
		}
		for _, curve := range curves {
			for _, enc := range jweEncs {
				name := alg + "/" + enc
				if strings.HasPrefix(alg, "ECDH") {
					name += "/" + curve.Params().Name
				}
				t.Run(name, func(t *testing.T) {
					keys := jweKeyFor(t, alg, enc, curve)
					// go-jose encrypts (10000 PBES2 iterations: libjwtcore's default cap).
					e, err := jose.NewEncrypter(jose.ContentEncryption(enc),
						jose.Recipient{Algorithm: jose.KeyAlgorithm(alg), Key: keys.goEnc, PBES2Count: 10000}, nil)
					if err != nil {
						t.Fatal(err)
					}
					obj, err := e.Encrypt(plaintext)
					if err != nil {
						t.Fatal(err)
					}
					compact, err := obj.CompactSerialize()
					if err != nil {
						t.Fatal(err)
					}
					v := decrypterFor(t, alg, enc, keys.jDec)
					for _, tok := range []string{compact, obj.FullSerialize()} {
						res, err := v.Decrypt(tok)
						if err != nil || string(res.Plaintext) != string(plaintext) {
							t.Fatalf("libjwtcore decrypts go-jose's %.30s…: %v", tok, err)
						}
					}
					// libjwtcore encrypts.
					for _, ser := range []jwtcore.Serialization{jwtcore.Compact, jwtcore.Flattened, jwtcore.General} {
						tok, err := jwtcore.Encrypt(plaintext, keys.jEnc, alg, enc, jwtcore.WithJWESerialization(ser))
						if alg == "RSA1_5" {
							if !errors.Is(err, jwtcore.ErrAlgorithmNotAllowed) {
								t.Fatalf("libjwtcore encrypted with RSA1_5: %v", err)
							}
							continue
						}
						if err != nil {
							t.Fatal(err)
						}
						parsed, err := jose.ParseEncrypted(tok, []jose.KeyAlgorithm{jose.KeyAlgorithm(alg)},
							[]jose.ContentEncryption{jose.ContentEncryption(enc)})
						if err != nil {
							t.Fatalf("serialization %d: go-jose cannot parse: %v", ser, err)
						}
						got, err := parsed.Decrypt(keys.goDec)
						if err != nil || string(got) != string(plaintext) {
							t.Fatalf("serialization %d: go-jose decrypt: %v", ser, err)
						}
					}
				})
				pairs++
			}
		}
	}
	if pairs != (len(jweAlgs)+8)*len(jweEncs) {
		t.Fatalf("ran %d pairs", pairs)
	}
}

// A token encrypted by go-jose to another key fails in libjwtcore with the one opaque error.
func TestJWEFromGoJoseWithTheWrongKeyIsOneOpaqueError(t *testing.T) {
	for _, alg := range []string{"RSA-OAEP-256", "A256KW", "ECDH-ES+A128KW", "A128GCMKW"} {
		right, wrong := jweKeyFor(t, alg, "A256GCM", elliptic.P256()), jweKeyFor(t, alg, "A256GCM", elliptic.P256())
		if strings.HasPrefix(alg, "RSA") { // goKeyPair shares one RSA key per test binary
			k, err := jwtcore.GenerateKey(alg)
			if err != nil {
				t.Fatal(err)
			}
			wrong.jDec = k
		}
		e, _ := jose.NewEncrypter(jose.A256GCM, jose.Recipient{Algorithm: jose.KeyAlgorithm(alg), Key: right.goEnc}, nil)
		obj, _ := e.Encrypt([]byte("x"))
		tok, _ := obj.CompactSerialize()
		_, err := decrypterFor(t, alg, "A256GCM", wrong.jDec).Decrypt(tok)
		var je *jwtcore.Error
		if !errors.As(err, &je) || je.Code != jwtcore.CodeDecrypt {
			t.Fatalf("%s: %v", alg, err)
		}
	}
}
