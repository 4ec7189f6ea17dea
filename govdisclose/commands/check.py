"""`govdisclose check`: validate a site and report stale or late disclosures."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..diagnostics import exit_status
from ..findings_output import FORMATS, CheckReport
from ..loader import load_site
from ..rules import evaluate
from ..write import write_file_atomically


def run_check(site_dir: Path, today: date, output_format: str, output: Path | None) -> int:
    """Check the site at `site_dir` as of `today`; print or write the report; return the exit status."""
    loaded = load_site(site_dir, today)
    findings = list(loaded.findings)
    if loaded.site is not None:
        findings.extend(evaluate(loaded.site, today).findings)
    findings.sort(key=lambda f: f.sort_key())
    report = CheckReport(today, findings, loaded.site, loaded.item_count, loaded.notice_count)
    text = FORMATS[output_format](report)
    if output is None:
        sys.stdout.write(text)
    else:
        write_file_atomically(output, text.encode("utf-8"))
    return exit_status(findings)
