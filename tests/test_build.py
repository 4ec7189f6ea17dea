"""`govdisclose build`: pages, determinism, atomic output, safety, stable URLs."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from govdisclose.build import build_site
from govdisclose.cli import main

from .conftest import REPO, notice_md

TODAY = date(2026, 11, 25)


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory) -> Path:
    """A private copy of the bundled demo site (tests may add files to it)."""
    root = tmp_path_factory.mktemp("demo")
    for name in ("site.yaml", "catalog", "content"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    return root


@pytest.fixture(scope="module")
def demo_build(demo_copy, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "public"
    result = build_site(demo_copy, out, TODAY, search=False)
    assert result.status == 0, [f.location + f.message for f in result.blocking]
    return out


def test_building_twice_gives_identical_html(demo_copy, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert build_site(demo_copy, first, TODAY, search=False).status == 0
    assert build_site(demo_copy, second, TODAY, search=False).status == 0
    a, b = files_of(first), files_of(second)
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []


def test_every_page_kind_is_written(demo_build):
    for rel in (
        "index.html",
        "catalog/index.html",
        "status/index.html",
        "search/index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "feed.xml",
        "items/gov-03/index.html",
        "items/gov-03/feed.xml",
        "dept/czj/index.html",
        "dept/czj/catalog/index.html",
        "dept/czj/feed.xml",
        "pages/guide/index.html",
        "pages/apply/index.html",
        "static/style.css",
    ):
        assert (demo_build / rel).is_file(), rel


def test_notice_urls_come_from_the_index_number(demo_build):
    page = demo_build / "notices/006630001-2026-00023/index.html"
    assert page.is_file()
    text = page.read_text("utf-8")
    assert "006630001/2026-00023" in text


def test_meta_tags_for_national_monitoring(demo_build):
    home = (demo_build / "index.html").read_text("utf-8")
    assert '<meta name="SiteName" content="示例市人民政府信息公开">' in home
    assert '<meta name="SiteDomain" content="www.shili.gov.cn">' in home
    assert '<meta name="SiteIDCode" content="4103000001">' in home
    item = (demo_build / "items/gov-03/index.html").read_text("utf-8")
    assert '<meta name="ColumnName" content="财政预算、决算报告">' in item
    assert '<meta name="ColumnType"' in item
    notice = next((demo_build / "notices").glob("*/index.html")).read_text("utf-8")
    assert '<meta name="ArticleTitle"' in notice
    assert re.search(r'<meta name="PubDate" content="\d{4}-\d{2}-\d{2} \d{2}:\d{2}">', notice)
    assert '<meta name="ContentSource"' in notice


def test_scheduled_notice_is_not_rendered(demo_build, demo_copy):
    scheduled = [p for p in (demo_copy / "content").rglob("*.md") if "published: 2026-12-01" in p.read_text("utf-8")]
    assert scheduled
    title = re.search(r"^title: (.+)$", scheduled[0].read_text("utf-8"), re.M)[1]
    html = "".join(p.read_text("utf-8") for p in demo_build.rglob("*.html"))
    assert title not in html


def test_withdrawn_notice_stays_reachable_with_its_reason(demo_build):
    pages = [p.read_text("utf-8") for p in (demo_build / "notices").glob("*/index.html")]
    withdrawn = [t for t in pages if "notice-banner banner-withdrawn" in t]
    assert withdrawn
    assert "示政〔2026〕30号" in withdrawn[0]  # the reason names the repealing decision
    assert "更新记录" in withdrawn[0]


def test_attachments_are_copied_and_listed(demo_build):
    assert (demo_build / "files/gov/gov-03/2026-budget-tables.csv").is_file()
    budget = [
        p for p in (demo_build / "notices").glob("*/index.html") if "2026-budget-tables.csv" in p.read_text("utf-8")
    ]
    assert budget
    assert re.search(r"CSV,[\d.]+ (B|KB)", budget[0].read_text("utf-8"))


def test_feeds_and_sitemap_are_valid_xml(demo_build):
    feed = ET.parse(demo_build / "feed.xml").getroot()
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert 0 < len(entries) <= 50
    urls = ET.parse(demo_build / "sitemap.xml").getroot().findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    assert len(urls) > 150
    assert all(
        u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text.startswith("https://www.shili.gov.cn/zwgk/")
        for u in urls
    )


def test_links_are_relative_so_the_site_works_under_any_path(demo_build):
    page = (demo_build / "items/gov-03/index.html").read_text("utf-8")
    assert 'href="../../static/style.css"' in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert not [h for h in hrefs if h.startswith("/")]


def test_every_internal_link_resolves(demo_build):
    broken = []
    for page in demo_build.rglob("*.html"):
        if page.name == "404.html":
            continue  # resolved against <base href>: a server shows it at any path
        for href in re.findall(r'(?:href|src)="([^"#?]+)', page.read_text("utf-8")):
            if "://" in href or href.startswith(("mailto:", "tel:", "data:")):
                continue
            target = (page.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() and "pagefind" not in href and "search/" not in href:
                broken.append((page.relative_to(demo_build).as_posix(), href))
    assert broken == []


def test_status_page_states_its_date_and_items(demo_build):
    status = (demo_build / "status/index.html").read_text("utf-8")
    assert "2026-11-25" in status
    assert "即将到期" in status and "不适用" in status
    assert status.count("<tr") > 75


def test_raw_html_is_sanitised(make_site, tmp_path):
    body = (
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">链接</a><p onclick="x()">段落</p>\n\n| 列 |\n|---|\n| 值 |\n'
    )
    root = make_site({"content/a.md": notice_md(item="gov-01", body=body, index_no="000000001/2026-00001")})
    out = tmp_path / "out"
    assert build_site(root, out, TODAY, search=False).status == 0
    page = (out / "notices/000000001-2026-00001/index.html").read_text("utf-8")
    assert "<script>alert" not in page and "onerror" not in page and "javascript:" not in page and "onclick" not in page
    assert "<table>" in page and "段落" in page


def test_broken_notice_exits_2_and_leaves_previous_output(demo_copy, tmp_path, capsys):
    out = tmp_path / "public"
    assert main(["build", "--site", str(demo_copy), "--out", str(out), "--today", "2026-11-25", "--no-search"]) == 0
    before = files_of(out)
    broken = demo_copy / "content/gov/zz-broken.md"
    broken.write_text(notice_md(item="gov-01", published="2026-02-30"), encoding="utf-8")
    try:
        status = main(["build", "--site", str(demo_copy), "--out", str(out), "--today", "2026-11-25", "--no-search"])
    finally:
        broken.unlink()
    captured = capsys.readouterr()
    assert status == 2
    assert "content/gov/zz-broken.md:4: 'published' 不是有效日期" in captured.out
    assert files_of(out) == before
    assert not list(tmp_path.glob(".public.*"))  # no staging folder left behind


def test_personal_data_stops_the_build(make_site, tmp_path, capsys):
    root = make_site({"content/a.md": notice_md(item="gov-01", body="联系人手机 13912345678")})
    out = tmp_path / "public"
    out.mkdir()
    (out / ".govdisclose-build").write_text("", encoding="utf-8")  # an earlier build
    (out / "index.html").write_text("旧版本", encoding="utf-8")
    assert main(["build", "--site", str(root), "--out", str(out), "--today", "2026-11-25", "--no-search"]) == 1
    captured = capsys.readouterr().out
    assert "content/a.md:6:" in captured and "[pii-mobile]" in captured and "139****5678" in captured
    assert "13912345678" not in captured
    assert (out / "index.html").read_text("utf-8") == "旧版本"


def test_staleness_does_not_stop_a_build(make_site, tmp_path):
    root = make_site({"content/a.md": notice_md(item="gov-02", published="2025-01-01")})
    result = build_site(root, tmp_path / "out", TODAY, search=False)
    assert result.status == 0
    assert any(f.rule == "periodic-overdue" for f in result.findings)


def test_urls_do_not_change_when_other_content_changes(demo_copy, tmp_path):
    first = tmp_path / "a"
    build_site(demo_copy, first, TODAY, search=False)
    extra = demo_copy / "content/gov/gov-02/zz-extra.md"
    extra.write_text(notice_md(item="gov-02", published="2026-11-24", title="新增一篇"), encoding="utf-8")
    try:
        second = tmp_path / "b"
        build_site(demo_copy, second, TODAY, search=False)
    finally:
        extra.unlink()
    old = {
        k
        for k in files_of(first)
        if k.startswith(("notices/", "dept/")) and k.endswith("index.html") and "/notices/" in "/" + k
    }
    new = set(files_of(second))
    assert old and old <= new
    # an unrelated notice page is byte-for-byte the same
    sample = sorted(k for k in old if k.startswith("notices/"))[0]
    assert (first / sample).read_bytes() == (second / sample).read_bytes()


def test_site_templates_and_static_override_the_theme(make_site, tmp_path):
    root = make_site(
        {
            "content/a.md": notice_md(item="gov-01"),
            "templates/404.html": '{% extends "base.html" %}{% block content %}<h1>自定义的404</h1>{% endblock %}\n',
            "static/style.css": "body { color: #000; }\n",
        }
    )
    out = tmp_path / "out"
    assert build_site(root, out, TODAY, search=False).status == 0
    assert "自定义的404" in (out / "404.html").read_text("utf-8")
    assert (out / "static/style.css").read_text("utf-8") == "body { color: #000; }\n"
    assert (out / "static/site.js").is_file()  # what is not overridden comes from the theme


def test_item_pages_are_paginated(make_site, tmp_path):
    files = {
        f"content/n{i:02d}.md": notice_md(item="gov-02", published=f"2026-10-{i + 1:02d}", title=f"第{i}期")
        for i in range(25)
    }
    out = tmp_path / "out"
    assert build_site(make_site(files), out, TODAY, search=False).status == 0
    first = (out / "items/gov-02/index.html").read_text("utf-8")
    second = (out / "items/gov-02/page/2/index.html").read_text("utf-8")
    assert "第24期" in first and "第4期" not in first
    assert "第4期" in second and "第0期" in second
    assert 'rel="next"' in first


@pytest.mark.parametrize("where", ["site", "parent", "content", "foreign"])
def test_build_never_replaces_the_site_or_a_foreign_folder(make_site, tmp_path, capsys, where):
    root = make_site({"content/a.md": notice_md(item="gov-01")})
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "报告.docx").write_bytes(b"x")
    out = {"site": root, "parent": root.parent, "content": root / "content" / "out", "foreign": foreign}[where]
    before = files_of(tmp_path)
    assert main(["build", "--site", str(root), "--out", str(out), "--today", "2026-11-25", "--no-search"]) == 2
    assert "输出目录" in capsys.readouterr().out
    assert files_of(tmp_path) == before


def test_template_errors_are_reported_at_their_line(make_site, tmp_path, capsys):
    template = '{% extends "base.html" %}\n{% block content %}\n{{ no_such_variable.attribute }}\n{% endblock %}\n'
    root = make_site({"content/a.md": notice_md(item="gov-01"), "templates/404.html": template})
    status = main(["build", "--site", str(root), "--out", str(tmp_path / "o"), "--today", "2026-11-25", "--no-search"])
    out = capsys.readouterr().out
    assert status == 2 and "Traceback" not in out
    assert "templates/404.html:3: 模板错误" in out


def test_robots_txt_uses_the_site_path(demo_build):
    robots = (demo_build / "robots.txt").read_text("utf-8")
    assert "Disallow: /zwgk/search/exact/" in robots
    assert "Sitemap: https://www.shili.gov.cn/zwgk/sitemap.xml" in robots
