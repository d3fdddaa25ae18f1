"""The ctypes layer: library loading (JWTCORE_LIBRARY, next to the package, the system) with an
error naming every place tried, the ABI check, and one prototype — argtypes, restype and, for
status returns, the raising errcheck — for every function the public headers declare."""

from __future__ import annotations

import ctypes
import os
import re
import sys

import pytest
from conftest import REPO

import jwtcore
from jwtcore import _ffi

HEADERS = REPO / "include" / "jwtcore"


def _declared() -> dict:
    """name -> return type text, for every JWTCORE_API function of the public headers."""
    found = {}
    for h in sorted(HEADERS.glob("*.h")):
        text = re.sub(r"/\*.*?\*/", "", h.read_text(), flags=re.S)
        for m in re.finditer(r"JWTCORE_API\s+(?:JWTCORE_NODISCARD\s+)?([\w\s\*]+?)\s*\b(jwtcore_\w+)\s*\(", text):
            found[m.group(2)] = " ".join(m.group(1).split())
    return found


def test_every_declared_function_has_one_prototype() -> None:
    declared = _declared()
    if not declared:
        pytest.skip("public headers not found")
    missing = sorted(n for n in declared if not isinstance(getattr(_ffi, n, None), ctypes._CFuncPtr))  # type: ignore[attr-defined]
    assert not missing, f"declared in include/jwtcore but not bound in _ffi.py: {missing}"
    for name, ret in declared.items():
        fn = getattr(_ffi, name)
        assert fn.argtypes is not None, name
        if ret == "int":
            assert fn.restype is ctypes.c_int and fn.errcheck is _ffi._check_status, name
        elif ret == "void":
            assert fn.restype is None, name
        else:
            assert fn.restype is not ctypes.c_int, f"{name} returns {ret}"


def test_a_negative_status_never_passes_silently() -> None:
    with pytest.raises(jwtcore.JWTError) as e:
        _ffi.jwtcore_verifier_new(None, 0)  # NULL out
    assert e.value.code == -3 and "NULL" in e.value.message


def test_the_message_is_read_on_the_failing_thread() -> None:
    import threading

    messages = []

    def fail(spec: str) -> None:
        for _ in range(200):
            try:
                jwtcore.Key.generate(spec)
            except jwtcore.JWTError as err:
                messages.append((spec, err.message))

    threads = [threading.Thread(target=fail, args=(s,)) for s in ("XX1", "YY2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(messages) == 400
    assert all(spec in msg for spec, msg in messages)


def test_jwtcore_library_pointing_nowhere_is_a_clear_error() -> None:
    env = dict(os.environ, JWTCORE_LIBRARY="/nonexistent/libjwtcore.so.0")
    import subprocess

    r = subprocess.run([sys.executable, "-c", "import jwtcore"], env=env, capture_output=True, text=True)
    assert r.returncode != 0
    assert "LibraryNotFound" in r.stderr and "/nonexistent/libjwtcore.so.0" in r.stderr
    assert "not falling back" in r.stderr


def test_without_jwtcore_library_the_error_names_every_place_tried() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("JWTCORE_LIBRARY", "LD_LIBRARY_PATH")}
    import subprocess

    r = subprocess.run([sys.executable, "-c", "import jwtcore; print(jwtcore.library_path)"], env=env,
                       capture_output=True, text=True)
    if r.returncode == 0:  # installed on the system or next to the package: found there
        assert r.stdout.strip()
        return
    assert "Tried:" in r.stderr and "JWTCORE_LIBRARY" in r.stderr
    assert os.path.join("jwtcore", "libjwtcore.so.0") in r.stderr  # next to the package
    assert "libjwtcore.so.0 (" in r.stderr  # the loader's own search path


def test_another_abi_generation_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_ffi, "ABI_VERSION", _ffi.ABI_VERSION + 1)
    with pytest.raises(_ffi.LibraryNotFound, match="ABI generation"):
        _ffi._check_abi()


def test_versions() -> None:
    assert jwtcore.library_version.count(".") == 2
    n = _ffi.jwtcore_version_number()
    assert "%d.%d.%d" % (n // 10000, n // 100 % 100, n % 100) == jwtcore.library_version
