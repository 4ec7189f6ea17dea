"""Typed access to a YAML mapping that reports every bad or unknown key at its line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from .diagnostics import Finding, input_error
from .sources import LineDict, LineList, parse_date


def suggest(name: str, choices: Iterable[str]) -> str:
    """A Chinese ' (您是否要写 'x'?)' hint naming the nearest valid choice, or ''."""
    choices = list(choices)
    padded = re.sub(r"(?<=-)(\d)$", r"0\1", name)  # gov-2 → gov-02
    if padded != name and padded in choices:
        return f"(您是否要写 '{padded}'?)"
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"(您是否要写 '{close[0]}'?)" if close else ""


def type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    return f"'{value}'"


class Fields:
    """Reads the keys of one YAML mapping; every problem is appended to `findings` with its line.

    `what` names the mapping in messages (e.g. "公告", "目录事项").
    """

    def __init__(
        self,
        data: LineDict,
        path: str,
        findings: list[Finding],
        *,
        what: str,
        allowed: Iterable[str],
        required: Iterable[str] = (),
        notice: str | None = None,
    ) -> None:
        self.data = data
        self.path = path
        self.findings = findings
        self.what = what
        self.notice = notice
        self.ok = True
        allowed = list(allowed)
        for key in data:
            if key not in allowed:
                self.error(key, f"{what}中有未知的键 '{key}'{suggest(key, allowed)}")
        for key in required:
            if key not in data or data[key] is None or data[key] == "":
                self.error(None, f"{what}缺少必填键 '{key}'")

    def line(self, key: str | None = None) -> int:
        return self.data.line_of(key) if key is not None else self.data.line

    def error(self, key: str | None, message: str, *, line: int | None = None) -> None:
        self.ok = False
        self.findings.append(
            input_error(self.path, line if line is not None else self.line(key), message, notice=self.notice)
        )

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def text(self, key: str, default: str | None = None) -> str | None:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, dict | list):
            self.error(key, f"'{key}' 应为文字,而不是{type_name(value)}")
            return default
        if isinstance(value, bool):
            self.error(key, f"'{key}' 应为文字,而不是布尔值")
            return default
        text = str(value).strip()
        return text or default

    def date(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(key, f"'{key}' 不是有效日期:{type_name(value)}(应为存在的日期,格式 YYYY-MM-DD)")
        return parsed

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, f"'{key}' 应为 true 或 false,而不是{type_name(value)}")
            return default
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"'{key}' 应为整数,而不是{type_name(value)}")
            return default
        return value

    def choice(self, key: str, choices: Iterable[str], default: str | None) -> str | None:
        choices = list(choices)
        value = self.text(key)
        if value is None:
            return default
        if value not in choices:
            self.error(key, f"'{key}' 的值 '{value}' 无效,可选:{', '.join(choices)}{suggest(value, choices)}")
            return default
        return value

    def sequence(self, key: str) -> LineList | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, LineList):
            self.error(key, f"'{key}' 应为列表,而不是{type_name(value)}")
            return None
        return value

    def mapping(self, key: str) -> LineDict | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, LineDict):
            self.error(key, f"'{key}' 应为映射(键: 值),而不是{type_name(value)}")
            return None
        return value

    def mappings(self, key: str) -> list[LineDict]:
        """The items of a list of mappings; a non-mapping item is reported at its own line."""
        items = self.sequence(key)
        if items is None:
            return []
        result = []
        for value, line in zip(items, items.item_lines, strict=True):
            if isinstance(value, LineDict):
                result.append(value)
            else:
                self.error(key, f"'{key}' 的每一项应为映射,而不是{type_name(value)}", line=line)
        return result

    def texts(self, key: str) -> list[tuple[str, int]]:
        """The items of a list of strings, each with its line."""
        items = self.sequence(key)
        if items is None:
            return []
        result = []
        for value, line in zip(items, items.item_lines, strict=True):
            if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
                result.append((str(value).strip(), line))
            else:
                self.error(key, f"'{key}' 的每一项应为文字,而不是{type_name(value)}", line=line)
        return result

    def dates(self, key: str) -> list[tuple[date, int]]:
        """The items of a list of dates, each with its line."""
        result = []
        for value, line in self.texts(key):
            parsed = parse_date(value)
            if parsed is None:
                self.error(key, f"'{key}' 中 '{value}' 不是有效日期(格式 YYYY-MM-DD)", line=line)
            else:
                result.append((parsed, line))
        return result


def as_mapping(data: Any, path: str, findings: list[Finding], what: str, line: int = 1) -> LineDict | None:
    """`data` if it is a mapping; otherwise a finding (an empty file counts as an empty mapping)."""
    if data is None:
        empty = LineDict()
        empty.line = line
        empty.key_lines = {}
        return empty
    if not isinstance(data, LineDict):
        findings.append(
            input_error(path, getattr(data, "line", line), f"{what}应为映射(键: 值),而不是{type_name(data)}")
        )
        return None
    return data
