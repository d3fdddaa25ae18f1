// Trampolines from libjwtcore's callbacks (clock, revocation check) into the Go functions that
// callbacks.go exports. The context is a C-allocated uintptr_t holding a cgo.Handle, so that C
// never holds a Go pointer.
#include "_cgo_export.h"

int64_t gojwtcore_clock(void *ctx) { return gojwtcoreClock(*(uintptr_t *)ctx); }

int gojwtcore_revoked(void *ctx, const char *jti, size_t jti_len) {
	return gojwtcoreRevoked(*(uintptr_t *)ctx, (char *)jti, jti_len);
}
