"""Drives the jwtcore executable: every command, every exit code (0 ok, 1 not valid, 2 usage or
input), inputs from arguments, @files and stdin, colour only on a terminal, hostile inputs, and
references nobody here wrote (RFC 7638, RFC 8037 and RFC 7797 examples, openssl)."""

from __future__ import annotations

import json
import os
import pathlib
import pty
import re
import shutil
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from cli_support import (CLI, SOURCE_ROOT, assert_one_line, b64u, b64u_decode, claims_of, fails,  # noqa: E402
                         header_of, keygen, ok, run)

if CLI is None:
    pytest.fail("jwtcore executable not found: build it (ninja tools/jwtcore/jwtcore) or set JWTCORE_CLI",
                pytrace=False)

COMMANDS = ["decode", "verify", "sign", "encrypt", "decrypt", "keygen", "pubkey", "thumbprint", "convert", "jwks"]

# RFC 7638 §3.1: the example RSA key and its SHA-256 thumbprint.
RFC7638_KEY = {
    "kty": "RSA",
    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3"
         "oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdA"
         "ZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-"
         "kEgU8awapJzKnqDKgw",
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29",
}
RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"

# RFC 8037 Appendix A.1-A.4: an Ed25519 key, its thumbprint and a deterministic EdDSA JWS.
RFC8037_PRIVATE = {"kty": "OKP", "crv": "Ed25519", "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
                   "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
RFC8037_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
RFC8037_PAYLOAD = "Example of Ed25519 signing"
RFC8037_JWS = ("eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijc"
               "NR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg")

# RFC 7797 §4.2: HS256, unencoded ("b64": false) detached payload "$.02".
RFC7797_KEY = {"kty": "oct", "k": "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}
RFC7797_DETACHED = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"


@pytest.fixture
def ed(tmp_path):
    return keygen(tmp_path, "EdDSA", "ed", "--kid", "ed-1")


@pytest.fixture
def token(ed):
    return ok("sign", "--key", str(ed[0]), "--sub", "alice", "--iss", "https://issuer.example", "--aud", "api",
              "--exp", "15m").strip()


def write(path: pathlib.Path, data) -> pathlib.Path:
    if isinstance(data, (dict, list)):
        data = json.dumps(data)
    (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)
    return path


# ---- general: version, help, usage errors ------------------------------------------------------

def test_version_names_the_cli_and_the_loaded_library():
    out = ok("--version")
    assert re.fullmatch(r"jwtcore \d+\.\d+\.\d+ \(libjwtcore \d+\.\d+\.\d+, ABI \d+\)\n", out), out


def test_top_level_help_lists_every_command_and_exit_codes():
    out = ok("--help")
    for c in COMMANDS:
        assert f"\n  {c} " in out
    assert "Exit status" in out and "NO_COLOR" in out and "1 MiB" in out


def test_no_arguments_prints_help_and_exits_2():
    r = run()
    assert r.returncode == 2 and b"Usage: jwtcore COMMAND" in r.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command):
    out = ok(command, "--help")
    assert out.startswith(f"Usage: jwtcore {command}")
    assert "Examples:" in out and f"jwtcore {command}" in out.split("Examples:")[1]


def test_unknown_command_is_a_usage_error():
    assert "unknown command 'frobnicate'" in fails(2, "frobnicate")


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_is_a_usage_error(command):
    assert "unknown option '--no-such-option'" in fails(2, command, "--no-such-option")


def test_option_without_its_value_is_a_usage_error(ed):
    assert "--alg needs a value" in fails(2, "sign", "--key", str(ed[0]), "--alg")


def test_output_write_failure_is_reported(ed):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        r = subprocess.run([str(CLI), "pubkey", str(ed[0])], stdout=full, stderr=subprocess.PIPE)
    assert r.returncode == 2 and b"cannot write" in r.stderr


# ---- keygen, pubkey, thumbprint, convert, jwks -------------------------------------------------

@pytest.mark.parametrize("spec,kty,private_member", [
    ("EdDSA", "OKP", "d"), ("Ed25519", "OKP", "d"), ("X25519", "OKP", "d"), ("ES256", "EC", "d"),
    ("ES384", "EC", "d"), ("ES512", "EC", "d"), ("ES256K", "EC", "d"), ("P-256", "EC", "d"),
    ("ECDH-ES+A256KW", "EC", "d"), ("RS256", "RSA", "p"), ("PS256", "RSA", "q"), ("RSA-OAEP-256", "RSA", "d"),
    ("HS256", "oct", "k"), ("A256KW", "oct", "k"), ("A256GCM", "oct", "k"),
])
def test_keygen_prints_a_private_jwk(spec, kty, private_member):
    jwk = json.loads(ok("keygen", spec))
    assert jwk["kty"] == kty and private_member in jwk
    if spec not in ("Ed25519", "X25519", "P-256"):
        assert jwk["alg"] == spec


def test_keygen_kid_options(tmp_path):
    assert json.loads(ok("keygen", "ES256", "--kid", "k-2025"))["kid"] == "k-2025"
    priv = write(tmp_path / "k.jwk", ok("keygen", "EdDSA", "--kid-thumbprint"))
    assert json.loads(priv.read_text())["kid"] == ok("thumbprint", str(priv)).strip()
    assert "exclude each other" in fails(2, "keygen", "EdDSA", "--kid", "a", "--kid-thumbprint")


def test_keygen_out_is_private_to_the_owner_and_public_out_has_no_secret(tmp_path):
    priv, pub = tmp_path / "k.jwk", tmp_path / "k.pub.jwk"
    assert ok("keygen", "ES256", "--out", str(priv), "--public-out", str(pub)) == ""
    assert priv.stat().st_mode & 0o777 == 0o600
    public = json.loads(pub.read_text())
    assert "d" not in public and public["crv"] == "P-256"
    assert {k: v for k, v in json.loads(priv.read_text()).items() if k != "d"} == public


def test_keygen_refusals():
    assert "unknown algorithm" in fails(2, "keygen", "ES999")
    assert "keygen none" in fails(2, "keygen", "none")
    assert "no public part" in fails(2, "keygen", "HS256", "--public-out", "/tmp/never-written.jwk")
    assert not os.path.exists("/tmp/never-written.jwk")
    assert "missing ALG" in fails(2, "keygen")


def test_thumbprint_matches_rfc7638(tmp_path):
    key = write(tmp_path / "rfc7638.jwk", RFC7638_KEY)
    assert ok("thumbprint", str(key)) == RFC7638_THUMBPRINT + "\n"
    assert ok("thumbprint", "--uri", str(key)) == f"urn:ietf:params:oauth:jwk-thumbprint:sha-256:{RFC7638_THUMBPRINT}\n"
    assert len(b64u_decode(ok("thumbprint", "--hash", "sha512", str(key)).strip())) == 64
    assert "--hash md5" in fails(2, "thumbprint", "--hash", "md5", str(key))


def test_thumbprint_matches_rfc8037_and_lists_a_set(tmp_path):
    one = write(tmp_path / "ed.jwk", RFC8037_PRIVATE)
    assert ok("thumbprint", str(one)).strip() == RFC8037_THUMBPRINT
    public_ed = {k: v for k, v in RFC8037_PRIVATE.items() if k != "d"}
    jwks = write(tmp_path / "set.json", {"keys": [dict(RFC7638_KEY), dict(public_ed, kid="ed")]})
    assert ok("thumbprint", str(jwks)).splitlines() == [f"{RFC7638_THUMBPRINT} 2011-04-29", f"{RFC8037_THUMBPRINT} ed"]
    listed = json.loads(ok("thumbprint", "--json", "@" + str(jwks)))
    assert [e["thumbprint"] for e in listed] == [RFC7638_THUMBPRINT, RFC8037_THUMBPRINT]


def test_pubkey_drops_private_members(tmp_path, ed):
    pub = json.loads(ok("pubkey", str(ed[0])))
    assert "d" not in pub and pub["kid"] == "ed-1" and pub["alg"] == "EdDSA"
    assert ok("pubkey", "--pem", str(ed[0])).startswith("-----BEGIN PUBLIC KEY-----\n")
    hmac, _ = keygen(tmp_path, "HS256", "h")
    assert "no public part" in fails(2, "pubkey", str(hmac))


def test_pubkey_pem_agrees_with_openssl(tmp_path):
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    priv, _ = keygen(tmp_path, "ES256", "ec")
    pem = write(tmp_path / "ec.pem", ok("convert", str(priv), "--to", "pem"))
    assert pem.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    theirs = subprocess.run(["openssl", "pkey", "-in", str(pem), "-pubout"], capture_output=True, check=True).stdout.decode()
    assert ok("pubkey", "--pem", str(pem)) == theirs
    # And a key openssl generated imports, in PEM and in DER.
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(tmp_path / "o.pem")], check=True)
    subprocess.run(["openssl", "pkey", "-in", str(tmp_path / "o.pem"), "-outform", "DER", "-out", str(tmp_path / "o.der")],
                   check=True)
    assert ok("thumbprint", str(tmp_path / "o.pem")) == ok("thumbprint", str(tmp_path / "o.der"))


