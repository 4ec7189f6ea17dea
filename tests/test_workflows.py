"""Disclosure workflows: requests (依申请公开), public concerns, relations, expiry, reports."""

from __future__ import annotations

import re
from datetime import date

import pytest

from govdisclose.build import build_site
from govdisclose.cli import main
from govdisclose.model import Correction, Extension, InfoRequest, Location
from govdisclose.report.annual import request_table
from govdisclose.rules.requests import request_clock

from .conftest import SITE_YAML, evaluate_site, load, notice_md

NO_HALFYEAR = SITE_YAML + "rules:\n  halfyear: false\n"


def request_yaml(**fields: str) -> str:
    base = {
        "id": "2026-0001",
        "received": "2026-09-25",
        "channel": "网上",
        "applicant_type": "自然人",
        "subject": "申请公开某项目批复",
    }
    base.update(fields)
    lines = ["requests:"]
    first = True
    for key, value in base.items():
        lines.append(("  - " if first else "    ") + f"{key}: {value}")
        first = False
    return "\n".join(lines) + "\n"


def findings(root, today, rule=None):
    return [f for f in evaluate_site(root, today).findings if rule is None or f.rule == rule]


def clock_for(**kwargs) -> date | None:
    from govdisclose.calendar import WorkCalendar

    request = InfoRequest(
        id="x",
        department=None,
        channel="网上",
        applicant_type="自然人",
        subject="s",
        location=Location("r", 1),
        **kwargs,
    )
    return request_clock(request, WorkCalendar()).due


# --- the reply clock (条例 art. 30, 31, 33) ---------------------------------------------------


def test_reply_due_20_workdays_across_national_day():
    # Fri 25 Sep 2026 → 28, 29, 30 Sep; 1–7 Oct off; 8, 9, Sat 10 (调休), 12–16, 19–23, 26–29 Oct
    assert clock_for(received=date(2026, 9, 25)) == date(2026, 10, 29)


def test_correction_pause_stops_the_clock():
    # Received Mon 2 Nov 2026; 补正 asked Wed 4 Nov (2 workdays used), completed Fri 13 Nov;
    # the remaining 18 workdays run from Mon 16 Nov → Wed 9 Dec.
    due = clock_for(received=date(2026, 11, 2), corrections=(Correction(date(2026, 11, 4), date(2026, 11, 13)),))
    assert due == date(2026, 12, 9)
    assert clock_for(received=date(2026, 11, 2)) == date(2026, 11, 30)


def test_open_correction_has_no_due_date_yet():
    assert clock_for(received=date(2026, 11, 2), corrections=(Correction(date(2026, 11, 4), None),)) is None


def test_extension_adds_20_workdays():
    due = clock_for(received=date(2026, 9, 25), extension=Extension(date(2026, 10, 20), "需征求第三方意见"))
    assert due == date(2026, 11, 26)


@pytest.mark.parametrize(("today", "rules"), [("2026-10-29", ["due-soon"]), ("2026-10-30", ["request-overdue"])])
def test_unanswered_request_is_overdue_the_day_after_its_due_date(make_site, today, rules):
    root = make_site({"site.yaml": NO_HALFYEAR, "requests/2026.yaml": request_yaml()})
    found = [f for f in findings(root, today) if f.path == "requests/2026.yaml"]
    assert [f.rule for f in found] == rules
    if rules == ["request-overdue"]:
        assert found[0].due == date(2026, 10, 29) and found[0].days_overdue == 1 and found[0].line == 2
        assert "收到 2026-09-25 + 20个工作日 = 2026-10-29" in found[0].message


@pytest.mark.parametrize(("replied", "late"), [("2026-10-29", False), ("2026-11-03", True)])
def test_answered_request_on_the_due_date_is_on_time(make_site, replied, late):
    root = make_site(
        {"site.yaml": NO_HALFYEAR, "requests/2026.yaml": request_yaml(replied=replied, outcome="予以公开")}
    )
    found = findings(root, "2026-11-25", "request-late")
    assert bool(found) is late
    if late:
        assert found[0].days_overdue == 5


def test_correction_notice_within_7_workdays(make_site):
    late = request_yaml(
        corrections="[{asked: 2026-10-13, completed: 2026-10-14}]", replied="2026-10-20", outcome="予以公开"
    )
    root = make_site({"site.yaml": NO_HALFYEAR, "requests/2026.yaml": late})
    (f,) = findings(root, "2026-11-25", "request-correction-late")
    assert f.due == date(2026, 10, 12)  # 7 workdays after 25 Sep: 28, 29, 30 Sep, 8, 9, Sat 10, 12 Oct


