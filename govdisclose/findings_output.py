"""The output formats of `govdisclose check`: text (people), json, junit and github (machines)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .diagnostics import INVALID_INPUT, Finding, Severity
from .model import Site

SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


@dataclass(frozen=True)
class CheckReport:
    """What one `check` run found, with the counts its summary reports."""

    today: date
    findings: list[Finding]
    site: Site | None
    item_count: int
    notice_count: int

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


def format_text(report: CheckReport) -> str:
    """Grouped by government/department and item, in Chinese, each finding with its rule id."""
    out: list[str] = []
    input_errors = [f for f in report.findings if f.rule == INVALID_INPUT]
    if input_errors or report.site is None:
        out.extend(f"{f.location}: {f.message} [{f.rule}]" for f in report.findings if f.rule == INVALID_INPUT)
        out.append("")
        out.append(f"输入有误:{len(input_errors)} 处错误需要修正(未进行时效检查)。")
        return "\n".join(out) + "\n"

    site = report.site
    config = site.config
    out.append(f"{config.title} · 检查日期 {report.today} · 规则 {config.rules.preset}")
    owners: list[str | None] = [None, *(d.id for d in config.departments)]
    for owner in owners:
        own = [f for f in report.findings if f.department == owner]
        if not own:
            continue
        heading = config.owner_name(owner) + (f"({owner})" if owner else "")
        out.append("")
        out.append(heading)
        site_level = [f for f in own if f.item is None and not f.path.startswith("content/pages")]
        if site_level:
            out.append("  网站、目录与登记簿")
            out.extend(_finding_lines(site_level))
        for item in site.items_of(owner):
            of_item = [f for f in own if f.item == item.id]
            if of_item:
                out.append(f"  {item.id} {item.title} · {item.timing_zh}")
                out.extend(_finding_lines(of_item))
    unowned = [
        f for f in report.findings if f.department is None and f.item is None and f.path.startswith("content/pages")
    ]
    if unowned:
        out.append("")
        out.append("独立页面")
        out.extend(_finding_lines(unowned))
    out.append("")
    verdict = "未发现问题。" if not report.findings else ""
    out.append(
        f"结果:错误 {report.errors} 项,警告 {report.warnings} 项"
        f"(检查事项 {report.item_count} 个,公告 {report.notice_count} 篇)。{verdict}"
    )
    return "\n".join(out) + "\n"


def _finding_lines(findings: list[Finding]) -> list[str]:
    return [f"    {SEVERITY_ZH[f.severity]}[{f.rule}] {f.location}: {f.message}" for f in findings]


def format_json(report: CheckReport) -> str:
    """The documented JSON schema, exactly; keys in a fixed order."""
    document = {
        "today": report.today.isoformat(),
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "items": report.item_count,
            "notices": report.notice_count,
        },
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "department": f.department,
                "item": f.item,
                "notice": f.notice,
                "path": f.path,
                "line": f.line,
                "message": f.message,
                "due": f.due.isoformat() if f.due else None,
                "days_overdue": f.days_overdue,
            }
            for f in report.findings
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_junit(report: CheckReport) -> str:
    """JUnit XML: a testcase per item (per department for department items), per sub-site
    refresh, and per notice or input file with findings; errors are failures."""
    cases: list[tuple[str, str, list[Finding]]] = []
    site = report.site
    if site is not None:
        for owner in [None, *(d.id for d in site.config.departments)]:
            classname = "government" if owner is None else f"department.{owner}"
            cases.append(
                (
                    classname,
                    "网站更新 site-refresh",
                    [
                        f
                        for f in report.findings
                        if f.department == owner
                        and f.item is None
                        and f.notice is None
                        and not f.path.startswith("content/")
                    ],
                )
            )
            for item in site.items_of(owner):
                cases.append(
                    (
                        classname,
                        f"{item.id} {item.title}",
                        [
                            f
                            for f in report.findings
                            if f.department == owner and f.item == item.id and f.notice is None
                        ],
                    )
                )
    by_file: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.notice is not None or f.rule == INVALID_INPUT or f.path.startswith("content/"):
            by_file.setdefault(f.notice or f.path, []).append(f)
    for path, findings in sorted(by_file.items()):
        cases.append(("notice" if path.startswith("content/") else "input", path, findings))

    suites = ET.Element("testsuites", name="govdisclose check")
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=f"govdisclose check {report.today}",
        tests=str(len(cases)),
        failures=str(sum(any(f.severity is Severity.ERROR for f in fs) for _, _, fs in cases)),
        errors="0",
        skipped="0",
        timestamp=f"{report.today}T00:00:00",
    )
    for classname, name, findings in cases:
        case = ET.SubElement(suite, "testcase", classname=classname, name=name)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors:
            failure = ET.SubElement(case, "failure", message=errors[0].message, type=errors[0].rule)
            failure.text = "\n".join(f"{f.location}: [{f.rule}] {f.message}" for f in errors)
        warnings = [f for f in findings if f.severity is Severity.WARNING]
        if warnings:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{f.location}: [{f.rule}] {f.message}" for f in warnings)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: CheckReport) -> str:
    """GitHub Actions workflow commands: one ::error / ::warning annotation per finding."""
    lines = []
    for f in report.findings:
        props = f"file={_escape_property(f.path)}"
        if f.line is not None:
            props += f",line={f.line}"
        props += f",title={_escape_property(f.rule)}"
        lines.append(f"::{f.severity.value} {props}::{_escape_data(f.message)}")
    lines.append(f"govdisclose check {report.today}: {report.errors} error(s), {report.warnings} warning(s)")
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[CheckReport], str]] = {
    "text": format_text,
    "json": format_json,
    "junit": format_junit,
    "github": format_github,
}
