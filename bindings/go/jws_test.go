package jwtcore

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestSignJWSSerializationsAndVerify(t *testing.T) {
	k := mustGenerate(t, "ES256")
	k1, _ := k.WithKid("k1")
	pub := publicOf(t, k1)
	v := mustVerifier(t, WithAlgorithms("ES256"), WithKeys(pub))
	payload := []byte("payload with . dots and \x00 bytes")
	for _, tc := range []struct {
		name string
		opts []SignOption
		vopt []VerifyOption
	}{
		{"compact", nil, nil},
		{"flattened", []SignOption{WithSerialization(Flattened)}, nil},
		{"general", []SignOption{WithSerialization(General)}, nil},
		{"detached compact", []SignOption{Detached()}, []VerifyOption{DetachedPayload(payload)}},
		{"unencoded flattened", []SignOption{Unencoded(), WithSerialization(Flattened)}, nil},
		{"unencoded detached", []SignOption{Unencoded(), Detached()}, []VerifyOption{DetachedPayload(payload)}},
		{"extra header", []SignOption{WithHeader(map[string]any{"typ": "example+jws", "x": 1})}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := SignJWS(payload, k1, "ES256", tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			res, err := v.VerifyJWS(tok, tc.vopt...)
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Payload) != string(payload) || res.Algorithm != "ES256" || res.KeyID != "k1" || res.EmbeddedKey {
				t.Fatalf("%+v", res)
			}
			var h map[string]any
			if err := json.Unmarshal(res.Header, &h); err != nil || h["alg"] != "ES256" || h["kid"] != "k1" {
				t.Fatalf("header %s", res.Header)
			}
			if strings.HasPrefix(tok, "{") {
				if _, err := v.VerifyJWS(tok, append(tc.vopt, CompactOnly())...); !errors.Is(err, ErrTokenFormat) {
					t.Fatalf("compact-only accepted JSON: %v", err)
				}
			}
		})
	}
}

func TestSignJWSMultiAndEmbeddedKeysAreNeverUsed(t *testing.T) {
	rs, ed := mustGenerate(t, "RS256"), mustGenerate(t, "EdDSA")
	tok, err := SignJWSMulti([]byte("multi"), []Signature{
		{Key: rs, Algorithm: "RS256", Unprotected: []byte(`{"kid":"r"}`)},
		{Key: ed, Algorithm: "EdDSA", Protected: []byte(`{"cty":"text/plain"}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	res, err := mustVerifier(t, WithAlgorithms("EdDSA"), WithKeys(publicOf(t, ed))).VerifyJWS(tok)
	if err != nil || res.SignatureIndex != 1 || res.Algorithm != "EdDSA" {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := SignJWSMulti([]byte("x"), nil); !errors.Is(err, ErrInvalidArgument) {
		t.Fatal(err)
	}
	_, err = SignJWSMulti([]byte("x"), []Signature{{Key: rs, Algorithm: "RS256", Protected: []byte(`{"alg":"HS256"}`)}})
	if err == nil {
		t.Fatal("a protected header may not set alg")
	}
	// A token carrying its own jwk is reported, and the key in it never verifies anything.
	pubJWK, _ := ed.JWK(false)
	tokJWK, err := SignJWS([]byte("x"), ed, "EdDSA", WithHeaderJSON([]byte(`{"jwk":`+string(pubJWK)+`}`)))
	if err != nil {
		t.Fatal(err)
	}
	_, err = mustVerifier(t, WithAlgorithms("EdDSA"), WithKeys(publicOf(t, mustGenerate(t, "EdDSA")))).VerifyJWS(tokJWK)
	if !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("embedded jwk: %v", err)
	}
	res, err = mustVerifier(t, WithAlgorithms("EdDSA"), WithKeys(publicOf(t, ed))).VerifyJWS(tokJWK)
	if err != nil || !res.EmbeddedKey {
		t.Fatalf("embedded key not reported: %+v %v", res, err)
	}
}

func TestAlgNoneNeedsBothSidesToOptIn(t *testing.T) {
	if _, err := SignJWS([]byte("x"), nil, "none"); err == nil {
		t.Fatal("none signed without AllowUnsecured")
	}
	tok, err := SignJWS([]byte("x"), nil, "none", AllowUnsecured())
	if err != nil {
		t.Fatal(err)
	}
	_, err = mustVerifier(t, WithAlgorithms("HS256"), WithKeys(mustGenerate(t, "HS256"))).VerifyJWS(tok)
	wantCode(t, err, CodeAlgNotAllowed)
	if _, err := mustVerifier(t, WithAlgorithms("none")).VerifyJWS(tok); err == nil {
		t.Fatal("none verified without AllowNone")
	}
	// With both opt-ins it verifies; the result holds no key (freeing it once crashed the library).
	res, err := mustVerifier(t, WithAlgorithms("none"), AllowNone()).VerifyJWS(tok)
	if err != nil || string(res.Payload) != "x" || res.KeyID != "" {
		t.Fatalf("%+v %v", res, err)
	}
}

// An HS256 token "signed" with an RSA public key's bytes is refused (SECURITY.md #2).
func TestAlgorithmConfusionIsRefused(t *testing.T) {
	rs := mustGenerate(t, "RS256")
	pub := publicOf(t, rs)
	pemText, _ := pub.PEM(false)
	secret, err := NewSecretKey(pemText)
	if err != nil {
		t.Fatal(err)
	}
	forged, err := SignJWS([]byte(`{"sub":"admin"}`), secret, "HS256")
	if err != nil {
		t.Fatal(err)
	}
	_, err = mustVerifier(t, WithAlgorithms("RS256", "HS256"), WithKeys(pub)).VerifyJWS(forged)
	if err == nil {
		t.Fatal("HS256 token verified with an RSA public key")
	}
	if !errors.Is(err, ErrKeyNotFound) && !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("unexpected error %v", err)
	}
}

// One Verifier shared by goroutines for JWS (run with -race).
func TestVerifyJWSConcurrently(t *testing.T) {
	k := mustGenerate(t, "HS256")
	v := mustVerifier(t, WithAlgorithms("HS256"), WithKeys(k))
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			payload := []byte{byte(g)}
			for i := 0; i < 200; i++ {
				tok, err := SignJWS(payload, k, "HS256")
				if err != nil {
					errs <- err
					return
				}
				res, err := v.VerifyJWS(tok)
				if err != nil || res.Payload[0] != byte(g) {
					errs <- errors.New("wrong payload or error: " + errString(err))
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
