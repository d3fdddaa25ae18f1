package jwtcore

/*
#cgo pkg-config: libjwtcore
#include <stdlib.h>
#include "gojwtcore.h"

// The pure functions on the hot paths: they neither keep the memory they are given past the
// call (noescape: Go may keep the arguments on the stack) nor call back into Go (nocallback).
#cgo noescape jwtcore_abi_version
#cgo nocallback jwtcore_abi_version
#cgo noescape jwtcore_free
#cgo nocallback jwtcore_free
#cgo noescape jwtcore_last_error_message
#cgo nocallback jwtcore_last_error_message
#cgo noescape gojwtcore_jws_verify
#cgo nocallback gojwtcore_jws_verify
#cgo noescape jwtcore_jws_result_free
#cgo nocallback jwtcore_jws_result_free
#cgo noescape jwtcore_jws_sign
#cgo nocallback jwtcore_jws_sign
*/
import "C"

import (
	"bytes"
	"fmt"
	"runtime"
	"unsafe"
)

// abiVersion is the ABI generation (soname number) this package was written for.
const abiVersion = 0

// call runs fn — one libjwtcore call, or one preamble helper making several — and turns its
// status into an error. The goroutine stays on its OS thread from the call until the thread-local
// message (jwtcore_last_error_message) has been copied: unpinned, it could resume on another
// thread, whose message belongs to another goroutine's call, or another goroutine could run a
// call on this thread first. Every non-zero status is an error; none is ever treated as success.
func call(fn func() C.int) error {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	rc := fn()
	if rc == C.JWTCORE_OK {
		return nil
	}
	return newError(int(rc), C.GoString(C.jwtcore_last_error_message()))
}

// cString passes s to C as pointer + length for the duration of one call (the library never
// relies on NUL termination and never keeps the pointer).
func cString(s string) (*C.char, C.size_t) {
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

// cBytes passes b to C as pointer + length for the duration of one call.
func cBytes(b []byte) (*C.uint8_t, C.size_t) {
	return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b))), C.size_t(len(b))
}

// cText passes JSON or other text held in a byte slice, as cString does.
func cText(b []byte) (*C.char, C.size_t) {
	return (*C.char)(unsafe.Pointer(unsafe.SliceData(b))), C.size_t(len(b))
}

// takeBytes copies a library-owned output into Go memory and releases (and so wipes) the
// library's block.
func takeBytes(p *C.uint8_t, n C.size_t) []byte {
	if p == nil {
		return nil
	}
	out := bytes.Clone(unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n)))
	C.jwtcore_free(unsafe.Pointer(p))
	return out
}

// takeString is takeBytes for text outputs.
func takeString(p *C.uint8_t, n C.size_t) string {
	if p == nil {
		return ""
	}
	out := string(unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n)))
	C.jwtcore_free(unsafe.Pointer(p))
	return out
}

// goString copies borrowed NUL-terminated text ("" for NULL).
func goString(p *C.char) string {
	if p == nil {
		return ""
	}
	return C.GoString(p)
}

func strerror(c Code) string { return C.GoString(C.jwtcore_strerror(C.int(c))) }

// Version is the loaded library's version string, e.g. "0.1.0".
func Version() string { return C.GoString(C.jwtcore_version_string()) }

// ABIVersion is the ABI generation of the loaded library (the soname number).
func ABIVersion() int { return int(C.jwtcore_abi_version()) }

// callOverhead makes the cheapest library call through call; the benchmarks measure with it what
// the helper adds to a bare cgo call.
func callOverhead() error {
	return call(func() C.int {
		C.jwtcore_abi_version()
		return C.JWTCORE_OK
	})
}

// init refuses a library of another ABI generation than the one this package was written for,
// as the Python binding does at load: its functions could have other signatures.
func init() {
	if v := ABIVersion(); v != abiVersion {
		panic(fmt.Sprintf("jwtcore: libjwtcore ABI version %d loaded, this package needs %d", v, abiVersion))
	}
}
