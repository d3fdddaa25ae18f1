package jwtcore

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var (
	allKeyManagement = []string{"dir", "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW",
		"ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", "RSA-OAEP", "RSA-OAEP-256", "RSA1_5",
		"PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"}
	allEncs = []string{"A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"}
)

// decrypter allows every algorithm (RSA1_5 and PBES2 included) with keys.
func decrypter(t testing.TB, keys ...*Key) *Verifier {
	return mustVerifier(t, WithAlgorithms(allKeyManagement...), WithEncryptions(allEncs...), WithDecryptionKeys(keys...),
		WithRSA1_5(), WithPBES2(0))
}

// RFC 7520 §5: every serialization of every example decrypts with each of its keys (5.9 uses
// "zip", which libjwtcore refuses).
func TestCookbookJWE(t *testing.T) {
	files := []string{
		"5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json",
		"5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json",
		"5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json",
		"5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json",
		"5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json",
		"5_6.direct_encryption_using_aes-gcm.json",
		"5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json",
		"5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json",
		"5_9.compressed_content.json",
		"5_10.including_additional_authentication_data.json",
		"5_11.protecting_specific_header_fields.json",
		"5_12.protecting_content_only.json",
		"5_13.encrypting_to_multiple_recipients.json",
	}
	for _, f := range files {
		t.Run(f[:strings.IndexByte(f, '.')], func(t *testing.T) {
			var c struct {
				Input struct {
					Plaintext string
					Key       json.RawMessage
					Pwd       string
				}
				Output map[string]json.RawMessage
			}
			readJSONVector(t, "jose-cookbook/jwe/"+f, &c)
			var keys []*Key
			if c.Input.Pwd != "" {
				k, err := NewSecretKey([]byte(c.Input.Pwd))
				if err != nil {
					t.Fatal(err)
				}
				keys = append(keys, k)
			} else {
				for _, k := range oneOrMany[json.RawMessage](t, c.Input.Key) {
					keys = append(keys, mustJWK(t, string(k)))
				}
			}
			for form, raw := range c.Output {
				token := string(raw)
				var s string
				if json.Unmarshal(raw, &s) == nil {
					token = s
				}
				for i, k := range keys {
					res, err := decrypter(t, k).Decrypt(token)
					if strings.HasPrefix(f, "5_9") {
						wantCode(t, err, CodeZipUnsupported)
						continue
					}
					if err != nil {
						t.Fatalf("%s, key %d: %v", form, i, err)
					}
					if string(res.Plaintext) != c.Input.Plaintext || (len(keys) > 1 && res.RecipientIndex != i) {
						t.Fatalf("%s, key %d: recipient %d, plaintext %q", form, i, res.RecipientIndex, res.Plaintext)
					}
				}
			}
		})
	}
}

// RFC 7516 Appendix A.1-A.3; A.2 (RSA1_5) only with the explicit opt-in.
func TestRFC7516AppendixA(t *testing.T) {
	var ex struct {
		Examples []struct {
			ID        string          `json:"id"`
			Alg       string          `json:"alg"`
			Enc       string          `json:"enc"`
			JWK       json.RawMessage `json:"jwk"`
			Compact   string          `json:"compact"`
			Plaintext string          `json:"plaintext"`
		} `json:"examples"`
	}
	readJSONVector(t, "rfc-appendix/rfc_examples.json", &ex)
	ran := 0
	for _, e := range ex.Examples {
		if !strings.HasPrefix(e.ID, "rfc7516_A.") {
			continue
		}
		ran++
		key := mustJWK(t, string(e.JWK))
		v := mustVerifier(t, WithAlgorithms(e.Alg), WithEncryptions(e.Enc), WithDecryptionKeys(key))
		res, err := v.Decrypt(e.Compact)
		if e.Alg == "RSA1_5" {
			wantCode(t, err, CodeAlgNotAllowed)
			v = mustVerifier(t, WithAlgorithms(e.Alg), WithEncryptions(e.Enc), WithDecryptionKeys(key), WithRSA1_5())
			res, err = v.Decrypt(e.Compact)
		}
		if err != nil || string(res.Plaintext) != e.Plaintext || res.Algorithm != e.Alg || res.Encryption != e.Enc {
			t.Fatalf("%s: %+v %v", e.ID, res, err)
		}
	}
	if ran != 3 {
		t.Fatalf("ran %d examples", ran)
	}
}

