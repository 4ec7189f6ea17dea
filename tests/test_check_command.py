"""`govdisclose check`: exit statuses and the four output formats."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

from govdisclose.cli import main

from .conftest import REPO, SITE_YAML, notice_md

# These small sites test the output formats; the half-year report rule has its own tests.
NO_HALFYEAR = SITE_YAML + "rules:\n  halfyear: false\n"

FINDING_KEYS = {
    "rule": str,
    "severity": str,
    "department": (str, type(None)),
    "item": (str, type(None)),
    "notice": (str, type(None)),
    "path": str,
    "line": (int, type(None)),
    "message": str,
    "due": (str, type(None)),
    "days_overdue": (int, type(None)),
}


def late_site(make_site):
    """One overdue periodic item, one late ad-hoc notice, one warning; everything else on time."""
    return make_site(
        {
            "site.yaml": NO_HALFYEAR,
            "content/plan.md": notice_md(item="gov-01", published="2026-06-01"),
            "content/stats.md": notice_md(item="gov-02", published="2026-10-20"),
            "content/late.md": notice_md(item="gov-09", published="2026-11-09", decided="2026-11-02"),
            "content/hot.md": notice_md(item="gov-12", published="2026-11-12", received="2026-11-10"),
            "content/dept.md": notice_md(item="dept-01", department="czj", published="2026-11-20"),
        }
    )


def run(args, capsys):
    status = main(args)
    return status, capsys.readouterr().out


def test_clean_site_exits_0(make_site, capsys):
    root = make_site(
        {
            "site.yaml": NO_HALFYEAR,
            "content/plan.md": notice_md(item="gov-01", published="2026-06-01"),
            "content/stats.md": notice_md(item="gov-02", published="2026-11-20"),
            "content/adhoc.md": notice_md(item="gov-09", published="2026-11-12", decided="2026-11-10"),
            "content/hot.md": notice_md(item="gov-12", published="2026-11-12", received="2026-11-10"),
            "content/dept.md": notice_md(item="dept-01", department="czj", published="2026-11-20"),
        }
    )
    status, out = run(["check", "--site", str(root), "--today", "2026-11-25"], capsys)
    assert status == 0, out
    assert "错误 0 项" in out


def test_json_matches_the_schema(make_site, capsys):
    status, out = run(
        ["check", "--site", str(late_site(make_site)), "--today", "2026-11-25", "--format", "json"], capsys
    )
    assert status == 1
    doc = json.loads(out)
    assert list(doc) == ["today", "summary", "findings"]
    assert doc["today"] == "2026-11-25"
    assert set(doc["summary"]) == {"errors", "warnings", "items", "notices"}
    assert doc["summary"]["items"] == 5 and doc["summary"]["notices"] == 5
    for finding in doc["findings"]:
        assert list(finding) == list(FINDING_KEYS)
        for key, types in FINDING_KEYS.items():
            assert isinstance(finding[key], types), (key, finding)
        assert finding["severity"] in ("error", "warning")
    errors = {(f["rule"], f["item"], f["days_overdue"]) for f in doc["findings"] if f["severity"] == "error"}
    assert errors == {("periodic-overdue", "gov-02", 5), ("adhoc-late", "gov-09", 4)}
    assert doc["summary"]["errors"] == 2
    late = next(f for f in doc["findings"] if f["rule"] == "adhoc-late")
    assert (late["notice"], late["path"], late["line"], late["due"]) == (
        "content/late.md",
        "content/late.md",
        4,
        "2026-11-05",
    )


def test_junit_parses_with_a_testcase_per_item_and_failures_for_errors(make_site, capsys, tmp_path):
    out_file = tmp_path / "report.xml"
    status, _ = run(
        [
            "check",
            "--site",
            str(late_site(make_site)),
            "--today",
            "2026-11-25",
            "--format",
            "junit",
            "--output",
            str(out_file),
        ],
        capsys,
    )
    assert status == 1
    suite = ET.parse(out_file).getroot().find("testsuite")
    cases = suite.findall("testcase")
    names = [(c.get("classname"), c.get("name")) for c in cases]
    assert ("government", "gov-02 统计信息") in names
    assert ("department.czj", "dept-01 部门职能") in names
    assert ("notice", "content/late.md") in names
    failed = sorted(c.get("name") for c in cases if c.find("failure") is not None)
    assert failed == ["content/late.md", "gov-02 统计信息"]
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == "2"


def test_github_annotations(make_site, capsys):
    _, out = run(["check", "--site", str(late_site(make_site)), "--today", "2026-11-25", "--format", "github"], capsys)
    lines = out.splitlines()
    assert "::error file=content/late.md,line=4,title=adhoc-late::" in "\n".join(lines)
    assert any(
        line.startswith("::error file=catalog/government.yaml,line=5,title=periodic-overdue::") for line in lines
    )


def test_text_groups_by_owner_and_item_and_explains_due_dates(make_site, capsys):
    _, out = run(["check", "--site", str(late_site(make_site)), "--today", "2026-11-25"], capsys)
    assert "\n测试市人民政府\n" in out
    assert "  gov-02 统计信息 · 定期公开(每月)\n    错误[periodic-overdue] catalog/government.yaml:5:" in out
    assert "最近发布 2026-10-20 + 1个月 = 2026-11-20" in out


def test_console_script_runs_as_a_module():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "govdisclose",
            "check",
            "--site",
            str(REPO),
            "--today",
            "2026-11-25",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert json.loads(result.stdout)["summary"]["notices"] >= 60


def test_bundled_demo_site_is_valid_and_on_time_on_its_reference_date(capsys):
    status, out = run(["check", "--site", str(REPO), "--today", "2026-11-25", "--format", "json"], capsys)
    doc = json.loads(out)
    assert status == 0, [f for f in doc["findings"] if f["severity"] == "error"]
    assert doc["summary"]["items"] >= 19 + 3 * 12
    assert doc["summary"]["notices"] >= 60
    assert doc["summary"]["warnings"] >= 1  # the demo shows items falling due


def test_bundled_demo_site_reports_overdue_items_later(capsys):
    status, out = run(["check", "--site", str(REPO), "--today", "2027-01-20", "--format", "json"], capsys)
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert status == 1
    assert {"periodic-overdue", "site-refresh-overdue"} <= rules


def test_every_input_error_in_a_notice_names_the_notice(make_site, capsys):
    root = make_site({"content/a.md": "---\ntitle: [未闭合\n---\n", "content/b.md": "没有 front matter\n"})
    assert main(["check", "--site", str(root), "--today", "2026-11-25", "--format", "json"]) == 2
    findings = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["path"].startswith("content/")]
    assert {(f["path"], f["notice"]) for f in findings} == {
        ("content/a.md", "content/a.md"),
        ("content/b.md", "content/b.md"),
    }
