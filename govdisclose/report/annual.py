"""`govdisclose report annual --year 2025`: 政府信息公开工作年度报告 in the official 2021 format
(《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号).

What the site knows is computed: notices published, normative documents issued/repealed/in
force, and the whole of table 三 from the request register (新收 + 上年结转 = 办理结果 + 结转下年).
What only the office knows — the narrative, licensing and penalty figures, reviews and lawsuits —
comes from `reports/annual-<year>.yaml` (or `annual-<year>-<dept>.yaml`), see docs/registers.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..diagnostics import Finding
from ..model import APPLICANT_TYPES, OUTCOME_GROUNDS, WITHHELD_GROUNDS, InfoRequest, Notice, Site
from ..schema import Fields, as_mapping
from ..sources import parse_yaml, read_text
from . import GeneratedNotice, front_matter, markdown_table, owner_item

REPORTS_DIR = "reports"
_INPUT_KEYS = ("overview", "proactive", "review_litigation", "problems", "other")
_PROACTIVE_KEYS = ("regulations_issued", "regulations_repealed", "regulations_in_force", "licensing", "penalty",
                   "enforcement", "fees")  # fmt: skip
_CASE_KEYS = ("upheld", "corrected", "other", "pending")
_REVIEW_KEYS = ("review", "litigation", "litigation_after_review")


@dataclass(frozen=True)
class AnnualInput:
    """What the office fills in for the annual report."""

    overview: str = ""
    problems: str = ""
    other: str = ""
    proactive: dict[str, str] | None = None
    review_litigation: dict[str, dict[str, int]] | None = None


def input_path(year: int, department: str | None) -> str:
    return f"{REPORTS_DIR}/annual-{year}" + (f"-{department}" if department else "") + ".yaml"


def load_annual_input(root: Path, year: int, department: str | None, findings: list[Finding]) -> AnnualInput:
    """Read the office's input; a missing file gives an empty input (the report says so)."""
    rel = input_path(year, department)
    if not (root / rel).is_file():
        return AnnualInput()
    file = read_text(root, rel, findings)
    if file is None:
        return AnnualInput()
    data, ok = parse_yaml(file.text, rel, findings)
    data = as_mapping(data, rel, findings, "年度报告素材") if ok else None
    if data is None:
        return AnnualInput()
    f = Fields(data, rel, findings, what="年度报告素材", allowed=_INPUT_KEYS)
    proactive: dict[str, str] = {}
    if (p := f.mapping("proactive")) is not None:
        pf = Fields(p, rel, findings, what="proactive", allowed=_PROACTIVE_KEYS)
        proactive = {key: str(pf.text(key) or "") for key in _PROACTIVE_KEYS if pf.has(key)}
    review: dict[str, dict[str, int]] = {}
    if (r := f.mapping("review_litigation")) is not None:
        rf = Fields(r, rel, findings, what="review_litigation", allowed=_REVIEW_KEYS)
        for key in _REVIEW_KEYS:
            if (cases := rf.mapping(key)) is not None:
                cf = Fields(cases, rel, findings, what=key, allowed=_CASE_KEYS)
                review[key] = {k: cf.integer(k, 0) for k in _CASE_KEYS}
    return AnnualInput(
        overview=f.text("overview") or "",
        problems=f.text("problems") or "",
        other=f.text("other") or "",
        proactive=proactive,
        review_litigation=review,
    )


def _normative_counts(site: Site, department: str | None, year: int) -> tuple[int, int, int]:
    """规范性文件 issued in `year`, repealed in `year`, in force at the end of `year`."""
    end = date(year, 12, 31)
    docs = [n for n in site.notices if n.department == department and n.item == site.config.reports.normative]
    replaced_on = _replacement_dates(site)

    def repealed_on(n: Notice) -> date | None:
        # a withdrawn notice was repealed by its latest recorded change
        dates = [n.changes[-1].date] if n.status == "withdrawn" and n.changes else []
        if n.index_no and n.index_no in replaced_on:
            dates.append(replaced_on[n.index_no])
        return min(dates) if dates else None

    issued = sum(1 for n in docs if n.published.year == year)
    repealed = sum(1 for n in docs if (d := repealed_on(n)) and d.year == year)
    in_force = sum(
        1
        for n in docs
        if n.published <= end
        and not ((d := repealed_on(n)) and d <= end)
        and not (n.expires and n.expires < end)  # still in force on its last day
        and not (n.status == "expired" and not n.expires)
    )
    return issued, repealed, in_force


def _replacement_dates(site: Site) -> dict[str, date]:
    dates: dict[str, date] = {}
    for n in site.notices:
        for target in n.replace:
            dates[target] = min(dates.get(target, n.published), n.published)
    return dates


@dataclass(frozen=True)
class RequestTable:
    """Table 三: counts per row and applicant column."""

    rows: dict[str, Counter[str]]

    def row(self, key: str) -> list[int]:
        counts = self.rows.get(key, Counter())
        return [counts[t] for t in APPLICANT_TYPES] + [sum(counts.values())]


