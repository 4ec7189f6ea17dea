"""`govdisclose report half-year|annual`: write a report as a notice, ready to review and commit."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..findings_output import CheckReport, format_text
from ..report import GeneratedNotice, owner_item
from ..report.annual import annual_report, load_annual_input
from ..report.halfyear import half_year_report, parse_half
from .common import load_valid_site


def run_report(site_dir: Path, today: date, kind: str, period: str, department: str | None, published: date) -> int:
    site = load_valid_site(site_dir, today, "生成报告", department)
    if site is None:
        return 2
    item_id = owner_item(site, department)
    if (department, item_id) not in site.items_by_key:
        print(
            f"govdisclose: 报告应归入的目录事项 '{item_id}' 不存在;请在 site.yaml 的 reports: 中指定", file=sys.stderr
        )
        return 2
    key = f"half-year-{period.strip().upper()}" if kind == "half-year" else f"annual-{period}"
    existing = [n.path for n in site.notices if n.report == key and n.department == department]
    if existing:
        print(f"govdisclose: 已有 report: {key} 的公告 {existing[0]};不重复生成", file=sys.stderr)
        return 2
    if kind == "half-year":
        if parse_half(period) is None:
            print(f"govdisclose: 半年应写作 2026H1 或 2026H2,而不是 '{period}'", file=sys.stderr)
            return 2
        generated = half_year_report(site, period, department, published)
    else:
        if not period.isdigit() or not 2000 <= int(period) <= today.year:
            print(f"govdisclose: 年度 '{period}' 无效(应为已结束或当前的年份)", file=sys.stderr)
            return 2
        findings: list = []
        data = load_annual_input(site_dir, int(period), department, findings)
        if findings:
            sys.stdout.write(format_text(CheckReport(today, findings, None, 0, 0)))
            return 2
        generated = annual_report(site, int(period), department, published, data)
    return _write(site_dir, generated)


def _write(site_dir: Path, generated: GeneratedNotice) -> int:
    target = site_dir / generated.path
    if target.exists():
        print(
            f"govdisclose: {generated.path} 已存在;如需重新生成,请先删除或改名(已发布的报告不会被覆盖)", file=sys.stderr
        )
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(generated.text)
    print(generated.path.as_posix())
    return 0
