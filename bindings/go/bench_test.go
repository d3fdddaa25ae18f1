package jwtcore

import (
	"testing"
	"time"
)

// The cost of crossing into C and back: a call that does nothing (jwtcore_abi_version), and the
// same through the call helper (thread pinning plus status check).
func BenchmarkCgoCallABIVersion(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = ABIVersion()
	}
}

func BenchmarkCgoCallHelper(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_ = callOverhead()
	}
}

// BenchmarkVerify and BenchmarkSignJWT are libjwtcore's own numbers; the comparison with
// golang-jwt and go-jose lives in interop/bench_test.go, which runs the same operations.
func benchKeys(b *testing.B, alg string) (*Key, *Verifier) {
	priv, err := GenerateKey(alg)
	if err != nil {
		b.Fatal(err)
	}
	verifyKey := priv
	if alg[0] != 'H' {
		verifyKey = publicOf(b, priv)
	}
	v, err := NewVerifier(WithAlgorithms(alg), WithKeys(verifyKey))
	if err != nil {
		b.Fatal(err)
	}
	return priv, v
}

func BenchmarkVerify(b *testing.B) {
	for _, alg := range []string{"HS256", "RS256", "ES256", "EdDSA"} {
		b.Run(alg, func(b *testing.B) {
			priv, v := benchKeys(b, alg)
			tok, err := SignJWT(map[string]any{"sub": "bench", "exp": time.Now().Add(time.Hour).Unix()}, priv, alg)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := v.Verify(tok); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSignJWT(b *testing.B) {
	claims := []byte(`{"sub":"bench","exp":4102444800}`)
	for _, alg := range []string{"HS256", "RS256", "ES256", "EdDSA"} {
		b.Run(alg, func(b *testing.B) {
			priv, _ := benchKeys(b, alg)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := SignJWT(claims, priv, alg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