def test_convert_round_trips_and_refusals(tmp_path):
    priv, _ = keygen(tmp_path, "RS256", "rsa")
    pem = write(tmp_path / "rsa.pem", ok("convert", str(priv), "--to", "pem"))
    back = json.loads(ok("convert", str(pem), "--to", "jwk"))
    assert back["d"] == json.loads(priv.read_text())["d"]
    public = json.loads(ok("convert", str(pem), "--to", "jwk", "--public"))
    assert "d" not in public
    assert ok("convert", str(priv), "--to", "pem", "--public").startswith("-----BEGIN PUBLIC KEY-----")
    hmac, _ = keygen(tmp_path, "HS256", "h")
    assert "no PEM form" in fails(2, "convert", str(hmac), "--to", "pem")
    assert "--to must be jwk or pem" in fails(2, "convert", str(priv))


def test_jwks_builds_a_public_set(tmp_path, ed):
    ec, _ = keygen(tmp_path, "ES256", "ec", "--kid", "ec-1")
    pem = write(tmp_path / "rsa.pem", ok("convert", str(keygen(tmp_path, "RS256", "r")[0]), "--to", "pem"))
    jwks = json.loads(ok("jwks", str(ed[0]), str(ec), str(pem)))
    assert [k["kty"] for k in jwks["keys"]] == ["OKP", "EC", "RSA"]
    assert all(not ({"d", "p", "q"} & set(k)) for k in jwks["keys"])
    assert [k.get("kid") for k in jwks["keys"]] == ["ed-1", "ec-1", None]
    merged = json.loads(ok("jwks", str(write(tmp_path / "s.json", jwks)), str(ed[1])))
    assert len(merged["keys"]) == 4
    assert "oct" in fails(2, "jwks", str(keygen(tmp_path, "HS256", "h")[0]))
    assert "missing KEYFILE" in fails(2, "jwks")


