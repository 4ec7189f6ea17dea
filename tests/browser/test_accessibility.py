"""axe-core scan of every page type: no serious or critical WCAG 2.x A/AA violation (GB/T 37668)."""

from __future__ import annotations

from importlib import resources

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

AXE = (resources.files("axe_playwright_python") / "axe.min.js").read_text("utf-8")

PAGE_TYPES = {
    "home": "",
    "department home": "dept/czj/",
    "catalog": "catalog/",
    "department catalog": "dept/jyj/catalog/",
    "item": "items/gov-18/",
    "department item": "dept/czj/items/dept-05/",
    "notice": "notices/006630001-2026-00029/",
    "withdrawn notice": "notices/006630001-2025-00186/",
    "status": "status/",
    "search with results": "search/?q=财政",
    "standalone page": "pages/guide/",
    "404": "404.html",
    "concerns": "concerns/",
    "apply with statistics": "pages/apply/",
    "annual report": "notices/006630001-2026-00162/",
    "annual report print": "notices/006630001-2026-00162/print/",
}


def serious_violations(page) -> list[str]:
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("kind", PAGE_TYPES, ids=list(PAGE_TYPES))
def test_page_type_has_no_serious_violation(page, base_url, kind):
    page.goto(base_url + PAGE_TYPES[kind])
    if kind.startswith("search"):
        expect(page.locator("#search-status")).to_contain_text("找到", timeout=15000)
    assert serious_violations(page) == []


def test_large_text_mode_has_no_serious_violation(page, base_url):
    page.goto(base_url + "notices/006630001-2026-00029/")
    page.get_by_role("button", name="大字版").click()
    assert serious_violations(page) == []


def test_keyboard_reaches_the_content_first(page, base_url):
    page.goto(base_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