def test_applicant_details_never_reach_findings(make_site, capsys):
    register = request_yaml(applicant="{name: 李秀英, phone: '13987654321'}")
    root = make_site({"site.yaml": NO_HALFYEAR, "requests/2026.yaml": register})
    for fmt in ("text", "json", "junit", "github"):
        main(["check", "--site", str(root), "--today", "2026-12-01", "--format", fmt])
        out = capsys.readouterr().out
        assert "request-overdue" in out
        assert "李秀英" not in out and "13987654321" not in out and "某项目批复" not in out


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ({"outcome": "不予公开", "replied": "2026-10-10"}, "须写明理由 'ground'"),
        ({"outcome": "不予公开", "ground": "属于国家机密", "replied": "2026-10-10"}, "您是否要写 '属于国家秘密'"),
        ({"replied": "2026-10-10"}, "须写明办理结果 'outcome'"),
        ({"channel": "微信"}, "'channel' 的值 '微信' 无效"),
        ({"replied": "2026-09-20", "outcome": "予以公开"}, "早于收到申请日期"),
        ({"extension": "{date: 2026-10-01}"}, "缺少必填键 'reason'"),
        ({"received": "2026-12-30"}, "晚于今天"),
    ],
)
def test_register_input_errors(make_site, capsys, extra, fragment):
    root = make_site({"requests/2026.yaml": request_yaml(**extra)})
    assert main(["check", "--site", str(root), "--today", "2026-11-25"]) == 2
    out = capsys.readouterr().out
    assert re.search(rf"^requests/2026\.yaml:\d+: .*{re.escape(fragment)}", out, re.M), out


# --- public concerns (热点难点问题: 一周内) ----------------------------------------------------


def concern_site(make_site, answer_published: str | None, received="2026-11-10"):
    files = {"site.yaml": NO_HALFYEAR}
    concern = f"concerns:\n  - id: C1\n    item: gov-12\n    received: {received}\n    topic: 城东积水问题\n"
    if answer_published:
        files["content/answer.md"] = notice_md(
            item="gov-12", published=answer_published, received=received, index_no="000000001/2026-00001"
        )
        concern += "    answer: 000000001/2026-00001\n"
    files["concerns/2026.yaml"] = concern
    return make_site(files)


@pytest.mark.parametrize(("published", "overdue"), [("2026-11-17", False), ("2026-11-18", True)])
def test_concern_answered_within_seven_days(make_site, published, overdue):
    root = concern_site(make_site, published)
    assert bool(findings(root, "2026-11-25", "concern-overdue")) is overdue


@pytest.mark.parametrize(("today", "rule"), [("2026-11-17", "due-soon"), ("2026-11-18", "concern-overdue")])
def test_unanswered_concern(make_site, today, rule):
    root = concern_site(make_site, None)
    assert [f.rule for f in findings(root, today) if f.path.startswith("concerns/")] == [rule]


def test_concern_answer_must_exist(make_site, capsys):
    root = make_site(
        {
            "concerns/a.yaml": "concerns:\n  - {id: C1, item: gov-12, received: 2026-11-10, topic: x, answer: 000000001/2026-00099}\n"
        }
    )
    assert main(["check", "--site", str(root), "--today", "2026-11-25"]) == 2
    assert "回应公告 '000000001/2026-00099' 不存在" in capsys.readouterr().out


def test_answering_notice_links_back_to_the_concern(make_site, tmp_path):
    root = concern_site(make_site, "2026-11-12")
    out = tmp_path / "out"
    assert build_site(root, out, date(2026, 11, 25), search=False).status == 0
    page = (out / "notices/000000001-2026-00001/index.html").read_text("utf-8")
    assert "本文回应群众关切" in page and "concerns/#concern-C1" in page
    concerns = (out / "concerns/index.html").read_text("utf-8")
    assert 'id="concern-C1"' in concerns and "城东积水问题" in concerns


