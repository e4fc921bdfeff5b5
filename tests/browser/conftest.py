"""Browser tests: Debian's Chromium driven by Playwright, against built sites served on
127.0.0.1. Without Chromium they skip with a message, except under CI=true, where a
missing browser is a failure."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from helpers import REPO

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found: str | None = None  # page to answer a missing path with, as web hosts do

    def log_message(self, *args):  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.not_found if self.not_found else None
        if code != 404 or page is None or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def serve():
    """serve(folder[, not_found=page]) -> base URL of that folder on 127.0.0.1 (a free port)."""
    servers = []

    def start(folder: Path, not_found: str | None = None) -> str:
        handler_class = type("Handler", (_QuietHandler,), {"not_found": not_found})
        handler = functools.partial(handler_class, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


def build_site(root: Path, config_file: str, out: Path) -> Path:
    build(load_config(str(root / config_file), site_dir=str(out), strict=True))
    return out


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory) -> Path:
    """Both sites of the real curriculum, side by side as they are published."""
    out = tmp_path_factory.mktemp("published")
    build_site(REPO, "mkdocs.yml", out / "facilitator")
    build_site(REPO, "workbook.yml", out / "workbook")
    return out


@pytest.fixture(scope="session")
def published_url(real_sites, serve) -> str:
    return serve(real_sites)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()
