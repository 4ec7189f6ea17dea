"""Helpers for the commands that write new notice files (`new notice`, `report …`)."""

from __future__ import annotations

import yaml

from .loader import INDEX_NO


def next_index_no(existing: list[str], org_code: str, year: int) -> str:
    """The next free 索引号 `<org>/<year>-<serial>` after the highest serial already used."""
    used = [int(m[3]) for n in existing if (m := INDEX_NO.match(n)) and m[1] == org_code and int(m[2]) == year]
    return f"{org_code}/{year}-{max(used, default=0) + 1:05d}"


def yaml_scalar(value: str) -> str:
    """`value` as a one-line YAML scalar for front matter, quoted only when YAML needs it."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()