def test_key_file_errors_are_usage_errors(tmp_path):
    assert "cannot open" in fails(2, "pubkey", str(tmp_path / "absent.jwk"))
    assert "the file is empty" in fails(2, "pubkey", str(write(tmp_path / "empty", "")))
    assert "not a JWK" in fails(2, "pubkey", str(write(tmp_path / "text", "hello")))
    assert "invalid PEM" in fails(2, "pubkey", str(write(tmp_path / "bin", os.urandom(300) + b"\0")))
    assert "invalid JSON" in fails(2, "pubkey", str(write(tmp_path / "bad.jwk", "{\"kty\":")))
    bad_point = dict(RFC8037_PRIVATE, x="AAAA")
    assert "key" in fails(2, "pubkey", str(write(tmp_path / "bad2.jwk", bad_point)))
    assert "is a directory" in fails(2, "pubkey", str(tmp_path))
    assert "no usable key" in fails(2, "thumbprint", "@" + str(write(tmp_path / "none.json", {"keys": []})))


# ---- sign ---------------------------------------------------------------------------------------

SIGNING_ALGS = ["EdDSA", "ES256", "ES384", "ES512", "ES256K", "RS256", "PS384", "HS256", "HS512"]


@pytest.mark.parametrize("alg", SIGNING_ALGS)
def test_sign_then_verify_every_family(tmp_path, alg):
    priv, pub = keygen(tmp_path, alg, "k")
    token = ok("sign", "--key", str(priv), "--sub", "s", "--exp", "5m").strip()
    assert header_of(token) == {"alg": alg, "typ": "JWT"}
    assert "valid" in ok("verify", "--key", str(pub), "--alg", alg, token)
    other, other_pub = keygen(tmp_path, alg, "other")
    assert "invalid" in fails(1, "verify", "--key", str(other_pub), "--alg", alg, token)


def test_sign_sets_the_claims_the_options_name(ed):
    out = ok("sign", "--key", str(ed[0]), "--sub", "alice", "--iss", "https://i.example", "--aud", "a1", "--aud", "a2",
             "--exp", "15m", "--nbf", "-1m", "--jti", "--typ", "at+jwt", "--kid", "override")
    token = out.strip()
    c = claims_of(token)
    assert c["sub"] == "alice" and c["iss"] == "https://i.example" and c["aud"] == ["a1", "a2"]
    assert c["exp"] - c["iat"] == 900 and c["iat"] - c["nbf"] == 60
    assert len(b64u_decode(c["jti"])) == 16
    assert header_of(token) == {"alg": "EdDSA", "kid": "override", "typ": "at+jwt"}


def test_sign_claims_from_argument_file_and_stdin(tmp_path, ed):
    claims = {"scope": "read write", "n": 3, "nested": {"a": [1, 2]}, "iat": 1700000000}
    for source, stdin in ((json.dumps(claims), None), ("@" + str(write(tmp_path / "c.json", claims)), None),
                          ("-", json.dumps(claims))):
        token = ok("sign", "--key", str(ed[0]), "--claims", source, "--exp", "1h", input=stdin).strip()
        c = claims_of(token)
        assert c["scope"] == "read write" and c["nested"] == {"a": [1, 2]} and c["iat"] == 1700000000


def test_sign_warns_without_exp_and_refuses_bad_input(tmp_path, ed):
    r = run("sign", "--key", str(ed[0]), "--sub", "x")
    assert r.returncode == 0 and b"never expires" in r.stderr
    assert "not valid JSON" in fails(2, "sign", "--key", str(ed[0]), "--claims", "{nope")
    assert "not a JSON object" in fails(2, "sign", "--key", str(ed[0]), "--claims", "[1]")
    assert "not a duration" in fails(2, "sign", "--key", str(ed[0]), "--exp", "soon")
    assert "not a duration" in fails(2, "sign", "--key", str(ed[0]), "--exp", "15y")
    assert "key does not fit" in fails(2, "sign", "--key", str(ed[0]), "--alg", "ES256")
    assert "a private or secret key is required" in fails(2, "sign", "--key", str(ed[1]), "--exp", "1m")
    pem = write(tmp_path / "ec.pem", ok("convert", str(keygen(tmp_path, "ES256", "e")[0]), "--to", "pem"))
    assert "--alg is required" in fails(2, "sign", "--key", str(pem))
    assert "--json applies to raw JWS" in fails(2, "sign", "--key", str(ed[0]), "--json")
    assert "cannot be combined" in fails(2, "sign", "--key", str(ed[0]), "--payload", "x", "--sub", "y")


def test_sign_chooses_a_key_of_a_set_by_kid(tmp_path):
    a, _ = keygen(tmp_path, "ES256", "a", "--kid", "a")
    b, _ = keygen(tmp_path, "ES256", "b", "--kid", "b")
    both = write(tmp_path / "both.json", {"keys": [json.loads(a.read_text()), json.loads(b.read_text())]})
    assert "choose one with --kid" in fails(2, "sign", "--key", str(both))
    token = ok("sign", "--key", str(both), "--kid", "b", "--exp", "1m").strip()
    assert header_of(token)["kid"] == "b"
    assert "no key with kid" in fails(2, "sign", "--key", str(both), "--kid", "c")


