"""`govdisclose serve` (rebuild, reload, errors in the page) and `govdisclose new notice`."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from govdisclose.cli import main
from govdisclose.scaffold import next_index_no
from govdisclose.search import exact_shards, fnv1a, normalize_number, to_simplified

from .conftest import load, notice_md


def serve_command(root: Path, port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "govdisclose",
        "serve",
        "--site",
        str(root),
        "--port",
        str(port),
        "--today",
        "2026-11-25",
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(predicate, timeout=30.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


@pytest.fixture
def served(make_site):
    root = make_site({"content/a.md": notice_md(item="gov-01", title="初始标题", index_no="000000001/2026-00001")})
    port = free_port()
    process = subprocess.Popen(
        serve_command(root, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base)[0] == 200)
        yield root, base
    finally:
        process.terminate()
        process.communicate(timeout=10)


def version(base: str) -> int:
    return int(fetch(base + "__govdisclose/version")[1])


def test_serve_rebuilds_on_change_and_pages_poll_for_it(served):
    root, base = served
    notice = base + "notices/000000001-2026-00001/"
    status, page = fetch(notice)
    assert status == 200 and "初始标题" in page and "__govdisclose/version" in page
    before = version(base)
    (root / "content/a.md").write_text(
        notice_md(item="gov-01", title="修改后的标题", index_no="000000001/2026-00001"), encoding="utf-8"
    )
    wait_for(lambda: version(base) > before)
    assert "修改后的标题" in fetch(notice)[1]


def test_serve_shows_errors_in_the_page_and_keeps_serving(served):
    root, base = served
    before = version(base)
    (root / "content/b.md").write_text(notice_md(item="gov-01", published="2026-02-30"), encoding="utf-8")
    wait_for(lambda: version(base) > before)
    status, page = fetch(base)
    assert status == 200
    assert 'id="govdisclose-errors"' in page
    assert "content/b.md:4" in page
    # the last good site is still served
    assert "初始标题" in fetch(base + "notices/000000001-2026-00001/")[1]
    (root / "content/b.md").unlink()
    fixed = version(base)
    wait_for(lambda: version(base) > fixed)
    assert 'id="govdisclose-errors"' not in fetch(base)[1]


def test_serve_answers_404_with_the_site_404_page(served):
    _, base = served
    status, page = fetch(base + "no/such/page/")
    assert status == 404 and "页面未找到" in page


def test_new_notice_writes_complete_front_matter(make_site, capsys):
    root = make_site({"content/a.md": notice_md(item="gov-01", index_no="000000001/2026-00007")})
    status = main(
        [
            "new",
            "notice",
            "--site",
            str(root),
            "--item",
            "gov-09",
            "--title",
            "关于:某项目的批复",
            "--today",
            "2026-11-25",
        ]
    )
    assert status == 0
    path = root / capsys.readouterr().out.strip()
    text = path.read_text("utf-8")
    assert path.name == "2026-11-25-00008.md"
    for line in ("item: gov-09", "published: 2026-11-25", "decided: 2026-11-25", "index_no: 000000001/2026-00008"):
        assert line in text
    # the new file is valid input as written
    result = load(root)
    assert result.site is not None
    assert any(n.title == "关于:某项目的批复" for n in result.site.notices)


def test_new_notice_for_a_department_and_unknown_ids(make_site, capsys):
    root = make_site()
    assert (
        main(["new", "notice", "--site", str(root), "--item", "dept-01", "--department", "czj", "--title", "职责"]) == 0
    )
    assert "content/czj/dept-01/" in capsys.readouterr().out
    assert main(["new", "notice", "--site", str(root), "--item", "dept-1", "--department", "czj", "--title", "x"]) == 2
    assert "您是否要写 'dept-01'" in capsys.readouterr().err


def test_next_index_no_continues_the_serial_per_org_and_year():
    existing = ["000000001/2026-00009", "000000001/2025-00040", "000000002/2026-00100"]
    assert next_index_no(existing, "000000001", 2026) == "000000001/2026-00010"
    assert next_index_no(existing, "000000001", 2027) == "000000001/2027-00001"


def test_number_normalisation_for_exact_lookup():
    assert normalize_number("示政办〔2026〕20号") == normalize_number("示政办[2026]20号")
    assert normalize_number("示政办（2026）20号") == normalize_number("示政辦【2026】20號")
    assert normalize_number(" 006630001/2026-00012 ") == "006630001/2026-00012"
    assert to_simplified("財政預算") == "财政预算"


def test_fnv1a_matches_the_reference_vectors():
    # published FNV-1a 32-bit test vectors; search.js implements the same function
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_exact_shards_hold_every_number(tmp_path):
    from datetime import date

    from govdisclose.build import build_site

    from .conftest import REPO

    result = build_site(REPO, tmp_path / "out", date(2026, 11, 25), search=False)
    assert result.plan is not None
    shards = exact_shards(result.plan.notices)
    keys = {k for shard in shards.values() for k in shard}
    numbered = [v.notice for v in result.plan.notices if v.notice.doc_number]
    assert numbered and all(normalize_number(n.doc_number) in keys for n in numbered)
    assert json.dumps(shards, ensure_ascii=False)  # serialisable as written to search/exact/


def test_build_summary_is_printed(make_site, tmp_path, capsys):
    root = make_site({"content/a.md": notice_md(item="gov-01")})
    assert (
        main(["build", "--site", str(root), "--out", str(tmp_path / "o"), "--today", "2026-11-25", "--no-search"]) == 0
    )
    out = capsys.readouterr().out
    assert "页面" in out and "公告 1 篇" in out and "秒" in out


def test_serve_port_in_use_is_reported(make_site):
    root = make_site({"content/a.md": notice_md(item="gov-01")})
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        result = subprocess.run(
            serve_command(root, port),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 2
    assert "无法监听" in result.stderr and "Traceback" not in result.stderr


def test_serve_notices_a_deleted_page(served):
    root, base = served
    (root / "content/pages").mkdir(exist_ok=True)
    (root / "content/pages/guide.md").write_text("---\ntitle: 指南\nslug: guide\n---\n正文\n", encoding="utf-8")
    before = version(base)
    wait_for(lambda: version(base) > before)
    assert fetch(base + "pages/guide/")[0] == 200
    before = version(base)
    (root / "content/pages/guide.md").unlink()
    wait_for(lambda: version(base) > before)
    assert fetch(base + "pages/guide/")[0] == 404


def test_the_404_page_links_from_the_site_path(served):
    _, base = served
    status, page = fetch(base + "deep/missing/path/")
    assert status == 404
    assert 'href="/catalog/"' in page and 'href="#main"' in page
