"""Shared fixtures: the test-vector corpus (JWTCORE_VECTORS, default ../shared/vectors next to the
repository) and the repository's own fixtures. A missing corpus skips the vector tests."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any, Optional

import pytest

REPO = Path(__file__).resolve().parents[3]
VECTORS = Path(os.environ.get("JWTCORE_VECTORS") or REPO.parent / "shared" / "vectors")
FIXTURES = REPO / "tests" / "fixtures"


def vector_path(rel: str) -> Optional[Path]:
    p = VECTORS / rel
    return p if p.is_file() else None


def load_vector(rel: str) -> Any:
    """The parsed JSON of a vector file; skips the test when the corpus lacks it."""
    p = vector_path(rel)
    if p is None:
        pytest.skip(f"test vector {rel} not found under {VECTORS}")
    return json.loads(p.read_text(encoding="utf-8"))


def vector_json_or_none(rel: str) -> Any:
    """For parametrization at collection time: None when absent (the ids then say so)."""
    p = vector_path(rel)
    return json.loads(p.read_text(encoding="utf-8")) if p else None


def b64u_decode(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64u_encode(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode("ascii")


def header_of(token: str) -> dict:
    return json.loads(b64u_decode(token.split(".", 1)[0]))