def test_withheld_register_is_validated_and_never_listed(make_site, tmp_path, capsys):
    register = (
        "withheld:\n  - {id: W1, matter: 某涉密事项, ground: 国家秘密, approved_by: 保密局, approved: 2026-03-01}\n"
    )
    root = make_site({"site.yaml": NO_HALFYEAR, "withheld/2026.yaml": register, "content/a.md": notice_md()})
    assert build_site(root, tmp_path / "out", date(2026, 11, 25), search=False).status == 0
    assert not [p for p in (tmp_path / "out").rglob("*.html") if "某涉密事项" in p.read_text("utf-8")]
    bad = make_site({"withheld/2026.yaml": register.replace("国家秘密", "机密")})
    assert main(["check", "--site", str(bad), "--today", "2026-11-25"]) == 2
    assert "'ground' 的值 '机密' 无效" in capsys.readouterr().out


# --- relations and expiry ----------------------------------------------------------------------


def relation_site(make_site, key="replace"):
    return make_site({
        "site.yaml": NO_HALFYEAR,
        "content/old.md": notice_md(item="gov-09", decided="2026-01-01", published="2026-01-02",
                                    index_no="000000001/2026-00001", title="旧办法"),
        "content/new.md": notice_md(item="gov-09", decided="2026-11-01", published="2026-11-02",
                                    index_no="000000001/2026-00002", title="新办法", **{key: "000000001/2026-00001"}),
    })  # fmt: skip


@pytest.mark.parametrize(("key", "verb", "validity"), [("replace", "废止", "已废止"), ("amend", "修订", "已修改")])
def test_replaced_notice_links_to_its_replacement_and_back(make_site, tmp_path, key, verb, validity):
    out = tmp_path / "out"
    assert build_site(relation_site(make_site, key), out, date(2026, 11, 25), search=False).status == 0
    old = (out / "notices/000000001-2026-00001/index.html").read_text("utf-8")
    new = (out / "notices/000000001-2026-00002/index.html").read_text("utf-8")
    assert f'本文件已被<a href="../../notices/000000001-2026-00002/">《新办法》</a>{verb}' in old
    assert validity in old and "notice-banner" in old
    assert f'本文件{verb}了<a href="../../notices/000000001-2026-00001/">《旧办法》</a>' in new


def test_replacement_that_is_not_yet_published_changes_nothing(make_site, tmp_path):
    out = tmp_path / "out"
    assert build_site(relation_site(make_site), out, date(2026, 11, 1), search=False).status == 0
    old = (out / "notices/000000001-2026-00001/index.html").read_text("utf-8")
    assert "notice-banner" not in old


def test_replace_pointing_at_nothing_is_an_input_error(make_site, capsys):
    root = make_site({"content/a.md": notice_md(replace="000000001/2026-00099")})
    assert main(["check", "--site", str(root), "--today", "2026-11-25"]) == 2
    assert "content/a.md:5: 'replace' 指向的索引号 000000001/2026-00099 不存在" in capsys.readouterr().out


def test_notice_link_in_a_body_must_exist(make_site, capsys):
    root = make_site({"content/a.md": notice_md(body="见[某文件](notice:000000001/2026-00099)。")})
    assert main(["check", "--site", str(root), "--today", "2026-11-25"]) == 2
    assert "content/a.md:6: 链接 notice:000000001/2026-00099 指向的索引号不存在" in capsys.readouterr().out


@pytest.mark.parametrize(("today", "expired"), [("2026-11-30", False), ("2026-12-01", True)])
def test_notice_past_its_expiry_date_is_shown_as_expired(make_site, tmp_path, today, expired):
    root = make_site(
        {"content/a.md": notice_md(index_no="000000001/2026-00001", effective="2026-01-01", expires="2026-11-30")}
    )
    out = tmp_path / "out"
    assert build_site(root, out, date.fromisoformat(today), search=False).status == 0
    page = (out / "notices/000000001-2026-00001/index.html").read_text("utf-8")
    assert ("已于 2026-11-30 失效" in page) is expired


# --- half-year and annual reports --------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "rules"), [("2026-07-07", []), ("2026-07-15", ["due-soon"]), ("2026-07-16", ["halfyear-missing"])]
)
def test_half_year_report_due_15_july(make_site, today, rules):
    root = make_site({"content/a.md": notice_md(published="2026-03-01")})
    assert [f.rule for f in findings(root, today) if f.rule in ("halfyear-missing", "due-soon") and f.item is None
            and f.path == "site.yaml"] == rules  # fmt: skip


def test_half_year_report_for_the_second_half_is_due_15_january(make_site):
    root = make_site({"content/a.md": notice_md(published="2026-03-01")})
    assert not [f for f in findings(root, "2027-01-15") if f.rule == "halfyear-missing" and "下半年" in f.message]
    assert [f for f in findings(root, "2027-01-16") if f.rule == "halfyear-missing" and "2026年下半年" in f.message]


