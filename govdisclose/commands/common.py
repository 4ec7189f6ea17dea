"""What the commands that write into a site share: load it, and refuse to work on invalid input."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..findings_output import CheckReport, format_text
from ..loader import load_site
from ..model import Site
from ..schema import suggest


def load_valid_site(site_dir: Path, today: date, action: str, department: str | None = None) -> Site | None:
    """The site, or None after printing why not: its input errors, or an unknown department id."""
    loaded = load_site(site_dir, today)
    if loaded.site is None:
        sys.stdout.write(format_text(CheckReport(today, loaded.findings, None, 0, 0)))
        print(f"请先修正上述输入错误,再{action}。", file=sys.stderr)
        return None
    site = loaded.site
    if department is not None and site.config.department(department) is None:
        choices = [d.id for d in site.config.departments]
        print(f"govdisclose: 没有 id 为 '{department}' 的部门{suggest(department, choices)}", file=sys.stderr)
        return None
    return site
