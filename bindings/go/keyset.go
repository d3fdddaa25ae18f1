package jwtcore

/*
#include "gojwtcore.h"
*/
import "C"

import (
	"runtime"
)

// KeySet is a set of keys of one kind (all secret, all public or all private), typically a
// JWK Set (RFC 7517 §5) fetched from an issuer. Once no goroutine adds to it any more it may be
// read by many goroutines at once. Close releases it (a finalizer is the safety net).
type KeySet struct {
	h *C.jwtcore_keyset
}

func newKeySet(h *C.jwtcore_keyset) *KeySet {
	s := &KeySet{h: h}
	runtime.SetFinalizer(s, (*KeySet).Close)
	return s
}

// Close releases the set and its references to its keys (Keys obtained from it stay valid: each
// holds its own reference). Idempotent; always returns nil.
func (s *KeySet) Close() error {
	if s == nil || s.h == nil {
		return nil
	}
	C.jwtcore_keyset_free(s.h)
	s.h = nil
	runtime.SetFinalizer(s, nil)
	return nil
}

func (s *KeySet) handle() *C.jwtcore_keyset {
	if s == nil {
		return nil
	}
	return s.h
}

// ParseJWKS parses a JWK Set {"keys":[...]}. Entries that cannot be used (unknown kty or crv,
// malformed or weak keys) are skipped, not fatal: see Skipped. The whole set fails for bad JSON,
// a missing "keys" array, or a mix of secret, public and private keys.
func ParseJWKS(jwks []byte, opts ...KeyOption) (*KeySet, error) {
	var h *C.jwtcore_keyset
	p, n := cText(jwks)
	err := call(func() C.int { return C.jwtcore_keyset_from_jwks(&h, p, n, keyFlags(opts)) })
	if err != nil {
		return nil, err
	}
	return newKeySet(h), nil
}

// NewKeySet makes an empty key set.
func NewKeySet() (*KeySet, error) {
	var h *C.jwtcore_keyset
	if err := call(func() C.int { return C.jwtcore_keyset_new(&h, 0) }); err != nil {
		return nil, err
	}
	return newKeySet(h), nil
}

// Add appends k (the set takes its own reference). It fails with ErrInvalidKey if k is of
// another kind (secret / public / private) than the keys already in the set. Not safe
// concurrently with any other use of the set.
func (s *KeySet) Add(k *Key) error {
	if err := k.open(); err != nil {
		return err
	}
	err := call(func() C.int { return C.jwtcore_keyset_add(s.handle(), k.handle()) })
	runtime.KeepAlive(s)
	runtime.KeepAlive(k)
	return err
}

// Len is the number of keys in the set.
func (s *KeySet) Len() int {
	n := int(C.jwtcore_keyset_count(s.handle()))
	runtime.KeepAlive(s)
	return n
}

// Key returns the key at index i (0 <= i < Len), as a Key of its own that outlives the set, or
// nil if i is out of range.
func (s *KeySet) Key(i int) *Key {
	if i < 0 {
		return nil
	}
	h := C.jwtcore_key_ref((*C.jwtcore_key)(C.jwtcore_keyset_get(s.handle(), C.size_t(i))))
	runtime.KeepAlive(s)
	if h == nil {
		return nil
	}
	return newKey(h)
}

// Find returns the one key whose kid is kid. ErrKeyNotFound if none has it, if several do
// (ambiguous), or if only a skipped entry does (the message says why it was skipped).
func (s *KeySet) Find(kid string) (*Key, error) {
	var found *C.jwtcore_key
	p, n := cString(kid)
	err := call(func() C.int {
		var borrowed *C.jwtcore_key
		rc := C.jwtcore_keyset_find(&borrowed, s.handle(), p, n)
		if rc == C.JWTCORE_OK {
			found = C.jwtcore_key_ref(borrowed)
		}
		return rc
	})
	runtime.KeepAlive(s)
	if err != nil {
		return nil, err
	}
	return newKey(found), nil
}

// Skipped lists why each entry that ParseJWKS could not use was skipped.
func (s *KeySet) Skipped() []string {
	n := int(C.jwtcore_keyset_skipped_count(s.handle()))
	reasons := make([]string, 0, n)
	for i := 0; i < n; i++ {
		reasons = append(reasons, goString(C.jwtcore_keyset_skipped_reason(s.handle(), C.size_t(i))))
	}
	runtime.KeepAlive(s)
	return reasons
}

// JWKS exports the set as {"keys":[...]}, each key as Key.JWK(private) writes it.
func (s *KeySet) JWKS(private bool) ([]byte, error) {
	var out *C.uint8_t
	var outLen C.size_t
	err := call(func() C.int { return C.jwtcore_keyset_to_jwks(&out, &outLen, s.handle(), cBool(private)) })
	runtime.KeepAlive(s)
	if err != nil {
		return nil, err
	}
	return takeBytes(out, outLen), nil
}
