package jwtcore

/*
#include <stdlib.h>
#include "gojwtcore.h"
*/
import "C"

import (
	"math"
	"runtime/cgo"
	"time"
	"unsafe"
)

// callbackContext stores h in C memory (the library's ctx must not be a Go pointer) and returns
// it with the function that releases both.
func callbackContext(h cgo.Handle) (unsafe.Pointer, func()) {
	ctx := C.malloc(C.size_t(unsafe.Sizeof(C.uintptr_t(0))))
	if ctx == nil {
		h.Delete()
		return nil, func() {}
	}
	*(*C.uintptr_t)(ctx) = C.uintptr_t(h)
	return ctx, func() {
		C.free(ctx)
		h.Delete()
	}
}

//export gojwtcoreClock
func gojwtcoreClock(h C.uintptr_t) (now C.int64_t) {
	// A panicking clock must not unwind through C; the time it reports instead is the far future,
	// so that every token with an "exp" is refused (fail closed).
	defer func() {
		if recover() != nil {
			now = math.MaxInt64 / 2 // far enough that "now ± leeway" cannot overflow in C
		}
	}()
	clock := cgo.Handle(h).Value().(func() time.Time)
	return C.int64_t(clock().Unix())
}

//export gojwtcoreRevoked
func gojwtcoreRevoked(h C.uintptr_t, jti *C.char, n C.size_t) (revoked C.int) {
	// A panicking check counts as "revoked" (fail closed), as the C contract asks of any error.
	defer func() {
		if recover() != nil {
			revoked = 1
		}
	}()
	check := cgo.Handle(h).Value().(func(jti string) bool)
	if check(C.GoStringN(jti, C.int(n))) {
		return 1
	}
	return 0
}

// WithClock replaces the system clock for the time checks (exp, nbf, iat), e.g. in tests. clock
// is called from every verifying goroutine at once, so it must be safe for concurrent use. A
// clock that panics makes every token with an "exp" fail as expired.
func WithClock(clock func() time.Time) VerifierOption {
	return func(v *Verifier) error {
		ctx, release := callbackContext(cgo.NewHandle(clock))
		if ctx == nil {
			return &Error{Code: CodeNoMemory, Message: "clock context"}
		}
		v.cleanup = append(v.cleanup, release)
		return call(func() C.int {
			return C.jwtcore_verifier_set_clock(v.h, C.jwtcore_clock_fn(C.gojwtcore_clock), ctx)
		})
	}
}

// WithRevocationCheck sets a check asked, for each token that passed every other check, whether
// its "jti" is revoked (true: the token fails with ErrRevoked). Tokens then need a "jti". The
// check is called from every verifying goroutine at once; one that panics counts as "revoked".
func WithRevocationCheck(revoked func(jti string) bool) VerifierOption {
	return func(v *Verifier) error {
		ctx, release := callbackContext(cgo.NewHandle(revoked))
		if ctx == nil {
			return &Error{Code: CodeNoMemory, Message: "revocation context"}
		}
		v.cleanup = append(v.cleanup, release)
		return call(func() C.int {
			return C.jwtcore_verifier_set_revocation_check(v.h, C.jwtcore_revocation_fn(C.gojwtcore_revoked), ctx)
		})
	}
}