// CVE-2023-50967: a PBES2 token with p2c = 10^9 is refused before any PBKDF2 work.
func TestPBES2IterationBombIsRefusedFast(t *testing.T) {
	token := strings.TrimSpace(string(readVector(t, "latchset-jose/tests/cve-2023-50967/cve-2023-50967.jwe")))
	key := mustJWK(t, string(readVector(t, "latchset-jose/tests/cve-2023-50967/cve-2023-50967.jwk")))
	start := time.Now()
	_, err := decrypter(t, key).Decrypt(token)
	if !errors.Is(err, ErrLimitIterations) {
		t.Fatalf("%v", err)
	}
	if d := time.Since(start); d > 50*time.Millisecond {
		t.Fatalf("took %v", d)
	}
	// PBES2 is off unless enabled.
	_, err = mustVerifier(t, WithAlgorithms(allKeyManagement...), WithEncryptions(allEncs...), WithDecryptionKeys(key)).Decrypt(token)
	if err == nil || errors.Is(err, ErrLimitIterations) {
		t.Fatalf("PBES2 disabled: %v", err)
	}
}

// Wycheproof json_web_encryption_test.json, compact-only. RSA1_5 is enabled for the groups whose
// key is bound to RSA1_5 (the MANIFEST: valid only with the opt-in); "zip" is refused by design
// (SECURITY.md #10), so the one valid compressed token is expected to fail.
func TestWycheproofJWE(t *testing.T) {
	var file struct {
		TestGroups []struct {
			Private json.RawMessage `json:"private"`
			Tests   []struct {
				TcID    int      `json:"tcId"`
				Comment string   `json:"comment"`
				Pt      string   `json:"pt"`
				JWE     string   `json:"jwe"`
				Result  string   `json:"result"`
				Flags   []string `json:"flags"`
			} `json:"tests"`
		} `json:"testGroups"`
	}
	readJSONVector(t, "wycheproof/testvectors_v1/json_web_encryption_test.json", &file)
	ran, valid := 0, 0
	for _, g := range file.TestGroups {
		key, importErr := ParseJWK(g.Private)
		var meta struct{ Alg string }
		_ = json.Unmarshal(g.Private, &meta)
		for _, tc := range g.Tests {
			ran++
			want := tc.Result
			if len(tc.Flags) == 1 && tc.Flags[0] == "CompressedPlaintext" {
				want = "invalid"
			}
			err := importErr
			var res *JWE
			if key != nil {
				alg := meta.Alg
				if strings.HasPrefix(alg, "A") && !strings.HasSuffix(alg, "KW") {
					alg = "dir" // a key bound to a content encryption is a "dir" key
				}
				opts := []VerifierOption{WithAlgorithms(alg), WithEncryptions(allEncs...), WithDecryptionKeys(key)}
				if meta.Alg == "RSA1_5" {
					opts = append(opts, WithRSA1_5())
				}
				var v *Verifier
				if v, err = NewVerifier(opts...); err == nil {
					res, err = v.Decrypt(tc.JWE, DecryptCompactOnly())
					v.Close()
				}
			}
			if want == "valid" {
				valid++
				pt, _ := hex.DecodeString(tc.Pt)
				if err != nil {
					t.Errorf("tcId %d (%s): %v", tc.TcID, tc.Comment, err)
				} else if string(res.Plaintext) != string(pt) {
					t.Errorf("tcId %d: plaintext %x, want %s", tc.TcID, res.Plaintext, tc.Pt)
				}
			} else if err == nil {
				t.Errorf("tcId %d (%s, %v): want %s, decrypted", tc.TcID, tc.Comment, tc.Flags, want)
			}
		}
		key.Close()
	}
	if ran != 139 || valid == 0 {
		t.Fatalf("ran %d (%d valid), want 139", ran, valid)
	}
}

func TestEncryptDecryptEveryAlgorithmAndEncryption(t *testing.T) {
	specs := map[string]string{ // key management -> key spec
		"A128KW": "A128KW", "A192KW": "A192KW", "A256KW": "A256KW",
		"A128GCMKW": "A128GCMKW", "A192GCMKW": "A192GCMKW", "A256GCMKW": "A256GCMKW",
		"ECDH-ES": "ECDH-ES", "ECDH-ES+A128KW": "ECDH-ES+A128KW", "ECDH-ES+A192KW": "ECDH-ES+A192KW:P-384",
		"ECDH-ES+A256KW": "ECDH-ES+A256KW:X25519", "RSA-OAEP": "RSA-OAEP", "RSA-OAEP-256": "RSA-OAEP-256",
		"PBES2-HS256+A128KW": "PBES2-HS256+A128KW",
	}
	plaintext := []byte("the content, with bytes \x00\xff")
	for alg, spec := range specs {
		priv := mustGenerate(t, spec)
		encKey := priv
		if typ := priv.Type(); typ == "RSA" || typ == "EC" || typ == "OKP" {
			encKey = publicOf(t, priv)
		}
		v := decrypter(t, priv)
		for _, enc := range allEncs {
			t.Run(alg+"/"+enc, func(t *testing.T) {
				for _, ser := range []Serialization{Compact, Flattened, General} {
					tok, err := Encrypt(plaintext, encKey, alg, enc, WithJWESerialization(ser))
					if err != nil {
						t.Fatal(err)
					}
					res, err := v.Decrypt(tok)
					if err != nil || string(res.Plaintext) != string(plaintext) || res.Algorithm != alg || res.Encryption != enc {
						t.Fatalf("serialization %d: %+v %v", ser, res, err)
					}
				}
			})
		}
	}
	for _, enc := range allEncs {
		k := mustGenerate(t, enc) // a "dir" key of enc's length
		tok, err := Encrypt(plaintext, k, "dir", enc, WithProtectedHeader(map[string]any{"cty": "text/plain"}))
		if err != nil {
			t.Fatal(err)
		}
		res, err := decrypter(t, k).Decrypt(tok)
		if err != nil || string(res.Plaintext) != string(plaintext) || !strings.Contains(string(res.Header), `"cty":"text/plain"`) {
			t.Fatalf("dir %s: %+v %v", enc, res, err)
		}
	}
}

