"""Every timing rule at its boundary: on the due date (on time) and one day later (late)."""

from __future__ import annotations

from datetime import date

import pytest

from govdisclose.calendar import Window, add_months
from govdisclose.model import Footer, Rules, SiteConfig

from .conftest import SITE_YAML, evaluate_site, notice_md, rules_of

NATIONAL = SITE_YAML + "rules:\n  preset: national\n"


def findings_for(evaluation, rule):
    return [f for f in evaluation.findings if f.rule == rule]


# --- fixed items (固定公开: 一年更换一次) -------------------------------------------------------


@pytest.mark.parametrize(("today", "overdue"), [("2026-11-25", False), ("2026-11-26", True)])
def test_fixed_item_is_overdue_one_day_after_a_year(make_site, today, overdue):
    root = make_site({"content/a.md": notice_md(item="gov-01", published="2025-11-25")})
    evaluation = evaluate_site(root, today)
    found = findings_for(evaluation, "fixed-overdue")
    assert bool(found) is overdue
    if overdue:
        (f,) = found
        assert (f.item, f.department, f.due, f.days_overdue) == ("gov-01", None, date(2026, 11, 25), 1)
        assert "最近发布 2025-11-25 + 1年 = 2026-11-25" in f.message
        assert (f.path, f.line) == ("catalog/government.yaml", 2)


def test_fixed_item_review_date_restarts_the_year(make_site):
    gov = "items:\n  - id: gov-01\n    title: 规划\n    timing: fixed\n    reviewed: 2026-01-10\n"
    root = make_site({"catalog/government.yaml": gov, "content/a.md": notice_md(item="gov-01", published="2024-03-01")})
    assert rules_of(evaluate_site(root, "2027-01-10"), item="gov-01") == ["due-soon"]
    (f,) = findings_for(evaluate_site(root, "2027-01-11"), "fixed-overdue")
    assert "最近复核 2026-01-10 + 1年 = 2027-01-10" in f.message


def test_fixed_window_can_be_overridden(make_site):
    site = SITE_YAML + "rules:\n  fixed: 6 months\n"
    root = make_site({"site.yaml": site, "content/a.md": notice_md(item="gov-01", published="2026-05-25")})
    assert not findings_for(evaluate_site(root, "2026-11-25"), "fixed-overdue")
    assert findings_for(evaluate_site(root, "2026-11-26"), "fixed-overdue")


# --- periodic items (定期公开: 一般每月更换一次) -----------------------------------------------


@pytest.mark.parametrize(("today", "days"), [("2026-11-20", None), ("2026-11-21", 1), ("2026-12-20", 30)])
def test_monthly_item_due_one_month_after_last_publication(make_site, today, days):
    root = make_site({"content/a.md": notice_md(item="gov-02", published="2026-10-20")})
    found = findings_for(evaluate_site(root, today), "periodic-overdue")
    assert [f.days_overdue for f in found] == ([days] if days else [])
    if days:
        assert "最近发布 2026-10-20 + 1个月 = 2026-11-20" in found[0].message


@pytest.mark.parametrize(
    ("period", "published", "due"),
    [
        ("quarterly", "2026-08-31", "2026-11-30"),
        ("half-yearly", "2026-05-31", "2026-11-30"),
        ("yearly", "2025-02-28", "2026-02-28"),
        ("monthly", "2026-01-31", "2026-02-28"),
    ],
)
def test_period_lengths_and_month_end_clamping(make_site, period, published, due):
    gov = f"items:\n  - id: gov-02\n    title: 统计\n    timing: periodic\n    period: {period}\n"
    root = make_site({"catalog/government.yaml": gov, "content/a.md": notice_md(item="gov-02", published=published)})
    due_date = date.fromisoformat(due)
    on_due = evaluate_site(root, due)
    assert not findings_for(on_due, "periodic-overdue")
    assert on_due.schedule_of(None, "gov-02").due == due_date
    (late,) = findings_for(
        evaluate_site(root, date.fromordinal(due_date.toordinal() + 1).isoformat()), "periodic-overdue"
    )
    assert late.due == due_date and late.days_overdue == 1


