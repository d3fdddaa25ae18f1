#!/usr/bin/env bash
# A short, real walk-through of the jwtcore CLI (the README's first command ends here):
#   tools/walkthrough.sh path/to/jwtcore
# Every step prints the command it runs, then its output. Any failing step stops the script
# with a non-zero status, and so does a step that should fail but succeeds.
set -euo pipefail

CLI=${1:?usage: tools/walkthrough.sh path/to/jwtcore}
case "$CLI" in /*) ;; *) CLI="$(pwd)/$CLI" ;; esac
[ -x "$CLI" ] || { echo "walkthrough: $CLI is not an executable" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
jwtcore() { "$CLI" "$@"; }

step=0
# run DESCRIPTION COMMAND: shows the command as typed (`jwtcore` is the binary under test) and
# runs it; its messages (stderr) are shown in order with its output.
run() {
  step=$((step + 1))
  printf '\n== %d. %s\n$ %s\n' "$step" "$1" "$2"
  eval "$2" 2>&1
}

# run_refused DESCRIPTION COMMAND: as run, but the command must fail with exit status 1
# (the token is not valid); success or any other status stops the walk-through.
run_refused() {
  step=$((step + 1))
  printf '\n== %d. %s\n$ %s\n' "$step" "$1" "$2"
  local rc=0
  eval "$2" 2>&1 || rc=$?
  if [ "$rc" -ne 1 ]; then
    echo "walkthrough: expected exit status 1 (refused), got $rc" >&2
    exit 1
  fi
  echo "(refused as expected: exit status 1)"
}

echo "jwtcore walk-through in a scratch directory ($WORK)"
run "Which version is this?" \
  'jwtcore --version'
run "Generate an Ed25519 signing key (EdDSA); kid = its RFC 7638 thumbprint" \
  'jwtcore keygen EdDSA --kid-thumbprint --out signing.jwk --public-out signing.pub.jwk && cat signing.pub.jwk'
run "Sign a token for alice that expires in 1 hour" \
  'jwtcore sign --key signing.jwk --sub alice --iss https://issuer.example --aud demo-api --exp 1h --jti > token.txt && cat token.txt'
run "Decode it: header, claims, times (no key needed; nothing verified)" \
  'jwtcore decode @token.txt'
run "Verify it with the public key: signature, exp, issuer and audience" \
  'jwtcore verify --key signing.pub.jwk --alg EdDSA --iss https://issuer.example --aud demo-api @token.txt'
run_refused "The same token for another audience is refused" \
  'jwtcore verify --key signing.pub.jwk --alg EdDSA --iss https://issuer.example --aud other-api @token.txt'
run "Generate an X25519 key to encrypt to" \
  'jwtcore keygen X25519 --kid enc-1 --out enc.jwk --public-out enc.pub.jwk && cat enc.pub.jwk'
run "Encrypt the token to it (ECDH-ES+A256KW, A256GCM): a nested JWT" \
  'jwtcore encrypt --key enc.pub.jwk --alg ECDH-ES+A256KW --enc A256GCM --cty JWT --in token.txt > token.jwe && cat token.jwe'
run "Decode the JWE: only its header is readable" \
  'jwtcore decode @token.jwe'
run "Decrypt it with the private X25519 key" \
  'jwtcore decrypt --key enc.jwk --alg ECDH-ES+A256KW --enc A256GCM @token.jwe > decrypted.txt && cat decrypted.txt && echo'
run "Verify the decrypted token" \
  'jwtcore verify --key signing.pub.jwk --alg EdDSA --iss https://issuer.example --aud demo-api @decrypted.txt'
run_refused "Someone else's X25519 key cannot decrypt it" \
  'jwtcore keygen X25519 --kid enc-1 --out other.jwk && jwtcore decrypt --key other.jwk @token.jwe'

printf '\nwalk-through complete: %d steps passed\n' "$step"
