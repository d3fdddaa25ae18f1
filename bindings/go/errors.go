package jwtcore

import (
	"strconv"
)

// Code is a libjwtcore status code (jwtcore/common.h): 0 is success, every error is negative.
// The values are pinned by the C ABI and never renumbered.
type Code int

// Status codes, grouped as in jwtcore/common.h.
const (
	CodeOK Code = 0

	// General (-1 … -19).
	CodeInternal        Code = -1
	CodeNoMemory        Code = -2
	CodeInvalidArgument Code = -3
	CodeInvalidHandle   Code = -4
	CodeBadFlag         Code = -5
	CodeInvalidState    Code = -6
	CodeNotSupported    Code = -7
	CodeRandom          Code = -8

	// Malformed input (-20 … -39).
	CodeMalformed     Code = -20
	CodeBase64        Code = -21
	CodeJSON          Code = -22
	CodeJSONDuplicate Code = -23
	CodeTokenFormat   Code = -24
	CodeHeader        Code = -25
	CodePEM           Code = -26

	// Keys (-40 … -59).
	CodeKeyInvalid     Code = -40
	CodeKeyUnsupported Code = -41
	CodeKeyWeak        Code = -42
	CodeKeyMismatch    Code = -43
	CodeKeyNotFound    Code = -44
	CodeKeyUsage       Code = -45
	CodeKeyNotPrivate  Code = -46
	CodePointInvalid   Code = -47

	// Verification (-60 … -79).
	CodeAlgNotAllowed Code = -60
	CodeBadSignature  Code = -61
	CodeCritUnknown   Code = -62
	CodeTypMismatch   Code = -63
	CodeUnknownAlg    Code = -64

	// Decryption (-80 … -99).
	CodeDecrypt        Code = -80
	CodeEncNotAllowed  Code = -81
	CodeZipUnsupported Code = -82

	// Claims (-100 … -119).
	CodeExpired        Code = -100
	CodeNotYetValid    Code = -101
	CodeIssuedInFuture Code = -102
	CodeIssuer         Code = -103
	CodeAudience       Code = -104
	CodeClaimMissing   Code = -105
	CodeClaimType      Code = -106
	CodeClaimMismatch  Code = -107
	CodeScope          Code = -108
	CodeTooOld         Code = -109
	CodeLifetime       Code = -110
	CodeRevoked        Code = -111

	// Limits (-120 … -139).
	CodeLimitSize       Code = -120
	CodeLimitDepth      Code = -121
	CodeLimitIterations Code = -122
	CodeLimitInflate    Code = -123
)

// String is the library's static text for the code (jwtcore_strerror).
func (c Code) String() string { return strerror(c) }

// Error is a failed libjwtcore call: the status code and the detail the library recorded for
// it on the calling thread (jwtcore_last_error_message). The message names the member, claim
// or limit involved; it never contains key material, plaintext or string claim values.
//
// Compare with errors.Is against the sentinels (ErrExpired, ErrInvalidSignature, …; a few of
// them, such as ErrMalformed, stand for a whole group of codes), or read Code after errors.As.
type Error struct {
	Code    Code
	Message string
}

func (e *Error) Error() string {
	text := "jwtcore: " + e.Code.String() + " (" + strconv.Itoa(int(e.Code)) + ")"
	if e.Message != "" {
		text += ": " + e.Message
	}
	return text
}

// Is reports whether e has the target's code, or — for a group sentinel such as ErrMalformed —
// a code in the target's group.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok || e == nil || t == nil {
		return false
	}
	if g, ok := groups[t]; ok {
		return g(e.Code)
	}
	return t.Code == e.Code
}

func sentinel(c Code) *Error { return &Error{Code: c} }

