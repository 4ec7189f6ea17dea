"""The registers an office keeps beside its notices (docs/registers.md):

- requests/<year>.yaml  依申请公开: every request for disclosure, its 补正, extension and reply;
- concerns/*.yaml       热点难点问题: public concerns and the notice that answered each;
- withheld/*.yaml       不予公开备案: matters not disclosed, the ground and the approving office.

Applicants' names and contact details may be kept under `applicant:` for the office's own use;
nothing under it is ever read into the model, so it cannot reach the site, the search index or
CI output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .diagnostics import Finding, input_error
from .model import (
    APPLICANT_TYPES,
    CHANNELS,
    OUTCOME_GROUNDS,
    WITHHELD_GROUNDS,
    CatalogItem,
    Concern,
    Correction,
    Extension,
    InfoRequest,
    Location,
    Withheld,
)
from .schema import Fields, as_mapping, suggest
from .sources import LineDict, parse_yaml, read_text

REQUESTS_DIR = "requests"
CONCERNS_DIR = "concerns"
WITHHELD_DIR = "withheld"

_REQUEST_KEYS = (
    "id",
    "department",
    "received",
    "channel",
    "applicant_type",
    "applicant",
    "subject",
    "corrections",
    "extension",
    "replied",
    "outcome",
    "ground",
    "note",
)
_CONCERN_KEYS = ("id", "department", "item", "received", "topic", "source", "answer")
_WITHHELD_KEYS = ("id", "department", "matter", "ground", "approved_by", "approved", "note")


def _entries(root: Path, folder: str, key: str, findings: list[Finding]) -> list[tuple[str, LineDict]]:
    """(file, entry) for every entry under `key:` in every YAML file of `folder`, in file order."""
    base = root / folder
    if not base.is_dir():
        return []
    result = []
    for path in sorted(base.glob("*.yaml")):
        rel = f"{folder}/{path.name}"
        file = read_text(root, rel, findings)
        if file is None:
            continue
        data, ok = parse_yaml(file.text, rel, findings)
        data = as_mapping(data, rel, findings, "登记簿") if ok else None
        if data is None:
            continue
        top = Fields(data, rel, findings, what="登记簿", allowed=(key,), required=(key,))
        result.extend((rel, entry) for entry in top.mappings(key))
    return result


class _Ids:
    """Reports duplicate ids across the files of one register."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def check(self, f: Fields, value: str | None) -> None:
        if value is None:
            return
        first = self.seen.setdefault(value, f"{f.path}:{f.line('id')}")
        if first != f"{f.path}:{f.line('id')}":
            f.error("id", f"编号 '{value}' 重复({first} 已使用)")


def _department(f: Fields, dept_ids: list[str]) -> str | None:
    dept = f.text("department")
    if dept is not None and dept not in dept_ids:
        f.error("department", f"site.yaml 中没有 id 为 '{dept}' 的部门{suggest(dept, dept_ids)}")
    return dept


def _not_future(f: Fields, key: str, value: date | None, today: date) -> None:
    if value is not None and value > today:
        f.error(key, f"'{key}' 日期 {value} 晚于今天 {today}:登记簿只记录已经发生的事")


def load_requests(root: Path, dept_ids: list[str], today: date, findings: list[Finding]) -> tuple[InfoRequest, ...]:
    ids = _Ids()
    result = []
    for rel, entry in _entries(root, REQUESTS_DIR, "requests", findings):
        f = Fields(
            entry,
            rel,
            findings,
            what="政府信息公开申请",
            allowed=_REQUEST_KEYS,
            required=("id", "received", "channel", "applicant_type", "subject"),
        )
        request_id = f.text("id")
        ids.check(f, request_id)
        department = _department(f, dept_ids)
        received, replied = f.date("received"), f.date("replied")
        channel = f.choice("channel", CHANNELS, None)
        applicant_type = f.choice("applicant_type", APPLICANT_TYPES, None)
        outcome = f.choice("outcome", OUTCOME_GROUNDS, None)
        ground = f.text("ground")
        # private: checked to be a mapping, never read — and never quoted in a message
        if "applicant" in entry and entry["applicant"] is not None and not isinstance(entry["applicant"], LineDict):
            f.error("applicant", "'applicant' 应为映射(如 {name: …, phone: …});其内容属于个人信息,此处不予显示")
        _not_future(f, "received", received, today)
        _not_future(f, "replied", replied, today)
        if received and replied and replied < received:
            f.error("replied", f"答复日期 {replied} 早于收到申请日期 {received}")
        if replied is not None and "outcome" not in entry:
            f.error("replied", "已答复的申请须写明办理结果 'outcome'")
        if outcome is not None and replied is None:
            f.error("outcome", "写明办理结果 'outcome' 的申请须写明答复日期 'replied'")
        if outcome is not None and OUTCOME_GROUNDS[outcome]:
            if ground is None:
                f.error("outcome", f"'{outcome}' 须写明理由 'ground',可选:{'、'.join(OUTCOME_GROUNDS[outcome])}")
            elif ground not in OUTCOME_GROUNDS[outcome]:
                f.error("ground", f"'{outcome}' 的理由 '{ground}' 无效{suggest(ground, OUTCOME_GROUNDS[outcome])}")
        elif ground is not None and outcome is not None:
            f.error("ground", f"办理结果 '{outcome}' 不需要理由 'ground'")
        elif ground is not None and "outcome" not in entry:
            f.error("ground", "写明理由 'ground' 的申请须同时写明办理结果 'outcome'")
        corrections = _corrections(f, received, today)
        extension = _extension(f, received)
        if extension is not None:
            _not_future(f, "extension", extension.date, today)
        if not f.ok or None in (request_id, received, channel, applicant_type):
            continue
        result.append(
            InfoRequest(
                id=request_id,  # type: ignore[arg-type]
                department=department,
                received=received,  # type: ignore[arg-type]
                channel=channel,  # type: ignore[arg-type]
                applicant_type=applicant_type,  # type: ignore[arg-type]
                subject=f.text("subject") or "",
                location=Location(rel, entry.line),
                corrections=tuple(corrections),
                extension=extension,
                replied=replied,
                outcome=outcome,
                ground=ground,
            )
        )
    return tuple(result)