def test_sign_with_a_secret_from_argument_file_and_stdin(tmp_path):
    secret = os.urandom(32)
    path = write(tmp_path / "s.bin", secret)
    token = ok("sign", "--secret", "@" + str(path), "--alg", "HS256", "--exp", "1m").strip()
    assert "valid" in ok("verify", "--secret", "-", "--alg", "HS256", token, input=secret)
    text_token = ok("sign", "--secret", "a-32-byte-long-shared-secret-val", "--alg", "HS256", "--exp", "1m").strip()
    assert "valid" in ok("verify", "--secret", "a-32-byte-long-shared-secret-val", "--alg", "HS256", text_token)
    assert "HS256 needs at least 32" in fails(2, "sign", "--secret", "short", "--alg", "HS256")


def test_sign_reproduces_the_rfc8037_eddsa_example(tmp_path):
    key = write(tmp_path / "rfc8037.jwk", RFC8037_PRIVATE)
    assert ok("sign", "--key", str(key), "--alg", "EdDSA", "--payload", RFC8037_PAYLOAD).strip() == RFC8037_JWS


def test_sign_reproduces_the_rfc7797_unencoded_detached_example(tmp_path):
    key = write(tmp_path / "rfc7797.jwk", RFC7797_KEY)
    out = ok("sign", "--key", str(key), "--alg", "HS256", "--payload", "$.02", "--unencoded", "--detached").strip()
    assert out == RFC7797_DETACHED
    assert "$.02" in ok("verify", "--key", str(key), "--alg", "HS256", "--payload", "$.02", RFC7797_DETACHED)
    assert "signature verification failed" in fails(1, "verify", "--key", str(key), "--alg", "HS256",
                                                    "--payload", "$.03", RFC7797_DETACHED)


def test_raw_jws_payload_file_detached_and_json(tmp_path, ed):
    data = bytes(range(256))
    path = write(tmp_path / "blob.bin", data)
    compact = ok("sign", "--key", str(ed[0]), "--payload", "@" + str(path)).strip()
    assert b64u_decode(compact.split(".")[1]) == data
    out = json.loads(ok("verify", "--jws", "--json", "--key", str(ed[1]), compact))
    assert out["valid"] and b64u_decode(out["payload_base64url"]) == data
    detached = ok("sign", "--key", str(ed[0]), "--payload", "@" + str(path), "--detached").strip()
    assert detached.split(".")[1] == ""
    assert "valid" in ok("verify", "--key", str(ed[1]), "--payload", "@" + str(path), detached)
    assert "invalid" in fails(1, "verify", "--key", str(ed[1]), "--payload", "other", detached)
    flattened = json.loads(ok("sign", "--key", str(ed[0]), "--payload", "hi", "--json"))
    assert set(flattened) == {"payload", "protected", "signature"}
    assert json.loads(ok("verify", "--jws", "--json", "--key", str(ed[1]), json.dumps(flattened)))["payload_text"] == "hi"
    assert "give them with --payload" in fails(2, "sign", "--key", str(ed[0]), "--detached")


# ---- verify -------------------------------------------------------------------------------------

def test_verify_prints_verdict_and_claims(ed, token):
    out = ok("verify", "--key", str(ed[1]), "--alg", "EdDSA", "--iss", "https://issuer.example", "--aud", "api", token)
    assert out.startswith("valid: signature (alg EdDSA, kid \"ed-1\") and claims verified\n")
    assert '"sub": "alice"' in out and re.search(r"expires in 1[45] min", out)


def test_verify_json_verdicts(ed, token):
    good = json.loads(ok("verify", "--json", "--key", str(ed[1]), "--alg", "EdDSA", "--aud", "api", token))
    assert good["valid"] is True and good["claims"]["sub"] == "alice" and good["header"]["kid"] == "ed-1"
    r = run("verify", "--json", "--key", str(ed[1]), "--alg", "EdDSA", "--aud", "other", token)
    assert r.returncode == 1
    bad = json.loads(r.stdout)
    assert bad == {"valid": False, "code": -104, "error": "audience not accepted", "message": bad["message"]}
    assert_one_line(r.stderr.decode())


@pytest.mark.parametrize("options,reason", [
    (["--iss", "https://other.example"], "issuer not accepted"),
    (["--aud", "other"], "audience not accepted"),
    ([], "audience not accepted"),  # the token carries aud; a verifier that accepts none refuses it
    (["--aud", "api", "--require", "email"], "required claim missing"),
    (["--aud", "api", "--scope", "admin"], "required scope missing"),
    (["--aud", "api", "--typ", "at+jwt"], "unexpected token type"),
    (["--aud", "api", "--alg", "ES256"], "algorithm not allowed"),
])
def test_verify_policy_failures_exit_1(ed, token, options, reason):
    alg = [] if "--alg" in options else ["--alg", "EdDSA"]
    assert reason in fails(1, "verify", "--key", str(ed[1]), *alg, *options, token)


def test_verify_scope_and_required_claims_pass_when_present(ed):
    token = ok("sign", "--key", str(ed[0]), "--claims", '{"scope":"read admin","email":"a@b"}', "--exp", "1m").strip()
    assert "valid" in ok("verify", "--key", str(ed[1]), "--scope", "admin", "--require", "email", token)