def request_table(requests: list[InfoRequest], year: int) -> RequestTable:
    """新收, 上年结转, 办理结果 by outcome and ground, 结转下年 — from the register."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows: dict[str, Counter[str]] = {}

    def add(key: str, r: InfoRequest) -> None:
        rows.setdefault(key, Counter())[r.applicant_type] += 1

    for r in requests:
        if start <= r.received <= end:
            add("new", r)
        if r.received < start and (r.replied is None or r.replied >= start):
            add("carried_in", r)
        if r.replied is not None and start <= r.replied <= end and r.received <= end:
            add(f"outcome:{r.outcome}", r)
            if r.ground:
                add(f"ground:{r.outcome}:{r.ground}", r)
            add("total", r)
        if r.received <= end and (r.replied is None or r.replied > end):
            add("carried_out", r)
    return RequestTable(rows)


_NUMERALS = "一二三四五六七八"


def _table_three(table: RequestTable) -> str:
    header = ["本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和", *APPLICANT_TYPES, "总计"]
    rows = [["一、本年新收政府信息公开申请数量", *table.row("new")]]
    rows.append(["二、上年结转政府信息公开申请数量", *table.row("carried_in")])
    rows.append(["三、本年度办理结果", *([""] * (len(APPLICANT_TYPES) + 1))])
    for index, (outcome, grounds) in enumerate(OUTCOME_GROUNDS.items()):
        label = f"({_NUMERALS[index]}){outcome}"
        if outcome == "部分公开":
            label += "(区分处理的,只计这一情形,不计其他情形)"
        rows.append([label, *table.row(f"outcome:{outcome}")])
        for number, ground in enumerate(grounds, 1):
            rows.append([f"{number}.{ground}", *table.row(f"ground:{outcome}:{ground}")])
    rows.append(["(七)总计", *table.row("total")])
    rows.append(["四、结转下年度继续办理", *table.row("carried_out")])
    return markdown_table(header, rows)


def _table_four(review: dict[str, dict[str, int]]) -> str:
    header = ["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    labels = {
        "review": "行政复议",
        "litigation": "行政诉讼(未经复议直接起诉)",
        "litigation_after_review": "行政诉讼(复议后起诉)",
    }
    rows = []
    for key, label in labels.items():
        cases = review.get(key, {})
        values = [cases.get(k, 0) for k in _CASE_KEYS]
        rows.append([label, *values, sum(values)])
    return markdown_table(header, rows)


def annual_report(site: Site, year: int, department: str | None, today: date, data: AnnualInput) -> GeneratedNotice:
    owner = site.config.owner_name(department)
    published = [n for n in site.notices if n.department == department and n.published.year == year and not n.report]
    requests = [r for r in site.requests if r.department == department]
    withheld = [w for w in site.withheld if w.department == department and w.approved.year == year]
    table = request_table(requests, year)
    issued, repealed, in_force = _normative_counts(site, department, year)
    proactive = data.proactive or {}
    new_total, done_total, carried = table.row("new")[-1], table.row("total")[-1], table.row("carried_out")[-1]
    withheld_counts = Counter(w.ground for w in withheld)
    withheld_text = (
        f"经保密审查,决定不予公开并报上级主管机关备案的事项 {len(withheld)} 件("
        + "、".join(f"{g} {withheld_counts[g]} 件" for g in WITHHELD_GROUNDS if withheld_counts[g])
        + ")。"
        if withheld
        else "本年度无经保密审查决定不予公开并备案的事项。"
    )
    missing = "(本部分内容由本机关在 " + f"`{input_path(year, department)}` 中填写。)"
    body = [
        f"本报告依据《中华人民共和国政府信息公开条例》第五十条和《中华人民共和国政府信息公开工作年度报告格式》"
        f"(国办公开办函〔2021〕30号)编制,统计期限自{year}年1月1日起至{year}年12月31日止。",
        "## 一、总体情况",
        f"{year}年,{owner}在政府信息公开专栏主动公开政府信息 {len(published)} 条;新收政府信息公开申请 {new_total} 件,"
        f"办结 {done_total} 件,结转下年度继续办理 {carried} 件。{withheld_text}",
        data.overview or missing,
        "## 二、主动公开政府信息情况",
        markdown_table(
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            [
                [
                    "规章",
                    proactive.get("regulations_issued", 0),
                    proactive.get("regulations_repealed", 0),
                    proactive.get("regulations_in_force", 0),
                ],
                ["行政规范性文件", issued, repealed, in_force],
            ],
        ),
        markdown_table(
            ["信息内容", "本年处理决定数量"],
            [
                ["行政许可", proactive.get("licensing", 0)],
                ["行政处罚", proactive.get("penalty", 0)],
                ["行政强制", proactive.get("enforcement", 0)],
            ],
        ),
        markdown_table(["信息内容", "本年收费金额(单位:万元)"], [["行政事业性收费", proactive.get("fees", 0)]]),
        "## 三、收到和处理政府信息公开申请情况",
        _table_three(table),
        "## 四、政府信息公开行政复议、行政诉讼情况",
        _table_four(data.review_litigation or {}),
        "## 五、存在的主要问题及改进情况",
        data.problems or missing,
        "## 六、其他需要报告的事项",
        data.other or missing,
    ]
    title = f"{owner}{year}年政府信息公开工作年度报告"
    head = front_matter(
        site,
        title=title,
        department=department,
        today=today,
        report=f"annual-{year}",
        summary=(
            f"{year}年主动公开政府信息 {len(published)} 条,新收政府信息公开申请 {new_total} 件,办结 {done_total} 件。"
        ),
    )
    folder = Path("content") / (department or "gov") / owner_item(site, department)
    return GeneratedNotice(folder / f"annual-report-{year}.md", head + "\n" + "\n\n".join(body) + "\n")
