"""Shared fixtures: `make_site` writes a small site inline, so each test states its own input."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from govdisclose.loader import LoadResult, load_site
from govdisclose.rules import Evaluation, evaluate

REPO = Path(__file__).resolve().parent.parent

SITE_YAML = """\
title: 测试市政府信息公开
base_url: https://www.example.gov.cn/
government:
  name: 测试市人民政府
  org_code: "000000001"
departments:
  - {id: czj, name: 测试市财政局, org_code: "000000002"}
"""

GOVERNMENT_YAML = """\
items:
  - id: gov-01
    title: 规划
    timing: fixed
  - id: gov-02
    title: 统计信息
    timing: periodic
  - id: gov-09
    title: 重大建设项目
    timing: ad-hoc
  - id: gov-12
    title: 热点
    timing: hot-issue
"""

DEPARTMENT_YAML = """\
items:
  - id: dept-01
    title: 部门职能
    timing: fixed
"""


def notice_md(
    *,
    title: str = "测试公告",
    item: str = "gov-01",
    published: str = "2026-11-01",
    body: str = "正文。",
    **extra: object,
) -> str:
    """A notice file with the given front-matter keys (values written as YAML scalars)."""
    lines = ["---", f"title: {title}", f"item: {item}", f"published: {published}"]
    for key, value in extra.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body + "\n"


SiteMaker = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> SiteMaker:
    """make_site(files={relpath: text}) → site root; defaults provide a valid small site."""

    def make(files: dict[str, str | bytes] | None = None, *, defaults: bool = True) -> Path:
        root = tmp_path / "site"
        root.mkdir(exist_ok=True)
        contents: dict[str, str | bytes] = {}
        if defaults:
            contents = {
                "site.yaml": SITE_YAML,
                "catalog/government.yaml": GOVERNMENT_YAML,
                "catalog/department.yaml": DEPARTMENT_YAML,
            }
        contents.update(files or {})
        for rel, text in contents.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return root

    return make


def load(root: Path, today: str = "2026-11-25") -> LoadResult:
    return load_site(root, date.fromisoformat(today))


def evaluate_site(root: Path, today: str) -> Evaluation:
    result = load(root, today)
    assert result.site is not None, [f.location + " " + f.message for f in result.findings]
    return evaluate(result.site, date.fromisoformat(today))


def rules_of(evaluation: Evaluation, *, item: str | None = None, rule: str | None = None) -> list[str]:
    return [
        f.rule
        for f in evaluation.findings
        if (item is None or f.item == item) and (rule is None or f.rule == rule) and f.rule != "catalog-incomplete"
    ]