def test_verify_expiry_and_leeway(ed):
    expired = ok("sign", "--key", str(ed[0]), "--exp", "-2m").strip()
    assert "token expired" in fails(1, "verify", "--key", str(ed[1]), "--alg", "EdDSA", expired)
    assert "valid" in ok("verify", "--key", str(ed[1]), "--alg", "EdDSA", "--leeway", "5m", expired)
    assert "invalid argument" in fails(2, "verify", "--key", str(ed[1]), "--alg", "EdDSA", "--leeway", "1h", expired)
    early = ok("sign", "--key", str(ed[0]), "--exp", "1h", "--nbf", "10m").strip()
    assert "token not yet valid" in fails(1, "verify", "--key", str(ed[1]), early)


def test_verify_needs_algorithms_and_never_accepts_none(tmp_path, ed, token):
    pem = write(tmp_path / "ed.pem", ok("pubkey", "--pem", str(ed[1])))
    assert "--alg is required" in fails(2, "verify", "--key", str(pem), token)
    assert "valid" in ok("verify", "--key", str(pem), "--alg", "EdDSA", "--aud", "api", token)
    assert "never accepted" in fails(2, "verify", "--key", str(ed[1]), "--alg", "none", token)
    assert "unknown algorithm" in fails(2, "verify", "--key", str(ed[1]), "--alg", "XS256", token)
    unsigned = b64u('{"alg":"none"}') + "." + b64u('{"sub":"x","exp":9999999999}') + "."
    assert "algorithm not allowed" in fails(1, "verify", "--key", str(ed[1]), "--alg", "EdDSA", unsigned)


def test_verify_with_a_jwks_picks_the_key_by_kid(tmp_path, ed, token):
    ec, _ = keygen(tmp_path, "ES256", "ec", "--kid", "ec-1")
    jwks = write(tmp_path / "jwks.json", ok("jwks", str(ec), str(ed[0])))
    assert "valid" in ok("verify", "--key", "@" + str(jwks), "--alg", "EdDSA,ES256", "--aud", "api", token)
    assert "valid" in ok("verify", "--key", str(jwks), "--alg", "EdDSA", "--alg", "ES256", "--aud", "api", token)
    only_ec = write(tmp_path / "ec.json", ok("jwks", str(ec)))
    assert "no matching key" in fails(1, "verify", "--key", str(only_ec), "--alg", "EdDSA", "--aud", "api", token)


def test_verify_embedded_jwk_is_never_trusted(tmp_path, ed):
    attacker, attacker_pub = keygen(tmp_path, "EdDSA", "evil")
    header = {"alg": "EdDSA", "jwk": json.loads(attacker_pub.read_text())}
    token = ok("sign", "--key", str(attacker), "--payload", json.dumps({"sub": "admin", "exp": 9999999999})).strip()
    forged = b64u(json.dumps(header)) + "." + ".".join(token.split(".")[1:])
    assert fails(1, "verify", "--key", str(ed[1]), "--alg", "EdDSA", forged)


def test_verify_a_nested_jwt_with_a_decryption_key(tmp_path, ed, token):
    x, x_pub = keygen(tmp_path, "X25519", "x")
    jwe = ok("encrypt", "--key", str(x_pub), "--alg", "ECDH-ES+A256KW", "--cty", "JWT", input=token + "\n").strip()
    out = ok("verify", "--key", str(ed[1]), "--alg", "EdDSA", "--aud", "api", "--decrypt-key", str(x), jwe)
    assert "nested JWT" in out and '"sub": "alice"' in out
    assert fails(1, "verify", "--key", str(ed[1]), "--alg", "EdDSA", "--aud", "api", jwe)


def test_verify_reads_the_token_from_argument_file_and_stdin(tmp_path, ed, token):
    path = write(tmp_path / "t.txt", f"\n  Bearer {token}\n")
    args = ["verify", "--key", str(ed[1]), "--alg", "EdDSA", "--aud", "api"]
    for source, stdin in ((token, None), ("@" + str(path), None), ("-", token + "\n")):
        assert ok(*args, source, input=stdin).startswith("valid")
    assert "write @" in fails(2, *args, str(path))
    assert "already read" in fails(2, "verify", "--secret", "-", "--alg", "HS256", "-", input="x" * 40)


# ---- encrypt / decrypt --------------------------------------------------------------------------

@pytest.mark.parametrize("spec,alg,enc", [
    ("X25519", "ECDH-ES+A256KW", "A256GCM"), ("X25519", "ECDH-ES", "A128CBC-HS256"), ("P-384", "ECDH-ES+A192KW", "A192GCM"),
    ("RSA-OAEP-256", None, "A256CBC-HS512"), ("RSA-OAEP", "RSA-OAEP", "A128GCM"), ("A256KW", None, "A256GCM"),
    ("A128GCMKW", None, "A128GCM"), ("A256GCM", None, None),
])
def test_encrypt_decrypt_round_trip(tmp_path, spec, alg, enc):
    priv, pub = keygen(tmp_path, spec, "k")
    data = b"\x00binary\xffplaintext\n" * 10
    args = ["encrypt", "--key", str(pub)] + (["--alg", alg] if alg else []) + (["--enc", enc] if enc else [])
    jwe = ok(*args, input=data).strip()
    assert jwe.count(".") == 4
    assert header_of(jwe)["enc"] == (enc or spec)
    r = run("decrypt", "--key", str(priv), jwe)
    assert r.returncode == 0 and r.stdout == data


