"""Disclosure workflows a citizen can follow in the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WITHDRAWN = "示例市人民政府关于印发示例市城区户外广告设置管理暂行办法的通知"
REPEAL = "示例市人民政府关于废止部分规范性文件的决定"
ANNUAL = "示例市人民政府2025年政府信息公开工作年度报告"


def test_withdrawn_notice_to_its_replacement_and_back(page, base_url):
    page.goto(f"{base_url}notices/006630001-2025-00186/")
    banner = page.locator(".notice-banner")
    expect(banner).to_contain_text("已废止")
    banner.get_by_role("link", name=f"《{REPEAL}》").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(REPEAL)
    relations = page.locator("section.relations")
    expect(relations).to_contain_text("本文件废止了")
    relations.get_by_role("link", name=f"《{WITHDRAWN}》").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(WITHDRAWN)
    assert page.url.endswith("/notices/006630001-2025-00186/")


def test_open_the_annual_report_from_the_reports_page(page, base_url):
    page.goto(base_url)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政府信息公开工作年度报告").click()
    page.locator(".report-list").get_by_role("link", name=ANNUAL).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ANNUAL)
    body = page.locator(".body")
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        expect(body.get_by_role("heading", name=heading)).to_be_visible()
    expect(body).to_contain_text("本列数据的勾稽关系为")
    page.get_by_role("link", name="打印版").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ANNUAL)
    page.emulate_media(media="print")
    expect(page.locator(".print-tools")).to_be_hidden()


def test_half_year_report_links_to_the_notices_it_lists(page, base_url):
    page.goto(f"{base_url}items/gov-19/")
    page.get_by_role("link", name=re.compile("2026年上半年政务公开综合情况")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026年上半年政务公开综合情况")
    links = page.locator(".body a")
    assert links.count() > 5
    links.first.click()
    expect(page.locator("table.notice-meta")).to_contain_text("索引号")


def test_apply_page_shows_statistics_only(page, base_url):
    page.goto(f"{base_url}pages/apply/")
    stats = page.locator(".request-stats")
    expect(stats).to_contain_text("2026 年")
    expect(stats).to_contain_text("收到申请")
    expect(stats).to_contain_text("只公开汇总数字")


def test_concerns_page_and_answer_backlink(page, base_url):
    page.goto(f"{base_url}concerns/")
    rows = page.locator("tbody tr")
    assert rows.count() == 7
    expect(page.locator("tbody")).to_contain_text("办理中")
    rows.locator("a").first.click()
    backlink = page.locator(".concern-link")
    expect(backlink).to_contain_text("本文回应群众关切")
    backlink.get_by_role("link").click()
    assert "/concerns/#concern-" in page.url
