"""Every bad-input case: exit 2, `path:line: message`, all of them in one run, no traceback."""

from __future__ import annotations

import re

import pytest

from govdisclose.cli import main

from .conftest import DEPARTMENT_YAML, GOVERNMENT_YAML, SITE_YAML, load, notice_md

LOCATION = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+): (?P<message>.+) \[invalid-input\]$")


def check_text(root, capsys, today="2026-11-25"):
    status = main(["check", "--site", str(root), "--today", today])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return status, captured.out


def input_errors(root, capsys):
    """(exit status, [(path, line, message)]) of the text report."""
    status, out = check_text(root, capsys)
    errors = [(m["path"], int(m["line"]), m["message"]) for m in map(LOCATION.match, out.splitlines()) if m]
    return status, errors


GOV_01 = "items:\n  - id: gov-01\n    title: 规划\n    timing: fixed\n"
GOOD = notice_md(item="gov-01", published="2026-11-01")

CASES = {
    "malformed YAML": (
        {"content/a.md": "---\ntitle: [未闭合\nitem: gov-01\npublished: 2026-11-01\n---\n正文\n"},
        "content/a.md",
        3,
        "YAML 语法错误",
    ),
    "malformed catalog YAML": (
        {"catalog/government.yaml": "items:\n  - id: gov-01\n    title: 规划\n   timing: fixed\n"},
        "catalog/government.yaml",
        4,
        "YAML 语法错误",
    ),
    "unterminated front matter": (
        {"content/a.md": "---\ntitle: 测试\nitem: gov-01\npublished: 2026-11-01\n正文没有结束线\n"},
        "content/a.md",
        1,
        "front matter 未结束",
    ),
    "missing front matter": ({"content/a.md": "只有正文\n"}, "content/a.md", 1, "缺少 front matter"),
    "missing required key": (
        {"content/a.md": "---\ntitle: 测试\nitem: gov-01\n---\n正文\n"},
        "content/a.md",
        2,
        "缺少必填键 'published'",
    ),
    "unknown item id": (
        {"content/a.md": notice_md(item="gov-2")},
        "content/a.md",
        3,
        "没有事项 'gov-2'(您是否要写 'gov-02'?)",
    ),
    "unknown department id": (
        {"content/a.md": notice_md(item="dept-01", department="cjz")},
        "content/a.md",
        5,
        "您是否要写 'czj'",
    ),
    "department item without department": (
        {"content/a.md": notice_md(item="dept-01")},
        "content/a.md",
        3,
        "须写明所属部门 'department'",
    ),
    "impossible date": (
        {"content/a.md": notice_md(published="2026-02-30")},
        "content/a.md",
        4,
        "'published' 不是有效日期",
    ),
    "published before decided": (
        {"content/a.md": notice_md(item="gov-09", published="2026-11-01", decided="2026-11-03")},
        "content/a.md",
        4,
        "早于成文/决定日期",
    ),
    "published before received": (
        {"content/a.md": notice_md(item="gov-12", published="2026-11-01", received="2026-11-03")},
        "content/a.md",
        4,
        "早于收到诉求日期",
    ),
    "ad-hoc without decided": (
        {"content/a.md": notice_md(item="gov-09")},
        "content/a.md",
        2,
        "必须写明成文/决定日期 'decided'",
    ),
    "hot-issue without received": (
        {"content/a.md": notice_md(item="gov-12")},
        "content/a.md",
        2,
        "'received'",
    ),
    "expires before effective": (
        {"content/a.md": notice_md(effective="2026-11-01", expires="2026-10-01")},
        "content/a.md",
        6,
        "失效日期",
    ),
    "duplicate index_no": (
        {
            "content/a.md": notice_md(index_no="000000001/2026-00001"),
            "content/b.md": notice_md(index_no="000000001/2026-00001"),
        },
        "content/b.md",
        5,
        "索引号 000000001/2026-00001 重复(已用于 content/a.md)",
    ),
    "malformed index_no": (
        {"content/a.md": notice_md(index_no="2026-1")},
        "content/a.md",
        5,
        "索引号 '2026-1' 格式不正确",
    ),
    "duplicate item ids": (
        {"catalog/government.yaml": GOVERNMENT_YAML + "  - id: gov-02\n    title: 再来一次\n    timing: fixed\n"},
        "catalog/government.yaml",
        14,
        "事项 id 'gov-02' 重复(catalog/government.yaml:5 已定义)",
    ),
    "withdrawn without changes": (
        {"content/a.md": notice_md(status="withdrawn")},
        "content/a.md",
        5,
        "必须在 'changes' 中写明日期和说明",
    ),
    "amended with an undated change": (
        {"content/a.md": notice_md(status="amended", changes="[{note: 修改了第三条}]")},
        "content/a.md",
        6,
        "缺少必填键 'date'",
    ),
    "reviewed after today": (
        {"catalog/government.yaml": GOV_01 + "    reviewed: 2026-12-01\n"},
        "catalog/government.yaml",
        5,
        "复核日期 2026-12-01 晚于今天 2026-11-25",
    ),
    "missing attachment": (
        {"content/a.md": notice_md(attachments="[表格.xlsx]")},
        "content/a.md",
        5,
        "附件 '表格.xlsx' 不存在",
    ),
    "attachment outside the site": (
        {"content/a.md": notice_md(attachments="[../../etc/passwd]")},
        "content/a.md",
        5,
        "指向站点目录之外",
    ),
    "non-UTF-8 file": (
        {
            "content/a.md": "---\ntitle: 测试\nitem: gov-01\npublished: 2026-11-01\n---\n".encode()
            + "正文".encode("gbk")
        },
        "content/a.md",
        6,
        "不是 UTF-8 编码",
    ),
    "unknown key": ({"content/a.md": notice_md(publised="2026-11-01")}, "content/a.md", 5, "未知的键 'publised'"),
    "unknown timing": (
        {"catalog/government.yaml": "items:\n  - id: gov-01\n    title: 规划\n    timing: fixd\n"},
        "catalog/government.yaml",
        4,
        "您是否要写 'fixed'",
    ),
    "not applicable without reason": (
        {"catalog/government.yaml": GOV_01 + "    applicable: false\n"},
        "catalog/government.yaml",
        5,
        "必须写明原因 'reason'",
    ),
    "duplicate YAML key": (
        {"content/a.md": "---\ntitle: 测试\nitem: gov-01\npublished: 2026-11-01\ntitle: 又一个\n---\n"},
        "content/a.md",
        5,
        "重复的键 'title'",
    ),
    "bad rule window": (
        {"site.yaml": SITE_YAML + "rules:\n  ad_hoc: three days\n"},
        "site.yaml",
        9,
        "时限 'three days' 无效",
    ),
    "missing site.yaml": ({"site.yaml": ""}, "site.yaml", 1, "缺少必填键 'title'"),
    "unknown department file": (
        {"catalog/departments/czi.yaml": "items: []\n"},
        "catalog/departments/czi.yaml",
        1,
        "您是否要写 'czj'",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_reported_at_its_line(make_site, capsys, case):
    files, path, line, fragment = CASES[case]
    root = make_site({"content/ok.md": GOOD, **files})
    status, errors = input_errors(root, capsys)
    assert status == 2
    assert any(p == path and ln == line and fragment in msg for p, ln, msg in errors), errors


def test_all_errors_are_reported_in_one_run(make_site, capsys):
    root = make_site(
        {
            "content/a.md": notice_md(published="2026-02-30"),
            "content/b.md": notice_md(item="gov-99"),
            "content/c.md": "---\ntitle: x\n",
            "catalog/government.yaml": GOVERNMENT_YAML + "  - id: gov-01\n    title: 重复\n    timing: fixed\n",
        }
    )
    status, errors = input_errors(root, capsys)
    assert status == 2
    assert {p for p, _, _ in errors} == {"content/a.md", "content/b.md", "content/c.md", "catalog/government.yaml"}


def test_nothing_is_modified_by_a_check(make_site, capsys):
    root = make_site({"content/a.md": notice_md(published="2026-02-30")})
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    check_text(root, capsys)
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_missing_site_directory_is_a_usage_error(tmp_path, capsys):
    assert main(["check", "--site", str(tmp_path / "nope")]) == 2
    assert "站点目录不存在" in capsys.readouterr().err


def test_bad_today_is_a_usage_error(make_site, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--site", str(make_site()), "--today", "2026-13-01"])
    assert exc.value.code == 2


def test_valid_site_loads_without_findings(make_site):
    root = make_site({"content/ok.md": GOOD})
    result = load(root)
    assert result.site is not None
    assert [f.rule for f in result.findings] == ["catalog-incomplete", "catalog-incomplete"]


def test_yaml_syntax_error_in_site_yaml_is_the_only_error(make_site, capsys):
    root = make_site({"site.yaml": "title: [测试\ngovernment: {name: 测试}\n"})
    status, errors = input_errors(root, capsys)
    assert status == 2
    assert len(errors) == 1 and "YAML 语法错误" in errors[0][2]


def test_codes_with_leading_zeros_stay_text(make_site):
    site = SITE_YAML.replace('org_code: "000000001"', "org_code: 006630001")
    result = load(make_site({"site.yaml": site, "content/ok.md": GOOD}))
    assert result.site is not None and result.site.config.government_org_code == "006630001"


def test_attachment_must_live_under_content(make_site, capsys):
    root = make_site({"content/a.md": notice_md(attachments="[/../site.yaml]"), "content/ok.md": GOOD})
    status, errors = input_errors(root, capsys)
    assert status == 2 and any("content/ 目录下" in m or "站点目录之外" in m for _, _, m in errors)
    root = make_site({"content/a.md": notice_md(attachments="[../site.yaml]")})
    status, errors = input_errors(root, capsys)
    assert status == 2 and any("应放在 content/ 目录下" in m for _, _, m in errors)


def test_department_override_keeps_what_it_does_not_set(make_site):
    department = DEPARTMENT_YAML + "  - id: dept-06\n    title: 执收执罚\n    timing: fixed\n"
    override = "items:\n  - id: dept-06\n    applicable: false\n    reason: 无执收执罚事项\n"
    summary_only = "items:\n  - id: dept-01\n    summary: 本局职能\n"
    root = make_site(
        {
            "catalog/department.yaml": department,
            "catalog/departments/czj.yaml": override + summary_only.removeprefix("items:\n"),
            "content/ok.md": GOOD,
        }
    )
    site = load(root).site
    assert site is not None
    assert site.items_by_key[("czj", "dept-06")].applicable is False
    dept_01 = site.items_by_key[("czj", "dept-01")]
    assert dept_01.applicable is True and dept_01.summary == "本局职能" and dept_01.title == "部门职能"


def test_missing_decided_is_reported_together_with_other_errors(make_site, capsys):
    root = make_site({"content/a.md": notice_md(item="gov-09", publised="x")})
    _, errors = input_errors(root, capsys)
    messages = [m for p, _, m in errors if p == "content/a.md"]
    assert any("未知的键" in m for m in messages) and any("'decided'" in m for m in messages)