def test_encrypt_input_file_json_serialization_and_decrypt_json(tmp_path):
    priv, pub = keygen(tmp_path, "X25519", "x", "--kid", "x-1")
    path = write(tmp_path / "msg.txt", "hello there")
    flattened = ok("encrypt", "--key", str(pub), "--alg", "ECDH-ES+A128KW", "--in", str(path), "--json")
    doc = json.loads(flattened)
    assert {"protected", "iv", "ciphertext", "tag"} <= set(doc)
    out = json.loads(ok("decrypt", "--json", "--key", str(priv), flattened))
    assert out["plaintext"] == "hello there" and out["alg"] == "ECDH-ES+A128KW" and out["header"]["kid"] == "x-1"
    binary = ok("encrypt", "--key", str(pub), "--alg", "ECDH-ES", input=b"\xff\xfe").strip()
    assert b64u_decode(json.loads(ok("decrypt", "--json", "--key", str(priv), binary))["plaintext_base64url"]) == b"\xff\xfe"


def test_decrypt_failures_exit_1(tmp_path, token):
    priv, pub = keygen(tmp_path, "X25519", "x")
    other, _ = keygen(tmp_path, "X25519", "o")
    jwe = ok("encrypt", "--key", str(pub), "--alg", "ECDH-ES+A256KW", "--enc", "A256GCM", input="secret").strip()
    assert "decryption failed" in fails(1, "decrypt", "--key", str(other), jwe)
    parts = jwe.split(".")
    parts[3] = ("B" if parts[3][0] == "A" else "A") + parts[3][1:]
    assert "decryption failed" in fails(1, "decrypt", "--key", str(priv), ".".join(parts))
    assert "not allowed" in fails(1, "decrypt", "--key", str(priv), "--alg", "ECDH-ES", jwe)
    assert "not allowed" in fails(1, "decrypt", "--key", str(priv), "--enc", "A128GCM", jwe)
    assert fails(1, "decrypt", "--key", str(priv), token)  # a JWS is not a JWE
    r = run("decrypt", "--json", "--key", str(other), jwe)
    assert r.returncode == 1 and json.loads(r.stdout)["decrypted"] is False


def test_encrypt_usage_errors(tmp_path):
    priv, pub = keygen(tmp_path, "X25519", "x")
    bare = write(tmp_path / "bare.jwk", ok("keygen", "P-256"))
    assert "--alg is required" in fails(2, "encrypt", "--key", str(bare), input="x")
    assert "unknown algorithm" in fails(2, "encrypt", "--key", str(pub), "--alg", "ECDH-ES", "--enc", "A1GCM", input="x")
    assert "cannot open" in fails(2, "encrypt", "--key", str(pub), "--alg", "ECDH-ES", "--in", str(tmp_path / "nope"))
    assert "is empty" in fails(2, "encrypt", "--key", str(pub), "--alg", "ECDH-ES", "--cty", "JWT", input=" \n")
    big = write(tmp_path / "big.bin", b"\0" * (8 * 1024 * 1024 + 1))
    assert "8 MiB" in fails(2, "encrypt", "--key", str(pub), "--alg", "ECDH-ES", "--in", str(big))


# ---- decode -------------------------------------------------------------------------------------

def test_decode_shows_header_claims_and_relative_times(ed):
    token = ok("sign", "--key", str(ed[0]), "--sub", "alice", "--exp", "3599s").strip()
    out = ok("decode", token)
    assert out.startswith("JWS  compact  (signature NOT verified")
    assert '"kid": "ed-1"' in out and '"sub": "alice"' in out
    assert re.search(r"exp\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC  expires in 59 min", out), out
    assert "issued 0 s ago" in out or "issued 1 s ago" in out
    assert "Warnings" not in out
    expired = ok("sign", "--key", str(ed[0]), "--exp", "-3h").strip()
    out = ok("decode", expired)
    assert "expired 3 h ago" in out and "the token has expired" in out


def test_decode_json_for_machines(ed, token):
    doc = json.loads(ok("decode", "--json", token))
    assert doc["type"] == "JWS" and doc["verified"] is False
    assert doc["header"] == {"alg": "EdDSA", "kid": "ed-1", "typ": "JWT"}
    assert doc["claims"]["aud"] == "api"
    exp = doc["times"]["exp"]
    assert exp["relative"] == "expires in 14 min" or exp["relative"] == "expires in 15 min"
    assert 890 <= exp["seconds_from_now"] <= 900 and doc["sizes"] == {"signature": 64} and doc["warnings"] == []


def jws_with(header: dict, claims, sig: bytes = b"s" * 32) -> str:
    payload = claims if isinstance(claims, str) else json.dumps(claims)
    return b64u(json.dumps(header)) + "." + b64u(payload) + "." + b64u(sig)