def _corrections(f: Fields, received: date | None, today: date) -> list[Correction]:
    result = []
    for entry in f.mappings("corrections"):
        c = Fields(entry, f.path, f.findings, what="补正", allowed=("asked", "completed"), required=("asked",))
        asked, completed = c.date("asked"), c.date("completed")
        _not_future(c, "asked", asked, today)
        _not_future(c, "completed", completed, today)
        if asked and received and asked < received:
            c.error("asked", f"补正日期 {asked} 早于收到申请日期 {received}")
        if asked and completed and completed < asked:
            c.error("completed", f"补正完成日期 {completed} 早于要求补正日期 {asked}")
        if c.ok and asked is not None:
            result.append(Correction(asked, completed))
        f.ok = f.ok and c.ok
    return sorted(result, key=lambda c: c.asked)


def _extension(f: Fields, received: date | None) -> Extension | None:
    data = f.mapping("extension")
    if data is None:
        return None
    e = Fields(data, f.path, f.findings, what="延期", allowed=("date", "reason"), required=("date", "reason"))
    day, reason = e.date("date"), e.text("reason")
    if day and received and day < received:
        e.error("date", f"延期日期 {day} 早于收到申请日期 {received}")
    f.ok = f.ok and e.ok
    return Extension(day, reason) if e.ok and day and reason else None


def load_concerns(
    root: Path,
    items: dict[tuple[str | None, str], CatalogItem],
    dept_ids: list[str],
    today: date,
    findings: list[Finding],
) -> tuple[Concern, ...]:
    ids = _Ids()
    result = []
    for rel, entry in _entries(root, CONCERNS_DIR, "concerns", findings):
        f = Fields(
            entry, rel, findings, what="群众关切", allowed=_CONCERN_KEYS, required=("id", "received", "topic", "item")
        )
        concern_id, item_id = f.text("id"), f.text("item")
        ids.check(f, concern_id)
        department = _department(f, dept_ids)
        received = f.date("received")
        _not_future(f, "received", received, today)
        if item_id is not None and (department, item_id) not in items:
            choices = [k[1] for k in items if k[0] == department]
            f.error("item", f"公开目录中没有事项 '{item_id}'{suggest(item_id, choices)}")
        if not f.ok or concern_id is None or item_id is None or received is None:
            continue
        result.append(
            Concern(
                id=concern_id,
                department=department,
                item=item_id,
                received=received,
                topic=f.text("topic") or "",
                source=f.text("source"),
                answer=f.text("answer"),
                location=Location(rel, entry.line),
            )
        )
    return tuple(result)


def check_concern_answers(concerns: tuple[Concern, ...], index_numbers: set[str], findings: list[Finding]) -> None:
    """An `answer:` must name a notice by its 索引号."""
    for concern in concerns:
        if concern.answer is not None and concern.answer not in index_numbers:
            findings.append(
                input_error(
                    concern.location.path,
                    concern.location.line,
                    f"群众关切 '{concern.id}' 的回应公告 '{concern.answer}' 不存在(answer 应为回应公告的索引号)",
                )
            )


def load_withheld(root: Path, dept_ids: list[str], today: date, findings: list[Finding]) -> tuple[Withheld, ...]:
    ids = _Ids()
    result = []
    for rel, entry in _entries(root, WITHHELD_DIR, "withheld", findings):
        f = Fields(
            entry,
            rel,
            findings,
            what="不予公开备案",
            allowed=_WITHHELD_KEYS,
            required=("id", "matter", "ground", "approved_by", "approved"),
        )
        withheld_id = f.text("id")
        ids.check(f, withheld_id)
        department = _department(f, dept_ids)
        ground = f.choice("ground", WITHHELD_GROUNDS, None)
        approved = f.date("approved")
        _not_future(f, "approved", approved, today)
        if not f.ok or withheld_id is None or ground is None or approved is None:
            continue
        result.append(
            Withheld(
                id=withheld_id,
                department=department,
                matter=f.text("matter") or "",
                ground=ground,
                approved_by=f.text("approved_by") or "",
                approved=approved,
                location=Location(rel, entry.line),
            )
        )
    return tuple(result)
