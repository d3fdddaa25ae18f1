"""Shared helpers for the tests that drive the jwtcore executable (test_cli*.py).

The executable is found through JWTCORE_CLI (set by tests/cli/meson.build), else next to the
library named by JWTCORE_LIBRARY (BUILD/src/libjwtcore.so.* -> BUILD/tools/jwtcore/jwtcore, as
tools/test-python.sh sets it), else in the usual build directories of the source tree.
"""

from __future__ import annotations

import base64
import json
import os
import pathlib
import subprocess
from typing import Optional, Union

SOURCE_ROOT = pathlib.Path(os.environ.get("JWTCORE_SOURCE_ROOT", pathlib.Path(__file__).resolve().parents[2]))


def find_cli() -> Optional[pathlib.Path]:
    candidates = []
    if os.environ.get("JWTCORE_CLI"):
        candidates.append(pathlib.Path(os.environ["JWTCORE_CLI"]))
    if os.environ.get("JWTCORE_LIBRARY"):
        candidates.append(pathlib.Path(os.environ["JWTCORE_LIBRARY"]).resolve().parent.parent / "tools" / "jwtcore" / "jwtcore")
    for build in ("build", "build-ci", "build-cli"):
        candidates.append(SOURCE_ROOT / build / "tools" / "jwtcore" / "jwtcore")
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    return None


CLI = find_cli()

Input = Union[str, bytes, None]


def run(*args: str, input: Input = None, env: Optional[dict] = None, cwd: Optional[pathlib.Path] = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """Runs jwtcore with `args`; stdout/stderr come back as bytes. `input` feeds stdin."""
    assert CLI is not None, "jwtcore executable not found"
    data = input.encode() if isinstance(input, str) else input
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    return subprocess.run([str(CLI), *args], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=full_env, cwd=cwd, timeout=timeout,
                          stdin=None if data is not None else subprocess.DEVNULL)


def ok(*args: str, **kw) -> str:
    """Runs jwtcore, asserts exit 0 and returns stdout as text."""
    r = run(*args, **kw)
    assert r.returncode == 0, f"jwtcore {' '.join(args)} -> {r.returncode}: {r.stderr.decode(errors='replace')}"
    return r.stdout.decode()


def fails(code: int, *args: str, **kw) -> str:
    """Runs jwtcore, asserts exit `code` with exactly one line on stderr; returns that line."""
    r = run(*args, **kw)
    err = r.stderr.decode(errors="replace")
    assert r.returncode == code, f"jwtcore {' '.join(a[:80] for a in args)} -> {r.returncode} (wanted {code}): {err}"
    assert_one_line(err)
    return err.strip()


def assert_one_line(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {err!r}"
    assert lines[0].startswith("jwtcore"), lines[0]


def b64u(data: Union[bytes, str]) -> str:
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64u_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def claims_of(token: str) -> dict:
    return json.loads(b64u_decode(token.split(".")[1]))


def header_of(token: str) -> dict:
    return json.loads(b64u_decode(token.split(".")[0]))


def keygen(tmp: pathlib.Path, spec: str, name: str, *extra: str) -> tuple[pathlib.Path, pathlib.Path]:
    """Generates a key; returns (private JWK path, public JWK path or the private one for oct)."""
    priv = tmp / f"{name}.jwk"
    pub = tmp / f"{name}.pub.jwk"
    args = ["keygen", spec, "--out", str(priv), *extra]
    if not spec.startswith(("HS", "A1", "A2", "A3")):
        args += ["--public-out", str(pub)]
    ok(*args)
    return priv, (pub if pub.exists() else priv)
