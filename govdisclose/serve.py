"""`govdisclose serve`: build, serve on 127.0.0.1, rebuild on every change and reload the page.

- The site is built into a private temporary folder, never into the user's public/.
- watchdog reports changes; rebuilds wait for changes to settle (editors write files in bursts).
- A rebuild renders without the search index first, so the edited page reloads quickly; the
  index is rebuilt right after and the previous one is served meanwhile.
- Open pages poll a tiny endpoint and reload when the build number changes.
- A broken file does not stop the server: its `path:line: message` errors are printed in the
  terminal and shown at the top of every page until it is fixed; the last good site is served.
"""

from __future__ import annotations

import html
import shutil
import signal
import sys
import tempfile
import threading
import time
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import BodyCache, BuildResult, build_site, index_site, rebuild_changed_notices
from .diagnostics import Finding
from .loader import is_notice_file

VERSION_PATH = "/__govdisclose/version"
SETTLE_SECONDS = 0.15
_IGNORED_PARTS = {".git", ".venv", "public", "__pycache__", ".pytest_cache", "node_modules", "bench"}

_RELOAD_SCRIPT = """<script>(function(){var v=%s;function poll(){fetch("%s",{cache:"no-store"})
.then(function(r){return r.text()}).then(function(t){if(t!==String(v)){location.reload()}else{setTimeout(poll,300)}})
.catch(function(){setTimeout(poll,1000)})}setTimeout(poll,300)})();</script>"""


class SiteServer:
    """Holds the current build state shared by the watcher thread and the HTTP handlers."""

    def __init__(self, site_dir: Path, today: date) -> None:
        self.site_dir = site_dir.resolve()
        self.today = today
        self.workdir = Path(tempfile.mkdtemp(prefix="govdisclose-serve-"))
        self.out_dir = self.workdir / "site"
        self.version = 0
        self.errors: list[Finding] = []
        self.cache = BodyCache()
        self.lock = threading.Lock()
        self.dirty = threading.Event()
        self.changed: set[str] = set()  # site-relative paths to look at in the next rebuild
        self.pending: set[str] = set()  # paths reported by the watcher, not yet settled
        self.lock_changes = threading.Lock()
        self.index_wanted = threading.Event()
        self.background_index = False  # the first build indexes in line, so search works at once
        self.last: BuildResult | None = None  # the last successful build

    @property
    def base_path(self) -> str:
        site = self.last.site if self.last else None
        if site is None:
            return "/"
        return urlsplit(site.config.base_url).path or "/"

    def rebuild(self, *, search: bool) -> BuildResult:
        started = time.perf_counter()
        with self.lock:
            changed, self.changed = self.changed, set()
            # a path that is gone again and has no file type was an editor's temporary file
            # (sed -i and many editors write one and rename it over the real file)
            changed = {rel for rel in changed if (self.site_dir / rel).exists() or PurePosixPath(rel).suffix}
            # Edited notices only: update the built site in place; anything else: build afresh.
            notices_only = bool(changed) and all(is_notice_file(rel) for rel in changed)
            if self.last is not None and notices_only and self.out_dir.is_dir():
                result = rebuild_changed_notices(self.last, changed, self.out_dir, self.today, self.cache)
            else:
                result = build_site(self.site_dir, self.out_dir, self.today, search=False, cache=self.cache)
                if result.status == 0 and search:
                    _carry_search_index(self.workdir / "search-index", self.out_dir)
            if result.status == 0:
                self.last = result
            else:
                self.changed |= changed  # the next rebuild must look at these files again
            self.errors = result.blocking
            self.version += 1
        if result.status:
            print(f"[{time.strftime('%H:%M:%S')}] 构建失败,继续提供上一次成功的版本:", file=sys.stderr)
            for f in self.errors:
                print(f"  {f.location}: {f.message} [{f.rule}]", file=sys.stderr)
            return result
        print(f"[{time.strftime('%H:%M:%S')}] 已重新生成:{result.pages} 个页面,{time.perf_counter() - started:.2f} 秒")
        if search and result.site is not None:
            if self.background_index:
                self.index_wanted.set()  # the indexing thread catches up; pages are live already
            else:
                self._index(result)
        return result

    def index_loop(self) -> None:
        """Rebuild the search index whenever asked, one at a time, from the latest good build;
        on a large site indexing takes much longer than a rebuild, so it never holds one up."""
        while True:
            self.index_wanted.wait()
            self.index_wanted.clear()
            latest = self.last
            if latest is None:
                continue
            try:
                self._index(latest)
            except Exception as exc:  # keep serving whatever happens in one indexing run
                print(f"生成搜索索引时出错:{exc!r}", file=sys.stderr)

    def _index(self, result: BuildResult) -> None:
        """Rebuild the search index after the pages, then serve it from the live folder."""
        assert result.site is not None and result.plan is not None
        staging = self.workdir / "search-index-new"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        index_site(staging, result.site, result.plan, result.page_bodies)
        with self.lock:
            shutil.rmtree(self.workdir / "search-index", ignore_errors=True)
            staging.rename(self.workdir / "search-index")
            _carry_search_index(self.workdir / "search-index", self.out_dir)

    def watch_loop(self) -> None:
        while True:
            self.dirty.wait()
            # let a burst of editor writes settle before building
            while True:
                self.dirty.clear()
                time.sleep(SETTLE_SECONDS)
                if not self.dirty.is_set():
                    break
            with self.lock_changes:
                self.changed |= self.pending
                self.pending = set()
            try:
                self.rebuild(search=True)
            except Exception as exc:  # keep serving whatever happens in one rebuild
                print(f"重新生成时出错:{exc!r}", file=sys.stderr)

    def close(self) -> None:
        shutil.rmtree(self.workdir, ignore_errors=True)