// Sentinels for errors.Is, one per code a caller of this package can meet (CodeInvalidState
// cannot happen: NewVerifier applies every option before it freezes the verifier; CodeInternal,
// CodeNoMemory and CodeRandom are not expected and are read from Error.Code).
var (
	ErrInvalidArgument = sentinel(CodeInvalidArgument)
	ErrInvalidHandle   = sentinel(CodeInvalidHandle)
	ErrNotSupported    = sentinel(CodeNotSupported)

	ErrBase64        = sentinel(CodeBase64)
	ErrJSON          = sentinel(CodeJSON)
	ErrJSONDuplicate = sentinel(CodeJSONDuplicate)
	ErrTokenFormat   = sentinel(CodeTokenFormat)
	ErrHeader        = sentinel(CodeHeader)
	ErrPEM           = sentinel(CodePEM)

	ErrKeyUnsupported = sentinel(CodeKeyUnsupported)
	ErrKeyWeak        = sentinel(CodeKeyWeak)
	ErrKeyMismatch    = sentinel(CodeKeyMismatch)
	ErrKeyNotFound    = sentinel(CodeKeyNotFound)
	ErrKeyUsage       = sentinel(CodeKeyUsage)
	ErrKeyNotPrivate  = sentinel(CodeKeyNotPrivate)
	ErrPointInvalid   = sentinel(CodePointInvalid)

	ErrAlgorithmNotAllowed = sentinel(CodeAlgNotAllowed)
	ErrInvalidSignature    = sentinel(CodeBadSignature)
	ErrCritUnknown         = sentinel(CodeCritUnknown)
	ErrTypMismatch         = sentinel(CodeTypMismatch)
	ErrUnknownAlgorithm    = sentinel(CodeUnknownAlg)

	// ErrDecrypt is every cryptographic decryption failure (key unwrap, tag, padding, CEK
	// length, invalid ECDH peer point): one code and one message, so that no oracle exists.
	ErrDecrypt              = sentinel(CodeDecrypt)
	ErrEncryptionNotAllowed = sentinel(CodeEncNotAllowed)
	ErrZipUnsupported       = sentinel(CodeZipUnsupported)

	ErrExpired        = sentinel(CodeExpired)
	ErrNotYetValid    = sentinel(CodeNotYetValid)
	ErrIssuedInFuture = sentinel(CodeIssuedInFuture)
	ErrIssuer         = sentinel(CodeIssuer)
	ErrAudience       = sentinel(CodeAudience)
	ErrClaimMissing   = sentinel(CodeClaimMissing)
	ErrClaimType      = sentinel(CodeClaimType)
	ErrClaimMismatch  = sentinel(CodeClaimMismatch)
	ErrScope          = sentinel(CodeScope)
	ErrTooOld         = sentinel(CodeTooOld)
	ErrLifetime       = sentinel(CodeLifetime)
	ErrRevoked        = sentinel(CodeRevoked)

	ErrLimitSize       = sentinel(CodeLimitSize)
	ErrLimitDepth      = sentinel(CodeLimitDepth)
	ErrLimitIterations = sentinel(CodeLimitIterations)

	// Group sentinels.

	// ErrMalformed matches every malformed-input code (-20 … -39): base64url, JSON, duplicate
	// members, token format, header, PEM.
	ErrMalformed = sentinel(CodeMalformed)
	// ErrInvalidKey matches every key code (-40 … -59) except ErrKeyNotFound: a key that is
	// invalid, unsupported, weak, of the wrong type for the algorithm, not allowed by its
	// use/key_ops, not private, or an invalid EC point.
	ErrInvalidKey = sentinel(CodeKeyInvalid)
	// ErrInvalidClaims matches every claims code (-100 … -119): expired, not yet valid, issuer,
	// audience, missing or mistyped claims, scopes, revoked, ….
	ErrInvalidClaims = &Error{Code: CodeExpired}
	// ErrLimit matches every limit code (-120 … -139).
	ErrLimit = sentinel(CodeLimitSize)
)

func inRange(hi, lo Code) func(Code) bool {
	return func(c Code) bool { return c <= hi && c >= lo }
}

// groups maps the group sentinels (compared by identity) to the codes they stand for.
var groups = map[*Error]func(Code) bool{
	ErrMalformed:     inRange(-20, -39),
	ErrInvalidKey:    func(c Code) bool { return c <= -40 && c >= -59 && c != CodeKeyNotFound },
	ErrInvalidClaims: inRange(-100, -119),
	ErrLimit:         inRange(-120, -139),
}

// newError builds the error for status rc. Any non-zero status is an error: a positive one
// from a function documented to return 0 or a negative code is a contract breach, reported as
// CodeInternal rather than ever being mistaken for success.
func newError(rc int, msg string) *Error {
	if rc > 0 {
		return &Error{Code: CodeInternal, Message: "unexpected positive status " + strconv.Itoa(rc) + ": " + msg}
	}
	return &Error{Code: Code(rc), Message: msg}
}
