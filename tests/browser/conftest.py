"""Real-browser fixtures: the demo site built once (with its search index), served on localhost,
and Playwright driving Debian's /usr/bin/chromium (no browser download)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from govdisclose.build import build_site

from ..conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: without the background-networking ones Chromium keeps trying to
# reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser dropping a connection mid-transfer is not a test failure


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def demo_public(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser-demo")
    for name in ("site.yaml", "catalog", "content", "requests", "concerns", "withheld", "reports"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    out = root / "public"
    result = build_site(root, out, date(2026, 11, 25), search=True)
    assert result.status == 0
    return out


@pytest.fixture(scope="session")
def base_url(demo_public) -> Iterator[str]:
    """The demo site served below a sub-path, as intranets do (http://127.0.0.1:PORT/zwgk/)."""
    served = demo_public.parent / "www"
    served.mkdir()
    (served / "zwgk").symlink_to(demo_public)
    server = _QuietServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(served)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/zwgk/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session", autouse=True)
def _patient_expectations():
    """A 2-core CI machine runs two test workers and Chromium at once: allow slow answers."""
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: `apt-get install -y chromium` (./run test does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(locale="zh-CN")
    foreign: list[str] = []
    # The site must never ask another host for anything (intranet deployment, no CDN).
    context.route(
        "**/*",
        lambda route: (
            (foreign.append(route.request.url) or route.abort())
            if not route.request.url.startswith("http://127.0.0.1:")
            else route.continue_()
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], f"JavaScript errors: {errors}"
