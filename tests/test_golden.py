"""Golden tests: the whole rendered output of a small fixture site, pinned byte for byte.

After an intended change to templates or rendering, regenerate and review the diff:

    GOVDISCLOSE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from govdisclose.build import build_site

GOLDEN = Path(__file__).parent / "golden"


def pinned_files(root: Path) -> dict[str, bytes]:
    """Everything but the theme's static assets, which are pinned by their own source files."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith("static/")
    }


def test_fixture_site_renders_exactly_as_pinned(tmp_path):
    out = tmp_path / "out"
    result = build_site(GOLDEN / "site", out, date(2026, 11, 25), search=False)
    assert result.status == 0, [f.location + f.message for f in result.blocking]
    actual = pinned_files(out)
    expected_dir = GOLDEN / "expected"
    if os.environ.get("GOVDISCLOSE_UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, data in actual.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_bytes(data)
    expected = pinned_files(expected_dir)
    assert sorted(actual) == sorted(expected)
    for rel in expected:
        assert actual[rel].decode("utf-8") == expected[rel].decode("utf-8"), rel