def test_generated_half_year_report_satisfies_the_rule(make_site, capsys):
    root = make_site({
        "content/a.md": notice_md(item="gov-02", published="2026-03-01", title="一季度统计数据", index_no="000000001/2026-00001"),
        "catalog/government.yaml": "items:\n  - {id: gov-02, title: 统计信息, timing: periodic}\n"
                                   "  - {id: gov-19, title: 其他事项, timing: ad-hoc}\n",
    })  # fmt: skip
    assert main(["report", "half-year", "2026H1", "--site", str(root), "--today", "2026-07-10"]) == 0
    path = root / capsys.readouterr().out.strip()
    text = path.read_text("utf-8")
    assert "report: half-year-2026H1" in text and "item: gov-19" in text
    assert "[一季度统计数据](notice:000000001/2026-00001)" in text
    assert "| 统计信息 | 定期公开(每月) | 1 | 2026-03-01 |" in text
    assert not [f for f in findings(root, "2026-07-20") if f.rule == "halfyear-missing"]
    # never overwritten
    assert main(["report", "half-year", "2026H1", "--site", str(root), "--today", "2026-07-10"]) == 2


@pytest.mark.parametrize(("owner", "deadline"), [(None, "2026-03-31"), ("czj", "2026-01-31")])
def test_annual_report_deadlines(make_site, owner, deadline):
    extra = {"department": "czj", "item": "dept-01"} if owner else {}
    root = make_site(
        {"site.yaml": NO_HALFYEAR, "content/a.md": notice_md(published="2025-06-01", **({"item": "gov-01"} | extra))}
    )
    due = date.fromisoformat(deadline)
    on_due = [f for f in findings(root, deadline, "annual-report-missing") if f.department == owner]
    after = [f for f in findings(root, date.fromordinal(due.toordinal() + 1).isoformat(), "annual-report-missing")
             if f.department == owner]  # fmt: skip
    assert on_due == [] and len(after) == 1 and after[0].due == due


def test_annual_report_table_balances(make_site, capsys):
    register = """\
requests:
  - {id: A1, received: 2024-12-20, channel: 网上, applicant_type: 自然人, subject: s, replied: 2025-01-10, outcome: 予以公开}
  - {id: A2, received: 2025-03-02, channel: 信函, applicant_type: 商业企业, subject: s, replied: 2025-03-20, outcome: 部分公开}
  - {id: A3, received: 2025-05-06, channel: 当面, applicant_type: 自然人, subject: s, replied: 2025-05-20, outcome: 不予公开, ground: 属于国家秘密}
  - {id: A4, received: 2025-12-28, channel: 网上, applicant_type: 法律服务机构, subject: s, replied: 2026-01-15, outcome: 无法提供, ground: 本机关不掌握相关政府信息}
"""
    withheld = "withheld:\n  - {id: W1, matter: m, ground: 商业秘密, approved_by: 办公室, approved: 2025-04-01}\n"
    root = make_site({
        "site.yaml": NO_HALFYEAR,
        "requests/2025.yaml": register,
        "withheld/2025.yaml": withheld,
        "catalog/government.yaml": "items:\n  - {id: gov-19, title: 其他事项, timing: ad-hoc}\n",
        "reports/annual-2025.yaml": "overview: 全年工作平稳推进。\nproactive: {licensing: 120}\n"
                                    "review_litigation: {review: {upheld: 2, corrected: 1}}\n",
    })  # fmt: skip
    assert main(["report", "annual", "--year", "2025", "--site", str(root), "--today", "2026-03-20"]) == 0
    text = (root / capsys.readouterr().out.strip()).read_text("utf-8")

    def row(label):
        line = next(ln for ln in text.splitlines() if ln.startswith(f"| {label}"))
        return [int(c) for c in line.strip("|").split("|")[1:]]

    assert row("一、本年新收") == [1, 1, 0, 0, 1, 0, 3]
    assert row("二、上年结转") == [1, 0, 0, 0, 0, 0, 1]
    assert row("(七)总计") == [2, 1, 0, 0, 0, 0, 3]
    assert row("四、结转下年度") == [0, 0, 0, 0, 1, 0, 1]
    assert row("1.属于国家秘密") == [1, 0, 0, 0, 0, 0, 1]
    assert [a + b for a, b in zip(row("一、本年新收"), row("二、上年结转"), strict=True)] == [
        a + b for a, b in zip(row("(七)总计"), row("四、结转下年度"), strict=True)
    ]
    assert "| 行政许可 | 120 |" in text and "| 行政复议 | 2 | 1 | 0 | 0 | 3 |" in text
    assert "全年工作平稳推进。" in text and "商业秘密 1 件" in text
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):  # fmt: skip
        assert f"## {heading}" in text
    assert load(root, "2026-03-20").site is not None  # the generated notice is valid input


