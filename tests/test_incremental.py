"""`serve` updates the built site in place when notices change: the result must be exactly what
a full build of the same files gives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govdisclose.build import BodyCache, build_site, rebuild_changed_notices

from .conftest import SITE_YAML, notice_md

TODAY = date(2026, 11, 25)
GOV = """\
items:
  - {id: gov-02, title: 统计信息, timing: periodic}
  - {id: gov-09, title: 重大建设项目, timing: ad-hoc}
  - {id: gov-18, title: 规范性文件, timing: ad-hoc}
"""


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def base_files() -> dict[str, str]:
    files = {"site.yaml": SITE_YAML + "rules:\n  halfyear: false\n", "catalog/government.yaml": GOV}
    for i in range(1, 24):
        files[f"content/stats/{i:02d}.md"] = notice_md(item="gov-02", published=f"2026-{(i % 11) + 1:02d}-10",
                                                       title=f"统计月报{i}", index_no=f"000000001/2026-{i:05d}")  # fmt: skip
    files["content/rules/old.md"] = notice_md(item="gov-18", decided="2026-01-01", published="2026-01-02",
                                              title="旧办法", index_no="000000001/2026-00100")  # fmt: skip
    files["content/rules/new.md"] = notice_md(item="gov-18", decided="2026-11-01", published="2026-11-02", title="新办法",
                                              index_no="000000001/2026-00101", replace="000000001/2026-00100")  # fmt: skip
    return files


EDITS = {
    "retitle": {
        "content/stats/05.md": notice_md(
            item="gov-02", published="2026-06-10", title="改过标题的月报", index_no="000000001/2026-00005"
        )
    },
    "move to another item": {
        "content/stats/07.md": notice_md(
            item="gov-09",
            decided="2026-08-01",
            published="2026-08-02",
            title="移到别的事项",
            index_no="000000001/2026-00007",
        )
    },
    "new notice": {
        "content/stats/99.md": notice_md(
            item="gov-02", published="2026-11-24", title="新增月报", index_no="000000001/2026-00099"
        )
    },
    "delete": {"content/stats/03.md": None},
    "edit a repealed notice": {
        "content/rules/old.md": notice_md(
            item="gov-18",
            decided="2026-01-01",
            published="2026-01-02",
            title="旧办法(改名)",
            index_no="000000001/2026-00100",
        )
    },
    "new index number": {
        "content/stats/09.md": notice_md(
            item="gov-02", published="2026-10-10", title="月报9", index_no="000000001/2026-00209"
        )
    },
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_in_place_update_equals_a_full_build(make_site, tmp_path, edit):
    root = make_site(base_files())
    live = tmp_path / "live"
    cache = BodyCache()
    first = build_site(root, live, TODAY, search=False, cache=cache)
    assert first.status == 0
    for rel, text in EDITS[edit].items():
        if text is None:
            (root / rel).unlink()
        else:
            (root / rel).write_text(text, encoding="utf-8")
    result = rebuild_changed_notices(first, set(EDITS[edit]), live, TODAY, cache)
    assert result.status == 0, [f.location + f.message for f in result.findings]
    assert result.pages < len(first.plan.pages)  # only part of the site was rendered
    fresh = tmp_path / "fresh"
    assert build_site(root, fresh, TODAY, search=False).status == 0
    assert files_of(live) == files_of(fresh)


def test_in_place_update_reports_input_errors_and_keeps_the_site(make_site, tmp_path):
    root = make_site(base_files())
    live = tmp_path / "live"
    first = build_site(root, live, TODAY, search=False)
    before = files_of(live)
    (root / "content/stats/02.md").write_text(notice_md(item="gov-02", published="2026-02-30"), encoding="utf-8")
    result = rebuild_changed_notices(first, {"content/stats/02.md"}, live, TODAY, BodyCache())
    assert result.status == 2
    assert [(f.path, f.line) for f in result.blocking] == [("content/stats/02.md", 4)]
    assert files_of(live) == before
