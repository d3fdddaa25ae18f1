package interop

import (
	"crypto/elliptic"
	"errors"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"github.com/golang-jwt/jwt/v5"

	"libjwtcore.org/jwtcore"
)

const (
	issuer   = "https://issuer.example"
	audience = "api.example"
)

func claimsNow() map[string]any {
	now := time.Now()
	return map[string]any{"iss": issuer, "aud": audience, "sub": "alice", "iat": now.Unix(),
		"nbf": now.Unix() - 10, "exp": now.Add(time.Hour).Unix(), "scope": "read write"}
}

// libjwtcore issues, golang-jwt validates (signature, method, iss, aud, exp).
func TestJWTLibjwtcoreToGolangJWT(t *testing.T) {
	for _, alg := range jwsAlgs {
		t.Run(alg, func(t *testing.T) {
			kp := jwtcoreKeyPair(t, alg)
			tok, err := jwtcore.SignJWT(claimsNow(), kp.jPriv, alg)
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := jwt.Parse(tok, func(*jwt.Token) (any, error) { return kp.pub, nil },
				jwt.WithValidMethods([]string{alg}), jwt.WithIssuer(issuer), jwt.WithAudience(audience),
				jwt.WithExpirationRequired())
			if err != nil || !parsed.Valid {
				t.Fatalf("golang-jwt: %v", err)
			}
			if sub, _ := parsed.Claims.GetSubject(); sub != "alice" || parsed.Header["typ"] != "JWT" {
				t.Fatalf("claims %v header %v", parsed.Claims, parsed.Header)
			}
		})
	}
}

// golang-jwt issues, libjwtcore validates; an expired one and one for another audience fail with
// their own sentinels.
func TestJWTGolangJWTToLibjwtcore(t *testing.T) {
	for _, alg := range jwsAlgs {
		t.Run(alg, func(t *testing.T) {
			kp := goKeyPair(t, alg)
			method := jwt.GetSigningMethod(alg)
			sign := func(c jwt.MapClaims) string {
				s, err := jwt.NewWithClaims(method, c).SignedString(kp.priv)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			v := verifierFor(t, alg, kp.jPub, jwtcore.WithIssuer(issuer), jwtcore.WithAudience(audience),
				jwtcore.WithScopes("write"), jwtcore.WithType("JWT"))
			c, err := v.Verify(sign(jwt.MapClaims(claimsNow())))
			if err != nil || c.Subject() != "alice" {
				t.Fatalf("libjwtcore: %v", err)
			}
			expired := jwt.MapClaims(claimsNow())
			expired["exp"] = time.Now().Add(-time.Hour).Unix()
			if _, err := v.Verify(sign(expired)); !errors.Is(err, jwtcore.ErrExpired) {
				t.Fatalf("expired: %v", err)
			}
			other := jwt.MapClaims(claimsNow())
			other["aud"] = []string{"other.example"}
			if _, err := v.Verify(sign(other)); !errors.Is(err, jwtcore.ErrAudience) {
				t.Fatalf("audience: %v", err)
			}
		})
	}
}

// The same both ways with go-jose's jwt package.
func TestJWTGoJoseBothWays(t *testing.T) {
	for _, alg := range jwsAlgs {
		t.Run(alg, func(t *testing.T) {
			// go-jose issues.
			kp := goKeyPair(t, alg)
			signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.SignatureAlgorithm(alg), Key: kp.priv},
				(&jose.SignerOptions{}).WithType("JWT"))
			if err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			tok, err := josejwt.Signed(signer).Claims(josejwt.Claims{Issuer: issuer, Subject: "bob",
				Audience: josejwt.Audience{audience}, Expiry: josejwt.NewNumericDate(now.Add(time.Hour)),
				IssuedAt: josejwt.NewNumericDate(now)}).Serialize()
			if err != nil {
				t.Fatal(err)
			}
			c, err := verifierFor(t, alg, kp.jPub, jwtcore.WithIssuer(issuer), jwtcore.WithAudience(audience)).Verify(tok)
			if err != nil || c.Subject() != "bob" {
				t.Fatalf("libjwtcore: %v", err)
			}
			// libjwtcore issues.
			mine := jwtcoreKeyPair(t, alg)
			tok, err = jwtcore.SignJWT(claimsNow(), mine.jPriv, alg)
			if err != nil {
				t.Fatal(err)
			}
			parsed, err := josejwt.ParseSigned(tok, []jose.SignatureAlgorithm{jose.SignatureAlgorithm(alg)})
			if err != nil {
				t.Fatal(err)
			}
			var out josejwt.Claims
			if err := parsed.Claims(mine.pub, &out); err != nil {
				t.Fatalf("go-jose: %v", err)
			}
			if err := out.Validate(josejwt.Expected{Issuer: issuer, AnyAudience: josejwt.Audience{audience}, Time: time.Now()}); err != nil {
				t.Fatalf("go-jose validation: %v", err)
			}
		})
	}
}

// Nested JWTs (sign, then encrypt, RFC 7519 §5.2) both ways with go-jose. A256KW: go-jose's jwt
// package refuses asymmetric key management when it parses a JWT.
func TestNestedJWTGoJoseBothWays(t *testing.T) {
	sig, enc := goKeyPair(t, "ES256"), jweKeyFor(t, "A256KW", "A256GCM", elliptic.P256())
	// go-jose nests.
	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: sig.priv}, (&jose.SignerOptions{}).WithType("JWT"))
	encrypter, err := jose.NewEncrypter(jose.A256GCM, jose.Recipient{Algorithm: jose.A256KW, Key: enc.goEnc},
		(&jose.EncrypterOptions{}).WithContentType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := josejwt.SignedAndEncrypted(signer, encrypter).Claims(claimsNow()).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	v, err := jwtcore.NewVerifier(jwtcore.WithAlgorithms("ES256", "A256KW"), jwtcore.WithEncryptions("A256GCM"),
		jwtcore.WithKeys(sig.jPub), jwtcore.WithDecryptionKeys(enc.jDec), jwtcore.WithIssuer(issuer), jwtcore.WithAudience(audience))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if c, err := v.Verify(tok); err != nil || c.Subject() != "alice" {
		t.Fatalf("libjwtcore: %v", err)
	}
	// libjwtcore nests.
	tok, err = jwtcore.SignJWT(claimsNow(), sig.jPriv, "ES256", jwtcore.WithEncryption(enc.jEnc, "A256KW", "A256GCM"))
	if err != nil {
		t.Fatal(err)
	}
	nested, err := josejwt.ParseSignedAndEncrypted(tok, []jose.KeyAlgorithm{jose.A256KW},
		[]jose.ContentEncryption{jose.A256GCM}, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil {
		t.Fatal(err)
	}
	inner, err := nested.Decrypt(enc.goDec)
	if err != nil {
		t.Fatal(err)
	}
	var out josejwt.Claims
	if err := inner.Claims(sig.pub, &out); err != nil || out.Subject != "alice" {
		t.Fatalf("go-jose: %v", err)
	}
}