def test_request_table_identity_holds_for_any_register():
    from hypothesis import given
    from hypothesis import strategies as st

    days = st.dates(min_value=date(2024, 6, 1), max_value=date(2026, 6, 1))

    @given(st.lists(st.tuples(days, st.integers(0, 60), st.booleans()), max_size=30))
    def check(entries):
        requests = []
        for i, (received, delay, answered) in enumerate(entries):
            replied = date.fromordinal(received.toordinal() + delay) if answered else None
            requests.append(InfoRequest(str(i), None, received, "网上", "自然人", "s", Location("r", 1),
                                        replied=replied, outcome="予以公开" if replied else None))  # fmt: skip
        table = request_table(requests, 2025)
        assert (
            table.row("new")[-1] + table.row("carried_in")[-1] == table.row("total")[-1] + table.row("carried_out")[-1]
        )

    check()


def test_applicant_written_as_text_is_an_error_that_does_not_quote_it(make_site, capsys):
    root = make_site({"requests/2026.yaml": request_yaml(applicant="张三 13800138000")})
    assert main(["check", "--site", str(root), "--today", "2026-11-25"]) == 2
    out = capsys.readouterr().out
    assert "'applicant' 应为映射" in out and "张三" not in out and "13800138000" not in out


def test_extension_decided_after_the_deadline_does_not_count(make_site):
    late = request_yaml(
        extension="{date: 2026-10-30, reason: 需征求第三方意见}", replied="2026-11-20", outcome="予以公开"
    )
    root = make_site({"site.yaml": NO_HALFYEAR, "requests/2026.yaml": late})
    found = findings(root, "2026-11-25", "request-late")
    assert any("延期无效" in f.message for f in found)
    assert any(f.due == date(2026, 10, 29) and "实际答复 2026-11-20" in f.message for f in found)


def test_report_is_not_generated_twice(make_site, capsys):
    root = make_site(
        {
            "catalog/government.yaml": "items:\n  - {id: gov-19, title: 其他事项, timing: ad-hoc}\n",
            "content/own.md": notice_md(
                item="gov-19", decided="2026-03-01", published="2026-03-02", report="annual-2025"
            ),
        }
    )
    assert main(["report", "annual", "--year", "2025", "--site", str(root), "--today", "2026-11-25"]) == 2
    assert "已有 report: annual-2025 的公告 content/own.md" in capsys.readouterr().err


def test_an_amended_notice_that_is_later_repealed_shows_as_repealed(make_site, tmp_path):
    root = make_site(
        {
            "site.yaml": NO_HALFYEAR,
            "content/old.md": notice_md(
                item="gov-09",
                decided="2025-01-01",
                published="2025-01-02",
                index_no="000000001/2025-00001",
                status="amended",
                changes="[{date: 2025-06-01, note: 修改第三条}]",
                title="旧办法",
            ),
            "content/new.md": notice_md(
                item="gov-09",
                decided="2026-11-01",
                published="2026-11-02",
                index_no="000000001/2026-00002",
                replace="000000001/2025-00001",
                title="新办法",
            ),
        }
    )
    out = tmp_path / "out"
    assert build_site(root, out, date(2026, 11, 25), search=False).status == 0
    old = (out / "notices/000000001-2025-00001/index.html").read_text("utf-8")
    assert "banner-withdrawn" in old and "已废止" in old


def test_notice_links_in_standalone_pages_are_checked(make_site, capsys):
    page = "---\ntitle: 指南\nslug: guide\n---\n见[目录](notice:000000001/2026-00077)。\n"
    root = make_site({"content/pages/guide.md": page, "content/a.md": notice_md()})
    assert main(["check", "--site", str(root), "--today", "2026-11-25"]) == 2
    assert "content/pages/guide.md:5: 链接 notice:000000001/2026-00077 指向的索引号不存在" in capsys.readouterr().out
