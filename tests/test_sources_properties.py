"""Property tests for the parsers users' files go through: dates, windows, YAML and front matter."""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from govdisclose.calendar import Window
from govdisclose.diagnostics import INVALID_INPUT
from govdisclose.sources import TextFile, parse_date, parse_yaml, split_front_matter

from .conftest import load, notice_md


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_iso_dates_round_trip(day):
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=20))
def test_parse_date_never_raises(text):
    result = parse_date(text)
    assert result is None or isinstance(result, date)


@given(st.integers(1, 999), st.sampled_from(["days", "workdays", "months", "years"]))
def test_window_round_trips(count, unit):
    assert Window.parse(str(Window(count, unit))) == Window(count, unit)


keys = st.from_regex(r"\A[a-z][a-z_]{0,8}\Z")
scalars = st.one_of(
    st.text(alphabet="示例市公开abc 123", min_size=1, max_size=12).map(str.strip).filter(bool), st.integers()
)


@given(st.dictionaries(keys, scalars, min_size=1, max_size=8), st.integers(0, 30))
def test_yaml_key_lines_match_the_text(mapping, offset):
    text = yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False, width=1000)
    findings = []
    data, ok = parse_yaml(text, "x.yaml", findings, line_offset=offset)
    assert ok and not findings
    lines = text.split("\n")
    for key in mapping:
        line = data.key_lines[key]
        assert lines[line - offset - 1].startswith(f"{key}:") or lines[line - offset - 1].startswith(f"'{key}'")


@given(st.text(max_size=200))
def test_yaml_parser_never_raises_and_locates_errors_inside_the_text(text):
    findings = []
    parse_yaml(text, "x.yaml", findings)
    for finding in findings:
        assert finding.rule == INVALID_INPUT
        assert 1 <= finding.line <= text.count("\n") + 2


@given(st.lists(st.sampled_from(["---", "...", "title: x", "", "正文", "---  ", "a: [b"]), max_size=8))
def test_front_matter_split_is_total(lines):
    text = "\n".join(lines)
    findings = []
    doc = split_front_matter(TextFile("a.md", text), findings)
    assert (doc is None) == bool(findings)
    if doc is not None:
        assert text.split("\n")[doc.body_line - 2].strip() in ("---", "...")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="-:\n tile示例2026[]{}'\"#|>", max_size=120))
def test_loader_reports_garbage_notices_without_raising(tmp_path_factory, text):
    from .conftest import GOVERNMENT_YAML, SITE_YAML

    root = tmp_path_factory.mktemp("site")
    (root / "catalog").mkdir()
    (root / "content").mkdir()
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / "catalog/government.yaml").write_text(GOVERNMENT_YAML, encoding="utf-8")
    (root / "catalog/department.yaml").write_text("items: []\n", encoding="utf-8")
    (root / "content/ok.md").write_text(notice_md(), encoding="utf-8")
    (root / "content/x.md").write_text(text, encoding="utf-8")
    result = load(root)
    for finding in result.findings:
        assert finding.line is not None and finding.line >= 1
    assert (result.site is None) == any(f.rule == INVALID_INPUT for f in result.findings)