def test_newest_notice_counts_not_the_first(make_site):
    root = make_site(
        {
            "content/a.md": notice_md(item="gov-02", published="2026-08-01"),
            "content/b.md": notice_md(item="gov-02", published="2026-11-02", title="十月数据"),
        }
    )
    assert not findings_for(evaluate_site(root, "2026-11-25"), "periodic-overdue")


# --- ad-hoc notices (随时公开: 形成决定后3天内) ----------------------------------------------


@pytest.mark.parametrize(("published", "late"), [("2026-11-05", None), ("2026-11-06", 1)])
def test_adhoc_notice_within_three_days_of_decision(make_site, published, late):
    root = make_site({"content/a.md": notice_md(item="gov-09", published=published, decided="2026-11-02")})
    found = findings_for(evaluate_site(root, "2026-11-25"), "adhoc-late")
    assert [f.days_overdue for f in found] == ([late] if late else [])
    if late:
        f = found[0]
        assert (f.notice, f.path, f.line, f.due) == ("content/a.md", "content/a.md", 4, date(2026, 11, 5))
        assert "成文日期 2026-11-02 + 3天 = 2026-11-05" in f.message


@pytest.mark.parametrize(("published", "late"), [("2026-10-30", False), ("2026-10-31", True)])
def test_national_preset_counts_20_workdays_across_national_day(make_site, published, late):
    # Decided Mon 28 Sep 2026: 29, 30 Sep; 1–7 Oct off; 8, 9 Oct; Sat 10 Oct is a 调休 working day;
    # the 20th working day after the decision is Fri 30 Oct.
    root = make_site(
        {
            "site.yaml": NATIONAL,
            "content/a.md": notice_md(item="gov-09", published=published, decided="2026-09-28"),
        }
    )
    found = findings_for(evaluate_site(root, "2026-11-25"), "adhoc-late")
    assert bool(found) is late
    if late:
        assert found[0].due == date(2026, 10, 30)
        assert "+ 20个工作日 = 2026-10-30" in found[0].message


@pytest.mark.parametrize(("published", "late"), [("2026-10-10", False), ("2026-10-11", True)])
def test_workday_window_lands_on_the_10_october_tiaoxiu_saturday(make_site, published, late):
    site = SITE_YAML + "rules:\n  ad_hoc: 3 workdays\n"
    root = make_site(
        {
            "site.yaml": site,
            "content/a.md": notice_md(item="gov-09", published=published, decided="2026-09-30"),
        }
    )
    found = findings_for(evaluate_site(root, "2026-11-25"), "adhoc-late")
    assert bool(found) is late
    if late:
        assert found[0].due == date(2026, 10, 10)


def test_site_calendar_overrides_move_the_deadline(make_site):
    # 2026-10-09 declared a holiday and 2026-10-11 (Sunday) a working day in site.yaml.
    site = SITE_YAML + "rules:\n  ad_hoc: 3 workdays\ncalendar:\n  holidays: [2026-10-09]\n  workdays: [2026-10-11]\n"
    root = make_site(
        {
            "site.yaml": site,
            "content/a.md": notice_md(item="gov-09", published="2026-10-12", decided="2026-09-30"),
        }
    )
    (f,) = findings_for(evaluate_site(root, "2026-11-25"), "adhoc-late")
    assert f.due == date(2026, 10, 11)


# --- hot issues (热点难点问题: 接到诉求后一周内) --------------------------------------------


@pytest.mark.parametrize(("published", "late"), [("2026-11-17", None), ("2026-11-18", 1)])
def test_hot_issue_answered_within_seven_days(make_site, published, late):
    root = make_site({"content/a.md": notice_md(item="gov-12", published=published, received="2026-11-10")})
    found = findings_for(evaluate_site(root, "2026-11-25"), "hot-issue-late")
    assert [f.days_overdue for f in found] == ([late] if late else [])
    if late:
        assert "收到诉求 2026-11-10 + 7天 = 2026-11-17" in found[0].message


# --- site refresh (网上公开: 最少每半月更新一次) ---------------------------------------------


