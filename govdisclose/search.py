"""The search index: Pagefind (extended build, which segments Chinese words) through its Python
API, plus an exact-lookup table for document and index numbers.

- Records are added from the model, not by re-parsing the written HTML: title, 文号, 索引号 and
  body text, with filters (部门, 事项, 年份), a date sort key and the meta the results show.
- Traditional characters: record text is folded to simplified characters with OpenCC's
  character table, and search.js folds the query with the same table, so 財政 finds 财政 and a
  notice quoting a 繁體 document is found by a simplified query.
- Exact numbers: full-text ranking puts the wrong page first for a 文号 such as 示政办〔2026〕20号,
  so every 文号 and 索引号 is also written to a small sharded JSON table that search.js consults
  first (normalised the same way here and in search.js).
"""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex

from .model import Page
from .render.views import NoticeView

EXACT_SHARDS = 64
PAGEFIND_DIR = "pagefind"
EXACT_DIR = "search/exact"
T2S_FILE = "search/t2s.json"
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_OPENING = str.maketrans({c: "[" for c in "〔【[(（［"} | {c: "]" for c in "〕】])）］"})


@cache
def t2s_table() -> dict[str, str]:
    """Traditional → simplified, one character to one character (OpenCC TSCharacters)."""
    table: dict[str, str] = {}
    text = (resources.files("opencc") / "dictionary" / "TSCharacters.txt").read_text("utf-8")
    for line in text.splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[source] = target
    return table


@cache
def _t2s_translation() -> dict[int, str]:
    return str.maketrans(t2s_table())


def to_simplified(text: str) -> str:
    return text.translate(_t2s_translation())


def normalize_number(text: str) -> str:
    """The lookup key of a 文号 or 索引号: NFKC, brackets unified, no spaces, simplified, lower case."""
    folded = unicodedata.normalize("NFKC", text).translate(_OPENING)
    return to_simplified(_SPACE.sub("", folded)).lower()


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over UTF-8 bytes; search.js computes the same to find a key's shard."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value ^= byte
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value


def plain_text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def _notice_record(view: NoticeView) -> dict[str, object]:
    n = view.notice
    meta = {"title": n.title, "date": n.published.isoformat(), "publisher": view.publisher, "item": view.item.title}
    if n.doc_number:
        meta["doc_number"] = n.doc_number
    if n.index_no:
        meta["index_no"] = n.index_no
    if view.status != "active":
        meta["validity"] = view.validity
    body = plain_text(view.body.html) if view.body else ""
    # the title is indexed from the page heading; here only what follows it
    content = " ".join(p for p in (n.doc_number, n.index_no, n.summary, body) if p)
    return {
        "url": view.url.lstrip("/"),
        "content": to_simplified(content),
        "meta": meta,
        "filters": {"部门": [view.owner], "事项": [view.item.title], "年份": [view.year]},
        "sort": {"date": n.published.isoformat()},
    }


def _page_record(page: Page, url: str, body_html: str, owner: str) -> dict[str, object]:
    return {
        "url": url.lstrip("/"),
        "content": to_simplified(plain_text(body_html)),
        "meta": {"title": page.title, "publisher": owner},
        "filters": {"部门": [owner]},
        "sort": {"date": (page.updated.isoformat() if page.updated else "0000-00-00")},
    }


def exact_shards(views: list[NoticeView]) -> dict[int, dict[str, list[list[str]]]]:
    """shard number → {normalised number: [[url, title, date, publisher], …]} (newest first)."""
    shards: dict[int, dict[str, list[list[str]]]] = {}
    for view in views:
        n = view.notice
        entry = [view.url.lstrip("/"), n.title, n.published.isoformat(), view.publisher]
        for number in (n.doc_number, n.index_no):
            if number:
                key = normalize_number(number)
                shards.setdefault(fnv1a(key) % EXACT_SHARDS, {}).setdefault(key, []).append(entry)
    return shards


def _source_page(record: dict[str, Any]) -> str:
    """A minimal HTML page that tells Pagefind what to index for one record.

    Pagefind's Python API answers one request per 0.1 s, so adding 10,000 records one by one
    would take 17 minutes; instead these pages are written to a scratch folder that mirrors the
    site's URLs and indexed with a single add_directory request. Meta, filters and the sort key
    sit outside the indexed body, so they are stored but not searched.
    """
    esc = html.escape
    parts = [
        f'<!doctype html><html lang="{esc(record["language"])}"><head><meta charset="utf-8"></head><body>',
        *(f'<span data-pagefind-meta="{esc(k)}">{esc(v)}</span>' for k, v in record["meta"].items()),
        *(f'<span data-pagefind-filter="{esc(k)}">{esc(v)}</span>' for k, vs in record["filters"].items() for v in vs),
        *(f'<span data-pagefind-sort="{esc(k)}">{esc(v)}</span>' for k, v in record["sort"].items()),
        # the heading is indexed folded to simplified characters; results show the original title
        f"<main data-pagefind-body><h1>{esc(to_simplified(record['meta']['title']))}</h1>",
        f"<p>{esc(record['content'])}</p></main></body></html>",
    ]
    return "\n".join(parts)


async def _write_pagefind(source_dir: Path, out_dir: Path) -> None:
    async with PagefindIndex(IndexConfig(output_path=str(out_dir / PAGEFIND_DIR))) as index:
        await index.add_directory(str(source_dir))


def _run_async(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a coroutine to completion, also when the caller already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def write_search_index(
    out_dir: Path, views: list[NoticeView], pages: list[tuple[Page, str, str]], owner: str, language: str
) -> int:
    """Write the Pagefind bundle, the exact-number shards and the t2s table into `out_dir`;
    returns the number of records indexed. `pages` holds (page, url, body html)."""
    records = [_notice_record(v) for v in views] + [_page_record(p, url, body, owner) for p, url, body in pages]
    # the scratch pages live in memory where the system offers it (/dev/shm): only pagefind reads them
    shm = Path("/dev/shm")
    scratch_parent = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="govdisclose-search-", dir=scratch_parent) as scratch:
        for record in records:
            target = Path(scratch) / str(record["url"]) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_source_page({**record, "language": language}), encoding="utf-8")
        _run_async(_write_pagefind(Path(scratch), out_dir))
    exact_dir = out_dir / EXACT_DIR
    exact_dir.mkdir(parents=True, exist_ok=True)
    shards = exact_shards(views)
    for number in range(EXACT_SHARDS):
        data = json.dumps(shards.get(number, {}), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (exact_dir / f"{number:02d}.json").write_text(data, encoding="utf-8")
    (out_dir / T2S_FILE).write_text(
        json.dumps(t2s_table(), ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8"
    )
    return len(records)
