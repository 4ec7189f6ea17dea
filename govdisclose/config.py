"""site.yaml → SiteConfig. Every key is declared here once, with its default."""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import fields as dataclass_fields
from pathlib import Path

from .calendar import Window
from .diagnostics import Finding, input_error
from .model import RULE_PRESETS, Department, Footer, Location, ReportItems, Rules, SiteConfig
from .schema import Fields, as_mapping
from .sources import parse_yaml, read_text

SITE_FILE = "site.yaml"
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

_SITE_KEYS = (
    "title",
    "base_url",
    "language",
    "timezone",
    "site_code",
    "government",
    "departments",
    "rules",
    "calendar",
    "footer",
    "reports",
)
_RULE_KEYS = ("preset", *RULE_PRESETS["source"].keys(), "halfyear")
_FOOTER_KEYS = tuple(f.name for f in dataclass_fields(Footer))
_REPORT_KEYS = tuple(f.name for f in dataclass_fields(ReportItems))


def load_config(root: Path, findings: list[Finding]) -> SiteConfig | None:
    """Read and validate site.yaml; None if it cannot be used at all (the findings say why)."""
    if not (root / SITE_FILE).is_file():
        findings.append(input_error(SITE_FILE, 1, f"找不到站点配置文件 {SITE_FILE}(站点目录:{root})"))
        return None
    file = read_text(root, SITE_FILE, findings)
    if file is None:
        return None
    data, ok = parse_yaml(file.text, SITE_FILE, findings)
    if not ok:
        return None
    data = as_mapping(data, SITE_FILE, findings, "站点配置")
    if data is None:
        return None
    site = Fields(data, SITE_FILE, findings, what="站点配置", allowed=_SITE_KEYS, required=("title", "government"))

    timezone = site.text("timezone", "Asia/Shanghai") or "Asia/Shanghai"
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        site.error("timezone", f"未知的时区 '{timezone}'(例如 Asia/Shanghai)")
        timezone = "Asia/Shanghai"

    gov_name, gov_code = "", None
    gov_data = site.mapping("government")
    if gov_data is not None:
        gov = Fields(gov_data, SITE_FILE, findings, what="government", allowed=("name", "org_code"), required=("name",))
        gov_name = gov.text("name") or ""
        gov_code = gov.text("org_code")

    departments = _departments(site)
    rules = _rules(site)
    holidays, workdays = frozenset(), frozenset()
    cal_data = site.mapping("calendar")
    if cal_data is not None:
        cal = Fields(cal_data, SITE_FILE, findings, what="calendar", allowed=("holidays", "workdays"))
        holidays = frozenset(d for d, _ in cal.dates("holidays"))
        workdays = frozenset(d for d, _ in cal.dates("workdays"))
        for day in sorted(holidays & workdays):
            cal.error(None, f"日期 {day} 同时列为节假日和工作日")

    footer = Footer()
    footer_data = site.mapping("footer")
    if footer_data is not None:
        foot = Fields(footer_data, SITE_FILE, findings, what="footer", allowed=_FOOTER_KEYS)
        footer = Footer(**{key: foot.text(key) for key in _FOOTER_KEYS})

    reports = ReportItems()
    reports_data = site.mapping("reports")
    if reports_data is not None:
        rep = Fields(reports_data, SITE_FILE, findings, what="reports", allowed=_REPORT_KEYS)
        reports = ReportItems(**{key: rep.text(key) or getattr(reports, key) for key in _REPORT_KEYS})
        site.ok = site.ok and rep.ok

    if not site.ok:
        return None
    return SiteConfig(
        title=site.text("title") or "",
        base_url=(site.text("base_url") or "/").rstrip("/") + "/",
        language=site.text("language", "zh-CN") or "zh-CN",
        timezone=timezone,
        site_code=site.text("site_code"),
        government_name=gov_name,
        government_org_code=gov_code,
        departments=departments,
        rules=rules,
        holidays=holidays,
        workdays=workdays,
        footer=footer,
        reports=reports,
    )


def _departments(site: Fields) -> tuple[Department, ...]:
    result: list[Department] = []
    seen: dict[str, int] = {}
    for entry in site.mappings("departments"):
        dept = Fields(
            entry, SITE_FILE, site.findings, what="部门", allowed=("id", "name", "org_code"), required=("id", "name")
        )
        dept_id, name = dept.text("id"), dept.text("name")
        if not dept.ok or dept_id is None or name is None:
            site.ok = False
            continue
        if not SLUG.match(dept_id):
            dept.error("id", f"部门 id '{dept_id}' 只能使用小写字母、数字、'-' 和 '_'(它会成为网址的一部分)")
            site.ok = False
            continue
        if dept_id in seen:
            dept.error("id", f"部门 id '{dept_id}' 重复(第 {seen[dept_id]} 行已定义)")
            site.ok = False
            continue
        seen[dept_id] = entry.line_of("id")
        result.append(Department(dept_id, name, dept.text("org_code"), Location(SITE_FILE, entry.line)))
    return tuple(result)


def _rules(site: Fields) -> Rules:
    rules_data = site.mapping("rules")
    values = dict(RULE_PRESETS["source"])
    preset = "source"
    if rules_data is not None:
        rules = Fields(rules_data, SITE_FILE, site.findings, what="rules", allowed=_RULE_KEYS)
        preset = rules.choice("preset", RULE_PRESETS, "source") or "source"
        values = dict(RULE_PRESETS[preset])
        for key in RULE_PRESETS["source"]:
            text = rules.text(key)
            if text is None:
                continue
            window = Window.parse(text)
            if window is None or window.count <= 0:
                rules.error(key, f"时限 '{text}' 无效:应写作 '<数字> days|workdays|months|years',例如 '3 days'")
                continue
            values[key] = window
        halfyear = rules.boolean("halfyear", preset == "source")
        site.ok = site.ok and rules.ok
        return Rules(preset=preset, **values, halfyear=halfyear)
    return Rules(preset=preset, **values, halfyear=True)