@pytest.mark.parametrize(("today", "overdue"), [("2026-11-25", False), ("2026-11-26", True)])
def test_site_refresh_every_15_days(make_site, today, overdue):
    root = make_site(
        {
            "content/a.md": notice_md(item="gov-02", published="2026-11-10"),
            "content/b.md": notice_md(item="dept-01", department="czj", published="2026-11-10"),
        }
    )
    found = findings_for(evaluate_site(root, today), "site-refresh-overdue")
    # the whole site and the department sub-site, each on its own notices
    assert sorted(str(f.department) for f in found) == (["None", "czj"] if overdue else [])
    if overdue:
        assert all(f.due == date(2026, 11, 25) and f.days_overdue == 1 for f in found)


def test_department_sub_site_is_judged_on_its_own_notices(make_site):
    root = make_site(
        {
            "content/a.md": notice_md(item="gov-02", published="2026-11-20"),
            "content/b.md": notice_md(item="dept-01", department="czj", published="2026-10-01"),
        }
    )
    found = findings_for(evaluate_site(root, "2026-11-25"), "site-refresh-overdue")
    assert [(f.department, f.path, f.line) for f in found] == [("czj", "site.yaml", 7)]


def test_national_preset_refreshes_every_14_days(make_site):
    root = make_site({"site.yaml": NATIONAL, "content/a.md": notice_md(item="gov-02", published="2026-11-10")})
    assert not [
        f for f in findings_for(evaluate_site(root, "2026-11-24"), "site-refresh-overdue") if f.department is None
    ]
    assert [f for f in findings_for(evaluate_site(root, "2026-11-25"), "site-refresh-overdue") if f.department is None]


# --- empty items, scheduled notices, due soon ------------------------------------------------


def test_empty_item_replaces_the_overdue_finding(make_site):
    root = make_site({"content/a.md": notice_md(item="gov-01", published="2026-11-20")})
    evaluation = evaluate_site(root, "2026-11-25")
    assert rules_of(evaluation, item="gov-02") == ["item-empty"]
    assert rules_of(evaluation, item="gov-09") == ["item-empty"]
    assert rules_of(evaluation, item="dept-01") == ["item-empty"]


def test_not_applicable_item_is_not_checked(make_site):
    gov = "items:\n  - id: gov-02\n    title: 统计\n    timing: periodic\n"
    gov += "    applicable: false\n    reason: 由上级统计部门统一发布\n"
    root = make_site({"catalog/government.yaml": gov})
    assert rules_of(evaluate_site(root, "2026-11-25"), item="gov-02") == []


def test_scheduled_notice_does_not_count_yet(make_site):
    root = make_site({"content/a.md": notice_md(item="gov-02", published="2026-12-01")})
    assert rules_of(evaluate_site(root, "2026-11-30"), item="gov-02") == ["item-empty"]
    assert rules_of(evaluate_site(root, "2026-12-01"), item="gov-02") == []


@pytest.mark.parametrize(("today", "warned"), [("2026-11-23", False), ("2026-11-24", True), ("2026-12-01", True)])
def test_due_soon_warns_within_seven_days(make_site, today, warned):
    root = make_site({"content/a.md": notice_md(item="gov-02", published="2026-11-01")})  # due 2026-12-01
    found = [f for f in evaluate_site(root, today).findings if f.rule == "due-soon" and f.item == "gov-02"]
    assert bool(found) is warned
    if warned:
        assert found[0].severity == "warning" and found[0].due == date(2026, 12, 1)


# --- window arithmetic ----------------------------------------------------------------------


def test_window_parsing():
    assert Window.parse("3 days") == Window(3, "days")
    assert Window.parse("20 workdays") == Window(20, "workdays")
    assert Window.parse("1 year") == Window(1, "years")
    assert Window.parse("2 weeks") is None
    assert Window.parse("days") is None


def test_add_months_clamps_to_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_workdays_skip_spring_festival_and_count_tiaoxiu_weekends():
    config = SiteConfig(
        "t",
        "/",
        "zh-CN",
        "Asia/Shanghai",
        None,
        "g",
        None,
        (),
        Rules("source", *(Window(1, "days"),) * 5),
        frozenset(),
        frozenset(),
        Footer(),
    )
    cal = config.calendar()
    assert cal.is_workday(date(2026, 2, 14))  # Saturday 调休 before the Spring Festival
    assert not cal.is_workday(date(2026, 2, 17))  # 春节
    assert cal.add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert cal.add_workdays(date(2026, 2, 14), 1) == date(2026, 2, 24)
