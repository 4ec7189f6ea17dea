"""No applicant's name or phone number reaches the built site, its feeds or its search index."""

from __future__ import annotations

import contextlib
import gzip
import shutil
from datetime import date
from pathlib import Path

import yaml

from govdisclose.build import build_site

from .conftest import REPO, SITE_YAML, notice_md

NAME, PHONE, ADDRESS = "欧阳秀珍", "13812349876", "幸福路88号"


def every_text(root: Path) -> str:
    """All output files as text, the compressed Pagefind index decompressed."""
    parts = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        with contextlib.suppress(OSError, EOFError):
            data = gzip.decompress(data)
        parts.append(data.decode("utf-8", errors="ignore"))
    return "\n".join(parts)


def test_planted_applicant_never_reaches_the_output(make_site, tmp_path):
    register = f"""\
requests:
  - id: 2026-0001
    received: 2026-11-02
    channel: 网上
    applicant_type: 自然人
    applicant: {{name: {NAME}, phone: "{PHONE}", address: {ADDRESS}}}
    subject: 申请公开城东片区征收补偿方案
    note: 申请人{NAME}电话{PHONE}
    replied: 2026-11-10
    outcome: 予以公开
"""
    root = make_site(
        {
            "site.yaml": SITE_YAML + "rules:\n  halfyear: false\n",
            "requests/2026.yaml": register,
            "content/a.md": notice_md(item="gov-01", body="城东片区征收补偿方案已公开。"),
            "content/pages/apply.md": "---\ntitle: 依申请公开\nslug: apply\n---\n申请方式。\n",
        }
    )
    out = tmp_path / "out"
    result = build_site(root, out, date(2026, 11, 25), search=True)
    assert result.status == 0
    text = every_text(out)
    assert "城东片区征收补偿方案已公开" in text  # the index really was searched
    assert (out / "pagefind").is_dir() and "收到申请" in (out / "pages/apply/index.html").read_text("utf-8")
    for secret in (NAME, PHONE, ADDRESS, "申请公开城东片区征收补偿方案"):
        assert secret not in text, secret


def test_demo_registers_applicants_are_not_published(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("site.yaml", "catalog", "content", "requests", "concerns", "withheld", "reports"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, site / name)
    secrets = set()

    for path in (REPO / "requests").glob("*.yaml"):
        for request in yaml.safe_load(path.read_text("utf-8"))["requests"]:
            for value in (request.get("applicant") or {}).values():
                if len(str(value)) >= 2:
                    secrets.add(str(value))
    assert len(secrets) > 20
    out = tmp_path / "out"
    assert build_site(site, out, date(2026, 11, 25), search=True).status == 0
    text = every_text(out)
    assert [s for s in secrets if s in text] == []