def _carry_search_index(index_dir: Path, out_dir: Path) -> None:
    """Copy the latest search index (pagefind/ and search/) into a freshly built folder."""
    if not index_dir.is_dir():
        return
    for name in ("pagefind", "search"):
        source = index_dir / name
        if source.is_dir():
            shutil.copytree(source, out_dir / name, dirs_exist_ok=True)


def _temporary(name: str) -> bool:
    """Editors' swap and backup files (vim's 4913 probe, foo.md~, foo.swp, foo.tmp)."""
    return name == "4913" or name.endswith(("~", ".swp", ".swx", ".tmp", ".bak"))


class _ChangeHandler(FileSystemEventHandler):
    def __init__(self, server: SiteServer) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type in ("modified", "created"):
            return  # the files inside report their own changes
        candidates = [Path(str(event.src_path))]
        if getattr(event, "dest_path", ""):
            candidates.append(Path(str(event.dest_path)))  # editors save by renaming a temporary file
        relevant = []
        for path in candidates:
            try:
                parts = path.relative_to(self.server.site_dir).parts
            except ValueError:
                continue
            if not parts or any(part in _IGNORED_PARTS or part.startswith(".") for part in parts):
                continue
            rel = "/".join(parts)
            # editors' short-lived temporary files that are gone again do not matter, but a
            # deleted page, catalog, register or template does
            deleted = event.event_type in ("deleted", "moved") and not _temporary(path.name)
            if path.exists() or is_notice_file(rel) or event.is_directory or deleted:
                relevant.append(rel)
        if not relevant:
            return
        with self.server.lock_changes:
            self.server.pending.update(relevant)
        self.server.dirty.set()


class _Handler(SimpleHTTPRequestHandler):
    state: SiteServer

    def __init__(self, *args: Any, state: SiteServer, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, directory=str(state.out_dir), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path.split("?")[0] == VERSION_PATH:
            self._send(200, "text/plain; charset=utf-8", str(self.state.version).encode())
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the base class redirects to the slash form
                return
            path = path / "index.html"
        if path.suffix == ".html" or not path.exists():
            target = path if path.exists() else self.state.out_dir / "404.html"
            status = 200 if path.exists() else 404
            if not target.exists():
                self._send(
                    status,
                    "text/html; charset=utf-8",
                    self._decorate('<!doctype html><html lang="zh-CN"><body></body></html>'),
                )
                return
            page = target.read_text("utf-8")
            if status == 404 and self.state.base_path != "/":
                # 404.html links from the production path (base_url); the preview serves at /
                page = page.replace(f'="{self.state.base_path}', '="/')
            self._send(status, "text/html; charset=utf-8", self._decorate(page))
            return
        super().do_GET()

    def _decorate(self, page: str) -> bytes:
        banner = ""
        if self.state.errors:
            items = "".join(
                f"<li><code>{html.escape(f.location)}</code>: {html.escape(f.message)} [{html.escape(f.rule)}]</li>"
                for f in self.state.errors
            )
            banner = (
                '<div id="govdisclose-errors" role="alert" style="background:#a8141a;color:#fff;padding:1rem;'
                'font:16px/1.6 sans-serif"><strong>构建失败,下面显示的是上一次成功生成的版本。请修正:</strong>'
                f"<ul>{items}</ul></div>"
            )
        script = _RELOAD_SCRIPT % (self.state.version, VERSION_PATH)
        if "<body>" in page:
            page = page.replace("<body>", "<body>" + banner, 1)
        return page.replace("</body>", script + "</body>", 1).encode("utf-8")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(site_dir: Path, today: date, port: int) -> int:
    """Serve until interrupted; returns the exit status."""
    state = SiteServer(site_dir, today)
    try:
        # bind first: a busy port is reported before any work is done
        httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, state=state))
    except OSError as exc:
        print(f"govdisclose: 无法监听 127.0.0.1:{port}:{exc.strerror}", file=sys.stderr)
        state.close()
        return 2
    # a `kill` (SIGTERM) stops the server like Ctrl-C, so the temporary folder is removed
    signal.signal(signal.SIGTERM, _interrupt)
    observer = Observer()
    observer.schedule(_ChangeHandler(state), str(state.site_dir), recursive=True)
    observer.start()  # before the first build, so edits saved during it are not missed
    first = state.rebuild(search=True)
    if first.status and not state.out_dir.exists():
        state.out_dir.mkdir(parents=True)
    state.background_index = True
    threading.Thread(target=state.index_loop, daemon=True).start()
    threading.Thread(target=state.watch_loop, daemon=True).start()
    print(f"正在预览 {state.site_dir} :http://127.0.0.1:{httpd.server_address[1]}/ (Ctrl-C 停止)")
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        print("\n已停止。")
    finally:
        observer.stop()
        httpd.server_close()
        state.close()
    return 0
