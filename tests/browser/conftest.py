"""Browser tests: Debian's Chromium driven by Playwright, against built sites served on
127.0.0.1. Without Chromium they skip with a message, except under CI=true, where a
missing browser is a failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import LAUNCH_ARGS, PHONE, REPO, build_site, require_chromium, start_server, url_of
from iopkit.site.registry import SITES


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def serve():
    """serve(folder[, not_found=page]) -> base URL of that folder on 127.0.0.1 (a free port)."""
    servers = []

    def start(folder: Path, not_found: str | None = None) -> str:
        servers.append(start_server(folder, not_found))
        return url_of(servers[-1])

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory) -> Path:
    """Every site of the real curriculum, side by side as they are published."""
    out = tmp_path_factory.mktemp("published")
    for site in SITES:
        build_site(REPO, site, out / site.name)
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
