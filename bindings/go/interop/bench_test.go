package interop

import (
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"github.com/golang-jwt/jwt/v5"

	"libjwtcore.org/jwtcore"
)

// The same work for each library: verify a JWT (signature, method allow-list, iss, aud, exp,
// claims decoded) or issue one from the same claims map, with the same key material.
var benchAlgs = []string{"HS256", "RS256", "ES256", "EdDSA"}

func benchClaims() map[string]any {
	now := time.Now()
	return map[string]any{"iss": issuer, "aud": audience, "sub": "bench-user", "iat": now.Unix(),
		"exp": now.Add(time.Hour).Unix(), "scope": "read write"}
}

func BenchmarkVerify(b *testing.B) {
	for _, alg := range benchAlgs {
		kp := goKeyPair(b, alg)
		tok, err := jwtcore.SignJWT(benchClaims(), kp.jPriv, alg)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(alg+"/libjwtcore", func(b *testing.B) {
			v := verifierFor(b, alg, kp.jPub, jwtcore.WithIssuer(issuer), jwtcore.WithAudience(audience))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c, err := v.Verify(tok)
				if err != nil || c.Subject() != "bench-user" {
					b.Fatal(err)
				}
			}
		})
		b.Run(alg+"/golang-jwt", func(b *testing.B) {
			parser := jwt.NewParser(jwt.WithValidMethods([]string{alg}), jwt.WithIssuer(issuer), jwt.WithAudience(audience),
				jwt.WithExpirationRequired())
			keyFunc := func(*jwt.Token) (any, error) { return kp.pub, nil }
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				t, err := parser.Parse(tok, keyFunc)
				if err != nil || !t.Valid {
					b.Fatal(err)
				}
				if sub, _ := t.Claims.GetSubject(); sub != "bench-user" {
					b.Fatal(sub)
				}
			}
		})
		b.Run(alg+"/go-jose", func(b *testing.B) {
			algs := []jose.SignatureAlgorithm{jose.SignatureAlgorithm(alg)}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				parsed, err := josejwt.ParseSigned(tok, algs)
				if err != nil {
					b.Fatal(err)
				}
				var c josejwt.Claims
				if err := parsed.Claims(kp.pub, &c); err != nil {
					b.Fatal(err)
				}
				if err := c.Validate(josejwt.Expected{Issuer: issuer, AnyAudience: josejwt.Audience{audience}}); err != nil ||
					c.Subject != "bench-user" {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSignJWT(b *testing.B) {
	for _, alg := range benchAlgs {
		kp := goKeyPair(b, alg)
		claims := benchClaims()
		b.Run(alg+"/libjwtcore", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := jwtcore.SignJWT(claims, kp.jPriv, alg); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(alg+"/golang-jwt", func(b *testing.B) {
			method := jwt.GetSigningMethod(alg)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := jwt.NewWithClaims(method, jwt.MapClaims(claims)).SignedString(kp.priv); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(alg+"/go-jose", func(b *testing.B) {
			signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.SignatureAlgorithm(alg), Key: kp.priv},
				(&jose.SignerOptions{}).WithType("JWT"))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := josejwt.Signed(signer).Claims(claims).Serialize(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
