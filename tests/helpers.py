"""Test helpers, in one place: throwaway projects, editing their files, the CLI, building a
site in-process, and Chromium with a quiet local web server for browser checks."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from iopkit.site.registry import Site

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# What a project needs besides its content: site configs, theme overrides, hand-written pages.
# (iopkit itself, its plugin and theme, comes installed, as in any program's repository.)
SITE_FILES = ["mkdocs.yml", "workbook.yml", "overrides", "curriculum/guide", "curriculum/workbook"]


def make_project(target: Path, content: Path = FIXTURES / "minimal") -> Path:
    """A copy of the project's site setup with the curriculum from `content`: its
    program.yml, modules/ and, if it has them, curriculum/tracks/ and locale/."""
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target / name)
    shutil.copy(content / "curriculum" / "program.yml", target / "curriculum" / "program.yml")
    shutil.copytree(content / "modules", target / "modules")
    if (content / "curriculum" / "tracks").is_dir():
        shutil.copytree(content / "curriculum" / "tracks", target / "curriculum" / "tracks")
    if (content / "locale").is_dir():
        shutil.copytree(content / "locale", target / "locale")
    return target


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first `old` in a project file; the fixture must still hold `old`."""
    path = root / rel
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def run_iopkit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as an editor would, in the project folder."""
    return subprocess.run([sys.executable, "-m", "iopkit", *args], cwd=root,
                          capture_output=True, text=True, timeout=300)


def build_site(root: Path, site: Site, out: Path) -> Path:
    """Build one site of a project in this process, with --strict, into `out`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from iopkit.build.run_mkdocs import site_config
    # The workbook in another language has a config of its own, as `iopkit build` writes it.
    config = site_config(root, site, None) if site.language else root / site.config_file
    try:
        build(load_config(str(config), site_dir=str(out), strict=True))
    finally:
        if site.language:
            config.unlink()
    return out


def build_all_sites(root: Path, out: Path) -> Path:
    """Every site of a project into out/<site name>/, side by side as they are published:
    the workbook in another language inside the workbook (workbook/<code>/)."""
    from iopkit.build.run_mkdocs import all_sites
    for site in all_sites(root):
        build_site(root, site, out / site.output.removeprefix("site/"))
    return out


# --- Chromium and a local web server -----------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
# Headless as root, with nothing reaching out to the network on its own.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def require_chromium() -> str:
    """Chromium's path; without it a browser test skips, except under CI=true, where a
    missing browser is a failure."""
    if not Path(CHROMIUM).exists():
        message = "Chromium is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    not_found: str | None = None  # page to answer a missing path with, as web hosts do

    def log_message(self, *args):  # keep test output readable
        pass

    # Tests rebuild a site and load its pages again within a second. Last-Modified counts
    # whole seconds, so a browser's conditional request could get "304 Not Modified" and
    # show the page as it was before the rebuild: every answer here is the file as it is now.
    def send_head(self):
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

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


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that stops reading (a page left mid-load) is not a test failure


def start_server(folder: Path, not_found: str | None = None) -> http.server.ThreadingHTTPServer:
    """Serve `folder` on 127.0.0.1 at a free port, in a daemon thread; shut it down after."""
    handler_class = type("Handler", (QuietHandler,), {"not_found": not_found})
    handler = functools.partial(handler_class, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_of(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


# --- checks a person would notice on any workbook page ------------------------------------

def tab_to(page, action: str, presses: int) -> None:
    """Press Tab, as a keyboard-only user does, until the control with `data-action`
    `action` has the focus; fails the test if `presses` Tabs never reach it."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.action") == action:
            return
    pytest.fail(f"Tab never reached the control data-action={action!r}")


def serious_accessibility_violations(browser, url: str, scheme: str, *, viewport=PHONE,
                                     init_script: str = "",
                                     prepare=None) -> list[tuple[str, str, int]]:
    """axe's serious and critical violations (rule, impact, elements) on the page at `url`,
    on a phone (or `viewport`), in the light or dark colour scheme; `init_script` runs before
    the page's own, and prepare(page) brings it to the state to check (a view opened)."""
    from axe_playwright_python.sync_playwright import Axe
    # axe is injected as a script, which the workbook's own CSP would rightly refuse.
    context = browser.new_context(viewport=viewport, bypass_csp=True, color_scheme=scheme)
    try:
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.goto(url)
        if prepare is not None:
            prepare(page)
        results = Axe().run(page)
    finally:
        context.close()
    return [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def assert_crisis_help_and_policy(page, url: str) -> None:
    """The page shows how to call 988, has the workbook's Content-Security-Policy, and
    nothing on it was refused by that policy."""
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'self'" in policy and "script-src 'self' 'sha256-" in policy
    assert page.locator('.iop-crisis a[href="tel:988"]').is_visible()
    assert refused == []


# --- the workbook in another language ------------------------------------------------------

MARK = " ⟨es⟩"  # what a made-up translation adds, so a test can tell it from the English


def translate_for_tests(root: Path, code: str = "es", name: str = "Español",
                        draft: bool = False) -> None:
    """List a language in program.yml and give every workbook string a made-up translation
    (the English with MARK after it; placeholders kept), as translators would finish it."""
    from babel.messages.pofile import read_po, write_po
    with (root / "curriculum/program.yml").open("a", encoding="utf-8") as program:
        program.write(f'\nlanguages:\n  - {{ code: {code}, name: "{name}", draft: {str(draft).lower()} }}\n')
    for action in ("extract", "update"):
        result = run_iopkit(root, "i18n", action)
        assert result.returncode == 0, result.stderr
    po = root / "locale" / f"{code}.po"
    with po.open("rb") as file:
        catalog = read_po(file, locale=code)
    for message in catalog:
        if isinstance(message.id, tuple):
            message.string = tuple(message.id[min(i, 1)] + MARK for i in range(3))
        elif message.id:
            message.string = message.id + MARK
    with po.open("wb") as file:
        write_po(file, catalog)
