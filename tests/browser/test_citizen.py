"""What a citizen does on the demo site, in a real browser (Playwright + Debian's chromium)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LICENSING_LIST = "示例市人民政府关于公布市级行政许可事项清单(2026年版)的通知"
BUDGET = "关于示例市2025年预算执行情况和2026年预算草案的报告"
TAIWAN = "示例市人民政府关于印发示例市促进台资和港澳资企业高质量发展若干措施的通知"
WITHDRAWN = "示例市人民政府关于印发示例市城区户外广告设置管理暂行办法的通知"
REPEAL = "示例市人民政府关于废止部分规范性文件的决定"


def search(page, base_url, query="", **params):
    from urllib.parse import urlencode

    args = {"q": query, **params} if query else params
    page.goto(f"{base_url}search/?{urlencode(args)}")
    status = page.locator("#search-status")
    expect(status).to_contain_text(re.compile("找到|没有找到"), timeout=15000)
    return page.locator("#search-results > li")


def result_titles(results) -> list[str]:
    return [t.strip() for t in results.locator(".result-title").all_inner_texts()]


def test_home_to_catalog_to_item_to_notice(page, base_url):
    page.goto(base_url)
    expect(page).to_have_title(re.compile("首页"))
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开目录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开目录")
    page.get_by_role("link", name="财政预算、决算报告").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("财政预算、决算报告")
    page.get_by_role("link", name=BUDGET).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BUDGET)
    meta = page.locator("table.notice-meta")
    expect(meta).to_contain_text("索引号")
    expect(meta).to_contain_text("006630001/2026-00029")
    expect(meta).to_contain_text("所属类别")
    expect(page.locator(".attachments")).to_contain_text("2026-budget-tables.csv")


def test_department_sub_site(page, base_url):
    page.goto(base_url)
    page.get_by_role("link", name="示例市财政局").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("示例市财政局信息公开")
    page.get_by_role("navigation", name="部门子站导航").get_by_role("link", name="部门公开目录").click()
    expect(page.locator("main")).to_contain_text("本局未设行政事业性收费项目")  # a not-applicable reason is shown
    assert "/dept/czj/" in page.url


@pytest.mark.parametrize(
    ("query", "expected"),
    [("财政", BUDGET), ("行政许可", LICENSING_LIST), ("预算草案", BUDGET)],
)
def test_chinese_search_finds_the_right_notices(page, base_url, query, expected):
    results = search(page, base_url, query)
    titles = result_titles(results)
    assert expected in titles, titles


def test_traditional_query_finds_simplified_notices(page, base_url):
    simplified = result_titles(search(page, base_url, "预算草案"))
    traditional = result_titles(search(page, base_url, "預算草案"))
    assert BUDGET in traditional
    assert traditional == simplified


def test_simplified_query_finds_a_quoted_traditional_passage(page, base_url):
    titles = result_titles(search(page, base_url, "企业服务专窗"))  # the text says 企業服務專窗
    assert titles[:1] == [TAIWAN], titles


@pytest.mark.parametrize("query", ["示政〔2026〕14号", "示政[2026]14号", "示政（2026）14号", "006630001/2026-00056"])
def test_document_and_index_numbers_return_that_notice_first(page, base_url, query):
    results = search(page, base_url, query)
    first = results.first
    expect(first.locator(".result-title")).to_have_text(LICENSING_LIST)
    expect(first).to_contain_text("精确匹配")


def test_filter_by_department(page, base_url):
    results = search(page, base_url, "情况", dept="示例市财政局")
    expect(page.locator("#filter-dept")).to_have_value("示例市财政局")
    count = results.count()
    assert count > 0
    publishers = results.locator(".meta").all_inner_texts()
    assert all("示例市财政局" in p for p in publishers), publishers


def test_sort_by_date(page, base_url):
    results = search(page, base_url, "通知", sort="new")
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", m)[0] for m in results.locator(".meta").all_inner_texts()]
    assert dates == sorted(dates, reverse=True) and len(dates) > 3


def test_withdrawn_notice_shows_its_banner_and_reason(page, base_url):
    page.goto(f"{base_url}notices/006630001-2025-00186/")
    expect(page.get_by_role("heading", level=1)).to_have_text(WITHDRAWN)
    banner = page.locator(".notice-banner")
    expect(banner).to_contain_text("已废止")
    expect(banner).to_contain_text("示政〔2026〕30号")
    expect(page.locator(".history")).to_contain_text("2026-09-15")


def test_large_text_mode_persists_across_pages(page, base_url):
    page.goto(base_url)
    size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.get_by_role("button", name="大字版").click()
    expect(page.get_by_role("button", name="标准字号")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开目录").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府信息公开目录")
    page.wait_for_load_state("load")
    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger > size * 1.2


def test_readable_on_a_360px_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    for path in ("", "catalog/", "notices/006630001-2026-00029/", "status/", "search/?q=财政"):
        page.goto(base_url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    context.close()


def test_pages_work_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    page.get_by_role("link", name="更新情况").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("更新情况")
    expect(page.locator("main")).to_contain_text("2026-11-25")
    context.close()


def test_unknown_url_gets_the_404_page(page, base_url, demo_public: Path):
    assert (demo_public / "404.html").is_file()
    page.goto(f"{base_url}404.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("页面未找到")


def test_full_text_result_links_work_below_a_sub_path(page, base_url):
    results = search(page, base_url, "预算草案")
    results.locator(".result-title").get_by_text(BUDGET).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BUDGET)
    assert page.url.startswith(base_url + "notices/")


def test_exact_match_is_not_listed_twice(page, base_url):
    results = search(page, base_url, "示政〔2026〕14号")
    assert result_titles(results).count(LICENSING_LIST) == 1
