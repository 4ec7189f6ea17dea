"""Reading the files users commit: UTF-8 text, YAML that keeps line numbers, front matter.

Every problem becomes an `invalid-input` finding with `path:line`; nothing here raises on bad input.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Finding, input_error

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STR_TAG = "tag:yaml.org,2002:str"


class LineDict(dict[str, Any]):
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A YAML sequence that remembers the line of itself and of each item (1-based)."""

    line: int
    item_lines: list[int]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that keeps line numbers, reports duplicate keys and leaves dates as text.

    Dates stay strings so that an impossible date such as 2026-02-30 is reported by our own
    parser at its line, instead of escaping from PyYAML as a bare ValueError.
    """

    line_offset = 0
    problems: list[tuple[int, str]]


_INT_TAG = "tag:yaml.org,2002:int"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_TIMESTAMP_TAG, _INT_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# Decimal integers only: a code with leading zeros (org_code: 006630001) stays text instead of
# being read as a YAML 1.1 octal number, and 1_000 or 0x1F are not numbers in disclosure data.
_Loader.add_implicit_resolver(_INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))


def _line(loader: _Loader, node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1 + loader.line_offset


def _scalar_str(node: yaml.Node) -> str | None:
    """A plain string scalar's text without the generic constructor machinery (most values in
    front matter are strings, and this is the loader's hot path on large sites)."""
    if type(node) is yaml.ScalarNode and node.tag == _STR_TAG:
        return str(node.value)
    return None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = LineDict()
    data.line = _line(loader, node)
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = _scalar_str(key_node)
        if key is None:
            key = str(loader.construct_object(key_node, deep=True))
        if key in data:
            loader.problems.append((_line(loader, key_node), f"重复的键 '{key}'(第 {data.key_lines[key]} 行已有)"))
        value = _scalar_str(value_node)
        data[key] = value if value is not None else loader.construct_object(value_node, deep=True)
        data.key_lines[key] = _line(loader, key_node)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode):  # type: ignore[no-untyped-def]
    data = LineList()
    data.line = _line(loader, node)
    data.item_lines = [_line(loader, child) for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


@dataclass(frozen=True, slots=True)
class TextFile:
    path: str  # relative to the site root, POSIX separators
    text: str


def read_text(root: Path, rel: str, findings: list[Finding]) -> TextFile | None:
    """Read a UTF-8 file (a BOM is accepted, CRLF is normalised); None and a finding if it is not UTF-8."""
    try:
        with open(os.path.join(root, rel), "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        findings.append(input_error(rel, 1, f"无法读取文件:{exc.strerror or exc}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        findings.append(
            input_error(
                rel,
                line,
                f"文件不是 UTF-8 编码(第 {exc.start} 字节为 0x{raw[exc.start]:02X});请以 UTF-8 另存",
            )
        )
        return None
    return TextFile(rel, text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_yaml(text: str, path: str, findings: list[Finding], *, line_offset: int = 0) -> tuple[Any, bool]:
    """Parse YAML keeping line numbers; returns (data, ok). Syntax errors become findings."""
    loader = _Loader(text)
    loader.line_offset = line_offset
    loader.problems = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark is not None else line_offset + 1
        detail = " ".join(p for p in (exc.context, exc.problem) if p)
        findings.append(input_error(path, line, f"YAML 语法错误:{detail}"))
        return None, False
    except yaml.YAMLError as exc:
        findings.append(input_error(path, line_offset + 1, f"YAML 语法错误:{exc}"))
        return None, False
    finally:
        loader.dispose()
    for line, message in loader.problems:
        findings.append(input_error(path, line, message))
    return data, not loader.problems


@dataclass(frozen=True, slots=True)
class FrontMatterDocument:
    front_matter: str
    front_matter_line: int  # line of the first front-matter line (after the opening ---)
    body: str
    body_line: int  # line where the body starts


_FENCE = re.compile(r"^---[ \t]*$")
_END_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def split_front_matter(file: TextFile, findings: list[Finding]) -> FrontMatterDocument | None:
    """Split `---` front matter from a Markdown body; None and a finding if it is missing or unterminated."""
    lines = file.text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        findings.append(
            input_error(file.path, 1, "缺少 front matter:文件应以 '---' 行开头,在两行 '---' 之间写明标题等信息")
        )
        return None
    for index in range(1, len(lines)):
        if _END_FENCE.match(lines[index]):
            return FrontMatterDocument(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    findings.append(input_error(file.path, 1, "front matter 未结束:找不到结束的 '---' 行"))
    return None


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(value: Any) -> date | None:
    """A YYYY-MM-DD date, or None if the value is not a real calendar date."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