func TestEncryptMultiAADAndUnprotectedHeaders(t *testing.T) {
	a, b := mustGenerate(t, "RSA-OAEP-256"), mustGenerate(t, "A256KW")
	a1, _ := a.WithKid("a")
	b1, _ := b.WithKid("b")
	tok, err := EncryptMulti([]byte("to both"), "A256GCM", []Recipient{
		{Key: publicOf(t, a1), Algorithm: "RSA-OAEP-256"},
		{Key: b1, Algorithm: "A256KW", Header: []byte(`{"x-note":"second"}`)},
	}, WithAAD([]byte("associated")), WithSharedUnprotectedHeader(map[string]any{"jku-free": true}),
		WithProtectedHeader(map[string]any{"cty": "text/plain"}))
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range []*Key{a1, b1} {
		res, err := decrypter(t, k).Decrypt(tok)
		if err != nil || res.RecipientIndex != i || string(res.Plaintext) != "to both" {
			t.Fatalf("recipient %d: %+v %v", i, res, err)
		}
	}
	if _, err := decrypter(t, a1).Decrypt(tok, DecryptCompactOnly()); !errors.Is(err, ErrTokenFormat) {
		t.Fatalf("compact-only: %v", err)
	}
	// The AAD is authenticated: changing it breaks decryption with the one opaque error.
	var m map[string]any
	_ = json.Unmarshal([]byte(tok), &m)
	m["aad"] = b64("other")
	changed, _ := json.Marshal(m)
	_, err = decrypter(t, b1).Decrypt(string(changed))
	wantCode(t, err, CodeDecrypt)
}

// jweSentinelCases are the sentinel cases of TestEverySentinelHasARealCase that need JWE.
func jweSentinelCases(t *testing.T) []struct {
	name     string
	sentinel error
	code     Code
	run      func() error
} {
	kw := mustGenerate(t, "A128KW")
	other := mustGenerate(t, "A128KW")
	tok, err := Encrypt([]byte("secret"), kw, "A128KW", "A128GCM")
	if err != nil {
		t.Fatal(err)
	}
	pbes2 := mustGenerate(t, "PBES2-HS256+A128KW")
	return []struct {
		name     string
		sentinel error
		code     Code
		run      func() error
	}{
		{"decrypt: wrong key", ErrDecrypt, CodeDecrypt, func() error { _, err := decrypter(t, other).Decrypt(tok); return err }},
		{"enc not allowed", ErrEncryptionNotAllowed, CodeEncNotAllowed, func() error {
			_, err := mustVerifier(t, WithAlgorithms("A128KW"), WithEncryptions("A256GCM"), WithDecryptionKeys(kw)).Decrypt(tok)
			return err
		}},
		{"zip unsupported", ErrZipUnsupported, CodeZipUnsupported, func() error {
			_, err := Encrypt([]byte("x"), kw, "A128KW", "A128GCM", WithProtectedHeader(map[string]any{"zip": "DEF"}))
			return err
		}},
		{"limit iterations: p2c over the cap", ErrLimitIterations, CodeLimitIterations, func() error {
			// Encrypted with the default 10000 iterations, decrypted with a cap of 5000.
			tok, err := Encrypt([]byte("x"), pbes2, "PBES2-HS256+A128KW", "A128GCM")
			if err != nil {
				return fmt.Errorf("encrypt: %w", err)
			}
			_, err = mustVerifier(t, WithAlgorithms("PBES2-HS256+A128KW"), WithEncryptions("A128GCM"),
				WithDecryptionKeys(pbes2), WithPBES2(5000)).Decrypt(tok)
			return err
		}},
	}
}