@pytest.mark.parametrize("header,claims,warning", [
    ({"alg": "none"}, {"exp": 9999999999}, 'alg "none": the token is NOT signed'),
    ({"alg": "nOnE"}, {"exp": 9999999999}, "NOT signed"),
    ({"alg": "HS256"}, {"sub": "x"}, "no 'exp' claim: the token never expires"),
    ({"alg": "RS256", "jwk": {"kty": "RSA"}}, {"exp": 9999999999}, "embeds a 'jwk'"),
    ({"alg": "RS256", "jku": "https://evil.example/k"}, {"exp": 9999999999}, "has 'jku'"),
    ({"alg": "RS256", "x5u": "https://evil.example/c"}, {"exp": 9999999999}, "has 'x5u'"),
    ({"alg": "RS256", "x5c": ["MIIB"]}, {"exp": 9999999999}, "x5c"),
    ({"alg": "ES256", "crit": ["exp"], "exp": 1}, {"exp": 9999999999}, "has 'crit' [\"exp\"]"),
    ({"alg": "ES256", "kid": "../../dev/null"}, {"exp": 9999999999}, "'kid' holds path"),
    ({"alg": "ES256"}, {"exp": "tomorrow"}, "claim 'exp' is not a number"),
    ({"alg": "ES256"}, {"exp": 9999999999, "nbf": 9999999990}, "not valid yet"),
])
def test_decode_warns_on_risky_content(header, claims, warning):
    token = jws_with(header, claims)
    out = ok("decode", token)
    assert "Warnings" in out and warning in out, out
    assert warning in " ".join(json.loads(ok("decode", "--json", token))["warnings"])


def test_decode_warns_on_duplicate_members_and_shows_both():
    header = b64u('{"alg":"none","alg":"HS256"}')
    token = header + "." + b64u('{"sub":"a","sub":"b","exp":9999999999}') + "." + b64u(b"x" * 32)
    out = ok("decode", token)
    assert 'member "alg" appears more than once' in out and 'claim "sub" appears more than once' in out
    assert out.count('"sub": ') == 2


def test_decode_escapes_invisible_and_reordering_characters():
    token = jws_with({"alg": "ES256"}, '{"name":"admin\u202e\u200bx","exp":9999999999}')
    out = ok("decode", token)
    assert "admin\\u202e\\u200bx" in out and "\u202e" not in out


def test_decode_raw_detached_and_binary_payloads(ed):
    assert "not a JSON object: \"hello\"" in ok("decode", ok("sign", "--key", str(ed[0]), "--payload", "hello").strip())
    detached = ok("sign", "--key", str(ed[0]), "--payload", "hello", "--detached").strip()
    assert "detached" in ok("decode", detached)
    binary = jws_with({"alg": "ES256"}, "")[:-1]
    binary = b64u('{"alg":"ES256"}') + "." + b64u(b"\xff\x00\x01") + "." + b64u(b"s" * 64)
    assert "binary, hex ff0001" in ok("decode", binary)
    assert json.loads(ok("decode", "--json", binary))["payload_base64url"] == "_wAB"


def test_decode_jwe_shows_the_header_only(tmp_path, token):
    _, pub = keygen(tmp_path, "X25519", "x", "--kid", "enc-1")
    jwe = ok("encrypt", "--key", str(pub), "--alg", "ECDH-ES+A256KW", "--cty", "JWT", input=token).strip()
    out = ok("decode", jwe)
    assert out.startswith("JWE  compact  (content encrypted")
    assert '"cty": "JWT"' in out and '"epk"' in out and "alice" not in out
    assert "encrypted key 40 bytes, iv 12 bytes" in out
    doc = json.loads(ok("decode", "--json", jwe))
    assert doc["type"] == "JWE" and "claims" not in doc and doc["sizes"]["tag"] == 16
    rsa1_5 = b64u('{"alg":"RSA1_5","enc":"A128GCM","zip":"DEF"}') + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"
    out = ok("decode", rsa1_5)
    assert "padding-oracle" in out and "'zip' compression" in out


def test_decode_json_serializations(tmp_path, ed):
    flattened = json.loads(ok("sign", "--key", str(ed[0]), "--payload", '{"sub":"a","exp":9999999999}', "--json"))
    out = ok("decode", json.dumps(flattened))
    assert "JWS  flattened JSON" in out and "Protected header" in out and '"sub": "a"' in out
    general = {"payload": flattened["payload"],
               "signatures": [{"protected": flattened["protected"], "signature": flattened["signature"]},
                              {"protected": b64u('{"alg":"none"}'), "header": {"kid": "2"}, "signature": ""}]}
    out = ok("decode", json.dumps(general))
    assert "general JSON" in out and "(signature 2)" in out and "NOT signed" in out
    _, pub = keygen(tmp_path, "X25519", "x")
    jwe = ok("encrypt", "--key", str(pub), "--alg", "ECDH-ES", "--json", input="m")
    doc = json.loads(ok("decode", "--json", jwe))
    assert doc["type"] == "JWE" and doc["serialization"] == "flattened JSON" and doc["sizes"]["iv"] == 12
    assert "neither a JWS nor a JWE" in fails(2, "decode", '{"a":1}')


def _without_relative_times(text: str) -> str:
    # "issued 0 s ago" can become "issued 1 s ago" between two runs (slow sanitizer builds).
    return re.sub(r"\d+ (?:s|min|h|d) ago|in \d+ (?:s|min|h|d)", "<relative>", text)


def test_decode_inputs_from_file_stdin_and_bearer_prefix(tmp_path, token):
    expected = _without_relative_times(ok("decode", token))
    assert _without_relative_times(ok("decode", "@" + str(write(tmp_path / "t", token + "\n")))) == expected
    assert _without_relative_times(ok("decode", "-", input="  " + token + "\r\n")) == expected
    assert _without_relative_times(ok("decode", "Bearer " + token)) == expected


# ---- colour -------------------------------------------------------------------------------------

def run_on_tty(args, env_extra=None):
    """Runs jwtcore with stdout on a pseudo-terminal; returns what it printed there."""
    primary, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm"
    env.update(env_extra or {})
    proc = subprocess.Popen([str(CLI), *args], stdout=secondary, stderr=subprocess.PIPE, env=env,
                            stdin=subprocess.DEVNULL)
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(primary)
    return proc.returncode, b"".join(chunks)


def test_colour_only_on_a_terminal_and_never_with_no_color(token):
    assert b"\x1b[" not in run("decode", token).stdout
    assert b"\x1b[" not in run("--help").stdout
    code, shown = run_on_tty(["decode", token])
    assert code == 0 and b"\x1b[" in shown and b"alice" in shown
    code, shown = run_on_tty(["decode", token], {"NO_COLOR": "1"})
    assert code == 0 and b"\x1b[" not in shown and b"alice" in shown
    code, shown = run_on_tty(["decode", token], {"NO_COLOR": ""})
    assert b"\x1b[" not in shown


# ---- hostile inputs: always exit 1 or 2 with one line, never a crash --------------------------

def hostile_inputs(tmp_path: pathlib.Path, token: str):
    big = write(tmp_path / "big", b"A" * (10 * 1024 * 1024))
    binary = write(tmp_path / "binary", os.urandom(4096))
    deep = b64u("[" * 200000) + "." + b64u("{}") + "." + b64u(b"s")
    return [
        ("empty argument", [""], None),
        ("empty stdin", ["-"], b""),
        ("empty file", ["@" + str(write(tmp_path / "empty", b""))], None),
        ("whitespace", ["-"], b" \n\t\n"),
        ("binary file", ["@" + str(binary)], None),
        ("binary stdin", ["-"], os.urandom(4096)),
        ("NUL in token", ["-"], token[:20].encode() + b"\0" + token[20:].encode()),
        ("10 MB file", ["@" + str(big)], None),
        ("10 MB stdin", ["-"], b"A" * (10 * 1024 * 1024)),
        ("dots only", ["...."], None),
        ("many dots", ["-"], b"." * 100000),
        ("deep JSON header", ["-"], deep.encode()),
        ("not base64", ["e!.e!.e!"], None),
        ("missing file", ["@" + str(tmp_path / "absent")], None),
        ("JSON garbage", ['{"payload":'], None),
        ("UTF-8 garbage", ["-"], b'{"payload":"\xff\xfe"}'),
    ]


@pytest.mark.parametrize("command", ["decode", "verify", "decrypt"])
def test_hostile_inputs_give_one_line_and_exit_1_or_2(tmp_path, ed, token, command):
    key = ["--key", str(ed[1]), "--alg", "EdDSA"] if command == "verify" else (
        ["--key", str(keygen(tmp_path, "X25519", "x")[0])] if command == "decrypt" else [])
    for name, args, stdin in hostile_inputs(tmp_path, token):
        r = run(command, *key, *args, input=stdin)
        err = r.stderr.decode(errors="replace")
        assert r.returncode in (1, 2), f"{command} {name}: exit {r.returncode}: {err}"
        assert_one_line(err)
        assert r.stdout == b"", f"{command} {name}: printed {r.stdout[:200]!r}"


def test_oversized_and_empty_inputs_are_usage_errors(tmp_path, token):
    assert "1 MiB" in fails(2, "decode", "-", input=b"e" * (1024 * 1024 + 1))
    assert "the token is empty" in fails(2, "decode", "")
    assert "not a token: byte 0x00" in fails(2, "decode", "-", input=b"ab\0cd")


def test_truncated_tokens_never_crash(ed, token):
    for cut in sorted({1, 2, 5, 10, 36, 37, 38, len(token) // 2, len(token) - 87, len(token) - 86, len(token) - 40,
                       len(token) - 2, len(token) - 1}):
        piece = token[:cut]
        r = run("verify", "--key", str(ed[1]), "--alg", "EdDSA", "--aud", "api", piece)
        assert r.returncode == 1, f"cut {cut}: {r.returncode} {r.stderr!r}"
        assert_one_line(r.stderr.decode())
        d = run("decode", piece)
        assert d.returncode in (0, 2), f"decode cut {cut}: {d.returncode}"
        if d.returncode:
            assert_one_line(d.stderr.decode())


# ---- the walk-through (the README's first command) ----------------------------------------------

def test_walkthrough_runs_every_step():
    r = subprocess.run(["bash", str(SOURCE_ROOT / "tools" / "walkthrough.sh"), str(CLI)], capture_output=True, timeout=300,
                       env={k: v for k, v in os.environ.items() if k != "NO_COLOR"})
    out = r.stdout.decode()
    assert r.returncode == 0, out + r.stderr.decode()
    for step in ("$ jwtcore keygen EdDSA", "$ jwtcore sign", "$ jwtcore decode @token.txt", "$ jwtcore verify",
                 "$ jwtcore keygen X25519", "$ jwtcore encrypt", "$ jwtcore decrypt", "walk-through complete"):
        assert step in out, step
    assert out.count("valid: signature") == 2 and out.count("(refused as expected: exit status 1)") == 2


def test_walkthrough_fails_when_a_step_fails(tmp_path):
    broken = write(tmp_path / "jwtcore", f'#!/bin/sh\n[ "$1" = decrypt ] && exit 1\nexec "{CLI}" "$@"\n')
    broken.chmod(0o755)
    r = subprocess.run(["bash", str(SOURCE_ROOT / "tools" / "walkthrough.sh"), str(broken)], capture_output=True,
                       timeout=300)
    assert r.returncode != 0 and b"walk-through complete" not in r.stdout
